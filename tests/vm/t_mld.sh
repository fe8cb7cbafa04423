#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# MLD on a bound interface: when the edge gets a new IPv6 address it joins
# the address's solicited-node group with an MLD report (hop limit 1), and
# a switch that snoops MLD forwards neighbour solicitations for the
# address only after that report. edgefw must let it out.
#
# The kernel counts Icmp6OutMLDv2Reports only after the packet went
# through the output hooks: a report edgefw drops is not counted.
#
#   inet --veth-- ext0 (bound external) edge
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/assert.sh"
. "$here/../lib/edgectl.sh"

ns() { ip netns exec "$@"; }
mld_out() { ns edge awk '$1 == "Icmp6OutMLDv2Reports" { print $2 }' /proc/net/snmp6; }
zone() { zone_counter edge external "$1"; }
# number VALUE: VALUE is a count (an empty or failed read is not 0)
number() { case $1 in ''|*[!0-9]*) return 1 ;; esac; }
# grows BEFORE COMMAND...: COMMAND prints a count above BEFORE
grows() {
	local before=$1 now
	shift
	now=$("$@") && number "$now" && [ "$now" -gt "$before" ]
}
# steady SECONDS COMMAND...: COMMAND printed the same count for SECONDS
# (each call samples once; wait_for calls it again and again)
steady() {
	local now
	now=$("$2") && number "$now" || return 1
	if [ "$now" != "${steady_value:-}" ]; then
		steady_value=$now steady_since=$(date +%s)
	fi
	[ $(($(date +%s) - steady_since)) -ge "$1" ]
}

check "module loads" modprobe edgefw
ip netns add edge
ip netns add inet
ip -n edge link add ext0 type veth peer name e0 netns inet
ip -n edge link set ext0 up
ip -n inet link set e0 up
check "bind ext0 external" ns edge edgectl bind ext0 external
check "add-role av" ns edge edgectl add-role av --ip 2001:db8:45:16::30

# Let the link-up reports go first (the kernel repeats them at random
# intervals of up to a second): wait until no report went out for 3 s.
check "the link-up MLD reports are over" wait_for 120 steady 3 mld_out
before=$(mld_out) dropped=$(zone dropped_protocol) nd=$(zone accepted_nd)
check "the counters read as numbers ($before reports, $dropped dropped, $nd link control)" \
	eval 'number "$before" && number "$dropped" && number "$nd"'
check "a new address" ip -n edge addr add 2001:db8:45:16::30/64 dev ext0 nodad
check "the MLD report joining its solicited-node group went out" \
	wait_for 60 grows "$before" mld_out
check "edgefw counted it as link control (accepted_nd)" \
	wait_for 60 grows "$nd" zone accepted_nd
check_eq "and dropped nothing for its protocol" "$dropped" "$(zone dropped_protocol)"
check "flush" ns edge edgectl flush
ip netns del edge
ip netns del inet
finish
