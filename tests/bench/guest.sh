#!/bin/bash
# The benchmarks, inside the VM (tests/bench/run boots it with
# tests/vm/run). Prints results as lines "BENCH WHAT key=value ..."; the
# host turns them into tables (tests/bench/report).
#
#   guest.sh CONFDIR [EDGEFW_BENCH_...=VALUE ...]
#
# CONFDIR holds what tests/bench/run wrote: the edgectl restore files
# edgefw-ref.conf, edgefw-10k.conf and edgefw-100k.conf, and the role
# addresses of the larger scales for the operator's nftables ruleset
# (operator-10k.nft, operator-100k.nft). Settings:
#   EDGEFW_BENCH_PARTS   any of classify control pps ctcount legit (all)
#   EDGEFW_BENCH_ROUNDS  rounds of each measurement (3)
#   EDGEFW_BENCH_SECS    seconds of sending per packet rate (1)
#   EDGEFW_BENCH_SENDERS packet generators at once, one per CPU (all CPUs)
#   EDGEFW_BENCH_TUPLES  ctcount: packets (distinct flows) of the flood
#                        (1000000)
#   EDGEFW_BENCH_CT_MAX  legit: nf_conntrack_max during the flood (16384)
#   EDGEFW_BENCH_LEGIT   legit: connections per variant and round (50)
#   EDGEFW_BENCH_VARIANTS  only these variants (all of each part's)
#   EDGEFW_BENCH_KINDS   pps: only these kinds of traffic (all)
#
# Every variant lives in its own network namespace at the same time, fed
# by its own veth pair from one generator namespace, so that the rounds
# can alternate between variants every few seconds: on a shared machine the
# load changes all the time, and a variant measured at a quiet moment must
# not look faster than one measured at a busy one. Variants:
#   none       no filter: nothing hooked, no conntrack
#   null       the empty hook module (tests/bench/nullhook): hooks only
#   ct         the empty hooks and conntrack enabled (what edgefw needs)
#   untracked  the same, and early hooks that mark every packet untracked
#              (the floor of stateless media)
#   edgefw     edgefw.ko with the reference configuration
#   edgefwsl   the same with stateless-media on
#   nft        the same policy in nftables (edgectl export --nft of it)
#   nftop      the policy as an operator writes it in nftables
#              (tests/bench/operator.nft: concatenated maps and sets)
#   nftopsl    the same with stateless media (operator-notrack.nft)
#   edgefw10k, nft10k, nftop10k, edgefw100k, nft100k, nftop100k: 10,000
#              and 100,000 role addresses (a quarter per role) on top of
#              the reference ones
#
# pps: packets per second of each variant, for each kind of traffic
# (tests/bench/sendpkt, 60-byte frames into ext0 of the variant):
#   udp1       one UDP flow to the A/V address, port 3478 (row 12: allowed)
#   udpflood   UDP to 3478 from random source addresses (198.18.0.0/15)
#              and ports: every packet a new flow; at scale, to random A/V
#              addresses
#   udpdeny    the same flood to port 3479 (no rule: dropped)
#   tcp1, tcpflood, tcpdeny: TCP SYNs to the Access Edge address, port 443
#              (row 3) and 444 (no rule)
# Nothing listens and the sources have no route back, so the edge sends no
# answers: what is measured is the receive path. Received packets are
# counted by IP InReceives of the variant's namespace; pps = received /
# the sender's time (the longest, with several senders).
#
# ctcount: the conntrack entries a flood of EDGEFW_BENCH_TUPLES new UDP
# flows to the A/V address's 3478 leaves in the variant's table (the UDP
# timeout raised so that none expires meanwhile), and conntrack's
# allocations (a kprobe on __nf_conntrack_alloc, which every entry goes
# through, counted by a histogram trigger).
#
# legit: with nf_conntrack_max at EDGEFW_BENCH_CT_MAX and the kernel's own
# hash size, a new-flow UDP flood to 3478 runs while a legitimate client
# (namespace c_VARIANT, on a macvlan of the generator's veth, so that its
# packets enter the same ext0) opens EDGEFW_BENCH_LEGIT TCP connections to
# the Access Edge's 443, ten a second, each given 3 s (tests/bench/legit.py
# against tests/vm/probe.py serve).
set -u
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench/../.." && pwd)
. "$repo/tests/lib/settings.sh"
confdir=$1
shift
take_settings "$@"
parts=${EDGEFW_BENCH_PARTS:-classify control pps ctcount legit}
rounds=${EDGEFW_BENCH_ROUNDS:-3}
secs=${EDGEFW_BENCH_SECS:-1}
senders=${EDGEFW_BENCH_SENDERS:-$(nproc)}
tuples=${EDGEFW_BENCH_TUPLES:-1000000}
ct_max=${EDGEFW_BENCH_CT_MAX:-16384}
legit_n=${EDGEFW_BENCH_LEGIT:-50}
only=${EDGEFW_BENCH_VARIANTS:-}
probe=$repo/tests/vm/probe.py
work=$(mktemp -d /tmp/bench.XXXXXX)

