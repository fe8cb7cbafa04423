#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Packets a kernel review found wrongly accepted, sent for real with scapy:
#  - IPv6 neighbour discovery that did not come from the link (hop limit
#    other than 255), and MLD with a hop limit other than 1: dropped,
#    counted as nd-hop-limit; from the link: accepted as nd;
#  - TCP packets conntrack finds invalid (SYN+FIN, SYN+RST, no flags) to
#    an open port: dropped, counted as invalid, never on the row; a
#    packet an admin untracked (notrack) is not invalid: the rows judge it.
# And a namespace's first generation is 1.
#
#   inet (198.51.100.7, 2001:db8:100::7) --veth-- ext0 edge
#        (10.45.16.10, 2001:db8:45:16::10, access; nothing listens)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/assert.sh"
. "$here/../lib/edgectl.sh"

ns() { ip netns exec "$@"; }
work=$(mktemp -d)
rule_packets() {	# rule_packets ROW: packets counted on reference row ROW
	ns edge edgectl counters -j | /usr/bin/python3 -c 'import json, sys
print(sum(r["packets"] for r in json.load(sys.stdin)["rules"]
	  if r["row"] == int(sys.argv[1])))' "$1"
}
# wait_counter NAME WANT: until the edge's external zone counter NAME is
# WANT (a packet sent is counted as soon as it arrives; a drop is known by
# its counter, not by waiting)
wait_counter() {
	local i v
	for i in $(seq 1 50); do
		v=$(zone_counter edge external "$1")
		[ "$v" = "$2" ] && break
		sleep 0.1
	done
	echo "$v"
}

check "module loads" modprobe edgefw
ip netns add edge
ip netns add inet
ip -n edge link add ext0 type veth peer name e0 netns inet
ip -n edge addr add 10.45.16.10/24 dev ext0
ip -n edge addr add 2001:db8:45:16::10/64 dev ext0 nodad
ip -n inet addr add 198.51.100.7/24 dev e0
ip -n inet addr add 2001:db8:45:16::7/64 dev e0 nodad
ip -n edge link set ext0 up
ip -n inet link set e0 up
ip -n inet route add 10.45.16.0/24 dev e0
ip -n edge route add 198.51.100.0/24 dev ext0

check_eq "the first generation of a namespace is 1" 1 \
	"$(ns edge edgectl show -j | /usr/bin/python3 -c 'import json, sys
print(json.load(sys.stdin)["generation"])')"
check "bind ext0 external" ns edge edgectl bind ext0 external
check "add-role access" ns edge edgectl add-role access \
	--ip 10.45.16.10 --ip 2001:db8:45:16::10
ns edge edgectl counters --reset >/dev/null

# All packets from one scapy process (starting scapy costs seconds under
# TCG): it prints, per probe, whether the edge answered. The drop counters
# below count nothing the test did not send (the links' own ND and MLD
# keep their hop limits), so they are compared exactly.
A6=2001:db8:45:16::10
MAC=$(ip -n edge -br link show ext0 | awk '{print $3}')
# What reached the edge's IPv6 stack (it validates hop limits itself too,
# so an answer alone would not show that edgefw dropped anything).
snmp6() { ns edge awk -v k="$1" '$1 == k { print $2 }' /proc/net/snmp6; }
ns_before=$(snmp6 Icmp6InNeighborSolicits)
ra_before=$(snmp6 Icmp6InRouterAdvertisements)
mld_before=$(snmp6 Icmp6InMLDv2Reports)
ns inet /usr/bin/python3 - "$MAC" > "$work/scapy.out" 2>&1 <<'PY'
import logging, sys
logging.getLogger("scapy").setLevel(logging.ERROR)
from scapy.all import (Ether, IPv6, IP, TCP, ICMPv6ND_NS, ICMPv6ND_NA,
                       ICMPv6ND_RA, ICMPv6MLReport2, IPv6ExtHdrHopByHop,
                       RouterAlert, conf, sendp, srp1)
