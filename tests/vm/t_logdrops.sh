#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Drop logging goes through nf_log, like the LOG and NFLOG targets:
#  - off by default; `edgectl log-drops on` logs each dropped packet to the
#    namespace's logger: the kernel log, in the LOG target's format
#    (IN= OUT= SRC= DST= PROTO= SPT= DPT=) behind the prefix
#    "edgefw: ZONE DIR REASON ", which fail2ban and logwatch parse; from a
#    namespace other than the first only if net.netfilter.nf_log_all_netns
#    says so; rate-limited per namespace;
#  - `log-drops on --nflog-group N` sends them to NFLOG group N instead,
#    where tcpdump (-i nflog:N) and ulogd2 receive them;
#  - an allowed packet is never logged; `off` stops it.
#
#   inet (198.51.100.7) --veth-- ext0 (10.45.16.10) edge
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/assert.sh"
. "$here/../lib/edgectl.sh"

ns() { ip netns exec "$@"; }
work=$(mktemp -d)
# send DPORT [COUNT]: UDP datagrams from the Internet side to 10.45.16.10
send() {
	ns inet /usr/bin/python3 -c 'import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("198.51.100.7", 40000))
for _ in range(int(sys.argv[2])): s.sendto(b"x", ("10.45.16.10", int(sys.argv[1])))' "$1" "${2:-1}"
}
# logged DPORT: kernel log lines for a drop of a datagram to DPORT
logged() {
	dmesg | grep -c "edgefw: external in no-rule IN=ext0 OUT= .*SRC=198.51.100.7 DST=10.45.16.10 .*PROTO=UDP SPT=40000 DPT=$1 "
}
# until_counted N: until the zone has counted N no-rule drops: only then
# does "not logged" mean anything
counted() { [ "$(zone_counter edge external dropped_no_rule)" -ge "$1" ]; }
until_counted() { wait_for 60 counted "$1"; }
row12() {
	ns edge edgectl counters -j | /usr/bin/python3 -c 'import json, sys
print(sum(r["packets"] for r in json.load(sys.stdin)["rules"] if r["row"] == 12))'
}
row12_is() { [ "$(row12)" = "$1" ]; }
emu_has() { grep -q "$1" "$work/emu.log"; }

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
sysctl -qw net.netfilter.nf_log_all_netns=0

send 9001
until_counted 1
check_eq "off by default: a drop is not logged" 0 "$(logged 9001)"
check "log-drops on" ns edge edgectl log-drops on
check_eq "save says so" "log-drops on" "$(ns edge edgectl save | grep log-drops)"
send 9002
until_counted 2
check_eq "nf_log_all_netns=0: a drop in another namespace stays out of the kernel log" \
	0 "$(logged 9002)"
check "nf_log_all_netns=1" sysctl -qw net.netfilter.nf_log_all_netns=1
send 9003
until_counted 3
check_eq "a dropped packet is logged in the LOG format with zone, direction and reason" \
	1 "$(logged 9003)"
send 3478
check "the allowed datagram got through (row 12 counted it)" wait_for 60 row12_is 1
check_eq "an allowed packet is not logged" 0 \
	"$(dmesg | grep -c 'edgefw: .*DST=10.45.16.10 .*DPT=3478 ')"
# The kernel log is rate-limited per namespace: a burst of 20, then 20 in
# each second after the first (the kernel's ratelimit, in jiffies). How
# many of 200 drops are logged depends on how long sending them takes, a
# tenth of a second here or seconds on a starved guest: the bound follows
# from the time the lines logged span (their timestamps, with 100 ms for
# jiffies that lag the clock), and is 20 as long as they span less than
# 0.9 s. The 9003 line began an interval of its own: it must be over (1 s
# and a jiffy) for the burst to begin a fresh one.
sleep 2
send 9004 200
until_counted 203
# burst_lines: "COUNT SPAN_MS" of the 9004 drops' lines in the kernel log
burst_lines() {
	dmesg | awk '/edgefw: external in no-rule IN=ext0 .*DPT=9004 / {
		t = substr($0, 2, index($0, "]") - 2) + 0
		if (!n++) first = t
		last = t
	} END { printf "%d %d\n", n, (last - first) * 1000 }'
}
read -r n span_ms <<< "$(burst_lines)"
most=$((20 * ((span_ms + 100) / 1000 + 1)))
check "200 drops at once: some logged, at most 20 a second ($n in $span_ms ms, at most $most)" \
	test "$n" -ge 1 -a "$n" -le "$most" -a "$n" -lt 200

