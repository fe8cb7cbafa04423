#!/bin/bash
# Concurrency with real traffic (runs in the VM: tests/vm/run [--kernel 6.1|6.12] tests/vm/t_stress.sh)
#
# On the reference topology (tests/vm/topo.sh) with the reference policy,
# while traffic flows from the Internet namespace to the edge:
#   allowed  UDP 198.51.100.7 -> 10.45.16.30:3478 (A/V, row 12), counted by
#            sequence number at the receiver;
#   allowed  TCP connects 198.51.100.7 -> 10.45.16.10:443 (Access, row 3);
#   denied   UDP 198.51.100.7 -> 10.45.16.30:3479 (no row), with a receiver
#            behind it that must see nothing;
# the configuration is changed as hard as the machine allows:
#   phase 1  (a) `edgectl restore` of two files that differ everywhere but in
#            the access and av rows that carry the flows, and add-role /
#            del-role of other addresses, at once;
#            (d) namespaces that bind interfaces (one of them a veth whose
#            peer is in the edge) are created and destroyed in a loop;
#   phase 2  (b) bind/unbind another interface, (c) delete and recreate a
#            bound interface (bindings are by name: it must come back bound
#            at once);
#   phases 1-2  `nlhostile flip` replaces the whole configuration again and
#            again through raw netlink (variant, reference, reference: the
#            volume of replacements; its configurations keep aux1 bound, as
#            phase 2 expects), and `nlhostile dumpcheck` dumps GET_CONFIG and
#            GET_RULES in small parts all along;
#   phase 3  (e) unload and load the module in a loop (flush first; rmmod
#            must refuse while bound; insmod of a copy made at the start),
#            IPv6 UDP to the A/V edge flowing into its own receiver.
# Asserted: no allowed datagram lost, no denied datagram delivered, no TCP
# connect failed or retried its SYN, no counter of a rule that stays in force
# (and no zone counter) went backwards between successive `edgectl counters
# -j` reads, the rule counters of the measured rows equal what the receivers
# counted, every dump not flagged NLM_F_DUMP_INTR is consistent, every change
# command succeeded or only lost a race, and the module's reference count
# comes back. The figures are printed.
#
# Under TCG every exec costs a lot: the edgectl loops run inside one shell
# per namespace.
#
# Settings, as VAR=VALUE arguments (or environment): EDGEFW_STRESS_P1, _P2,
# _P3 (phase seconds, default 20, 15, 15), EDGEFW_STRESS_RATE (allowed UDP
# datagrams/s, default 150).
# vm-timeout: 1200
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$repo/tests/lib/assert.sh"
. "$repo/tests/lib/settings.sh"
take_settings "$@"
. "$here/topo.sh"

NLH=$repo/tests/hostile/nlhostile
FLOW=$repo/tests/hostile/flowgen
P1=${EDGEFW_STRESS_P1:-20}
P2=${EDGEFW_STRESS_P2:-15}
P3=${EDGEFW_STRESS_P3:-15}
RATE=${EDGEFW_STRESS_RATE:-150}
work=$(mktemp -d /tmp/t_stress.XXXXXX)
t0=$(date +%s)
bg=()

cleanup() {
	local p ns
	touch "$work/stop.ns" "$work/stop.read"
	for p in "${bg[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	for ns in $(ip netns list 2>/dev/null | awk '/^st[0-9]/ { print $1 }'); do
		ip netns del "$ns" 2>/dev/null
	done
	topo_down
	rm -rf "$work"
}
trap cleanup EXIT

