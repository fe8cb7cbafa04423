#!/bin/bash
# Hostile input (runs in the VM: tests/vm/run [--kernel 6.1|6.12] tests/vm/t_hostile.sh)
#
# The reference topology (tests/vm/topo.sh) with the reference configuration
# set by edgectl; its `edgectl save` (A) and generation must survive
# everything here that is refused:
#   1. nlhostile valid: an independent client sends the same configuration;
#      edgectl reads back A (two implementations of the contract agree).
#   2. nlhostile malformed: a catalogue of bad messages, each refused with
#      its errno and changing nothing (nlhostile dumps GET_CONFIG, generation
#      included, around every message); changes that wait for confirmation,
#      confirmed, reverted, reverted by the kernel's timer.
#   3. permissions: uid 65534, root of a user namespace in the edge's netns,
#      sockets passed across the privilege boundary: every command but
#      GET_INFO refused with EPERM, and joining the events too. Root of a
#      user namespace in a netns it owns: everything allowed there, events
#      too, and nothing changes in the edge's netns.
#   4. dumps: in a fresh netns (generation 1), config and rules dumps read
#      in small parts while the configuration changes end flagged
#      NLM_F_DUMP_INTR, never with an error.
#   5. churn: thousands of messages refused late (after allocating), of
#      check-only changes and of accepted replacements; slab/vmalloc/percpu
#      memory and the module's reference count come back (no kmemleak in
#      Debian's kernels).
#   6. nlhostile fuzz: mutated SET_CONFIG, verdict queries and other
#      requests, each answer and state checked against nlhostile's model of
#      the contract; changes that wait 1 s expire during it.
#   7. interfaces: rename onto a pending binding, move to another netns.
#   8. fail-closed: rmmod refused while bound (also while a binding is
#      pending, also in another netns); after flush it unloads with traffic
#      flowing.
# The harness then fails the run on any oops/WARN/KASAN in the kernel log.
#
# Settings, as VAR=VALUE arguments (or environment): EDGEFW_FUZZ_SEED
# (default 20261125), EDGEFW_FUZZ_COUNT (default 40000), EDGEFW_FUZZ_SECONDS
# (default 40), EDGEFW_CHURN (default 400 rounds of 5 messages).
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$repo/tests/lib/assert.sh"
. "$repo/tests/lib/settings.sh"
take_settings "$@"
. "$here/topo.sh"
. "$repo/tests/lib/nlhostile.sh"
. "$repo/tests/lib/unpriv.sh"

NLH=$repo/tests/hostile/nlhostile
FLOW=$repo/tests/hostile/flowgen
SEED=${EDGEFW_FUZZ_SEED:-20261125}
FUZZ_COUNT=${EDGEFW_FUZZ_COUNT:-40000}
FUZZ_SECONDS=${EDGEFW_FUZZ_SECONDS:-40}
CHURN=${EDGEFW_CHURN:-400}
work=$(mktemp -d /tmp/t_hostile.XXXXXX)
t0=$(date +%s)
pids=()

cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	for ns in hren hmv1 hmv2 hpend; do ip netns del "$ns" 2>/dev/null; done
	topo_down
	rm -rf "$work"
}
trap cleanup EXIT

ectl() { ip netns exec edge edgectl "$@"; }
nlh() { ip netns exec edge "$NLH" "$@"; }
elapsed() { echo "$(($(date +%s) - t0)) s"; }

# State that must not change: edgectl's text and the generation.
state() { ectl save; nlh gen; }

# Memory the kernel holds (kB): slab, vmalloc, percpu.
kmem() {
	sync
	echo 3 > /proc/sys/vm/drop_caches
	awk '/^(Slab|VmallocUsed|Percpu):/ { s += $2 } END { print s }' /proc/meminfo
}

refcnt() { cat /sys/module/edgefw/refcnt 2>/dev/null || echo gone; }
refcnt_is() { [ "$(refcnt)" = "$1" ]; }

