#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""gen-api-doc.py - write docs/api.md from the public headers' comments.

  python3 scripts/gen-api-doc.py            print the document
  python3 scripts/gen-api-doc.py --write    (re)write docs/api.md
  python3 scripts/gen-api-doc.py --check    exit 1 when docs/api.md is out of
                                            date or a header breaks a rule
  python3 scripts/gen-api-doc.py --selftest show on a scratch copy that
                                            --check catches each kind of fault

The document is scripts/api-doc-head.md (the naming scheme) followed by every
header of include/rawbpf: its file comment, an index of its RAWBPF_API
functions (summary, kernel versions, errors) and each declaration with its
whole comment. Rules checked on the headers:
  - every RAWBPF_API function has a comment right above it that starts with
    "<its name> - ";
  - the comment names a kernel version ("5.8") or says that no kernel call
    is made ("no kernel call", "any kernel");
  - a function returning int names its errors (-EXXX or -errno);
  - the name follows the naming scheme (see FAMILIES);
  - the header has a usage example, scripts/api-examples/<header>.c.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INC = os.path.join(ROOT, "include", "rawbpf")
HEAD = os.path.join(ROOT, "scripts", "api-doc-head.md")
# One usage example per header: scripts/api-examples/<header>.c (x.h -> x.c),
# a whole program that tests/readme_examples.py compiles and links from
# docs/api.md.
EXAMPLES = os.path.join(ROOT, "scripts", "api-examples")
EXAMPLE_INTRO = "Example (`scripts/api-examples/%s`):"
OUT = os.path.join(ROOT, "docs", "api.md")

# Headers in reading order; any other header follows in name order.
ORDER = ["common.h", "sys.h", "object.h", "pin.h", "attach.h",
         "attach_trace.h", "attach_cgroup.h", "attach_net.h",
         "attach_usdt.h", "attach_auto.h", "ringbuf.h", "perfbuf.h", "abi.h"]

# Naming scheme: the function prefixes each header may use. A prefix listed
# for one header is refused in every other header.
FAMILIES = {
    "sys.h": ["rawbpf_sys_"],
    "object.h": ["rawbpf_object_", "rawbpf_program_", "rawbpf_map_",
                 "rawbpf_section_", "rawbpf_kernel_"],
    "pin.h": ["rawbpf_bpffs_", "rawbpf_fd_"],
    "attach.h": ["rawbpf_attachment_", "rawbpf_link_"],
    "attach_trace.h": ["rawbpf_attach_", "rawbpf_attachment_",
                       "rawbpf_ksyscall_", "rawbpf_uprobe_", "rawbpf_iter_"],
    "attach_cgroup.h": ["rawbpf_attach_", "rawbpf_cgroup_"],
    "attach_net.h": ["rawbpf_attach_", "rawbpf_xdp_", "rawbpf_tc_"],
    "attach_usdt.h": ["rawbpf_attach_"],
    "attach_auto.h": ["rawbpf_attach_", "rawbpf_program_", "rawbpf_section_"],
    "ringbuf.h": ["rawbpf_ring_buffer_", "rawbpf_user_ring_buffer_"],
    "perfbuf.h": ["rawbpf_perf_buffer_"],
    "btf.h": ["rawbpf_btf_"],
    "common.h": ["rawbpf_log_"],
    "abi.h": [],
}
# Prefixes owned by exactly one header.
OWNED = {"rawbpf_sys_": "sys.h", "rawbpf_map_": "object.h",
         "rawbpf_bpffs_": "pin.h", "rawbpf_object_": "object.h",
         "rawbpf_ring_buffer_": "ringbuf.h",
         "rawbpf_user_ring_buffer_": "ringbuf.h",
         "rawbpf_perf_buffer_": "perfbuf.h"}

NO_KERNEL = re.compile(r"no kernel call|no system call|no bpf call|"
                       r"any kernel|no syscalls?\b", re.I)
VERSION = re.compile(r"(?<![\w.])([2-6]\.\d{1,2}(?:\.\d{1,2})?)(?![\w.]*\d)")
ERROR = re.compile(r"-E[A-Z0-9]+\b|-524\b")
NEVER_FAILS = re.compile(r"never fails", re.I)


def comment_text(raw):
    """The words of a /* */ comment, one line."""
    body = raw.strip()
    body = re.sub(r"^/\*+", "", body)
    body = re.sub(r"\*+/$", "", body)
    lines = [re.sub(r"^\s*\*( |$)", "", l).strip() for l in body.split("\n")]
    return " ".join(l for l in lines if l).strip()


def comment_lines(raw):
    """A /* */ comment as the lines a reader sees."""
    body = raw.strip()
    body = re.sub(r"^/\*+", "", body)
    body = re.sub(r"\*+/$", "", body)
    out = [re.sub(r"^\s*\*( |$)", "", l).rstrip() for l in body.split("\n")]
    while out and not out[0].strip():
        out.pop(0)
    while out and not out[-1].strip():
        out.pop()
    return out