ectl() { ip netns exec edge edgectl "$@"; }
# in_edge SCRIPT: one shell in the edge namespace (exported variables and
# the function more only)
in_edge() { ip netns exec edge bash -c "$(declare -f more); $1"; }
# more SUCCESSES...: a change loop goes on until its phase ends ($end) and
# it has MIN_OPS successes of each kind, or for 120 s more at the most (a
# loaded host may let a loop run only a few times in its phase).
more() {
	local now k
	now=$(date +%s)
	[ "$now" -lt "$end" ] && return 0
	[ "$now" -lt $((end + 120)) ] || return 1
	for k in "$@"; do
		[ "$k" -ge "$MIN_OPS" ] || return 0
	done
	return 1
}
elapsed() { echo "$(($(date +%s) - t0)) s"; }
refcnt() { cat /sys/module/edgefw/refcnt 2>/dev/null || echo gone; }
refcnt_is() { [ "$(refcnt)" = "$1" ]; }
field() { sed -n "s/.*\\b$2=\\([0-9]*\\).*/\\1/p" "$1" 2>/dev/null | tail -n 1; }
# Work must have happened: a loop whose every operation lost its race, or
# a flow that sent nothing, proves nothing. MIN_OPS successes of each kind.
export MIN_OPS=3
# at_least WHAT REPORT FIELD: the loop's successes of one kind
at_least() {
	check "$1: at least $MIN_OPS succeeded ($(field "$2" "$3") of $(field "$2" n) operations of the loop)" \
		test "$(field "$2" "$3")" -ge $MIN_OPS
}
# got_all SENT-REPORT RECV-REPORT: the receiver counted every datagram sent
got_all() { [ "$(field "$2" unique)" -ge "$(field "$1" sent)" ]; }

C4=$TOPO_CLIENT4 C6=$TOPO_CLIENT6 A4=$TOPO_ACCESS4 V4=$TOPO_AV4 V6=$TOPO_AV6

echo "# t_stress on $(uname -r): phases $P1 + $P2 + $P3 s, $RATE datagrams/s allowed"
check "nlhostile and flowgen are built" make -s -C "$repo/tests/hostile"
check "modprobe edgefw" modprobe edgefw
# the reload loop loads this copy: DKMS may reinstall the module on the
# host (shared read-only root) while the test runs
ko=$work/$(basename "$(modinfo -n edgefw)")	# edgefw.ko or edgefw.ko.xz
cp "$(modinfo -n edgefw)" "$ko"
check "topology up" topo_up

# The reference (nlhostile's, the operator's reference) and a variant that
# differs everywhere except in the access and av rows that carry the flows.
check "reference configuration" ip netns exec edge "$NLH" valid
ectl save > "$work/f1"
check "variant: http-redirect, ocs2007 media, more webconf and rproxy addresses" sh -c "
	ip netns exec edge edgectl http-redirect on &&
	ip netns exec edge edgectl add-role av --ip $V4 --media-range ocs2007 &&
	ip netns exec edge edgectl add-role webconf --ip 10.45.16.21 --ip 10.45.16.22 --ip 2001:db8:45:16::21 &&
	ip netns exec edge edgectl add-role rproxy --ip 2001:db8:45:16::41"
ectl save > "$work/f2"
check "back to the reference" sh -c "ip netns exec edge edgectl restore < '$work/f1'"
ip -n edge link add aux0 type dummy
ip -n edge link add aux1 type dummy
check "bind aux1 internal (the interface phase 2 recreates)" ectl bind aux1 internal
base_ref=$(refcnt)

# Receivers and server in the edge, then the senders from the Internet.
ip netns exec edge "$FLOW" udp-recv --bind "$V4:3478" --report "$work/ok.recv" & bg+=($!)
ip netns exec edge "$FLOW" udp-recv --bind "$V4:3479" --report "$work/deny.recv" & bg+=($!)
ip netns exec edge "$FLOW" udp-recv --bind "[$V6]:3478" --report "$work/ok3.recv" & bg+=($!)
ip netns exec edge "$FLOW" tcp-serve --bind "$A4:443" --report "$work/tcp.ready" & bg+=($!)
check "receivers and server ready" wait_for 20 sh -c \
	"test -e '$work/ok.recv' -a -e '$work/deny.recv' -a -e '$work/ok3.recv' -a -e '$work/tcp.ready'"
synretrans0=$(snmp inet TcpExt TCPSynRetrans)
rcvbuf0=$(snmp edge Udp RcvbufErrors)

D=$((P1 + P2))
echo "# phases 1 and 2: traffic for $D s ($(elapsed))"
ip netns exec inet "$FLOW" udp-send --from "$C4" --to "$V4:3478" --rate "$RATE" \
	--seconds "$D" --report "$work/ok.sent" & send_ok=$!
ip netns exec inet "$FLOW" udp-send --from "$C4" --to "$V4:3479" --rate 50 \
	--seconds "$D" --report "$work/deny.sent" & send_deny=$!
