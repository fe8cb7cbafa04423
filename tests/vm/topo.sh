# shellcheck shell=bash
# The reference topology of edgefw's end-to-end tests, in network
# namespaces joined by veth pairs. Source this file, then call topo_up
# (and topo_down to remove it). Needs root; meant for the test VM
# (tests/vm/run), where nothing can leave the machine: the VM has no NIC,
# and no namespace here has a route to anything but the others.
#
#  ┌──────────────────────────┐  ┌────────────────────────────────────────────────┐  ┌────────────────────────────┐
#  │ inet  (the Internet)     │  │ edge  (the edge server: edgefw runs here)      │  │ pool  (corporate network)  │
#  │                          │  │                                                │  │                            │
#  │ client  198.51.100.7     │  │ ext0: bound external      int0: bound internal │  │ Front End  192.168.10.90   │
#  │         2001:db8:100::7  │  │ 10.45.16.10 access        172.25.33.10 access, │  │ Front End  192.168.10.91   │
#  │ server  198.51.100.53    │  │ 10.45.16.20 webconf         webconf and av     │  │ pool VIP   192.168.10.190  │
#  │ (DNS,   2001:db8:100::53 │  │ 10.45.16.30 av            172.25.33.40 rproxy  │  │ other host 192.168.10.50   │
#  │  HTTP)                   │  │ 10.45.16.40 rproxy        2001:db8:25:33::10   │  │ 2001:db8:10::90, ::91,     │
#  │                          │  │ 2001:db8:45:16::10 ..::40 2001:db8:25:33::40   │  │   ::190, ::50              │
#  │                 ┌──────┐ │  │ ┌──────┐                              ┌──────┐ │  │ ┌──────┐                   │
#  │                 │ eth0 ├─┼──┼─┤ ext0 │                              │ int0 ├─┼──┼─┤ eth0 │                   │
#  │                 └──────┘ │  │ └──────┘         ┌───────┐            └──────┘ │  │ └──────┘                   │
#  └──────────────────────────┘  │                  │ mgmt0 │ 10.99.0.10          │  └────────────────────────────┘
#                                │  (never bound)   └───┬───┘ 2001:db8:99::10     │
#                                └──────────────────────┼─────────────────────────┘
#                                ┌──────────────────────┼─────────┐
#                                │ mgmt  (admin)    ┌───┴──┐      │
#                                │ 10.99.0.1        │ eth0 │      │
#                                │ 2001:db8:99::1   └──────┘      │
#                                └────────────────────────────────┘
#
# Routing: every namespace can reach every other one. inet, pool and mgmt
# each have a default route through the edge (its address on their link);
# the edge has on-link routes to the three networks and forwards between
# them (forwarding is on, so traffic that crosses zones is the module's to
# judge, not the routing table's). rp_filter is off everywhere (the tests
# send from addresses on purpose that strict reverse-path filtering would
# question); IPv6 duplicate address detection is off (addresses are usable
# at once); ICMP rate limits are off (a probe tells "refused" from "dropped"
# by the ICMP port unreachable answer, which must never be rate-limited).
#
# Names are fixed: namespaces inet, edge, pool, mgmt; in each of inet, pool
# and mgmt the link to the edge is eth0.

TOPO_NETNS="inet edge pool mgmt"

# inet
TOPO_CLIENT4=198.51.100.7
TOPO_CLIENT6=2001:db8:100::7
TOPO_SERVER4=198.51.100.53
TOPO_SERVER6=2001:db8:100::53
# edge, external: one address per role, as in the reference
TOPO_ACCESS4=10.45.16.10
TOPO_WEBCONF4=10.45.16.20
TOPO_AV4=10.45.16.30
TOPO_RPROXY4=10.45.16.40
TOPO_ACCESS6=2001:db8:45:16::10
TOPO_WEBCONF6=2001:db8:45:16::20
TOPO_AV6=2001:db8:45:16::30
TOPO_RPROXY6=2001:db8:45:16::40
# edge, internal
TOPO_EDGE_INT4=172.25.33.10		# access, webconf and av
TOPO_RPROXY_INT4=172.25.33.40
TOPO_EDGE_INT6=2001:db8:25:33::10
TOPO_RPROXY_INT6=2001:db8:25:33::40
# edge, management
TOPO_EDGE_MGMT4=10.99.0.10
TOPO_EDGE_MGMT6=2001:db8:99::10
# pool
TOPO_FE1=192.168.10.90
TOPO_FE2=192.168.10.91
TOPO_VIP=192.168.10.190
TOPO_OTHER=192.168.10.50		# in the pool's network, not in the pool
TOPO_FE1_6=2001:db8:10::90
TOPO_FE2_6=2001:db8:10::91
TOPO_VIP6=2001:db8:10::190
TOPO_OTHER6=2001:db8:10::50
# mgmt
TOPO_ADMIN4=10.99.0.1
TOPO_ADMIN6=2001:db8:99::1

# Process creation is what costs in the TCG guest (a few hundred ms per
# exec), so the topology is built with one `ip -batch` per namespace and
# one shell per namespace for its sysctls.

