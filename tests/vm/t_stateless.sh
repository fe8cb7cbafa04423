#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Stateless media and early drops: what conntrack is spared, with real
# packets and conntrack's own allocations counted (the function tracer on
# __nf_conntrack_alloc, which every new conntrack entry goes through).
#  - stateful (default): each new UDP flow to the A/V edge's 3478 costs a
#    conntrack entry, and the relay's answers are conntrack replies;
#  - `stateless-media on`: the same flows cost none; the answers are
#    admitted by their own rule (row 34) and counted there; everything
#    else keeps conntrack (a TCP connection to 443, DNS out with the ICMP
#    error that answers it: RELATED still works);
#  - early drop, both modes: TCP SYNs that no rule admits are dropped
#    before conntrack (no entry allocated), counted as no-rule.
#
#   inet (198.51.100.7) --veth-- ext0 edge (10.45.16.10 access,
#                                           10.45.16.30 av)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/assert.sh"
. "$here/../lib/edgectl.sh"

ns() { ip netns exec "$@"; }
work=$(mktemp -d)
T=/sys/kernel/debug/tracing
[ -d "$T/events" ] || T=/sys/kernel/tracing
rule_packets() {	# rule_packets ROW
	ns edge edgectl counters -j | /usr/bin/python3 -c 'import json, sys
print(sum(r["packets"] for r in json.load(sys.stdin)["rules"]
	  if r["row"] == int(sys.argv[1])))' "$1"
}
# allocations [--until CONDITION...] COMMAND...: run COMMAND, print how
# many conntrack entries the kernel allocated meanwhile (in any namespace:
# the test is alone). A packet COMMAND sent and no answer waited for may
# still be on its way into the edge when COMMAND returns (6.1 leaves
# receive processing to ksoftirqd while that runs): CONDITION, a command
# that holds once every such packet went through the edge's hooks, is
# waited for (60 s at most) before the trace stops.
allocations() {
	local until=()
	if [ "$1" = --until ]; then
		shift
		while [ "$1" != -- ]; do until+=("$1"); shift; done
		shift
	fi
	echo > "$T/trace"
	echo 1 > "$T/tracing_on"
	"$@" > "$work/out" 2>&1
	[ ${#until[@]} -eq 0 ] || wait_for 60 "${until[@]}"
	echo 0 > "$T/tracing_on"
	traced
}
traced() { grep -c '__nf_conntrack_alloc' "$T/trace"; }
# shellcheck disable=SC2317 # called through wait_for
traced_at_least() { [ "$(traced)" -ge "$1" ]; }
# shellcheck disable=SC2317 # called through wait_for
no_rule_at_least() { [ "$(zone_counter edge external dropped_no_rule)" -ge "$1" ]; }
# udp_flows N: N datagrams from N source ports to 10.45.16.30:3478, each
# waiting for the relay's echo; prints how many echoes came back
udp_flows() {
	ns inet /usr/bin/python3 -c 'import socket, sys
got = 0
for i in range(int(sys.argv[1])):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("198.51.100.7", 30000 + i)); s.settimeout(10)
    s.sendto(b"stun", ("10.45.16.30", 3478))
    try:
        s.recv(100); got += 1
    except OSError:
        pass
    s.close()
print(got)' "$1"
}
# syns N PORT: N connection attempts to 10.45.16.10:PORT (one SYN each)
syns() {
	ns inet /usr/bin/python3 -c 'import socket, sys
for i in range(int(sys.argv[1])):
    s = socket.socket(); s.setblocking(False)
    s.bind(("198.51.100.7", 31000 + i))
    try: s.connect(("10.45.16.10", int(sys.argv[2])))
    except OSError: pass
    s.close()' "$1" "$2"
}

check "module loads" modprobe edgefw
check "nf_conntrack loads" modprobe nf_conntrack
check "the function tracer sees conntrack's allocations" \
	grep -qx '__nf_conntrack_alloc.*' "$T/available_filter_functions"
echo __nf_conntrack_alloc > "$T/set_ftrace_filter"
echo 0 > "$T/tracing_on"
echo function > "$T/current_tracer"

ip netns add edge
ip netns add inet
ip -n edge link add ext0 type veth peer name e0 netns inet
ip -n edge addr add 10.45.16.10/24 dev ext0
ip -n edge addr add 10.45.16.30/24 dev ext0
ip -n inet addr add 198.51.100.7/24 dev e0
ip -n edge link set ext0 up
ip -n inet link set e0 up
ip -n inet route add 10.45.16.0/24 dev e0
ip -n edge route add 198.51.100.0/24 dev ext0
for n in edge inet; do ns $n sysctl -qw net.ipv4.icmp_ratelimit=0; done
# the relay: answers every datagram on 3478 (what a TURN server does)
ns edge /usr/bin/python3 -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("10.45.16.30", 3478))
while True:
    d, peer = s.recvfrom(100); s.sendto(d, peer)' &
