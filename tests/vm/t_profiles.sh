#!/bin/bash
# The Skype for Business Server 2015 and 2019 profiles with real traffic
# (runs in the VM):
#
#   tests/vm/run [--kernel 6.1|6.12] tests/vm/t_profiles.sh
#
# On the reference topology (tests/vm/topo.sh) with a Director added to the
# pool's network, the reference configuration (t_policy.sh's) plus that
# Director, and for each profile:
#   - sfb2019, sfb2015 without XMPP, sfb2015 with XMPP: every row of the
#     Skype for Business tables (E1-E14, I1-I11 as
#     ../shared/reference/sfb-server-edge-ports.md numbers them; the
#     expectations are written from that file, not from kmod/template.c)
#     passes, IPv4 and IPv6 on the external side, with its neighbours
#     (port - 1 and + 1, the other protocol, the other direction, another
#     source or destination, the other zone) dropped; the rows the tables
#     do not have (inbound 50,000-59,999; 5269 and 23456 under sfb2019 and
#     without XMPP; PSOM 8057 from a host that is not a Front End) dropped;
#     the Director is a next hop for SIP 5061 both ways (and for the XMPP
#     gateway's 23456), and nothing else;
#   - lync2010: the rows only the later tables have are dropped (DNS over
#     TCP, A/V TCP 443 out, STUN out from any port, 5269, 23456,
#     Centralized Logging 50001-50003), the 2010 readings hold (PSOM 8057
#     from any host, STUN out 3478 -> 3478), the Director is a next hop;
#   - what a profile does not have is refused (xmpp on outside sfb2015,
#     media range ocs2007 and lync2010 under sfb*), media range none under
#     sfb* opens no 50,000-59,999 row;
#   - a profile switch under traffic (lync2010 -> sfb2019 -> lync2010):
#     new flows of a row both profiles have keep passing, with no drop, and
#     its counter counts every one of them across both switches; flows of a
#     row only the old profile has pass before and are dropped after; flows
#     of a row only the new one has, the other way round;
#   - save, flush, restore of each profile: save names it (and xmpp on),
#     restore gives the same save back, show's first line names it, and
#     traffic that tells the profiles apart gets the profile's verdicts.
# Before anything is bound every probe gets its answer (the baseline), so a
# "dropped" verdict can only come from the firewall (see t_policy.sh).
#
# About 3 minutes in the TCG guest: make check runs it on 6.12 only. What
# differs between profiles is the module's expansion of its template (the
# same C code on every kernel) and edgectl; the hooks that judge the
# packets are the same as for lync2010, which t_policy.sh checks on both
# kernels.
# check-kernels: 6.12

# vm-timeout: 1200
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$repo/tests/lib/assert.sh"
. "$here/topo.sh"

work=$(mktemp -d /tmp/t_profiles.XXXXXX)
SECONDS=0
phase() { echo "# $SECONDS s: $*"; }
trap 'touch "$work/stop"; topo_down; rm -rf "$work"' EXIT

C4=$TOPO_CLIENT4 C6=$TOPO_CLIENT6 S4=$TOPO_SERVER4 S6=$TOPO_SERVER6
A4=$TOPO_ACCESS4 W4=$TOPO_WEBCONF4 V4=$TOPO_AV4 R4=$TOPO_RPROXY4
A6=$TOPO_ACCESS6 W6=$TOPO_WEBCONF6 V6=$TOPO_AV6 R6=$TOPO_RPROXY6
I4=$TOPO_EDGE_INT4 RI4=$TOPO_RPROXY_INT4
FE1=$TOPO_FE1 FE2=$TOPO_FE2 VIP=$TOPO_VIP OTH=$TOPO_OTHER
# A Director, next hop of the edge beside the Front End servers.
DIR=192.168.10.95 DIR6=2001:db8:10::95

ectl() { ip netns exec edge edgectl "$@"; }
. "$here/probes.sh"

declare -A V=([pass]=passes [drop]=dropped)

