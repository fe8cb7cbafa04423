#!/bin/bash
# The Ansible collection (contrib/ansible: edgefw.edge.config) with Debian's
# ansible-core, in the VM (tests/vm/run): ansible-playbook -c local
# configures the network namespace edge (interfaces ext0 and int0).
#
#   1. a first run applies the desired state: changed; `edgectl save` and
#      the config file say what the state says;
#   2. the same run again: not changed (idempotent);
#   3. check mode (with --diff) with another state (webconf added, a front
#      end less): reports changed, shows the statements, changes nothing;
#   4. that state for real: changed, and applied;
#   5. a state with a bad zone: the task fails, nothing changes.
#
# The playbook and edgectl are the same on every kernel: 6.1 only.
# check-kernels: 6.1
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/../lib/assert.sh"

work=$(mktemp -d)
trap 'ip netns del edge 2>/dev/null; rm -rf "$work"' EXIT
export ANSIBLE_COLLECTIONS_PATH=$repo/contrib/ansible
export ANSIBLE_LOCAL_TEMP=$work/ansible-tmp ANSIBLE_NOCOLOR=1
export ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3
conf=$work/edgefw.conf

cat > "$work/site.yml" <<'EOF'
- hosts: localhost
  gather_facts: false
  tasks:
    - name: edgefw's configuration
      edgefw.edge.config:
        bindings: "{{ bindings }}"
        pool: "{{ pool }}"
        roles: "{{ edge_roles }}"
        http_redirect: "{{ http_redirect }}"
        config_file: "{{ config_file }}"
        netns: edge
EOF

# The state of step 1, and of step 3: webconf added, 192.168.10.91 gone.
cat > "$work/state1.yml" <<EOF
bindings: {ext0: external, int0: internal}
pool: {front_ends: [192.168.10.90, 192.168.10.91], vip: 192.168.10.190}
edge_roles:
  access: {ips: [10.45.16.10, "2001:db8:45:16::10"], internal_ip: 172.25.33.10}
  av: {ips: [10.45.16.30], internal_ip: 172.25.33.10, media_range: ocs2007}
http_redirect: true
config_file: $conf
EOF
sed -e 's/, 192.168.10.91\]/]/' \
	-e 's/^  av:/  webconf: {ips: [10.45.16.20], internal_ip: 172.25.33.10}\n  av:/' \
	"$work/state1.yml" > "$work/state2.yml"
sed 's/int0: internal/int0: dmz/' "$work/state2.yml" > "$work/bad.yml"

# What state1.yml means, as edgectl save prints it.
cat > "$work/want1" <<'EOF'
bind ext0 external
bind int0 internal
set-pool --front-end 192.168.10.90 --front-end 192.168.10.91 --vip 192.168.10.190
add-role access --ip 10.45.16.10 --ip 2001:db8:45:16::10 --internal-ip 172.25.33.10
add-role av --ip 10.45.16.30 --internal-ip 172.25.33.10 --media-range ocs2007
http-redirect on
log-drops off
EOF

# play OUTPUT STATE [OPTIONS...]: ansible-playbook, its output to OUTPUT.
play() {
	local out=$1 state=$2
	shift 2
	ansible-playbook -i localhost, -c local -e "@$work/$state" "$@" "$work/site.yml" \
		> "$work/$out" 2>&1
}
# recap OUTPUT: "ok=N changed=N ... failed=N" of the play's recap.
recap() {
	sed -n 's/^localhost *: *\(ok=[0-9]* *changed=[0-9]*\).* failed=\([0-9]*\).*/\1 failed=\2/p' \
		"$work/$1" | tr -s ' '
}
# check_recap DESCRIPTION WANT OUTPUT: the recap says WANT (else the whole
# output is shown).
check_recap() {
	local got
	got=$(recap "$3")
	check_eq "$1" "$2" "$got"
	[ "$got" = "$2" ] || sed 's/^/     | /' "$work/$3"
}
save() { ip netns exec edge edgectl save; }
# check_saved DESCRIPTION FILE: edgectl save prints what FILE holds.
check_saved() {
	save > "$work/now"
	check "$1" diff -u "$2" "$work/now"
}

modprobe edgefw || exit 1
ip netns add edge
ip -n edge link add ext0 type dummy
ip -n edge link add int0 type dummy

start=$SECONDS
play run1 state1.yml
echo "time: the first ansible-playbook run: $((SECONDS - start)) s"
check_recap "1st run: changed" "ok=1 changed=1 failed=0" run1
check_saved "1st run: edgectl save is the desired state" "$work/want1"
check "1st run: the config file is the desired state" cmp -s "$work/want1" "$conf"

play run2 state1.yml
check_recap "2nd run: not changed" "ok=1 changed=0 failed=0" run2

play check state2.yml --check --diff
check_recap "check mode: would change" "ok=1 changed=1 failed=0" check
check "check mode --diff: webconf added" \
	grep -qx '+add-role webconf --ip 10.45.16.20 --internal-ip 172.25.33.10' "$work/check"
check "check mode --diff: the front end removed" \
	grep -qx -- '-set-pool --front-end 192.168.10.90 --front-end 192.168.10.91 --vip 192.168.10.190' "$work/check"
check_saved "check mode: nothing changed" "$work/want1"
check "check mode: the config file did not change" cmp -s "$work/want1" "$conf"

play run3 state2.yml
check_recap "3rd run, the new state: changed" "ok=1 changed=1 failed=0" run3
check "3rd run: webconf is configured" \
	sh -c 'ip netns exec edge edgectl save | grep -qx "add-role webconf --ip 10.45.16.20 --internal-ip 172.25.33.10"'
check "3rd run: the pool has one front end" \
	sh -c 'ip netns exec edge edgectl save | grep -qx "set-pool --front-end 192.168.10.90 --vip 192.168.10.190"'
check_saved "3rd run: the config file is what edgectl save says" "$conf"
save > "$work/want2"

play bad bad.yml
check_recap "a bad zone: the task fails" "ok=0 changed=0 failed=1" bad
check "a bad zone: the message names it" grep -q "zone 'dmz' is not one of external, internal" "$work/bad"
check_saved "a bad zone: nothing changed" "$work/want2"

ip netns exec edge edgectl flush
finish