ip netns exec inet "$FLOW" tcp-conn --from "$C4" --to "$A4:443" --rate 5 \
	--seconds "$D" --report "$work/tcp.res" & send_tcp=$!
bg+=("$send_ok" "$send_deny" "$send_tcp")

# Counter reads, until phase 3.
export work
in_edge '
	i=0
	while [ ! -e "$work/stop.read" ]; do
		f=$work/cnt.$(printf %05d $i)
		edgectl counters -j > "$f" 2>/dev/null || rm -f "$f"
		i=$((i + 1))
		sleep 0.2
	done' & reader=$!
bg+=("$reader")

# (d) namespaces that bind interfaces, one after another, during phase 1.
(
	i=0 good=0 bad=0
	while [ ! -e "$work/stop.ns" ]; do
		ns=st$i
		if ip netns add "$ns" &&
		   ip -n "$ns" link add d0 type dummy &&
		   ip -n "$ns" link add d1 type veth peer name sv$i netns edge &&
		   printf 'bind d0 external\nbind d1 internal\nbind d2 external\nadd-role access --ip 10.9.9.%d\n' \
			$((i % 200 + 1)) | ip netns exec "$ns" edgectl restore &&
		   ip netns exec "$ns" edgectl show > /dev/null; then
			good=$((good + 1))
		else
			bad=$((bad + 1))
		fi
		ip netns del "$ns"
		i=$((i + 1))
		echo "good=$good bad=$bad" > "$work/ns.res"
	done
) & nsloop=$!
bg+=("$nsloop")

# --- phase 1 (a) ---
# nlhostile flip: phases 1 and 2, its configurations bind aux1 too
ip netns exec edge "$NLH" flip --bind aux1:internal --seconds "$D" --interval 10 \
	> "$work/flip.out" 2>&1 & l_flip=$!
# nlhostile dumpcheck: consistent dumps while all this goes on
ip netns exec edge "$NLH" dumpcheck --seconds "$D" > "$work/dumpcheck.out" 2>&1 & l_dump=$!
bg+=("$l_flip" "$l_dump")
export end=$(($(date +%s) + P1))
in_edge '
	n=0 bad=0
	while more $((n - bad)); do
		edgectl restore < "$work/f2" || bad=$((bad + 1))
		edgectl restore < "$work/f1" || bad=$((bad + 1))
		n=$((n + 2))
	done
	echo "n=$n bad=$bad" > "$work/restore.res"' & l_restore=$!
in_edge '
	n=0 stale=0 bad=0 i=0 add=0 del=0
	while more $add $del; do
		ip=10.45.16.$((23 + i % 7))
		for c in "add-role webconf --ip $ip" "del-role webconf --ip $ip"; do
			if out=$(edgectl $c 2>&1); then
				case $c in add*) add=$((add + 1)) ;; *) del=$((del + 1)) ;; esac
			else
				case $out in
				# lost a race: ESTALE 5 times, or a restore removed it
				*"kept changing"*|*"is not configured"*) stale=$((stale + 1)) ;;
				*) bad=$((bad + 1)); echo "$c: $out" >> "$work/roles.err" ;;
				esac
			fi
			n=$((n + 1))
		done
		i=$((i + 1))
	done
	echo "n=$n stale=$stale bad=$bad add=$add del=$del" > "$work/roles.res"' & l_roles=$!
bg+=("$l_restore" "$l_roles")
wait "$l_restore" "$l_roles"
# (d) stops here, once it bound and destroyed 3 namespaces (a slow
# machine gets there later, not never): the kernel tears them down
# during phase 2
ns_cycles_at_least() { [ "$(field "$work/ns.res" good)" -ge "$1" ]; }
wait_for 300 ns_cycles_at_least 3
touch "$work/stop.ns"
wait "$nsloop"
check "phase 1: aux1 bound (edgectl)" ectl bind aux1 internal

