#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-kernels: 6.1
# Bridges (docs/design.md, "Bridges, bonds and other stacked interfaces"):
# IP packets cross a bridge, never its ports, with or without br_netfilter
# (which hands bridged IP packets to the hooks with the bridge as their
# device, in and out). So:
#  - binding a bridge filters the host's own traffic on it, whichever port
#    it comes through;
#  - with br_netfilter, traffic bridged between two ports of a bound bridge
#    is judged twice against the bridge's zone, entering and leaving: it
#    fails closed (dropped unless rules admit both directions); do not bind
#    a bridge that forwards other hosts' traffic;
#  - binding a port (of a bridge, bond or team) is refused: it would filter
#    nothing; a bound interface that becomes a port later is reported in
#    the kernel log.
#
#   inet (198.51.100.7) --veth-- p0 ┐
#                                   br0 (10.45.16.10) edge
#   srv (10.45.16.50)   --veth-- p1 ┘
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/assert.sh"
. "$here/../lib/edgectl.sh"

ns() { ip netns exec "$@"; }
# udp NS SRC DST PORT: one datagram; exit 0 if the echo server answered
udp() {
	ns "$1" /usr/bin/python3 -c 'import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 0)); s.settimeout(2)
s.sendto(b"x", (sys.argv[2], int(sys.argv[3])))
try: s.recv(100)
except OSError: sys.exit(1)' "$2" "$3" "$4"
}
# echo_server NS ADDR PORT...: answer every datagram; returns once it
# listens (a loaded TCG guest can take seconds to start python: a probe
# sent before would be refused)
echo_server() {
	local n=$1 a=$2 ready
	ready=$(mktemp -u)
	shift 2
	ns "$n" /usr/bin/python3 -c 'import socket, select, sys
socks = []
for p in sys.argv[3:]:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((sys.argv[1], int(p))); socks.append(s)
open(sys.argv[2], "w").close()
while True:
    for s in select.select(socks, [], [])[0]:
        d, peer = s.recvfrom(100); s.sendto(d, peer)' "$a" "$ready" "$@" &
	check "an echo server listens on $a port $*" wait_for 60 test -e "$ready"
	rm -f "$ready"
}

check "module loads" modprobe edgefw
check "br_netfilter loads" modprobe br_netfilter
for n in edge inet srv; do ip netns add $n; done
ns edge sysctl -qw net.bridge.bridge-nf-call-iptables=1 net.ipv4.icmp_ratelimit=0
# A bridge takes the lowest address of its ports unless given one: when
# dummy0 joins it below, br0's address could change while inet still has
# the old one in its ARP cache; frames to p1's address entering through p0
# are for another host, and IP drops them.
ip -n edge link add br0 address 02:00:00:00:00:10 type bridge
ip -n edge link add p0 type veth peer name e0 netns inet
ip -n edge link add p1 type veth peer name e0 netns srv
for p in p0 p1; do
	ip -n edge link set $p master br0
	ip -n edge link set $p up
done
ip -n edge addr add 10.45.16.10/24 dev br0
ip -n edge link set br0 up
ip -n inet addr add 198.51.100.7/24 dev e0
ip -n inet link set e0 up
ip -n inet addr add 10.45.16.7/24 dev e0	# on the bridge's segment too
ip -n srv addr add 10.45.16.50/24 dev e0
ip -n srv link set e0 up
echo_server edge 10.45.16.10 3478 9001
echo_server srv 10.45.16.50 3478 9001
check "before binding: the bridge's address answers on 9001" \
	udp inet 10.45.16.7 10.45.16.10 9001

# --- the bridge bound: the host's own traffic through its ports ------------------
check "bind br0 external" ns edge edgectl bind br0 external
check "add-role av 10.45.16.10" ns edge edgectl add-role av --ip 10.45.16.10
check "STUN to the bridge's address passes (row 12)" \
	udp inet 10.45.16.7 10.45.16.10 3478
check_fails "9001 to the bridge's address is dropped, entering through port p0" \
	udp inet 10.45.16.7 10.45.16.10 9001
check "the drop is the bridge's zone's" \
	test "$(zone_counter edge external dropped_no_rule)" -ge 1
check "unbind br0" ns edge edgectl unbind br0

# --- traffic bridged between ports of a bound bridge ------------------------------
check "bind br0 external again" ns edge edgectl bind br0 external
check "add-role av 10.45.16.50 (a server behind the bridge)" \
	ns edge edgectl add-role av --ip 10.45.16.50
before=$(zone_counter edge external dropped_no_rule)
check_fails "STUN bridged to the server: admitted entering br0, dropped leaving it" \
	udp inet 10.45.16.7 10.45.16.50 3478
check "the drop is counted (it fails closed, not open)" \
	test "$(zone_counter edge external dropped_no_rule)" -gt "$before"

# --- ports cannot be bound -------------------------------------------------------------
saved=$(ns edge edgectl save)
out=$(ns edge edgectl bind p0 external 2>&1)
check_eq "bind p0 (a bridge port) is refused by the kernel (exit 1)" 1 "$?"
check "the refusal says why" grep -q "port cannot be bound" <<<"$out"
check_eq "the configuration is unchanged" "$saved" "$(ns edge edgectl save)"
ip -n edge link add dummy0 type dummy
check "bind dummy0 external" ns edge edgectl bind dummy0 external
check "dummy0 becomes a port of br0" ip -n edge link set dummy0 master br0
check "the kernel log says the binding filters nothing now" \
	sh -c "dmesg | grep -q 'dummy0 is bound but is now a port of br0'"

# --- without br_netfilter ------------------------------------------------------------
check "flush" ns edge edgectl flush
check "rmmod br_netfilter" rmmod br_netfilter
check "bind br0 external, add-role av 10.45.16.10" sh -c \
	'ip netns exec edge edgectl bind br0 external &&
	 ip netns exec edge edgectl add-role av --ip 10.45.16.10'
check "STUN to the bridge's address passes" udp inet 10.45.16.7 10.45.16.10 3478
check_fails "9001 to the bridge's address is dropped" \
	udp inet 10.45.16.7 10.45.16.10 9001
check "bridged traffic is not IP-filtered without br_netfilter: 9001 to the server passes" \
	udp inet 10.45.16.7 10.45.16.50 9001
check "flush" ns edge edgectl flush
finish
