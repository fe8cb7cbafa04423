#!/bin/bash
# `edgectl export --nft` gives the same verdicts as the module (runs in the
# VM):
#
#   tests/vm/run [--kernel 6.1|6.12] tests/vm/t_export_nft.sh
#
# On the reference topology (tests/vm/topo.sh), for each of a few
# configurations (the reference one with IPv6 addresses; every optional row
# on; a scaled edge with several addresses per role; Skype for Business
# Server 2019 with stateless media, management rules and NFLOG):
#   1. edgectl restores the configuration; a matrix of real probes (TCP and
#      UDP, IPv4 and IPv6, from every namespace to the edge's addresses and
#      through it, on each row's ports, their neighbours and other ports,
#      from ordinary and from the rows' special source ports) runs against
#      the module;
#   2. `edgectl export --nft` is loaded with `nft -f` instead (the module
#      flushed: it filters nothing), conntrack is emptied, and the same
#      probes run again;
#   3. every probe must give the same result (pass, drop, refused, error)
#      both times, and the rule counters must agree row by row (the first
#      packet of each allowed flow counts once, in both).
# The results are also shown to be no trivial agreement: both passes and
# drops occur. tests/vm/t_policy.sh shows the module's verdicts are the
# reference's; this test carries that over to the exported ruleset.
#
# About 400 s in the TCG guest: make check runs it on one kernel only (what
# it tests is edgectl's output and nft; the module's verdicts are checked
# on both kernels by t_policy.sh).
# check-kernels: 6.12
#
# With EDGEFW_EXPORT_NFT=operator it compares the module instead with the
# ruleset an operator would write, which the benchmarks measure against
# edgefw (tests/bench/operator.nft, and operator-notrack.nft for stateless
# media), for the benchmarks' configuration; there are no per-row counters
# to compare. Not part of make check; after a change to those rulesets:
#   EDGEFW_VM_KO=build tests/vm/run --kernel 6.12 tests/vm/t_export_nft.sh \
#       EDGEFW_EXPORT_NFT=operator

# vm-timeout: 1200
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$repo/tests/lib/assert.sh"
. "$repo/tests/lib/settings.sh"
. "$here/topo.sh"
take_settings "$@"

PROBE=$here/probe.py
work=$(mktemp -d /tmp/t_export_nft.XXXXXX)
SECONDS=0
trap 'topo_down; rm -rf "$work"' EXIT

C4=$TOPO_CLIENT4 C6=$TOPO_CLIENT6 S4=$TOPO_SERVER4 S6=$TOPO_SERVER6
A4=$TOPO_ACCESS4 W4=$TOPO_WEBCONF4 V4=$TOPO_AV4 R4=$TOPO_RPROXY4
A6=$TOPO_ACCESS6 W6=$TOPO_WEBCONF6 V6=$TOPO_AV6 R6=$TOPO_RPROXY6
I4=$TOPO_EDGE_INT4 RI4=$TOPO_RPROXY_INT4 I6=$TOPO_EDGE_INT6
FE1=$TOPO_FE1 FE2=$TOPO_FE2 VIP=$TOPO_VIP OTH=$TOPO_OTHER
FE1_6=$TOPO_FE1_6 M4=$TOPO_EDGE_MGMT4 ADM4=$TOPO_ADMIN4

ectl() { ip netns exec edge edgectl "$@"; }
enft() { ip netns exec edge nft "$@"; }

