#!/bin/bash
# Smoke test (runs in the VM, see tests/vm/run): the DKMS-installed module
# loads, registers its generic netlink family, and unloads cleanly.
set -eu
. "$(dirname "$0")/../lib/assert.sh"

family=edgefw		# EDGEFW_GENL_NAME in uapi/linux/edgefw.h

# Whether the family is registered, from a dump of all families: asking for
# it by name (genl ctrl get) would load the module through its alias.
registered() {
	genl ctrl list | grep -Eq "^Name: ${family}[[:space:]]*\$"
}

check "modprobe edgefw" modprobe edgefw
check "module is live" grep -qx live /sys/module/edgefw/initstate
check "module comes from DKMS (updates/dkms)" \
	sh -c 'modinfo -n edgefw | grep -q /updates/dkms/'
# genl(8) from iproute2, so this does not depend on edgectl.
check "genl family '$family' registered" registered
check "rmmod edgefw" rmmod edgefw
check "/sys/module/edgefw is gone" test ! -e /sys/module/edgefw
check_fails "genl family '$family' is gone" registered
check "modprobe again after rmmod" modprobe edgefw
check "modprobe -r edgefw" modprobe -r edgefw

finish