# --- NFLOG: tcpdump and ulogd2 --------------------------------------------------
check "log-drops on --nflog-group 5" ns edge edgectl log-drops on --nflog-group 5
check_eq "save says so" "log-drops on --nflog-group 5" \
	"$(ns edge edgectl save | grep log-drops)"
# A group has one listener at a time: tcpdump first, then ulogd2.
ns edge timeout 60 tcpdump -Z root -i nflog:5 -n -c 2 -w "$work/nflog.pcap" \
	2> "$work/tcpdump.err" &
tcpdump=$!
tcpdump_listens() { grep -q 'listening on nflog:5' "$work/tcpdump.err"; }
check "tcpdump listens to NFLOG group 5" wait_for 60 tcpdump_listens
dmesg_before=$(dmesg | grep -c 'edgefw: ')
send 9005
send 9006
wait "$tcpdump"
check_eq "tcpdump -i nflog:5 received both drops" \
	"198.51.100.7.40000 > 10.45.16.10.9005 198.51.100.7.40000 > 10.45.16.10.9006" \
	"$(tcpdump -n -r "$work/nflog.pcap" 2>/dev/null | grep -o '198.51.100.7.40000 > 10.45.16.10.900[56]' | tr '\n' ' ' | sed 's/ $//')"
cat > "$work/ulogd.conf" <<CONF
[global]
logfile="$work/ulogd.log"
loglevel=3
plugin="/usr/lib/x86_64-linux-gnu/ulogd/ulogd_inppkt_NFLOG.so"
plugin="/usr/lib/x86_64-linux-gnu/ulogd/ulogd_raw2packet_BASE.so"
plugin="/usr/lib/x86_64-linux-gnu/ulogd/ulogd_filter_IFINDEX.so"
plugin="/usr/lib/x86_64-linux-gnu/ulogd/ulogd_filter_IP2STR.so"
plugin="/usr/lib/x86_64-linux-gnu/ulogd/ulogd_filter_PRINTPKT.so"
plugin="/usr/lib/x86_64-linux-gnu/ulogd/ulogd_output_LOGEMU.so"
stack=log1:NFLOG,base1:BASE,ifi1:IFINDEX,ip2str1:IP2STR,print1:PRINTPKT,emu1:LOGEMU

[log1]
group=5

[emu1]
file="$work/emu.log"
sync=1
CONF
ns edge timeout 120 ulogd -c "$work/ulogd.conf" &
ulogd=$!
ulogd_listens() { grep -q 'entering main loop' "$work/ulogd.log"; }
check "ulogd2 listens to NFLOG group 5" wait_for 60 ulogd_listens
send 9007
wait_for 60 emu_has 'DPT=9007'
check "ulogd2 logged it with edgefw's prefix" \
	grep -q 'edgefw: external in no-rule .*SRC=198.51.100.7 DST=10.45.16.10 .*DPT=9007' "$work/emu.log"
check_eq "and nothing went to the kernel log" "$dmesg_before" "$(dmesg | grep -c 'edgefw: ')"
kill "$ulogd" 2>/dev/null
wait "$ulogd" 2>/dev/null

check "log-drops off" ns edge edgectl log-drops off
send 9008
until_counted 207
check_eq "off again: not logged" 0 "$(logged 9008)"
check_eq "row 12 (STUN in) counted the allowed datagram, once" 1 "$(row12)"
check_eq "the zone counted every drop (3, 200, 3 to NFLOG, 1)" 207 \
	"$(zone_counter edge external dropped_no_rule)"
check "flush" ns edge edgectl flush
sysctl -qw net.netfilter.nf_log_all_netns=0
finish