emit() { echo "BENCH $*"; }
say() { echo "# $(date +%T) $*"; }
die() { echo "bench: $*" >&2; emit "error msg=$*"; exit 1; }
want() { case " $parts " in *" $1 "*) return 0 ;; esac; return 1; }

emit "vm kernel=$(uname -r) cpus=$(nproc) mem_kb=$(awk '/^MemTotal/ {print $2}' /proc/meminfo)" \
	"cpu=\"$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)\"" \
	"senders=$senders"

modprobe edgefw || die "modprobe edgefw"
modprobe nf_tables || die "modprobe nf_tables"
modprobe nf_conntrack || die "modprobe nf_conntrack"
modprobe nf_conntrack_netlink || die "modprobe nf_conntrack_netlink"
for m in edgefw nf_tables nf_conntrack; do
	emit "module name=$m core_bytes=$(cat /sys/module/$m/coresize)"
done
# The kernel's own choice, before the pps part raises it.
boot_hashsize=$(cat /sys/module/nf_conntrack/parameters/hashsize)

# ---------------------------------------------------------------------------
if want classify; then
	say "classifier cost per lookup"
	dmesg -C
	insmod "$bench/classify/edgefw_classify_bench.ko" sizes=4,1000,100000 \
		lookups=200000 runs="$rounds" || die "classify bench"
	rmmod edgefw_classify_bench
	dmesg | sed -n 's/.*edgefw_classify_bench: \(addrs=.*kind=.*\)/BENCH classify \1/p'
	dmesg | sed -n 's/.*edgefw_classify_bench: \(addrs=.*build_ms=.*\)/BENCH classify_build \1/p'
fi

# ---------------------------------------------------------------------------
# Kernel memory that neither edgefw nor nftables can give back: slab that
# cannot be reclaimed, per-CPU areas and vmalloc (kvmalloc of big arrays).
kmem_kb() {
	awk '/^SUnreclaim:/ {s += $2} /^Percpu:/ {s += $2} /^VmallocUsed:/ {s += $2}
	     END {print s}' /proc/meminfo
}
# Deferred frees (RCU) done; the caches are left warm: reading programs
# again over 9p would time the host's disk, not the tools.
settle() { sleep 1; }

# timed COMMAND...: runs it; its time in $ms (milliseconds), status in $rc.
timed() {
	local t0=${EPOCHREALTIME/./}
	"$@"
	rc=$?
	ms=$(((${EPOCHREALTIME/./} - t0) / 1000))
}

