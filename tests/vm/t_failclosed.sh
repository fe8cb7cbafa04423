#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The boot path fails closed against the real module:
# - restore --fail-closed of a file that cannot be applied puts its
#   bindings alone in force, says so in one FAIL-CLOSED line, exits 1;
#   no binding readable, or the kernel refusing the bindings too
#   (an unprivileged caller): nothing changes;
# - restore of an empty input is refused and changes nothing;
# - save FILE on a file system that fills up leaves FILE as it was.
#
#   edge: ext0, int0, mgmt0 (dummies)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/assert.sh"

e() { ip netns exec edge edgectl "$@"; }
in_force() { e save | grep -q "$1"; }
work=$(mktemp -d)
chmod 755 "$work"	# the unprivileged caller reads bad.conf

check "module loads" modprobe edgefw
ip netns add edge
for i in ext0 int0 mgmt0; do ip -n edge link add "$i" type dummy; done

printf 'bind ext0 external\nbind int0 internal\nadd-role av --ip 10.45.16.30 --internal-ip 172.25.33.10\n' > "$work/good.conf"
printf 'bind ext0 external\nadd-role av --ip 10.45.16.300\nbind int0 internal\n' > "$work/bad.conf"

check "restore --fail-closed of a good file: exit 0" e restore --fail-closed "$work/good.conf"
check "a good file: all of it in force" in_force '^add-role av'

e restore --fail-closed "$work/bad.conf" 2> "$work/err"
check_eq "a bad file: exit 1" 1 $?
check "a bad file: one FAIL-CLOSED line naming the bindings" grep -qxF \
	"edgectl: FAIL-CLOSED: '$work/bad.conf' could not be applied; in force instead: its bindings alone (ext0 external, int0 internal), every new flow on them is dropped" \
	"$work/err"
check_eq "a bad file: its bindings alone in force" "profile lync2010
bind ext0 external
bind int0 internal
http-redirect off
log-drops off
mode enforce
stateless-media off" "$(e save)"

e restore "$work/good.conf"
e restore --fail-closed "$work/none.conf" 2> "$work/err"
check_eq "no file: exit 1" 1 $?
check "no file: says nothing changed" grep -q "holds no binding that could be read; nothing changed" "$work/err"
check "no file: nothing changed" in_force '^add-role av'

ip netns exec edge setpriv --reuid=65534 --regid=65534 --clear-groups \
	edgectl restore --fail-closed "$work/bad.conf" 2> "$work/err"
check_eq "unprivileged: exit 1" 1 $?
check "unprivileged: the kernel refuses the bindings too" grep -q "nor its bindings alone (permission denied" "$work/err"
check "unprivileged: nothing changed" in_force '^add-role av'

check_fails "restore of an empty input refused" sh -c "ip netns exec edge edgectl restore < /dev/null"
check "empty input: nothing changed" in_force '^add-role av'

# 2000 addresses: a saved text larger than the 16 KiB file system.
mkdir "$work/small"
mount -t tmpfs -o size=16k tmpfs "$work/small"
echo old > "$work/small/edgefw.conf"
{
	printf 'bind ext0 external\nadd-role access'
	for i in $(seq 1 250); do
		for j in 1 2 3 4 5 6 7 8; do printf ' --ip 10.46.%d.%d' "$i" "$j"; done
	done
	echo
} > "$work/big.conf"
check "restore of 2000 addresses" e restore "$work/big.conf"
e save "$work/small/edgefw.conf" 2> "$work/err"
check_eq "save FILE on a full file system: exit 1" 1 $?
check "save FILE on a full file system: says so" grep -q "No space left on device" "$work/err"
check "save FILE on a full file system: FILE as it was" test "$(cat "$work/small/edgefw.conf")" = old
check_eq "save FILE on a full file system: nothing left behind" edgefw.conf "$(ls -A "$work/small")"
umount "$work/small"
check "save FILE where there is room" e save "$work/saved.conf"
check_eq "save FILE writes what save prints" "$(e save)" "$(cat "$work/saved.conf")"

check "flush" e flush
ip netns del edge
rm -rf "$work"
finish
