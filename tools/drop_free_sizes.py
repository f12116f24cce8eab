#!/usr/bin/env python3
"""drop_free_sizes.py FILE... - rewrite rb_free(a, p, size) to rb_free(a, p)
and rb_resize(a, p, old, new) to rb_resize(a, p, new): the allocation layer
(lib/core/mem.c) keeps each allocation's size. A one-off for the change
that made it so; kept for branches that still carry the old calls."""
import re
import sys


def split_args(s, i):
    """Args of the call whose '(' is at s[i]; returns (args, end index)."""
    depth, args, cur, j = 0, [], '', i
    while True:
        c = s[j]
        if c in '([{':
            depth += 1
            if depth > 1:
                cur += c
        elif c in ')]}':
            depth -= 1
            if depth == 0:
                args.append(cur)
                return args, j
            cur += c
        elif c == ',' and depth == 1:
            args.append(cur)
            cur = ''
        else:
            cur += c
        j += 1


def rewrite(s):
    out, pos = [], 0
    for m in re.finditer(r'\brb_(free|resize)\s*\(', s):
        if m.start() < pos:
            continue
        args, end = split_args(s, m.end() - 1)
        keep = {'free': (0, 1), 'resize': (0, 1, 3)}[m.group(1)]
        if len(args) != {'free': 3, 'resize': 4}[m.group(1)]:
            continue
        new = [args[k] for k in keep]
        new[0] = new[0].lstrip()
        text = 'rb_%s(%s)' % (m.group(1), ','.join(new))
        out.append(s[pos:m.start()])
        out.append(text)
        pos = end + 1
    out.append(s[pos:])
    return ''.join(out)


for path in sys.argv[1:]:
    with open(path) as f:
        src = f.read()
    dst = rewrite(src)
    if dst != src:
        with open(path, 'w') as f:
            f.write(dst)
