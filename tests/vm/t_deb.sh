#!/bin/bash
# edgefw's Debian packages as an operator installs them (runs in the VM, see
# tests/vm/run). The packages are built on the host: dist/ by `make deb`,
# dist/next/ (the same tree as version VERSION+next, a newer one) by
# `scripts/deb --next dist/next`; tests/pkg/run builds both.
#
#   1. dpkg -i edgefw-dkms edgectl: DKMS builds and installs the module,
#      edgectl, its man page, completion and edgefw.service (enabled) are
#      in place; modprobe loads the package's module, of its version.
#   2. Real traffic through the veth pair between the namespaces inet and
#      edge (tests/vm/topo.sh), with ext0 bound and the Access Edge role:
#      a connection to 443 passes and its rule (external row 3) counts it;
#      one to 3389 is dropped and the zone counts it.
#   3. dpkg -i of the newer version over it: DKMS replaces the module and
#      forgets the old version; the running policy is untouched; after a
#      flush, rmmod and modprobe the new module runs and restores the file
#      saved before the upgrade.
#   4. dpkg --purge: module, DKMS tree, sources, edgectl, the unit and its
#      enablement, /etc/edgefw: all gone.
#
# Prints "time:" lines with what dpkg took. DKMS builds the module under
# TCG here, minutes per build (hence the vm-timeout below). DKMS
# builds for the running and the newest installed kernel (Debian's
# common.postinst); this test hides the other kernel's /boot/config so that
# each install builds once, and runs on 6.1 only (its modules are not
# compressed: the depmod of every DKMS install and removal is faster).
# check-kernels: 6.1
# vm-timeout: 2400
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/../lib/assert.sh"
. "$here/../lib/edgectl.sh"
. "$here/topo.sh"

# The packaged edgectl, not the work tree's.
PATH=/usr/sbin:$PATH
PROBE=$here/probe.py
kver=$(uname -r)
arch=$(dpkg --print-architecture)
v1=$(cat "$repo/VERSION")
v2=$v1+next
dkms1=$repo/dist/edgefw-dkms_${v1}_all.deb
ctl1=$repo/dist/edgectl_${v1}_$arch.deb
dkms2=$repo/dist/next/edgefw-dkms_${v2}_all.deb
ctl2=$repo/dist/next/edgectl_${v2}_$arch.deb
unit=/lib/systemd/system/edgefw.service
wants=/etc/systemd/system/multi-user.target.wants/edgefw.service
work=$(mktemp -d)
trap 'topo_down; rm -rf "$work"' EXIT

# Packages of another tree would test something else.
hash=$("$repo/scripts/deb" --hash)
for d in "$repo/dist" "$repo/dist/next"; do
	if [ "$(cat "$d/source.sha256" 2>/dev/null)" != "$hash" ]; then
		fail "$d was not built from this tree: run tests/pkg/run (make deb; scripts/deb --next dist/next)"
		finish
	fi
done

