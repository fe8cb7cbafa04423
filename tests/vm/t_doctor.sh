#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# edgectl -V and edgectl doctor against the real module, each finding
# provoked for real and what it warns about shown to be true:
# - no module: -V says so, doctor warns; versions and protocols of the
#   module (GET_INFO) against modinfo; the signature (DKMS's, or one made
#   here) and taint against modinfo, /sys/module/edgefw/taint and
#   /proc/sys/kernel/tainted;
# - nothing bound; a binding of an absent interface, gone when it appears;
# - conntrack over 80% of a small nf_conntrack_max, filled by real flows;
# - drop logging: to the kernel log from a namespace (shown silent until
#   nf_log_all_netns=1), with no logger bound (shown silent), to an NFLOG
#   group nobody reads, then read by tcpdump (which shows the drop);
# - a change waiting for confirmation (restore --confirm), gone when
#   confirmed;
# - an interface bound, then made a bridge port (the kernel refuses to bind
#   a port), a bridge bound without br_netfilter: bridged traffic shown to
#   pass; with br_netfilter, shown dropped;
# - an unprivileged caller: cannot read the configuration.
#
#   tests/vm/topo.sh (the edge's av address 10.45.16.30), and
#   lan1: l1 10.0.0.1 --veth-- p1 \
#                                  br0 (edge)
#   lan2: l2 10.0.0.2 --veth-- p2 /
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/assert.sh"
. "$here/topo.sh"

work=$(mktemp -d)
ns() { ip netns exec "$@"; }
# probe NS PROTO SRC DST:PORT [TIMEOUT]: probe.py's exit status (0 pass,
# 1 dropped). It waits 1 s for an answer, or TIMEOUT: a probe that must pass
# waits 10 s, as the server that answers may be starved on a loaded guest.
# shellcheck disable=SC2317 # called through check
probe() { ns "$1" "$here/probe.py" "$2" --timeout "${5:-1}" "$3" "$4"; }
doctor() { ns edge edgectl doctor > "$work/out" 2> "$work/err"; echo $? > "$work/rc"; }
rc() { cat "$work/rc"; }
# shellcheck disable=SC2317 # called through check
line() { grep -xF -- "$1" "$work/out" || { cat "$work/out"; false; }; }
# shellcheck disable=SC2317
has() { grep -qF -- "$1" "$work/out" || { cat "$work/out"; false; }; }
warns() { grep -c '^warn ' "$work/out"; }

# --- without the module ----------------------------------------------------
edgectl -V > "$work/v" 2> "$work/verr"
check_eq "-V without the module: exit 0" 0 $?
check_eq "-V without the module: edgectl's version, and says so" \
	"edgefw module: not loaded" "$(sed -n 2p "$work/v")"
ev=$(sed -n '1s/^edgectl \([^ ]*\) (edgefw netlink protocol 2)$/\1/p' "$work/v")
check "-V: edgectl's version and protocol" test -n "$ev"
edgectl doctor > "$work/out"
check_eq "doctor without the module: exit 1" 1 $?
check_eq "doctor without the module: one line" \
	"warn  module: edgefw is not loaded: nothing is filtered (modprobe edgefw)" "$(cat "$work/out")"

# --- the module, its versions, signature and taint ---------------------------
# Signed, as DKMS signs it, or here with a key of our own: either way a key
# this kernel does not trust (taint E), and a signer for modinfo to name.
# A signed copy is mounted over the module: writing to the file itself
# would copy it up from the host's 9p into the overlay, which once left
# 9p's cache unable to read the next module (veth).
if [ -z "$(modinfo -F signer edgefw)" ]; then
	ko=$(modinfo -n edgefw)
	case $ko in	# Debian's 6.12 compresses modules, as kbuild does
	*.xz) pack() { xz --check=crc32 --lzma2=dict=1MiB -c; }; unpack() { xz -dc; } ;;
	*) pack() { cat; }; unpack() { cat; } ;;
	esac
	unpack < "$ko" > "$work/edgefw.ko"
	openssl req -new -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=edgefw-test-key/ \
		-keyout "$work/key.pem" -outform DER -out "$work/cert.der" 2>/dev/null
	check "the module signed with a key of the test's" \
		"/usr/src/linux-headers-$(uname -r)/scripts/sign-file" sha256 \
		"$work/key.pem" "$work/cert.der" "$work/edgefw.ko"
	pack < "$work/edgefw.ko" > "$work/signed"
	mount --bind "$work/signed" "$ko"
