#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Seeds of the conn fuzz target (tests/fuzz/fuzz_conn.c), written from
readable descriptions into tests/fuzz/corpus/conn/:

    tests/fuzz/mkconn.py [DIR]

The byte layout is the one fuzz_conn.c's decode() and run() read; each
seed below says what it is meant to reach.  libFuzzer mutates from
here, so a seed only has to be a good starting point, not a test.
"""
import os
import sys

# fuzz_conn.c's vocab[] and names[], by position
PAT = {"^get ": 0, "ssh-[12]": 1, "a$": 2, "^ab*c": 3, "x*": 4, "^": 5,
       "(ab|ba)+z": 6, "[a-c]+d$": 7, "hello.*world": 8, "\\xff.\\xfe": 9,
       "q": 10, "nfa-slow": 11, "nfa-anchored": 12, "nfa-ab": 13,
       "own0": 14, "own1": 15}
NAME = {"http": 0, "ssh": 1, "ftp": 2, "long": 3, "unset": 4, "unknown": 5}


def byte_with(mod, want, high):
    """A byte b with b % mod == want and bits 5-7 equal to high."""
    for b in range(high << 5, (high << 5) + 32):
        if b % mod == want:
            return b
    raise ValueError("no byte")


class Seed:
    def __init__(self, maxdatalen=64, num_packets=10, flows=1,
                 steps_packet=None, steps_conn=None, mem_max=None,
                 np99=False, text=(b"GET / HTTP/1.0\r\n", b"SSH-2.0-x\r\n"),
                 isn=((0, 0), (0, 0)), own=(), rules=(), combine=None):
        b0 = ((maxdatalen - 1) >> 8 & 1) | (steps_packet is not None) << 1 \
            | (steps_conn is not None) << 2 | (mem_max is not None) << 3 \
            | np99 << 4 | (flows == 2) << 5
        out = [b0, (maxdatalen - 1) & 0xff]
        if steps_packet is not None:
            out.append((steps_packet - 1) // 4)
        if steps_conn is not None:
            out.append((steps_conn - 1) // 16)
        if mem_max is not None:
            out.append(mem_max // 8)
        out.append(num_packets - 1)
        for d in range(2):
            assert 1 <= len(text[d]) <= 64
            out.append(len(text[d]) - 1)
            out += text[d]
            out += [isn[0][d], isn[1][d]]   # isn = byte * 16777259
        out.append(len(own))
        for re, nodfa in own:
            out.append(len(re) | (0x80 if nodfa else 0))
            out += re
        out.append(len(rules) - 1)
        for r in rules:
            name, pat = r[0], r[1]
            opts = r[2] if len(r) > 2 else ""
            out.append(PAT[pat])
            high = ("!" in opts) << 2 | ("id0" in opts) << 1 | \
                ("noprog" in opts)
            out.append(byte_with(6, NAME[name], high))
        if combine is None:
            out.append(0)
        else:
            mask, alone = combine
            out += [1, ~mask & 0xff, alone]
        self.b = bytes(out)
        self.ops = []

    def packet(self, flow=0, dir=0, udp=False, syn=False, data=b"",
               seq=None, back=None, gap=None, length=None, set="cur",
               foreign=False, chunk=None, err=None, rules=False):
        """TCP bytes come from the direction's text: give length (or
        data, whose length counts); seq=None: at the flow's cursor."""
        n = length if length is not None else len(data)
        how = flow | dir << 1 | udp << 2 | syn << 3 | \
            {"cur": 0, "none": 2, "prev": 3}[set] << 4 | foreign << 6 | \
            (chunk is not None) << 7
        op = [6 if rules else 0, how]
        if not udp:
            if seq is not None:
                op += [3] + list(seq.to_bytes(4, "big"))
            elif back is not None:
                op.append(1 | back << 2)
            elif gap is not None:
                op.append(2 | gap << 2)
            else:
                op.append(0)
        if n < 40:
            op.append(n)
        else:
            assert n % 32 == 0 and n <= 15 * 32
            op.append(240 + n // 32)
        if udp or foreign:
            op += data.ljust(n, b"\0")
        if chunk is not None:
            op.append((chunk - 1) | (0x80 if err is not None else 0))
            if err is not None:
                op.append(err)
        self.ops += op
        return self

    def rules(self, mask=0, flow=0, twice=False):
        self.ops += [8, mask | flow << 6 | twice << 7]
        return self

    def close(self, flow=0):
        self.ops += [10, flow]
        return self

    def fail(self, nth):
        self.ops += [11, nth - 1]
        return self

    def recombine(self, mask=0x3f, alone=0, old=0):
        self.ops += [12, ~mask & 0xff, alone, old]
        return self

    def params(self, mem_max=None, num_packets=None):
        a = 1 if mem_max is None else (mem_max // 8) << 1
        b = 0 if num_packets is None else 0x80 | (num_packets - 1)
        self.ops += [13, a, b]
        return self

    def empty(self, count, flow=0, dir=0):
        self.ops += [14 | flow << 4 | dir << 5, count]
        return self

    def bytes(self):
        return self.b + bytes(self.ops)


HTTP = (b"GET / HTTP/1.0\r\nHost: x\r\n\r\n", b"HTTP/1.0 200 OK\r\n\r\n")
SSH = (b"SSH-2.0-client\r\n", b"SSH-2.0-OpenSSH_9\r\n")
R_HTTP = [("http", "^get "), ("ssh", "ssh-[12]"), ("unknown", "q"),
          ("unset", "q")]


def seeds():
    s = {}
    # the plain cases, as l7classify runs them
    s["http"] = Seed(text=HTTP, rules=R_HTTP).packet(syn=True, rules=True) \
        .packet(dir=1, syn=True, rules=True) \
        .packet(length=16, rules=True).packet(dir=1, length=8, rules=True)
    s["ssh-reply"] = Seed(text=SSH, rules=R_HTTP, combine=(0x3f, 0)) \
        .packet(syn=True).packet(dir=1, syn=True) \
        .packet(dir=1, length=19, rules=True).packet(length=16, rules=True)
    s["udp"] = Seed(rules=[("http", "^get "), ("ftp", "hello.*world")]) \
        .packet(udp=True, data=b"HEL\0LO big\0 WORLD", rules=True)
    # TCP order
    s["reorder"] = Seed(text=HTTP, rules=R_HTTP) \
        .packet(syn=True).packet(gap=4, length=8, rules=True) \
        .packet(length=4, rules=True).rules()
    s["retransmit"] = Seed(text=HTTP, rules=R_HTTP) \
        .packet(syn=True).packet(length=3, rules=True) \
        .packet(back=3, length=3, rules=True) \
        .packet(length=10, rules=True)
    s["overlap"] = Seed(text=HTTP, rules=R_HTTP) \
        .packet(length=3).packet(back=2, length=9, rules=True) \
        .packet(back=5, length=12, rules=True)
    s["gap-unfilled"] = Seed(text=HTTP, rules=R_HTTP, num_packets=4) \
        .packet(syn=True).packet(gap=20, length=8).packet(gap=9, length=8) \
        .packet(back=60, length=4, rules=True).packet(length=2, rules=True)
    s["ooo-max"] = Seed(text=HTTP, maxdatalen=300, rules=R_HTTP,
                        np99=True)
    s["ooo-max"].packet(syn=True)
    for _ in range(10):
        s["ooo-max"].packet(gap=2, length=2)
    s["ooo-max"].packet(back=40, length=4, rules=True)
    s["both-dirs"] = Seed(text=(b"abcabcabc", b"dzdzdzdz"),
                          rules=[("ftp", "[a-c]+d$"), ("http", "(ab|ba)+z")]) \
        .packet(length=3, rules=True).packet(dir=1, length=1, rules=True) \
        .packet(dir=1, length=1, rules=True).packet(length=2, rules=True)
    s["syn-payload"] = Seed(text=HTTP, rules=R_HTTP) \
        .packet(syn=True, length=5, rules=True) \
        .packet(back=5, syn=True, length=5).packet(length=4, rules=True)
    s["seq-wrap"] = Seed(text=HTTP, isn=((255, 255), (254, 0)),
                         rules=R_HTTP) \
        .packet(seq=0xfffffffe, length=6).packet(length=6, rules=True) \
        .packet(seq=0xfffffff0, length=30, rules=True)
    s["anywhere"] = Seed(text=HTTP, rules=R_HTTP) \
        .packet(seq=0x80000000, length=5).packet(length=5, rules=True) \
        .packet(seq=0x7fffffff, length=5, rules=True)
    s["foreign-bytes"] = Seed(text=HTTP, rules=R_HTTP) \
        .packet(length=4).packet(back=4, foreign=True, data=b"POST /") \
        .packet(length=6, rules=True)
    # children
    s["child"] = Seed(flows=2, text=(b"hello ", b"world"),
                      rules=[("ftp", "hello.*world"), ("unset", "q")]) \
        .packet(length=6, rules=True).packet(flow=1, dir=1, length=5) \
        .rules(flow=1)
    s["child-close"] = Seed(flows=2, text=HTTP, rules=R_HTTP) \
        .packet(flow=1, syn=True).packet(flow=1, gap=8, length=8) \
        .packet(length=20, rules=True) \
        .close(flow=1).packet(flow=1, length=1, rules=True)
    s["child-held-root-decides"] = Seed(flows=2, text=HTTP, rules=R_HTTP) \
        .packet(flow=1, syn=True).packet(flow=1, gap=3, length=5) \
        .packet(flow=0, length=5) \
        .rules(flow=0).close(flow=1).packet(flow=1, length=2)
    # sets
    s["set"] = Seed(text=HTTP, rules=R_HTTP + [("ftp", "hello.*world")],
                    combine=(0x3f, 0)) \
        .packet(length=8, rules=True).packet(length=8, rules=True)
    s["set-partly-alone"] = Seed(text=SSH, rules=R_HTTP,
                                 combine=(0x03, 0x01)) \
        .packet(dir=1, length=12, rules=True)
    s["recombine"] = Seed(text=HTTP, rules=R_HTTP, combine=(0x01, 0)) \
        .packet(length=3, rules=True).recombine(0x3f) \
        .packet(length=3, rules=True).recombine(0x02, old=0x01) \
        .packet(length=3, set="prev", rules=True).recombine(0) \
        .packet(length=10, rules=True)
    s["set-none"] = Seed(text=HTTP, rules=R_HTTP, combine=(0x3f, 0)) \
        .packet(length=3, set="none").rules().packet(length=3, set="prev") \
        .rules(mask=0x01, twice=True)
    # more patterns alone than L7_MAX_STREAMS: the one-shot path
    s["stream-cap"] = Seed(text=(b"ab" * 8 + b"z", b"q"), maxdatalen=100,
                           rules=[("http", "^get "), ("ssh", "ssh-[12]"),
                                  ("ftp", "q"), ("ftp", "hello.*world"),
                                  ("http", "(ab|ba)+z"),
                                  ("ssh", "nfa-anchored")],
                           combine=(0x03, 0)) \
        .packet(length=4, rules=True).packet(length=13, rules=True)
    # bounds
    s["steps-packet"] = Seed(text=(b"abababab" * 4, b"z"), maxdatalen=200,
                             steps_packet=200,
                             rules=[("ftp", "nfa-slow"), ("unknown", "q")]) \
        .packet(length=32, rules=True).packet(length=32, rules=True)
    s["steps-conn"] = Seed(text=(b"abcdefgh", b"z"), maxdatalen=200,
                           steps_conn=600,
                           rules=[("ftp", "nfa-slow")], combine=(1, 0)) \
        .packet(length=32, rules=True).packet(length=32, rules=True) \
        .packet(length=32, rules=True)
    s["mem-max"] = Seed(text=HTTP, mem_max=160, rules=R_HTTP) \
        .packet(length=20, rules=True).packet(length=20, rules=True)
    s["mem-lowered"] = Seed(text=HTTP, maxdatalen=300, rules=R_HTTP,
                            flows=2) \
        .packet(length=10, rules=True).packet(flow=1, syn=True) \
        .packet(flow=1, gap=5, length=20) \
        .params(mem_max=200).packet(length=30, rules=True) \
        .params().packet(flow=1, length=5, rules=True)
    s["num-packets"] = Seed(num_packets=3, rules=R_HTTP) \
        .packet(udp=True, data=b"x").packet(udp=True, data=b"y") \
        .packet(udp=True, data=b"GET ", rules=True) \
        .packet(udp=True, data=b"GET ", rules=True)
    s["num-packets-changed"] = Seed(num_packets=20, rules=R_HTTP) \
        .packet(udp=True, data=b"xx", rules=True).params(num_packets=1) \
        .packet(udp=True, data=b"GET ", rules=True)
    s["saturate"] = Seed(np99=True, rules=R_HTTP).empty(200).empty(100) \
        .rules()
    s["maxdatalen-1"] = Seed(maxdatalen=1, rules=R_HTTP) \
        .packet(udp=True, data=b"GET ", rules=True).packet(length=4) \
        .rules()
    s["big-buffer"] = Seed(maxdatalen=512, text=(b"abcdefghij", b"zz"),
                           rules=[("ftp", "hello.*world"), ("unset", "q")]) \
        .packet(length=256, rules=True).packet(length=256, rules=True) \
        .packet(length=64, rules=True)
    s["nul-room"] = Seed(maxdatalen=8, text=(b"a\0\0b", b"z"),
                         rules=[("ftp", "^ab*c")]) \
        .packet(length=12, rules=True).packet(udp=True, data=b"\0\0Bc",
                                              rules=True)
    # allocation failures
    for k in (1, 2, 3, 4, 5):
        s["fail-%d" % k] = Seed(text=HTTP, rules=R_HTTP,
                                combine=(0x3f, 0) if k & 1 else None) \
            .fail(k).packet(length=8, rules=True) \
            .fail(k).packet(gap=4, length=4).packet(back=8, length=8) \
            .fail(k).rules().packet(back=8, length=8, rules=True)
    # held bytes let in by a packet filling the gap, when the buffer
    # must grow for them: an allocation fails, or mem_max refuses it
    big = ((b"abcdefghijklmnopqrstuvwxyz" * 3)[:64], b"z")
    s["drain-fail"] = Seed(maxdatalen=512, text=big, rules=R_HTTP) \
        .packet(length=192).packet(gap=32, length=96).fail(1) \
        .packet(seq=193, length=32, rules=True) \
        .packet(seq=193, length=32, rules=True)
    s["drain-too-big"] = Seed(maxdatalen=512, text=big, rules=R_HTTP) \
        .packet(length=192).packet(gap=32, length=96) \
        .params(mem_max=560).packet(seq=193, length=32, rules=True)
    # payload read in blocks, failing part way
    s["read-blocks"] = Seed(text=HTTP, rules=R_HTTP) \
        .packet(length=10, chunk=3, rules=True) \
        .packet(udp=True, data=b"GET /", chunk=1, err=3, rules=True)
    s["read-fails-held"] = Seed(text=HTTP, rules=R_HTTP) \
        .packet(syn=True).packet(gap=4, length=20, chunk=2, err=7) \
        .packet(length=4, rules=True)
    # verdicts and names
    s["close"] = Seed(text=HTTP, rules=R_HTTP).packet(length=3, rules=True) \
        .close().packet(length=8, rules=True)
    s["close-decided"] = Seed(text=HTTP, rules=R_HTTP) \
        .packet(length=8, rules=True).close().rules()
    s["invert"] = Seed(text=HTTP, rules=[("http", "^get ", "!"),
                                         ("unset", "q", "!"),
                                         ("unknown", "q", "! noprog"),
                                         ("ssh", "ssh-[12]", "! id0")]) \
        .packet(length=8, rules=True).packet(dir=1, length=4, rules=True)
    s["long-name"] = Seed(text=HTTP, mem_max=320,
                          rules=[("long", "^get ")]) \
        .packet(length=5, rules=True)
    # the name a decision keeps, when the bytes it frees were fewer
    s["long-name-room"] = Seed(text=HTTP, rules=[("long", "^get ")]) \
        .packet(length=2, rules=True).params(mem_max=200) \
        .packet(length=4, rules=True)
    s["empty-match"] = Seed(text=(b"\0\0\0", b"\0"),
                            rules=[("ftp", "x*"), ("http", "^")],
                            combine=(0x03, 0)) \
        .packet(length=3, rules=True).packet(udp=True, data=b"\0\0",
                                             rules=True) \
        .packet(udp=True, data=b"a", rules=True)
    s["dollar"] = Seed(text=(b"aab", b"a"), rules=[("ftp", "a$")],
                       combine=(1, 1)) \
        .packet(length=1).packet(length=2).rules() \
        .packet(dir=1, length=1, rules=True)
    s["own-patterns"] = Seed(text=(b"xyzzy plugh", b"ok"),
                             own=((b"zz+y", False), (b"p.u", True)),
                             rules=[("ftp", "own0"), ("http", "own1")],
                             combine=(0x03, 0)) \
        .packet(length=4, rules=True).packet(length=7, rules=True)
    s["shared-prog"] = Seed(text=HTTP, rules=[("ftp", "^get ", "id0"),
                                              ("http", "^get "),
                                              ("ssh", "^get ", "id0")]) \
        .packet(length=2, rules=True).rules(mask=0x04) \
        .packet(length=3, rules=True)
    return s


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else \
        os.path.join(here, "corpus", "conn")
    os.makedirs(out, exist_ok=True)
    for name, seed in sorted(seeds().items()):
        with open(os.path.join(out, name), "wb") as f:
            f.write(seed.bytes())


if __name__ == "__main__":
    main()