# ---------------------------------------------------------------------------
# sfb_probes PROFILE XMPP: every row of the 2015/2019 tables and its
# neighbours; XMPP "on" expects the XMPP rows (sfb2015 with xmpp on).
sfb_probes() {
	local p="$1:" x=drop
	[ "$2" = on ] && x=pass
	# ---- External interface
	# E1 access: any -> Access:5269 TCP, XMPP in (2015 only); and out
	# (the issue's "5269 in and out"; Microsoft's table has both)
	want $x inet tcp $C4 $A4:5269		"$p E1 access XMPP TCP 5269 in ${V[$x]}"
	want $x inet tcp $C6 [$A6]:5269		"$p E1 access XMPP TCP 5269 in, IPv6, ${V[$x]}"
	want $x edge tcp $A4 $S4:5269		"$p E1 access XMPP TCP 5269 out ${V[$x]}"
	want $x edge tcp $A6 [$S6]:5269		"$p E1 access XMPP TCP 5269 out, IPv6, ${V[$x]}"
	want drop inet tcp $C4 $A4:5268		"$p E1 neighbour: TCP 5268 in dropped"
	want drop inet tcp $C4 $A4:5270		"$p E1 neighbour: TCP 5270 in dropped"
	want drop inet udp $C4 $A4:5269		"$p E1 neighbour: UDP 5269 in dropped"
	want drop inet tcp $C4 $W4:5269		"$p E1 neighbour: other destination $W4 dropped"
	want drop pool tcp $OTH $A4:5269	"$p E1 neighbour: other zone, TCP 5269 to $A4 arriving on int0 dropped"
	want drop edge tcp $A4 $S4:5270		"$p E1 neighbour: TCP 5270 out dropped"
	want drop edge tcp $W4 $S4:5269		"$p E1 neighbour: TCP 5269 out from another source $W4 dropped"
	want drop edge tcp $A4 $FE1:5269	"$p E1 neighbour: other zone, TCP 5269 from $A4 out int0 dropped"
	# E2 access: Access -> any:80 TCP (CRL)
	want pass edge tcp $A4 $S4:80		"$p E2 access TCP 80 out passes"
	want pass edge tcp $A6 [$S6]:80		"$p E2 access TCP 80 out, IPv6, passes"
	want drop edge tcp $A4 $S4:79		"$p E2 neighbour: TCP 79 out dropped"
	want drop edge tcp $A4 $S4:81		"$p E2 neighbour: TCP 81 out dropped"
	want drop edge udp $A4 $S4:80		"$p E2 neighbour: UDP 80 out dropped"
	want drop inet tcp $C4 $A4:80		"$p E2 neighbour: other direction, TCP 80 in dropped"
	want drop edge tcp $V4 $S4:80		"$p E2 neighbour: other source $V4 dropped"
	# E3 access: Access -> any:53 TCP (DNS over TCP, new)
	want pass edge tcp $A4 $S4:53		"$p E3 access DNS TCP 53 out passes"
	want pass edge tcp $A6 [$S6]:53		"$p E3 access DNS TCP 53 out, IPv6, passes"
	want drop edge tcp $A4 $S4:52		"$p E3 neighbour: TCP 52 out dropped"
	want drop edge tcp $A4 $S4:54		"$p E3 neighbour: TCP 54 out dropped"
	want drop edge tcp $W4 $S4:53		"$p E3 neighbour: other source $W4 dropped"
	want drop inet tcp $C4 $A4:53		"$p E3 neighbour: other direction, TCP 53 in dropped"
	want drop edge tcp $A4 $OTH:53		"$p E3 neighbour: other zone, TCP 53 from $A4 out int0 dropped"
	# E4 access: Access -> any:53 UDP
	want pass edge dns $A4 $S4:53		"$p E4 access DNS UDP 53 out gets its answer"
	want pass edge dns $A6 [$S6]:53		"$p E4 access DNS UDP 53 out, IPv6, gets its answer"
	want drop edge udp $A4 $S4:52		"$p E4 neighbour: UDP 52 out dropped"
	want drop edge udp $A4 $S4:54		"$p E4 neighbour: UDP 54 out dropped"
	want drop edge dns $V4 $S4:53		"$p E4 neighbour: other source $V4 dropped"
	want drop inet dns $C4 $A4:53		"$p E4 neighbour: other direction, DNS query in dropped"
	# E5 access: any -> Access:443 TCP (SIP/TLS)
	want pass inet tcp $C4 $A4:443		"$p E5 access SIP/TLS TCP 443 in passes"
	want pass inet tcp $C6 [$A6]:443	"$p E5 access SIP/TLS TCP 443 in, IPv6, passes"
	want drop inet tcp $C4 $A4:442		"$p E5 neighbour: TCP 442 in dropped"
	want drop inet tcp $C4 $A4:444		"$p E5 neighbour: TCP 444 in dropped"
	want drop inet udp $C4 $A4:443		"$p E5 neighbour: UDP 443 in dropped"
	want drop edge tcp $A4 $S4:443		"$p E5 neighbour: other direction, TCP 443 out from $A4 dropped"
	want drop pool tcp $OTH $A4:443		"$p E5 neighbour: other zone, TCP 443 to $A4 arriving on int0 dropped"
	# E6 access: any -> Access:5061 TCP (SIP/MTLS in)
	want pass inet tcp $C4 $A4:5061		"$p E6 access SIP/MTLS TCP 5061 in passes"
	want pass inet tcp $C6 [$A6]:5061	"$p E6 access SIP/MTLS TCP 5061 in, IPv6, passes"
	want drop inet tcp $C4 $A4:5060		"$p E6 neighbour: TCP 5060 in dropped"
	want drop inet tcp $C4 $A4:5062		"$p E6 neighbour: TCP 5062 in dropped"
	want drop inet udp $C4 $A4:5061		"$p E6 neighbour: UDP 5061 in dropped"
	want drop inet tcp $C4 $W4:5061		"$p E6 neighbour: other destination $W4 dropped"
	# E7 access: Access -> any:5061 TCP (SIP/MTLS out)
	want pass edge tcp $A4 $S4:5061		"$p E7 access SIP/MTLS TCP 5061 out passes"
	want pass edge tcp $A6 [$S6]:5061	"$p E7 access SIP/MTLS TCP 5061 out, IPv6, passes"
	want drop edge tcp $A4 $S4:5060		"$p E7 neighbour: TCP 5060 out dropped"
	want drop edge tcp $A4 $S4:5062		"$p E7 neighbour: TCP 5062 out dropped"
	want drop edge udp $A4 $S4:5061		"$p E7 neighbour: UDP 5061 out dropped"
	want drop edge tcp $W4 $S4:5061		"$p E7 neighbour: other source $W4 dropped"
	want drop edge tcp $A4 $FE1:5061	"$p E7 neighbour: other zone, TCP 5061 from $A4 to a Front End out int0 dropped"
	# E8 webconf: any -> Webconf:443 TCP (PSOM/TLS)
	want pass inet tcp $C4 $W4:443		"$p E8 webconf PSOM/TLS TCP 443 in passes"
	want pass inet tcp $C6 [$W6]:443	"$p E8 webconf PSOM/TLS TCP 443 in, IPv6, passes"
	want drop inet tcp $C4 $W4:442		"$p E8 neighbour: TCP 442 in dropped"
	want drop inet tcp $C4 $W4:444		"$p E8 neighbour: TCP 444 in dropped"
	want drop inet udp $C4 $W4:443		"$p E8 neighbour: UDP 443 in dropped"
	want drop edge tcp $W4 $S4:443		"$p E8 neighbour: other direction, TCP 443 out from $W4 dropped"
	want drop pool tcp $OTH $W4:443		"$p E8 neighbour: other zone, TCP 443 to $W4 arriving on int0 dropped"
	# E9 av: A/V:50000-59999 -> any TCP (media relay, standard)
	want pass edge tcp $V4:50000 $S4:5061	"$p E9 av RTP/TCP out from port 50000 passes"
	want pass edge tcp $V4:59999 $S4:8080	"$p E9 av RTP/TCP out from port 59999 passes"
	want pass edge tcp [$V6]:50000 [$S6]:5061 "$p E9 av RTP/TCP out from port 50000, IPv6, passes"
	want drop edge tcp $V4:49999 $S4:8080	"$p E9 neighbour: from port 49999 dropped"
	want drop edge tcp $V4:60000 $S4:8080	"$p E9 neighbour: from port 60000 dropped"
	want drop edge tcp $A4:50000 $S4:8080	"$p E9 neighbour: other source $A4 from port 50000 dropped"
	want drop edge tcp $V4:50000 $OTH:8080	"$p E9 neighbour: other zone, from $V4:50000 out int0 dropped"
	# E10 av: A/V:50000-59999 -> any UDP (media relay, standard)
	want pass edge udp $V4:50000 $S4:5061	"$p E10 av RTP/UDP out from port 50000 gets its answer"
	want pass edge udp $V4:59999 $S4:9999	"$p E10 av RTP/UDP out from port 59999 gets its answer"
	want pass edge udp [$V6]:59998 [$S6]:9999 "$p E10 av RTP/UDP out from port 59998, IPv6, gets its answer"
	want drop edge udp $V4:49999 $S4:5061	"$p E10 neighbour: from port 49999 dropped"
	want drop edge udp $V4:60000 $S4:5061	"$p E10 neighbour: from port 60000 dropped"
	want drop edge udp $A4:50000 $S4:5061	"$p E10 neighbour: other source $A4 from port 50000 dropped"
	want drop edge udp $V4:50001 $OTH:5061	"$p E10 neighbour: other zone, from $V4:50001 out int0 dropped"
	# E11 av: A/V:any -> any:3478 UDP (STUN out; the destination port only)
	want pass edge udp $V4 $S4:3478		"$p E11 av STUN UDP out to 3478 from an ephemeral port gets its answer"
	want pass edge udp $V4:3478 $S4:3478	"$p E11 av STUN UDP 3478 -> 3478 out gets its answer"
	want pass edge udp $V6 [$S6]:3478	"$p E11 av STUN UDP out to 3478, IPv6, gets its answer"
	want drop edge udp $V4 $S4:3477		"$p E11 neighbour: to port 3477 dropped"
	want drop edge udp $V4 $S4:3479		"$p E11 neighbour: to port 3479 dropped"
	want drop edge udp $A4 $S4:3478		"$p E11 neighbour: other source $A4 dropped"
	want drop edge tcp $V4 $S4:3478		"$p E11 neighbour: TCP 3478 out dropped"
	want drop edge udp $V4 $OTH:3478	"$p E11 neighbour: other zone, from $V4 out int0 dropped"
	# E12 av: any -> A/V:3478 UDP
	want pass inet udp $C4 $V4:3478		"$p E12 av STUN UDP 3478 in gets its answer"
	want pass inet udp $C6 [$V6]:3478	"$p E12 av STUN UDP 3478 in, IPv6, gets its answer"
	want drop inet udp $C4 $V4:3477		"$p E12 neighbour: UDP 3477 in dropped"
	want drop inet udp $C4 $V4:3479		"$p E12 neighbour: UDP 3479 in dropped"
	want drop inet tcp $C4 $V4:3478		"$p E12 neighbour: TCP 3478 in dropped"
	want drop inet udp $C4 $A4:3478		"$p E12 neighbour: other destination $A4 dropped"
	want drop pool udp $OTH $V4:3478	"$p E12 neighbour: other zone, UDP 3478 to $V4 arriving on int0 dropped"
	# E13 av: any -> A/V:443 TCP
	want pass inet tcp $C4 $V4:443		"$p E13 av STUN TCP 443 in passes"
	want pass inet tcp $C6 [$V6]:443	"$p E13 av STUN TCP 443 in, IPv6, passes"
	want drop inet tcp $C4 $V4:442		"$p E13 neighbour: TCP 442 in dropped"
	want drop inet tcp $C4 $V4:444		"$p E13 neighbour: TCP 444 in dropped"
	want drop inet udp $C4 $V4:443		"$p E13 neighbour: UDP 443 in dropped"
	want drop pool tcp $OTH $V4:443		"$p E13 neighbour: other zone, TCP 443 to $V4 arriving on int0 dropped"
	# E14 av: A/V -> any:443 TCP (new)
	want pass edge tcp $V4 $S4:443		"$p E14 av STUN TCP 443 out passes"
	want pass edge tcp $V6 [$S6]:443	"$p E14 av STUN TCP 443 out, IPv6, passes"
	want drop edge tcp $V4 $S4:442		"$p E14 neighbour: TCP 442 out dropped"
	want drop edge tcp $V4 $S4:444		"$p E14 neighbour: TCP 444 out dropped"
	want drop edge udp $V4 $S4:443		"$p E14 neighbour: UDP 443 out dropped"
	want drop edge tcp $R4 $S4:443		"$p E14 neighbour: other source $R4 dropped"
	want drop edge tcp $V4 $OTH:443		"$p E14 neighbour: other zone, TCP 443 from $V4 out int0 dropped"
	# Absent: inbound 50,000-59,999 (the 2010 "ocs2007" rows are gone)
	want drop inet tcp $C4 $V4:50000	"$p absent: RTP/TCP in to $V4:50000 dropped"
	want drop inet tcp $C4 $V4:59999	"$p absent: RTP/TCP in to $V4:59999 dropped"
	want drop inet udp $C4 $V4:50000	"$p absent: RTP/UDP in to $V4:50000 dropped"
	want drop inet udp $C4 $V4:59999	"$p absent: RTP/UDP in to $V4:59999 dropped"
	want drop inet tcp $C6 [$V6]:50001	"$p absent: RTP/TCP in to port 50001, IPv6, dropped"
	want drop inet udp $C6 [$V6]:59998	"$p absent: RTP/UDP in to port 59998, IPv6, dropped"
	# Reverse proxy: unchanged from Lync 2010
	want pass inet tcp $C4 $R4:443		"$p rproxy HTTPS TCP 443 in passes"
	want pass inet tcp $C6 [$R6]:443	"$p rproxy HTTPS TCP 443 in, IPv6, passes"
	want drop inet tcp $C4 $R4:444		"$p rproxy neighbour: TCP 444 in dropped"
	want pass edge tcp $RI4 $VIP:8080	"$p rproxy TCP 8080 to the pool VIP passes"
	want pass edge tcp $RI4 $VIP:4443	"$p rproxy TCP 4443 to the pool VIP passes"
	want drop edge tcp $RI4 $VIP:8081	"$p rproxy neighbour: TCP 8081 to the VIP dropped"
	want drop edge tcp $RI4 $FE1:8080	"$p rproxy neighbour: TCP 8080 to a Front End instead of the VIP dropped"
	want drop edge tcp $I4 $VIP:4443	"$p rproxy neighbour: TCP 4443 to the VIP from another source $I4 dropped"

	# ---- Internal interface
	# I1 access: next hops -> Internal:23456 TCP, XMPP gateway (2015 only)
	want $x pool tcp $FE1 $I4:23456		"$p I1 access XMPP gateway TCP 23456 from Front End $FE1 ${V[$x]}"
	want $x pool tcp $DIR $I4:23456		"$p I1 access XMPP gateway TCP 23456 from Director $DIR ${V[$x]}"
	want drop pool tcp $OTH $I4:23456	"$p I1 neighbour: other source, non-pool host $OTH, dropped"
	want drop pool tcp $FE1 $I4:23455	"$p I1 neighbour: TCP 23455 dropped"
	want drop pool tcp $FE1 $I4:23457	"$p I1 neighbour: TCP 23457 dropped"
	want drop pool udp $FE1 $I4:23456	"$p I1 neighbour: UDP 23456 dropped"
	want drop edge tcp $I4 $FE1:23456	"$p I1 neighbour: other direction, edge -> Front End 23456 dropped"
	want drop inet tcp $C4 $I4:23456	"$p I1 neighbour: other zone, TCP 23456 to $I4 arriving on ext0 dropped"
	# I2 access: next hops -> Internal:5061 TCP
	want pass pool tcp $FE1 $I4:5061	"$p I2 access SIP/MTLS TCP 5061 Front End $FE1 -> edge passes"
	want pass pool tcp $FE2 $I4:5061	"$p I2 access SIP/MTLS TCP 5061 Front End $FE2 -> edge passes"
	want pass pool tcp $DIR $I4:5061	"$p I2 access SIP/MTLS TCP 5061 Director $DIR -> edge passes"
	want drop pool tcp $OTH $I4:5061	"$p I2 neighbour: other source, non-pool host $OTH, dropped"
	want drop pool tcp $VIP $I4:5061	"$p I2 neighbour: other source, pool VIP $VIP, dropped"
	want drop pool tcp $DIR $I4:5060	"$p I2 neighbour: TCP 5060 from the Director dropped"
	want drop pool udp $DIR $I4:5061	"$p I2 neighbour: UDP 5061 from the Director dropped"
	want drop inet tcp $C4 $I4:5061		"$p I2 neighbour: other zone, TCP 5061 to $I4 arriving on ext0 dropped"
	# I3 access: Internal -> next hops:5061 TCP
	want pass edge tcp $I4 $FE1:5061	"$p I3 access SIP/MTLS TCP 5061 edge -> Front End $FE1 passes"
	want pass edge tcp $I4 $FE2:5061	"$p I3 access SIP/MTLS TCP 5061 edge -> Front End $FE2 passes"
	want pass edge tcp $I4 $DIR:5061	"$p I3 access SIP/MTLS TCP 5061 edge -> Director $DIR passes"
	want drop edge tcp $I4 $OTH:5061	"$p I3 neighbour: other destination, non-pool host $OTH, dropped"
	want drop edge tcp $I4 $VIP:5061	"$p I3 neighbour: other destination, pool VIP $VIP, dropped"
	want drop edge tcp $I4 $DIR:5060	"$p I3 neighbour: TCP 5060 to the Director dropped"
	want drop edge tcp $I4 $DIR:5062	"$p I3 neighbour: TCP 5062 to the Director dropped"
	want drop edge udp $I4 $DIR:5061	"$p I3 neighbour: UDP 5061 to the Director dropped"
	want drop edge tcp $RI4 $DIR:5061	"$p I3 neighbour: other source $RI4 dropped"
	# I4 webconf: each Front End -> Internal:8057 TCP (PSOM; 2010: any)
	want pass pool tcp $FE1 $I4:8057	"$p I4 webconf PSOM/MTLS TCP 8057 from Front End $FE1 passes"
	want pass pool tcp $FE2 $I4:8057	"$p I4 webconf PSOM/MTLS TCP 8057 from Front End $FE2 passes"
	want drop pool tcp $OTH $I4:8057	"$p I4 absent: PSOM 8057 from a non-Front-End $OTH dropped"
	want drop pool tcp $DIR $I4:8057	"$p I4 absent: PSOM 8057 from the Director $DIR (no Front End) dropped"
	want drop pool tcp $VIP $I4:8057	"$p I4 absent: PSOM 8057 from the pool VIP $VIP (no Front End server) dropped"
	want drop pool tcp $FE1 $I4:8056	"$p I4 neighbour: TCP 8056 dropped"
	want drop pool tcp $FE1 $I4:8058	"$p I4 neighbour: TCP 8058 dropped"
	want drop pool udp $FE1 $I4:8057	"$p I4 neighbour: UDP 8057 dropped"
	want drop edge tcp $I4 $FE1:8057	"$p I4 neighbour: other direction, edge -> Front End 8057 dropped"
	# I5 av: Front End servers -> Internal:5062 TCP
	want pass pool tcp $FE1 $I4:5062	"$p I5 av authentication TCP 5062 from Front End $FE1 passes"
	want pass pool tcp $FE2 $I4:5062	"$p I5 av authentication TCP 5062 from Front End $FE2 passes"
	want drop pool tcp $OTH $I4:5062	"$p I5 neighbour: other source, non-pool host $OTH, dropped"
	want drop pool tcp $DIR $I4:5062	"$p I5 neighbour: other source, the Director $DIR (no Front End), dropped"
	want drop pool tcp $FE1 $I4:5063	"$p I5 neighbour: TCP 5063 dropped"
	want drop pool udp $FE1 $I4:5062	"$p I5 neighbour: UDP 5062 dropped"
	# I6 av: any -> Internal:3478 UDP
	want pass pool udp $OTH $I4:3478	"$p I6 av STUN UDP 3478 pool -> edge gets its answer"
	want pass pool udp $FE1:3478 $I4:3478	"$p I6 av STUN UDP 3478 from port 3478 gets its answer"
	want drop pool udp $OTH $I4:3477	"$p I6 neighbour: UDP 3477 dropped"
	want drop pool udp $OTH $I4:3479	"$p I6 neighbour: UDP 3479 dropped"
	want drop pool tcp $OTH $I4:3478	"$p I6 neighbour: TCP 3478 dropped"
	want drop edge udp $I4 $OTH:3478	"$p I6 neighbour: other direction, edge -> pool UDP 3478 dropped"
	want drop inet udp $C4 $I4:3478		"$p I6 neighbour: other zone, UDP 3478 to $I4 arriving on ext0 dropped"
	# I7 av: any -> Internal:443 TCP
	want pass pool tcp $OTH $I4:443		"$p I7 av STUN TCP 443 pool -> edge passes"
	want drop pool tcp $OTH $I4:442		"$p I7 neighbour: TCP 442 dropped"
	want drop pool tcp $OTH $I4:444		"$p I7 neighbour: TCP 444 dropped"
	want drop pool udp $OTH $I4:443		"$p I7 neighbour: UDP 443 dropped"
	want drop edge tcp $I4 $OTH:443		"$p I7 neighbour: other direction, edge -> pool TCP 443 dropped"
	want drop inet tcp $C4 $I4:443		"$p I7 neighbour: other zone, TCP 443 to $I4 arriving on ext0 dropped"
	# I8 access: Front End (CMS) -> Internal:4443 TCP
	want pass pool tcp $FE1 $I4:4443	"$p I8 access CMS replication TCP 4443 from Front End $FE1 passes"
	want pass pool tcp $FE2 $I4:4443	"$p I8 access CMS replication TCP 4443 from Front End $FE2 passes"
	want drop pool tcp $OTH $I4:4443	"$p I8 neighbour: other source, non-pool host $OTH, dropped"
	want drop pool tcp $DIR $I4:4443	"$p I8 neighbour: other source, the Director $DIR (no Front End), dropped"
	want drop pool tcp $FE1 $I4:4442	"$p I8 neighbour: TCP 4442 dropped"
	want drop pool tcp $FE1 $I4:4444	"$p I8 neighbour: TCP 4444 dropped"
	want drop edge tcp $I4 $FE1:4443	"$p I8 neighbour: other direction, edge -> Front End 4443 dropped"
	# I9-I11 (edge): any -> Internal:50001-50003 TCP (Centralized Logging)
	want pass pool tcp $OTH $I4:50001	"$p I9 Centralized Logging TCP 50001 pool -> edge passes"
	want pass pool tcp $OTH $I4:50002	"$p I10 Centralized Logging TCP 50002 pool -> edge passes"
	want pass pool tcp $OTH $I4:50003	"$p I11 Centralized Logging TCP 50003 pool -> edge passes"
	want pass pool tcp $FE1 $I4:50002	"$p I10 Centralized Logging TCP 50002 from Front End $FE1 passes"
	want drop pool tcp $OTH $I4:50000	"$p I9 neighbour: TCP 50000 dropped"
	want drop pool tcp $OTH $I4:50004	"$p I11 neighbour: TCP 50004 dropped"
	want drop pool udp $OTH $I4:50001	"$p I9 neighbour: UDP 50001 dropped"
	want drop edge tcp $I4 $OTH:50001	"$p I9 neighbour: other direction, edge -> pool TCP 50001 dropped"
	want drop inet tcp $C4 $I4:50002	"$p I10 neighbour: other zone, TCP 50002 to $I4 arriving on ext0 dropped"
}

