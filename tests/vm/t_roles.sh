#!/bin/bash
# Role attribution, and the internal rows over IPv6 (runs in the VM):
#
#   tests/vm/run [--kernel 6.1|6.12] tests/vm/t_roles.sh
#
# The reference topology (tests/vm/topo.sh) gives access, webconf and av one
# internal address, 172.25.33.10: a row assigned to the wrong one of those
# roles passes every probe there. Here each role has its own internal
# address (172.25.33.11 access, .12 webconf, .13 av, .40 rproxy) and its
# own external one, and the roles are configured each alone and in every
# pair (profile lync2010), then all four with IPv6 internal addresses and an
# IPv6 pool (2001:db8:25:33::11 .. ::40; Front Ends, VIP, other host in
# 2001:db8:10::/64). For each configuration:
#   - the rule dump (edgectl counters -j) is exactly the rules the
#     reference tables give the roles configured, each with its role
#     (written out by hand below, not from kmod/template.c);
#   - every row's probe is sent to the addresses of all four roles, and
#     passes exactly on the address of the row's role, when that role is
#     configured (a row of the wrong role shows as a pass on another
#     role's address, or a drop on its own);
#   - the rule counters, summed per role, count exactly the flows that
#     passed on that role's rows.
# Before anything is bound every probe gets its answer (the baseline).
#
# About 2 minutes in the TCG guest; make check runs it on 6.12 only: the
# attribution is the module's template expansion, the same C code on
# every kernel (t_policy.sh checks the packet path on both).
# check-kernels: 6.12

# vm-timeout: 1200
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$repo/tests/lib/assert.sh"
. "$here/topo.sh"

work=$(mktemp -d /tmp/t_roles.XXXXXX)
SECONDS=0
phase() { echo "# $SECONDS s: $*"; }
trap 'topo_down; rm -rf "$work"' EXIT

C4=$TOPO_CLIENT4 S4=$TOPO_SERVER4
FE1=$TOPO_FE1 FE2=$TOPO_FE2 VIP=$TOPO_VIP OTH=$TOPO_OTHER
FE1_6=$TOPO_FE1_6 FE2_6=$TOPO_FE2_6 VIP6=$TOPO_VIP6 OTH6=$TOPO_OTHER6
ROLES="access webconf av rproxy"
declare -A EXT4=([access]=$TOPO_ACCESS4 [webconf]=$TOPO_WEBCONF4 [av]=$TOPO_AV4 [rproxy]=$TOPO_RPROXY4)
declare -A INT4=([access]=172.25.33.11 [webconf]=172.25.33.12 [av]=172.25.33.13 [rproxy]=$TOPO_RPROXY_INT4)
declare -A INT6=([access]=2001:db8:25:33::11 [webconf]=2001:db8:25:33::12 [av]=2001:db8:25:33::13 [rproxy]=$TOPO_RPROXY_INT6)
# The fixed source ports of rows 7 and 11, one per role's address (two
# probes of a batch never share a 5-tuple).
declare -A P7=([access]=50000 [webconf]=50001 [av]=59998 [rproxy]=59999)

ectl() { ip netns exec edge edgectl "$@"; }
. "$here/probes.sh"

declare -A V=([pass]=passes [drop]=dropped)

# ---------------------------------------------------------------------------
# The rules of the reference tables (lync2010, media range lync2010,
# http-redirect off) for ROLE with external address EXT and internal
# address INT; pool FE..., VIP: "role row zone dir proto src sport dst
# dport", as flat_counters prints them.
rules_of() {
	local role=$1 ext=$2 int=$3 vip=$4 fe
	shift 4
	case $role in
	access)
		echo "access 1 external out tcp $ext any any 80"
		echo "access 2 external out udp $ext any any 53"
		echo "access 3 external in tcp any any $ext 443"
		echo "access 4 external in tcp any any $ext 5061"
		echo "access 5 external out tcp $ext any any 5061"
		for fe in "$@"; do
			echo "access 16 internal out tcp $int any $fe 5061"
			echo "access 17 internal in tcp $fe any $int 5061"
			echo "access 18 internal in tcp $fe any $int 4443"
		done ;;
	webconf)
		echo "webconf 6 external in tcp any any $ext 443"
		echo "webconf 19 internal in tcp any any $int 8057" ;;
	av)
		echo "av 7 external out tcp $ext 50000-59999 any any"
		echo "av 11 external out udp $ext 3478 any 3478"
		echo "av 12 external in udp any any $ext 3478"
		echo "av 13 external in tcp any any $ext 443"
		for fe in "$@"; do
			echo "av 20 internal in tcp $fe any $int 5062"
		done
		echo "av 21 internal in udp any any $int 3478"
		echo "av 22 internal in tcp any any $int 443" ;;
	rproxy)
		echo "rproxy 15 external in tcp any any $ext 443"
		echo "rproxy 23 internal out tcp $int any $vip 8080"
		echo "rproxy 24 internal out tcp $int any $vip 4443" ;;
	esac
}