# --- phase 2 (b) + (c) ---
echo "# phase 2 ($(elapsed))"
export end=$(($(date +%s) + P2))
in_edge '
	n=0 stale=0 bad=0 bind=0 unbind=0
	while more $bind $unbind; do
		for c in "bind aux0 internal" "unbind aux0"; do
			if out=$(edgectl $c 2>&1); then
				case $c in bind*) bind=$((bind + 1)) ;; *) unbind=$((unbind + 1)) ;; esac
			else
				case $out in
				# ESTALE 5 times, or flip removed aux0 under us
				*"kept changing"*|*"is not bound"*) stale=$((stale + 1)) ;;
				*) bad=$((bad + 1)); echo "$c: $out" >> "$work/bind.err" ;;
				esac
			fi
			n=$((n + 1))
		done
	done
	echo "n=$n stale=$stale bad=$bad bind=$bind unbind=$unbind" > "$work/bind.res"' & l_bind=$!
in_edge '
	n=0 unbound=0
	while more $n; do
		ip link del aux1
		ip link add aux1 type dummy
		# bound again the moment it is registered: no "(absent)"
		if ! edgectl show | grep -q "^aux1  *internal"; then
			unbound=$((unbound + 1))
			edgectl show >> "$work/recreate.err" 2>&1
		fi
		n=$((n + 1))
	done
	echo "n=$n unbound=$unbound" > "$work/recreate.res"' & l_recreate=$!
bg+=("$l_bind" "$l_recreate")
wait "$l_bind" "$l_recreate"
wait "$l_flip"; flip_rc=$?
wait "$l_dump"; dump_rc=$?
check "phases 1-2: back to the reference" sh -c "ip netns exec edge edgectl restore < '$work/f1'"

# --- the end of phases 1 and 2: let the flows finish, read everything ---
wait "$send_ok" "$send_deny" "$send_tcp"
# the last datagrams may still be on their way (a lost one never comes)
wait_for 60 got_all "$work/ok.sent" "$work/ok.recv"
touch "$work/stop.read"
wait "$reader"
ectl counters -j > "$work/cnt.final"
echo "# phases 1 and 2 done ($(elapsed))"

sent=$(field "$work/ok.sent" sent)
got=$(field "$work/ok.recv" unique)
dsent=$(field "$work/deny.sent" sent)
dgot=$(field "$work/deny.recv" received)
tok=$(field "$work/tcp.res" ok)
tfail=$(field "$work/tcp.res" failed)
synretrans=$(($(snmp inet TcpExt TCPSynRetrans) - synretrans0))
rcvbuf=$(($(snmp edge Udp RcvbufErrors) - rcvbuf0))
echo "     allowed UDP: $(cat "$work/ok.sent"); $(cat "$work/ok.recv")"
echo "     denied UDP:  $(cat "$work/deny.sent"); $(cat "$work/deny.recv")"
echo "     TCP:         $(cat "$work/tcp.res") (slow: over 800 ms); SYN retransmissions $synretrans"
echo "     edge UDP receive buffer errors: $rcvbuf"
echo "     (a) restore: $(cat "$work/restore.res"); add/del-role: $(cat "$work/roles.res")"
echo "     (a) $(grep '^# flip' "$work/flip.out" | sed 's/^# //')"
echo "     $(grep '^# dumpcheck' "$work/dumpcheck.out" | sed 's/^# //')"
grep '^not ok' "$work/dumpcheck.out" | sed 's/^/     /'
echo "     (b) bind/unbind aux0: $(cat "$work/bind.res"); (c) recreate aux1: $(cat "$work/recreate.res")"
echo "     (d) namespaces: $(cat "$work/ns.res")"
[ -s "$work/roles.err" ] && sed 's/^/     roles: /' "$work/roles.err" | head -5
[ -s "$work/bind.err" ] && sed 's/^/     bind: /' "$work/bind.err" | head -5
[ -s "$work/recreate.err" ] && sed 's/^/     recreate: /' "$work/recreate.err" | head -20

check_eq "allowed UDP: datagrams lost (sent - received)" 0 $((sent - got))
check_eq "denied UDP: datagrams delivered (of $dsent sent)" 0 "${dgot:-x}"
check "denied UDP flowed" test "${dsent:-0}" -gt 0
check "TCP 443: connects were made ($((tok + tfail)))" test "$((tok + tfail))" -ge $MIN_OPS
check_eq "TCP 443: connects failed (of $((tok + tfail)))" 0 "${tfail:-x}"
check_eq "TCP 443: SYN retransmissions" 0 "$synretrans"
check "(a) edgectl restore: at least $MIN_OPS succeeded ($(field "$work/restore.res" n) tried)" \
	test "$(($(field "$work/restore.res" n) - $(field "$work/restore.res" bad)))" -ge $MIN_OPS
