#!/usr/bin/python3 -IS
"""Traffic probes for edgefw's end-to-end tests (python3 standard library only).

Servers:
  probe.py serve [--log FILE] [--ready FILE] SPEC...
      SPEC is PROTO/ADDR[,ADDR...]/PORTS with PROTO tcp or udp, ADDR an IPv4
      or IPv6 address, PORTS like 80,443,49999-50001. Every socket echoes:
      TCP reads one line and answers it, UDP answers each datagram. The
      answer is the request followed by " @LOCAL from PEER" (the addresses
      the server saw), so a client can tell that its packet arrived as sent.
      Whatever follows the first line is echoed too (after the answer's
      first line). A UDP datagram to port 53 that is a DNS query for an A
      record is answered as DNS (one A record, 192.0.2.1).
      Every connection or datagram is logged to FILE as
      "proto local_addr local_port peer_addr peer_port" (a test can then
      show that a packet it believed dropped never reached a server).
      Writes FILE (--ready) once every socket is listening. Runs until killed.

Clients (run them in a namespace with `ip netns exec NS`):
  probe.py tcp|udp|udpbig|dns [--timeout T] SRC[:SPORT] DST:DPORT
      IPv6 as [ADDR]:PORT. SPORT 0 or absent: any. T defaults to 5 s,
      as for batch's probes that should pass: a drop costs the whole
      timeout, so a probe expected to be dropped sets a shorter one.
      udpbig: a UDP datagram with 3000 bytes of padding that the server
      echoes (fragmented both ways on a 1500-byte MTU); dns: a DNS query
      for an A record.
      Exit 0: the exchange succeeded (answer received and it is the echo of
              what was sent, seen by the server from SRC:SPORT);
           1: dropped (no answer within T seconds, or the local firewall
              refused to send: EPERM);
           2: refused (TCP reset, ICMP port unreachable: nothing listens,
              but the packet got there and the answer came back);
           3: any other error (no route, address not available, bad echo).
  probe.py batch [--timeout T] [--drop-timeout T]
      Reads lines "ID PROTO SRC[:SPORT] DST:DPORT [EXPECT]" on stdin, runs
      them all at once, prints "ID RESULT SPORT SENT DETAIL" per line
      (RESULT one of pass, drop, refused, error; SPORT the source port used;
      SENT the payload bytes sent), in input order. A probe whose EXPECT
      is "drop" waits --drop-timeout (default 1 s), the others --timeout
      (default 5 s): an expected drop costs its timeout, run in parallel.
      A probe expected to pass or be refused that timed out is run once
      more, on its own, and its DETAIL ends in "(retried)": hundreds of
      probes at once on an emulated CPU can overflow a queue (neighbour
      resolution, socket buffers) and UDP does not retransmit. Nothing else
      is retried: not a probe expected to be dropped or without an
      expectation (its silence is the verdict asked for), not a send the
      local firewall refused (EPERM: the module's own verdict).

  probe.py series [--timeout T] --until FILE PROTO SRC:SPORT DST:DPORT
      Runs the probe PROTO SRC DST over and over, one after the other, each
      a new flow: from SPORT, then SPORT + 1, ... (never a 5-tuple that
      conntrack may still hold from an earlier probe), until FILE exists;
      prints
      "START END RESULT SPORT DETAIL" per probe (START and END: wall-clock
      time, seconds since the epoch, as bash's EPOCHREALTIME), so that a
      test can change the configuration meanwhile and judge the probes
      that ran wholly before or wholly after the change. Nothing is retried.

Conntrack:
  probe.py ct-flush
      Empties the conntrack table of the current namespace (ctnetlink, as
      `conntrack -F` does; needs nf_conntrack_netlink), so that a flow that
      an earlier phase let through is judged afresh, and waits until the
      namespace counts no entry (nf_conntrack_count) before it exits 0.
"""

import ctypes
import errno
import os
import selectors
import signal
import socket
import struct
import sys
import threading
import time

PASS, DROP, REFUSED, ERROR = 0, 1, 2, 3
RESULT_NAMES = {PASS: "pass", DROP: "drop", REFUSED: "refused", ERROR: "error"}
TIMED_OUT = "timed out"  # the DETAIL of a drop that is silence, not EPERM
RETRIED = " (retried)"

