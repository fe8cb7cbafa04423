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
    desired state given (interface bindings, the Front End pool, the edge
    roles with their addresses, the reverse proxy's HTTP redirect and drop
    logging). What is not given is absent afterwards, as with
    C(edgectl restore).
  - The desired state is rendered as the statements C(edgectl save)
    prints. When the running configuration (C(edgectl save)) says the
    same, nothing is done (the task is not changed); otherwise the rendered
    file is applied with C(edgectl restore), all or nothing.
  - With I(config_file) the configuration that edgefw.service restores at
    boot is written too (atomically); the running and the saved
    configuration are compared and changed apart.
  - Check mode changes nothing and reports whether the task would change;
    diff mode shows the statements before and after.
options:
  bindings:
    description: Interface name to zone (C(external) or C(internal)).
    type: dict
    default: {}
  pool:
    description: The Front End pool the internal rows name.
    type: dict
    suboptions:
      front_ends:
        description: Addresses of the Front End servers.
        type: list
        elements: str
        default: []
      vip:
        description: The pool's virtual IP address.
        type: str
  roles:
    description:
      - Role (C(access), C(webconf), C(av), C(rproxy)) to its addresses.
      - Each value has C(ips) (a list, required), C(internal_ip) and, for
        C(av), C(media_range) (C(none), C(lync2010), C(ocs2007); default
        C(lync2010)).
    type: dict
    default: {}
  http_redirect:
    description: Open the reverse proxy's HTTP 80 (in).
    type: bool
    default: false
  log_drops:
    description: Log dropped packets.
    type: bool
    default: false
  config_file:
    description:
      - Also write the configuration here (what edgefw.service restores at
        boot). Unset, only the running configuration is changed.
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
      - Seconds after which the kernel reverts the change unless it is
        confirmed (C(edgectl restore --confirm)). Not yet supported by
        edgectl, so the task fails when it is given.
    type: int
author:
  - edgefw maintainers
'''

EXAMPLES = r'''
- name: The edge tier's firewall
  edgefw.edge.config:
    bindings:
      ext0: external
      int0: internal
    pool:
      front_ends: [192.168.10.90, 192.168.10.91]
      vip: 192.168.10.190
    roles:
      access: {ips: [10.45.16.10], internal_ip: 172.25.33.10}
      av: {ips: [10.45.16.30], internal_ip: 172.25.33.10, media_range: ocs2007}
    http_redirect: false
    config_file: /etc/edgefw/edgefw.conf
'''

RETURN = r'''
statements:
  description: The desired configuration as edgectl statements.
  returned: always
  type: str
running:
  description: The running configuration before the task (C(edgectl save)).
  returned: always
  type: str
