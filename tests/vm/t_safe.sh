#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# check-kernels: 6.12
#
# Safe changes on a remote edge, with real traffic on the reference
# topology (tests/vm/topo.sh):
#   - restore --confirm: the kernel puts the previous configuration back
#     when no confirmation comes, although the edgectl that asked was
#     killed (SIGKILL) right after it sent the change; the counters of the
#     rules both have keep counting; confirm in time keeps the change;
#     revert undoes it now; a second --confirm waits its turn;
#   - restore --check changes nothing and refuses what restore refuses;
#   - diff says what restore would change, exit 0, 1 or 2;
#   - management access: SSH (TCP 22) to the internal address from one
#     host of the management network, through the bound int0; its other
#     ports and other hosts stay dropped; verdict says why;
#   - audit mode: a packet no rule admits passes and is counted as
#     accepted_audit; enforce drops it again;
#   - save/restore round trips of each profile, of management rules, of
#     stateless media and of an NFLOG group.
#
#   tests/vm/run [--kernel 6.1|6.12] tests/vm/t_safe.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$repo/tests/lib/assert.sh"
. "$repo/tests/lib/edgectl.sh"
. "$here/topo.sh"

PROBE=$here/probe.py
work=$(mktemp -d /tmp/t_safe.XXXXXX)
chmod 755 "$work"
SECONDS=0
phase() { echo "# $SECONDS s: $*"; }
cleanup() {
	rm -f /etc/modprobe.d/t_safe.conf
	topo_down
	rm -rf "$work"
}
trap cleanup EXIT

C4=$TOPO_CLIENT4 A4=$TOPO_ACCESS4 W4=$TOPO_WEBCONF4 V4=$TOPO_AV4
R4=$TOPO_RPROXY4 R6=$TOPO_RPROXY6 I4=$TOPO_EDGE_INT4 I6=$TOPO_EDGE_INT6
FE1=$TOPO_FE1 FE2=$TOPO_FE2 VIP=$TOPO_VIP OTH=$TOPO_OTHER OTH6=$TOPO_OTHER6

e() { ip netns exec edge edgectl "$@"; }

# probe_is EXPECT NS PROTO SRC DST: pass, drop or refused (probe.py's
# exit status 0, 1, 2); a drop waits 1 s.
probe_is() {
	local want=$1 ns=$2 t=5 got
	shift 2
	[ "$want" = drop ] && t=1
	ip netns exec "$ns" "$PROBE" "$1" --timeout "$t" "$2" "$3" > /dev/null 2>&1
	case $? in 0) got=pass ;; 1) got=drop ;; 2) got=refused ;; *) got=error ;; esac
	[ "$got" = "$want" ] || { echo "$1 $2 -> $3 from $ns: $got, expected $want"; return 1; }
}

# gen: the configuration's generation
gen() { e -j show | /usr/bin/python3 -IS -c 'import json, sys; print(json.load(sys.stdin)["generation"])'; }
# unconfirmed: "none", or the seconds the kernel waits for asked for
unconfirmed() {
	e -j show | /usr/bin/python3 -IS -c 'import json, sys
u = json.load(sys.stdin)["unconfirmed"]
print("none" if u is None else u["timeout"])'
}
# packets ROW ADDRESS: packets of the reference rule of ROW whose edge
# address is ADDRESS
packets() {
	e counters -j | /usr/bin/python3 -IS -c 'import json, sys
print(sum(r["packets"] for r in json.load(sys.stdin)["rules"]
          if r["row"] == int(sys.argv[1]) and sys.argv[2] in (r["src"], r["dst"])))' "$1" "$2"
}
# mgmt_packets PORT: packets of the management rules of that port
mgmt_packets() {
	e counters -j | /usr/bin/python3 -IS -c 'import json, sys
print(sum(m["packets"] for m in json.load(sys.stdin)["management"]
          if m["port"] == int(sys.argv[1])))' "$1"
}
# wait_until SECONDS COMMAND...: poll COMMAND every 0.5 s
wait_until() {
	local n=$(($1 * 2))
	shift
	while ! "$@" > /dev/null 2>&1; do
		n=$((n - 1))
		[ $n -gt 0 ] || return 1
		sleep 0.5
	done
}
is_unconfirmed() { [ "$(unconfirmed)" != none ]; }
is_confirmed() { [ "$(unconfirmed)" = none ]; }

