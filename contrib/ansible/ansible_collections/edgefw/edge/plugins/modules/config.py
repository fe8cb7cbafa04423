# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-2.0
"""edgefw.edge.config: edgefw's whole configuration as desired state."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: config
short_description: Configure edgefw, the Lync / Skype for Business edge firewall
description:
  - Makes edgefw's configuration (in one network namespace) exactly the
    desired state given (the profile, the interface bindings, the Front
    End pool, the edge roles with their addresses, the management rules and
    the flags and modes). What is not given is absent or at its default
    afterwards, as with C(edgectl restore).
  - The desired state is written as the statements C(edgectl save) prints
    and compared by C(edgectl diff) with the configuration in force. When
    they are the same, nothing is done (the task is not changed); otherwise
    the statements are applied with C(edgectl restore), all or nothing.
    Addresses, ports and combinations (e.g. I(xmpp) outside profile
    C(sfb2015)) are judged by edgectl and the kernel; a configuration they
    refuse fails the task with edgectl's message and changes nothing.
  - With I(config_file) the configuration that edgefw.service restores at
    boot is written too (C(edgectl save FILE), atomically) when it differs
    from the configuration in force.
  - Check mode changes nothing; the kernel validates the desired
    configuration (C(edgectl restore --check)) and the task reports whether
    it would change. Diff mode shows the statements C(edgectl diff) prints,
    those that go (before) and those that come (after).
  - With I(confirm_timeout) the change is made with C(edgectl restore
    --confirm), and the task then confirms it (C(edgectl confirm)) over a
    new connection to the host (with C(ssh), the multiplexed connection is
    reset first); the change stays only if the host can still be reached
    with it in force. If it cannot, the task is unreachable and the kernel
    itself puts the previous configuration back when the timeout expires,
    whatever became of Ansible.
options:
  profile:
    description: The product whose port tables are enforced.
    type: str
    choices: [lync2010, sfb2015, sfb2019]
    default: lync2010
  bindings:
    description: Interface name to zone (C(external) or C(internal)).
    type: dict
    default: {}
  pool:
    description: The pool the internal rows name.
    type: dict
    suboptions:
      front_ends:
        description: Addresses of the Front End servers.
        type: list
        elements: str
        default: []
      directors:
        description: Addresses of the Directors (next hops, as Front Ends).
        type: list
        elements: str
        default: []
      vip:
        description: The pool's virtual IP address.
        type: str
  roles:
    description: The edge roles and their addresses.
    type: dict
    default: {}
    suboptions:
      access: &role
        description: The role; absent, the role is not configured.
        type: dict
        suboptions:
          ips:
            description: The role's external addresses.
            type: list
            elements: str
            required: true
          internal_ip:
            description: The role's internal address.
            type: str
          media_range:
            description:
              - The av role's rows of the range 50000-59999 (see
                edgectl(8), add-role). Unset, the profile's standard.
            type: str
            choices: [standard, none, lync2010, ocs2007]
      webconf: *role
      av: *role
      rproxy: *role
  mgmt:
    description: Management rules outside the reference tables (add-mgmt).
    type: list
    elements: dict
    default: []
    suboptions:
      from:
        description: Source prefixes (an address, or ADDR/LEN).
        type: list
        elements: str
        required: true
      tcp:
        description: TCP ports.
        type: list
        elements: int
        default: []
      udp:
        description: UDP ports.
        type: list
        elements: int
        default: []
      zone:
        description: The zone whose interfaces the packets enter.
        type: str
        choices: [internal, external]
        default: internal
  http_redirect:
    description: Open the reverse proxy's HTTP 80 (in).
    type: bool
    default: false
  xmpp:
    description: The XMPP rows of profile C(sfb2015).
    type: bool
    default: false
  log_drops:
    description: Logging of dropped (and, in audit mode, audited) packets.
    type: dict
    suboptions:
      enabled:
        description: Log them.
        type: bool
        default: false
      nflog_group:
        description: To this NFLOG group; unset, to the kernel log.
        type: int
  mode:
    description: C(audit) accepts and counts what no rule admits.
    type: str
    choices: [enforce, audit]
    default: enforce
  stateless_media:
    description: Judge the connectionless media rows before conntrack.
    type: bool
    default: false
  config_file:
    description:
      - Also write the configuration here (what edgefw.service restores at
        boot). Unset, only the configuration in force is changed.
      - With I(confirm_timeout), written once the change is confirmed.
    type: path
  netns:
    description: The network namespace to configure (C(ip netns exec)).
    type: str
  edgectl:
    description: The edgectl program.
    type: path
    default: edgectl
  confirm_timeout:
    description:
      - Seconds (1 to 3600) after which the kernel puts the previous
        configuration back unless the change is confirmed (C(edgectl
        restore --confirm)). The task confirms it over a new connection.
    type: int
  confirm:
    description:
      - With I(confirm_timeout), whether the task confirms the change.
        C(false) leaves it unconfirmed (the result says C(unconfirmed));
        a later task confirms it (C(edgectl confirm)), e.g. once the edge
        is seen to serve, or the kernel reverts it. I(config_file) is then
        not written.
    type: bool
    default: true
notes:
  - While a change waits for its confirmation the kernel refuses every
    other change; a task on that host fails until it is confirmed or
    reverted.
author:
  - edgefw maintainers
'''

EXAMPLES = r'''
- name: The edge tier's firewall
  edgefw.edge.config:
    profile: sfb2019
    bindings:
      ext0: external
      int0: internal
    pool:
      front_ends: [192.168.10.90, 192.168.10.91]
      directors: [192.168.10.80]
      vip: 192.168.10.190
    roles:
      access: {ips: [10.45.16.10], internal_ip: 172.25.33.10}
      av: {ips: [10.45.16.30], internal_ip: 172.25.33.10}
    mgmt:
      - {from: [10.99.0.0/24], tcp: [22]}
    log_drops: {enabled: true, nflog_group: 5}
    config_file: /etc/edgefw/edgefw.conf
    confirm_timeout: 120
'''

RETURN = r'''
statements:
  description: The desired configuration as edgectl statements.
  returned: always
  type: str
running:
  description: The configuration in force before the task (C(edgectl save)).
  returned: always
  type: str
rules:
  description: What the change does to the rules (C(edgectl diff)'s last line).
  returned: always
  type: str
  sample: 2 rules added, 0 removed
unconfirmed:
  description: The change is in force and waits for C(edgectl confirm).
  returned: always
  type: bool
edgectl:
  description: The command line that runs edgectl (in the namespace).
  returned: always
  type: list
  elements: str
'''

import os
import tempfile

from ansible.module_utils.basic import AnsibleModule

ROLES = ('access', 'webconf', 'av', 'rproxy')    # the order save prints

ROLE_SPEC = dict(type='dict', options=dict(
    ips=dict(type='list', elements='str', required=True),
    internal_ip=dict(type='str'),
    media_range=dict(type='str', choices=['standard', 'none', 'lync2010', 'ocs2007']),
))

ARGUMENT_SPEC = dict(
    profile=dict(type='str', choices=['lync2010', 'sfb2015', 'sfb2019'], default='lync2010'),
    bindings=dict(type='dict', default={}),
    pool=dict(type='dict', options=dict(
        front_ends=dict(type='list', elements='str', default=[]),
        directors=dict(type='list', elements='str', default=[]),
        vip=dict(type='str'),
    )),
    roles=dict(type='dict', default={}, options=dict((r, ROLE_SPEC) for r in ROLES)),
    mgmt=dict(type='list', elements='dict', default=[], options={
        'from': dict(type='list', elements='str', required=True),
        'tcp': dict(type='list', elements='int', default=[]),
        'udp': dict(type='list', elements='int', default=[]),
        'zone': dict(type='str', choices=['internal', 'external'], default='internal'),
    }),
    http_redirect=dict(type='bool', default=False),
    xmpp=dict(type='bool', default=False),
    log_drops=dict(type='dict', options=dict(
        enabled=dict(type='bool', default=False),
        nflog_group=dict(type='int'),
    )),
    mode=dict(type='str', choices=['enforce', 'audit'], default='enforce'),
    stateless_media=dict(type='bool', default=False),
    config_file=dict(type='path'),
    netns=dict(type='str'),
    edgectl=dict(type='path', default='edgectl'),
    confirm_timeout=dict(type='int'),
    confirm=dict(type='bool', default=True),
)


def onoff(value):
    return 'on' if value else 'off'


def render(params):
    """The desired state as statements, in the order `edgectl save` uses.
    edgectl reads them, so it judges every value."""
    lines = ['profile %s' % params['profile']]
    for ifname, zone in sorted(params['bindings'].items()):
        lines.append('bind %s %s' % (ifname, zone))
    pool = params['pool'] or {}
    words = (['--front-end %s' % a for a in pool.get('front_ends') or []]
             + ['--director %s' % a for a in pool.get('directors') or []])
    if pool.get('vip'):
        words.append('--vip %s' % pool['vip'])
    if words:
        lines.append(' '.join(['set-pool'] + words))
    for role in ROLES:
        spec = params['roles'].get(role)
        if not spec:
            continue
        words = ['add-role', role] + ['--ip %s' % a for a in spec['ips']]
        if spec.get('internal_ip'):
            words.append('--internal-ip %s' % spec['internal_ip'])
        if spec.get('media_range'):
            words.append('--media-range %s' % spec['media_range'])
        lines.append(' '.join(words))
    for rule in params['mgmt']:
        words = ['add-mgmt'] + ['--from %s' % p for p in rule['from']]
        for proto in ('tcp', 'udp'):
            if rule[proto]:
                words.append('--%s %s' % (proto, ','.join(str(p) for p in rule[proto])))
        lines.append(' '.join(words + ['--zone', rule['zone']]))
    lines.append('http-redirect %s' % onoff(params['http_redirect']))
    lines.append('xmpp %s' % onoff(params['xmpp']))
    log = params['log_drops'] or {}
    words = ['log-drops', onoff(log.get('enabled'))]
    if log.get('nflog_group') is not None:
        words.append('--nflog-group %d' % log['nflog_group'])
    lines.append(' '.join(words))
    lines.append('mode %s' % params['mode'])
    lines.append('stateless-media %s' % onoff(params['stateless_media']))
    return '\n'.join(lines) + '\n'


class Edgectl:
    def __init__(self, module):
        self.module = module
        prog = module.params['edgectl']
        if os.sep not in prog:
            prog = module.get_bin_path(prog, required=True)
        self.command = [prog]
        if module.params['netns']:
            self.command = [module.get_bin_path('ip', required=True), 'netns', 'exec',
                            module.params['netns'], prog]

    def run(self, *args, **kwargs):
        """edgectl ARGS; a status not in ok (0 alone by default) fails the
        task with edgectl's message. Its warnings become the task's."""
        ok = kwargs.get('ok', (0,))
        rc, out, err = self.module.run_command(self.command + list(args))
        if rc not in ok:
            self.module.fail_json(msg='edgectl %s failed (exit %d): %s'
                                  % (' '.join(args), rc, err.strip() or out.strip()),
                                  rc=rc, stdout=out, stderr=err)
        for line in err.splitlines():
            self.module.warn(line)
        return rc, out


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    params = module.params
    desired = render(params)
    edgectl = Edgectl(module)
    running = edgectl.run('save')[1]

    fd, path = tempfile.mkstemp(prefix='edgefw-desired.', suffix='.conf')
    try:
        with os.fdopen(fd, 'w') as f:
            f.write(desired)
        if module.check_mode:
            edgectl.run('restore', '--check', path)
        # diff: 0 the same, 1 different, 2 trouble (a refusal included).
        rc, out = edgectl.run('diff', path, ok=(0, 1))
        changes = out.splitlines()[:-1]
        rules = out.splitlines()[-1]
        unconfirmed = False
        if rc == 1 and not module.check_mode:
            if params['confirm_timeout'] is None:
                edgectl.run('restore', path)
            else:
                edgectl.run('restore', '--confirm', str(params['confirm_timeout']), path)
                unconfirmed = True
    finally:
        os.unlink(path)

    removed = [line[1:] for line in changes if line.startswith('-')]
    added = [line[1:] for line in changes if line.startswith('+')]
    in_force = [line for line in running.splitlines() if line not in removed] + added
    config_file = params['config_file']
    write_saved = False
    if config_file:
        try:
            with open(config_file) as f:
                saved = f.read()
        except FileNotFoundError:
            saved = ''
        # save's lines are unique, and their order follows from them.
        write_saved = sorted(saved.splitlines()) != sorted(in_force)
    result = dict(changed=rc == 1 or write_saved, statements=desired, running=running,
                  rules=rules, unconfirmed=unconfirmed, edgectl=edgectl.command)
    if module._diff and changes:
        result['diff'] = dict(before_header='edgectl save: statements that go',
                              after_header='desired state: statements that come (%s)' % rules,
                              before=''.join(line + '\n' for line in removed),
                              after=''.join(line + '\n' for line in added))
    if write_saved and not module.check_mode:
        directory = os.path.dirname(config_file)
        if directory and not os.path.isdir(directory):
            os.makedirs(directory, 0o755)
        # With confirm_timeout, the action plugin saves once confirmed.
        if not unconfirmed:
            edgectl.run('save', config_file)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