# lync2010_probes: under lync2010, what only the later tables have is
# absent, the 2010 readings hold, and the Director is a next hop (the 2010
# table: "Destination will be the next hop server(s)"). Fixed source ports
# differ from sfb_probes' (one batch, the baseline, runs both).
lync2010_probes() {
	local p=lync2010:
	want drop edge tcp $A4 $S4:53		"$p absent: DNS TCP 53 out (E3) dropped"
	want drop edge tcp $A6 [$S6]:53		"$p absent: DNS TCP 53 out (E3), IPv6, dropped"
	want drop edge tcp $V4 $S4:443		"$p absent: A/V TCP 443 out (E14) dropped"
	want drop edge udp $V4 $S4:3478		"$p absent: STUN out to 3478 from an ephemeral port (E11's reading) dropped"
	want pass edge udp [$V6]:3478 [$S6]:3478 "$p row 11: STUN 3478 -> 3478 out gets its answer"
	want pass edge tcp $V4:50001 $S4:8080	"$p row 7: RTP/TCP out from port 50001 passes (media range lync2010)"
	want drop edge udp $V4:50001 $S4:9999	"$p RTP/UDP out from port 50001 dropped (ocs2007 only under 2010)"
	want drop inet tcp $C4 $A4:5269		"$p absent: XMPP TCP 5269 in dropped"
	want drop edge tcp $A4 $S4:5269		"$p absent: XMPP TCP 5269 out dropped"
	want drop pool tcp $FE1 $I4:23456	"$p absent: XMPP gateway TCP 23456 from a Front End dropped"
	want drop pool tcp $OTH $I4:50001	"$p absent: Centralized Logging TCP 50001 dropped"
	want drop pool tcp $OTH $I4:50002	"$p absent: Centralized Logging TCP 50002 dropped"
	want drop pool tcp $OTH $I4:50003	"$p absent: Centralized Logging TCP 50003 dropped"
	want pass pool tcp $OTH $I4:8057	"$p row 19: PSOM 8057 from any pool-side host ($OTH) passes"
	want pass pool tcp $DIR $I4:8057	"$p row 19: PSOM 8057 from the Director passes (any source)"
	want pass pool tcp $DIR $I4:5061	"$p row 17: SIP/MTLS 5061 Director $DIR -> edge passes (next hop)"
	want pass edge tcp $I4 $DIR:5061	"$p row 16: SIP/MTLS 5061 edge -> Director $DIR passes (next hop)"
	want drop pool tcp $DIR $I4:4443	"$p row 18 neighbour: CMS 4443 from the Director (no Front End) dropped"
	want drop pool tcp $DIR $I4:5062	"$p row 20 neighbour: A/V authentication 5062 from the Director dropped"
	want drop edge tcp $I4 $DIR:5062	"$p row 16 neighbour: TCP 5062 to the Director dropped"
}

