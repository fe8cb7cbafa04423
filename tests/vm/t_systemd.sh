#!/bin/bash
# edgefw.service under systemd (runs in the VM, see tests/vm/run): the unit
# of the edgectl package that `make deb` built (dist/), the module from the
# harness.
#
# The guest's PID 1 is the harness, so systemd runs as PID 1 of a PID
# namespace, as in a container, and "boots" a target that wants journald
# and edgefw.service. systemctl and journalctl run in that namespace
# (nsenter): systemd refuses a client whose PID it cannot see.
#
#   1. The package installs the unit, enabled; systemd-analyze verify is
#      clean.
#   2. Boot with a saved configuration and the module not loaded: the unit
#      is active, the module loaded, the file applied.
#   3. Stop: the running configuration stays in force (no flush) and the
#      file is not written (no save). Start: the file is applied again.
#      Reload: the same.
#   4. Boot with a file that cannot be applied: its bindings alone are in
#      force, the unit failed, the journal has the FAIL-CLOSED line.
#
# The unit is the same on every kernel: 6.1 only.
# check-kernels: 6.1
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/../lib/assert.sh"

conf=/etc/edgefw/edgefw.conf
unit=/lib/systemd/system/edgefw.service
version=$(cat "$repo/VERSION")
work=$(mktemp -d)
sdpid=
trap '[ -z "$sdpid" ] || kill -9 "$sdpid" 2>/dev/null; rm -rf "$work"' EXIT

if [ "$(cat "$repo/dist/source.sha256" 2>/dev/null)" != "$("$repo/scripts/deb" --hash)" ]; then
	fail "$repo/dist was not built from this tree: run make deb"
	finish
fi

export DEBIAN_FRONTEND=noninteractive
echo 'man-db man-db/auto-update boolean false' | debconf-set-selections

# in_systemd COMMAND...: COMMAND in systemd's PID and mount namespaces.
in_systemd() { nsenter --target "$sdpid" --pid --mount -- "$@"; }
unit_state() { in_systemd systemctl is-active edgefw.service; }

# boot: systemd as PID 1 of a new PID namespace, starting edgefw-boot.target;
# returns once startup has finished. Not through check, which would run it
# in a subshell: sdpid is needed afterwards.
boot() {
	local upid state
	unshare --pid --fork --mount-proc env container=edgefw-vm \
		/lib/systemd/systemd --system --unit=edgefw-boot.target \
		--log-target=journal-or-kmsg --show-status=no \
		< /dev/null > "$work/systemd.log" 2>&1 &
	upid=$!
	for _ in $(seq 100); do
		sdpid=$(pgrep -P "$upid" -x systemd) && break
		sleep 0.1
	done
	[ -n "$sdpid" ] || { cat "$work/systemd.log"; return 1; }
	for _ in $(seq 300); do
		state=$(in_systemd systemctl is-system-running 2>/dev/null)
		case $state in running|degraded) return 0 ;; esac
		sleep 1
	done
	echo "systemd did not finish starting: $state"
	return 1
}

# stop_systemd: the namespace goes with its PID 1.
stop_systemd() {
	kill -9 "$sdpid"
	while kill -0 "$sdpid" 2>/dev/null; do sleep 0.1; done
	sdpid=
}

# unload: no configuration, no module (as before a boot).
unload() {
	edgectl flush > /dev/null 2>&1
	! [ -e /sys/module/edgefw ] || rmmod edgefw
}

# --- 1. the package's unit ---------------------------------------------

check "dpkg -i edgectl_$version" dpkg -i "$repo"/dist/edgectl_"$version"_*.deb
export PATH=/usr/sbin:$PATH	# the packaged edgectl, as the unit runs it
check "edgefw.service is enabled" test -L /etc/systemd/system/multi-user.target.wants/edgefw.service
check "systemd-analyze verify edgefw.service: clean" \
	sh -c "out=\$(systemd-analyze verify $unit 2>&1) && [ -z \"\$out\" ] || { echo \"\$out\"; exit 1; }"

mkdir -p /run/systemd/system
cat > /run/systemd/system/edgefw-boot.target <<'EOF'
[Unit]
Description=edgefw's part of a boot (tests/vm/t_systemd.sh)
Wants=systemd-journald.socket edgefw.service
EOF

# --- 2. boot -------------------------------------------------------------

ip link add ext0 type dummy
ip link add int0 type dummy
modprobe edgefw
edgectl restore - > /dev/null <<'EOF'
bind ext0 external
bind int0 internal
add-role access --ip 10.45.16.10 --internal-ip 172.25.33.10
EOF
edgectl save > "$conf"
cp "$conf" "$work/saved"
unload

start=$SECONDS
if boot; then ok "boot: systemd starts"; else fail "boot: systemd starts"; finish; fi
echo "time: systemd's start in the VM: $((SECONDS - start)) s"
check_eq "edgefw.service is active" active "$(unit_state)"
check "ExecStartPre loaded the module" test -e /sys/module/edgefw
check "the saved configuration is in force" cmp -s "$work/saved" <(edgectl save)

# --- 3. stop, start, reload ----------------------------------------------

edgectl add-role webconf --ip 10.45.16.20
edgectl save > "$work/running"
check "systemctl stop edgefw" in_systemd systemctl stop edgefw.service
check_eq "edgefw.service is inactive" inactive "$(unit_state)"
check "stop did not flush: the running configuration is in force" \
	cmp -s "$work/running" <(edgectl save)
check "stop did not save: the file is as it was" cmp -s "$work/saved" "$conf"
check "systemctl start edgefw" in_systemd systemctl start edgefw.service
check "start applied the file" cmp -s "$work/saved" <(edgectl save)
edgectl add-role webconf --ip 10.45.16.20
check "systemctl reload edgefw" in_systemd systemctl reload edgefw.service
check "reload applied the file" cmp -s "$work/saved" <(edgectl save)

# --- 4. boot with a file that cannot be applied --------------------------

stop_systemd
unload
sed 's/--ip 10.45.16.10/--ip 10.45.16.300/' "$work/saved" > "$conf"
if boot; then ok "boot with a bad file: systemd starts"; else fail "boot with a bad file: systemd starts"; finish; fi
check_eq "edgefw.service failed" failed "$(unit_state)"
check_eq "the file's bindings alone are in force" \
	"$(grep '^bind ' "$work/saved")" "$(edgectl save | grep -v -e '^http-redirect off$' -e '^log-drops off$')"
check "the journal has the FAIL-CLOSED line" \
	sh -c "nsenter --target $sdpid --pid --mount -- journalctl -u edgefw.service -o cat | grep -q 'FAIL-CLOSED'"
stop_systemd
unload

finish
