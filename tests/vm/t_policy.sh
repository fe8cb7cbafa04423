#!/bin/bash
# End-to-end test of the edge policy with real traffic (runs in the VM):
#
#   tests/vm/run [--kernel 6.1|6.12] tests/vm/t_policy.sh
#
# Builds the reference topology (tests/vm/topo.sh: namespaces inet, edge,
# pool, mgmt), configures the four roles with edgectl exactly as the
# reference architecture names them, and then, for every row of the
# "External Ports Settings" and "Internal Ports Settings" tables
# (reference/edge-port-summary.txt next to DESIGN.md; kmod/template.c
# numbers them 1-24, as `edgectl show` does):
#   - real traffic of the row passes, from the right namespace, source
#     address and port, to the right destination, and its answer comes back
#     (through conntrack);
#   - its neighbours are dropped: port - 1 and + 1, the other protocol, the
#     other direction (the other side initiates), another source or
#     destination where the row names one, the same port on the other zone's
#     interface; a few rows are also tried over IPv6.
# `edgectl verdict` is asked about every probe of those rows, hop by hop,
# and must agree with what the probe met; `edgectl export --nft`, loaded
# with nft instead of the module, must give every one of those probes its
# expected verdict too. Then the optional rows
# (http-redirect with nginx and curl; the A/V media range
# none|lync2010|ocs2007 at 49,999/50,000/59,999/60,000), exact counters,
# the unbound interface, save/flush/restore, unprivileged callers and
# rmmod.
#
# Every probe has a listener behind it (tests/vm/topo.sh: topo_serve), and
# before any interface is bound every probe is shown to get its answer: a
# "dropped" verdict can only come from the firewall. A probe counts as
# dropped only if it timed out (or the local stack was refused by the
# firewall: EPERM) AND no server logged its packet; "refused" (RST, ICMP
# port unreachable) is a different result and never passes a drop check.
#
# Environment: EDGEFW_DROP_TIMEOUT (seconds a probe that should be dropped
# waits for an answer, default 1; probes run in parallel).

# vm-timeout: 1200
set -u
shopt -s extglob
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$repo/tests/lib/assert.sh"
. "$here/topo.sh"

PROBE=$here/probe.py
DROP_T=${EDGEFW_DROP_TIMEOUT:-1}
work=$(mktemp -d /tmp/t_policy.XXXXXX)
SECONDS=0
phase() { echo "# $SECONDS s: $*"; }

