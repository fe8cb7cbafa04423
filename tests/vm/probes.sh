# shellcheck shell=bash
# The caller sets `work`; the results (BATCH_VERDICTS, ZONE, ...) are its.
# shellcheck disable=SC2154,SC2034
# Real-traffic probes and edgefw's counters, for the VM tests that judge
# verdicts (t_policy.sh, t_profiles.sh). Source it after tests/lib/assert.sh
# and tests/vm/topo.sh; the caller sets `work` (a scratch directory whose
# srv/ holds the probe servers' logs: topo_serve "$work/srv") and defines
# `ectl` (edgectl in the edge namespace). PROBE and DROP_T may be set
# before (defaults: probe.py next to this file, EDGEFW_DROP_TIMEOUT or 1 s).

PROBE=${PROBE:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/probe.py}
DROP_T=${DROP_T:-${EDGEFW_DROP_TIMEOUT:-1}}
shopt -s extglob	# _run_batch

# ---------------------------------------------------------------------------
# Probes. `want EXPECT NS PROTO SRC DST DESCRIPTION` declares one:
# EXPECT pass, drop or refused; PROTO tcp, udp, udpbig or dns (probe.py);
# SRC ADDR or ADDR:PORT, DST ADDR:PORT, IPv6 as [ADDR]:PORT.
# `run_probes NAME` runs every probe declared since the last run, all at
# once (one probe.py per namespace), then turns each into one check.

P_EXP=() P_NS=() P_PROTO=() P_SRC=() P_DST=() P_DESC=()
p_first=0

want() {
	P_EXP+=("$1") P_NS+=("$2") P_PROTO+=("$3") P_SRC+=("$4") P_DST+=("$5")
	P_DESC+=("$6")
}

# split_ep ENDPOINT: sets EP_A (address, no brackets) and EP_P (port or "").
split_ep() {
	case $1 in
	\[*)	EP_A=${1#[}; EP_A=${EP_A%%]*}; EP_P=${1##*]}; EP_P=${EP_P#:} ;;
	*:*:*)	EP_A=$1; EP_P= ;;
	*:*)	EP_A=${1%:*}; EP_P=${1##*:} ;;
	*)	EP_A=$1; EP_P= ;;
	esac
}

# Results, by probe index: R_RES (pass, drop, refused, error), R_SPORT (the
# source port used), R_SENT (payload bytes), R_DETAIL; SEEN: what the
# servers logged during the last batch ("proto laddr lport paddr pport").
# The TCG guest pays a few hundred ms per exec: everything from here to the
# checks uses shell builtins only.
declare -A R_RES R_SPORT R_SENT R_DETAIL SEEN BATCH_VERDICTS