# ===========================================================================
edgefw_up
add_director() {
	ip -n pool addr add $DIR/24 dev eth0 && ip -n pool addr add $DIR6/64 dev eth0 nodad
}
check "topology: the Director $DIR and $DIR6 in the pool's network" add_director
phase "probe servers"
check "probe servers listen in every namespace" topo_serve "$work/srv"
# The ports of the later tables that topo_serve does not serve: XMPP 5269
# and 23456, Centralized Logging 50002-50004; the Director's.
extra_serve() {
	local ns=$1
	shift
	ip netns exec "$ns" "$PROBE" serve --log "$work/srv/x-$ns.log" \
		--ready "$work/srv/x-$ns.ready" "$@" < /dev/null > "$work/srv/x-$ns.err" 2>&1 &
}
x_ports=5268-5270,23455-23457,50002-50004
extra_serve inet tcp/$S4,$S6/$x_ports udp/$S4,$S6/$x_ports
extra_serve edge tcp/$A4,$A6,$W4,$I4/$x_ports udp/$A4,$A6,$W4,$I4/$x_ports
extra_serve pool tcp/$FE1/$x_ports udp/$FE1/$x_ports \
	tcp/$DIR,$DIR6/$TOPO_PORTS udp/$DIR,$DIR6/$TOPO_PORTS
