#!/bin/bash
# A short demonstration of edgefw (what `make demo` runs in the VM):
#
#   tests/vm/run tests/vm/demo.sh
#
# Builds the reference topology (tests/vm/topo.sh), configures the four edge
# roles with edgectl as the reference architecture names them, sends a
# little real traffic that the policy allows and some that it denies, then
# prints `edgectl show` and `edgectl counters`. Exits non-zero if any
# packet got a verdict other than the one shown as expected.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/topo.sh"

PROBE=$here/probe.py
work=$(mktemp -d /tmp/edgefw-demo.XXXXXX)
trap 'topo_down; rm -rf "$work"' EXIT

say() { printf '\n== %s\n' "$*"; }
ectl() { ip netns exec edge edgectl "$@"; }
# run_ectl ARGS: show the command as an operator on the edge types it.
run_ectl() { printf 'edge# edgectl %s\n' "$*"; ectl "$@"; }

say "Topology: namespaces inet (the Internet), edge, pool (corporate), mgmt"
sed -n '/^#  ┌/,/^#$/p' "$here/topo.sh" | sed -e '$d' -e 's/^#  //'
modprobe edgefw || exit 1
topo_up || exit 1

# A few servers (probe.py echoes; UDP 53 answers DNS).
ip netns exec inet "$PROBE" serve --ready "$work/inet.ready" \
	tcp/$TOPO_SERVER4/80,5061,8080 udp/$TOPO_SERVER4/53,3478 \
	< /dev/null > "$work/inet.err" 2>&1 &
ip netns exec edge "$PROBE" serve --ready "$work/edge.ready" \
	tcp/$TOPO_ACCESS4,$TOPO_WEBCONF4,$TOPO_AV4,$TOPO_RPROXY4,$TOPO_ACCESS6/443,5061,3389 \
	tcp/$TOPO_EDGE_INT4/4443,5061,22 udp/$TOPO_AV4,$TOPO_EDGE_INT4/3478 \
	tcp/$TOPO_EDGE_MGMT4/22 \
	< /dev/null > "$work/edge.err" 2>&1 &
ip netns exec pool "$PROBE" serve --ready "$work/pool.ready" \
	tcp/$TOPO_FE1,$TOPO_FE2,$TOPO_VIP,$TOPO_OTHER/5061,4443,8080 \
	< /dev/null > "$work/pool.err" 2>&1 &
for i in $(seq 600); do
	[ -e "$work/inet.ready" ] && [ -e "$work/edge.ready" ] && [ -e "$work/pool.ready" ] && break
	sleep 0.1
done

say "Configuration"
run_ectl bind ext0 external &&
run_ectl bind int0 internal &&
run_ectl set-pool --front-end $TOPO_FE1 --front-end $TOPO_FE2 --vip $TOPO_VIP &&
run_ectl add-role access --ip $TOPO_ACCESS4 --ip $TOPO_ACCESS6 --internal-ip $TOPO_EDGE_INT4 &&
run_ectl add-role webconf --ip $TOPO_WEBCONF4 --internal-ip $TOPO_EDGE_INT4 &&
run_ectl add-role av --ip $TOPO_AV4 --internal-ip $TOPO_EDGE_INT4 &&
run_ectl add-role rproxy --ip $TOPO_RPROXY4 --internal-ip $TOPO_RPROXY_INT4 || exit 1

# Traffic: NS PROTO SRC DST EXPECT WHAT
cat > "$work/traffic" <<EOF
inet tcp $TOPO_CLIENT4 $TOPO_ACCESS4:443 pass remote user signs in: SIP/TLS to the Access Edge (ext row 3)
inet tcp $TOPO_CLIENT6 [$TOPO_ACCESS6]:443 pass the same over IPv6 (ext row 3)
inet tcp $TOPO_CLIENT4 $TOPO_WEBCONF4:443 pass joins a meeting: PSOM/TLS to Web Conferencing (ext row 6)
inet udp $TOPO_CLIENT4 $TOPO_AV4:3478 pass STUN to the A/V Edge, answered (ext row 12)
inet tcp $TOPO_CLIENT4 $TOPO_RPROXY4:443 pass address book download via the reverse proxy (ext row 15)
edge dns $TOPO_ACCESS4 $TOPO_SERVER4:53 pass the Access Edge resolves a federated domain (ext row 2)
edge tcp $TOPO_ACCESS4 $TOPO_SERVER4:5061 pass federation: SIP/MTLS out to a partner (ext row 5)
edge tcp $TOPO_AV4:50000 $TOPO_SERVER4:8080 pass desktop sharing out of the media range (ext row 7)
edge tcp $TOPO_EDGE_INT4 $TOPO_FE1:5061 pass the edge talks SIP to a Front End (int row 16)
pool tcp $TOPO_FE2 $TOPO_EDGE_INT4:4443 pass a Front End pushes the CMS replica (int row 18)
edge tcp $TOPO_RPROXY_INT4 $TOPO_VIP:4443 pass the reverse proxy forwards to the pool VIP (int row 24)
inet tcp $TOPO_CLIENT4 $TOPO_ACCESS4:3389 drop remote desktop to the Access Edge: no row
inet tcp $TOPO_CLIENT4 $TOPO_AV4:5061 drop SIP to the A/V address: row 4 is the Access Edge's
inet udp $TOPO_CLIENT4 $TOPO_AV4:50000 drop UDP media in: only with --media-range ocs2007 (ext row 10)
edge tcp $TOPO_ACCESS4 $TOPO_SERVER4:8080 drop the Access Edge browsing the web: only port 80 out (ext row 1)
pool tcp $TOPO_OTHER $TOPO_EDGE_INT4:5061 drop a host that is not a Front End: SIP to the edge (int row 17 names the pool)
pool tcp $TOPO_FE1 $TOPO_EDGE_INT4:22 drop SSH from the corporate side: no row
inet tcp $TOPO_CLIENT4 $TOPO_EDGE_INT4:4443 drop the Internet aiming at the internal address (int row 18 is internal)
EOF
say "Traffic (each line one real connection or datagram)"
n=0
pids=()
for ns in inet edge pool; do
	n=0
	while read -r pns proto src dst expect what; do
		[ "$pns" = "$ns" ] && echo "$n $proto $src $dst $expect"
		n=$((n + 1))
	done < "$work/traffic" > "$work/$ns.in"
	ip netns exec $ns "$PROBE" batch < "$work/$ns.in" > "$work/$ns.out" 2>&1 &
	pids+=($!)
done
wait "${pids[@]}"
declare -A got
for ns in inet edge pool; do
	while read -r i res rest; do got[$i]=$res; done < "$work/$ns.out"
done
bad=0 i=0
while read -r ns proto src dst expect what; do
	r=${got[$i]:-none}
	mark="  "
	[ "$r" = "$expect" ] || { mark="!!"; bad=1; }
	case $r in pass) r=PASSED ;; drop) r=DROPPED ;; esac
	printf '%s %-8s %-4s %-4s %-22s -> %-24s %s\n' "$mark" "$r" "$ns" "$proto" "$src" "$dst" "$what"
	i=$((i + 1))
done < "$work/traffic"
[ $bad = 0 ] || echo "!! marks a verdict other than the expected one"

say "edge# edgectl show"
ectl show
say "edge# edgectl counters"
ectl counters
ectl flush
exit $bad
