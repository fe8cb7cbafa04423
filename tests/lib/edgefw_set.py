#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Send edgefw requests edgectl has no words for (yet), from the Python
standard library alone, for the VM tests:

  edgefw_set.py set [--bind IFNAME:external|internal ...] [--log-drops]
                    [--log-group N] [--confirm-timeout SECONDS]
      EDGEFW_CMD_SET_CONFIG: a whole configuration of these bindings and
      flags, waiting for confirmation if --confirm-timeout is given
  edgefw_set.py confirm | revert
      EDGEFW_CMD_CONFIRM, EDGEFW_CMD_REVERT

The numbers are uapi/linux/edgefw.h's. Exit 0 on the kernel's ACK, else 1
with its error (and extended ack message) on stderr.
"""
import argparse
import os
import socket
import struct
import sys

NETLINK_GENERIC = 16
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
NLA_F_NESTED = 1 << 15
NLMSGERR_ATTR_MSG = 1

EDGEFW_GENL_VERSION = 2
CMD = {"set": 2, "confirm": 6, "revert": 7}
A_FLAGS, A_BINDINGS, A_BINDING = 2, 4, 5
A_LOG_GROUP, A_CONFIRM_TIMEOUT = 12, 14
BINDING_A_IFNAME, BINDING_A_ZONE = 1, 2
F_LOG_DROPS = 1 << 1
ZONES = {"external": 0, "internal": 1}


def attr(kind, payload, nested=False):
    head = struct.pack("=HH", 4 + len(payload), kind | (NLA_F_NESTED if nested else 0))
    return head + payload + b"\0" * (-len(payload) % 4)


def request(sock, family, cmd, attrs, version):
    body = struct.pack("=BBH", cmd, version, 0) + attrs
    sock.send(struct.pack("=IHHII", 16 + len(body), family,
                          NLM_F_REQUEST | NLM_F_ACK, 1, 0) + body)
    return sock.recv(65536)


def attrs_of(data):
    while len(data) >= 4:
        length, kind = struct.unpack_from("=HH", data)
        yield kind & ~NLA_F_NESTED, data[4:length]
        data = data[(length + 3) & ~3:]


def family_id(sock):
    reply = request(sock, GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                    attr(CTRL_ATTR_FAMILY_NAME, b"edgefw\0"), 1)
    for kind, value in attrs_of(reply[20:]):
        if kind == CTRL_ATTR_FAMILY_ID:
            return struct.unpack("=H", value[:2])[0]
    sys.exit("edgefw_set: no edgefw family (module not loaded?)")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("command", choices=sorted(CMD))
    p.add_argument("--bind", action="append", default=[])
    p.add_argument("--log-drops", action="store_true")
    p.add_argument("--log-group", type=int)
    p.add_argument("--confirm-timeout", type=int)
    a = p.parse_args()

    attrs = b""
    if a.command == "set":
        flags = F_LOG_DROPS if a.log_drops else 0
        attrs += attr(A_FLAGS, struct.pack("=I", flags))
        binds = b""
        for b in a.bind:
            name, zone = b.split(":")
            binds += attr(A_BINDING, attr(BINDING_A_IFNAME, name.encode() + b"\0") +
                          attr(BINDING_A_ZONE, struct.pack("=B", ZONES[zone])), True)
        if binds:
            attrs += attr(A_BINDINGS, binds, True)
        if a.log_group is not None:
            attrs += attr(A_LOG_GROUP, struct.pack("=H", a.log_group))
        if a.confirm_timeout is not None:
            attrs += attr(A_CONFIRM_TIMEOUT, struct.pack("=I", a.confirm_timeout))

    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    sock.setsockopt(270, 11, 1)		# SOL_NETLINK, NETLINK_EXT_ACK
    fam = family_id(sock)
    reply = request(sock, fam, CMD[a.command], attrs, EDGEFW_GENL_VERSION)
    # the reply to SET_CONFIG (generation, check), then the ACK
    while struct.unpack_from("=H", reply, 4)[0] != NLMSG_ERROR:
        reply = sock.recv(65536)
    err = struct.unpack_from("=i", reply, 16)[0]
    if err:
        length = struct.unpack_from("=I", reply, 20)[0]	# the request echoed
        msg = [v.rstrip(b"\0").decode() for k, v in attrs_of(reply[20 + length:])
               if k == NLMSGERR_ATTR_MSG]
        sys.exit("edgefw_set: %s%s" % (os.strerror(-err), ": " + msg[0] if msg else ""))


main()