echo "# t_hostile on $(uname -r); fuzz seed $SEED"
check "nlhostile and flowgen are built" make -s -C "$repo/tests/hostile"
check "modprobe edgefw" modprobe edgefw
# reloads use this copy: DKMS may reinstall the module on the host (shared
# read-only root) while the test runs
ko=$work/$(basename "$(modinfo -n edgefw)")	# edgefw.ko or edgefw.ko.xz
cp "$(modinfo -n edgefw)" "$ko"
check "topology up (inet, edge, pool, mgmt)" topo_up

# ---------------------------------------------------------------------------
# The reference, as an operator types it (nlhostile's reference is the same).
A4=$TOPO_ACCESS4 W4=$TOPO_WEBCONF4 V4=$TOPO_AV4 R4=$TOPO_RPROXY4
A6=$TOPO_ACCESS6 W6=$TOPO_WEBCONF6 V6=$TOPO_AV6 R6=$TOPO_RPROXY6
I4=$TOPO_EDGE_INT4 RI4=$TOPO_RPROXY_INT4
check "edgectl: reference configuration" sh -c "
	ip netns exec edge edgectl bind ext0 external &&
	ip netns exec edge edgectl bind int0 internal &&
	ip netns exec edge edgectl set-pool --front-end $TOPO_FE1 --front-end $TOPO_FE2 --vip $TOPO_VIP &&
	ip netns exec edge edgectl add-role access --ip $A4 --ip $A6 --internal-ip $I4 &&
	ip netns exec edge edgectl add-role webconf --ip $W4 --ip $W6 --internal-ip $I4 &&
	ip netns exec edge edgectl add-role av --ip $V4 --ip $V6 --internal-ip $I4 &&
	ip netns exec edge edgectl add-role rproxy --ip $R4 --ip $R6 --internal-ip $RI4"
ectl save > "$work/A"
check_eq "module held once (one namespace with bindings)" 1 "$(refcnt)"

# 1. Two independent clients agree on the reference.
gen0=$(nlh gen)
run_nlh nlh valid
check_eq "nlhostile's reference reads back in edgectl as the operator's" \
	"$(cat "$work/A")" "$(ectl save)"
check_eq "an accepted SET_CONFIG moves the generation by one" \
	"$((gen0 + 1))" "$(nlh gen)"

# 2. The catalogue of malformed messages.
echo "# malformed catalogue ($(elapsed))"
state > "$work/state.before"
run_nlh nlh malformed
check_eq "after the catalogue: edgectl save is A" "$(cat "$work/A")" "$(ectl save)"
check_eq "after the catalogue (and 100 abandoned dumps): module held once" 1 "$(refcnt)"

# 3. Permissions: commands and events need CAP_NET_ADMIN over the user
# namespace owning the netns. Those without it are refused everything but
# GET_INFO; the owner of a netns does everything in it, and nothing here
# changes the edge's configuration or generation.
echo "# permissions ($(elapsed))"
state > "$work/state.before"
# (exit status 1: the kernel refused; anything else proves nothing)
run_nlh as_nobody -n edge "$NLH" perm --label "uid 65534"
for c in "show" "bind mgmt0 external" "flush" "counters --reset"; do
	# shellcheck disable=SC2086
	check_exit "uid 65534: edgectl $c refused" 1 as_nobody -n edge edgectl $c
done
flush_as_nobody() { echo flush | as_nobody -n edge edgectl restore; }
check_exit "uid 65534: edgectl restore (of a flush) refused" 1 flush_as_nobody
if as_nobody -n edge unshare -Ur true 2>/dev/null; then
	nlh_copy=$(unpriv_copy "$NLH")
	run_nlh as_nobody -n edge unshare -Ur "$nlh_copy" perm \
		--label "uid 65534 as root of its user namespace, edge's netns"
	run_nlh as_nobody -n edge unshare -Urn "$nlh_copy" perm --own-netns yes \
		--label "uid 65534 as root of its user namespace, its own netns"
else
	skip "uid 65534 cannot create user namespaces on this kernel"