def parse(path):
    """(file comment, [function], [type/constant names]) of one header."""
    src = open(path).read()
    m = re.search(r"/\*.*?\*/", src, re.S)
    m2 = re.search(r"/\*.*?\*/", src[m.end():], re.S) if m else None
    # The first comment is the SPDX line; the second the file's.
    filecom = comment_lines(m2.group(0)) if m2 else []

    funcs = []
    for d in re.finditer(r"RAWBPF_API\s+([^;]*?)\(([^;]*?)\)\s*;", src, re.S):
        if d.start() > 0 and src[:d.start()].rstrip().endswith("#define"):
            continue
        head = " ".join(d.group(1).split())
        name = re.search(r"(\w+)\s*$", head).group(1)
        ret = head[:-len(name)].strip()
        args = " ".join(d.group(2).split())
        before = src[:d.start()].rstrip()
        com = None
        if before.endswith("*/"):
            start = before.rfind("/*")
            com = before[start:]
        line = src[:d.start()].count("\n") + 1
        funcs.append({"name": name, "ret": ret, "args": args,
                      "comment": com, "line": line})

    names = []
    for pat in (r"^struct (rawbpf_\w+) \{", r"^enum (rawbpf_\w+) \{",
                r"^typedef [^;]*?\(\*(rawbpf_\w+)\)",
                r"^#define (RAWBPF_\w+)", r"^\s+(RAWBPF_\w+)\s*(?:=|,)"):
        for t in re.finditer(pat, src, re.M):
            n = t.group(1)
            if n.endswith("_H") or n == "RAWBPF_API":
                continue
            kind = "struct " if pat.startswith("^struct") else \
                   "enum " if pat.startswith("^enum") else ""
            names.append(kind + n)
    return filecom, funcs, names


def facts(f):
    """Summary, kernel versions and errors as the comment says them."""
    text = comment_text(f["comment"] or "")
    m = re.match(re.escape(f["name"]) + r"\s+-\s+(.*)", text)
    desc = m.group(1) if m else ""
    # The first sentence: up to ". " before a capital, a digit or "-E"
    # (not after "e.g." or "etc.").
    first = re.split(r"(?<!e\.g\.)(?<!etc\.)(?<=\.)\s+(?=[A-Z0-9(]|-E)",
                     desc)[0]
    vers = []
    for v in VERSION.findall(desc):
        if v not in vers:
            vers.append(v)
    if vers:
        kernel = ", ".join(vers)
    elif re.search(r"any kernel", desc, re.I):
        kernel = "any"
    elif NO_KERNEL.search(desc):
        kernel = "none (no kernel call)"
    else:
        kernel = ""
    errs = []
    for e in ERROR.findall(desc):
        if e not in errs:
            errs.append(e)
    if not errs and "-errno" in desc:
        errs = ["-errno"]
    if not errs and NEVER_FAILS.search(desc):
        errs = ["never fails"]
    return desc, first, kernel, errs


def problems(hdr, f):
    out = []
    name = f["name"]
    desc, _, kernel, errs = facts(f)
    where = "include/rawbpf/%s:%d: %s" % (hdr, f["line"], name)
    if not desc:
        out.append(where + ": no summary comment starting with "
                   "'%s - '" % name)
        return out
    if not kernel:
        out.append(where + ": the comment names no kernel version "
                   "(or 'no kernel call')")
    if f["ret"] == "int" and not errs:
        out.append(where + ": returns int but names no error "
                   "(-EXXX or -errno)")
    fams = FAMILIES.get(hdr)
    if fams is None:
        out.append(where + ": %s has no entry in FAMILIES of "
                   "scripts/gen-api-doc.py: say which prefixes it uses" % hdr)
    elif not any(name.startswith(p) for p in fams):
        out.append(where + ": not in a family of %s (%s)"
                   % (hdr, ", ".join(p + "*" for p in fams)))
    for p, owner in OWNED.items():
        if name.startswith(p) and hdr != owner:
            out.append(where + ": %s* belongs in %s" % (p, owner))
    return out


def headers():
    have = sorted(h for h in os.listdir(INC) if h.endswith(".h"))
    return [h for h in ORDER if h in have] + \
           [h for h in have if h not in ORDER]


def cell(s):
    return s.replace("|", "\\|")


