#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""counts.py - count the tests of one ctest run from its JUnit file
(ctest --output-junit) and print NAME: N passed, N failed, N skipped.

  counts.py JUNIT NAME [--totals FILE]

A cmocka program counts as the tests its summary lines name; a test whose
output has no cmocka summary (it died first, or is not a cmocka program)
counts as one, by ctest's status. --totals appends "passed failed
skipped". Exit 1 when anything failed or nothing ran.
"""
import argparse
import re
import sys
import xml.etree.ElementTree as ET


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("junit")
    ap.add_argument("name")
    ap.add_argument("--totals")
    args = ap.parse_args()
    tot = {"passed": 0, "failed": 0, "skipped": 0}
    failed_names = []
    for case in ET.parse(args.junit).getroot().iter("testcase"):
        out = "".join(e.text or "" for e in case.iter("system-out"))
        status = case.get("status", "")
        cm = {"passed": 0, "failed": 0, "skipped": 0}
        seen = False
        for m in re.finditer(r"\[\s+(PASSED|FAILED|SKIPPED)\s+\] (\d+) test", out):
            cm[m.group(1).lower()] += int(m.group(2))
            seen = True
        if status == "fail" and not cm["failed"]:
            cm["failed"] += 1       # died, or not a cmocka program
        if not seen and status != "fail":
            cm["skipped" if status in ("notrun", "disabled") else "passed"] += 1
        if cm["failed"]:
            failed_names.append(case.get("name"))
        for k in tot:
            tot[k] += cm[k]
    print("%s: %d passed, %d failed, %d skipped" % (
        args.name, tot["passed"], tot["failed"], tot["skipped"]))
    for n in failed_names:
        print("  failed:", n)
    if args.totals:
        with open(args.totals, "a") as f:
            f.write("%d %d %d\n" % (tot["passed"], tot["failed"], tot["skipped"]))
    return 1 if tot["failed"] or not tot["passed"] else 0


if __name__ == "__main__":
    sys.exit(main())