# _topo_sysctls NS KEY=VALUE...: written through /proc/sys by a single
# shell in NS; a key with a leading "?" may be missing on this kernel.
_topo_sysctls() {
	local ns=$1 kv key script=
	shift
	for kv in "$@"; do
		key=${kv%%=*}
		case $key in
		\?*) key=${key#\?}
		     script="$script [ ! -e /proc/sys/${key//.//} ] || echo '${kv#*=}' > /proc/sys/${key//.//} || exit 1;" ;;
		*)   script="$script echo '${kv#*=}' > /proc/sys/${key//.//} || exit 1;" ;;
		esac
	done
	ip netns exec "$ns" /bin/sh -c "$script"
}

# _topo_ip NS: runs the `ip` commands on stdin (no leading "ip") in NS.
_topo_ip() {
	ip -n "$1" -batch - || { echo "topo: ip -batch failed in $1" >&2; return 1; }
}

# Addresses as `ip -batch` lines: _topo_addrs DEV ADDR/LEN... (IPv6
# without duplicate address detection: usable at once).
_topo_addrs() {
	local dev=$1 a
	shift
	for a in "$@"; do
		case $a in
		*:*) echo "addr add $a dev $dev nodad" ;;
		*) echo "addr add $a dev $dev" ;;
		esac
	done
}

topo_up() {
	local ns
	topo_down
	# ICMP errors are also rate-limited per host on older kernels.
	echo 1000000 > /proc/sys/net/ipv4/icmp_msgs_per_sec 2>/dev/null
	echo 1000000 > /proc/sys/net/ipv4/icmp_msgs_burst 2>/dev/null
	for ns in $TOPO_NETNS; do
		echo "netns add $ns"
	done | ip -batch - || { echo "topo: cannot create the namespaces" >&2; return 1; }
	# Before any interface exists, so that the "default" values apply to
	# the interfaces created next. Ephemeral ports stay below 41000: never
	# in the A/V media range (50,000-59,999), where a random source port
	# would make a probe pass or fail by chance.
	for ns in $TOPO_NETNS; do
		_topo_sysctls "$ns" \
			net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
			net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0 \
			'?net.ipv4.icmp_msgs_per_sec=1000000' '?net.ipv4.icmp_msgs_burst=1000000' \
			net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
			net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0 \
			net.ipv4.ip_local_port_range="32768	40999" || {
			echo "topo: sysctls of $ns failed" >&2
			return 1
		}
	done
	_topo_sysctls edge net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 || return 1

	# The edge, its links to the three others, its routes to their networks.
	_topo_ip edge <<-EOF || return 1
	link set lo up
	link add ext0 type veth peer name eth0 netns inet
	link add int0 type veth peer name eth0 netns pool
	link add mgmt0 type veth peer name eth0 netns mgmt
	$(_topo_addrs ext0 \
		$TOPO_ACCESS4/24 $TOPO_WEBCONF4/24 $TOPO_AV4/24 $TOPO_RPROXY4/24 \
		$TOPO_ACCESS6/64 $TOPO_WEBCONF6/64 $TOPO_AV6/64 $TOPO_RPROXY6/64)
	$(_topo_addrs int0 \
		$TOPO_EDGE_INT4/24 $TOPO_RPROXY_INT4/24 $TOPO_EDGE_INT6/64 $TOPO_RPROXY_INT6/64)
	$(_topo_addrs mgmt0 $TOPO_EDGE_MGMT4/24 $TOPO_EDGE_MGMT6/64)
	link set ext0 up
	link set int0 up
	link set mgmt0 up
	route add 198.51.100.0/24 dev ext0
	route add 2001:db8:100::/64 dev ext0
	route add 192.168.10.0/24 dev int0
	route add 2001:db8:10::/64 dev int0
	EOF
	# The others: the edge's link on link, everything else through the edge.
	_topo_ip inet <<-EOF || return 1
	link set lo up
	$(_topo_addrs eth0 $TOPO_CLIENT4/24 $TOPO_SERVER4/24 $TOPO_CLIENT6/64 $TOPO_SERVER6/64)
	link set eth0 up
	route add 10.45.16.0/24 dev eth0
	route add default via $TOPO_ACCESS4
	route add 2001:db8:45:16::/64 dev eth0
	route add ::/0 via $TOPO_ACCESS6
	EOF
	_topo_ip pool <<-EOF || return 1
	link set lo up
	$(_topo_addrs eth0 $TOPO_FE1/24 $TOPO_FE2/24 $TOPO_VIP/24 $TOPO_OTHER/24 \
		$TOPO_FE1_6/64 $TOPO_FE2_6/64 $TOPO_VIP6/64 $TOPO_OTHER6/64)
	link set eth0 up
	route add 172.25.33.0/24 dev eth0
	route add default via $TOPO_EDGE_INT4
	route add 2001:db8:25:33::/64 dev eth0
	route add ::/0 via $TOPO_EDGE_INT6
	EOF
	_topo_ip mgmt <<-EOF || return 1
	link set lo up
	$(_topo_addrs eth0 $TOPO_ADMIN4/24 $TOPO_ADMIN6/64)
	link set eth0 up
	route add default via $TOPO_EDGE_MGMT4
	route add ::/0 via $TOPO_EDGE_MGMT6
	EOF
}