x_ready() { [ -e "$work/srv/x-inet.ready" ] && [ -e "$work/srv/x-edge.ready" ] && [ -e "$work/srv/x-pool.ready" ]; }
check "probe servers for the later tables' ports and the Director listen" wait_for 60 x_ready

# ===========================================================================
phase "baseline, nothing bound"
sfb_probes baseline on
lync2010_probes
run_probes_all_pass baseline "topology: every probe gets its answer before any interface is bound"

phase "configuration (profile lync2010, the default)"
ectl_each config \
	"bind ext0 external" \
	"bind int0 internal" \
	"set-pool --front-end $FE1 --front-end $FE2 --director $DIR --vip $VIP" \
	"add-role access --ip $A4 --ip $A6 --internal-ip $I4" \
	"add-role webconf --ip $W4 --ip $W6 --internal-ip $I4" \
	"add-role av --ip $V4 --ip $V6 --internal-ip $I4" \
	"add-role rproxy --ip $R4 --ip $R6 --internal-ip $RI4"
first_line_names() { ectl show | head -n 1 | grep -qw "$1"; }
check "show: the first line names profile lync2010" first_line_names lync2010
check_exit "lync2010: xmpp on refused (exit 1)" 1 ectl xmpp on
lync2010_probes
run_probes lync2010