if want control; then
	# Programs and libraries in the page cache before anything is timed.
	edgectl --version > /dev/null
	nft --version > /dev/null
	ip netns exec "$(ip netns add warm && echo warm)" true; ip netns del warm
	for n in 10k 100k; do
		cp "$confdir/edgefw-$n.conf" "$work/"
		conf=$work/edgefw-$n.conf
		addrs=$(grep -o -- '--ip ' "$conf" | wc -l)
		say "control plane, $n ($addrs role addresses)"
		ip netns add cp
		for r in $(seq "$rounds"); do
			settle
			k0=$(kmem_kb)
			timed ip netns exec cp edgectl restore "$conf"
			[ "$rc" = 0 ] || die "edgectl restore $conf"
			settle
			k1=$(kmem_kb)
			emit "control scale=$n addrs=$addrs tool=edgefw op=restore round=$r ms=$ms"
			emit "memory scale=$n addrs=$addrs tool=edgefw round=$r kb=$((k1 - k0))"
			timed ip netns exec cp edgectl counters -j > "$work/counters.json"
			[ "$rc" = 0 ] || die "edgectl counters -j"
			emit "control scale=$n addrs=$addrs tool=edgefw op=counters round=$r ms=$ms bytes=$(stat -c %s "$work/counters.json")"
			timed ip netns exec cp edgectl restore "$conf"
			emit "control scale=$n addrs=$addrs tool=edgefw op=restore-again round=$r ms=$ms"
			timed ip netns exec cp edgectl export --nft > "$work/nft-$n.nft"
			[ "$rc" = 0 ] || die "edgectl export --nft"
			emit "control scale=$n addrs=$addrs tool=edgefw op=export round=$r ms=$ms bytes=$(stat -c %s "$work/nft-$n.nft")"
			ip netns exec cp edgectl flush
		done
		ip netns del cp
		ip netns add cpn
		for r in $(seq "$rounds"); do
			settle
			k0=$(kmem_kb)
			timed ip netns exec cpn nft -f "$work/nft-$n.nft"
			[ "$rc" = 0 ] || die "nft -f $work/nft-$n.nft"
			settle
			k1=$(kmem_kb)
			emit "control scale=$n addrs=$addrs tool=nft op=restore round=$r ms=$ms"
			emit "memory scale=$n addrs=$addrs tool=nft round=$r kb=$((k1 - k0))"
			timed ip netns exec cpn nft list table inet edgefw > "$work/list.nft"
			[ "$rc" = 0 ] || die "nft list table"
			emit "control scale=$n addrs=$addrs tool=nft op=counters round=$r ms=$ms bytes=$(stat -c %s "$work/list.nft")"
			timed ip netns exec cpn nft -j list table inet edgefw > "$work/list.json"
			emit "control scale=$n addrs=$addrs tool=nft op=counters-json round=$r ms=$ms bytes=$(stat -c %s "$work/list.json")"
			timed ip netns exec cpn nft -f "$work/nft-$n.nft"
			emit "control scale=$n addrs=$addrs tool=nft op=restore-again round=$r ms=$ms"
			ip netns exec cpn nft delete table inet edgefw
		done
		ip netns del cpn
	done
fi

# ---------------------------------------------------------------------------
# The variants: namespace d_V, fed through veth g_V from namespace gen.
declare -A mac snmp_pid
flood_src=198.18.0.1-198.19.255.254 flood_sport=1024-65535