fi
# root of a new user namespace: full capabilities there, none in the init
# user namespace that owns the edge's netns; a netns of its own it owns
run_nlh ip netns exec edge unshare -Ur "$NLH" perm --label "root in a new user namespace, edge's netns"
run_nlh ip netns exec edge unshare -Urn "$NLH" perm --own-netns yes --label "root in a new user namespace, its own netns"
check_exit "root of a user namespace: edgectl save refused" 1 \
	ip netns exec edge unshare -Ur edgectl save
check_exit "root of a user namespace: edgectl flush refused" 1 \
	ip netns exec edge unshare -Ur edgectl flush
run_nlh nlh privdrop
check_eq "after the permission tests: configuration and generation unchanged" \
	"$(cat "$work/state.before")" "$(state)"

# 4. Dumps that a change interrupts (nlhostile makes a netns of its own).
echo "# dumps ($(elapsed))"
run_nlh "$NLH" dumpintr
check_eq "after the dumps: configuration and generation unchanged" \
	"$(cat "$work/state.before")" "$(state)"

# 5. Churn: memory and module references come back.
echo "# churn: $CHURN rounds of 3 refused, 1 accepted and 1 check-only message ($(elapsed))"
nlh churn --count 50 > /dev/null	# warm up caches first
m0=$(kmem)
run_nlh nlh churn --count "$CHURN"
# replaced configurations are freed after an RCU grace period: give them
# time (a leak never comes back)
kmem_below() { [ "$(kmem)" -lt "$1" ]; }
wait_for 60 kmem_below $((m0 + 2048))
m1=$(kmem)
echo "     kernel memory (slab + vmalloc + percpu): $m0 kB before, $m1 kB after: $((m1 - m0)) kB"
# a leaked configuration (4 kB slab object) per refused message would be
# 6 MB here; the noise measured is tens of kB
check "churn: kernel memory grew less than 2 MB ($((m1 - m0)) kB over $((CHURN * 5)) messages)" \
	test "$((m1 - m0))" -lt 2048
check_eq "churn: module held once" 1 "$(refcnt)"
check_eq "after churn: edgectl save is A" "$(cat "$work/A")" "$(ectl save)"

# 6. Fuzzing.
echo "# fuzz: seed $SEED, up to $FUZZ_COUNT messages or $FUZZ_SECONDS s ($(elapsed))"
run_nlh nlh fuzz --seed "$SEED" --count "$FUZZ_COUNT" --seconds "$FUZZ_SECONDS"
check "after fuzzing: edgectl restore A" sh -c "ip netns exec edge edgectl restore < '$work/A'"
check_eq "after fuzzing: edgectl save is A" "$(cat "$work/A")" "$(ectl save)"
check "after fuzzing: edgectl add-role webconf --ip 10.45.16.21" ectl add-role webconf --ip 10.45.16.21
check "after fuzzing: edgectl del-role webconf --ip 10.45.16.21" ectl del-role webconf --ip 10.45.16.21
check "after fuzzing: edgectl show" ectl show
check "after fuzzing: edgectl counters -j --reset" ectl counters -j --reset
check_eq "after fuzzing: edgectl save is A again" "$(cat "$work/A")" "$(ectl save)"
check_eq "after fuzzing: module held once" 1 "$(refcnt)"

# 7. Interfaces.
echo "# interfaces ($(elapsed))"
ip netns add hren
ip -n hren link add aa type dummy
printf 'bind aa external\nbind bb internal\n' | ip netns exec hren edgectl restore
ip -n hren link set aa name bb
ip netns exec hren edgectl save > "$work/ren"
check_eq "rename onto a pending binding: each name bound once (tests/hostile/BUGS.txt #2)" \
	"1" "$(grep -c '^bind bb ' "$work/ren")"
check "rename onto a pending binding: edgectl add-role still works" \
	ip netns exec hren edgectl add-role access --ip 10.1.1.1
ip netns del hren
# moving a bound interface to another netns: it leaves its binding pending
# there and is not filtered in the new netns unless bound there
ip netns add hmv1
ip netns add hmv2
ip -n hmv1 link add mv0 type dummy
ip netns exec hmv1 edgectl bind mv0 external
ip -n hmv1 link set mv0 netns hmv2
check "moved away: the binding stays, pending" \
	sh -c "ip netns exec hmv1 edgectl show | grep -q 'mv0 (absent)'"