# ===========================================================================
phase "profile switches under traffic"
# Three series of probes, each probe a new flow (probe.py series): row 12
# (E12) STUN in, in every profile; PSOM 8057 from a non-Front-End, in
# lync2010 only; DNS over TCP out, in sfb only. The switches come while they
# run; judged are the probes that ran wholly before or wholly after one.
ectl counters --reset > /dev/null
check "switch: conntrack of edge emptied" ip netns exec edge "$PROBE" ct-flush
series_pids=()
series() {	# series NAME NS PROTO SRC:PORT DST
	ip netns exec "$2" "$PROBE" series --timeout 2 --until "$work/stop" \
		"$3" "$4" "$5" > "$work/series.$1" 2> "$work/series.$1.err" &
	series_pids+=($!)
}
series both inet udp $C4:20000 $V4:3478
series old pool tcp $OTH:21000 $I4:8057
series new edge tcp $A4:22000 $S4:53
# started_after NAME T N: at least N probes of the series started after T.
started_after() {
	local n=0 start rest
	while read -r start rest; do
		[[ ${start/./} -gt $2 ]] && n=$((n + 1))
	done < "$work/series.$1"
	[ $n -ge "$3" ]
}
phase "switch: series started"
# The switch times in microseconds (EPOCHREALTIME, as probe.py's).
check "switch: each series ran 2 probes under lync2010" wait_for 60 sh -c "
	[ \$(wc -l < '$work/series.both') -ge 2 ] && [ \$(wc -l < '$work/series.old') -ge 2 ] &&
	[ \$(wc -l < '$work/series.new') -ge 2 ]"
