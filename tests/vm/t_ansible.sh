#!/bin/bash
# The Ansible collection (contrib/ansible: edgefw.edge.config) with Debian's
# ansible-core, in the VM (tests/vm/run): ansible-playbook -c local
# configures the network namespace edge (interfaces ext0 and int0), with
# every option the module has. One playbook, run twice (each run costs the
# most, so each does several things):
#
#   1. (--tags first) apply the desired state: changed; then check mode
#      with diff for a second state: would change, the diff shows edgectl
#      diff's statements; afterwards edgectl save and the config file are
#      the first state, one generation on (check mode changed nothing);
#   2. (--tags second) apply the first state again: not changed
#      (idempotent); the second state with confirm_timeout: confirmed over
#      a new connection; a third with confirm_timeout and confirm: false
#      (the confirmation withheld); a configuration the kernel refuses
#      (xmpp outside sfb2015): the task fails with edgectl's message; a
#      wait past both timeouts. Afterwards the second state is in force
#      and in the config file: it stayed after its timeout, the kernel
#      reverted the third (one revert in the kernel log; four generations:
#      a change and its confirmation, a change and its revert) and the
#      refused one changed nothing.
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
confirmed_timeout=20	# for the confirmation to come in time in a busy VM
withheld_timeout=2

# Every task of the module takes its options from the state in s.
cat > "$work/site.yml" <<EOF
- hosts: localhost
  gather_facts: false
  vars:
    state1:
      profile: sfb2015
      bindings: {ext0: external, int0: internal}
      pool:
        front_ends: [192.168.10.91, 192.168.10.90]
        directors: [192.168.10.80]
        vip: 192.168.10.190
      roles:
        access: {ips: ["2001:db8:45:16::10", 10.45.16.10], internal_ip: 172.25.33.10}
        av: {ips: [10.45.16.30], internal_ip: 172.25.33.10}
      mgmt:
        - {from: [10.99.0.0/24], tcp: [22]}
        - {from: [198.51.100.0/24], tcp: [443, 22], udp: [161], zone: external}
      http_redirect: true
      xmpp: true
      log_drops: {enabled: true, nflog_group: 5}
      mode: audit
      stateless_media: true
    # webconf added, a front end less, enforcing, stateful media
    state2: "{{ state1 | combine({
      'pool': {'front_ends': ['192.168.10.90'], 'directors': ['192.168.10.80'],
               'vip': '192.168.10.190'},
      'roles': state1.roles | combine({'webconf': {'ips': ['10.45.16.20'],
                                                   'internal_ip': '172.25.33.10'}}),
      'mode': 'enforce', 'stateless_media': false}) }}"
  tasks:
    - name: apply
      tags: [first, second]
      vars: {s: "{{ state1 }}"}
      edgefw.edge.config: &state
        netns: edge
        config_file: "{{ work }}/edgefw.conf"
        profile: "{{ s.profile }}"
        bindings: "{{ s.bindings }}"
        pool: "{{ s.pool }}"
        roles: "{{ s.roles }}"
        mgmt: "{{ s.mgmt }}"
        http_redirect: "{{ s.http_redirect }}"
        xmpp: "{{ s.xmpp }}"
        log_drops: "{{ s.log_drops }}"
        mode: "{{ s.mode }}"
        stateless_media: "{{ s.stateless_media }}"
        confirm_timeout: "{{ s.confirm_timeout | default(omit) }}"
        confirm: "{{ s.confirm | default(true) }}"
    - name: check mode
      tags: first
      check_mode: true
      diff: true
      vars: {s: "{{ state2 }}"}
      edgefw.edge.config: *state
    - name: start of the confirmed change
      tags: second
      ansible.builtin.set_fact: {confirmed_at: "{{ lookup('pipe', 'date +%s') }}"}
    - name: confirmed
      tags: second
      vars: {s: "{{ state2 | combine({'confirm_timeout': $confirmed_timeout}) }}"}
      edgefw.edge.config: *state
    - name: withheld
      tags: second
      vars:
        s: "{{ state2 | combine({'http_redirect': false,
                                 'confirm_timeout': $withheld_timeout, 'confirm': false}) }}"
      edgefw.edge.config: *state
    - name: refused
      tags: second
      ignore_errors: true
      vars: {s: "{{ state2 | combine({'profile': 'lync2010'}) }}"}
      edgefw.edge.config: *state
    - name: wait past both timeouts
      tags: second
      ansible.builtin.pause:
        seconds: "{{ [confirmed_at | int + $((confirmed_timeout + 1)) - lookup('pipe', 'date +%s') | int,
                      $((withheld_timeout + 1))] | max }}"
EOF

