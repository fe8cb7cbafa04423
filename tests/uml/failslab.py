#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Send one SET_CONFIG with the N-th kernel allocation of this thread failing.

    failslab.py N FILE     FILE: `edgectl save` text with profile, bind,
                           set-pool (--front-end, --director, --vip),
                           add-role (--ip, --internal-ip, --media-range),
                           add-mgmt (one --from, one --tcp or --udp port),
                           http-redirect, log-drops (--nflog-group), mode,
                           stateless-media lines

Prints "injected ERRNO" when the fault hit (ERRNO 0: the request succeeded
anyway; "lost": the answer itself could not be allocated, so the outcome is
unknown to the sender) or "not-injected ERRNO" when the request needed
fewer than N allocations. Builds the message itself (stdlib only) so that nothing but
the request runs between arming /proc/thread-self/fail-nth and sendmsg.
"""
import ipaddress
import os
import socket
import struct
import sys

NETLINK_GENERIC, NETLINK_EXT_ACK = 16, 11
NLM_F_REQUEST, NLM_F_ACK = 1, 4
GENL_ID_CTRL, CTRL_CMD_GETFAMILY, CTRL_ATTR_FAMILY_NAME = 0x10, 3, 2
CTRL_ATTR_FAMILY_ID = 1
NLA_F_NESTED = 0x8000
# uapi/linux/edgefw.h
CMD_SET_CONFIG = 2
A_FLAGS, A_POOL, A_BINDINGS, A_BINDING, A_ROLE, A_ADDR = 2, 3, 4, 5, 6, 9
A_PROFILE, A_MGMT, A_LOG_GROUP = 10, 11, 12
POOL_FRONT_END, POOL_VIP, POOL_DIRECTOR = 1, 2, 3
POOL_OPTS = {"--front-end": POOL_FRONT_END, "--vip": POOL_VIP,
             "--director": POOL_DIRECTOR}
MGMT_ZONE, MGMT_PROTO, MGMT_PREFIX, MGMT_PREFIX_LEN, MGMT_PORT = 1, 2, 3, 4, 5
PROFILES = {"lync2010": 0, "sfb2015": 1, "sfb2019": 2}
BINDING_IFNAME, BINDING_ZONE = 1, 2
ROLE_TYPE, ROLE_ADDRS, ROLE_INTERNAL, ROLE_MEDIA = 1, 2, 3, 4
ROLES = {"access": 0, "webconf": 1, "av": 2, "rproxy": 3}
ZONES = {"external": 0, "internal": 1}
MEDIA = {"lync2010": 0, "standard": 0, "none": 1, "ocs2007": 2}
F_HTTP_REDIRECT, F_LOG_DROPS, F_AUDIT, F_XMPP, F_STATELESS = 1, 2, 4, 8, 16
ON_FLAGS = {"http-redirect": F_HTTP_REDIRECT, "log-drops": F_LOG_DROPS,
            "xmpp": F_XMPP, "stateless-media": F_STATELESS}


def attr(kind, data):
    length = 4 + len(data)
    return struct.pack("HH", length, kind) + data + b"\0" * (-length % 4)


def nest(kind, parts):
    return attr(kind | NLA_F_NESTED, b"".join(parts))


def addr(kind, text):
    return attr(kind, ipaddress.ip_address(text).packed)


def config_attrs(path):
    """The attributes of SET_CONFIG for an `edgectl save` file."""
    bindings, pool, roles, mgmt, flags, extra = [], [], [], [], 0, b""
    for line in open(path):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        opts = list(zip(words[2::2], words[3::2]))
        if words[0] == "bind":
            bindings.append(nest(A_BINDING, [
                attr(BINDING_IFNAME, words[1].encode() + b"\0"),
                attr(BINDING_ZONE, bytes([ZONES[words[2]]]))]))
        elif words[0] == "set-pool":
            opts = list(zip(words[1::2], words[2::2]))
            pool += [addr(POOL_OPTS[o], v) for o, v in opts]
        elif words[0] == "add-role":
            parts = [attr(ROLE_TYPE, bytes([ROLES[words[1]]]))]
            ips = [addr(A_ADDR, v) for o, v in opts if o == "--ip"]
            parts.append(nest(ROLE_ADDRS, ips))
            for o, v in opts:
                if o == "--internal-ip":
                    parts.append(addr(ROLE_INTERNAL, v))
                elif o == "--media-range":
                    parts.append(attr(ROLE_MEDIA, bytes([MEDIA[v]])))
            roles.append(nest(A_ROLE, parts))
        elif words[0] == "add-mgmt":
            opts = dict(zip(words[1::2], words[2::2]))
            net = ipaddress.ip_network(opts["--from"])
            proto = "--tcp" if "--tcp" in opts else "--udp"
            mgmt.append(nest(A_MGMT, [
                attr(MGMT_ZONE, bytes([ZONES[opts.get("--zone", "internal")]])),
                attr(MGMT_PROTO, bytes([6 if proto == "--tcp" else 17])),
                attr(MGMT_PREFIX, net.network_address.packed),
                attr(MGMT_PREFIX_LEN, bytes([net.prefixlen])),
                attr(MGMT_PORT, struct.pack("H", int(opts[proto])))]))
        elif words[0] == "profile":
            extra += attr(A_PROFILE, bytes([PROFILES[words[1]]]))
        elif words[:2] == ["mode", "audit"]:
            flags |= F_AUDIT
        elif words[0] in ON_FLAGS and words[1] == "on":
            flags |= ON_FLAGS[words[0]]
            if words[2:4] == ["--nflog-group"]:
                extra += attr(A_LOG_GROUP, struct.pack("H", int(words[3])))
    return (attr(A_FLAGS, struct.pack("I", flags)) + extra +
            nest(A_POOL, pool) + nest(A_BINDINGS, bindings) +
            b"".join(roles) + b"".join(mgmt))


def request(sock, family, cmd, payload, version=2):
    """version: the family's protocol (nlctrl: 1; edgefw: EDGEFW_GENL_VERSION)"""
    body = struct.pack("BBH", cmd, version, 0) + payload
    sock.send(struct.pack("IHHII", 16 + len(body), family,
                          NLM_F_REQUEST | NLM_F_ACK, 1, 0) + body)


