#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Drop logging: off by default, `edgectl log-drops on` logs each dropped
# packet (zone, direction, interface, reason, 5-tuple) to the kernel log,
# `off` stops it. Also: an allowed packet is never logged.
#
#   inet (198.51.100.7) --veth-- ext0 (10.45.16.10) edge
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/assert.sh"
. "$here/../lib/edgectl.sh"

ns() { ip netns exec "$@"; }
# send NS SRC DST PORT: one UDP datagram
send() {
	ns "$1" /usr/bin/python3 -c 'import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 40000)); s.sendto(b"x", (sys.argv[2], int(sys.argv[3])))' "$2" "$3" "$4"
}
logged() { dmesg | grep -c "edgefw: drop external in dev=ext0 reason=no-rule proto=17 src=198.51.100.7:40000 dst=10.45.16.10:$1\$"; }
logged_at_all() { [ "$(logged "$1")" -gt 0 ]; }
# The module's own counters say when a datagram has been judged: only then
# does "not logged" mean anything.
drops_are() { [ "$(zone_counter edge external dropped_no_rule)" = "$1" ]; }
row12() {
	ns edge edgectl counters -j | /usr/bin/python3 -c 'import json, sys
print(sum(r["packets"] for r in json.load(sys.stdin)["rules"] if r["row"] == 12))'
}
row12_is() { [ "$(row12)" = "$1" ]; }

check "module loads" modprobe edgefw
ip netns add edge
ip netns add inet
ip -n edge link add ext0 type veth peer name e0 netns inet
ip -n edge addr add 10.45.16.10/24 dev ext0
ip -n inet addr add 198.51.100.7/24 dev e0
ip -n edge link set ext0 up
ip -n inet link set e0 up
ip -n inet route add 10.45.16.0/24 dev e0
ip -n edge route add 198.51.100.0/24 dev ext0
ns edge edgectl bind ext0 external
ns edge edgectl add-role av --ip 10.45.16.10

check "the Internet side can send to the edge" send inet 198.51.100.7 10.45.16.10 9001
check "the module dropped it (dropped_no_rule 1)" wait_for 60 drops_are 1
check_eq "off by default: a drop is not logged" 0 "$(logged 9001)"
check "log-drops on" ns edge edgectl log-drops on
check_eq "save says so" "log-drops on" "$(ns edge edgectl save | grep log-drops)"
send inet 198.51.100.7 10.45.16.10 9002
wait_for 60 logged_at_all 9002
check_eq "a dropped packet is logged with zone, reason and 5-tuple" 1 "$(logged 9002)"
check "the module dropped it (dropped_no_rule 2)" wait_for 60 drops_are 2
send inet 198.51.100.7 10.45.16.10 3478
check "the module let the allowed datagram through (row 12 counted it)" wait_for 60 row12_is 1
check_eq "an allowed packet is not logged" 0 \
	"$(dmesg | grep -c 'edgefw: drop .*dst=10.45.16.10:3478$')"
check "log-drops off" ns edge edgectl log-drops off
send inet 198.51.100.7 10.45.16.10 9003
check "the module dropped it (dropped_no_rule 3)" wait_for 60 drops_are 3
check_eq "off again: not logged" 0 "$(logged 9003)"
check_eq "row 12 (STUN in) counted the allowed datagram, once" 1 "$(row12)"
check_eq "the zone counted the three drops" 3 \
	"$(zone_counter edge external dropped_no_rule)"
check "flush" ns edge edgectl flush
finish