check_eq "(a) edgectl restore: failures" 0 "$(field "$work/restore.res" bad)"
at_least "(a) edgectl add-role" "$work/roles.res" add
at_least "(a) edgectl del-role" "$work/roles.res" del
check_eq "(a) edgectl add-role/del-role: failures other than a lost race" 0 "$(field "$work/roles.res" bad)"
check_eq "(a) nlhostile flip exit status" 0 "$flip_rc"
check_eq "dumps during the changes: consistent or flagged NLM_F_DUMP_INTR (nlhostile dumpcheck status)" 0 "$dump_rc"
at_least "(b) edgectl bind" "$work/bind.res" bind
at_least "(b) edgectl unbind" "$work/bind.res" unbind
check_eq "(b) edgectl bind/unbind aux0: failures other than a lost race" 0 "$(field "$work/bind.res" bad)"
check_eq "(c) aux1 not bound again after being recreated" 0 "$(field "$work/recreate.res" unbound)"
check "(c) aux1 recreated at least twice" test "$(field "$work/recreate.res" n)" -ge 2
check_eq "(d) namespace cycles that failed" 0 "$(field "$work/ns.res" bad)"
check "(d) at least 3 namespaces bound and destroyed" test "$(field "$work/ns.res" good)" -ge 3
check "(d) destroyed namespaces release the module ($base_ref)" wait_for 60 refcnt_is "$base_ref"
echo "# counters ($(elapsed))"

# Counters: monotonic between reads for the rules that stay in force (all
# access rows, av rows 11-13 and 20-22: no loop touches them) and for the
# zone counters; the measured rows equal what the receivers counted.
/usr/bin/python3 - "$work" "$got" "$rcvbuf" "$((tok + tfail))" > "$work/cnt.check" <<'EOF'
import glob, json, sys
work, got, rcvbuf, tcp = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
files = sorted(glob.glob(work + "/cnt.[0-9]*")) + [work + "/cnt.final"]
stable = lambda r: r["role"] == "access" or (r["role"] == "av" and r["row"] in (11, 12, 13, 20, 21, 22))
key = lambda r: (r["role"], r["row"], r["zone"], r["dir"], r["proto"], r["src"], r["dst"],
                 r["sport_min"], r["sport_max"], r["dport_min"], r["dport_max"])
prev, reads, pairs, back, missing = None, 0, 0, [], 0
row12_prev, grew = None, 0
for f in files:
    try:
        d = json.load(open(f))
    except Exception:
        continue
    reads += 1
    row12_now = sum(r["packets"] for r in d.get("rules", [])
                    if r["role"] == "av" and r["row"] == 12 and r["dst"] == "10.45.16.30")
    grew += row12_prev is not None and row12_now > row12_prev
    row12_prev = row12_now
    cur = {}
    for r in d.get("rules", []):
        if stable(r):
            cur[key(r)] = (r["packets"], r["bytes"])
    for z in d.get("zones", []):
        for k, v in z.items():
            if k != "zone":
                cur[("zone", z["zone"], k)] = (v, 0)
    if prev is not None:
        for k, v in prev.items():
            if k not in cur:
                missing += 1
                continue
            pairs += 1
            if cur[k][0] < v[0] or cur[k][1] < v[1]:
                back.append("%s: %s -> %s (%s)" % (k, v, cur[k], f))
    prev = cur
final = json.load(open(work + "/cnt.final"))
def pk(role, row, dst):
    return sum(r["packets"] for r in final["rules"]
               if r["role"] == role and r["row"] == row and r["dst"] == dst)
row12, row3 = pk("av", 12, "10.45.16.30"), pk("access", 3, "10.45.16.10")
print("reads=%d grew=%d pairs=%d backwards=%d missing=%d row12=%d row3=%d" %
      (reads, grew, pairs, len(back), missing, row12, row3))
for b in back[:10]:
    print("  backwards: " + b)
