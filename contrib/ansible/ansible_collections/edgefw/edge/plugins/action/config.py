# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-2.0
"""edgefw.edge.config's action: the module applies the desired state; with
confirm_timeout, the change is then confirmed over a new connection, so
that it stays only if the host can still be reached with it in force."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import shlex

from ansible.errors import AnsibleConnectionFailure
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):

    def edgectl(self, command, *args):
        """edgectl ARGS on the host, as the module ran it (COMMAND): a
        plain command, not a module, to confirm as soon as possible."""
        res = self._low_level_execute_command(
            ' '.join(shlex.quote(word) for word in command + list(args)))
        if res['rc'] != 0:
            return (res['stderr'] or res['stdout']).strip() or 'exit %d' % res['rc']
        return None

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        result.update(self._execute_module(task_vars=task_vars))
        if (result.get('failed') or not result.get('unconfirmed')
                or not boolean(self._task.args.get('confirm', True))):
            return result
        # The connection the change went through may live on (conntrack,
        # ssh's ControlPersist) where a new one is cut: confirm over a new one.
        if self._connection.transport != 'local':
            self._connection.reset()
        timeout = self._task.args['confirm_timeout']
        try:
            error = self.edgectl(result['edgectl'], 'confirm')
        except AnsibleConnectionFailure as e:
            return dict(result, unreachable=True,
                        msg='the host cannot be reached with the new configuration in force '
                            '(%s): the kernel puts the previous one back %s s after the change'
                            % (e, timeout))
        if error:
            return dict(result, failed=True,
                        msg='edgectl confirm failed (%s): the change was not confirmed within '
                            '%s s, the kernel has put the previous configuration back'
                            % (error, timeout))
        result['unconfirmed'] = False
        if self._task.args.get('config_file'):
            error = self.edgectl(result['edgectl'], 'save', self._task.args['config_file'])
            if error:
                return dict(result, failed=True, msg='edgectl save failed: %s' % error)
        return result