def answer(sock):
    """errno of the ack (0: success), and the payload of a reply if any."""
    data = sock.recv(65536)
    _, kind = struct.unpack_from("IH", data)
    if kind == 2:  # NLMSG_ERROR
        return -struct.unpack_from("i", data, 16)[0], None
    return 0, data[20:]


def family_id(sock):
    request(sock, GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
            attr(CTRL_ATTR_FAMILY_NAME, b"edgefw\0"), 1)
    err, payload = answer(sock)
    if err:
        sys.exit("edgefw family not found")
    answer(sock)  # the ack
    off = 0
    while off < len(payload):
        length, kind = struct.unpack_from("HH", payload, off)
        if kind == CTRL_ATTR_FAMILY_ID:
            return struct.unpack_from("H", payload, off + 4)[0]
        off += (length + 3) & ~3
    sys.exit("no family id")


def main():
    nth, path = int(sys.argv[1]), sys.argv[2]
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    sock.bind((0, 0))
    sock.setsockopt(270, NETLINK_EXT_ACK, 1)
    family = family_id(sock)
    payload = config_attrs(path)
    # Opened first: opening it once armed would itself allocate.
    fd = os.open("/proc/thread-self/fail-nth", os.O_RDWR)
    os.write(fd, str(nth).encode())
    try:
        request(sock, family, CMD_SET_CONFIG, payload)
        sent = 0
    except OSError as e:  # the message itself could not be allocated
        sent = e.errno
    left = int(os.pread(fd, 32, 0))
    os.write(fd, b"0")
    if sent:
        err = sent
    else:
        try:
            err = answer(sock)[0]
        except OSError:  # the answer could not be allocated: outcome unknown
            err = "lost"
    print("not-injected" if left else "injected", err)


if __name__ == "__main__":
    main()
