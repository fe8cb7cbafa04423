# shellcheck shell=bash
# A clone where uid 65534 cannot go, as one in /root (mode 700) is, for the
# harness selftests (tests/vm/selftest, tests/uml/selftest): the harness runs
# from it, and its unprivileged side must run copies (tests/lib/unpriv.sh).
# Source it after assert.sh.

# clone700 DIR: copies this work tree (as it is, uncommitted changes and
# built programs included) to DIR/home/edgefw, DIR/home being mode 700, with
# a script unpriv-test at its top; prints the clone's path.
clone700() {
	local clone=$1/home/edgefw
	mkdir -m 700 "$1/home" &&
		rsync -a --exclude=/.git --exclude=/tests/vm/logs --exclude=/.vmko \
			"$repo/" "$clone/" || return
	printf '#!/bin/sh\necho "hello from a copy"\n' >"$clone/hello"
	cat >"$clone/unpriv-test" <<'EOF'
#!/bin/bash
clone=$(cd "$(dirname "$0")" && pwd)
. "$clone/tests/lib/unpriv.sh"
setpriv --reuid=65534 --regid=65534 --clear-groups cat "$clone/hello" 2>&1 >/dev/null
as_nobody "$clone/hello"
as_nobody edgectl -V >/dev/null && echo "edgectl on PATH runs as 65534"
EOF
	chmod 755 "$clone/hello" "$clone/unpriv-test"
	echo "$clone"
}

# check_clone700 WHAT CLONE STATUS OUTPUT-FILE: what unpriv-test's run
# through a harness must show.
check_clone700() {
	check_eq "$1: the run passes" 0 "$3"
	check "$1: uid 65534 cannot read a file of the clone itself" \
		grep -qx "cat: $2/hello: Permission denied" "$4"
	check "$1: ...but runs its copy (as_nobody)" grep -qx 'hello from a copy' "$4"
	check "$1: ...and the copy of edgectl on PATH" \
		grep -qx 'edgectl on PATH runs as 65534' "$4"
}
