#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Hostile netlink input in the debug kernel (tests/uml/run): the same
# independent client as the VM's t_hostile.sh (tests/hostile/nlhostile),
# here under KASAN (fault=panic), UBSAN, lockdep and kmemleak, which
# Debian's kernels do not have. The runner fails the run on any report and
# on any object kmemleak finds after the script.
#
#   1. nlhostile valid: the reference configuration, read back;
#   2. nlhostile malformed: the catalogue, each message refused with its
#      errno and changing nothing; changes that wait for confirmation;
#   3. permissions: uid 65534 and root of a user namespace in the edge's
#      netns are refused everything, commands and events alike; root of a
#      user namespace owning its netns is allowed everything there;
#   4. dumps interrupted by changes (nlhostile dumpintr, a netns of its own);
#   5. churn: messages refused after allocating, check-only changes and
#      replacements;
#   6. nlhostile fuzz: mutated messages checked against nlhostile's model,
#      changes that wait 1 s expiring meanwhile.
# Each step must leave `edgectl save` as it was (or, for 1, as the
# reference).
#
# Settings, as VAR=VALUE arguments: EDGEFW_FUZZ_SEED (default 20261125),
# EDGEFW_FUZZ_COUNT (default 20000), EDGEFW_FUZZ_SECONDS (default 30),
# EDGEFW_CHURN (default 80 rounds of 5 messages).
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$repo/tests/lib/assert.sh"
. "$repo/tests/lib/settings.sh"
take_settings "$@"
. "$repo/tests/lib/nlhostile.sh"
. "$repo/tests/lib/unpriv.sh"

[ -n "${EDGEFW_BUILTIN:-}" ] || { skip "needs the debug kernel (tests/uml/run)"; finish; }
NLH=$repo/tests/hostile/nlhostile
[ -x "$NLH" ] || { fail "$NLH is not built (make -C tests/hostile)"; finish; }
SEED=${EDGEFW_FUZZ_SEED:-20261125}
work=$(mktemp -d /tmp/t_hostile.XXXXXX)
trap 'rm -rf "$work"' EXIT
t0=$(date +%s)
elapsed() { echo "$(($(date +%s) - t0)) s"; }

# The edge's namespace with its two interfaces (dummies: nothing here
# sends packets).
ip netns add edge
ip -n edge link add ext0 type dummy
ip -n edge link add int0 type dummy
nlh() { ip netns exec edge "$NLH" "$@"; }
ectl() { ip netns exec edge edgectl "$@"; }
state() { ectl save; nlh gen; }

echo "# t_hostile (debug kernel $(uname -r)); fuzz seed $SEED"
run_nlh nlh valid
ectl save > "$work/A"
check "the reference is in force (4 roles, 2 bindings)" \
	test "$(grep -c -e '^add-role' -e '^bind' "$work/A")" = 6

echo "# malformed catalogue ($(elapsed))"
run_nlh nlh malformed
check_eq "after the catalogue: edgectl save unchanged" "$(cat "$work/A")" "$(ectl save)"

echo "# permissions ($(elapsed))"
state > "$work/state.before"
run_nlh as_nobody -n edge "$NLH" perm --label "uid 65534"
run_nlh ip netns exec edge unshare -Ur "$NLH" perm --label "root in a new user namespace, edge's netns"
run_nlh ip netns exec edge unshare -Urn "$NLH" perm --own-netns yes \
	--label "root in a new user namespace, its own netns"
run_nlh nlh privdrop
check_eq "after the permission tests: configuration and generation unchanged" \
	"$(cat "$work/state.before")" "$(state)"

echo "# dumps ($(elapsed))"
run_nlh "$NLH" dumpintr
check_eq "after the dumps: configuration and generation unchanged" \
	"$(cat "$work/state.before")" "$(state)"

echo "# churn: ${EDGEFW_CHURN:-80} rounds ($(elapsed))"
run_nlh nlh churn --count "${EDGEFW_CHURN:-80}"
check_eq "after churn: edgectl save unchanged" "$(cat "$work/A")" "$(ectl save)"

echo "# fuzz ($(elapsed))"
run_nlh nlh fuzz --seed "$SEED" --count "${EDGEFW_FUZZ_COUNT:-20000}" \
	--seconds "${EDGEFW_FUZZ_SECONDS:-30}"
check "after fuzzing: edgectl restore of the reference" \
	sh -c "ip netns exec edge edgectl restore < '$work/A'"
check_eq "after fuzzing: edgectl save is the reference" "$(cat "$work/A")" "$(ectl save)"
check "flush" ectl flush
ip netns del edge
echo "# t_hostile took $(elapsed) in the debug kernel"
finish