# ===========================================================================
check "modprobe edgefw" modprobe edgefw
check "modprobe nf_conntrack_netlink (to flush conntrack)" modprobe nf_conntrack_netlink
check "topology up" topo_up
check "probe servers listen" topo_serve "$work/srv"

cat > "$work/ref.conf" <<EOF
profile lync2010
bind ext0 external
bind int0 internal
set-pool --front-end $FE1 --front-end $FE2 --vip $VIP
add-role access --ip $A4 --internal-ip $I4
add-role webconf --ip $W4 --internal-ip $I4
add-role av --ip $V4 --internal-ip $I4 --media-range lync2010
add-role rproxy --ip $R4 --ip $R6 --internal-ip $TOPO_RPROXY_INT4
http-redirect off
log-drops off
mode enforce
stateless-media off
EOF
# the reference without the reverse proxy: a change the operator regrets
grep -v '^add-role rproxy' "$work/ref.conf" > "$work/norproxy.conf"

# ===========================================================================
phase "the confirmation timer"
check "restore the reference" e restore "$work/ref.conf"
ref_saved=$(e save)
ip netns exec edge "$PROBE" ct-flush
e counters --reset > /dev/null
check "before: TCP 443 to the access address passes" probe_is pass inet tcp $C4 $A4:443
check "before: TCP 443 to the reverse proxy passes" probe_is pass inet tcp $C4 $R4:443
check_eq "before: row 3 of $A4 counted the connection" 1 "$(packets 3 $A4)"

# The recvmsg calls of `restore FILE` before the one that reads the
# answer to the change (the last sendmsg): those of --check, the same.
nrecv=$(ip netns exec edge strace -qq -e trace=sendmsg,recvmsg \
		edgectl restore --check "$work/norproxy.conf" 2>&1 >/dev/null |
	awk '/^sendmsg/ { n = r } /^recvmsg/ { r++ } END { print n + 1 }')
check "strace counts the reads before the answer to the change ($nrecv)" test "$nrecv" -gt 1
gen_before=$(gen)
# The checks "while unconfirmed" take 4-5 s in a TCG guest on a loaded
# host (about a second per exec of edgectl or probe.py): the kernel waits
# 30 s, and the last of them says whether they all ran in time.
confirm_s=30
# edgectl dies (SIGKILL) entering the read of the answer: the change is
# sent, and nothing is left of the session that could confirm it.
# (In $(...): the shell says nothing of the death it reports.)
rc=$(setsid -w ip netns exec edge strace -qq -o /dev/null -e trace=recvmsg \
	-e inject=recvmsg:signal=KILL:when="$nrecv" \
	edgectl restore --confirm $confirm_s "$work/norproxy.conf" > "$work/killed.out" 2>&1
     echo $?)
check_eq "the edgectl that sent restore --confirm $confirm_s died of SIGKILL (status 137)" 137 "$rc"
check_eq "it printed nothing: it never read the answer" "" "$(cat "$work/killed.out")"
check "the change is in force, unconfirmed ($confirm_s s asked for)" test "$(unconfirmed)" = $confirm_s
check "show says UNCONFIRMED on its second line" \
	sh -c "ip netns exec edge edgectl show | sed -n 2p | grep -Eq '^UNCONFIRMED: the kernel puts the previous configuration back in ([1-9]|[12][0-9]|30) s'"
check "while unconfirmed: TCP 443 to the reverse proxy is dropped" probe_is drop inet tcp $C4 $R4:443
check "while unconfirmed: TCP 443 to the access address passes" probe_is pass inet tcp $C4 $A4:443
check_eq "while unconfirmed: row 3 of $A4 kept its count and counted on" 2 "$(packets 3 $A4)"
check "... all of that before the kernel's $confirm_s s were up (still unconfirmed)" is_unconfirmed
check "within $((confirm_s + 15)) s the kernel put the previous configuration back" \
	wait_until $((confirm_s + 15)) is_confirmed
check_eq "the configuration is the one before (save)" "$ref_saved" "$(e save)"
check "the kernel logged the revert" sh -c "dmesg | grep -q 'change not confirmed within $confirm_s s: previous configuration restored'"
check "after the revert: TCP 443 to the reverse proxy passes" probe_is pass inet tcp $C4 $R4:443
check_eq "after the revert: row 3 of $A4 kept its count" 2 "$(packets 3 $A4)"
check "after the revert: the generation moved on (revert is a change)" test "$(gen)" -gt "$gen_before"