setup_variant() {	# setup_variant V
	local v=$1 ns=d_$1 scale=ref t0=${EPOCHREALTIME/./}
	case $v in *10k) scale=10k ;; *100k) scale=100k ;; esac
	ip netns add "$ns"
	ip -n "$ns" link add ext0 type veth peer name "g_$v" netns gen
	# shellcheck disable=SC2016 # $k is the inner shell's
	ip netns exec "$ns" sh -c 'for k in all default; do echo 0 > /proc/sys/net/ipv4/conf/$k/rp_filter; done'
	# Every address of every role is local through one route, the
	# same in every variant: the cost of routing a packet must not
	# differ between the reference's addresses and the scaled ones.
	ip -n "$ns" -batch - <<-EOF2 || die "addresses of $ns"
	link set lo up
	link set ext0 up
	route add local 10.0.0.0/8 dev lo
	EOF2
	ip -n gen link set "g_$v" up
	mac[$v]=$(ip netns exec "$ns" cat /sys/class/net/ext0/address)
	# A process in the namespace: its /proc/PID/net is the namespace's,
	# read without entering it (once it has entered it).
	ip netns exec "$ns" sleep infinity &
	snmp_pid[$v]=$!
	while [ "$(readlink "/proc/$!/ns/net")" = "$(readlink /proc/self/ns/net)" ]; do
		sleep 0.1
	done
	case $v in
	none) ;;
	null) echo hook > "/proc/$!/net/edgefw_nullhook" ;;
	ct) echo conntrack > "/proc/$!/net/edgefw_nullhook" ;;
	untracked) echo untracked > "/proc/$!/net/edgefw_nullhook" ;;
	edgefw*)
		ip netns exec "$ns" edgectl restore "$confdir/edgefw-$scale.conf" &&
		if [ "$v" = edgefwsl ]; then
			ip netns exec "$ns" edgectl stateless-media on
		fi ;;
	nftop*)
		ip netns exec "$ns" nft -f "$bench/operator.nft" &&
		if [ "$scale" != ref ]; then
			ip netns exec "$ns" nft -f "$confdir/operator-$scale.nft"
		fi &&
		if [ "$v" = nftopsl ]; then
			ip netns exec "$ns" nft -f "$bench/operator-notrack.nft"
		fi ;;
	nft*)	# edgectl's export of the configuration, edgefw flushed
		ip netns exec "$ns" edgectl restore "$confdir/edgefw-$scale.conf" &&
		ip netns exec "$ns" edgectl export --nft > "$work/$v.nft" &&
		ip netns exec "$ns" edgectl flush &&
		ip netns exec "$ns" nft -f "$work/$v.nft" ;;
	*) false ;;
	esac || die "setting up variant $v"
	emit "variant name=$v nullhook=$(cat "/proc/${snmp_pid[$v]}/net/edgefw_nullhook")" \
		"setup_ms=$(((${EPOCHREALTIME/./} - t0) / 1000))"
}

# snmp V: "InReceives UdpInDatagrams UdpNoPorts TcpInSegs" of variant V.
snmp() {
	local f=/proc/${snmp_pid[$1]}/net/snmp line ip=() udp=() tcp=() n=0 m=0 k=0
	while read -r -a line; do
		case ${line[0]} in
		Ip:) n=$((n + 1)); [ $n = 2 ] && ip=("${line[@]}") ;;
		Udp:) m=$((m + 1)); [ $m = 2 ] && udp=("${line[@]}") ;;
		Tcp:) k=$((k + 1)); [ $k = 2 ] && tcp=("${line[@]}") ;;
		esac
	done < "$f"
	echo "${ip[3]} ${udp[1]} ${udp[2]} ${tcp[10]}"
}