# role_probes FAMILY ROLE...: each row's probe on the addresses of all four
# roles (of the two, for a pair); expected to pass where the address is its role's and that role is
# one of ROLE... (the roles configured). FAMILY 4: all IPv4; 6: the
# internal side over IPv6 (the external side stays IPv4). PROBE_ROLE[i]
# is the role whose row a passing probe i opened.
declare -A PROBE_ROLE
role_probes() {
	local fam=$1 r e x c=" ${*:2} " fe=$FE1 oth=$OTH vip=$VIP int
	[ "$fam" = 4 ] || fe=$FE1_6 oth=$OTH6 vip=$VIP6
	# _w ROW_ROLE ROW NS PROTO SRC DST WHAT: declare one probe for the
	# address of role r; a pass where row role = r and it is configured.
	_w() {
		x=drop
		[ "$1" = "$r" ] && [[ $c == *" $r "* ]] && x=pass
		PROBE_ROLE[${#P_EXP[@]}]=$1
		want $x "$3" "$4" "$5" "$6" "$cfg: row $2 ($1, $7) on the $r address ${V[$x]}"
	}
	for r in $ROLES; do
		# In pairs, the other roles' addresses are left out: no rule can
		# name an address the configuration does not have, and the
		# single roles showed them dropping everything.
		[ $# -ne 3 ] || [[ $c == *" $r "* ]] || continue
		e=${EXT4[$r]}
		if [ "$fam" = 4 ]; then int=${INT4[$r]}; else int=${INT6[$r]}; fi
		local ib=$int
		[ "$fam" = 4 ] || ib="[$int]"
		_w access 1 edge tcp "$e" "$S4:80" "TCP 80 out"
		_w access 2 edge dns "$e" "$S4:53" "DNS out"
		_w access 4 inet tcp "$C4" "$e:5061" "TCP 5061 in"
		_w access 5 edge tcp "$e" "$S4:5061" "TCP 5061 out"
		_w av 7 edge tcp "$e:${P7[$r]}" "$S4:8080" "TCP out from port ${P7[$r]}"
		_w av 11 edge udp "$e:3478" "$S4:3478" "UDP 3478 -> 3478 out"
		_w av 12 inet udp "$C4" "$e:3478" "UDP 3478 in"
		_w access 16 edge tcp "$int" "$(ep "$fe" 5061)" "TCP 5061 to a Front End"
		_w access 17 pool tcp "$fe" "$ib:5061" "TCP 5061 from a Front End"
		_w access 18 pool tcp "$fe" "$ib:4443" "TCP 4443 from a Front End"
		_w webconf 19 pool tcp "$oth" "$ib:8057" "TCP 8057"
		_w av 20 pool tcp "$fe" "$ib:5062" "TCP 5062 from a Front End"
		_w av 21 pool udp "$oth" "$ib:3478" "UDP 3478"
		_w av 22 pool tcp "$oth" "$ib:443" "TCP 443"
		_w rproxy 23 edge tcp "$int" "$(ep "$vip" 8080)" "TCP 8080 to the VIP"
		_w rproxy 24 edge tcp "$int" "$(ep "$vip" 4443)" "TCP 4443 to the VIP"
		# 443 in: every role has it on its external address (3, 6, 13, 15)
		x=drop
		[[ $c == *" $r "* ]] && x=pass
		PROBE_ROLE[${#P_EXP[@]}]=$r
		want $x inet tcp "$C4" "$e:443" "$cfg: TCP 443 in on the $r address (rows 3, 6, 13, 15) ${V[$x]}"
	done
}
ep() { case $1 in *:*) echo "[$1]:$2" ;; *) echo "$1:$2" ;; esac; }

# ===========================================================================
edgefw_up
int_addrs() {
	local r
	for r in access webconf av; do
		echo "addr add ${INT4[$r]}/24 dev int0"
		echo "addr add ${INT6[$r]}/64 dev int0 nodad"
	done | ip -n edge -batch -
}
check "topology: one internal address per role on int0 (IPv4 and IPv6)" int_addrs
phase "probe servers"
check "probe servers listen in every namespace" topo_serve "$work/srv"
ints="${INT4[access]},${INT4[webconf]},${INT4[av]},${INT6[access]},${INT6[webconf]},${INT6[av]}"
ip netns exec edge "$PROBE" serve --log "$work/srv/x-edge.log" --ready "$work/srv/x-edge.ready" \
	tcp/$ints/$TOPO_PORTS udp/$ints/$TOPO_PORTS < /dev/null > "$work/srv/x-edge.err" 2>&1 &
check "probe servers on the roles' own internal addresses listen" wait_for 60 test -e "$work/srv/x-edge.ready"

phase "baseline, nothing bound"
cfg=baseline
role_probes 4 $ROLES
run_probes_all_pass baseline4 "topology: every probe gets its answer before any interface is bound"
role_probes 6 $ROLES
run_probes_all_pass baseline6 "topology: every probe (internal side over IPv6) gets its answer before any interface is bound"

# configure FAMILY ROLE...: restore a configuration of just these roles,
# reset the counters, empty conntrack (rows 7 and 11 probe from the same
# source ports in every configuration); in one shell (execs are dear).
configure() {
	local fam=$1 r
	shift
	{
		echo "bind ext0 external"
		echo "bind int0 internal"
		if [ "$fam" = 4 ]; then
			echo "set-pool --front-end $FE1 --front-end $FE2 --vip $VIP"
		else
			echo "set-pool --front-end $FE1_6 --front-end $FE2_6 --vip $VIP6"
		fi
		for r in "$@"; do
			if [ "$fam" = 4 ]; then
				echo "add-role $r --ip ${EXT4[$r]} --internal-ip ${INT4[$r]}"
			else
				echo "add-role $r --ip ${EXT4[$r]} --internal-ip ${INT6[$r]}"
			fi
		done
	} > "$work/config"
	ip netns exec edge sh -c "edgectl restore '$work/config' &&
		edgectl counters --reset > /dev/null && '$PROBE' ct-flush"
}

# expected_dump FAMILY ROLE...: the rules of those roles, sorted.
expected_dump() {
	local fam=$1 r
	shift
	for r in "$@"; do
		if [ "$fam" = 4 ]; then
			rules_of $r "${EXT4[$r]}" "${INT4[$r]}" $VIP $FE1 $FE2
		else
			rules_of $r "${EXT4[$r]}" "${INT6[$r]}" $VIP6 $FE1_6 $FE2_6
		fi
	done | sort
}
# per_role_counts: the packets of the rules, summed per role, against the
# flows that passed on each role's rows ("role=N ...").
per_role_counts() {
	local -A want=() got=()
	local i f r out='' bad=
	for ((i = p_first0; i < ${#P_EXP[@]}; i++)); do
		[ "${R_RES[$i]:-}" = pass ] && want[${PROBE_ROLE[$i]}]=$((${want[${PROBE_ROLE[$i]}]:-0} + 1))
	done
	while read -r -a f; do
		[ "${f[0]}" = zone ] || got[${f[10]}]=$((${got[${f[10]}]:-0} + f[8]))
	done < "$work/counters"
	for r in $ROLES; do
		out="$out $r=${want[$r]:-0}/${got[$r]:-0}"
		[ "${want[$r]:-0}" = "${got[$r]:-0}" ] || bad=1
	done
	echo "expected/counted:$out"
	[ -z "${bad:-}" ]
}

# one_config FAMILY ROLE...: configure, compare the dump, probe, count.
one_config() {
	local fam=$1
	shift
	local roles="$*"
	cfg="roles ${roles// /+}"
	[ "$fam" = 4 ] || cfg="$cfg, internal IPv6"
	phase "$cfg"
	check "$cfg: edgectl restore of a configuration with just these roles, counters reset, conntrack emptied" \
		configure "$fam" "$@"
	p_first0=${#P_EXP[@]}
	role_probes "$fam" "$@"
	run_probes "$cfg"
	flat_counters > "$work/counters"
	check_eq "$cfg: rule dump: exactly the rules of the reference tables for these roles, each with its role" \
		"$(expected_dump "$fam" "$@")" "$(rules_with_roles "$work/counters")"
	check "$cfg: the rules of each role counted exactly the flows that passed on its rows" per_role_counts
}

for r in $ROLES; do
	one_config 4 $r
done
set -- $ROLES
while [ $# -gt 1 ]; do
	first=$1
	shift
	for r in "$@"; do
		one_config 4 $first $r
	done
done
one_config 6 $ROLES

phase "done"
check "edgectl flush" ectl flush
finish
