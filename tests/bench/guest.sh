#!/bin/bash
# The benchmarks, inside the VM (tests/bench/run boots it with
# tests/vm/run). Prints results as lines "BENCH WHAT key=value ..."; the
# host turns them into tables (tests/bench/report).
#
#   guest.sh CONFDIR ROUNDS SECONDS [PARTS]
#
# CONFDIR holds edgefw-ref.conf, edgefw-10k.conf and edgefw-100k.conf
# (edgectl restore files written by tests/bench/run). PARTS: any of
# classify control pps (default all three).
#
# pps: every variant lives in its own network namespace at the same time,
# fed by its own veth pair from one generator namespace, so that the rounds
# can alternate between variants every few seconds: on a shared machine the
# load changes all the time, and a variant measured at a quiet moment must
# not look faster than one measured at a busy one. Variants:
#   none       no filter: nothing hooked, no conntrack
#   null       the empty hook module (tests/bench/nullhook): hooks only
#   ct         the empty hooks and conntrack enabled (what edgefw needs)
#   edgefw     edgefw.ko with the reference configuration
#   nft        the same policy in nftables (edgectl export --nft of it)
#   edgefw10k, nft10k, edgefw100k, nft100k: 10,000 and 100,000 role
#              addresses (a quarter per role) on top of the reference ones
# Traffic (tests/bench/sendpkt, 60-byte frames into ext0 of the variant):
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
# the sender's time.
set -u
confdir=$1 rounds=$2 secs=$3
parts=${4:-classify control pps}
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench/../.." && pwd)
probe=$repo/tests/vm/probe.py
work=$(mktemp -d /tmp/bench.XXXXXX)

emit() { echo "BENCH $*"; }
say() { echo "# $(date +%T) $*"; }
die() { echo "bench: $*" >&2; emit "error msg=$*"; exit 1; }
want() { case " $parts " in *" $1 "*) return 0 ;; esac; return 1; }

emit "vm kernel=$(uname -r) cpus=$(nproc) mem_kb=$(awk '/^MemTotal/ {print $2}' /proc/meminfo)" \
	"cpu=\"$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)\""

modprobe edgefw || die "modprobe edgefw"
modprobe nf_tables || die "modprobe nf_tables"
modprobe nf_conntrack || die "modprobe nf_conntrack"
modprobe nf_conntrack_netlink || die "modprobe nf_conntrack_netlink"
for m in edgefw nf_tables nf_conntrack; do
	emit "module name=$m core_bytes=$(cat /sys/module/$m/coresize)"
done