conf.verb = 0
mac, a6 = sys.argv[1], "2001:db8:45:16::10"
def ns(hlim):
    return Ether(dst=mac)/IPv6(src="2001:db8:45:16::7", dst=a6, hlim=hlim)/ICMPv6ND_NS(tgt=a6)
def answered(pkt):
    r = srp1(pkt, iface="e0", timeout=2)
    return 1 if r is not None and ICMPv6ND_NA in r else 0
def tcp(sport, flags):
    return Ether(dst=mac)/IP(src="198.51.100.7", dst="10.45.16.10")/TCP(sport=sport, dport=443, flags=flags)
print("ns64", sum(answered(ns(64)) for _ in range(3)))
print("ns255", answered(ns(255)))
sendp(Ether(dst="33:33:00:00:00:01")/IPv6(src="fe80::7", dst="ff02::1", hlim=254)/ICMPv6ND_RA(), iface="e0")
sendp(Ether(dst="33:33:00:00:00:16")/IPv6(src="fe80::7", dst="ff02::16", hlim=2)/IPv6ExtHdrHopByHop(options=[RouterAlert()])/ICMPv6MLReport2(), iface="e0")
sendp([tcp(40001, "SF"), tcp(40002, "SF"), tcp(40003, "SF"), tcp(40004, "SR"), tcp(40005, "")], iface="e0")
print("sent")
PY
check_eq "3 neighbour solicitations with hop limit 64: unanswered" \
	"ns64 0" "$(grep '^ns64' "$work/scapy.out")"
check_eq "a neighbour solicitation with hop limit 255: answered" \
	"ns255 1" "$(grep '^ns255' "$work/scapy.out")"
check "scapy sent everything" grep -qx sent "$work/scapy.out"
check_eq "the edge's IPv6 stack received the solicitation with hop limit 255 only" \
	1 "$(($(snmp6 Icmp6InNeighborSolicits) - ns_before))"
check_eq "and neither the router advertisement nor the MLD report" \
	"0 0" "$(($(snmp6 Icmp6InRouterAdvertisements) - ra_before)) $(($(snmp6 Icmp6InMLDv2Reports) - mld_before))"
check_eq "dropped as nd-hop-limit: the 3 solicitations, a router advertisement with hop limit 254, an MLDv2 report with 2" \
	5 "$(wait_counter dropped_nd_hop_limit 5)"
check_eq "dropped as invalid: 3 TCP SYN+FIN, a SYN+RST and one without flags to 10.45.16.10:443 (row 3)" \
	5 "$(wait_counter dropped_invalid 5)"
check_eq "row 3 counted none of them" 0 "$(rule_packets 3)"
ns inet /usr/bin/python3 -c 'import socket
s = socket.socket(); s.settimeout(2)
try: s.connect(("10.45.16.10", 443))
except OSError: pass' 
check_eq "a real connection attempt to 10.45.16.10:443 is counted on row 3" 1 \
	"$(rule_packets 3)"
# An admin's notrack: no conntrack entry, yet not invalid: the rows judge
# it. One SYN: connect() sends it before it returns, and the socket is
# closed at once. (It gets no answer: the edge's reset to it has no
# conntrack entry either, and is dropped as invalid on the way out. A
# socket left open until its SYN is retransmitted, 1 s later, would send a
# second one, which row 3 would count too.)
check "an admin's notrack for TCP 443 (nft, priority raw)" ns edge nft -f - <<'NFT'
table inet admin {
	chain pre { type filter hook prerouting priority raw; tcp dport 443 notrack; }
}
NFT
ns inet /usr/bin/python3 -c 'import socket
s = socket.socket(); s.setblocking(False)
s.connect_ex(("10.45.16.10", 443)); s.close()'
rule3_counted() { [ "$(rule_packets 3)" -ge "$1" ]; }
wait_for 60 rule3_counted 2
check_eq "a SYN the admin untracked is admitted and counted on row 3" 2 \
	"$(rule_packets 3)"

check "flush" ns edge edgectl flush
finish
