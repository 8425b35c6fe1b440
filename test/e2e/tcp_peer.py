#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""A small TCP stream for test_tcp_handover (real kernel sockets on both ends).

  tcp_peer.py server ADDR PORT        accept one stream, print JSON statistics
  tcp_peer.py client ADDR PORT SECS   stream SECS seconds at ~280 kB/s, print JSON

The server measures the longest gap between two reads (a stall); at the end of
the stream it sends back the byte count, which the client checks.
"""
import json
import socket
import sys
import time


def server(addr, port):
    ls = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((addr, port))
    ls.listen(1)
    ls.settimeout(30)
    print("listening", flush=True)
    c, peer = ls.accept()
    c.settimeout(30)
    total, gap, last, reset = 0, 0.0, time.monotonic(), None
    try:
        while True:
            b = c.recv(65536)
            now = time.monotonic()
            if not b:
                break
            gap, last = max(gap, now - last), now
            total += len(b)
        c.sendall(f"{total}\n".encode())
        c.close()
    except OSError as e:
        reset = repr(e)
    print(json.dumps({"bytes": total, "max_gap": round(gap, 3), "error": reset}), flush=True)


def client(addr, port, secs):
    s = socket.create_connection((addr, port), timeout=10)
    s.settimeout(30)
    chunk, sent, err, end = b"m" * 1400, 0, None, time.monotonic() + secs
    try:
        while time.monotonic() < end:
            s.sendall(chunk)
            sent += len(chunk)
            time.sleep(0.005)
        s.shutdown(socket.SHUT_WR)
        echo = int(s.makefile().readline() or -1)
    except OSError as e:
        err, echo = repr(e), -1
    print(json.dumps({"bytes": sent, "echo": echo, "error": err}), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "server":
        server(sys.argv[2], int(sys.argv[3]))
    else:
        client(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
