# shellcheck shell=bash
# Running programs as an unprivileged user (uid and gid 65534, no groups)
# in the test guests (tests/vm/run, tests/uml/run). Source it.
#
# The clone may be anywhere, a mode-700 home included, where that user
# cannot go: a program of the clone is run from a copy that lives in the
# guest only (never a path into the clone). The harnesses put such a copy
# of edgectl first on PATH; as_nobody copies any other program it is given
# by path.
#
#   as_nobody edgectl show                  # edgectl from PATH
#   as_nobody -n edge "$repo/tests/hostile/nlhostile" perm
#   ip netns exec edge unshare -Ur "$(unpriv_copy "$NLH")" perm

# unpriv_copy FILE: prints the path of a copy of FILE that uid 65534 can
# run, made once per guest (programs do not change while a guest runs).
unpriv_copy() {
	local dir=/tmp/edgefw-unpriv copy
	copy=$dir/$(basename "$1")
	if [ ! -e "$copy" ]; then
		mkdir -p "$dir" && chmod 755 "$dir" &&
			cp "$1" "$copy.tmp" && chmod 755 "$copy.tmp" &&
			mv "$copy.tmp" "$copy" || return
	fi
	echo "$copy"
}

# as_nobody [-n NETNS] PROGRAM [ARGS...]: PROGRAM as uid 65534 (in network
# namespace NETNS); PROGRAM given by path runs from its copy (unpriv_copy),
# a bare name is looked up on PATH.
as_nobody() {
	local netns=() prog
	if [ "$1" = -n ]; then
		netns=(ip netns exec "$2")
		shift 2
	fi
	prog=$1
	shift
	case $prog in
	*/*) prog=$(unpriv_copy "$prog") || return 126 ;;
	esac
	"${netns[@]}" setpriv --reuid=65534 --regid=65534 --clear-groups "$prog" "$@"
}