fi
check "module loads" modprobe edgefw
topo_up
mv=$(modinfo -F version edgefw)
[ -n "$mv" ] || mv=unknown	# a module built without a version says so
edgectl -V > "$work/v" 2> "$work/verr"
check_eq "-V: exit 0" 0 $?
check_eq "-V: the module's version (modinfo) and protocols" \
	"edgefw module $mv (netlink protocol 2)" "$(sed -n 2p "$work/v")"
if [ "$mv" = "$ev" ]; then
	check_eq "-V: the same versions: no warning" "" "$(cat "$work/verr")"
else
	check_eq "-V: different versions: a warning" \
		"edgectl: warning: edgectl $ev and the edgefw module $mv are not the same version: install the same version of both" \
		"$(cat "$work/verr")"
fi
check_eq "-V as nobody: the module's version too (GET_INFO needs no privilege)" \
	"edgefw module $mv (netlink protocol 2)" \
	"$(setpriv --reuid=65534 --regid=65534 --clear-groups edgectl -V 2>/dev/null | sed -n 2p)"

doctor
check_eq "nothing bound: exit 1" 1 "$(rc)"
check "nothing bound: said" line "warn  bindings: no interface is bound: edgefw filters nothing"
check "the module's line" line "ok    module: edgefw $mv loaded, netlink protocols 2 to 2"
check "the kernel did not verify it (taint E)" grep -q E /sys/module/edgefw/taint
check "signature: the signer modinfo names, not verified (taint E)" line \
	"info  signature: signed by '$(modinfo -F signer edgefw)'; not verified by the kernel (taint E): under Secure Boot the kernel would refuse it; sign it with a key the kernel trusts (DKMS's: mokutil --import /var/lib/dkms/mok.pub)"
taint=$(awk '{ t = $1; s = "PFSRMBUDAWCIOELKXTN"
	for (i = 0; i < length(s); i++) { if (t % 2) o = o substr(s, i + 1, 1); t = int(t / 2) }
	print o }' /proc/sys/kernel/tainted)
check "taint: the kernel's letters, edgefw's" line \
	"info  taint: the kernel is tainted $taint (edgefw: $(cat /sys/module/edgefw/taint); O: built outside the kernel tree, E: not verified)"

# --- healthy ----------------------------------------------------------------
ns edge edgectl bind ext0 external
ns edge edgectl add-role av --ip "$TOPO_AV4"
doctor
if [ "$mv" = "$ev" ]; then
	check_eq "healthy: exit 0, no warning" "0 0" "$(rc) $(warns)"
else
	check_eq "healthy: exit 1, the versions the only warning" "1 1" "$(rc) $(warns)"
	check "healthy: the versions differ" line \
		"warn  version: edgectl $ev and the module $mv are not the same version: install the same version of both"
fi
check "healthy: the binding" line "ok    bindings: 1 interface bound, every one present"
check "healthy: conntrack as /proc says" line "ok    conntrack: $(ns edge cat /proc/sys/net/netfilter/nf_conntrack_count) of $(cat /proc/sys/net/netfilter/nf_conntrack_max) entries (0%)"
check "healthy: log-drops off" line "ok    log-drops: off"
ns edge edgectl doctor -j > "$work/json"
jrc=$?
check_eq "-j: the same exit status" "$(rc)" "$jrc"
check_eq "-j: a document that says whether attention is needed, and why" \
	"$([ "$(rc)" = 1 ] && echo True || echo False) $(warns)" \
	"$(/usr/bin/python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))
print(d["attention"], sum(f["level"] == "warn" for f in d["findings"]))' "$work/json")"
base=$(warns)

# --- an absent interface ------------------------------------------------------
ns edge edgectl bind ext9 external 2>/dev/null
doctor
check_eq "absent interface: one warning more, exit 1" "1 $((base + 1))" "$(rc) $(warns)"
check "absent interface: named, with the name meant" line \
	"warn  binding: ext9 (external) is bound but no interface 'ext9' (did you mean 'ext0'?): bound when an interface of that name appears; until then nothing is filtered there"
ip -n edge link add ext9 type dummy
doctor
check_fails "once it appears: no longer reported" has "binding: ext9"
check "once it appears: both bindings present" line "ok    bindings: 2 interfaces bound, every one present"
ns edge edgectl unbind ext9
ip -n edge link del ext9

# --- conntrack filled by real flows -------------------------------------------
max=$(cat /proc/sys/net/netfilter/nf_conntrack_max)
echo 100 > /proc/sys/net/netfilter/nf_conntrack_max
for i in $(seq 85); do echo "$i udp $TOPO_CLIENT4 $TOPO_AV4:3478"; done |
	ns inet "$here/probe.py" batch > "$work/probes"