cleanup() {
	[ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
	topo_down
	rm -rf "$work"
}
trap cleanup EXIT

# Short names for the reference addresses (topo.sh has the long ones).
C4=$TOPO_CLIENT4 C6=$TOPO_CLIENT6 S4=$TOPO_SERVER4 S6=$TOPO_SERVER6
A4=$TOPO_ACCESS4 W4=$TOPO_WEBCONF4 V4=$TOPO_AV4 R4=$TOPO_RPROXY4
A6=$TOPO_ACCESS6 W6=$TOPO_WEBCONF6 V6=$TOPO_AV6 R6=$TOPO_RPROXY6
I4=$TOPO_EDGE_INT4 RI4=$TOPO_RPROXY_INT4
FE1=$TOPO_FE1 FE2=$TOPO_FE2 VIP=$TOPO_VIP OTH=$TOPO_OTHER
M4=$TOPO_EDGE_MGMT4 M6=$TOPO_EDGE_MGMT6 ADM4=$TOPO_ADMIN4 ADM6=$TOPO_ADMIN6

ectl() { ip netns exec edge edgectl "$@"; }
# want, run_probes, the batch runner, read_counters, counter_of, ...
. "$here/probes.sh"

# same_verdicts NAME1 NAME2: two runs of the same probes agree, one by one.
same_verdicts() {
	local a b i bad=0
	read -r -a a <<< "${BATCH_VERDICTS[$1]}"
	read -r -a b <<< "${BATCH_VERDICTS[$2]}"
	[ ${#a[@]} = ${#b[@]} ] || { echo "${#a[@]} verdicts before, ${#b[@]} after"; return 1; }
	for ((i = 0; i < ${#a[@]}; i++)); do
		[ "${a[i]}" = "${b[i]}" ] && continue
		echo "probe $i (${P_DESC[main_from + i]}): ${a[i]} before, ${b[i]} after"
		bad=1
	done
	return $bad
}

# curl_is EXPECT SRC ADDR: an HTTP request to the reverse proxy's web
# server (nginx in edge) from the Internet; pass means it answered 301 to
# the https URL. The connection gets DROP_T to be made when it should be
# dropped, 5 s otherwise (probe.py's times: a SYN or its answer late by a
# second in a loaded guest is no drop).
curl_is() {
	local want=$1 src=$2 addr=$3 out rc got host=meet.contoso.example t=5
	[ "$want" != drop ] || t=$DROP_T
	case $addr in *:*) addr="[$addr]" ;; esac
	out=$(ip netns exec inet curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' \
		--connect-timeout "$t" -m 10 --interface "$src" \
		--resolve "$host:80:$addr" "http://$host/abs/contoso.xml" 2>&1)
	rc=$?
	case $rc in
	0) if [ "$out" = "301 https://$host/abs/contoso.xml" ]; then got=pass; else got="error ($out)"; fi ;;
	28) got=drop ;;
	7) got="refused ($out)" ;;
	*) got="error (curl exit $rc: $out)" ;;
	esac
	[ "$got" = "$want" ] || { echo "curl from $src to $addr:80: expected $want, got $got"; return 1; }
}

# The rules the reference tables give for the configuration below, written
# out by hand from the tables (not from kmod/template.c):
# role row zone dir proto src sport dst dport.
expected_rules() {
	local a
	for a in $A4 $A6; do
		echo "access 1 external out tcp $a any any 80"
		echo "access 2 external out udp $a any any 53"
		echo "access 3 external in tcp any any $a 443"
		echo "access 4 external in tcp any any $a 5061"
		echo "access 5 external out tcp $a any any 5061"
	done
	for a in $W4 $W6; do
		echo "webconf 6 external in tcp any any $a 443"
	done
	for a in $V4 $V6; do
		echo "av 7 external out tcp $a 50000-59999 any any"	# lync2010
		echo "av 11 external out udp $a 3478 any 3478"
		echo "av 12 external in udp any any $a 3478"
		echo "av 13 external in tcp any any $a 443"
	done
	for a in $R4 $R6; do
		echo "rproxy 15 external in tcp any any $a 443"	# 14: http-redirect off
	done
	for a in $FE1 $FE2; do
		echo "access 16 internal out tcp $I4 any $a 5061"
		echo "access 17 internal in tcp $a any $I4 5061"
		echo "access 18 internal in tcp $a any $I4 4443"
		echo "av 20 internal in tcp $a any $I4 5062"
	done
	echo "webconf 19 internal in tcp any any $I4 8057"
	echo "av 21 internal in udp any any $I4 3478"
	echo "av 22 internal in tcp any any $I4 443"
	echo "rproxy 23 internal out tcp $RI4 any $VIP 8080"
	echo "rproxy 24 internal out tcp $RI4 any $VIP 4443"
}

# ===========================================================================
edgefw_up
phase "probe servers"
check "probe servers listen in every namespace" topo_serve "$work/srv"

# nginx: the reverse proxy's web server on 10.45.16.40:80, answering every
# request with a redirect to HTTPS (the optional row 14).
mkdir -p "$work/nginx"
cat > "$work/nginx.conf" <<EOF
daemon on;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 64; }
http {
	access_log $work/nginx/access.log;
	client_body_temp_path $work/nginx/body;
	proxy_temp_path $work/nginx/proxy;
	fastcgi_temp_path $work/nginx/fastcgi;
	uwsgi_temp_path $work/nginx/uwsgi;
	scgi_temp_path $work/nginx/scgi;
	server {
		listen $R4:80;
		listen [$R6]:80;
		server_name _;
		return 301 https://\$host\$request_uri;
	}
}
EOF
start_nginx() {
	ip netns exec edge /usr/sbin/nginx -e "$work/nginx/error.log" \
		-c "$work/nginx.conf" < /dev/null > "$work/nginx/start.log" 2>&1 ||
		{ cat "$work/nginx/start.log" "$work/nginx/error.log"; return 1; }
}
check "nginx (the reverse proxy's web server) starts on $R4:80 in edge" start_nginx

# ===========================================================================
# The probes of every row. Descriptions name the row as kmod/template.c
# numbers it.

# ---- External Ports Settings -----------------------------------------------
# 1  Access 10.45.16.10:any -> any:80 TCP (HTTP, certificate revocation lists)
want pass edge tcp $A4 $S4:80		"ext row 1 access TCP 80 out (CRL download) passes"
want pass edge tcp $A6 [$S6]:80		"ext row 1 access TCP 80 out, IPv6, passes"
want drop edge tcp $A4 $S4:79		"ext row 1 neighbour: TCP 79 out dropped"
want drop edge tcp $A4 $S4:81		"ext row 1 neighbour: TCP 81 out dropped"
want drop edge udp $A4 $S4:80		"ext row 1 neighbour: UDP 80 out dropped"
want drop inet tcp $C4 $A4:80		"ext row 1 neighbour: other direction, TCP 80 in to $A4 dropped"
want drop edge tcp $W4 $S4:80		"ext row 1 neighbour: other source $W4 (webconf) dropped"
want drop edge tcp $A4 $OTH:80		"ext row 1 neighbour: other zone, TCP 80 from $A4 out int0 dropped"
# 2  Access 10.45.16.10:any -> any:53 UDP (DNS)
want pass edge dns $A4 $S4:53		"ext row 2 access DNS query out to $S4 gets its answer"
want pass edge dns $A6 [$S6]:53		"ext row 2 access DNS query out, IPv6, gets its answer"
want drop edge udp $A4 $S4:52		"ext row 2 neighbour: UDP 52 out dropped"
want drop edge udp $A4 $S4:54		"ext row 2 neighbour: UDP 54 out dropped"
want drop edge tcp $A4 $S4:53		"ext row 2 neighbour: TCP 53 out dropped"
want drop inet dns $C4 $A4:53		"ext row 2 neighbour: other direction, DNS query in to $A4 dropped"
want drop edge dns $V4 $S4:53		"ext row 2 neighbour: other source $V4 (av) dropped"
want drop edge dns $A4 $OTH:53		"ext row 2 neighbour: other zone, DNS from $A4 out int0 dropped"
# 3  Access any -> 10.45.16.10:443 TCP (SIP/TLS)
want pass inet tcp $C4 $A4:443		"ext row 3 access SIP/TLS TCP 443 in passes"
want pass inet tcp $C6 [$A6]:443	"ext row 3 access SIP/TLS TCP 443 in, IPv6, passes"
want drop inet tcp $C4 $A4:442		"ext row 3 neighbour: TCP 442 in dropped"
want drop inet tcp $C4 $A4:444		"ext row 3 neighbour: TCP 444 in dropped"
want drop inet udp $C4 $A4:443		"ext row 3 neighbour: UDP 443 in dropped"
want drop inet tcp $C6 [$A6]:444	"ext row 3 neighbour: TCP 444 in, IPv6, dropped"
want drop edge tcp $A4 $S4:443		"ext row 3 neighbour: other direction, TCP 443 out from $A4 dropped"
want drop pool tcp $OTH $A4:443		"ext row 3 neighbour: other zone, TCP 443 to $A4 arriving on int0 dropped"
# 4  Access any -> 10.45.16.10:5061 TCP (SIP/MTLS, federation)
want pass inet tcp $C4 $A4:5061		"ext row 4 access SIP/MTLS TCP 5061 in passes"
want pass inet tcp $C6 [$A6]:5061	"ext row 4 access SIP/MTLS TCP 5061 in, IPv6, passes"
want drop inet tcp $C4 $A4:5060		"ext row 4 neighbour: TCP 5060 in dropped"
want drop inet tcp $C4 $A4:5062		"ext row 4 neighbour: TCP 5062 in dropped"
want drop inet udp $C4 $A4:5061		"ext row 4 neighbour: UDP 5061 in dropped"
want drop inet tcp $C4 $W4:5061		"ext row 4 neighbour: other destination $W4 dropped"
want drop pool tcp $FE1 $A4:5061	"ext row 4 neighbour: other zone, TCP 5061 to $A4 from a Front End on int0 dropped"
# 5  Access 10.45.16.10:any -> any:5061 TCP (SIP/MTLS, federation)
want pass edge tcp $A4 $S4:5061		"ext row 5 access SIP/MTLS TCP 5061 out passes"
want pass edge tcp $A6 [$S6]:5061	"ext row 5 access SIP/MTLS TCP 5061 out, IPv6, passes"
want drop edge tcp $A4 $S4:5060		"ext row 5 neighbour: TCP 5060 out dropped"
want drop edge tcp $A4 $S4:5062		"ext row 5 neighbour: TCP 5062 out dropped"
want drop edge udp $A4 $S4:5061		"ext row 5 neighbour: UDP 5061 out dropped"
want drop edge tcp $W4 $S4:5061		"ext row 5 neighbour: other source $W4 dropped"
want drop edge tcp $A4 $FE1:5061	"ext row 5 neighbour: other zone, TCP 5061 from $A4 to a Front End out int0 dropped"
# 6  Web Conferencing any -> 10.45.16.20:443 TCP (PSOM/TLS)
want pass inet tcp $C4 $W4:443		"ext row 6 webconf PSOM/TLS TCP 443 in passes"
want pass inet tcp $C6 [$W6]:443	"ext row 6 webconf PSOM/TLS TCP 443 in, IPv6, passes"
want drop inet tcp $C4 $W4:442		"ext row 6 neighbour: TCP 442 in dropped"
want drop inet tcp $C4 $W4:444		"ext row 6 neighbour: TCP 444 in dropped"
want drop inet udp $C4 $W4:443		"ext row 6 neighbour: UDP 443 in dropped"
want drop edge tcp $W4 $S4:443		"ext row 6 neighbour: other direction, TCP 443 out from $W4 dropped"
want drop pool tcp $OTH $W4:443		"ext row 6 neighbour: other zone, TCP 443 to $W4 arriving on int0 dropped"
# 7  A/V 10.45.16.30:50000-59999 -> any:any TCP (RTP; media range lync2010, the default)
want pass edge tcp $V4:50000 $S4:443	"ext row 7 av RTP/TCP out from port 50000 passes (media range lync2010)"
want pass edge tcp $V4:59999 $S4:8080	"ext row 7 av RTP/TCP out from port 59999 passes"
want pass edge tcp [$V6]:50000 [$S6]:5061 "ext row 7 av RTP/TCP out from port 50000, IPv6, passes"
want drop edge tcp $V4:49999 $S4:443	"ext row 7 neighbour: from port 49999 dropped"
want drop edge tcp $V4:60000 $S4:443	"ext row 7 neighbour: from port 60000 dropped"
want drop edge tcp $A4:50000 $S4:443	"ext row 7 neighbour: other source $A4 from port 50000 dropped"
want drop edge tcp $V4:50000 $OTH:443	"ext row 7 neighbour: other zone, from $V4:50000 out int0 dropped"
# 8-10  A/V 50000-59999 UDP out, TCP in, UDP in: media range ocs2007 only
want drop edge udp $V4:50000 $S4:5061	"ext row 8 av RTP/UDP out from 50000 is off with media range lync2010"
want drop inet tcp $C4 $V4:50000	"ext row 9 av RTP/TCP in to 50000 is off with media range lync2010"
want drop inet udp $C4 $V4:59999	"ext row 10 av RTP/UDP in to 59999 is off with media range lync2010"
# 11 A/V 10.45.16.30:3478 -> any:3478 UDP (STUN/MSTURN)
want pass edge udp $V4:3478 $S4:3478	"ext row 11 av STUN UDP 3478->3478 out gets its answer"
want pass edge udpbig [$V6]:3478 [$S6]:3478 "ext row 11 av STUN UDP 3478->3478 out, IPv6, 3000 bytes (fragmented both ways), gets its answer"
want drop edge udp $V4:3477 $S4:3478	"ext row 11 neighbour: from port 3477 dropped"
want drop edge udp $V4:3479 $S4:3478	"ext row 11 neighbour: from port 3479 dropped"
want drop edge udp $V4:3478 $S4:3477	"ext row 11 neighbour: to port 3477 dropped"
want drop edge udp $V4:3478 $S4:3479	"ext row 11 neighbour: to port 3479 dropped"
want drop edge udp $V4 $S4:3478		"ext row 11 neighbour: from an ephemeral port (not 3478) dropped"
want drop edge tcp $V4:3478 $S4:3478	"ext row 11 neighbour: TCP 3478->3478 out dropped"
want drop edge udp $A4:3478 $S4:3478	"ext row 11 neighbour: other source $A4 dropped"
want drop edge udp $V4:3478 $OTH:3478	"ext row 11 neighbour: other zone, from $V4:3478 out int0 dropped"
# 12 A/V any -> 10.45.16.30:3478 UDP (STUN/MSTURN)
want pass inet udp $C4 $V4:3478		"ext row 12 av STUN UDP 3478 in gets its answer"
want pass inet udp $C6 [$V6]:3478	"ext row 12 av STUN UDP 3478 in, IPv6, gets its answer"
want pass inet udpbig $C4 $V4:3478	"ext row 12 av UDP 3478 in, 3000-byte datagram fragmented both ways, gets its answer"
want pass inet udpbig $C6 [$V6]:3478	"ext row 12 av UDP 3478 in, IPv6, 3000-byte datagram fragmented both ways, gets its answer"
want drop inet udp $C4 $V4:3477		"ext row 12 neighbour: UDP 3477 in dropped"
want drop inet udp $C4 $V4:3479		"ext row 12 neighbour: UDP 3479 in dropped"
want drop inet tcp $C4 $V4:3478		"ext row 12 neighbour: TCP 3478 in dropped"
want drop inet udp $C4 $A4:3478		"ext row 12 neighbour: other destination $A4 dropped"
want drop pool udp $OTH $V4:3478	"ext row 12 neighbour: other zone, UDP 3478 to $V4 arriving on int0 dropped"
# 13 A/V any -> 10.45.16.30:443 TCP (STUN/MSTURN over TCP)
want pass inet tcp $C4 $V4:443		"ext row 13 av STUN TCP 443 in passes"
want pass inet tcp $C6 [$V6]:443	"ext row 13 av STUN TCP 443 in, IPv6, passes"
want drop inet tcp $C4 $V4:442		"ext row 13 neighbour: TCP 442 in dropped"
want drop inet tcp $C4 $V4:444		"ext row 13 neighbour: TCP 444 in dropped"
want drop inet udp $C4 $V4:443		"ext row 13 neighbour: UDP 443 in dropped"
want drop edge tcp $V4 $S4:443		"ext row 13 neighbour: other direction, TCP 443 out from $V4 (ephemeral port) dropped"
want drop pool tcp $OTH $V4:443		"ext row 13 neighbour: other zone, TCP 443 to $V4 arriving on int0 dropped"
# 14 Reverse proxy any -> 10.45.16.40:80 TCP: optional, checked with curl below
# 15 Reverse proxy any -> 10.45.16.40:443 TCP (HTTPS)
want pass inet tcp $C4 $R4:443		"ext row 15 rproxy HTTPS TCP 443 in passes"
want pass inet tcp $C6 [$R6]:443	"ext row 15 rproxy HTTPS TCP 443 in, IPv6, passes"
want drop inet tcp $C4 $R4:442		"ext row 15 neighbour: TCP 442 in dropped"
want drop inet tcp $C4 $R4:444		"ext row 15 neighbour: TCP 444 in dropped"
want drop inet udp $C4 $R4:443		"ext row 15 neighbour: UDP 443 in dropped"
want drop edge tcp $R4 $S4:443		"ext row 15 neighbour: other direction, TCP 443 out from $R4 dropped"
want drop pool tcp $OTH $R4:443		"ext row 15 neighbour: other zone, TCP 443 to $R4 arriving on int0 dropped"
want drop inet tcp $C4 $RI4:443		"ext row 15 neighbour: the proxy's internal address $RI4 from the Internet dropped"

# ---- Internal Ports Settings -----------------------------------------------
# 16 Access 172.25.33.10:any -> Front Ends:5061 TCP (SIP/MTLS to the next hop)
want pass edge tcp $I4 $FE1:5061	"int row 16 access SIP/MTLS TCP 5061 edge -> Front End $FE1 passes"
want pass edge tcp $I4 $FE2:5061	"int row 16 access SIP/MTLS TCP 5061 edge -> Front End $FE2 passes"
want drop edge tcp $I4 $OTH:5061	"int row 16 neighbour: other destination, non-pool host $OTH, dropped"
want drop edge tcp $I4 $VIP:5061	"int row 16 neighbour: other destination, pool VIP $VIP, dropped"
want drop edge tcp $I4 $FE1:5060	"int row 16 neighbour: TCP 5060 edge -> Front End dropped"
want drop edge tcp $I4 $FE1:5062	"int row 16 neighbour: TCP 5062 edge -> Front End dropped"
want drop edge udp $I4 $FE1:5061	"int row 16 neighbour: UDP 5061 edge -> Front End dropped"
want drop edge tcp $RI4 $FE1:5061	"int row 16 neighbour: other source $RI4 dropped"
want drop edge tcp $I4 $S4:5061		"int row 16 neighbour: other zone, TCP 5061 from $I4 out ext0 dropped"
# 17 Access Front Ends:any -> 172.25.33.10:5061 TCP (SIP/MTLS from the next hop)
want pass pool tcp $FE1 $I4:5061	"int row 17 access SIP/MTLS TCP 5061 Front End $FE1 -> edge passes"
want pass pool tcp $FE2 $I4:5061	"int row 17 access SIP/MTLS TCP 5061 Front End $FE2 -> edge passes"
want drop pool tcp $OTH $I4:5061	"int row 17 neighbour: other source, non-pool host $OTH, dropped"
want drop pool tcp $VIP $I4:5061	"int row 17 neighbour: other source, pool VIP $VIP, dropped"
want drop pool tcp $FE1 $I4:5060	"int row 17 neighbour: TCP 5060 dropped (5062 is row 20)"
want drop pool udp $FE1 $I4:5061	"int row 17 neighbour: UDP 5061 dropped"
want drop pool tcp $FE1 $RI4:5061	"int row 17 neighbour: other destination $RI4 dropped"
want drop inet tcp $C4 $I4:5061		"int row 17 neighbour: other zone, TCP 5061 to $I4 arriving on ext0 dropped"
# 18 Access Front Ends:any -> 172.25.33.10:4443 TCP (CMS replication)
want pass pool tcp $FE1 $I4:4443	"int row 18 access CMS replication TCP 4443 Front End $FE1 -> edge passes"
want pass pool tcp $FE2 $I4:4443	"int row 18 access CMS replication TCP 4443 Front End $FE2 -> edge passes"
want drop pool tcp $OTH $I4:4443	"int row 18 neighbour: other source, non-pool host $OTH, dropped"
want drop pool tcp $FE1 $I4:4442	"int row 18 neighbour: TCP 4442 dropped"
want drop pool tcp $FE1 $I4:4444	"int row 18 neighbour: TCP 4444 dropped"
want drop pool udp $FE1 $I4:4443	"int row 18 neighbour: UDP 4443 dropped"
want drop edge tcp $I4 $FE1:4443	"int row 18 neighbour: other direction, edge -> Front End 4443 dropped"
want drop pool tcp $FE1 $RI4:4443	"int row 18 neighbour: other destination $RI4 dropped"
want drop inet tcp $C4 $I4:4443		"int row 18 neighbour: other zone, TCP 4443 to $I4 arriving on ext0 dropped"
# 19 Web Conferencing any -> 172.25.33.10:8057 TCP (PSOM/MTLS)
want pass pool tcp $OTH $I4:8057	"int row 19 webconf PSOM/MTLS TCP 8057 from any pool-side host ($OTH) passes"
want pass pool tcp $FE1 $I4:8057	"int row 19 webconf PSOM/MTLS TCP 8057 from Front End $FE1 passes"
want drop pool tcp $OTH $I4:8056	"int row 19 neighbour: TCP 8056 dropped"
want drop pool tcp $OTH $I4:8058	"int row 19 neighbour: TCP 8058 dropped"
want drop pool udp $OTH $I4:8057	"int row 19 neighbour: UDP 8057 dropped"
want drop edge tcp $I4 $OTH:8057	"int row 19 neighbour: other direction, edge -> pool 8057 dropped"
want drop pool tcp $OTH $RI4:8057	"int row 19 neighbour: other destination $RI4 dropped"
want drop inet tcp $C4 $I4:8057		"int row 19 neighbour: other zone, TCP 8057 to $I4 arriving on ext0 dropped"
want drop inet tcp $C4 $W4:8057		"int row 19 neighbour: TCP 8057 to the webconf external address $W4 dropped"
# 20 A/V Front Ends:any -> 172.25.33.10:5062 TCP (A/V authentication)
want pass pool tcp $FE1 $I4:5062	"int row 20 av authentication TCP 5062 Front End $FE1 -> edge passes"
want pass pool tcp $FE2 $I4:5062	"int row 20 av authentication TCP 5062 Front End $FE2 -> edge passes"
want drop pool tcp $OTH $I4:5062	"int row 20 neighbour: other source, non-pool host $OTH, dropped"
want drop pool tcp $FE1 $I4:5063	"int row 20 neighbour: TCP 5063 dropped (5061 is row 17)"
want drop pool udp $FE1 $I4:5062	"int row 20 neighbour: UDP 5062 dropped"
want drop edge tcp $I4 $FE1:5062	"int row 20 neighbour: other direction, edge -> Front End 5062 dropped"
want drop inet tcp $C4 $I4:5062		"int row 20 neighbour: other zone, TCP 5062 to $I4 arriving on ext0 dropped"
# 21 A/V any -> 172.25.33.10:3478 UDP (STUN/MSTURN, preferred media path)
want pass pool udp $OTH $I4:3478	"int row 21 av STUN UDP 3478 pool -> edge gets its answer"
want pass pool udp $FE1:3478 $I4:3478	"int row 21 av STUN UDP 3478 from port 3478 gets its answer"
want drop pool udp $OTH $I4:3477	"int row 21 neighbour: UDP 3477 dropped"
want drop pool udp $OTH $I4:3479	"int row 21 neighbour: UDP 3479 dropped"
want drop pool tcp $OTH $I4:3478	"int row 21 neighbour: TCP 3478 dropped"
want drop edge udp $I4 $OTH:3478	"int row 21 neighbour: other direction, edge -> pool UDP 3478 dropped"
want drop edge udp $I4:3478 $OTH:3478	"int row 21 neighbour: other direction from port 3478 (row 11 is external only) dropped"
want drop pool udp $OTH $RI4:3478	"int row 21 neighbour: other destination $RI4 dropped"
want drop inet udp $C4 $I4:3478		"int row 21 neighbour: other zone, UDP 3478 to $I4 arriving on ext0 dropped"
# 22 A/V any -> 172.25.33.10:443 TCP (STUN/MSTURN, alternate media path)
want pass pool tcp $OTH $I4:443		"int row 22 av STUN TCP 443 pool -> edge passes"
want drop pool tcp $OTH $I4:442		"int row 22 neighbour: TCP 442 dropped"
want drop pool tcp $OTH $I4:444		"int row 22 neighbour: TCP 444 dropped"
want drop pool udp $OTH $I4:443		"int row 22 neighbour: UDP 443 dropped"
want drop edge tcp $I4 $OTH:443		"int row 22 neighbour: other direction, edge -> pool TCP 443 dropped"
want drop pool tcp $OTH $RI4:443	"int row 22 neighbour: other destination $RI4 dropped"
want drop inet tcp $C4 $I4:443		"int row 22 neighbour: other zone, TCP 443 to $I4 arriving on ext0 dropped"
# 23 Reverse proxy 172.25.33.40:any -> VIP:8080 TCP
want pass edge tcp $RI4 $VIP:8080	"int row 23 rproxy TCP 8080 edge $RI4 -> pool VIP passes"
want drop edge tcp $RI4 $VIP:8079	"int row 23 neighbour: TCP 8079 dropped"
want drop edge tcp $RI4 $VIP:8081	"int row 23 neighbour: TCP 8081 dropped"
want drop edge udp $RI4 $VIP:8080	"int row 23 neighbour: UDP 8080 dropped"
want drop edge tcp $I4 $VIP:8080	"int row 23 neighbour: other source $I4 dropped"
want drop edge tcp $RI4 $FE1:8080	"int row 23 neighbour: other destination, a Front End instead of the VIP, dropped"
want drop pool tcp $VIP $RI4:8080	"int row 23 neighbour: other direction, VIP -> $RI4:8080 dropped"
want drop edge tcp $RI4 $S4:8080	"int row 23 neighbour: other zone, TCP 8080 from $RI4 out ext0 dropped"
# 24 Reverse proxy 172.25.33.40:any -> VIP:4443 TCP
want pass edge tcp $RI4 $VIP:4443	"int row 24 rproxy TCP 4443 edge $RI4 -> pool VIP passes"
want drop edge tcp $RI4 $VIP:4442	"int row 24 neighbour: TCP 4442 dropped"
want drop edge tcp $RI4 $VIP:4444	"int row 24 neighbour: TCP 4444 dropped"
want drop edge udp $RI4 $VIP:4443	"int row 24 neighbour: UDP 4443 dropped"
want drop edge tcp $I4 $VIP:4443	"int row 24 neighbour: other source $I4 dropped"
want drop edge tcp $RI4 $FE2:4443	"int row 24 neighbour: other destination, a Front End instead of the VIP, dropped"
want drop pool tcp $VIP $RI4:4443	"int row 24 neighbour: other direction, VIP -> $RI4:4443 dropped"
want drop edge tcp $RI4 $S4:4443	"int row 24 neighbour: other zone, TCP 4443 from $RI4 out ext0 dropped"

# ---- Not in the tables -----------------------------------------------------
want pass mgmt tcp $ADM4 $M4:22		"mgmt0 (unbound): TCP 22 admin -> edge passes"
want pass mgmt udp $ADM6 [$M6]:9999	"mgmt0 (unbound): UDP 9999 admin -> edge, IPv6, passes"
want pass mgmt tcp $ADM4 $A4:444	"mgmt0 (unbound): TCP 444 to $A4 (dropped on ext0) passes through mgmt0"
want pass mgmt udp $ADM4 $I4:3477	"mgmt0 (unbound): UDP 3477 to $I4 (dropped on int0) passes through mgmt0"
want pass edge tcp $M4 $ADM4:9999	"mgmt0 (unbound): TCP 9999 edge -> admin passes"
want drop inet tcp $C4 $FE1:5061	"forwarding: Internet -> Front End 5061 routed through the edge dropped on ext0"
want drop pool tcp $FE1 $S4:443		"forwarding: Front End -> Internet 443 routed through the edge dropped on int0"
want drop mgmt tcp $ADM4 $S4:443	"forwarding: admin -> Internet 443 dropped where it leaves ext0"
base_from=0 base_to=${#P_EXP[@]}

# ===========================================================================
# Baseline: with the module loaded but nothing bound, every probe of the
# policy (the ones that must be dropped included) gets its answer.
phase "baseline, nothing bound"
run_probes_all_pass baseline "topology: every probe gets its answer before any interface is bound"
check "topology: HTTP to nginx on $R4 answers 301 before any interface is bound" curl_is pass $C4 $R4
check "topology: ICMP echo from the Internet to $A4 answered before any interface is bound" \
	ip netns exec inet busybox ping -c 1 -W 5 $A4

# ===========================================================================
phase "configuration"
# The reference configuration.
ectl_each config \
	"bind ext0 external" \
	"bind int0 internal" \
	"set-pool --front-end $FE1 --front-end $FE2 --vip $VIP" \
	"add-role access --ip $A4 --internal-ip $I4" \
	"add-role webconf --ip $W4 --internal-ip $I4" \
	"add-role av --ip $V4 --internal-ip $I4" \
	"add-role rproxy --ip $R4 --internal-ip $RI4" \
	"add-role access --ip $A6 # adds an IPv6 address to the role" \
	"add-role webconf --ip $W6 # adds an IPv6 address to the role" \
	"add-role av --ip $V6 # adds an IPv6 address to the role" \
	"add-role rproxy --ip $R6 # adds an IPv6 address to the role"
flat_counters > "$work/counters"
check_eq "rule dump: exactly the $(expected_rules | wc -l) rules the reference tables give for this configuration, each with its role" \
	"$(expected_rules | sort)" "$(rules_with_roles "$work/counters")"

# ===========================================================================
phase "every row and its neighbours"
# The same probes as the baseline, now with their own expectations.
rerun_range $base_from $base_to
main_from=$base_to main_to=${#P_EXP[@]}
check "conntrack of edge emptied" ip netns exec edge "$PROBE" ct-flush
run_probes main
check "ext row 14 rproxy HTTP 80 in dropped while http-redirect is off" curl_is drop $C4 $R4
check_fails_with "not in the tables: ICMP echo from the Internet to $A4 dropped" "0 packets received" \
	ip netns exec inet busybox ping -c 1 -W 1 $A4
check "mgmt0 (unbound): ICMP echo admin -> edge passes" \
	ip netns exec mgmt busybox ping -c 1 -W 5 $M4

# ===========================================================================
phase "edgectl verdict against the probes of every row"
# The kernel judges each probe of the table, described to edgectl verdict
# with the source port it used, hop by hop (in on the interface it
# arrives on, out on the one it leaves by: a forwarded packet crosses
# two); the probe passed (or was refused: it got there) exactly when every
# hop answered accept.
EDGE_ADDRS=" $A4 $W4 $V4 $R4 $A6 $W6 $V6 $R6 $I4 $RI4 $TOPO_EDGE_INT6 $TOPO_RPROXY_INT6 $M4 $M6 "
# link_of ADDR: the edge's interface towards that address's namespace
link_of() {
	case $1 in
	198.51.100.*|2001:db8:100:*) echo ext0 ;;
	192.168.10.*|2001:db8:10:*) echo int0 ;;
	*) echo mgmt0 ;;
	esac
}
# One edgectl per hop, all in one shell in edge (no other process: the
# TCG guest pays for each): the probe's index, then edgectl's answer.
: > "$work/verdict.sh"
for ((i = main_from; i < main_to; i++)); do
	split_ep "${P_SRC[i]}"
	src=$EP_A
	split_ep "${P_DST[i]}"
	dst=$EP_A dport=$EP_P
	case ${P_PROTO[i]} in tcp) proto=tcp ;; *) proto=udp ;; esac
	case $src in *:*) s="[$src]:${R_SPORT[$i]}" ;; *) s="$src:${R_SPORT[$i]}" ;; esac
	case $dst in *:*) d="[$dst]:$dport" ;; *) d="$dst:$dport" ;; esac
	hops=
	case ${P_NS[i]} in
	inet) hops="in ext0" ;;
	pool) hops="in int0" ;;
	mgmt) hops="in mgmt0" ;;
	esac
	[[ $EDGE_ADDRS == *" $dst "* ]] || hops="$hops out $(link_of "$dst")"
	set -- $hops
	while [ $# -gt 0 ]; do
		echo "echo index $i; edgectl verdict $1 $2 $proto $s $d" >> "$work/verdict.sh"
		shift 2
	done
done
t0=$SECONDS
ip netns exec edge /bin/sh "$work/verdict.sh" > "$work/verdict.out" 2>&1
declare -A VERDICT=()
while read -r k v; do
	case $k in
	index) i=$v ;;
	verdict) [ "${VERDICT[$i]:-accept}" = accept ] && VERDICT[$i]=$v ;;
	esac
