#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""check_gen.py - `rawbpf gen skeleton` on every test object: the header it
writes compiles with -std=c11 -Wall -Wextra -Werror -Wpedantic under each
compiler given; the default name and --name follow bpftool's rule; bad
input exits 1 with a message and leaves no file; bad usage exits 2.

  check_gen.py --cli BUILD/rawbpf --bpf-dir BUILD/bpf --include INC
               --workdir DIR --cc gcc [--cc clang]
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys



def opens(cli, obj):
    """Whether the library opens @obj (`rawbpf list` parses it only)."""
    return subprocess.run([cli, "list", obj], capture_output=True).returncode == 0

def gen(cli, obj, out, *extra):
    return subprocess.run([cli, "gen", "skeleton", obj, "-o", out, *extra],
                          capture_output=True, text=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--bpf-dir", required=True)
    ap.add_argument("--include", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--cc", action="append", default=[])
    a = ap.parse_args()
    shutil.rmtree(a.workdir, ignore_errors=True)
    os.makedirs(a.workdir)
    fails = []
    objs = sorted(glob.glob(os.path.join(a.bpf_dir, "*.o")))
    if not objs:
        fails.append("no objects in " + a.bpf_dir)
    ccs = []
    for c in a.cc:
        path = shutil.which(c)
        if path and os.path.realpath(path) not in [os.path.realpath(shutil.which(x)) for x in ccs]:
            ccs.append(c)
    if not ccs:
        fails.append("no compiler among %s" % a.cc)
    for obj in objs:
        base = os.path.basename(obj)[:-2]
        name = re.sub(r"[^A-Za-z0-9_]", "_", base)
        hdr = os.path.join(a.workdir, base + ".skel.h")
        r = gen(a.cli, obj, hdr)
        if not opens(a.cli, obj):
            # objects the library refuses at open (deliberately malformed
            # test objects): the generator refuses them too, no header
            if r.returncode != 1 or os.path.exists(hdr):
                fails.append("%s: refused at open, yet exit %d" % (base, r.returncode))
            continue
        if r.returncode:
            fails.append("%s: exit %d: %s" % (base, r.returncode, r.stderr))
            continue
        text = open(hdr).read()
        for want in ("struct %s {" % name, "%s__open_opts(" % name,
                     "%s__open_and_load(void)" % name, "%s__attach(" % name,
                     "%s__detach(" % name, "%s__destroy(" % name,
                     "%s__load(" % name, "%s__elf_bytes(" % name):
            if want not in text:
                fails.append("%s: no '%s' in the header" % (base, want))
        src = os.path.join(a.workdir, base + ".c")
        with open(src, "w") as f:
            f.write('#include "%s.skel.h"\n'
                    "int main(void)\n{\n\tstruct %s *s = %s__open();\n\n"
                    "\tif (!s || %s__load(s) || %s__attach(s))\n\t\treturn 1;\n"
                    "\t%s__detach(s);\n\t%s__destroy(s);\n\treturn 0;\n}\n"
                    % (base, name, name, name, name, name, name))
        for cc in ccs:
            r = subprocess.run([cc, "-std=c11", "-Wall", "-Wextra", "-Werror",
                                "-Wpedantic", "-fsyntax-only",
                                "-I" + a.include, "-I" + a.workdir, src],
                               capture_output=True, text=True)
            if r.returncode:
                fails.append("%s with %s:\n%s" % (base, cc, r.stderr[:2000]))
    # the names: bpftool's default and --name
    obj = os.path.join(a.bpf_dir, "skel_test.bpf.o")
    if os.path.exists(obj):
        hdr = os.path.join(a.workdir, "named.skel.h")
        r = gen(a.cli, obj, hdr, "--name", "my.skel")
        if r.returncode or "struct my_skel {" not in open(hdr).read():
            fails.append("--name my.skel did not make struct my_skel")
        if "struct skel_test_bpf {" not in open(
                os.path.join(a.workdir, "skel_test.bpf.skel.h")).read():
            fails.append("skel_test.bpf.o did not default to skel_test_bpf")
    # bad input: exit 1, a message naming the file, no header left
    bad = os.path.join(a.workdir, "not_elf.o")
    with open(bad, "w") as f:
        f.write("this is not an ELF file\n" * 4)
    for path, why in ((os.path.join(a.workdir, "missing.o"), "No such file"),
                      (bad, "Exec format error")):
        out = os.path.join(a.workdir, "bad.skel.h")
        r = gen(a.cli, path, out)
        if r.returncode != 1 or path not in r.stderr or why not in r.stderr:
            fails.append("%s: exit %d, stderr %r" % (path, r.returncode, r.stderr))
        if os.path.exists(out):
            fails.append("%s: left %s behind" % (path, out))
    for args in (["gen"], ["gen", "skel", "x.o"],
                 ["gen", "skeleton", "x.o", "--bogus"]):
        r = subprocess.run([a.cli] + args, capture_output=True, text=True)
        if r.returncode != 2 or "gen skeleton OBJ" not in r.stderr:
            fails.append("%s: exit %d" % (args, r.returncode))
    for f in fails:
        print("FAIL:", f)
    print("%d objects, compilers %s: %s" % (len(objs), ccs,
                                            "FAILED" if fails else "ok"))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
