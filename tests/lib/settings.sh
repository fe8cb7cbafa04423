# Settings of a test script as VAR=VALUE arguments: tests/vm/run and
# tests/uml/run pass arguments to the guest, not the environment.
#
#   . "$repo/tests/lib/settings.sh"
#   take_settings "$@"        # exports each EDGEFW_...=VALUE; else usage
take_settings() {
	local a
	for a in "$@"; do
		case $a in
		EDGEFW_*=*) export "${a?}" ;;
		*) echo "usage: $0 [EDGEFW_...=VALUE ...]" >&2; exit 2 ;;
		esac
	done
}