done < "$work/verdict.out"
echo "# $((SECONDS - t0)) s for $(wc -l < "$work/verdict.sh") verdicts"
bad=
for ((i = main_from; i < main_to; i++)); do
	case ${R_RES[$i]:-none} in pass|refused) want=accept ;; drop) want=drop ;; *) want=none ;; esac
	[ "${VERDICT[$i]:-none}" = "$want" ] ||
		bad="$bad${P_PROTO[i]} ${P_SRC[i]} (port ${R_SPORT[$i]}) -> ${P_DST[i]} from ${P_NS[i]}: probe ${R_RES[$i]:-none}, verdict ${VERDICT[$i]:-none}
"
done
check "edgectl verdict agrees with the real probe for each of the $((main_to - main_from)) probes of the rows" \
	_empty_or_show "$bad"

# ===========================================================================
phase "the nftables export against the tables"
# `edgectl export --nft` loaded instead of the module must give every probe
# of the rows the verdict the reference tables give (the expectations
# above, written from the tables): t_export_nft.sh compares the export with
# the module only, where an error in kmod/template.c shows on both sides.
ectl save > "$work/before-nft.conf"
check "nft export: edgectl export --nft" sh -c "ip netns exec edge edgectl export --nft > '$work/policy.nft'"
check "nft export: edgectl flush (the module filters nothing)" ectl flush
check "nft export: nft -f loads it" ip netns exec edge nft -f "$work/policy.nft"
check "nft export: conntrack of edge emptied" ip netns exec edge "$PROBE" ct-flush
rerun_range $main_from $main_to "nft export: "
run_probes nft
check "nft export: nft flush ruleset" ip netns exec edge nft flush ruleset
check "nft export: the module's configuration restored" ectl restore "$work/before-nft.conf"
check "nft export: conntrack of edge emptied again" ip netns exec edge "$PROBE" ct-flush