# Both in one shell in edge: the confirmation must come within the 6 s.
check "restore --confirm 6, then confirm" ip netns exec edge sh -c "edgectl restore --confirm 6 '$work/norproxy.conf' > /dev/null && edgectl confirm | grep -qx 'confirmed: the configuration stays in force'"
sleep 7
check_eq "confirmed in time: the change stays after its 6 s" "$(grep -v '^add-role rproxy' <<<"$ref_saved")" "$(e save)"
check "confirmed in time: TCP 443 to the reverse proxy stays dropped" probe_is drop inet tcp $C4 $R4:443
check "confirmed: nothing waits" test "$(unconfirmed)" = none

check "restore --confirm 600 of the reference" sh -c "ip netns exec edge edgectl restore --confirm 600 '$work/ref.conf' > /dev/null"
e restore --confirm 600 "$work/norproxy.conf" > "$work/out" 2> "$work/err"
check_eq "a second --confirm while one waits: exit 1" 1 $?
check_eq "... with the kernel's message" "edgectl: a change waits for confirmation: confirm or revert it first" "$(cat "$work/err")"
e http-redirect on 2> "$work/err"
check_eq "any other change while one waits: exit 1, the same message" \
	"1 edgectl: a change waits for confirmation: confirm or revert it first" "$? $(cat "$work/err")"
check "revert: the previous configuration now" sh -c "ip netns exec edge edgectl revert | grep -qx 'reverted: the previous configuration is in force again'"
check "after revert: nothing waits" test "$(unconfirmed)" = none
check "after revert: TCP 443 to the reverse proxy dropped again" probe_is drop inet tcp $C4 $R4:443
e revert 2> "$work/err"
check_eq "revert with nothing waiting: exit 1, the kernel's message" \
	"1 edgectl: no change waits for confirmation" "$? $(cat "$work/err")"

