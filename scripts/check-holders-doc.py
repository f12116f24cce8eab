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


def compare(doc, gen, doc_name):
    """The doc with its blocks taken from @gen, and the list of errors."""
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
            errors.append("scenario '%s' has no block in %s" % (title, doc_name))
    return new, errors


def selftest():
    """Each way a doc can drift is caught; --update repairs a stale block."""
    gen = sections("=== one\n$ rawbpf holders prog ID\npin\tP\n"
                   "=== two\nx\n")
    good = ("a\n<!-- holders: one -->\n```\n$ rawbpf holders prog ID\n"
            "pin\tP\n```\nb\n<!-- holders: two -->\n```\nx\n```\n")
    assert compare(good, gen, "d")[1] == []
    stale = good.replace("pin\tP", "pin\tQ")
    new, errs = compare(stale, gen, "d")
    assert len(errs) == 1 and "differs" in errs[0] and new == good
    missing = good.replace("<!-- holders: two -->\n```\nx\n```\n", "")
    errs = compare(missing, gen, "d")[1]
    assert len(errs) == 1 and "has no block" in errs[0]
    unknown = good + "<!-- holders: three -->\n```\ny\n```\n"
    errs = compare(unknown, gen, "d")[1]
    assert len(errs) == 1 and "names no scenario" in errs[0]
    print("selftest ok")
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--doc")
    ap.add_argument("--generated")
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--selftest", action="store_true")
    a = ap.parse_args()
    if a.selftest:
        return selftest()
    if not a.doc or not a.generated:
        ap.error("--doc and --generated are needed")
    gen = sections(open(a.generated).read())
    new, errors = compare(open(a.doc).read(), gen, a.doc)
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
