# Assertions for test scripts (bash or POSIX sh). Source it, call checks,
# end with `finish`:
#
#   . "$(dirname "$0")/../lib/assert.sh"
#   check "module loads" modprobe edgefw
#   check_fails "bad zone refused" edgectl bind lo nowhere
#   check_eq "one rule" 1 "$(edgectl show | grep -c rule)"
#   finish                   # "N passed, N failed[, N skipped]"; exit 1 if any failed
#
# A check runs its command with output captured and shows it only when the
# check fails, so a passing run reads as a list of "ok" lines.

_passed=0
_failed=0
_skipped=0

ok() {
	_passed=$((_passed + 1))
	echo "ok   $*"
}

fail() {
	_failed=$((_failed + 1))
	echo "FAIL $*"
}

skip() {
	_skipped=$((_skipped + 1))
	echo "skip $*"
}

# check DESCRIPTION COMMAND [ARGS...]: passes if COMMAND exits 0.
check() {
	_desc=$1
	shift
	if _out=$("$@" 2>&1); then
		ok "$_desc"
	else
		fail "$_desc (exit $?: $*)"
		[ -z "$_out" ] || printf '%s\n' "$_out" | sed 's/^/     | /'
	fi
}

# check_fails DESCRIPTION COMMAND [ARGS...]: passes if COMMAND exits non-zero.
check_fails() {
	_desc=$1
	shift
	if _out=$("$@" 2>&1); then
		fail "$_desc (succeeded, expected failure: $*)"
		[ -z "$_out" ] || printf '%s\n' "$_out" | sed 's/^/     | /'
	else
		ok "$_desc"
	fi
}

# check_eq DESCRIPTION EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		fail "$1"
		echo "     | expected: $2"
		echo "     | actual:   $3"
	fi
}

# finish: the summary line (the last line of output; tests/check reads it)
# and the exit status.
finish() {
	if [ "$_skipped" -gt 0 ]; then
		echo "$_passed passed, $_failed failed, $_skipped skipped"
	else
		echo "$_passed passed, $_failed failed"
	fi
	[ "$_failed" -eq 0 ]
	exit
}