# ===========================================================================
phase "restore --check and diff"
check "restore the reference" e restore "$work/ref.conf"
saved=$(e save)
g=$(gen)
n_rules=$(e counters -j | /usr/bin/python3 -IS -c 'import json, sys
r = json.load(sys.stdin)["rules"]
print(len(r), sum(x["role"] == "rproxy" for x in r))')
e restore --check "$work/norproxy.conf" > "$work/out"
check_eq "restore --check of a valid file: exit 0" 0 $?
set -- $n_rules
check_eq "it says what the change would do: the $2 rules of the reverse proxy removed" \
	"valid: $(($1 - $2)) rules ($(($1 - $2)) kept, 0 added, $2 removed)" "$(sed 's/, [0-9]* KiB; nothing changed$//' "$work/out")"
check "and the memory the new rule set takes" grep -Eq ', [1-9][0-9]* KiB; nothing changed$' "$work/out"
check_eq "restore --check changed nothing (save before = after)" "$saved" "$(e save)"
check_eq "restore --check changed nothing (generation $g)" "$g" "$(gen)"
check "restore --check changed nothing (traffic)" probe_is pass inet tcp $C4 $R4:443

printf 'bind ext0 extrnal\n' > "$work/bad.conf"
e restore --check "$work/bad.conf" 2> /dev/null
check_eq "restore --check of a bad file: exit 2" 2 $?
printf 'profile sfb2019\nxmpp on\n' > "$work/xmpp.conf"
e restore --check "$work/xmpp.conf" 2> "$work/err"
check_eq "restore --check of a combination the kernel refuses: exit 1" 1 $?
check "... naming both sides" grep -q "xmpp on and profile sfb2019 do not go together" "$work/err"
# What only the kernel can refuse: drop logging to NFLOG, where its
# backend (nfnetlink_log) cannot be loaded.
if ! grep -q '^nfnetlink_log ' /proc/modules; then
	echo "install nfnetlink_log /bin/false" > /etc/modprobe.d/t_safe.conf
	sed 's/^log-drops off$/log-drops on --nflog-group 3/' "$work/ref.conf" > "$work/nflog.conf"
	e restore --check "$work/nflog.conf" 2> "$work/err.check"
	rc_check=$?
	e restore "$work/nflog.conf" 2> "$work/err.restore"
	rc_restore=$?
	check_eq "no NFLOG backend: restore --check refused by the kernel (exit 1)" 1 "$rc_check"
	check_eq "... as restore itself is, with the same message" \
		"1 $(cat "$work/err.check")" "$rc_restore $(cat "$work/err.restore")"
	check "... the kernel's" grep -q "cannot log drops: no NFLOG backend" "$work/err.check"
	check_eq "... and nothing changed" "$saved" "$(e save)"
	rm /etc/modprobe.d/t_safe.conf
else
	skip "restore --check refused as restore: nfnetlink_log is loaded already"
fi

e diff "$work/ref.conf" > "$work/out"
check_eq "diff of the configuration in force: exit 0" 0 $?
check_eq "... no line but the count" "0 rules added, 0 removed" "$(cat "$work/out")"
# +2 rules (row 14 of both proxy addresses), -2 (webconf's rows 6 and
# 19), +5 (rows 1-5 of one more access address)
sed -e 's/^http-redirect off$/http-redirect on/' -e '/^add-role webconf/d' \
	-e "s/^add-role access --ip $A4 /add-role access --ip $A4 --ip 10.45.16.11 /" \
	"$work/ref.conf" > "$work/changed.conf"
e diff "$work/changed.conf" > "$work/out"
check_eq "diff of another configuration: exit 1" 1 $?
check_eq "... what restore would change, in save's words, and the kernel's count" \
"-add-role access --ip $A4 --internal-ip $I4
-add-role webconf --ip $W4 --internal-ip $I4
+add-role access --ip $A4 --ip 10.45.16.11 --internal-ip $I4
-http-redirect off
+http-redirect on
7 rules added, 2 removed" "$(cat "$work/out")"
check_eq "diff changed nothing" "$saved" "$(e save)"
e diff "$work/bad.conf" > /dev/null 2>&1
check_eq "diff of a bad file: exit 2" 2 $?
e diff "$work/xmpp.conf" > /dev/null 2>&1
check_eq "diff of a combination the kernel refuses: exit 2" 2 $?

# ===========================================================================
phase "management access"
ip netns exec edge "$PROBE" ct-flush
check "before: SSH from $OTH to the internal address is dropped" probe_is drop pool tcp $OTH $I4:22
check "add-mgmt --from $OTH --from $OTH6 --tcp 22" e add-mgmt --from $OTH --from $OTH6 --tcp 22
check "SSH from $OTH to $I4:22 through int0 passes" probe_is pass pool tcp $OTH $I4:22
check "SSH over IPv6 from $OTH6 to [$I6]:22 passes" probe_is pass pool tcp $OTH6 "[$I6]:22"
check "another port from $OTH (TCP 9999) stays dropped" probe_is drop pool tcp $OTH $I4:9999
check "UDP 22 from $OTH stays dropped" probe_is drop pool udp $OTH $I4:22
check "SSH from another host of the pool ($FE1) stays dropped" probe_is drop pool tcp $FE1 $I4:22
check "SSH from the Internet to an external address stays dropped (zone internal only)" \
	probe_is drop inet tcp $C4 $A4:22
check_eq "the management rule of port 22 counted its 2 connections" 2 "$(mgmt_packets 22)"
check "show lists it apart: management: not in the reference" \
	sh -c "ip netns exec edge edgectl show | grep -A3 '^management: not in the reference$' | grep -Eq '^internal +tcp +$OTH +22 +1 '"
e verdict in int0 tcp $OTH:40000 $I4:22 > "$work/out"
check "verdict: accepted, by management" grep -qx "role      management" "$work/out"
e verdict in int0 tcp $FE1:40000 $I4:22 > "$work/out"
check "verdict: from $FE1, dropped, no rule" grep -qx "verdict   drop" "$work/out"
check "export --nft has the rule" sh -c "ip netns exec edge edgectl export --nft | grep -q 'ip saddr $OTH tcp dport 22 counter accept comment \"management'"
check "del-mgmt --from $OTH --from $OTH6 --tcp 22" e del-mgmt --from $OTH --from $OTH6 --tcp 22
ip netns exec edge "$PROBE" ct-flush
check "after del-mgmt: SSH from $OTH dropped again" probe_is drop pool tcp $OTH $I4:22

# ===========================================================================
phase "audit mode"
ip netns exec edge "$PROBE" ct-flush
audit0=$(zone_counter edge external accepted_audit)
drop0=$(zone_counter edge external dropped_no_rule)
check "mode audit" e mode audit
check "show's first line says AUDIT" sh -c "ip netns exec edge edgectl show | head -n 1 | grep -q 'mode AUDIT'"
check "audit: TCP 444 to $A4 (no rule) passes" probe_is pass inet tcp $C4 $A4:444
check_eq "audit: counted once as accepted_audit (the connection's first packet)" \
	$((audit0 + 1)) "$(zone_counter edge external accepted_audit)"
check_eq "audit: not as dropped" "$drop0" "$(zone_counter edge external dropped_no_rule)"
check "audit: the export accepts what no rule admits, and nft takes it" \
	sh -c "ip netns exec edge edgectl export --nft > '$work/audit.nft' && grep -q 'counter name \"external_accepted_audit\" accept' '$work/audit.nft' && ip netns exec edge nft -c -f '$work/audit.nft'"
check "mode enforce" e mode enforce
ip netns exec edge "$PROBE" ct-flush
retrans0=$(snmp inet TcpExt TCPSynRetrans)
check "enforce: TCP 444 to $A4 dropped again" probe_is drop inet tcp $C4 $A4:444
# The SYN's retransmission timer runs out at 1 s too: a probe that does
# not close its socket at once when its 1 s are up sends a second SYN.
syns=$((1 + $(snmp inet TcpExt TCPSynRetrans) - retrans0))
check_eq "enforce: each of its SYNs ($syns) counted as dropped_no_rule" \
	$((drop0 + syns)) "$(zone_counter edge external dropped_no_rule)"
check_eq "enforce: accepted_audit counts no more" $((audit0 + 1)) "$(zone_counter edge external accepted_audit)"

# ===========================================================================
phase "save/restore round trips"
# round_trip NAME: restore $work/NAME.conf; save prints it back, word for
# word; flush and restore of what save printed gives the same rules.
round_trip() {
	local name=$1 rules
	check "$name: restore" e restore "$work/$name.conf"
	check_eq "$name: save prints the file back" "$(cat "$work/$name.conf")" "$(e save)"
	rules=$(e counters -j | /usr/bin/python3 -IS -c 'import json, sys
d = json.load(sys.stdin)
print(sorted((r["row"], r["src"], r["dst"], r["stateless"]) for r in d["rules"]), d["management"])')
	e save > "$work/$name.saved"
	e flush
	check "$name: restore of what save printed" e restore "$work/$name.saved"
	check_eq "$name: the same rules after flush and restore" "$rules" "$(e counters -j | /usr/bin/python3 -IS -c 'import json, sys
d = json.load(sys.stdin)
print(sorted((r["row"], r["src"], r["dst"], r["stateless"]) for r in d["rules"]), d["management"])')"
}
cp "$work/ref.conf" "$work/lync2010.conf"
round_trip lync2010
cat > "$work/sfb2015.conf" <<EOF
profile sfb2015
bind ext0 external
bind int0 internal
set-pool --front-end $FE1 --director 192.168.10.80 --vip $VIP
add-role access --ip $A4 --internal-ip $I4
add-role av --ip $V4 --internal-ip $I4 --media-range none
http-redirect off
xmpp on
log-drops off
mode enforce
stateless-media off
EOF
round_trip sfb2015
cat > "$work/sfb2019.conf" <<EOF
profile sfb2019
bind ext0 external
bind int0 internal
set-pool --front-end $FE1 --front-end $FE2 --director 192.168.10.80
add-role access --ip $A4 --internal-ip $I4
add-role av --ip $V4 --internal-ip $I4 --media-range standard
add-mgmt --from $OTH --tcp 22 --zone internal
add-mgmt --from 2001:db8:99::/48 --tcp 22,443 --udp 161 --zone internal
http-redirect off
log-drops on --nflog-group 7
mode audit
stateless-media on
EOF
round_trip sfb2019
check "sfb2019: the stateless media rows are marked so, answers included" \
	sh -c "ip netns exec edge edgectl show | grep -Eq '^av +34 .* stateless answer '"
check "flush" e flush

phase "done"
finish