# ct_stat V FIELD: conntrack's FIELD (/proc/net/stat/nf_conntrack) of
# variant V's namespace, summed over the CPUs.
ct_stat() {
	local f=/proc/${snmp_pid[$1]}/net/stat/nf_conntrack head line i col='' sum=0
	read -r -a head < "$f"
	for i in "${!head[@]}"; do [ "${head[i]}" != "$2" ] || col=$i; done
	[ -n "$col" ] || die "no $2 in $f"
	while read -r -a line; do
		[ "${line[0]}" = entries ] || sum=$((sum + 16#${line[col]}))
	done < "$f"
	echo "$sum"
}

ct_flush() { ip netns exec "d_$1" conntrack -F 2> /dev/null; }
ct_count() { ip netns exec "d_$1" cat /proc/sys/net/netfilter/nf_conntrack_count; }

# start_senders V N ARGS...: N packet generators into variant V, one per
# CPU, in the background (sendpkt's other options ARGS); their process ids
# in $sender_pids, their output in $work/send.I.
start_senders() {
	local v=$1 n=$2 i pin=()
	shift 2
	sender_pids=()
	for ((i = 0; i < n; i++)); do
		[ "$n" = 1 ] || pin=(taskset -c "$i")
		ip netns exec gen "${pin[@]}" "$bench/build/sendpkt" \
			-i "g_$v" -m "${mac[$v]}" "$@" > "$work/send.$i" &
		sender_pids+=($!)
	done
}

# send V N ARGS...: start_senders, and wait for them; sets $sent (the
# packets they sent) and $ms (the longest one's time).
send() {
	local n=$2 i line
	start_senders "$@"
	wait "${sender_pids[@]}" || die "sendpkt $*"
	sent=0 ms=0
	for ((i = 0; i < n; i++)); do
		# "sent N packets in T s: R pps", T with 3 decimals
		read -r -a line < "$work/send.$i"
		sent=$((sent + line[1]))
		line[4]=$((10#${line[4]/./}))
		[ "${line[4]}" -le "$ms" ] || ms=${line[4]}
	done
}

# Alternate the order of the variants from round to round.
in_order() {	# in_order ROUND V...
	local r=$1
	shift
	if [ $((r % 2)) = 1 ]; then echo "$@"; else printf '%s\n' "$@" | tac; fi
}

# chosen V...: those of the variants V that EDGEFW_BENCH_VARIANTS names
chosen() {
	local v
	for v in "$@"; do
		case " ${only:-$*} " in *" $v "*) echo "$v" ;; esac
	done
}
mapfile -t pps_variants < <(chosen none null ct untracked edgefw edgefwsl nft nftop nftopsl \
	edgefw10k nft10k nftop10k edgefw100k nft100k nftop100k)
mapfile -t ctcount_variants < <(chosen ct edgefw edgefwsl nftop nftopsl)
mapfile -t legit_variants < <(chosen none edgefw edgefwsl nftop nftopsl)
variants=()
want pps && variants+=("${pps_variants[@]}")
want ctcount && variants+=("${ctcount_variants[@]}")
want legit && variants+=("${legit_variants[@]}")
if [ ${#variants[@]} -gt 0 ]; then
	say "setting up the variants"
	insmod "$bench/nullhook/edgefw_nullhook.ko" || die "insmod nullhook"
	# Room for the floods' connections (flushed after each run).
	sysctl -qw net.netfilter.nf_conntrack_max=4000000
	echo 262144 > /sys/module/nf_conntrack/parameters/hashsize
	ip netns add gen
	for v in "${variants[@]}"; do
		[ -n "${mac[$v]:-}" ] || setup_variant "$v"
	done
fi

# ---------------------------------------------------------------------------
if want pps; then
	# Destinations per variant: the reference's addresses, or at scale the
	# role's own addresses (10.64.0.0/14: access 10.64, av 10.66; see
	# tests/bench/run).
	dst_of() {	# dst_of VARIANT udp|tcp single|range
		local v=$1 proto=$2 what=$3 k=
		case $v in *10k) k=2500 ;; *100k) k=25000 ;; esac
		if [ -z "$k" ]; then
			[ "$proto" = udp ] && echo 10.45.16.30 || echo 10.45.16.10
			return
		fi
		local base=10.66 last
		[ "$proto" = tcp ] && base=10.64
		last=$((k))	# addresses base.0.1 .. base.0.0 + k
		if [ "$what" = single ]; then
			echo "$base.0.1"
		else
			echo "$base.0.1-$base.$((last >> 8)).$((last & 255))"
		fi
	}
	measure() {	# measure ROUND KIND VARIANT
		local r=$1 kind=$2 v=$3 proto port src sport dst a b
		proto=${kind:0:3}
		case $kind in
		*1) src=198.18.0.1 sport=40000 dst=$(dst_of "$v" "$proto" single) ;;
		*) src=$flood_src sport=$flood_sport dst=$(dst_of "$v" "$proto" range) ;;
		esac
		case $kind in
		udpdeny) port=3479 ;; udp*) port=3478 ;;
		tcpdeny) port=444 ;; tcp*) port=443 ;;
		esac
		read -r -a a <<< "$(snmp "$v")"
		emit mark	# tests/bench/hostcpu: qemu's CPU time from here
		send "$v" "$senders" -p "$proto" -s "$src" -S "$sport" -d "$dst" -D "$port" -t "$secs"
		read -r -a b <<< "$(snmp "$v")"
		emit "pps round=$r kind=$kind variant=$v sent=$sent ms=$ms" \
			"recv=$((b[0] - a[0])) udp_in=$((b[1] - a[1])) udp_noports=$((b[2] - a[2]))" \
			"tcp_in=$((b[3] - a[3])) pps=$(((b[0] - a[0]) * 1000 / (ms > 0 ? ms : 1)))"
		case $kind:$v in
		*1:*|*:none|*:null|*:untracked) ;;
		*) ct_flush "$v" ;;	# forget the flood's connections
		esac
	}
	kinds=${EDGEFW_BENCH_KINDS:-udp1 udpflood udpdeny tcp1 tcpflood tcpdeny}
	for r in $(seq "$rounds"); do
		say "pps round $r of $rounds ($(cat /proc/loadavg))"
		for kind in $kinds; do
			for v in $(in_order "$r" "${pps_variants[@]}"); do
				measure "$r" "$kind" "$v"
			done
		done
	done
	for v in $(chosen edgefw edgefwsl edgefw10k edgefw100k); do
		emit "zones variant=$v $(ip netns exec "d_$v" edgectl counters -j |
			/usr/bin/python3 -IS -c 'import json,sys; d=json.load(sys.stdin); print(" ".join("%s_%s=%d" % (z["zone"], k, z[k]) for z in d["zones"] for k in ("accepted_state", "dropped_no_rule")), "rule_packets=%d" % sum(r["packets"] for r in d["rules"]))')"
	done
