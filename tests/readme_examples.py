#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""readme_examples.py - compile and link every ```c block of README.md
against the public headers and the shared library, so that the examples
cannot name a function that does not exist or is not exported.

  readme_examples.py --cc CC --include DIR --lib LIBRARY --readme FILE
                     --workdir DIR [--cflags "FLAGS"] [--after REGEX]
                     [--min N]

With --after, only the blocks whose line before (the blank ones skipped)
matches REGEX are compiled: docs/api.md's per-header examples follow
"Example (...):" while its declaration blocks are not programs. --min fails
the run when fewer blocks than N are found (one per header for api.md).

A block with a main() is compiled as it is. Any other block is a fragment:
its #include lines go first and the rest becomes the body of main(), so it
must be statements and declarations. Before the README, a fragment that
calls a function no header declares must fail to build: that shows the
flags catch what the test is for.
"""
import argparse
import os
import re
import subprocess
import sys

CFLAGS = ["-std=c11", "-pedantic", "-Wall", "-Wextra", "-Werror"]


def blocks(text, after=None):
    out = []
    for m in re.finditer(r"^```c[ \t]*\n(.*?)^```[ \t]*$", text, re.M | re.S):
        before = text[:m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        if after is None or re.match(after, before):
            out.append(m.group(1))
    return out


def unit(block):
    if re.search(r"\bmain\s*\(", block):
        return block
    head, body = [], []
    for line in block.split("\n"):
        (head if line.startswith("#") else body).append(line)
    return "\n".join(head) + "\n\nint main(void)\n{\n" + \
        "\n".join("\t" + l if l else l for l in body) + "\n\treturn 0;\n}\n"


def build(args, name, source):
    src = os.path.join(args.workdir, name + ".c")
    exe = os.path.join(args.workdir, name)
    with open(src, "w") as fh:
        fh.write(source)
    cmd = [args.cc] + CFLAGS + ["-I", args.include, src, "-o", exe,
                                args.lib]
    r = subprocess.run(cmd, capture_output=True, text=True)
    return r.returncode, src, r.stdout + r.stderr


def main():
    ap = argparse.ArgumentParser()
    for opt in ("--cc", "--include", "--lib", "--readme", "--workdir"):
        ap.add_argument(opt, required=True)
    ap.add_argument("--after", default=None,
                    help="only blocks right after a line matching this")
    ap.add_argument("--min", type=int, default=1,
                    help="fail with fewer blocks than this")
    ap.add_argument("--cflags", default="",
                    help="more flags, e.g. the library's sanitizers")
    args = ap.parse_args()
    CFLAGS.extend(args.cflags.split())
    os.makedirs(args.workdir, exist_ok=True)

    bad = unit("#include <rawbpf/sys.h>\n\nrawbpf_no_such_function(1);\n")
    rc, src, out = build(args, "readme_selftest", bad)
    if rc == 0:
        print("FAILED: %s built although it calls an undeclared function"
              % src)
        return 1
    print("ok: an undeclared call does not build")

    found = blocks(open(args.readme).read(), args.after)
    doc = os.path.basename(args.readme)
    stem = os.path.splitext(doc)[0].lower()
    if len(found) < args.min:
        print("FAILED: %d ```c block(s) in %s, want at least %d"
              % (len(found), args.readme, args.min))
        return 1
    failed = 0
    for i, block in enumerate(found, 1):
        rc, src, out = build(args, "%s_example_%d" % (stem, i), unit(block))
        if rc:
            failed += 1
            print("FAILED: %s C example %d (%s):\n%s" % (doc, i, src, out))
        else:
            print("ok: %s C example %d" % (doc, i))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
