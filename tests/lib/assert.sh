# Assertions for test scripts (bash or POSIX sh). Source it, call checks,
# end with `finish`:
#
#   . "$(dirname "$0")/../lib/assert.sh"
#   check "module loads" modprobe edgefw
#   check_fails "bad zone refused" edgectl bind lo nowhere
#   check_exit "refused by the kernel" 1 edgectl bind lo external
#   check_fails_with "refused while bound" "in use" rmmod edgefw
#   check_eq "one rule" 1 "$(edgectl show | grep -c rule)"
#   retried 2                # 2 attempts were repeated (counted, reported)
#   finish                   # "N passed, N failed[, N skipped][, N retried]"
#                            # exit 1 if any failed
#
# A check runs its command with output captured and shows it only when the
# check fails, so a passing run reads as a list of "ok" lines.

_passed=0
_failed=0
_skipped=0
_retried=0

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

# _show_out: the output of the command a check ran, indented under its
# FAIL line.
_show_out() {
	[ -z "$_out" ] || printf '%s\n' "$_out" | sed 's/^/     | /'
}

# check DESCRIPTION COMMAND [ARGS...]: passes if COMMAND exits 0.
check() {
	_desc=$1
	shift
	if _out=$("$@" 2>&1); then
		ok "$_desc"
	else
		fail "$_desc (exit $?: $*)"
		_show_out
	fi
}

# check_fails DESCRIPTION COMMAND [ARGS...]: passes if COMMAND exits non-zero.
check_fails() {
	_desc=$1
	shift
	if _out=$("$@" 2>&1); then
		fail "$_desc (succeeded, expected failure: $*)"
		_show_out
	else
		ok "$_desc"
	fi
}

# check_exit DESCRIPTION STATUS COMMAND [ARGS...]: passes if COMMAND exits
# with STATUS (a refusal must be the refusal expected: a program that
# cannot even start, or a usage error, proves nothing).
check_exit() {
	_desc=$1
	_want=$2
	shift 2
	_out=$("$@" 2>&1)
	_status=$?
	if [ "$_status" = "$_want" ]; then
		ok "$_desc"
	else
		fail "$_desc (exit $_status, expected $_want: $*)"
		_show_out
	fi
}

# check_fails_with DESCRIPTION TEXT COMMAND [ARGS...]: passes if COMMAND
# fails saying TEXT (for programs whose exit status does not tell one
# refusal from another: rmmod's "in use" from "not loaded").
check_fails_with() {
	_desc=$1
	_text=$2
	shift 2
	if _out=$("$@" 2>&1); then
		fail "$_desc (succeeded, expected failure: $*)"
	else
		case $_out in
		*"$_text"*) ok "$_desc"; return ;;
		esac
		fail "$_desc (failed without saying \"$_text\": $*)"
	fi
	_show_out
}

# retried N: N attempts of something were repeated (a probe that timed out
# tried again, say). Counted and reported in the summary line, so that a
# suite that only passes by retrying shows it.
retried() {
	_retried=$((_retried + $1))
}

# wait_for SECONDS COMMAND [ARGS...]: runs COMMAND until it succeeds, for
# at most SECONDS of wall-clock time (its stderr is dropped); fails if it
# never did. For states that take a machine-dependent time to come about
# (a datagram to arrive, memory to be freed): give a generous bound, and
# wait only for a state that cannot be undone by waiting longer, so that
# waiting never turns a wrong result into a right one.
wait_for() {
	_deadline=$(($(date +%s) + $1))
	shift
	until "$@" 2>/dev/null; do
		[ "$(date +%s)" -lt "$_deadline" ] || return 1
		sleep 0.1
	done
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
	_summary="$_passed passed, $_failed failed"
	[ "$_skipped" -eq 0 ] || _summary="$_summary, $_skipped skipped"
	[ "$_retried" -eq 0 ] || _summary="$_summary, $_retried retried"
	echo "$_summary"
	[ "$_failed" -eq 0 ]
	exit
}