check "moved away: the new netns has no binding" \
	sh -c "ip netns exec hmv2 edgectl show | grep -q 'no interface bound'"
ip -n hmv2 link set mv0 netns hmv1
check "moved back: bound again" \
	sh -c "ip netns exec hmv1 edgectl show | grep -q '^mv0  *external'"
check_eq "two namespaces with bindings hold the module twice" 2 "$(refcnt)"
ip netns del hmv1
ip netns del hmv2
check "a deleted netns releases its hold on the module" wait_for 60 refcnt_is 1

# 8. Fail-closed: rmmod.
echo "# rmmod ($(elapsed))"
check_fails_with "rmmod edgefw refused while interfaces are bound" "in use" rmmod edgefw
check "module still loaded" test -d /sys/module/edgefw
check_eq "after the refused rmmod: edgectl save is A" "$(cat "$work/A")" "$(ectl save)"
check "edgectl flush" ectl flush
ip netns add hpend
printf 'bind ghost0 external\n' | ip netns exec hpend edgectl restore
check_fails_with "rmmod refused while another netns has a (pending) binding" "in use" rmmod edgefw
ip netns del hpend
check "the pending binding's netns is gone: module free" wait_for 60 refcnt_is 0

# traffic through the edge while it unloads: allowed UDP to the A/V edge,
# from before rmmod until after the restore (the sender runs until stopped)
received() { sed -n 's/.*unique=\([0-9]*\).*/\1/p' "$work/recv"; }
received_over() { [ "$(received)" -gt "$1" ]; }
ip netns exec edge "$FLOW" udp-recv --bind "$V4:3478" --report "$work/recv" &
pids+=($!)
wait_for 60 test -e "$work/recv"
ip netns exec inet "$FLOW" udp-send --from "$TOPO_CLIENT4" --to "$V4:3478" \
	--rate 200 --seconds 600 --report "$work/sent" &
pids+=($!)
check "traffic flows to $V4:3478 before rmmod" wait_for 60 received_over 0
check "rmmod edgefw after flush, traffic flowing" rmmod edgefw
check "/sys/module/edgefw is gone" test ! -e /sys/module/edgefw
rx1=$(received)
check "traffic still flows after rmmod (more than the $rx1 datagrams before)" \
	wait_for 60 received_over "$rx1"
check "load edgefw again (insmod)" insmod "$ko"
check "restore A after reload" sh -c "ip netns exec edge edgectl restore < '$work/A'"
check_eq "after reload: edgectl save is A" "$(cat "$work/A")" "$(ectl save)"
kill "${pids[1]}" 2>/dev/null
wait "${pids[1]}" 2>/dev/null
sent=$(sed -n 's/^sent=\([0-9]*\).*/\1/p' "$work/sent")
# the last datagrams may still be on their way
wait_for 60 received_over $((${sent:-1} - 1))
kill "${pids[0]}" 2>/dev/null
wait "${pids[0]}" 2>/dev/null
pids=()
echo "     udp: $(cat "$work/sent"); $(cat "$work/recv")"
check_eq "no datagram lost across flush, rmmod, modprobe and restore" "$sent" "$(received)"
check "edgectl flush" ectl flush
check "rmmod edgefw" rmmod edgefw

# kmemleak, where the kernel has it (Debian's does not)
if [ -w /sys/kernel/debug/kmemleak ]; then
	echo scan > /sys/kernel/debug/kmemleak
	sleep 5
	echo scan > /sys/kernel/debug/kmemleak
	check_eq "kmemleak reports nothing" "" "$(cat /sys/kernel/debug/kmemleak)"
else
	skip "kmemleak: not in this kernel (CONFIG_DEBUG_KMEMLEAK unset); memory is accounted in step 4"
fi

echo "# t_hostile took $(elapsed) in the VM"
finish