EOF
echo "     counters ($(elapsed)): $(head -n 1 "$work/cnt.check")"
sed -n '2,$p' "$work/cnt.check"
reads=$(field "$work/cnt.check" reads)
check "counters read at least 10 times during phases 1-2 ($reads)" test "${reads:-0}" -ge 10
# Work must have happened, whatever the machine's speed: allowed datagrams
# arrived between successive reads, that is while the changes went on (a
# loaded guest sends fewer than --rate asks: 2089 of 5250 once).
check "allowed UDP flowed during the changes ($sent datagrams sent; row 12 grew between $(field "$work/cnt.check" grew) reads)" \
	test "$(field "$work/cnt.check" grew)" -ge $MIN_OPS
check_eq "counters that went backwards between reads" 0 "$(field "$work/cnt.check" backwards)"
check_eq "rules of the stable set that vanished between reads" 0 "$(field "$work/cnt.check" missing)"
check_eq "row 12 (av UDP 3478) packets = datagrams received + socket drops" \
	"$((got + rcvbuf))" "$(field "$work/cnt.check" row12)"
check_eq "row 3 (access TCP 443) packets = connection attempts" \
	"$((tok + tfail))" "$(field "$work/cnt.check" row3)"

# --- phase 3 (e): unload and load with traffic flowing ---
echo "# phase 3: rmmod/modprobe loop for $P3 s ($(elapsed))"
# (the sender runs until stopped after the cycles)
ip netns exec inet "$FLOW" udp-send --from "$C6" --to "[$V6]:3478" --rate "$RATE" \
	--seconds 3600 --report "$work/ok3.sent" & send3=$!
bg+=("$send3")
got_some() { [ "$(field "$work/ok3.recv" unique)" -gt 0 ]; }
check "(e) IPv6 UDP flows to [$V6]:3478 before the cycles" wait_for 60 got_some
end=$(($(date +%s) + P3))
cycles=0 busy_ok=0 bad=0
while [ "$(date +%s)" -lt "$end" ]; do
	# refused while bound (edge: ext0, int0, aux1)
	if rmmod edgefw 2>/dev/null; then bad=$((bad + 1)); insmod "$ko"; fi
	test -d /sys/module/edgefw && busy_ok=$((busy_ok + 1))
	ectl flush || bad=$((bad + 1))
	rmmod edgefw || bad=$((bad + 1))
	insmod "$ko" || bad=$((bad + 1))
	ip netns exec edge edgectl restore < "$work/f1" || bad=$((bad + 1))
	cycles=$((cycles + 1))
done
kill "$send3"
wait "$send3"
wait_for 60 got_all "$work/ok3.sent" "$work/ok3.recv"
sent3=$(field "$work/ok3.sent" sent)
got3=$(field "$work/ok3.recv" unique)
echo "     (e) $cycles unload/load cycles; rmmod refused while bound $busy_ok times"
echo "     IPv6 UDP during phase 3: $(cat "$work/ok3.sent"); $(cat "$work/ok3.recv")"
check "(e) at least 2 unload/load cycles ($cycles)" test "$cycles" -ge 2
check_eq "(e) rmmod refused while bound, every cycle" "$cycles" "$busy_ok"
check_eq "(e) flush, rmmod, modprobe, restore: failures" 0 "$bad"
check "(e) IPv6 UDP flowed across the cycles (${sent3:-no} datagrams sent, ${got3:-none} received)" \
	test "${sent3:-0}" -gt 0 -a "${got3:-0}" -gt 0
check_eq "(e) IPv6 UDP datagrams lost across the cycles" 0 "$((${sent3:-0} - ${got3:-0}))"
check_eq "(e) after the cycles: the reference in force" "$(cat "$work/f1")" "$(ectl save)"
check "edgectl flush" ectl flush
check "rmmod edgefw" rmmod edgefw

echo "# t_stress figures: config changes $(($(field "$work/restore.res" n) + $(field "$work/roles.res" n) + $(sed -n 's/^# flip: \([0-9]*\).*/\1/p' "$work/flip.out") + $(field "$work/bind.res" n))), interfaces recreated $(field "$work/recreate.res" n), namespaces $(field "$work/ns.res" good), module cycles $cycles, datagrams $((sent + dsent + sent3)), TCP connects $((tok + tfail))"
echo "# t_stress took $(elapsed) in the VM"
finish