phase "http-redirect"
# ---- Optional: reverse proxy HTTP 80 (in) -----------------------------------
check "edgectl http-redirect on" ectl http-redirect on
check "ext row 14 rproxy HTTP 80 in passes with http-redirect on: nginx answers 301 to https" curl_is pass $C4 $R4
check "ext row 14 rproxy HTTP 80 in, IPv6, passes with http-redirect on" curl_is pass $C6 $R6
want drop inet tcp $C4 $R4:81		"ext row 14 neighbour: TCP 81 in dropped"
want drop inet tcp $C4 $R4:79		"ext row 14 neighbour: TCP 79 in dropped"
want drop inet udp $C4 $R4:80		"ext row 14 neighbour: UDP 80 in dropped"
want drop inet tcp $C4 $A4:80		"ext row 14 neighbour: other destination $A4 (access) TCP 80 in dropped"
want drop edge tcp $R4 $S4:80		"ext row 14 neighbour: other direction, TCP 80 out from $R4 dropped"
want drop pool tcp $OTH $R4:79		"ext row 14 neighbour: other zone, TCP 79 to $R4 arriving on int0 dropped"
# Errors come back through conntrack (RELATED / reply direction): an allowed
# flow to a port where nothing listens is refused, not dropped.
want refused edge dns $A4 $C4:53	"ext row 2: ICMP port unreachable answering a DNS query out (nothing listens) comes back"
want refused edge tcp $A4 $C4:5061	"ext row 5: TCP reset answering a SIP connection out (nothing listens) comes back"
want refused edge udp $V4:3478 $C4:3478	"ext row 11: ICMP port unreachable answering STUN 3478->3478 out comes back"
# nginx would answer this one with a 400, which is no echo: not a drop either.
want drop pool tcp $OTH $R4:80		"ext row 14 neighbour: other zone, TCP 80 to $R4 arriving on int0 dropped"
run_probes http
check "edgectl http-redirect off" ectl http-redirect off
check "ext row 14 rproxy HTTP 80 in dropped again after http-redirect off" curl_is drop $C4 $R4

