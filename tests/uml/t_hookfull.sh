#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A full hook point, run by tests/uml/run in the debug kernel: a netfilter
# hook point holds at most 1024 entries (nft base chains fill it), so the
# first bind of a namespace can fail to register edgefw's hooks. It must be
# refused cleanly: the configuration in force unchanged, nothing leaked
# (tests/uml/run asks kmemleak after the script), and a bind succeeds once
# room is made.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/assert.sh"

[ -n "${EDGEFW_BUILTIN:-}" ] || { skip "needs the debug kernel (tests/uml/run)"; finish; }
ns() { ip netns exec full "$@"; }

ip netns add full
ns ip link add ext0 type dummy
check "a role without bindings" ns edgectl add-role access --ip 10.45.16.10
before=$(ns edgectl save)

# IPv4 prerouting: conntrack adds defragmentation and itself (2 entries)
# when the first bind takes it; leave room for exactly those two, so that
# edgefw's own registration is what fails.
{
	echo 'table ip fill {'
	for i in $(seq 1 1022); do
		echo "chain c$i { type filter hook prerouting priority $i; }"
	done
	echo '}'
} > /tmp/fill.nft
check "1022 base chains on IPv4 prerouting" ns nft -f /tmp/fill.nft

out=$(ns edgectl bind ext0 external 2>&1)
rc=$?
check_eq "bind refused by the kernel (exit 1)" 1 "$rc"
check "the refusal names the hook registration" \
	grep -q "cannot register netfilter hooks" <<<"$out"
check_eq "the configuration in force is unchanged" "$before" \
	"$(ns edgectl save)"
for i in 1 2 3; do
	ns edgectl bind ext0 external >/dev/null 2>&1
done
check_eq "refused again, still unchanged (no state left by the failures)" \
	"$before" "$(ns edgectl save)"

check "room made for edgefw's two prerouting hooks" \
	sh -c 'ip netns exec full nft delete chain ip fill c1021 &&
	       ip netns exec full nft delete chain ip fill c1022'
check "bind succeeds now" ns edgectl bind ext0 external
check "and is in force" sh -c "ip netns exec full edgectl save | grep -qx 'bind ext0 external'"
check "flush" ns edgectl flush
ns nft flush ruleset
ip netns del full
finish