check_eq "85 flows to STUN (row 12), each a conntrack entry, answered (refused)" 85 \
	"$(grep -c ' refused ' "$work/probes")"
count() { ns edge cat /proc/sys/net/netfilter/nf_conntrack_count; }
c1=$(count)
doctor
c2=$(count)
n=$(sed -n 's/^warn  conntrack: \([0-9]*\) of 100 entries .*/\1/p' "$work/out")
check "over 80%: said" line \
	"warn  conntrack: $n of 100 entries ($n%), above 80%: when it is full, new connections are dropped (raise net.netfilter.nf_conntrack_max)"
check "over 80%: the count /proc gives, over 80 for real" \
	test "${n:-0}" -gt 80 -a "${n:-0}" -ge "$c1" -a "${n:-0}" -le "$c2"
check_eq "over 80%: one warning more, exit 1" "1 $((base + 1))" "$(rc) $(warns)"
echo "$max" > /proc/sys/net/netfilter/nf_conntrack_max
doctor
check "room again: fine" has "ok    conntrack: "

# --- drop logging ---------------------------------------------------------------
logged() { dmesg | grep -c "edgefw: external in no-rule .*DPT=$1 "; }
ns edge edgectl log-drops on
doctor
check "kernel log from a namespace: depends on nf_log_all_netns" line \
	"info  log-drops: on, to the kernel log, which takes lines from this namespace only if net.netfilter.nf_log_all_netns is 1 in the initial one (not visible from here)"
check_eq "... and only informs" "$base" "$(warns)"
check_fails "a datagram to 9001 is dropped" probe inet udp "$TOPO_CLIENT4" "$TOPO_AV4:9001"
check_eq "... true: nf_log_all_netns=0, the drop is not logged" 0 "$(logged 9001)"
echo 1 > /proc/sys/net/netfilter/nf_log_all_netns
check_fails "a datagram to 9002 is dropped" probe inet udp "$TOPO_CLIENT4" "$TOPO_AV4:9002"
check_eq "... true: nf_log_all_netns=1, the drop is logged" 1 "$(logged 9002)"
ns edge sh -c 'echo NONE > /proc/sys/net/netfilter/nf_log/2'
doctor
check "no IPv4 logger bound: said" line \
	"warn  log-drops: on, but no logger is bound for IPv4 in this namespace: nothing is logged (echo nf_log_ipv4 > /proc/sys/net/netfilter/nf_log/2)"
check_fails "a datagram to 9003 is dropped" probe inet udp "$TOPO_CLIENT4" "$TOPO_AV4:9003"
check_eq "... true: the drop is not logged" 0 "$(logged 9003)"
ns edge sh -c 'echo nf_log_ipv4 > /proc/sys/net/netfilter/nf_log/2'
echo 0 > /proc/sys/net/netfilter/nf_log_all_netns

# restore replaces everything: the binding, drop logging to group 7.
printf 'bind ext0 external\nlog-drops on --nflog-group 7\n' > "$work/nflog7.conf"
check "log to NFLOG group 7 (restore)" ns edge edgectl restore "$work/nflog7.conf"
doctor
check "NFLOG group nobody reads: said" line \
	"warn  log-drops: on, to NFLOG group 7, but nothing reads that group: what is logged there is lost (run ulogd2, or tcpdump -i nflog:7)"
# (ip netns exec becomes tcpdump: $! is tcpdump's pid)
ip netns exec edge tcpdump -l -n -i nflog:7 > "$work/nflog" 2>/dev/null &
tcpdump=$!
# shellcheck disable=SC2317 # called through wait_for
nflog_bound() { ns edge cat /proc/net/netfilter/nfnetlink_log | grep -qw 7; }
wait_for 60 nflog_bound
doctor
check "NFLOG group read by tcpdump: fine" line "ok    log-drops: on, to NFLOG group 7"
check_fails "a datagram to 9004 is dropped" probe inet udp "$TOPO_CLIENT4" "$TOPO_AV4:9004"
# The kernel sends a group's messages in batches, by default after up to
# a second, and tcpdump prints them when it gets to run: wait for the line.
# shellcheck disable=SC2317 # called through wait_for
nflog_has() { grep -q "$1" "$work/nflog"; }
check "... true: tcpdump got the drop" wait_for 60 nflog_has "$TOPO_AV4.9004: UDP"
kill "$tcpdump"
wait "$tcpdump" 2>/dev/null

