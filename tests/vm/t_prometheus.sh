#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# edgectl counters --prometheus against the real module with real traffic:
# promtool (Debian's prometheus) accepts the metrics; read with the
# Prometheus client library's parser, they say what `counters -j` says,
# every rule and zone counter with the labels of edgectl(8); written with
# --output into node_exporter's textfile directory, node_exporter
# (prometheus-node-exporter, on the namespace's loopback) serves them, and
# serves the new values once the file is written again. Management rules
# (two ports from one prefix: only the row tells them apart) and, with
# stateless media on, the relay's answers have their own rules: their
# samples too are counters -j's, each series once.
#
#   tests/vm/topo.sh: access 10.45.16.10 and av 10.45.16.30 on ext0,
#   172.25.33.10 on int0, the pool's two Front End servers
#
# check-kernels: 6.1
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/assert.sh"
. "$here/topo.sh"

work=$(mktemp -d)
textfile=$work/textfile
mkdir "$textfile"
e() { ip netns exec edge edgectl "$@"; }
promcheck() { /usr/bin/python3 "$here/../lib/promcheck.py" "$@"; }
# snapshot NAME [ARGS]: counters -j (NAME.json) and counters --prometheus
# ARGS (NAME.prom; with --output, the file) of one moment: taken again
# while a packet (IPv6 neighbour discovery, say) comes between them
# shellcheck disable=SC2317 # called through check
snapshot() {
	local name=$1
	shift
	for _ in $(seq 5); do
		e counters -j > "$work/$name.json"
		e counters --prometheus "$@" > "$work/$name.prom" || return 1
		e counters -j > "$work/$name.again"
		cmp -s "$work/$name.json" "$work/$name.again" && return 0
	done
	echo "the counters kept changing"
	return 1
}

check "module loads" modprobe edgefw
topo_up
e restore <<-EOF
	bind ext0 external
	bind int0 internal
	set-pool --front-end $TOPO_FE1 --front-end $TOPO_FE2
	add-role access --ip $TOPO_ACCESS4 --internal-ip $TOPO_EDGE_INT4
	add-role av --ip $TOPO_AV4
	add-mgmt --from 198.51.100.0/24 --tcp 22,2222 --zone external
EOF
# Nothing listens: answered by a reset or a port unreachable, or dropped.
ip netns exec inet "$here/probe.py" batch > "$work/probes" <<-EOF
	row3 tcp $TOPO_CLIENT4 $TOPO_ACCESS4:443
	row12a udp $TOPO_CLIENT4 $TOPO_AV4:3478
	row12b udp $TOPO_CLIENT4 $TOPO_AV4:3478
	row12c udp $TOPO_CLIENT4 $TOPO_AV4:3478
	drop1 udp $TOPO_CLIENT4 $TOPO_ACCESS4:9999 drop
	drop2 udp $TOPO_CLIENT4 $TOPO_ACCESS4:9999 drop
	mgmt22 tcp $TOPO_CLIENT4 $TOPO_ACCESS4:22
EOF
ip netns exec edge "$here/probe.py" batch >> "$work/probes" <<-EOF
	row16a tcp $TOPO_EDGE_INT4 $TOPO_FE1:5061
	row16b tcp $TOPO_EDGE_INT4 $TOPO_FE2:5061
EOF
check_eq "traffic: rows 3, 12 (three flows), management 22, 16 (both Front Ends) answered, two drops" \
	"refused refused refused refused drop drop refused refused refused" \
	"$(awk '{ print $2 }' "$work/probes" | paste -sd ' ')"

check "counters --prometheus, counters -j of one moment" snapshot first
check "promtool check metrics accepts it" sh -c "promtool check metrics < '$work/first.prom'"
check "real traffic counted: rows 3, 12, 16 (both Front Ends), management 22, the drops" \
	/usr/bin/python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))
