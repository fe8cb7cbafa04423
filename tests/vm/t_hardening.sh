#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Packets a kernel review found wrongly accepted, sent for real with scapy:
#  - IPv6 neighbour discovery that did not come from the link (hop limit
#    other than 255), and MLD with a hop limit other than 1: dropped,
#    counted as nd-hop-limit; from the link: accepted as nd;
#  - TCP packets conntrack finds invalid (SYN+FIN, SYN+RST, no flags) to
#    an open port: dropped, counted as invalid, never on the row.
# And a namespace's first generation is 1.
#
#   inet (198.51.100.7, 2001:db8:100::7) --veth-- ext0 edge
#        (10.45.16.10, 2001:db8:45:16::10, access; nothing listens)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/assert.sh"
. "$here/../lib/edgectl.sh"

ns() { ip netns exec "$@"; }
# scapy NS PYTHON: send packets built by PYTHON (scapy's names in scope)
scapy() {
	ns "$1" /usr/bin/python3 -c "import logging
logging.getLogger('scapy').setLevel(logging.ERROR)
from scapy.all import *
conf.verb = 0
$2"
}
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

# --- neighbour discovery and MLD: hop limit 255 (ND), 1 (MLD) only ----------
A6=2001:db8:45:16::10
ns6="IPv6(src='2001:db8:45:16::7', dst='$A6', hlim=%d)/ICMPv6ND_NS(tgt='$A6')"
check "send 3 neighbour solicitations with hop limit 64" \
	scapy inet "send([$(printf "$ns6" 64)] * 3, iface='e0')"
check_eq "they are dropped as nd-hop-limit" 3 \
	"$(wait_counter dropped_nd_hop_limit 3)"
check_eq "and not accepted as neighbour discovery" 0 \
	"$(zone_counter edge external accepted_nd)"
check "send a neighbour solicitation with hop limit 255" \
	scapy inet "send($(printf "$ns6" 255), iface='e0')"
check_eq "it is accepted as neighbour discovery" 1 \
	"$(wait_counter accepted_nd 1)"
check "send a router advertisement with hop limit 254" \
	scapy inet "send(IPv6(src='fe80::7', dst='ff02::1', hlim=254)/ICMPv6ND_RA(), iface='e0')"
check_eq "it is dropped as nd-hop-limit" 4 \
	"$(wait_counter dropped_nd_hop_limit 4)"
check "send an MLDv2 report with hop limit 2" \
	scapy inet "send(IPv6(src='fe80::7', dst='ff02::16', hlim=2)/IPv6ExtHdrHopByHop(options=[RouterAlert()])/ICMPv6MLReport2(), iface='e0')"
check_eq "it is dropped as nd-hop-limit" 5 \
	"$(wait_counter dropped_nd_hop_limit 5)"
check "the edge still resolves the client's address (ND works)" \
	ns edge ping -6 -c 1 -W 2 2001:db8:45:16::7

# --- conntrack-invalid TCP to an open port -----------------------------------
tcp="IP(src='198.51.100.7', dst='10.45.16.10')/TCP(sport=%d, dport=443, flags='%s')"
check "send 3 TCP SYN+FIN to 10.45.16.10:443 (row 3)" \
	scapy inet "send([$(printf "$tcp" 40001 SF), $(printf "$tcp" 40002 SF), $(printf "$tcp" 40003 SF)], iface='e0')"
check_eq "they are dropped as invalid" 3 "$(wait_counter dropped_invalid 3)"
check "send SYN+RST and a packet with no flags to 10.45.16.10:443" \
	scapy inet "send([$(printf "$tcp" 40004 SR), $(printf "$tcp" 40005 '')], iface='e0')"
check_eq "they are dropped as invalid" 5 "$(wait_counter dropped_invalid 5)"
check_eq "row 3 counted none of them" 0 "$(rule_packets 3)"
check "a plain SYN to 10.45.16.10:443 is admitted by row 3" \
	scapy inet "send($(printf "$tcp" 40006 S), iface='e0')"
for i in $(seq 1 50); do [ "$(rule_packets 3)" = 1 ] && break; sleep 0.1; done
check_eq "row 3 counted it" 1 "$(rule_packets 3)"

check "flush" ns edge edgectl flush
finish
