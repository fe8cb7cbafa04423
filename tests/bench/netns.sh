#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What edgefw costs a namespace that never uses it (run in the VM by
# tests/vm/run; make bench runs it in session netns): N network namespaces are created and
# destroyed, module unloaded, then loaded and unused, in interleaved
# rounds. Creating is timed as it happens (`ip netns add`); destroying runs
# later, in the kernel's cleanup_net work, so it is timed there: a kprobe
# and a kretprobe on cleanup_net stamp each call's start and end, and the
# durations are summed once every call has returned and none has come for
# two seconds. (The function_graph tracer did this first; under TCG its
# patching of every function made the guest stall for minutes.) Wall-clock
# time under emulation (TCG); the ratio is the figure that matters.
#
# Settings: EDGEFW_NETNS_N (500) namespaces per round,
# EDGEFW_NETNS_ROUNDS (5) rounds of each.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/settings.sh"
take_settings "$@"
n=${EDGEFW_NETNS_N:-500}
rounds=${EDGEFW_NETNS_ROUNDS:-5}

T=/sys/kernel/tracing
[ -e "$T/kprobe_events" ] || mount -t tracefs tracefs "$T"
echo 'p:edgefw_bench/cn_start cleanup_net' > "$T/kprobe_events"
echo 'r:edgefw_bench/cn_end cleanup_net' >> "$T/kprobe_events"
echo 1 > "$T/events/edgefw_bench/enable"
now() { date +%s%N; }

# cleanup_us: sum of the durations of the cleanup_net calls traced since
# the trace was cleared, once all have returned and none has come for two
# seconds
cleanup_us() {
	local before after
	while :; do
		before=$(grep -c ': cn_' "$T/trace")
		sleep 2
		after=$(grep -c ': cn_' "$T/trace")
		[ "$before" = "$after" ] &&
			[ "$(grep -c ': cn_start' "$T/trace")" = \
			  "$(grep -c ': cn_end' "$T/trace")" ] && break
	done
	sed -n 's/.* \([0-9]*\.[0-9]*\): cn_\(start\|end\):.*/\2 \1/p' "$T/trace" |
		awk '$1 == "start" { t = $2 } $1 == "end" { s += $2 - t }
		     END { printf "%d\n", s * 1000000 }'
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

echo "BENCH vm kernel=$(uname -r) cpus=$(nproc)" \
	"mem_kb=$(awk '/^MemTotal/ {print $2}' /proc/meminfo)"
modprobe -r edgefw 2>/dev/null
one_round > /dev/null		# warm up: caches, slabs
echo "# $n netns created and destroyed per round; ms (wall-clock, TCG)"
echo "# round unloaded_create unloaded_destroy loaded_create loaded_destroy"
for r in $(seq 1 "$rounds"); do
	modprobe -r edgefw
	u=$(one_round)
	modprobe edgefw
	l=$(one_round)
	echo "$r $u $l" >> /tmp/netns.dat
	echo "# $r $u $l"
	read -r uc ud lc ld <<< "$u $l"
	echo "BENCH netns round=$r n=$n unloaded_create_ms=$uc" \
		"unloaded_destroy_ms=$ud loaded_create_ms=$lc loaded_destroy_ms=$ld"
done
modprobe -r edgefw
echo 0 > "$T/events/edgefw_bench/enable"
echo > "$T/kprobe_events"
/usr/bin/python3 - /tmp/netns.dat <<'PY'
import statistics, sys
rows = [list(map(int, l.split())) for l in open(sys.argv[1])]
u = statistics.median(r[1] + r[2] for r in rows)
l = statistics.median(r[3] + r[4] for r in rows)
print(f"# median create+destroy: unloaded {u:.0f} ms, loaded and unused {l:.0f} ms: ratio {l / u:.2f}")
PY
echo "BENCH done"