fi

# ---------------------------------------------------------------------------
if want ctcount; then
	T=/sys/kernel/tracing
	[ -d "$T/events" ] || mount -t tracefs nodev "$T" || die "no tracefs"
	echo 'p:edgefw_bench/ct_alloc __nf_conntrack_alloc' >> "$T/kprobe_events" ||
		die "no kprobe on __nf_conntrack_alloc"
	hist=$T/events/edgefw_bench/ct_alloc/hist
	echo 'hist:keys=common_pid' > "$T/events/edgefw_bench/ct_alloc/trigger" ||
		die "no histogram trigger"
	allocations() { sed -n 's/^ *Hits: *\([0-9]*\).*/\1/p' "$hist"; }
	for v in "${ctcount_variants[@]}"; do
		say "ctcount: $tuples new UDP flows into $v"
		ct_flush "$v"
		# None of them expires before it is counted.
		ip netns exec "d_$v" sysctl -qw net.netfilter.nf_conntrack_udp_timeout=3600
		read -r -a a <<< "$(snmp "$v")"
		h0=$(allocations)
		send "$v" 1 -p udp -s "$flood_src" -S "$flood_sport" -d 10.45.16.30 -D 3478 -n "$tuples"
		read -r -a b <<< "$(snmp "$v")"
		h1=$(allocations)
		emit "ctcount variant=$v tuples=$tuples sent=$sent ms=$ms recv=$((b[0] - a[0]))" \
			"udp_noports=$((b[2] - a[2])) entries=$(ct_count "$v") allocated=$((h1 - h0))"
		ct_flush "$v"
		ip netns exec "d_$v" sysctl -qw net.netfilter.nf_conntrack_udp_timeout=30
	done
	echo '!hist:keys=common_pid' > "$T/events/edgefw_bench/ct_alloc/trigger"
	echo '-:edgefw_bench/ct_alloc' >> "$T/kprobe_events"