'''

import ipaddress
import os
import tempfile

from ansible.module_utils.basic import AnsibleModule

ROLES = ('access', 'webconf', 'av', 'rproxy')    # the order save prints
ZONES = ('external', 'internal')
MEDIA_RANGES = ('none', 'lync2010', 'ocs2007')
ROLE_KEYS = {'ips', 'internal_ip', 'media_range'}


class DesiredStateError(Exception):
    pass


def canonical_addr(addr, what):
    try:
        return str(ipaddress.ip_address(str(addr)))
    except ValueError:
        raise DesiredStateError('%s: %r is not an IPv4 or IPv6 address' % (what, addr))


def render(params):
    """The desired state as the statements `edgectl save` prints."""
    lines = []
    for ifname, zone in sorted(params['bindings'].items()):
        if zone not in ZONES:
            raise DesiredStateError('bindings: %s: zone %r is not one of %s'
                                    % (ifname, zone, ', '.join(ZONES)))
        lines.append('bind %s %s' % (ifname, zone))
    pool = params['pool'] or {}
    fes = [canonical_addr(a, 'pool.front_ends') for a in pool.get('front_ends') or []]
    vip = pool.get('vip')
    if fes or vip:
        words = ['set-pool'] + ['--front-end %s' % a for a in fes]
        if vip:
            words.append('--vip %s' % canonical_addr(vip, 'pool.vip'))
        lines.append(' '.join(words))
    roles = params['roles']
    for role in roles:
        if role not in ROLES:
            raise DesiredStateError('roles: %r is not one of %s' % (role, ', '.join(ROLES)))
    for role in ROLES:
        if role not in roles:
            continue
        spec = roles[role] or {}
        unknown = set(spec) - ROLE_KEYS
        if unknown:
            raise DesiredStateError('roles.%s: unknown keys %s' % (role, ', '.join(sorted(unknown))))
        ips = spec.get('ips') or []
        if not ips:
            raise DesiredStateError('roles.%s: ips: at least one address' % role)
        words = ['add-role', role] + ['--ip %s' % canonical_addr(a, 'roles.%s.ips' % role) for a in ips]
        if spec.get('internal_ip'):
            words.append('--internal-ip %s'
                         % canonical_addr(spec['internal_ip'], 'roles.%s.internal_ip' % role))
        media = spec.get('media_range')
        if role == 'av':
            media = media or 'lync2010'
            if media not in MEDIA_RANGES:
                raise DesiredStateError('roles.av.media_range: %r is not one of %s'
                                        % (media, ', '.join(MEDIA_RANGES)))
            words.append('--media-range %s' % media)
        elif media:
            raise DesiredStateError('roles.%s: media_range is for av only' % role)
        lines.append(' '.join(words))
    lines.append('http-redirect %s' % ('on' if params['http_redirect'] else 'off'))
    lines.append('log-drops %s' % ('on' if params['log_drops'] else 'off'))
    # HOOK(issue 9/11): statements that edgectl save gains (mode, add-mgmt,
    # profile, ...) are rendered here, from new options, in save's order.
    return '\n'.join(lines) + '\n'


def normalized(text):
    """A configuration text with the order of lines and of the options in a
    line left out, and addresses canonical: two texts that restore the same
    configuration compare equal."""
    out = []
    for line in text.splitlines():
        words = line.split()
        if not words or words[0].startswith('#'):
            continue
        head, opts, i = words[:1], [], 1
        if words[0] in ('add-role', 'bind'):
            head, i = words[:2], 2
        while i < len(words):
            if words[i].startswith('--') and i + 1 < len(words):
                value = words[i + 1]
                try:
                    value = str(ipaddress.ip_address(value))
                except ValueError:
                    pass
                opts.append((words[i], value))
                i += 2
            else:
                opts.append((words[i], ''))
                i += 1
        out.append((tuple(head), tuple(sorted(opts))))
    return sorted(out)


class Edgectl:
    def __init__(self, module):
        self.module = module
        self.prefix = []
        if module.params['netns']:
            self.prefix = [module.get_bin_path('ip', required=True), 'netns', 'exec',
                           module.params['netns']]
        self.prog = module.params['edgectl']
        if os.sep not in self.prog:
            self.prog = module.get_bin_path(self.prog, required=True)

    def run(self, *args):
        rc, out, err = self.module.run_command(self.prefix + [self.prog] + list(args))
        if rc != 0:
            self.module.fail_json(msg='edgectl %s failed (exit %d): %s'
                                  % (' '.join(args), rc, err.strip() or out.strip()),
                                  rc=rc, stdout=out, stderr=err)
        return out

    def save(self):
        return self.run('save')

    def restore(self, text):
        # HOOK(issue 11, restore --confirm): with confirm_timeout, restore
        # with --confirm SECONDS here and `edgectl confirm` once the task
        # can still reach the host; the kernel reverts otherwise.
        fd, path = tempfile.mkstemp(prefix='edgefw-desired.', suffix='.conf')
        try:
            with os.fdopen(fd, 'w') as f:
                f.write(text)
            self.run('restore', path)
        finally:
            os.unlink(path)


def read_file(path):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return None


def write_file_atomically(module, path, text):
    directory = os.path.dirname(path) or '.'
    if not os.path.isdir(directory):
        os.makedirs(directory, 0o755)
    fd, tmp = tempfile.mkstemp(prefix='.edgefw.', dir=directory)
    with os.fdopen(fd, 'w') as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.chmod(tmp, 0o644)
    module.atomic_move(tmp, path)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            bindings=dict(type='dict', default={}),
            pool=dict(type='dict', options=dict(
                front_ends=dict(type='list', elements='str', default=[]),
                vip=dict(type='str'),
            )),
            roles=dict(type='dict', default={}),
            http_redirect=dict(type='bool', default=False),
            log_drops=dict(type='bool', default=False),
            config_file=dict(type='path'),
            netns=dict(type='str'),
            edgectl=dict(type='path', default='edgectl'),
            confirm_timeout=dict(type='int'),
        ),
        supports_check_mode=True,
    )
    if module.params['confirm_timeout'] is not None:
        # HOOK(issue 11): wire to `restore --confirm` once edgectl has it.
        module.fail_json(msg='confirm_timeout needs edgectl restore --confirm, '
                             'which this edgectl does not have yet')
    try:
        desired = render(module.params)
    except DesiredStateError as e:
        module.fail_json(msg=str(e))

    edgectl = Edgectl(module)
    running = edgectl.save()
    config_file = module.params['config_file']
    saved = read_file(config_file) if config_file else None

    apply_running = normalized(running) != normalized(desired)
    write_saved = bool(config_file) and (
        saved is None or normalized(saved) != normalized(desired))
    result = dict(changed=apply_running or write_saved, statements=desired,
                  running=running)
    if module._diff:
        result['diff'] = [dict(before_header='running configuration (edgectl save)',
                               after_header='desired configuration',
                               before=running, after=desired)]
        if config_file:
            result['diff'].append(dict(before_header=config_file,
                                       after_header=config_file,
                                       before=saved or '', after=desired))
    if module.check_mode:
        # HOOK(issue 11, restore --check): have the kernel validate the
        # desired configuration here (`edgectl restore --check FILE`), and
        # take the diff from `edgectl diff FILE`, once edgectl has them.
        module.exit_json(**result)

    if apply_running:
        edgectl.restore(desired)
    if write_saved:
        # What the kernel holds now, in save's words.
        write_file_atomically(module, config_file, edgectl.save())
    module.exit_json(**result)


if __name__ == '__main__':
    main()