# ---------------------------------------------------------------------------
# The probe matrix: lines "NS PROTO SRC[:SPORT] DST:DPORT" in $work/matrix.
ep() { case $1 in *:*) echo "[$1]${2:+:$2}" ;; *) echo "$1${2:+:$2}" ;; esac; }
m() {	# m NS SRC SPORT DST PORTS...: TCP and UDP to each port
	local ns=$1 src=$2 sport=$3 dst=$4 p proto
	shift 4
	for p in "$@"; do
		for proto in tcp udp; do
			echo "$ns $proto $(ep "$src" "$sport") $(ep "$dst" "$p")"
		done
	done >> "$work/matrix"
}
make_matrix() {
	local a s
	: > "$work/matrix"
	# Internet -> the edge's external addresses (and its internal ones)
	for a in $A4 $W4 $V4 $R4 $I4; do
		m inet $C4 "" $a 53 80 81 442 443 3478 3479 4443 5061 5062 8057 \
			8080 49999 50000 59999 60000
	done
	m inet $C4 "" $RI4 443 8080
	for a in $A6 $W6 $V6 $R6; do
		m inet $C6 "" $a 80 443 444 3478 5061 50000 59999
	done
	# The edge's external addresses -> the Internet, from ordinary ports
	# and from the A/V rows' source ports
	for a in $A4 $W4 $V4 $R4 $I4; do
		m edge $a "" $S4 53 54 80 81 443 3478 5061 5062 8080
	done
	for s in 3477 3478 3479 49999 50000 59999 60000; do
		m edge $V4 $s $S4 53 443 3478 5061
		m edge $A4 $s $S4 3478 443
	done
	for a in $A6 $V6; do
		m edge $a "" $S6 53 80 443 5061
		m edge $a 3478 $S6 3478
		m edge $a 50000 $S6 443
	done
	# The pool -> the edge's internal addresses (and its external ones)
	for s in $FE1 $FE2 $VIP $OTH; do
		m pool $s "" $I4 22 443 444 3478 4443 5061 5062 5063 8057 8080 9999 50000 50002
		m pool $s "" $RI4 443 4443 5061 8080
		m pool $s "" $A4 443 5061
		m pool $s "" $V4 3478 50000
	done
	m pool $FE1_6 "" $I6 443 3478 5061 8057
	# The edge's internal addresses -> the pool
	for a in $I4 $RI4; do
		for s in $FE1 $FE2 $VIP $OTH; do
			m edge $a "" $s 443 4443 4444 5061 5062 8080 8081
		done
	done
	m edge $A4 "" $FE1 5061 8080
	# from the edge's STUN port towards the pool (answers with stateless media)
	m edge $I4 3478 $OTH 3478 443
	# Forwarded through the edge, and the unbound management interface
	m inet $C4 "" $FE1 443 5061
	m pool $FE1 "" $S4 443 5061
	m pool $OTH "" $S4 53 80
	m edge $M4 "" $ADM4 22 9999
	m mgmt $ADM4 "" $M4 22 9999
}

# run_matrix NAME [IDS]: runs the matrix (one probe.py per namespace, in
# chunks), or only its probes IDS (line numbers from 0, in one word list),
# results "ID RESULT ..." in $work/NAME.res sorted by ID.
run_matrix() {
	local name=$1 only=" ${2:-} " ns i=0 line pids
	for ns in $TOPO_NETNS; do : > "$work/$name.$ns.in"; done
	while read -r ns line; do
		[ -z "${2:-}" ] || [[ $only == *" $i "* ]] ||
			{ i=$((i + 1)); continue; }
		echo "$i $line" >> "$work/$name.$ns.in"
		i=$((i + 1))
	done < "$work/matrix"
	: > "$work/$name.res"
	for ns in $TOPO_NETNS; do
		[ -s "$work/$name.$ns.in" ] || continue
		# At most 250 probes at once: the guest is slow.
		split -l 250 -d "$work/$name.$ns.in" "$work/$name.$ns.part."
	done
	for part in $(ls "$work/$name".*.part.* | sed 's/.*\.part\.//' | sort -u); do
		pids=()
		for ns in $TOPO_NETNS; do
			[ -e "$work/$name.$ns.part.$part" ] || continue
			ip netns exec "$ns" "$PROBE" batch --timeout 4 \
				< "$work/$name.$ns.part.$part" >> "$work/$name.$ns.out" 2>&1 &
			pids+=($!)
		done
		wait "${pids[@]}"
	done
	cat "$work/$name".*.out | sort -n > "$work/$name.res"
	echo "# $SECONDS s: $name: $(wc -l < "$work/$name.res") probes:" \
		"$(cut -d' ' -f2 "$work/$name.res" | sort | uniq -c | tr -s ' \n' ' ')"
}

# same_results A B: every probe gave the same result in runs A and B.
same_results() {
	local a=$work/$1.res b=$work/$2.res both bad
	# Every probe in both runs: a failed join (no /dev/fd for the
	# process substitutions, say) must not pass for "no difference".
	both=$(join -j1 <(cut -d' ' -f1,2 "$a" | sort -k1,1) <(cut -d' ' -f1,2 "$b" | sort -k1,1)) &&
	[ "$(wc -l <<< "$both")" = "$(wc -l < "$work/matrix")" ] ||
		{ echo "$1, $2: $(wc -l <<< "$both") results of both for $(wc -l < "$work/matrix") probes"; return 1; }
	bad=$(awk '$2 != $3' <<< "$both" | sort -n | head -20)
	[ -z "$bad" ] || {
		echo "probes with different results ($1 $2; first 20):"
		while read -r i ra rb; do
			echo "  $(sed -n "$((i + 1))p" "$work/matrix"): $ra / $rb"
		done <<< "$bad"
		return 1
	}
}