# ---------------------------------------------------------------------------
if want classify; then
	say "classifier cost per lookup"
	dmesg -C
	insmod "$bench/classify/edgefw_classify_bench.ko" sizes=4,1000,100000 \
		lookups=200000 runs=$rounds || die "classify bench"
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
if want pps; then
	say "pps: setting up the variants"
	variants="none null ct edgefw nft edgefw10k nft10k edgefw100k nft100k"
	insmod "$bench/nullhook/edgefw_nullhook.ko" || die "insmod nullhook"
	# Room for the floods' connections (flushed after each run).
	sysctl -qw net.netfilter.nf_conntrack_max=4000000
	echo 262144 > /sys/module/nf_conntrack/parameters/hashsize
	ip netns add gen
	declare -A mac snmp_pid
	for v in $variants; do
		ns=d_$v
		ip netns add "$ns"
		ip -n "$ns" link add ext0 type veth peer name "g_$v" netns gen
		ip netns exec "$ns" sh -c 'for k in all default; do echo 0 > /proc/sys/net/ipv4/conf/$k/rp_filter; done'
		# Every address of every role is local through one route, the
		# same in every variant: the cost of routing a packet must not
		# differ between the reference's addresses and the scaled ones.
		ip -n "$ns" -batch - <<-EOF || die "addresses of $ns"
		link set lo up
		link set ext0 up
		route add local 10.0.0.0/8 dev lo
		EOF
		ip -n gen link set "g_$v" up
		mac[$v]=$(ip netns exec "$ns" cat /sys/class/net/ext0/address)
		# A process in the namespace: its /proc/PID/net/snmp is the
		# namespace's, read without entering it.
		ip netns exec "$ns" sleep infinity &
		snmp_pid[$v]=$!
	done
	echo hook > /proc/"${snmp_pid[null]}"/net/edgefw_nullhook || die "nullhook hook"
	echo conntrack > /proc/"${snmp_pid[ct]}"/net/edgefw_nullhook || die "nullhook conntrack"
	ip netns exec d_edgefw edgectl restore "$confdir/edgefw-ref.conf" || die "restore ref"
	ip netns exec d_edgefw10k edgectl restore "$confdir/edgefw-10k.conf" || die "restore 10k"
	ip netns exec d_edgefw100k edgectl restore "$confdir/edgefw-100k.conf" || die "restore 100k"
	for s in "" 10k 100k; do
		ip netns exec "d_edgefw$s" edgectl export --nft > "$work/ref$s.nft" || die "export $s"
		ip netns exec "d_nft$s" nft -f "$work/ref$s.nft" || die "nft -f $s"
	done
	for v in $variants; do
		emit "variant name=$v nullhook=$(cat "/proc/${snmp_pid[$v]}/net/edgefw_nullhook")" \
			"edgefw_rules=$(ip netns exec "d_$v" edgectl counters -j | grep -c '"row"')" \
			"nft_rules=$(ip netns exec "d_$v" nft list ruleset | grep -c ' accept comment ')"
	done

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
		local r=$1 kind=$2 v=$3 proto port src sport dst a b out sent ms
		proto=${kind:0:3}
		case $kind in
		*1) src=198.18.0.1 sport=40000 dst=$(dst_of "$v" "$proto" single) ;;
		*) src=198.18.0.1-198.19.255.254 sport=1024-65535 dst=$(dst_of "$v" "$proto" range) ;;
		esac
		case $kind in
		udpdeny) port=3479 ;; udp*) port=3478 ;;
		tcpdeny) port=444 ;; tcp*) port=443 ;;
		esac
		a=($(snmp "$v"))
		out=$(ip netns exec gen "$bench/build/sendpkt" -i "g_$v" -m "${mac[$v]}" \
			-p "$proto" -s "$src" -S "$sport" -d "$dst" -D "$port" -t "$secs")
		b=($(snmp "$v"))
		# "sent N packets in T s: R pps"
		set -- $out
		sent=$2 ms=$(awk -v t="$5" 'BEGIN { printf "%d", t * 1000 }')
		emit "pps round=$r kind=$kind variant=$v sent=$sent ms=$ms" \
			"recv=$((b[0] - a[0])) udp_in=$((b[1] - a[1])) udp_noports=$((b[2] - a[2]))" \
			"tcp_in=$((b[3] - a[3])) pps=$(((b[0] - a[0]) * 1000 / (ms > 0 ? ms : 1)))"
		case $kind:$v in
		*1:*|*:none|*:null) ;;
		*)	# Forget the flood's connections before the next run.
			ip netns exec "d_$v" "$probe" ct-flush 2>/dev/null ;;
		esac
	}
	kinds="udp1 udpflood udpdeny tcp1 tcpflood tcpdeny"
	for r in $(seq "$rounds"); do
		say "pps round $r of $rounds ($(cat /proc/loadavg))"
		for kind in $kinds; do
			# Alternate the order of the variants from round to round.
			if [ $((r % 2)) = 1 ]; then order=$variants; else
				order=$(echo $variants | tr ' ' '\n' | tac | tr '\n' ' '); fi
			for v in $order; do
				measure "$r" "$kind" "$v"
			done
		done
	done
	for s in "" 10k 100k; do
		emit "zones variant=edgefw$s $(ip netns exec d_edgefw$s edgectl counters -j |
			/usr/bin/python3 -IS -c 'import json,sys; d=json.load(sys.stdin); print(" ".join("%s_%s=%d" % (z["zone"], k, z[k]) for z in d["zones"] for k in ("accepted_state", "dropped_no_rule")), "rule_packets=%d" % sum(r["packets"] for r in d["rules"]))')"
	done
	kill "${snmp_pid[@]}" 2>/dev/null
	wait 2>/dev/null
fi
rm -rf "$work"
emit "done"
