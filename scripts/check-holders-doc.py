#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""check-holders-doc.py - the `rawbpf holders` outputs shown in
docs/semantics.md are the ones the kernel test produced.

tests/kernel/cli_holders.c writes every scenario's output (ids, pids and
paths replaced by names) to build/holders-doc.txt as sections
"=== TITLE". In the doc, each output sits in a fenced block right after a
marker line "<!-- holders: TITLE -->". --check (the default) fails when a
block differs from its section, when a marker names no section, or when a
section has no block; --update rewrites the blocks from the file.
"""
import argparse
import re
import sys

MARK = re.compile(r"<!-- holders: (.+?) -->\n```\n(.*?)```\n", re.S)


def sections(text):
    out, title = {}, None
    for line in text.splitlines(keepends=True):
        if line.startswith("=== "):
            title = line[4:].rstrip("\n")
            out[title] = ""
        elif title is not None:
            out[title] += line
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--doc", required=True)
    ap.add_argument("--generated", required=True)
    ap.add_argument("--update", action="store_true")
    a = ap.parse_args()
    gen = sections(open(a.generated).read())
    doc = open(a.doc).read()
    errors, used = [], set()

    def replace(m):
        title = m.group(1)
        used.add(title)
        if title not in gen:
            errors.append("marker '%s' names no scenario of the test" % title)
            return m.group(0)
        if m.group(2) != gen[title]:
            errors.append("block '%s' differs from the test's output:\n"
                          "--- doc\n%s--- test\n%s" % (title, m.group(2),
                                                       gen[title]))
        return "<!-- holders: %s -->\n```\n%s```\n" % (title, gen[title])

    new = MARK.sub(replace, doc)
    for title in gen:
        if title not in used:
            errors.append("scenario '%s' has no block in %s" % (title, a.doc))
    if a.update:
        open(a.doc, "w").write(new)
        missing = [e for e in errors if "has no block" in e or "names no" in e]
        for e in missing:
            print(e, file=sys.stderr)
        return 1 if missing else 0
    for e in errors:
        print(e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