topo_down() {
	local ns pids=
	for ns in $TOPO_NETNS; do
		[ -e "/run/netns/$ns" ] || continue
		pids="$pids $(ip netns pids "$ns" 2>/dev/null)"
		ip netns del "$ns" 2>/dev/null
	done
	[ -z "${pids// /}" ] || kill $pids 2>/dev/null
	return 0
}

# ---------------------------------------------------------------------------
# Probe servers (probe.py serve) on every address of every namespace, TCP
# and UDP, on the ports the tests aim at: each row's port and its
# neighbours (port - 1, port + 1), the media range's edges, and a few
# others. With a listener behind every port a probe that is not dropped
# gets an answer, so "dropped" can only mean the firewall.
TOPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOPO_PORTS=22,52-54,79-81,442-444,3477-3479,4442-4444,5060-5063,8056-8058,8079-8081,9999,49999-50001,59998-60000
# The reverse proxy's TCP 80 is left to a web server (the http-redirect row).
TOPO_PORTS_NO80=${TOPO_PORTS/79-81/79,81}

# topo_serve DIR: start the servers; each logs what reaches it to
# DIR/NS.log (its own errors to DIR/NS.err). Returns once every socket
# listens. The servers run until their namespace goes (topo_down).
topo_serve() {
	local dir=$1 ns
	local -A pid
	local p="$TOPO_DIR/probe.py serve"
	local ext="$TOPO_ACCESS4,$TOPO_WEBCONF4,$TOPO_AV4,$TOPO_ACCESS6,$TOPO_WEBCONF6,$TOPO_AV6"
	local int="$TOPO_EDGE_INT4,$TOPO_RPROXY_INT4,$TOPO_EDGE_INT6,$TOPO_RPROXY_INT6"
	local mgmt="$TOPO_EDGE_MGMT4,$TOPO_EDGE_MGMT6"
	local rp="$TOPO_RPROXY4,$TOPO_RPROXY6"
	local pool="$TOPO_FE1,$TOPO_FE2,$TOPO_VIP,$TOPO_OTHER,$TOPO_FE1_6,$TOPO_FE2_6,$TOPO_VIP6,$TOPO_OTHER6"

	mkdir -p "$dir" || return 1
	rm -f "$dir"/*.ready
	ip netns exec inet $p --log "$dir/inet.log" --ready "$dir/inet.ready" \
		tcp/$TOPO_SERVER4,$TOPO_SERVER6/$TOPO_PORTS \
		udp/$TOPO_SERVER4,$TOPO_SERVER6/$TOPO_PORTS \
		</dev/null >"$dir/inet.err" 2>&1 &
	pid[inet]=$!
	ip netns exec edge $p --log "$dir/edge.log" --ready "$dir/edge.ready" \
		tcp/$ext,$int,$mgmt/$TOPO_PORTS udp/$ext,$int,$mgmt,$rp/$TOPO_PORTS \
		tcp/$rp/$TOPO_PORTS_NO80 \
		</dev/null >"$dir/edge.err" 2>&1 &
	pid[edge]=$!
	ip netns exec pool $p --log "$dir/pool.log" --ready "$dir/pool.ready" \
		tcp/$pool/$TOPO_PORTS udp/$pool/$TOPO_PORTS \
		</dev/null >"$dir/pool.err" 2>&1 &
	pid[pool]=$!
	ip netns exec mgmt $p --log "$dir/mgmt.log" --ready "$dir/mgmt.ready" \
		tcp/$TOPO_ADMIN4,$TOPO_ADMIN6/$TOPO_PORTS \
		udp/$TOPO_ADMIN4,$TOPO_ADMIN6/$TOPO_PORTS \
		</dev/null >"$dir/mgmt.err" 2>&1 &
	pid[mgmt]=$!
	for _ in $(seq 600); do
		local missing=
		for ns in inet edge pool mgmt; do
			[ -e "$dir/$ns.ready" ] || missing="$missing $ns"
		done
		[ -n "$missing" ] || return 0
		for ns in $missing; do
			kill -0 "${pid[$ns]}" 2>/dev/null || {
				echo "topo: the probe server in $ns died:" >&2
				cat "$dir/$ns.err" >&2
				return 1
			}
		done
		sleep 0.1
	done
	echo "topo: probe servers not ready after 60 s:$missing" >&2
	return 1
}

# snmp NS GROUP COUNTER: a counter of NS's /proc/net/snmp or netstat
# (snmp inet TcpExt TCPSynRetrans)
snmp() {
	ip netns exec "$1" cat /proc/net/snmp /proc/net/netstat | awk -v p="$2" -v k="$3" '
		$1 == p":" && !h { for (i = 2; i <= NF; i++) col[$i] = i; h = 1; next }
		$1 == p":" && h { print $col[k]; exit }'
}

# Run a command in a namespace: in_ns edge edgectl show
in_ns() {
	local ns=$1
	shift
	ip netns exec "$ns" "$@"
}