# ---- Optional: the A/V media range (rows 7-10) --------------------------------
# media_probes MODE: rows 7-10 at the edges of 50,000-59,999 (TCP and UDP,
# in and out); which pass depends on the mode.
media_probes() {
	local mode=$1 r7=drop r8=drop r9=drop r10=drop
	case $mode in
	lync2010) r7=pass ;;
	ocs2007) r7=pass r8=pass r9=pass r10=pass ;;
	esac
	local p
	for p in 50000 59999; do
		want $r7 edge tcp $V4:$p $S4:443	"media-range $mode: ext row 7 av RTP/TCP out from port $p $( [ $r7 = pass ] && echo passes || echo dropped)"
		want $r8 edge udp $V4:$p $S4:5061	"media-range $mode: ext row 8 av RTP/UDP out from port $p $( [ $r8 = pass ] && echo gets its answer || echo dropped)"
		want $r9 inet tcp $C4 $V4:$p		"media-range $mode: ext row 9 av RTP/TCP in to port $p $( [ $r9 = pass ] && echo passes || echo dropped)"
		want $r10 inet udp $C4 $V4:$p		"media-range $mode: ext row 10 av RTP/UDP in to port $p $( [ $r10 = pass ] && echo gets its answer || echo dropped)"
	done
	for p in 49999 60000; do
		want drop edge tcp $V4:$p $S4:443	"media-range $mode: row 7 neighbour: RTP/TCP out from port $p dropped"
		want drop edge udp $V4:$p $S4:5061	"media-range $mode: row 8 neighbour: RTP/UDP out from port $p dropped"
		want drop inet tcp $C4 $V4:$p		"media-range $mode: row 9 neighbour: RTP/TCP in to port $p dropped"
		want drop inet udp $C4 $V4:$p		"media-range $mode: row 10 neighbour: RTP/UDP in to port $p dropped"
	done
	want $r9 inet tcp $C6 [$V6]:50001	"media-range $mode: ext row 9 av RTP/TCP in to port 50001, IPv6, $( [ $r9 = pass ] && echo passes || echo dropped)"
	want $r8 edge udp [$V6]:59998 [$S6]:3478 "media-range $mode: ext row 8 av RTP/UDP out from port 59998, IPv6, $( [ $r8 = pass ] && echo gets its answer || echo dropped)"
	want drop pool udp $OTH $V4:50000	"media-range $mode: rows 9-10 neighbour: other zone, UDP 50000 to $V4 arriving on int0 dropped"
	want drop pool tcp $OTH $I4:50000	"media-range $mode: rows 9-10 neighbour: TCP 50000 to the internal address $I4 dropped"
	want drop inet udp $C4 $A4:50000	"media-range $mode: rows 9-10 neighbour: other destination $A4 dropped"
	want pass inet udp $C4 $V4:3478		"media-range $mode: ext row 12 av STUN UDP 3478 in still gets its answer"
}
phase "media ranges"
for mode in none ocs2007 lync2010; do
	check "edgectl add-role av --ip $V4 --media-range $mode" \
		ectl add-role av --ip $V4 --media-range $mode
	check "media-range $mode: conntrack of edge emptied" ip netns exec edge "$PROBE" ct-flush
	media_probes $mode
	run_probes media-$mode