# ---------------------------------------------------------------------------
# addresses


def family_of(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def parse_endpoint(s, need_port):
    """'1.2.3.4', '1.2.3.4:80', '[2001:db8::1]:80', '2001:db8::1' -> (addr, port)."""
    if s.startswith("["):
        addr, _, rest = s[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif s.count(":") == 1:
        addr, _, port = s.partition(":")
    else:
        addr, port = s, ""
    if need_port and not port:
        raise ValueError("%s: no port" % s)
    fam = family_of(addr)
    addr = socket.inet_ntop(fam, socket.inet_pton(fam, addr))  # canonical
    p = int(port) if port else 0
    if not 0 <= p <= 65535:
        raise ValueError("%s: bad port" % s)
    return addr, p


def fmt_endpoint(addr, port):
    return "[%s]:%d" % (addr, port) if ":" in addr else "%s:%d" % (addr, port)


def parse_ports(s):
    ports = []
    for part in s.split(","):
        lo, _, hi = part.partition("-")
        lo = int(lo)
        hi = int(hi) if hi else lo
        if not 1 <= lo <= hi <= 65535:
            raise ValueError("bad port range %s" % part)
        ports.extend(range(lo, hi + 1))
    return ports


# ---------------------------------------------------------------------------
# DNS (just enough to answer an A query and to check the answer)

DNS_ANSWER = "192.0.2.1"


def dns_query(name, qid):
    q = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    for label in name.rstrip(".").split("."):
        q += bytes([len(label)]) + label.encode()
    return q + b"\0" + struct.pack("!HH", 1, 1)


def dns_question_end(msg):
    """Offset after the question of a one-question message, or None."""
    if len(msg) < 12:
        return None
    i = 12
    while i < len(msg):
        n = msg[i]
        if n == 0:
            i += 1
            return i + 4 if i + 4 <= len(msg) else None
        if n & 0xC0:
            return None
        i += 1 + n
    return None


def dns_answer(msg):
    """A reply to msg if it is a standard query for one A/IN record."""
    qid, flags, qd, an, ns, ar = struct.unpack("!HHHHHH", msg[:12]) if len(msg) >= 12 else (0,) * 6
    if len(msg) < 12 or flags & 0xF800 or qd != 1 or an or ns:
        return None
    end = dns_question_end(msg)
    if end is None or msg[end - 4:end] != struct.pack("!HH", 1, 1):
        return None
    head = struct.pack("!HHHHHH", qid, 0x8180, 1, 1, 0, 0)
    rr = struct.pack("!HHHIH", 0xC00C, 1, 1, 60, 4) + socket.inet_aton(DNS_ANSWER)
    return head + msg[12:end] + rr


def dns_check(query, reply):
    if len(reply) < 12 or reply[:2] != query[:2]:
        return "reply id does not match"
    _, flags, qd, an = struct.unpack("!HHHH", reply[:8])
    if not flags & 0x8000 or flags & 0xF:
        return "not an answer (flags %#x)" % flags
    if an < 1 or not reply.endswith(socket.inet_aton(DNS_ANSWER)):
        return "no A record %s in the answer" % DNS_ANSWER
    return None


# ---------------------------------------------------------------------------
# server


def raise_nofile():
    try:
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft < hard:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ImportError, ValueError, OSError):
        pass


def reuse(s):
    """Let a client bind the port a server listens on (row 11: from 3478 to
    3478 while the edge also serves 3478; row 7: from 50000 while the edge
    serves 50000). Servers and clients both set it."""
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)


SO_ATTACH_REUSEPORT_CBPF = 51  # asm-generic/socket.h


def server_first(s):
    """A client bound to a server's UDP port (reuse) joins the server's
    SO_REUSEPORT group, and between its bind() and its connect() the
    kernel hands it, by a hash of the sender's address and port, some of
    the datagrams meant for the server: another probe's request, lost to
    both. This classic BPF program, "return 0", picks the group's first
    socket every time: the server's, bound before any client. A connected
    client still gets its peer's answers (they match it better)."""
    insn = ctypes.create_string_buffer(struct.pack("=HBBI", 0x06, 0, 0, 0))  # BPF_RET|BPF_K 0
    s.setsockopt(socket.SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF,
                 struct.pack("@HP", 1, ctypes.addressof(insn)))


