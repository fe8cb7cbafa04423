#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Allocation failure injection, run by tests/uml/run in the debug kernel:
# one configuration replacement is sent again and again with its 1st, 2nd,
# 3rd, ... kernel allocation failing (/proc/thread-self/fail-nth), until it
# needs no more. Every attempt must either succeed with the new
# configuration in force or fail with the old one intact, byte for byte.
# KASAN, kmemleak and lockdep watch the error paths meanwhile.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/assert.sh"

[ -n "${EDGEFW_BUILTIN:-}" ] || { skip "needs the debug kernel (tests/uml/run)"; finish; }
fs=/sys/kernel/debug/failslab
check "failslab is available" test -w "$fs/ignore-gfp-wait"
echo N >"$fs/ignore-gfp-wait"	# fail GFP_KERNEL allocations too
echo 0 >"$fs/verbose"

ip link add ext0 type dummy
ip link add int0 type dummy
old=/tmp/old.conf new=/tmp/new.conf
cat >"$old" <<'CONF'
profile lync2010
bind ext0 external
bind int0 internal
set-pool --front-end 192.168.10.90 --front-end 192.168.10.91 --vip 192.168.10.190
add-role access --ip 10.45.16.10 --internal-ip 172.25.33.10
add-role webconf --ip 10.45.16.20 --internal-ip 172.25.33.10
add-role av --ip 10.45.16.30 --internal-ip 172.25.33.10 --media-range lync2010
add-role rproxy --ip 10.45.16.40 --internal-ip 172.25.33.40
http-redirect off
log-drops off
mode enforce
stateless-media off
CONF
# The new one changes every part: the profile, a binding, the pool (with
# a Director), roles, management rules, flags. (No drop logging: the
# debug kernel has no nf_log backend.)
cat >"$new" <<'CONF'
profile sfb2019
bind ext0 external
set-pool --front-end 192.168.10.92 --director 192.168.10.95 --vip 192.168.10.190
add-role access --ip 10.45.16.10 --ip 10.45.16.11 --ip 2001:db8::10 --internal-ip 172.25.33.10
add-role av --ip 10.45.16.30 --internal-ip 172.25.33.10 --media-range standard
add-role rproxy --ip 10.45.16.40 --internal-ip 172.25.33.40
add-mgmt --from 198.51.100.0/24 --udp 161 --zone external
add-mgmt --from 10.99.0.0/24 --tcp 22 --zone internal
http-redirect on
log-drops off
mode audit
stateless-media on
CONF
check "old configuration restores" edgectl restore "$old"
check "old configuration reads back" diff -u "$old" <(edgectl save)

injected=0 succeeded=0 refused=0 lost=0 torn=0 n=0
while :; do
	n=$((n + 1))
	read -r what err < <("$here/failslab.py" "$n" "$new")
	[ "$what" = injected ] || break
	injected=$((injected + 1))
	case $err in
	0) want=$new succeeded=$((succeeded + 1)) ;;
	lost) # either is right; which one, the sender cannot know
		lost=$((lost + 1))
		if diff -q "$new" <(edgectl save) >/dev/null; then
			want=$new err=0
		else
			want=$old
		fi ;;
	*) want=$old refused=$((refused + 1)) ;;
	esac
	if ! diff -q "$want" <(edgectl save) >/dev/null; then
		torn=$((torn + 1))
		fail "allocation $n failing (errno $err) left neither the old nor the new configuration"
		edgectl save | diff -u "$want" - | head -n 20
	fi
	[ "$err" != 0 ] || edgectl restore "$old"
	[ "$n" -lt 5000 ] || break
done
echo "failslab: $injected allocations failed in turn: $refused requests refused cleanly, $succeeded succeeded anyway, $lost answers lost, $torn torn"
check_eq "every injected failure left a whole configuration" 0 "$torn"
check "faults were injected in the request's path" test "$refused" -gt 5
check_eq "without a fault the request succeeds (errno)" 0 "$err"
check "and the new configuration is in force" diff -u "$new" <(edgectl save)
check "flush" edgectl flush
finish