phase "switch: to sfb2019"
t0=${EPOCHREALTIME/./}
check "switch: edgectl profile sfb2019 under traffic" ectl profile sfb2019
t1=${EPOCHREALTIME/./}
check "switch: each series ran 2 probes under sfb2019" wait_for 60 eval \
	"started_after both $t1 2 && started_after old $t1 2 && started_after new $t1 2"
phase "switch: back to lync2010"
t2=${EPOCHREALTIME/./}
check "switch: edgectl profile lync2010 under traffic" ectl profile lync2010
t3=${EPOCHREALTIME/./}
check "switch: each series ran 2 probes under lync2010 again" wait_for 60 eval \
	"started_after both $t3 2 && started_after old $t3 2 && started_after new $t3 2"
touch "$work/stop"
wait "${series_pids[@]}"
phase "switch: series stopped"
# judge NAME BEFORE DURING AFTER: every probe of the series that ran wholly
# before the first switch, between the two, after the second had the
# result given; at least one in each stretch.
judge() {
	local name=$1 start end res sport detail bad='' n1=0 n2=0 n3=0 s e
	while read -r start end res sport detail; do
		s=${start/./} e=${end/./}
		if [ "$e" -lt "$t0" ]; then
			n1=$((n1 + 1)); [ "$res" = "$2" ] || bad="$bad before: port $sport $res ($detail)\n"
		elif [ "$s" -gt "$t1" ] && [ "$e" -lt "$t2" ]; then
			n2=$((n2 + 1)); [ "$res" = "$3" ] || bad="$bad under sfb2019: port $sport $res ($detail)\n"
		elif [ "$s" -gt "$t3" ]; then
			n3=$((n3 + 1)); [ "$res" = "$4" ] || bad="$bad after: port $sport $res ($detail)\n"
		elif [ "$name" = both ] && [ "$res" != pass ]; then
			bad="$bad during a switch: port $sport $res ($detail)\n"
		fi
	done < "$work/series.$name"
	[ $n1 -gt 0 ] && [ $n2 -gt 0 ] && [ $n3 -gt 0 ] || bad="$bad probes before/between/after: $n1/$n2/$n3\n"
	[ -z "$bad" ] || { printf "%b" "$bad"; cat "$work/series.$name.err"; return 1; }
}
check "switch: STUN in to $V4:3478 (every profile) passes before, between, after and during the switches" \
	judge both pass pass pass