# A machine as Debian boots it, which never had edgefw. In the guest's
# overlay only: the host's DKMS registration, sources and module (make
# dkms-install, the harness) go.
rm -rf /var/lib/dkms/edgefw /usr/src/edgefw-*
rm -f /lib/modules/*/updates/dkms/edgefw.ko*
for c in /boot/config-*; do
	[ "$c" = "/boot/config-$kver" ] || rm -f "$c"
done
export DEBIAN_FRONTEND=noninteractive
# man-db's index would be rebuilt at every dpkg call: not what is tested.
echo 'man-db man-db/auto-update boolean false' | debconf-set-selections

# timed DESCRIPTION COMMAND...: check, and say how long it took.
timed() {
	local start=$SECONDS
	check "$@"
	echo "time: $1: $((SECONDS - start)) s"
}

dkms_versions() {
	dkms status -m edgefw 2>/dev/null | sed -n 's|^edgefw/\([^,]*\), \([^,]*\),.*: installed$|\1 \2|p'
}

# --- 1. install --------------------------------------------------------

timed "dpkg -i edgefw-dkms_$v1 edgectl_$v1 (DKMS builds for $kver)" \
	dpkg -i "$dkms1" "$ctl1"
check_eq "dkms status: edgefw/$v1 installed for $kver" "$v1 $kver" "$(dkms_versions)"
check "modprobe edgefw" modprobe edgefw
check_eq "the module loaded is version $v1" "$v1" "$(cat /sys/module/edgefw/version)"
check "it is DKMS's (updates/dkms)" sh -c 'modinfo -n edgefw | grep -q /updates/dkms/'
check "edgectl -V says $v1" sh -c "/usr/sbin/edgectl -V 2>&1 | head -n 1 | grep -qw -- '$v1'"
check "edgectl(8) is installed" test -e "$(man -w edgectl 2>/dev/null)"
check "bash completion is installed" test -f /usr/share/bash-completion/completions/edgectl
check "edgefw.service is installed" test -f "$unit"
check "edgefw.service is enabled (multi-user.target wants it)" test -L "$wants"
check "systemd-analyze verify edgefw.service: clean" \
	sh -c "out=\$(systemd-analyze verify $unit 2>&1) && [ -z \"\$out\" ] || { echo \"\$out\"; exit 1; }"
check "/etc/edgefw exists" test -d /etc/edgefw

# --- 2. traffic --------------------------------------------------------

ectl() { ip netns exec edge edgectl "$@"; }

# external_row3_packets: packets of the rule of external row 3 (TLS to the
# Access Edge, 443 in).
external_row3_packets() {
	ectl counters -j | /usr/bin/python3 -IS -c 'import json, sys
print(sum(r["packets"] for r in json.load(sys.stdin)["rules"]
          if r["row"] == 3 and r["zone"] == "external"))'
}

check "topology up" topo_up
ip netns exec edge "$PROBE" serve --ready "$work/ready" "tcp/$TOPO_ACCESS4/443,3389" \
	< /dev/null > "$work/serve.log" 2>&1 &
for _ in $(seq 300); do [ -e "$work/ready" ] && break; sleep 0.1; done
check "edgectl bind ext0 external" ectl bind ext0 external
check "edgectl add-role access --ip $TOPO_ACCESS4" ectl add-role access --ip "$TOPO_ACCESS4"
check "TLS to the Access Edge (443) passes" \
	ip netns exec inet "$PROBE" tcp "$TOPO_CLIENT4" "$TOPO_ACCESS4:443"
# probe.py exits 1 for a drop (2: refused, 3: another error).
check "RDP to the Access Edge (3389) is dropped" sh -c \
	"ip netns exec inet '$PROBE' tcp --timeout 2 $TOPO_CLIENT4 $TOPO_ACCESS4:3389; [ \$? = 1 ]"
packets=$(external_row3_packets)
check "external row 3 counted the connection ($packets packets)" test "$packets" -gt 0
drops=$(zone_counter edge external dropped_no_rule)
check "the external zone counted the drop ($drops)" test "$drops" -gt 0
check "edgectl save > /etc/edgefw/edgefw.conf" sh -c 'ip netns exec edge edgectl save > /etc/edgefw/edgefw.conf'
cp /etc/edgefw/edgefw.conf "$work/saved"

# --- 3. upgrade --------------------------------------------------------

timed "dpkg -i edgefw-dkms_$v2 edgectl_$v2 over $v1 (DKMS builds again)" \
	dpkg -i "$dkms2" "$ctl2"
check_eq "dkms status: only edgefw/$v2, for $kver" "$v2 $kver" "$(dkms_versions)"
check "the sources of $v1 are gone" test ! -e "/usr/src/edgefw-$v1"
check_eq "the module on disk is version $v2" "$v2" "$(modinfo -F version edgefw)"
check "edgectl -V says $v2" sh -c "/usr/sbin/edgectl -V 2>&1 | head -n 1 | grep -qw -- '$v2'"
check "edgefw.service is still enabled" test -L "$wants"
check "the running policy is untouched" cmp -s "$work/saved" <(ectl save)
check "edgectl flush" ectl flush
check "rmmod edgefw (version $v1)" rmmod edgefw
check "modprobe edgefw" modprobe edgefw
check_eq "the module loaded is version $v2" "$v2" "$(cat /sys/module/edgefw/version)"
check "edgectl restore /etc/edgefw/edgefw.conf" ectl restore /etc/edgefw/edgefw.conf
check "save gives back what was saved before the upgrade" cmp -s "$work/saved" <(ectl save)
check "TLS to the Access Edge passes through version $v2" \
	ip netns exec inet "$PROBE" tcp "$TOPO_CLIENT4" "$TOPO_ACCESS4:443"

# --- 4. purge ----------------------------------------------------------

check "edgectl flush; rmmod edgefw" sh -c 'ip netns exec edge edgectl flush && rmmod edgefw'
timed "dpkg --purge edgefw-dkms edgectl" dpkg --purge edgefw-dkms edgectl
check_eq "dkms status: no edgefw" "" "$(dkms_versions)"
check "DKMS's tree of edgefw is gone" test ! -e /var/lib/dkms/edgefw
check "no edgefw module for any kernel" \
	sh -c '! ls /lib/modules/*/updates/dkms/edgefw.ko* 2>/dev/null'
check_fails "modprobe edgefw finds nothing" modprobe edgefw
check "no sources under /usr/src" sh -c '! ls -d /usr/src/edgefw-* 2>/dev/null'
check "edgectl is gone" test ! -e /usr/sbin/edgectl
check "edgefw.service and its enablement are gone" test ! -e "$unit" -a ! -L "$wants"
check "/etc/edgefw with the saved configuration is gone" test ! -e /etc/edgefw

finish