fi

# ---------------------------------------------------------------------------
if want legit; then
	say "legit: clients and servers"
	declare -A server_pid
	for v in "${legit_variants[@]}"; do
		# The client, 198.51.100.7, on a macvlan of g_V: its packets
		# enter ext0 as the flood's do. Neighbours are static: the
		# edge's ext0 has no address to ask with.
		ip netns add "c_$v"
		ip -n gen link add "m_$v" link "g_$v" type macvlan mode bridge
		ip -n gen link set "m_$v" netns "c_$v"
		ip -n "c_$v" -batch - <<-EOF || die "client of $v"
		link set lo up
		link set m_$v up
		addr add 198.51.100.7/24 dev m_$v
		route add 10.45.16.0/24 dev m_$v
		neigh add 10.45.16.10 lladdr ${mac[$v]} dev m_$v
		EOF
		ip -n "d_$v" -batch - <<-EOF || die "route to the client of $v"
		route add 198.51.100.0/24 dev ext0
		neigh add 198.51.100.7 lladdr $(ip netns exec "c_$v" cat "/sys/class/net/m_$v/address") dev ext0
		EOF
		ip netns exec "d_$v" "$probe" serve --ready "$work/ready.$v" tcp/10.45.16.10/443 &
		server_pid[$v]=$!
	done
	for v in "${legit_variants[@]}"; do
		for i in $(seq 50); do [ -e "$work/ready.$v" ] && break; sleep 0.2; done
		[ -e "$work/ready.$v" ] || die "the server of $v does not listen"
		ct_flush "$v"
	done
	# The operator's limit, in a table of the size the kernel chose.
	echo "$boot_hashsize" > /sys/module/nf_conntrack/parameters/hashsize
	sysctl -qw net.netfilter.nf_conntrack_max="$ct_max"
	legit_one() {	# legit_one ROUND VARIANT
		local r=$1 v=$2 a b d0 e0 t0 out entries
		ct_flush "$v"
		read -r -a a <<< "$(snmp "$v")"
		d0=$(ct_stat "$v" drop) e0=$(ct_stat "$v" early_drop)
		t0=${EPOCHREALTIME/./}
		start_senders "$v" "$senders" -p udp -s "$flood_src" -S "$flood_sport" \
			-d 10.45.16.30 -D 3478 -t 3600
		sleep 1		# the table fills
		out=$(ip netns exec "c_$v" "$bench/legit.py" 198.51.100.7 10.45.16.10:443 \
			"$legit_n" 10 3) || die "legit.py"
		entries=$(ct_count "$v")
		kill "${sender_pids[@]}"
		wait "${sender_pids[@]}" 2> /dev/null
		read -r -a b <<< "$(snmp "$v")"
		emit "legit round=$r variant=$v ct_max=$ct_max hashsize=$boot_hashsize $out" \
			"flood_ms=$(((${EPOCHREALTIME/./} - t0) / 1000)) recv=$((b[0] - a[0]))" \
			"udp_noports=$((b[2] - a[2])) entries=$entries" \
			"ct_drop=$(($(ct_stat "$v" drop) - d0)) ct_early_drop=$(($(ct_stat "$v" early_drop) - e0))"
		ct_flush "$v"
	}
	for r in $(seq "$rounds"); do
		say "legit round $r of $rounds ($(cat /proc/loadavg))"
		for v in $(in_order "$r" "${legit_variants[@]}"); do
			legit_one "$r" "$v"
		done
	done
	kill "${server_pid[@]}"
fi
kill "${snmp_pid[@]}" 2>/dev/null
wait 2>/dev/null
rm -rf "$work"
emit "done"