check "switch: PSOM 8057 from $OTH (lync2010 only) passes under lync2010, dropped under sfb2019" \
	judge old pass drop pass
check "switch: DNS TCP 53 out (sfb only) dropped under lync2010, passes under sfb2019" \
	judge new drop pass drop
both_passed=0
while read -r _ _ res _; do [ "$res" = pass ] && both_passed=$((both_passed + 1)); done < "$work/series.both"
read_counters
check_eq "switch: row 12 ($V4) counted each of the $both_passed STUN flows across both switches" \
	"$both_passed" "$(counter_of av 12 any $V4)"
rm -f "$work/stop"

# ===========================================================================
phase "sfb2019"
check "edgectl profile sfb2019" ectl profile sfb2019
check "show: the first line names profile sfb2019" first_line_names sfb2019
check_exit "sfb2019: xmpp on refused (exit 1)" 1 ectl xmpp on
check_exit "sfb2019: av media range ocs2007 refused (exit 1)" 1 \
	ectl add-role av --ip $V4 --media-range ocs2007
check_exit "sfb2019: av media range lync2010 refused (exit 1)" 1 \
	ectl add-role av --ip $V4 --media-range lync2010
check "sfb2019: conntrack of edge emptied" ip netns exec edge "$PROBE" ct-flush
sfb_probes sfb2019 off
run_probes sfb2019
check "sfb2019: edgectl add-role av --media-range none" ectl add-role av --ip $V4 --media-range none
want drop edge tcp $V4:50002 $S4:8080	"sfb2019 media range none: E9 RTP/TCP out from port 50002 dropped"
want drop edge udp $V4:50002 $S4:5061	"sfb2019 media range none: E10 RTP/UDP out from port 50002 dropped"
want pass inet udp $C4 $V4:3478		"sfb2019 media range none: E12 STUN in still gets its answer"
run_probes sfb2019-none
check "sfb2019: edgectl add-role av --media-range standard" ectl add-role av --ip $V4 --media-range standard

phase "sfb2015 without XMPP"
check "edgectl profile sfb2015" ectl profile sfb2015
check "show: the first line names profile sfb2015" first_line_names sfb2015
check "sfb2015: conntrack of edge emptied" ip netns exec edge "$PROBE" ct-flush
sfb_probes "sfb2015 xmpp off" off
run_probes sfb2015

phase "sfb2015 with XMPP"
check "sfb2015: edgectl xmpp on" ectl xmpp on
check "sfb2015 xmpp on: conntrack of edge emptied" ip netns exec edge "$PROBE" ct-flush
sfb_probes "sfb2015 xmpp on" on
run_probes sfb2015-xmpp
check_exit "sfb2015 xmpp on: profile sfb2019 refused while xmpp is on (exit 1)" 1 ectl profile sfb2019

# ===========================================================================
phase "save, flush, restore of each profile"
# A few probes that tell the profiles apart: DNS over TCP (sfb), XMPP in
# (sfb2015 with xmpp on), PSOM from a non-Front-End (lync2010), SIP from
# the Director (every profile).
tell_apart() {
	local p="$1 restored:" sfb=pass xmpp=drop psom=drop
	case $1 in
	lync2010) sfb=drop psom=pass ;;
	sfb2015) xmpp=pass ;;
	esac
	want $sfb edge tcp $A4 $S4:53		"$p DNS TCP 53 out ${V[$sfb]}"
	want $xmpp inet tcp $C4 $A4:5269	"$p XMPP TCP 5269 in ${V[$xmpp]}"
	want $psom pool tcp $OTH $I4:8057	"$p PSOM 8057 from a non-Front-End ${V[$psom]}"
	want pass pool tcp $DIR $I4:5061	"$p SIP 5061 from the Director passes"
}
saved_says() { grep -qx "$2" "$work/saved.$1"; }
for prof in sfb2015 sfb2019 lync2010; do
	[ $prof != sfb2019 ] || check "$prof: edgectl xmpp off" ectl xmpp off
	check "$prof: edgectl profile $prof" ectl profile $prof
	ectl save > "$work/saved.$prof"
	check "$prof: save says 'profile $prof'" saved_says $prof "profile $prof"
	[ $prof != sfb2015 ] || check "$prof: save says 'xmpp on'" saved_says $prof "xmpp on"
	check "$prof: edgectl flush" ectl flush
	check_eq "$prof: after flush, the profile is lync2010 again" lync2010 \
		"$(ectl save | sed -n 's/^profile //p')"
	check "$prof: edgectl restore" ectl restore "$work/saved.$prof"
	check_eq "$prof: after restore, save prints the same configuration" \
		"$(cat "$work/saved.$prof")" "$(ectl save)"
	check "$prof: after restore, show's first line names $prof" first_line_names $prof
	check "$prof: after restore, conntrack of edge emptied" ip netns exec edge "$PROBE" ct-flush
	tell_apart $prof
	run_probes "restored-$prof"
done

phase "done"
check "edgectl flush" ectl flush
finish