def render():
    out = [open(HEAD).read().rstrip("\n"), ""]
    errors = []
    for hdr in headers():
        filecom, funcs, names = parse(os.path.join(INC, hdr))
        out.append("## `rawbpf/%s`" % hdr)
        out.append("")
        # The file comment, minus the "rawbpf/x.h - " it starts with.
        text = "\n".join(filecom)
        text = re.sub(r"^rawbpf/%s\s+-\s+" % re.escape(hdr), "", text)
        if text:
            out.append("```text")
            out.extend(text.split("\n"))
            out.append("```")
            out.append("")
        ex = hdr[:-2] + ".c"
        expath = os.path.join(EXAMPLES, ex)
        if os.path.exists(expath):
            out.append(EXAMPLE_INTRO % ex)
            out.append("")
            out.append("```c")
            out.extend(open(expath).read().rstrip("\n").split("\n"))
            out.append("```")
            out.append("")
        else:
            errors.append("include/rawbpf/%s: no usage example: write "
                          "scripts/api-examples/%s" % (hdr, ex))
        if funcs:
            out.append("| function | summary | kernel | errors |")
            out.append("|---|---|---|---|")
            for f in funcs:
                errors.extend(problems(hdr, f))
                _, first, kernel, errs = facts(f)
                out.append("| [`%s`](#%s) | %s | %s | %s |" % (
                    f["name"], f["name"], cell(first), kernel or "?",
                    " ".join("`%s`" % e if e.startswith("-") else e
                         for e in errs) or "-"))
            out.append("")
        if names:
            out.append("Types and constants: " +
                       ", ".join("`%s`" % n for n in names) + ".")
            out.append("")
        for f in funcs:
            desc, _, _, _ = facts(f)
            out.append("### %s" % f["name"])
            out.append("")
            out.append("```c")
            out.append("%s %s(%s);" % (f["ret"], f["name"], f["args"]))
            out.append("```")
            out.append("")
            if desc:
                out.append(desc)
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n", errors


def selftest():
    """Break a scratch copy of the tree in each way --check must catch."""
    me = os.path.abspath(__file__)
    tmp = tempfile.mkdtemp(prefix="gen-api-doc.")
    failures = []
    try:
        def fresh():
            root = os.path.join(tmp, "t")
            shutil.rmtree(root, ignore_errors=True)
            for d in ("include", "scripts", "docs"):
                os.makedirs(os.path.join(root, d))
            shutil.copytree(os.path.join(ROOT, "include", "rawbpf"),
                            os.path.join(root, "include", "rawbpf"))
            shutil.copy(me, os.path.join(root, "scripts"))
            shutil.copy(HEAD, os.path.join(root, "scripts"))
            shutil.copytree(EXAMPLES, os.path.join(root, "scripts",
                                                   "api-examples"))
            shutil.copy(OUT, os.path.join(root, "docs"))
            return root

        def check(root):
            r = subprocess.run([sys.executable, os.path.join(
                root, "scripts", os.path.basename(me)), "--check"],
                capture_output=True, text=True)
            return r.returncode, r.stderr

        def edit(root, hdr, old, new=None):
            if hdr == "-":      # remove example @old
                os.remove(os.path.join(root, "scripts", "api-examples", old))
                return
            p = os.path.join(root, "include", "rawbpf", hdr)
            src = open(p).read()
            if old not in src:
                raise SystemExit("selftest: %r not in %s" % (old, hdr))
            open(p, "w").write(src.replace(old, new, 1))

        cases = [
            ("clean tree", None, 0, ""),
            ("comment removed", ("ringbuf.h",
             "/* rawbpf_ring_buffer_consume - ", "/* "), 1,
             "rawbpf_ring_buffer_consume: no summary comment"),
            ("kernel version removed", ("object.h",
             "(no kernel call).", "."), 1, "names no kernel version"),
            ("errors removed", ("sys.h", "0, -ENOENT after the last.",
             "0 at the end."), 1, "names no error"),
            ("pre-1.0 name", ("sys.h", "#ifdef __cplusplus\n}",
             "/* rawbpf_obj_pin - BPF_OBJ_PIN (4.4); -errno. */\n"
             "RAWBPF_API int rawbpf_obj_pin(int fd);\n#ifdef __cplusplus\n}"),
             1, "rawbpf_obj_pin: not in a family of sys.h"),
            ("example removed", ("-", "ringbuf.c"), 1,
             "ringbuf.h: no usage example"),
            ("stale docs/api.md", ("perfbuf.h", "how many CPUs",
             "how many CPUs'"), 1, "docs/api.md is out of date"),
        ]
        for what, change, want_rc, want_msg in cases:
            root = fresh()
            if change:
                edit(root, *change)
            rc, err = check(root)
            ok = (rc != 0) == (want_rc != 0) and want_msg in err
            print("%s: %s" % ("ok" if ok else "FAILED", what))
            if not ok:
                failures.append(what)
                print(err, file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


def main(argv):
    if "--selftest" in argv:
        return selftest()
    doc, errors = render()
    if "--write" in argv:
        with open(OUT, "w") as fh:
            fh.write(doc)
    elif "--check" in argv:
        old = open(OUT).read() if os.path.exists(OUT) else ""
        if old != doc:
            errors.append("docs/api.md is out of date with the headers: run "
                          "python3 scripts/gen-api-doc.py --write")
    else:
        sys.stdout.write(doc)
    for e in errors:
        print(e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
