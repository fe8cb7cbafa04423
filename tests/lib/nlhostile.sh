# shellcheck shell=bash
# Helpers for scripts that drive tests/hostile/nlhostile (tests/vm/t_hostile.sh
# in the VM, tests/uml/t_hostile.sh in the debug kernel). Source it after
# assert.sh; $work must be a scratch directory.
# shellcheck disable=SC2154 # work: the caller's

# run_nlh COMMAND...: every "ok"/"not ok" line of nlhostile becomes a check
# here; its comment lines are shown; its own summary line is dropped.
run_nlh() {
	local rc line
	"$@" > "$work/nlh.out" 2>&1
	rc=$?
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok     }" ;;
		"not ok "*) fail "${line#not ok }" ;;
		[0-9]*" passed, "*" failed") ;;
		*) echo "     $line" ;;
		esac
	done < "$work/nlh.out"
	[ "$rc" -le 1 ] || fail "$* exited $rc"
}