# _run_batch NAME [EXPECT]: runs the probes p_first.. at once, one
# probe.py per namespace; EXPECT, if given, replaces what they declare
# (probe.py waits less for an expected drop).
_run_batch() {
	local name=$1 force=${2:-} i ns log line pids=() res sport sent detail verdicts=
	for log in "$work"/srv/*.log; do
		: > "$log"	# the servers append (O_APPEND): safe to truncate
	done
	for ns in $TOPO_NETNS; do
		: > "$work/$name.$ns.in"
	done
	# Two probes of one batch from the same fixed source port to the same
	# destination would share a 5-tuple: answers would go to either.
	local -A tuple=()
	for ((i = p_first; i < ${#P_EXP[@]}; i++)); do
		split_ep "${P_SRC[i]}"
		[ -z "$EP_P" ] && continue
		local k="${P_PROTO[i]/@(dns|udpbig)/udp} ${P_SRC[i]} ${P_DST[i]}"
		[ -z "${tuple[$k]:-}" ] || echo "${0##*/}: BUG: probes ${tuple[$k]} and $i of '$name' share $k" >&2
		tuple[$k]=$i
	done
	for ((i = p_first; i < ${#P_EXP[@]}; i++)); do
		echo "$i ${P_PROTO[i]} ${P_SRC[i]} ${P_DST[i]} ${force:-${P_EXP[i]}}" \
			>> "$work/$name.${P_NS[i]}.in"
	done
	local t0=${EPOCHREALTIME/./}
	for ns in $TOPO_NETNS; do
		[ -s "$work/$name.$ns.in" ] || continue
		ip netns exec "$ns" "$PROBE" batch --drop-timeout "$DROP_T" \
			< "$work/$name.$ns.in" > "$work/$name.$ns.out" 2>&1 &
		pids+=($!)
	done
	wait "${pids[@]}"
	local ms=$(( (${EPOCHREALTIME/./} - t0) / 1000 )) again=0
	for ns in $TOPO_NETNS; do
		[ -s "$work/$name.$ns.in" ] || continue
		while read -r i res sport sent detail; do
			R_RES[$i]=$res R_SPORT[$i]=$sport R_SENT[$i]=$sent R_DETAIL[$i]=$detail
			[[ $detail != *"(retried)" ]] || again=$((again + 1))
		done < "$work/$name.$ns.out"
	done
	retried "$again"
	echo "# $SECONDS s: probes '$name': $((${#P_EXP[@]} - p_first)) in $ms ms, $again retried"
	SEEN=()
	for log in "$work"/srv/*.log; do
		while read -r line; do
			SEEN[$line]=1
		done < "$log"
	done
	for ((i = p_first; i < ${#P_EXP[@]}; i++)); do
		verdicts="$verdicts ${R_RES[$i]:-none}"
	done
	BATCH_VERDICTS[$name]=$verdicts
}

# probe_is INDEX EXPECT: the check behind each probe; on failure WHY says
# what happened.
probe_is() {
	local i=$1 want=$2 got=${R_RES[$1]:-none} proto src
	WHY=
	if [ "$got" != "$want" ]; then
		WHY="${P_PROTO[i]} ${P_SRC[i]} -> ${P_DST[i]} in ${P_NS[i]}: expected $want, got $got (${R_DETAIL[$i]:-no result from probe.py})"
		return 1
	fi
	[ "$want" = drop ] || return 0
	# Dropped: no server may have seen the packet (a late answer included).
	case ${P_PROTO[i]} in tcp) proto=tcp ;; *) proto=udp ;; esac
	split_ep "${P_SRC[i]}"
	src=$EP_A
	split_ep "${P_DST[i]}"
	if [ -n "${SEEN["$proto $EP_A $EP_P $src ${R_SPORT[$i]}"]:-}" ]; then
		WHY="${P_PROTO[i]} ${P_SRC[i]} -> ${P_DST[i]}: timed out, but the server saw it (source port ${R_SPORT[$i]})"
		return 1
	fi
}

# run_probes NAME: run the pending probes and check each. (assert.sh's
# ok/fail directly: `check` would fork a shell per probe.)
run_probes() {
	local name=$1 i
	_run_batch "$name"
	for ((i = p_first; i < ${#P_EXP[@]}; i++)); do
		if probe_is "$i" "${P_EXP[i]}"; then
			ok "${P_DESC[i]}"
		else
			fail "${P_DESC[i]}"
			echo "     | $WHY"
		fi
	done
	p_first=${#P_EXP[@]}
}

# run_probes_all_pass NAME WHAT: run the pending probes expecting every one
# to pass (whatever it declares); one check for all.
run_probes_all_pass() {
	local name=$1 what=$2 i bad=
	_run_batch "$name" pass
	for ((i = p_first; i < ${#P_EXP[@]}; i++)); do
		[ "${R_RES[$i]:-}" = pass ] ||
			bad="$bad${P_PROTO[i]} ${P_SRC[i]} -> ${P_DST[i]} in ${P_NS[i]}: ${R_RES[$i]:-none} ${R_DETAIL[$i]:-}
"
	done
	check "$what ($((${#P_EXP[@]} - p_first)) probes)" _empty_or_show "$bad"
	p_first=${#P_EXP[@]}
}

_empty_or_show() {
	[ -z "$1" ] || { printf '%s' "$1"; return 1; }
}

# rerun_range FROM TO [PREFIX]: declare the probes FROM..TO-1 again (their
# descriptions after PREFIX).
rerun_range() {
	local from=$1 to=$2 prefix=${3:-} i
	for ((i = from; i < to; i++)); do
		want "${P_EXP[i]}" "${P_NS[i]}" "${P_PROTO[i]}" "${P_SRC[i]}" \
			"${P_DST[i]}" "$prefix${P_DESC[i]}"
	done
}
# ---------------------------------------------------------------------------
# Rules and counters as edgectl reports them (JSON), one line per rule:
#   row zone dir proto src sport dst dport packets bytes role
# ("any" for an absent address and for ports 0-65535), then one line per
# zone: zone NAME accepted_state dropped_no_rule.
flat_counters() {
	ectl counters -j | /usr/bin/python3 -IS -c '
import json, sys
d = json.load(sys.stdin)
def ports(lo, hi):
    return "any" if (lo, hi) == (0, 65535) else str(lo) if lo == hi else "%d-%d" % (lo, hi)
for r in d["rules"]:
    print(r["row"], r["zone"], r["dir"], r["proto"], r["src"] or "any",
          ports(r["sport_min"], r["sport_max"]), r["dst"] or "any",
          ports(r["dport_min"], r["dport_max"]), r["packets"], r["bytes"], r["role"])
for z in d["zones"]:
    print("zone", z["zone"], z["accepted_state"], z["dropped_no_rule"])
'
}



# read_counters [FILE]: edgectl's counters (flat_counters, kept in FILE,
# default $work/counters) into CNT["role row src dst"]="packets bytes",
# ZONE["zone accepted_state|dropped_no_rule"], RULES_PACKETS and
# RULES_BYTES (sums over all rules).
declare -A CNT ZONE
read_counters() {
	local file=${1:-$work/counters} f=()
	CNT=() ZONE=() RULES_PACKETS=0 RULES_BYTES=0
	flat_counters > "$file"
	while read -r -a f; do
		if [ "${f[0]}" = zone ]; then
			ZONE["${f[1]} accepted_state"]=${f[2]}
			ZONE["${f[1]} dropped_no_rule"]=${f[3]}
		else
			CNT["${f[10]} ${f[0]} ${f[4]} ${f[6]}"]="${f[8]} ${f[9]}"
			RULES_PACKETS=$((RULES_PACKETS + f[8]))
			RULES_BYTES=$((RULES_BYTES + f[9]))
		fi
	done < "$file"
}

# counter_of ROLE ROW SRC DST [packets|bytes]: of one rule, of that role
# (a row of the wrong role is no-such-rule).
counter_of() {
	local v=${CNT["$1 $2 $3 $4"]:-}
	[ -n "$v" ] || { echo no-such-rule; return; }
	case ${5:-packets} in
	packets) echo "${v% *}" ;;
	bytes) echo "${v#* }" ;;
	esac
}

# bytes_of IP_HEADER L4_HEADER INDEX...: what the first packets of these
# probes' flows weigh (IP and UDP headers + payload).
bytes_of() {
	local ip=$1 l4=$2 i sum=0
	shift 2
	for i in "$@"; do
		sum=$((sum + ip + l4 + R_SENT[$i]))
	done
	echo "$sum"
}

# ectl_each NAME "COMMAND [# NOTE]"...: edgectl COMMAND, one after the
# other in one shell in edge (an exec of `ip netns exec` per command costs
# seconds in a loaded TCG guest); each is one check, "edgectl COMMAND
# (NOTE)", with its stderr shown if it fails.
ectl_each() {
	local name=$1 i cmd d
	shift
	local -a cmds=("$@")
	local -A rc=()
	for i in "${!cmds[@]}"; do
		cmd=${cmds[i]%% # *}
		echo "edgectl $cmd 2> '$work/$name.$i.err'; echo \"$i \$?\""
	done > "$work/$name.sh"
	ip netns exec edge /bin/sh "$work/$name.sh" > "$work/$name.out" 2>&1
	while read -r i cmd; do rc[$i]=$cmd; done < "$work/$name.out"
	for i in "${!cmds[@]}"; do
		cmd=${cmds[i]%% # *}
		d="edgectl $cmd"
		[ "$cmd" = "${cmds[i]}" ] || d="$d (${cmds[i]#* # })"
		if [ "${rc[$i]:-none}" = 0 ]; then
			ok "$d"
		else
			fail "$d (exit ${rc[$i]:-none})"
			sed 's/^/     | /' "$work/$name.$i.err"
		fi
	done
}

# edgefw_up: the start of every such test: edgectl on PATH, the module and
# ctnetlink (probe.py ct-flush) loaded, the topology up.
edgefw_up() {
	if ! command -v edgectl > /dev/null; then
		fail "edgectl is on PATH (build it: make -C ctl)"
		finish
	fi
	check "modprobe edgefw" modprobe edgefw
	check "modprobe nf_conntrack_netlink (to flush conntrack between phases)" \
		modprobe nf_conntrack_netlink
	echo "# $SECONDS s: topology"
	check "topology: namespaces inet, edge, pool, mgmt up" topo_up
}

# rules_with_roles FILE: the rules of flat_counters' FILE as "role row zone
# dir proto src sport dst dport", sorted.
rules_with_roles() {
	local f
	while read -r -a f; do
		[ "${f[0]}" = zone ] || echo "${f[10]} ${f[*]:0:8}"
	done < "$1" | sort
}