# What state1 means, as edgectl save prints it.
cat > "$work/want1" <<'EOF'
profile sfb2015
bind ext0 external
bind int0 internal
set-pool --front-end 192.168.10.90 --front-end 192.168.10.91 --director 192.168.10.80 --vip 192.168.10.190
add-role access --ip 10.45.16.10 --ip 2001:db8:45:16::10 --internal-ip 172.25.33.10
add-role av --ip 10.45.16.30 --internal-ip 172.25.33.10 --media-range standard
add-mgmt --from 198.51.100.0/24 --tcp 22,443 --udp 161 --zone external
add-mgmt --from 10.99.0.0/24 --tcp 22 --zone internal
http-redirect on
xmpp on
log-drops on --nflog-group 5
mode audit
stateless-media on
EOF
# ... and state2.
sed -e 's/ --front-end 192.168.10.91//' \
	-e 's/^add-role av /add-role webconf --ip 10.45.16.20 --internal-ip 172.25.33.10\n&/' \
	-e 's/^mode audit/mode enforce/' -e 's/^stateless-media on/stateless-media off/' \
	"$work/want1" > "$work/want2"

# play OUTPUT TAG: ansible-playbook's tasks tagged TAG, output to OUTPUT.
play() {
	local start=$SECONDS
	ansible-playbook -i localhost, -c local -e "work=$work" --tags "$2" \
		"$work/site.yml" > "$work/$1" 2>&1
	echo "time: ansible-playbook --tags $2: $((SECONDS - start)) s"
}
# status OUTPUT TASK: how TASK ended (ok, changed, fatal, ...) in OUTPUT.
status() {
	awk -v task="$2" '/^TASK \[/ { name = $0; sub(/^TASK \[/, "", name); sub(/\].*/, "", name) }
		name == task && /^[a-z]+: \[localhost\]/ { sub(/:.*/, ""); print; exit }' "$work/$1"
}
# check_status DESCRIPTION OUTPUT TASK WANT: TASK ended WANT (else the
# whole output is shown).
check_status() {
	local got
	got=$(status "$2" "$3")
	check_eq "$1" "$4" "$got"
	[ "$got" = "$4" ] || sed 's/^/     | /' "$work/$2"
}
save() { ip netns exec edge edgectl save; }
generation() {
	ip netns exec edge edgectl show -j |
		/usr/bin/python3 -IS -c 'import json, sys; print(json.load(sys.stdin)["generation"])'
}
reverts() { dmesg | grep -c 'change not confirmed within'; }

modprobe edgefw || exit 1
ip netns add edge
ip -n edge link add ext0 type dummy
ip -n edge link add int0 type dummy

gen=$(generation)
play first first
check_status "1st run: changed" first apply changed
check_status "check mode: would change" first "check mode" changed
check "check mode --diff: webconf added" \
	grep -qx '+add-role webconf --ip 10.45.16.20 --internal-ip 172.25.33.10' "$work/first"
check "check mode --diff: the front end removed" grep -qx -- \
	'-set-pool --front-end 192.168.10.90 --front-end 192.168.10.91 --director 192.168.10.80 --vip 192.168.10.190' \
	"$work/first"
check "check mode --diff: audit mode goes" grep -qx -- '-mode audit' "$work/first"
check "check mode --diff: only edgectl diff's statements" \
	sh -c "! grep -qx '[-+ ]http-redirect on' '$work/first'"
check "check mode --diff: the rules it would add and remove" \
	grep -q '^+++ after: .*([0-9]* rules added, [0-9]* removed)' "$work/first"
save > "$work/now"
check "1st run and check mode: edgectl save is the first state" diff -u "$work/want1" "$work/now"
check_eq "1st run and check mode: one generation on" "$((gen + 1))" "$(generation)"
check "1st run and check mode: the config file is the first state" diff -u "$work/want1" "$conf"

gen=$(generation)
reverted=$(reverts)
play second second
check_status "2nd run: not changed" second apply ok
check_status "confirm_timeout: changed" second confirmed changed
check_status "confirmation withheld: changed" second withheld changed
check_status "refused: the task fails" second refused fatal
check "refused: with edgectl's message" \
	grep -q 'xmpp on and profile lync2010 do not go together' "$work/second"
save > "$work/now"
check "2nd run: edgectl save is the second state" diff -u "$work/want2" "$work/now"
check_eq "2nd run: 4 generations on (change, confirm; change, revert)" \
	"$((gen + 4))" "$(generation)"
check_eq "2nd run: the kernel reverted one change" "$((reverted + 1))" "$(reverts)"
check "2nd run: the config file is the second state" diff -u "$work/want2" "$conf"

ip netns exec edge edgectl flush
finish
