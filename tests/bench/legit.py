#!/usr/bin/python3 -IS
"""A legitimate client during a flood (tests/bench/guest.sh, part legit).

  legit.py SRC DST:PORT COUNT RATE TIMEOUT

Opens COUNT TCP connections from SRC to DST:PORT, RATE of them a second
whether the earlier ones are done or not, as independent clients would.
Each sends a line and waits for the server's answer (tests/vm/probe.py
serve echoes it); it succeeds if the answer comes within TIMEOUT seconds
of its start, SYN retransmissions included. Prints one line:

  attempts=N ok=M first_try=F ms_median=X ms_max=Y

first_try: the successes that took less than a second, the kernel's first
SYN retransmission timeout (their SYN was not dropped). The times are of
the successful ones. Python standard library only.
"""

import errno
import selectors
import socket
import statistics
import sys
import time


def main(argv):
    if len(argv) != 6:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    src = argv[1]
    dst_host, _, dst_port = argv[2].rpartition(":")
    count, rate, timeout = int(argv[3]), float(argv[4]), float(argv[5])
    sel = selectors.DefaultSelector()
    start = time.monotonic()
    started = ok = 0
    times = []

    def finish(sock, success):
        nonlocal ok
        t0 = sel.get_key(sock).data[0]
        sel.unregister(sock)
        sock.close()
        if success:
            ok += 1
            times.append(time.monotonic() - t0)

    while started < count or sel.get_map():
        now = time.monotonic()
        while started < count and now >= start + started / rate:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(False)
            s.bind((src, 0))
            err = s.connect_ex((dst_host, int(dst_port)))
            if err not in (0, errno.EINPROGRESS):
                s.close()
            else:
                sel.register(s, selectors.EVENT_WRITE, [now, b""])
            started += 1
        for key, _ in sel.select(timeout=0.01):
            s, data = key.fileobj, key.data
            if not data[1]:		# connected, or failed
                if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
                    finish(s, False)
                    continue
                s.send(b"legit\n")
                data[1] = b"sent"
                sel.modify(s, selectors.EVENT_READ, data)
                continue
            try:
                got = s.recv(200)
            except OSError:
                got = b""
            if not got:
                finish(s, False)
            elif b"\n" in got:
                finish(s, True)
        now = time.monotonic()
        for key in list(sel.get_map().values()):
            if now - key.data[0] > timeout:
                finish(key.fileobj, False)
    ms = sorted(t * 1000 for t in times)
    print("attempts=%d ok=%d first_try=%d ms_median=%.0f ms_max=%.0f" % (
        count, ok, sum(1 for t in times if t < 1.0),
        statistics.median(ms) if ms else 0, ms[-1] if ms else 0))


if __name__ == "__main__":
    main(sys.argv)