# a datagram sent before it listens would get a port unreachable
check "the relay listens on 3478" wait_for 120 sh -c \
	'ip netns exec edge ss -Hlun "sport = :3478" | grep -q .'
check "bind ext0, access and av roles" sh -c '
	ip netns exec edge edgectl bind ext0 external &&
	ip netns exec edge edgectl add-role access --ip 10.45.16.10 &&
	ip netns exec edge edgectl add-role av --ip 10.45.16.30'

# --- stateful ------------------------------------------------------------------
n=$(allocations udp_flows 50)
check_eq "stateful: 50 new UDP flows to the relay answered" 50 "$(cat "$work/out")"
check "stateful: each cost a conntrack entry ($n allocated)" test "$n" -ge 50
check_eq "row 12 counted the 50 requests" 50 "$(rule_packets 12)"
check "counters reset" ns edge edgectl counters --reset
check "conntrack table emptied" ns edge conntrack -F

# --- stateless -----------------------------------------------------------------
check "stateless-media on" ns edge edgectl stateless-media on
check_eq "save says so" "stateless-media on" \
	"$(ns edge edgectl save | grep stateless-media)"
n=$(allocations udp_flows 50)
check_eq "stateless: 50 new UDP flows to the relay answered" 50 "$(cat "$work/out")"
check_eq "stateless: no conntrack entry allocated" 0 "$n"
check_eq "row 12 counted the 50 requests" 50 "$(rule_packets 12)"
check_eq "row 34 (the relay's answers, stateless) counted the 50 answers" 50 \
	"$(rule_packets 34)"
check_eq "the conntrack table holds none of them" 0 \
	"$(ns edge conntrack -L -p udp --dport 3478 2>/dev/null | grep -c 3478)"
# Everything else keeps conntrack: a DNS query out (row 2) to a port where
# nothing listens comes back as an ICMP port unreachable, RELATED to it.
ns inet /usr/bin/python3 -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("198.51.100.7", 5300)); s.recv(10)' &
ns inet ip addr add 198.51.100.53/24 dev e0
check "stateless: DNS to a closed port gets its ICMP error back (RELATED)" \
	ns edge /usr/bin/python3 -c 'import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("10.45.16.10", 0)); s.settimeout(3)
s.connect(("198.51.100.53", 53)); s.send(b"q")
try: s.recv(10)
except ConnectionRefusedError: sys.exit(0)
sys.exit(1)'
ns edge /usr/bin/python3 -c 'import socket, time
s = socket.socket(); s.bind(("10.45.16.10", 443)); s.listen(); time.sleep(60)' &
listening() { ns edge ss -ltn | grep -q '10.45.16.10:443'; }
wait_for 60 listening
check "stateless: a TCP connection to the access edge's 443 succeeds" \
	ns inet /usr/bin/python3 -c 'import socket
socket.create_connection(("10.45.16.10", 443), timeout=5)'
check "stateless: and conntrack tracked it" sh -c \
	"ip netns exec edge conntrack -L -p tcp --dport 443 2>/dev/null | grep -q 'dport=443'"

# --- early drop ---------------------------------------------------------------
for mode in on off; do
	ns edge edgectl stateless-media $mode
	before=$(zone_counter edge external dropped_no_rule)
	n=$(allocations --until no_rule_at_least $((before + 20)) -- syns 20 444)
	check_eq "stateless-media $mode: 20 SYNs to a port without a rule: no conntrack entry" 0 "$n"
	check_eq "stateless-media $mode: and each counted as no-rule" \
		$((before + 20)) "$(zone_counter edge external dropped_no_rule)"
done
n=$(allocations --until traced_at_least 5 -- syns 5 443)
check "SYNs to a port with a rule still reach conntrack ($n)" test "$n" -ge 5

echo nop > "$T/current_tracer"
check "flush" ns edge edgectl flush
finish