has_both() {	# has_both NAME: some probes passed and some were dropped
	grep -q ' pass ' "$work/$1.res" && grep -q ' drop ' "$work/$1.res"
}

# Accepted-flow counters per row: "ROW PACKETS" lines, sorted.
module_rows() {
	ectl counters -j | /usr/bin/python3 -IS -c '
import json, sys, collections
c = collections.Counter()
for r in json.load(sys.stdin)["rules"]:
    c[r["row"]] += r["packets"]
for row in sorted(c):
    print(row, c[row])'
}
nft_rows() {
	enft -j list table inet edgefw | /usr/bin/python3 -IS -c '
import json, sys, collections
c = collections.Counter()
for o in json.load(sys.stdin)["nftables"]:
    r = o.get("rule")
    if not r or not r.get("comment", "").startswith("row "):
        continue
    row = int(r["comment"].split()[1])
    c[row] += sum(e["counter"]["packets"] for e in r["expr"] if "counter" in e)
for row in sorted(c):
    print(row, c[row])'
}

# answered_once A B: the IDs of the probes that timed out in one of the
# runs A and B and were answered (passed or refused) in the other.
answered_once() {
	awk 'function late() { return $2 == "drop" && / timed out$/ }
		function answered() { return $2 == "pass" || $2 == "refused" }
		NR == FNR { late_a[$1] = late(); answered_a[$1] = answered(); next }
		($1 in late_a) && (late_a[$1] && answered() || answered_a[$1] && late()) { print $1 }' \
		"$work/$1.res" "$work/$2.res" | paste -sd ' ' -
}

# again NAME IDS: the probes IDS of run NAME once more (NAME.again), their
# new results in place of the old ones in NAME.res.
again() {
	run_matrix "$1.again" "$2"
	awk 'NR == FNR { again[$1] = $0; next } { print ($1 in again) ? again[$1] : $0 }' \
		"$work/$1.again.res" "$work/$1.res" > "$work/$1.res.new" &&
		mv "$work/$1.res.new" "$work/$1.res"
}

# compare CONFIG-NAME: steps 1-3 for the configuration in $work/NAME.conf.
# A probe times out when it is dropped, and also when a starved guest
# answers it late (its server, or its thread among hundreds in probe.py):
# one that timed out in one run and was answered in the other runs once
# more in both (counted as retried), before the results are compared. A
# real difference between the two rulesets stays one: either gives the
# same verdict when asked again.
compare() {
	local name=$1
	check "$name: edgectl restore" ectl restore "$work/$name.conf"
	check "$name: edgectl export --nft" sh -c "ip netns exec edge edgectl export --nft > '$work/$name.nft'"
	check "$name: nft accepts the export (nft -c -f)" enft -c -f "$work/$name.nft"
	check "$name: conntrack of edge emptied" ip netns exec edge "$PROBE" ct-flush
	ectl counters --reset > /dev/null
	run_matrix "$name.module"
	module_rows > "$work/$name.module.rows"
	check "$name: edgectl flush" ectl flush
	check "$name: nft -f loads the export" enft -f "$work/$name.nft"
	check "$name: conntrack of edge emptied again" ip netns exec edge "$PROBE" ct-flush
	run_matrix "$name.nft"
	nft_rows > "$work/$name.nft.rows"
	check "$name: nft delete table inet edgefw" enft delete table inet edgefw
	local late
	late=$(answered_once "$name.module" "$name.nft")
	if [ -n "$late" ]; then
		echo "# $name: probes answered in one run only, run again in both: $late"
		retried "$(wc -w <<< "$late")"
		check "$name: edgectl restore (again)" ectl restore "$work/$name.conf"
		check "$name: conntrack of edge emptied (again)" ip netns exec edge "$PROBE" ct-flush
		again "$name.module" "$late"
		check "$name: edgectl flush (again)" ectl flush
		check "$name: nft -f loads the export (again)" enft -f "$work/$name.nft"
		check "$name: conntrack of edge emptied (again)" ip netns exec edge "$PROBE" ct-flush
		again "$name.nft" "$late"
		check "$name: nft delete table inet edgefw (again)" enft delete table inet edgefw
	fi
	check "$name: the module passes some probes and drops others" has_both "$name.module"
	check "$name: all $(wc -l < "$work/matrix") probes give the same result with the module and with nftables" \
		same_results "$name.module" "$name.nft"
	check_eq "$name: rule counters per row agree (row packets)" \
		"$(tr '\n' ' ' < "$work/$name.module.rows")" "$(tr '\n' ' ' < "$work/$name.nft.rows")"
}