n = lambda row: sorted(r["packets"] for r in d["rules"] if r["row"] == row and r["packets"])
m = sorted((r["port"], r["packets"]) for r in d["management"])
z = [z for z in d["zones"] if z["zone"] == "external"][0]
sys.exit(not (n(3) == [1] and n(12) == [3] and n(16) == [1, 1] and
              m == [(22, 1), (2222, 0)] and z["dropped_no_rule"] >= 2))' \
	"$work/first.json"
ev=$(edgectl -V 2>/dev/null | sed -n '1s/^edgectl \([^ ]*\) .*/\1/p')
mv=$(modinfo -F version edgefw)
check_eq "the values and labels of counters -j, nothing else; versions" ok \
	"$(promcheck json "$work/first.json" "$work/first.prom" "$ev" "${mv:-unknown}")"

umask 022
check "--output into node_exporter's textfile directory" \
	snapshot output --output "$textfile/edgefw.prom"
check_eq "nothing on stdout" "" "$(cat "$work/output.prom")"
check_eq "the file: readable by node_exporter's user" "644" "$(stat -c %a "$textfile/edgefw.prom")"
check_eq "the file: counters -j's values" ok \
	"$(promcheck json "$work/output.json" "$textfile/edgefw.prom" "$ev" "${mv:-unknown}")"
check_eq "no file left beside it" "edgefw.prom" "$(ls -A "$textfile")"

ip netns exec edge prometheus-node-exporter --web.listen-address=127.0.0.1:9100 \
	--collector.disable-defaults --collector.textfile \
	--collector.textfile.directory="$textfile" > "$work/node_exporter.log" 2>&1 &
exporter=$!
scrape() { ip netns exec edge curl -sf http://127.0.0.1:9100/metrics > "$work/scrape"; }
for _ in $(seq 100); do scrape && break; sleep 0.2; done
check_eq "node_exporter serves every sample of the file" ok \
	"$(promcheck served "$textfile/edgefw.prom" "$work/scrape")"
check_eq "node_exporter logs no error" "" "$(grep 'level=error' "$work/node_exporter.log")"

cp "$textfile/edgefw.prom" "$work/served.prom"
ip netns exec inet "$here/probe.py" batch > /dev/null <<-EOF
	more1 udp $TOPO_CLIENT4 $TOPO_AV4:3478
	more2 udp $TOPO_CLIENT4 $TOPO_AV4:3478
EOF
snapshot later --output "$textfile/edgefw.prom"
scrape
check_eq "written again: node_exporter serves the new values" ok \
	"$(promcheck served "$textfile/edgefw.prom" "$work/scrape")"
check_eq "... which are counters -j's" ok \
	"$(promcheck json "$work/later.json" "$textfile/edgefw.prom" "$ev" "${mv:-unknown}")"
check "... and differ from before: two more STUN flows, five in all" sh -c \
	"grep -q 'row=\"12\".*} 5\$' '$textfile/edgefw.prom' && ! cmp -s '$work/served.prom' '$textfile/edgefw.prom'"

kill "$exporter"
wait "$exporter" 2>/dev/null

check "stateless-media on" e stateless-media on
ip netns exec edge "$here/probe.py" serve --ready "$work/relay.ready" "udp/$TOPO_AV4/3478" &
relay=$!
wait_for 30 test -e "$work/relay.ready"
check_eq "a STUN exchange with the relay, stateless" pass \
	"$(echo "stun udp $TOPO_CLIENT4 $TOPO_AV4:3478" | ip netns exec inet "$here/probe.py" batch | awk '{ print $2 }')"
kill "$relay"
check "counters --prometheus, counters -j of one moment" snapshot stateless
check "the relay's answer counted by its own rule (kind reply)" \
	/usr/bin/python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))
sys.exit(not [r for r in d["rules"] if r["kind"] == "reply" and r["packets"]])' \
	"$work/stateless.json"
check "promtool check metrics accepts it" sh -c "promtool check metrics < '$work/stateless.prom'"
check_eq "the values and labels of counters -j (answers: kind=\"answer\")" ok \
	"$(promcheck json "$work/stateless.json" "$work/stateless.prom" "$ev" "${mv:-unknown}")"
e flush
topo_down
finish