# --- a change waiting for confirmation -------------------------------------------
echo 'bind ext0 external' > "$work/ext0.conf"
changed_at=$(date +%s)
check "a change with a 60 s confirmation timeout (restore --confirm 60)" \
	ns edge edgectl restore --confirm 60 "$work/ext0.conf"
doctor
since=$(($(date +%s) - changed_at))
left=$(sed -n 's/^warn  pending: a change waits for confirmation: the kernel reverts it in \([0-9]*\) s unless .edgectl confirm. (of 60 s asked for)$/\1/p' "$work/out")
check "pending: said, with the time left" test -n "$left"
# (whole seconds at both ends: 2 s of rounding)
check "pending: the time left is 60 s less the $since s since the change (${left:-none} s)" \
	test "${left:-0}" -ge $((60 - since - 2)) -a "${left:-99}" -le 60
check_eq "pending: one warning more, exit 1" "1 $((base + 1))" "$(rc) $(warns)"
check "edgectl confirm" ns edge edgectl confirm
doctor
check_fails "confirmed: no longer pending" has "pending:"

# --- bridges ---------------------------------------------------------------------
ip netns add lan1
ip netns add lan2
ip -n edge link add br0 type bridge
ip -n edge link add p1 type veth peer name l1 netns lan1
ip -n edge link add p2 type veth peer name l2 netns lan2
ip -n edge link set p1 master br0
ip -n edge link set p2 master br0
for l in br0 p1 p2; do ip -n edge link set "$l" up; done
ip -n lan1 addr add 10.0.0.1/24 dev l1
ip -n lan2 addr add 10.0.0.2/24 dev l2
ip -n lan1 link set l1 up
ip -n lan2 link set l2 up
ip netns exec lan2 "$here/probe.py" serve --ready "$work/lan2.ready" udp/10.0.0.2/9999 &
server=$!
check "a UDP echo server listens in lan2" wait_for 60 test -e "$work/lan2.ready"
# bridged [TIMEOUT]: a datagram from lan1 to lan2 is answered (probe)
# shellcheck disable=SC2317
bridged() { probe lan1 udp 10.0.0.1 10.0.0.2:9999 "$@"; }
check "unbound bridge: lan1 reaches lan2" bridged 10
# The kernel refuses to bind a port; one bound before it became a port
# keeps its binding.
ip -n edge link set p1 nomaster
printf 'bind ext0 external\nbind p1 external\n' > "$work/p1.conf"
check "p1 bound while not a port" ns edge edgectl restore "$work/p1.conf"
check "p1 then made a port of br0" ip -n edge link set p1 master br0
doctor
check "a bridge port bound: said" line \
	"warn  bridge: p1 is a port of bridge br0, and netfilter sees packets on the bridge, not on its ports: this binding filters nothing (bind br0 instead)"
check "... true: bridged through p1, not dropped" bridged 10
ns edge edgectl unbind p1
ns edge edgectl bind br0 external
doctor
check "a bridge bound without br_netfilter: said" line \
	"warn  bridge: br0 is a bridge and br_netfilter is not loaded: what it bridges between its ports is not filtered, only what it takes in or sends out (modprobe br_netfilter; sysctl net.bridge.bridge-nf-call-iptables=1 net.bridge.bridge-nf-call-ip6tables=1)"
check "... true: bridged, not dropped" bridged 10
modprobe br_netfilter
ns edge sysctl -qw net.bridge.bridge-nf-call-iptables=0
doctor
check "br_netfilter with call-iptables 0: said" has \
	"warn  bridge: br0 is a bridge and br_netfilter does not pass bridged IPv4 and IPv6 to netfilter"
ns edge sysctl -qw net.bridge.bridge-nf-call-iptables=1 net.bridge.bridge-nf-call-ip6tables=1
doctor
check_fails "br_netfilter passing both: no longer said" has "bridge:"
check_fails "... true: bridged traffic dropped now" bridged
ns edge edgectl unbind br0

# --- permissions --------------------------------------------------------------------
ns edge setpriv --reuid=65534 --regid=65534 --clear-groups edgectl doctor > "$work/out"
check_eq "unprivileged: exit 1" 1 $?
check "unprivileged: the configuration cannot be read" line \
	"warn  config: cannot read the configuration: permission denied: edgefw needs CAP_NET_ADMIN (run edgectl as root)"

kill "$server"
wait "$server" 2>/dev/null
ns edge edgectl flush
topo_down
ip netns del lan1
ip netns del lan2
[ -z "${ko:-}" ] || umount "$ko"
finish
