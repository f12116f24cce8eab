#!/usr/bin/env python3
# tests/bench/members.py MAP [FILTER] - bytes each archive member (or
# object) adds to a static link, from a GNU ld map (-Wl,-Map=MAP) of a
# --gc-sections link: allocated input sections kept, summed per input file,
# largest first. FILTER keeps matching files (e.g. librawbpf, libc.a).
#   cc -static -Wl,--gc-sections -Wl,-Map=m.map min_rawbpf.c.o librawbpf.a
#   python3 tests/bench/members.py m.map librawbpf
import collections
import re
import sys

text = open(sys.argv[1], errors="replace").read()
text = text[text.find("Linker script and memory map"):]
want = sys.argv[2] if len(sys.argv) > 2 else ""
sizes = collections.Counter()
pending = None
for line in text.splitlines():
    one = re.match(r"^ (\.\S+)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(\S+)", line)
    if one:
        sec, addr, size, src = one.groups()
    else:
        head = re.match(r"^ (\.\S+)$", line)
        tail = re.match(r"^\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(\S+)", line)
        if head:
            pending = head.group(1)
            continue
        if not (tail and pending):
            pending = None
            continue
        sec, (addr, size, src) = pending, tail.groups()
    pending = None
    # address 0: not loaded (.comment, debug info, discarded)
    if int(addr, 16) and want in src and not sec.startswith(".comment"):
        sizes[re.sub(r".*/", "", src)] += int(size, 16)
for src, size in sizes.most_common():
    print("%7d %s" % (size, src))
print("%7d total" % sum(sizes.values()))
