#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What edgefw costs a namespace that never uses it (run in the VM by
# tests/vm/run; make bench runs it): N network namespaces are created and
# destroyed, module unloaded, then loaded and unused, in interleaved
# rounds. Creating is timed as it happens (`ip netns add`); destroying runs
# later, in the kernel's cleanup_net work, so it is timed there: the
# function_graph tracer reports each cleanup_net call's duration, summed
# once no call has been made for two seconds. Wall-clock time under
# emulation (TCG); the ratio is the figure that matters.
#
# Settings: EDGEFW_NETNS_N (500) namespaces per round,
# EDGEFW_NETNS_ROUNDS (5) rounds of each.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/settings.sh"
take_settings "$@"
n=${EDGEFW_NETNS_N:-500}
rounds=${EDGEFW_NETNS_ROUNDS:-5}

T=/sys/kernel/debug/tracing
[ -d "$T" ] || T=/sys/kernel/tracing
echo cleanup_net > "$T/set_graph_function"
echo 1 > "$T/max_graph_depth"
echo function_graph > "$T/current_tracer"
now() { date +%s%N; }

# cleanup_us: sum of the durations of the cleanup_net calls traced since
# the trace was cleared, once none has come for two seconds
cleanup_us() {
	local before after
	while :; do
		before=$(grep -c 'cleanup_net' "$T/trace")
		sleep 2
		after=$(grep -c 'cleanup_net' "$T/trace")
		[ "$before" = "$after" ] && break
	done
	grep 'cleanup_net' "$T/trace" |
		sed -n 's/.* \([0-9.]*\) us .*/\1/p' |
		awk '{ s += $1 } END { printf "%d\n", s }'
}

# one_round: prints "CREATE_MS DESTROY_MS"
one_round() {
	local t c i
	echo > "$T/trace"
	t=$(now)
	for i in $(seq 1 "$n"); do echo "netns add b$i"; done | ip -batch -
	c=$((($(now) - t) / 1000000))
	for i in $(seq 1 "$n"); do echo "netns del b$i"; done | ip -batch -
	echo "$c $(($(cleanup_us) / 1000))"
}

modprobe -r edgefw 2>/dev/null
one_round > /dev/null		# warm up: caches, slabs
echo "# $n netns created and destroyed per round; ms (wall-clock, TCG)"
echo "round unloaded_create unloaded_destroy loaded_create loaded_destroy"
for r in $(seq 1 "$rounds"); do
	modprobe -r edgefw
	u=$(one_round)
	modprobe edgefw
	l=$(one_round)
	echo "$r $u $l"
done | tee /tmp/netns.dat
modprobe -r edgefw
echo nop > "$T/current_tracer"
/usr/bin/python3 - /tmp/netns.dat <<'PY'
import statistics, sys
rows = [list(map(int, l.split())) for l in open(sys.argv[1])]
u = statistics.median(r[1] + r[2] for r in rows)
l = statistics.median(r[3] + r[4] for r in rows)
print(f"median create+destroy: unloaded {u:.0f} ms, loaded and unused {l:.0f} ms: ratio {l / u:.2f}")
PY