def serve(args):
    log_path = ready_path = None
    specs = []
    it = iter(args)
    for a in it:
        if a == "--log":
            log_path = next(it)
        elif a == "--ready":
            ready_path = next(it)
        else:
            specs.append(a)
    if not specs:
        usage()
    raise_nofile()
    log = open(log_path, "a", buffering=1) if log_path else None
    sel = selectors.DefaultSelector()
    count = 0
    for spec in specs:
        try:
            proto, addrs, ports = spec.split("/")
        except ValueError:
            die("bad server spec %r (want PROTO/ADDR[,ADDR]/PORTS)" % spec)
        if proto not in ("tcp", "udp"):
            die("bad protocol in %r" % spec)
        for addr in addrs.split(","):
            fam = family_of(addr)
            addr = socket.inet_ntop(fam, socket.inet_pton(fam, addr))
            for port in parse_ports(ports):
                s = socket.socket(fam, socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM)
                reuse(s)
                if fam == socket.AF_INET6:
                    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                try:
                    s.bind((addr, port))
                except OSError as e:
                    die("cannot bind %s/%s: %s" % (proto, fmt_endpoint(addr, port), e))
                if proto == "tcp":
                    s.listen(64)
                else:
                    server_first(s)
                s.setblocking(False)
                sel.register(s, selectors.EVENT_READ, (proto, addr, port))
                count += 1
    if ready_path:
        with open(ready_path + ".tmp", "w") as f:
            f.write("%d sockets\n" % count)
        os.rename(ready_path + ".tmp", ready_path)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))

    conns = {}  # accepted socket -> (buffer, local, peer, deadline)
    while True:
        now = time.monotonic()
        for c, (buf, local, peer, deadline) in list(conns.items()):
            if now > deadline:
                sel.unregister(c)
                c.close()
                del conns[c]
        for key, _ in sel.select(timeout=1.0):
            s = key.fileobj
            data = key.data
            if data == "conn":
                buf, local, peer, deadline = conns[s]
                try:
                    chunk = s.recv(4096)
                except OSError:
                    chunk = b""
                buf += chunk
                if chunk and b"\n" not in buf and len(buf) < 4096:
                    conns[s] = (buf, local, peer, deadline)
                    continue
                if buf:
                    line = buf.split(b"\n", 1)[0]
                    try:
                        s.setblocking(True)
                        s.settimeout(2)
                        s.sendall(line + (" @%s from %s\n" % (local, peer)).encode())
                    except OSError:
                        pass
                sel.unregister(s)
                s.close()
                del conns[s]
                continue
            proto, addr, port = data
            if proto == "tcp":
                try:
                    c, peer = s.accept()
                except OSError:
                    continue
                lname = c.getsockname()
                local = fmt_endpoint(lname[0], lname[1])
                pstr = fmt_endpoint(peer[0], peer[1])
                if log:
                    log.write("tcp %s %d %s %d\n" % (lname[0], lname[1], peer[0], peer[1]))
                c.setblocking(False)
                conns[c] = (b"", local, pstr, time.monotonic() + 5)
                sel.register(c, selectors.EVENT_READ, "conn")
            else:
                try:
                    msg, peer = s.recvfrom(65535)
                except OSError:
                    continue
                if log:
                    log.write("udp %s %d %s %d\n" % (addr, port, peer[0], peer[1]))
                reply = dns_answer(msg) if port == 53 else None
                if reply is None:
                    line, _, rest = msg.partition(b"\n")
                    reply = line + (
                        " @%s from %s\n" % (fmt_endpoint(addr, port), fmt_endpoint(peer[0], peer[1]))
                    ).encode() + rest
                try:
                    s.sendto(reply, peer)
                except OSError:
                    pass


# ---------------------------------------------------------------------------
# clients