done

# ===========================================================================
# Counters: every packet that opens a flow on a rule counts once on that
# rule (the rest of the flow is conntrack's: accepted_state); every packet
# no rule admits counts once as dropped_no_rule of its zone.
phase "counters"
check "conntrack of edge emptied" ip netns exec edge "$PROBE" ct-flush
ectl counters --reset > /dev/null
read_counters
check_eq "counters --reset: every rule and zone counter is 0" "0 0 0 0" \
	"$RULES_PACKETS $RULES_BYTES ${ZONE[external dropped_no_rule]:-?} ${ZONE[internal dropped_no_rule]:-?}"
c0=${#P_EXP[@]}
for i in 1 2 3 4 5; do want pass inet udp $C4 $V4:3478 "counters: STUN datagram $i to $V4:3478 answered"; done
for i in 1 2; do want pass inet udp $C6 [$V6]:3478 "counters: STUN datagram $i to [$V6]:3478 answered"; done
for i in 1 2 3; do want pass inet tcp $C4 $A4:443 "counters: TCP connection $i to $A4:443"; done
for i in 1 2 3 4; do want pass edge dns $A4 $S4:53 "counters: DNS query $i from $A4 answered"; done
for i in 1 2; do want pass edge tcp $I4 $FE1:5061 "counters: TCP connection $i from $I4 to $FE1:5061"; done
for i in 1 2 3; do want drop inet udp $C4 $A4:444 "counters: UDP datagram $i to $A4:444 dropped"; done
for i in 1 2; do want drop pool udp $OTH $I4:3477 "counters: UDP datagram $i to $I4:3477 dropped"; done
run_probes counters
read_counters
check_eq "counters: ext row 12 ($V4) counted the 5 STUN datagrams" 5 "$(counter_of av 12 any $V4)"
check_eq "counters: ext row 12 ($V4) bytes are the 5 datagrams' (IP + UDP + payload)" \
	"$(bytes_of 20 8 $c0 $((c0 + 1)) $((c0 + 2)) $((c0 + 3)) $((c0 + 4)))" "$(counter_of av 12 any $V4 bytes)"
check_eq "counters: ext row 12 IPv6 ($V6) counted the 2 STUN datagrams" 2 "$(counter_of av 12 any $V6)"
check_eq "counters: ext row 12 IPv6 bytes are the 2 datagrams' (IPv6 + UDP + payload)" \
	"$(bytes_of 40 8 $((c0 + 5)) $((c0 + 6)))" "$(counter_of av 12 any $V6 bytes)"
check_eq "counters: ext row 3 ($A4) counted the 3 SYNs, not the rest of the connections" 3 "$(counter_of access 3 any $A4)"
check_eq "counters: ext row 2 ($A4) counted the 4 DNS queries" 4 "$(counter_of access 2 $A4 any)"
check_eq "counters: ext row 2 ($A4) bytes are the 4 queries'" \
	"$(bytes_of 20 8 $((c0 + 10)) $((c0 + 11)) $((c0 + 12)) $((c0 + 13)))" "$(counter_of access 2 $A4 any bytes)"
check_eq "counters: int row 16 to $FE1 counted the 2 SYNs" 2 "$(counter_of access 16 $I4 $FE1)"
check_eq "counters: int row 16 to $FE2 counted nothing" 0 "$(counter_of access 16 $I4 $FE2)"
check_eq "counters: no other rule counted anything (16 packets over all rules)" 16 "$RULES_PACKETS"
check_eq "counters: external zone dropped_no_rule counted the 3 dropped datagrams" 3 \
	"${ZONE[external dropped_no_rule]:-?}"
check_eq "counters: internal zone dropped_no_rule counted the 2 dropped datagrams" 2 \
	"${ZONE[internal dropped_no_rule]:-?}"
check "counters: external zone accepted_state counted the answers (>= 14)" \
	test "${ZONE[external accepted_state]:-0}" -ge 14
# A change of configuration builds a new rule set; rules in both keep
# their counts.
declare -A CNT_BEFORE=()
for k in "${!CNT[@]}"; do CNT_BEFORE[$k]=${CNT[$k]}; done
counters_same() {
	local k
	[ ${#CNT[@]} = ${#CNT_BEFORE[@]} ] || { echo "${#CNT_BEFORE[@]} rules before, ${#CNT[@]} now"; return 1; }
	for k in "${!CNT[@]}"; do
		[ "${CNT[$k]}" = "${CNT_BEFORE[$k]:-}" ] || { echo "rule $k: packets/bytes ${CNT_BEFORE[$k]:-none} before, ${CNT[$k]} now"; return 1; }
	done
}
generation() { ectl show | sed -n 's/.*(generation \([0-9]*\))$/\1/p'; }
gen=$(generation)
check "counters: configuration changes (http-redirect on/off, add/del an address)" sh -c "
	ip netns exec edge edgectl http-redirect on &&
	ip netns exec edge edgectl add-role access --ip 10.45.16.11 &&
	ip netns exec edge edgectl del-role access --ip 10.45.16.11 &&
	ip netns exec edge edgectl http-redirect off"
check_eq "counters: ...each one a new rule set (generation $gen + 4)" "$((gen + 4))" "$(generation)"
read_counters
check "counters: every rule keeps its counts across configuration changes (http-redirect on/off, add/del an address)" counters_same

# ===========================================================================
phase "save, flush, restore"
# save, flush, restore: the same configuration, the same verdicts.
# `show` without the generation (it counts changes), with counters reset
# (they restart with the restored rules).
# The zone counters are left out: IPv6 neighbour discovery counts there.
show_stable() {
	ectl counters --reset > /dev/null
	ectl show | sed -e 's/ (generation [0-9]*)//' -e '/^ZONE  *ACCEPTED-STATE/,$d'
}
show_stable > "$work/show.before"
ectl save > "$work/saved.conf"
saved_has() {
	local l n_roles=0 bind_ext='' bind_int='' pool=
	while read -r l; do
		case $l in
		"bind ext0 external") bind_ext=1 ;;
		"bind int0 internal") bind_int=1 ;;
		set-pool*) pool=1 ;;
		add-role*) n_roles=$((n_roles + 1)) ;;
		esac
	done < "$work/saved.conf"
	[ -n "$bind_ext" ] && [ -n "$bind_int" ] && [ -n "$pool" ] && [ $n_roles = 4 ] ||
		{ cat "$work/saved.conf"; return 1; }
}
check "save: prints the bindings, the pool and the four roles" saved_has
check "edgectl flush" ectl flush
no_config() {
	local l
	while read -r l; do
		case $l in bind*|set-pool*|add-role*) echo "$l"; return 1 ;; esac
	done <<< "$(ectl save)"
}
check "after flush: save shows no binding, pool or role" no_config
want pass inet tcp $C4 $A4:444		"after flush: TCP 444 to $A4 (no rule) passes: nothing is filtered"
want pass pool tcp $OTH $I4:5061	"after flush: TCP 5061 from the non-pool host passes"
run_probes flushed
check "edgectl restore < saved file" ectl restore "$work/saved.conf"
check_eq "after restore: save prints the same configuration" "$(cat "$work/saved.conf")" "$(ectl save)"
check_eq "after restore: show prints the same tables" "$(cat "$work/show.before")" "$(show_stable)"
check "after restore: conntrack of edge emptied" ip netns exec edge "$PROBE" ct-flush
rerun_range $main_from $main_to
_run_batch restored
p_first=${#P_EXP[@]}
check "after restore: the $((main_to - main_from)) probes of the rows give the same verdicts as before" \
	same_verdicts main restored

# ===========================================================================
phase "unprivileged callers"
# Unprivileged callers are refused and change nothing.
ectl save > "$work/priv.before"
read_counters "$work/counters.before"
CNT_BEFORE=()
for k in "${!CNT[@]}"; do CNT_BEFORE[$k]=${CNT[$k]}; done
# All attempts in one unprivileged shell (one `ip netns exec`, one
# setpriv): each prints "N STATUS: LAST LINE OF STDERR". Exit status 1 is
# the kernel's refusal; 2 would be a usage error, which proves nothing.
unpriv_cmds=(
	"edgectl bind mgmt0 external"
	"edgectl unbind ext0"
	"edgectl add-role access --ip 10.45.16.99"
	"edgectl del-role av"
	"edgectl set-pool --vip $FE2"
	"edgectl http-redirect on"
	"edgectl flush"
	"echo flush | edgectl restore"
	"edgectl counters --reset"
	"edgectl show"
	"unshare -U -r edgectl bind mgmt0 external"
)
unpriv_why=(
	"" "" "" "" "" "" "" "(of a file that flushes)" "" "(reading needs CAP_NET_ADMIN too)"
	"(root of a new user namespace, in the edge's netns)"
)
{
	for i in "${!unpriv_cmds[@]}"; do
		echo "e=\$( ${unpriv_cmds[i]} 2>&1 >/dev/null ); echo \"$i \$?: \$(echo \"\$e\" | tail -n 1)\""
	done
} > "$work/unpriv.sh"
chmod 755 "$work" && chmod 644 "$work/unpriv.sh"	# nobody reads it
ip netns exec edge setpriv --reuid=65534 --regid=65534 --clear-groups \
	/bin/sh "$work/unpriv.sh" > "$work/unpriv.out" 2>&1
declare -A UNPRIV
while read -r i rc; do UNPRIV[$i]=$rc; done < "$work/unpriv.out"
userns_ok=$(ip netns exec edge setpriv --reuid=65534 --regid=65534 --clear-groups \
	unshare -U -r true 2>/dev/null && echo yes)
for i in "${!unpriv_cmds[@]}"; do
	case ${unpriv_cmds[i]} in
	unshare*) [ -n "$userns_ok" ] || { skip "unprivileged: ${unpriv_cmds[i]}: user namespaces not allowed here"; continue; } ;;
	esac
	d="unprivileged: ${unpriv_cmds[i]} refused${unpriv_why[i]:+ ${unpriv_why[i]}}"
	v=${UNPRIV[$i]:-}
	if [ "${v%%:*}" = 1 ]; then
		ok "$d"
	else
		fail "$d"
		echo "     | exit status and message: ${UNPRIV[$i]:-none}"
	fi
