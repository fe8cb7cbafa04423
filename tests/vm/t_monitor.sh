#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# edgectl monitor against the real module: two monitors in the background
# (text and -j) see, as they happen,
# - a change made by edgectl, with its pid, uid and command;
# - an interface event: an interface of a bound name comes, and goes;
# - a counters reset;
# - a change waiting for confirmation (restore --confirm), its
#   confirmation, and one the kernel's timer reverts (no task behind it);
# and end on SIGINT and SIGTERM with exit 0, their output complete. An
# unprivileged user cannot listen (EPERM, one clear line); a monitor ends
# when the module is unloaded.
#
#   edge: ext0 (dummy), namespace of the monitors
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/assert.sh"

work=$(mktemp -d)
e() { ip netns exec edge edgectl "$@"; }
generation() { e save -j | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["generation"])'; }
rules() { e counters -j | /usr/bin/python3 -c 'import json, sys; print(len(json.load(sys.stdin)["rules"]))'; }
# seen FILE TEXT: wait up to 10 s for a line of FILE ending in TEXT
# shellcheck disable=SC2317 # called through check
seen() {
	local deadline=$((SECONDS + 10))
	until grep -qE -- "^[0-9T:+-]{24} $2\$" "$1"; do
		[ "$SECONDS" -lt "$deadline" ] || break
		sleep 0.2
	done
	grep -qE -- "^[0-9T:+-]{24} $2\$" "$1" && return 0
	echo "not in $1:"
	cat "$1"
	return 1
}
# run_bg COMMAND...: run it in the background, wait for it; its pid in $pid
run_bg() { "$@" & pid=$!; wait "$pid"; }

check "module loads" modprobe edgefw
ip netns add edge
ip -n edge link add ext0 type dummy

ip netns exec edge edgectl monitor > "$work/text" 2> "$work/text.err" &
text_pid=$!
ip netns exec edge edgectl -j monitor > "$work/json" 2> "$work/json.err" &
json_pid=$!
# Both listen once a reset they were started before shows in both.
for _ in $(seq 20); do
	e counters --reset > /dev/null
	sleep 0.5
	grep -q counters-reset "$work/text" && grep -q counters-reset "$work/json" && break
done
check "the monitors listen" grep -q counters-reset "$work/json"
# One saw resets the other missed: compare from a reset both saw.
run_bg ip netns exec edge edgectl counters --reset > /dev/null
first=$(generation)
check "a reset both monitors see: the start of the comparison below" \
	seen "$work/text" "generation $first counters-reset, .*"

run_bg ip netns exec edge edgectl bind ext0 external
check "a change by edgectl: generation, rules in force, its pid, uid and command" \
	seen "$work/text" "generation $(generation) config, 0 rules in force, by edgectl \\(pid $pid, uid 0\\)"
run_bg ip netns exec edge edgectl add-role av --ip 10.45.16.30
check "a change that adds rules: as many as counters lists" \
	seen "$work/text" "generation $(generation) config, $(rules) rules in force, by edgectl \\(pid $pid, uid 0\\)"
n=$(rules)

run_bg ip netns exec edge edgectl bind ext9 internal 2>/dev/null
run_bg ip -n edge link add ext9 type dummy
check "an interface of a bound name comes: an interface event" \
	seen "$work/text" "generation $(generation) interface ext9, $n rules in force, by ip \\(pid $pid, uid 0\\)"
run_bg ip -n edge link del ext9
check "... and goes: another" \
	seen "$work/text" "generation $(generation) interface ext9, $n rules in force, by ip \\(pid $pid, uid 0\\)"

run_bg ip netns exec edge edgectl counters --reset > /dev/null
check "a counters reset, by edgectl" \
	seen "$work/text" "generation $(generation) counters-reset, $n rules in force, by edgectl \\(pid $pid, uid 0\\)"

# restore replaces everything: the binding alone, no rule
echo 'bind ext0 external' > "$work/ext0.conf"
run_bg ip netns exec edge edgectl restore --confirm 30 "$work/ext0.conf" > /dev/null
check "a change waiting for confirmation (restore --confirm), by its sender" \
	seen "$work/text" "generation $(generation) pending, 0 rules in force, by edgectl \\(pid $pid, uid 0\\)"
run_bg ip netns exec edge edgectl confirm > /dev/null
check "its confirmation (edgectl confirm)" \
	seen "$work/text" "generation $(generation) confirmed, 0 rules in force, by edgectl \\(pid $pid, uid 0\\)"
echo flush > "$work/empty.conf"
ip netns exec edge edgectl restore --confirm 1 "$work/empty.conf" > /dev/null
sleep 2
check "a change the timer reverted: no task behind it" \
	seen "$work/text" "generation $(generation) reverted, 0 rules in force"

kill -INT "$text_pid"
wait "$text_pid"
check_eq "SIGINT: exit 0" 0 $?
kill -TERM "$json_pid"
wait "$json_pid"
check_eq "SIGTERM: exit 0" 0 $?
check_eq "nothing on stderr" "" "$(cat "$work/text.err" "$work/json.err")"
check_eq "-j: as many events as the text, each one JSON line, the same events" "ok" \
	"$(/usr/bin/python3 - "$work/text" "$work/json" "$first" <<-'EOF'
	import json, sys
	mark = "generation %s counters-reset" % sys.argv[3]
	text = open(sys.argv[1]).read().splitlines()
	text = text[min([i for i, t in enumerate(text) if mark in t] or [0]):]
	docs = [json.loads(l) for l in open(sys.argv[2])]
	docs = docs[min([i for i, d in enumerate(docs) if mark ==
	                 "generation %d %s" % (d["generation"], d["event"])] or [0]):]
	bad = [d for d in docs if d["json_schema_version"] != 1]
	pairs = zip(text, docs)
	diff = [(t, d) for t, d in pairs
	        if not t.split(" ", 1)[1].startswith("generation %d %s" % (d["generation"], d["event"]))
	        or ("pid" in d) != (" (pid " in t)
	        or ("pid" in d and " by %s (pid %d, uid %d)" % (d["comm"], d["pid"], d["uid"]) not in t)]
	print("ok" if len(text) == len(docs) and not bad and not diff
	      else "%d text, %d json, %r %r" % (len(text), len(docs), bad, diff[:2]))
	EOF
	)"

ip netns exec edge setpriv --reuid=65534 --regid=65534 --clear-groups \
	timeout 10 edgectl monitor > "$work/out" 2> "$work/err"
check_eq "unprivileged: exit 1" 1 $?
check_eq "unprivileged: one clear line" \
	"edgectl: permission denied: listening to edgefw events needs CAP_NET_ADMIN (run edgectl as root)" \
	"$(cat "$work/err")"

e flush
ip netns exec edge edgectl monitor > "$work/out" 2> "$work/err" &
mon=$!
for _ in $(seq 20); do
	e counters --reset > /dev/null
	sleep 0.5
	grep -q counters-reset "$work/out" && break
done
check "rmmod edgefw" rmmod edgefw
timeout 10 tail --pid="$mon" -f /dev/null || kill "$mon"
wait "$mon"
check_eq "the module unloaded: the monitor ends, exit 1" 1 $?
check_eq "... saying so" "edgectl: the edgefw module was unloaded; no more events" "$(cat "$work/err")"

ip netns del edge
finish