def classify_error(e):
    if isinstance(e, socket.timeout):
        return DROP, TIMED_OUT
    if e.errno == errno.EPERM:
        return DROP, "EPERM: the local firewall refused to send"
    if e.errno in (errno.ECONNREFUSED, errno.ECONNRESET):
        return REFUSED, os.strerror(e.errno)
    return ERROR, "%s: %s" % (errno.errorcode.get(e.errno, e.errno), os.strerror(e.errno or 0))


def client(proto, src, dst, timeout, tag="probe"):
    """Returns (result, local source port, payload bytes sent, detail)."""
    try:
        saddr, sport = parse_endpoint(src, False)
        daddr, dport = parse_endpoint(dst, True)
    except (ValueError, OSError) as e:
        return ERROR, 0, 0, "bad endpoint: %s" % e
    fam = family_of(daddr)
    if family_of(saddr) != fam:
        return ERROR, 0, 0, "source and destination families differ"
    s = socket.socket(fam, socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM)
    lport = sent = 0
    try:
        if sport:
            reuse(s)
        s.bind((saddr, sport))
        lport = s.getsockname()[1]
        deadline = time.monotonic() + timeout

        def left():
            t = deadline - time.monotonic()
            if t <= 0:
                raise socket.timeout()
            return t

        me = fmt_endpoint(saddr, lport)
        if proto == "dns":
            query = dns_query("sip.contoso.example", os.getpid() & 0xFFFF)
            s.connect((daddr, dport))
            s.settimeout(left())
            sent = s.send(query)
            while True:
                s.settimeout(left())
                reply = s.recv(65535)
                bad = dns_check(query, reply)
                if bad is None:
                    return PASS, lport, sent, "answer %s" % DNS_ANSWER
                # keep waiting for a matching answer
        payload = "%s %s %s->%s" % (tag, proto, me, fmt_endpoint(daddr, dport))
        want = payload + " @%s from %s" % (fmt_endpoint(daddr, dport), me)
        if proto == "tcp":
            s.settimeout(timeout)
            s.connect((daddr, dport))
            s.settimeout(left())
            data = (payload + "\n").encode()
            s.sendall(data)
            sent = len(data)
            buf = b""
            while b"\n" not in buf:
                s.settimeout(left())
                chunk = s.recv(4096)
                if not chunk:
                    break
                buf += chunk
            answer = buf.decode(errors="replace").split("\n", 1)[0]
        else:
            # udpbig: 3000 bytes of padding, echoed back: both ways the
            # datagram is fragmented on the wire (veth MTU 1500).
            pad = b"x" * (3000 if proto == "udpbig" else 0)
            s.connect((daddr, dport))
            s.settimeout(left())
            sent = s.send((payload + "\n").encode() + pad)
            # Bound to a port a server shares (reuse), the socket could
            # take another probe's datagram before connect(): not ours.
            while True:
                s.settimeout(left())
                reply, peer = s.recvfrom(65535)
                if socket.inet_pton(fam, peer[0]) == socket.inet_pton(fam, daddr) \
                        and peer[1] == dport:
                    break
            line, _, rest = reply.partition(b"\n")
            answer = line.decode(errors="replace")
            if answer == want and rest != pad:
                return ERROR, lport, sent, "answer with %d bytes of padding, sent %d" % (len(rest), len(pad))
        if answer != want:
            return ERROR, lport, sent, "unexpected answer %r, wanted %r" % (answer, want)
        return PASS, lport, sent, "echoed"
    except (socket.timeout, OSError) as e:
        r, detail = classify_error(e)
        return r, lport, sent, detail
    finally:
        s.close()