done
# The owner of a network namespace configures that namespace, and only it.
if [ -n "$userns_ok" ]; then
	check "unprivileged: root of a new user namespace configures the netns it owns" \
		ip netns exec edge setpriv --reuid=65534 --regid=65534 --clear-groups \
		unshare -U -r -n sh -c 'edgectl bind lo external && edgectl show | grep -q "lo.*external"'
fi
check_eq "unprivileged: the configuration did not change (save before = after)" \
	"$(cat "$work/priv.before")" "$(ectl save)"
read_counters
check "unprivileged: the counters were not reset (and some are not 0: $RULES_PACKETS packets)" \
	test "$RULES_PACKETS" -gt 0
check "unprivileged: every rule counter is as before" counters_same

# ===========================================================================
phase "rmmod"
# rmmod: refused while an interface is bound (unloading would open the
# firewall); possible after flush.
check_fails_with "rmmod edgefw refused while interfaces are bound" "in use" rmmod edgefw
check "module still loaded after the refused rmmod" test -d /sys/module/edgefw
check "edgectl flush" ectl flush
check "rmmod edgefw after flush" rmmod edgefw
want pass inet tcp $C4 $A4:444		"after rmmod: TCP 444 to $A4 passes: nothing is filtered"
run_probes unloaded

phase "done"
finish