# compare_operator NAME FILE...: the module with the configuration in
# $work/NAME.conf, then nftables with FILEs (loaded in order) instead: a
# ruleset written by hand gives the module's verdicts.
compare_operator() {
	local name=$1 f
	shift
	check "$name: edgectl restore" ectl restore "$work/$name.conf"
	ip netns exec edge "$PROBE" ct-flush
	run_matrix "$name.module"
	check "$name: edgectl flush" ectl flush
	for f in "$@"; do
		check "$name: nft -f $(basename "$f")" enft -f "$f"
	done
	ip netns exec edge "$PROBE" ct-flush
	run_matrix "$name.operator"
	check "$name: nft delete table inet edge" enft delete table inet edge
	check "$name: the module passes some probes and drops others" has_both "$name.module"
	check "$name: all $(wc -l < "$work/matrix") probes give the same result with the module and with $*" \
		same_results "$name.module" "$name.operator"
}

# ===========================================================================
check "modprobe edgefw" modprobe edgefw
check "modprobe nf_conntrack_netlink (to flush conntrack)" modprobe nf_conntrack_netlink
check "topology up" topo_up
check "probe servers listen" topo_serve "$work/srv"
make_matrix
echo "# $(wc -l < "$work/matrix") probes per run"

if [ "${EDGEFW_EXPORT_NFT:-}" = operator ]; then
	# The benchmarks' reference configuration (tests/bench/run writes
	# the same), and the ruleset an operator writes for it.
	bench=$repo/tests/bench
	cat > "$work/bench.conf" <<-EOF
	bind ext0 external
	bind int0 internal
	set-pool --front-end $FE1 --front-end $FE2 --vip $VIP
	add-role access --ip $A4 --internal-ip $I4
	add-role webconf --ip $W4 --internal-ip $I4
	add-role av --ip $V4 --internal-ip $I4
	add-role rproxy --ip $R4 --internal-ip $RI4
	EOF
	compare_operator bench "$bench/operator.nft"
	{ cat "$work/bench.conf"; echo "stateless-media on"; } > "$work/bench-stateless.conf"
	compare_operator bench-stateless "$bench/operator.nft" "$bench/operator-notrack.nft"
	echo "# $SECONDS s: done"
	finish
fi

base="bind ext0 external
bind int0 internal
set-pool --front-end $FE1 --front-end $FE2 --front-end $FE1_6 --vip $VIP"

cat > "$work/reference.conf" <<EOF
$base
add-role access --ip $A4 --ip $A6 --internal-ip $I4
add-role webconf --ip $W4 --ip $W6 --internal-ip $I4
add-role av --ip $V4 --ip $V6 --internal-ip $I4
add-role rproxy --ip $R4 --ip $R6 --internal-ip $RI4
EOF
compare reference

cat > "$work/optional.conf" <<EOF
$base
add-role access --ip $A4 --internal-ip $I6
add-role webconf --ip $W4 --internal-ip $I4
add-role av --ip $V4 --ip $V6 --internal-ip $I4 --media-range ocs2007
add-role rproxy --ip $R4 --internal-ip $RI4
http-redirect on
log-drops on
EOF
compare optional

# Scaled edge: several addresses per role, one address in two roles.
cat > "$work/scaled.conf" <<EOF
$base
add-role access --ip $A4 --ip $W4 --ip 10.45.16.11 --internal-ip $I4
add-role webconf --ip $W4 --ip 10.45.16.21 --internal-ip $I4
add-role av --ip $V4 --ip 10.45.16.31 --internal-ip $RI4 --media-range none
add-role rproxy --ip $R4 --ip $A6 --internal-ip $RI4
EOF
compare scaled

# Stateless media: the media rows judged before conntrack and their
# answers admitted by rule, in the module and in the nft raw chains.
cat > "$work/stateless.conf" <<EOF
profile sfb2019
$base
add-role access --ip $A4 --ip $A6 --internal-ip $I4
add-role webconf --ip $W4 --internal-ip $I4
add-role av --ip $V4 --ip $V6 --internal-ip $I4 --media-range standard
add-role rproxy --ip $R4 --internal-ip $RI4
add-mgmt --from $OTH --from $FE1_6 --tcp 22,443 --udp 9999
log-drops on --nflog-group 9
stateless-media on
EOF
compare stateless

echo "# $SECONDS s: done"
finish