def batch(args):
    timeout, drop_timeout = 5.0, 1.0
    it = iter(args)
    for a in it:
        if a == "--timeout":
            timeout = float(next(it))
        elif a == "--drop-timeout":
            drop_timeout = float(next(it))
        else:
            usage()
    raise_nofile()
    jobs = []
    for n, line in enumerate(sys.stdin, 1):
        w = line.split()
        if not w or w[0].startswith("#"):
            continue
        if len(w) not in (4, 5) or w[1] not in ("tcp", "udp", "udpbig", "dns"):
            die("stdin line %d: want ID PROTO SRC[:SPORT] DST:DPORT [EXPECT]: %r" % (n, line))
        jobs.append(w)
    results = [None] * len(jobs)

    def run(i, w):
        t = drop_timeout if len(w) == 5 and w[4] == "drop" else timeout
        try:
            results[i] = client(w[1], w[2], w[3], t, tag=w[0])
        except Exception as e:  # a bug here must not look like a drop
            results[i] = (ERROR, 0, 0, "exception %r" % e)

    threads = [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Retries: see the usage text (batch).
    for i, w in enumerate(jobs):
        if results[i][3] == TIMED_OUT and len(w) == 5 and w[4] in ("pass", "refused"):
            run(i, w)
            r, lport, sent, detail = results[i]
            results[i] = (r, lport, sent, detail + RETRIED)
    for w, (r, lport, sent, detail) in zip(jobs, results):
        print("%s %s %d %d %s" % (w[0], RESULT_NAMES[r], lport, sent, detail))
    return 0


def series(args):
    timeout, until = 1.0, None
    while len(args) > 3:
        if args[0] == "--timeout":
            timeout = float(args[1])
        elif args[0] == "--until":
            until = args[1]
        else:
            usage()
        args = args[2:]
    if until is None or len(args) != 3 or args[0] not in ("tcp", "udp", "udpbig", "dns"):
        usage()
    proto, src, dst = args
    try:
        saddr, sport = parse_endpoint(src, True)
    except (ValueError, OSError) as e:
        die("series: %s" % e)
    n = 0
    while not os.path.exists(until):
        start = time.time()
        r, lport, _, detail = client(proto, fmt_endpoint(saddr, sport + n), dst, timeout,
                                     tag="series%d" % n)
        n += 1
        print("%.6f %.6f %s %d %s" % (start, time.time(), RESULT_NAMES[r], lport, detail), flush=True)
    return 0


def ct_flush():
    NETLINK_NETFILTER = 12
    NLM_F_REQUEST, NLM_F_ACK = 1, 4
    msg_type = (1 << 8) | 2  # NFNL_SUBSYS_CTNETLINK, IPCTNL_MSG_CT_DELETE
    body = struct.pack("!BBH", socket.AF_UNSPEC, 0, 0)  # struct nfgenmsg
    hdr = struct.pack("=IHHII", 16 + len(body), msg_type, NLM_F_REQUEST | NLM_F_ACK, 1, 0)
    with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER) as s:
        s.settimeout(5)
        s.send(hdr + body)
        reply = s.recv(65536)
    if len(reply) < 20:
        die("ct-flush: short answer")
    (err,) = struct.unpack("=i", reply[16:20])
    if err:
        die("ct-flush: %s" % os.strerror(-err))
    # Deleted entries are freed once nothing holds them: wait for that, so
    # that the caller starts from an empty table, or knows it did not.
    count = "/proc/sys/net/netfilter/nf_conntrack_count"
    deadline = time.monotonic() + 30
    while True:
        with open(count) as f:
            left = int(f.read())
        if left == 0:
            return 0
        if time.monotonic() > deadline:
            die("ct-flush: %d conntrack entries left 30 s after the flush" % left)
        time.sleep(0.1)


def die(msg):
    print("probe.py: %s" % msg, file=sys.stderr)
    sys.exit(3)


def usage():
    print(__doc__.strip(), file=sys.stderr)
    sys.exit(3)


def main(argv):
    if len(argv) < 2:
        usage()
    mode, rest = argv[1], argv[2:]
    if mode == "serve":
        serve(rest)
        return 0
    if mode == "batch":
        return batch(rest)
    if mode == "series":
        return series(rest)
    if mode == "ct-flush" and not rest:
        return ct_flush()
    if mode in ("tcp", "udp", "udpbig", "dns"):
        timeout = 5.0
        if len(rest) >= 2 and rest[0] == "--timeout":
            timeout = float(rest[1])
            rest = rest[2:]
        if len(rest) != 2:
            usage()
        r, lport, sent, detail = client(mode, rest[0], rest[1], timeout)
        print("%s %s %s->%s: %s" % (RESULT_NAMES[r], mode, rest[0], rest[1], detail),
              file=sys.stderr if r else sys.stdout)
        return r
    usage()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
