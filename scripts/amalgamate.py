#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""amalgamate.py - write rawbpf.h and rawbpf.c: the whole library as two
files that compile alone with any C11 compiler (as sqlite's amalgamation).

    scripts/amalgamate.py SOURCE_DIR OUT_DIR

rawbpf.h holds every public header (include/rawbpf/*.h, not the BPF-side
headers under include/rawbpf/bpf/, which are for BPF programs). rawbpf.c
includes rawbpf.h, then every private header once, then every library
source. The optional parts of lib/options.cmake are chosen by macros: build
with -DRAWBPF_WITH_CORE=0 (or -DRAWBPF_NO_CORE) as with the CMake option
RAWBPF_WITH_CORE=OFF; the part's files are left out by #if and its lib/off
stub compiled instead.

One translation unit instead of many: a file-scope static name used by more
than one source is renamed per file (#define name name__file ... #undef),
and the macros a source defines are #undef'd after it.
"""
import os
import re
import sys

INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
DEFINE_RE = re.compile(r'^\s*#\s*define\s+([A-Za-z_]\w*)')
# A file-scope static: "static ... name(" or "static ... name[...] =" or
# "static ... name =" / ";", possibly over several lines.
STATIC_RE = re.compile(r'^static\b([^;{=(]*?)\b([A-Za-z_]\w*)\s*(\(|\[|=|;)',
                       re.M | re.S)
# What STATIC_RE may take for a name in "static int (*fn)(void)" and the like.
C_WORDS = set("""auto bool char const double enum extern float inline int long
register restrict short signed static struct typedef union unsigned void
volatile _Bool _Atomic _Noreturn _Thread_local""".split())
OPTION_RE = re.compile(r'option\(RAWBPF_WITH_(\w+)\s+"([^"]*)"')
PART_RE = re.compile(r'set\(RAWBPF_PART_(\w+)\s+([^)]*)\)')


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def rel(src, path):
    return os.path.relpath(path, src)


def parts(src):
    """The optional parts, as lib/options.cmake declares them: name ->
    (files relative to lib/, stub relative to lib/, the part it needs)."""
    text = read(os.path.join(src, "lib", "options.cmake"))
    out = {}
    for m in PART_RE.finditer(text):
        name = m.group(1)
        files = m.group(2).split()
        out[name] = {"files": files, "stub": "off/%s_off.c" % name.lower(),
                     "needs": []}
    for m in OPTION_RE.finditer(text):
        if m.group(1) in out:
            out[m.group(1)]["needs"] = re.findall(r"needs RAWBPF_WITH_(\w+)",
                                                  m.group(2))
    if not out:
        sys.exit("amalgamate: no RAWBPF_PART_* in lib/options.cmake")
    return out


class Inliner:
    """Inlines quoted includes, each header once, keeping <system> ones."""

    def __init__(self, roots):
        self.roots = roots
        self.done = set()

    def resolve(self, name, here):
        for d in [os.path.dirname(here)] + self.roots:
            p = os.path.normpath(os.path.join(d, name))
            if os.path.isfile(p):
                return p
        sys.exit("amalgamate: %s: cannot find \"%s\"" % (here, name))

    def inline(self, path, out, src):
        if path in self.done:
            return
        self.done.add(path)
        out.append("/* ---- begin %s ---- */\n" % rel(src, path))
        for line in read(path).splitlines(keepends=True):
            m = INCLUDE_RE.match(line)
            if m:
                self.inline(self.resolve(m.group(1), path), out, src)
            else:
                out.append(line)
        out.append("/* ---- end %s ---- */\n" % rel(src, path))


def files_under(root, ext, skip=()):
    out = []
    for d, dirs, names in os.walk(root):
        dirs[:] = sorted(x for x in dirs
                         if os.path.join(d, x) not in skip)
        out += [os.path.join(d, n) for n in sorted(names) if n.endswith(ext)]
    return sorted(out)


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def statics(text):
    """File-scope static names defined or declared in a source."""
    names = set()
    for m in STATIC_RE.finditer(strip_comments(text)):
        if m.group(2) not in C_WORDS:
            names.add(m.group(2))
    return names


def header_h(src):
    pub = os.path.join(src, "include", "rawbpf")
    heads = files_under(pub, ".h", skip={os.path.join(pub, "bpf")})
    inl = Inliner([os.path.join(src, "include")])
    out = []
    for h in heads:
        inl.inline(h, out, src)
    return ("/* SPDX-License-Identifier: BSD-2-Clause */\n"
            "/* rawbpf.h - every public rawbpf header in one file, generated "
            "by scripts/amalgamate.py;\n * do not edit. Use with rawbpf.c. */\n"
            "#ifndef RAWBPF_AMALGAMATION_H\n#define RAWBPF_AMALGAMATION_H\n"
            "#define RAWBPF_AMALGAMATION 1\n"
            + "".join(out) + "#endif /* RAWBPF_AMALGAMATION_H */\n")


def option_macros(opt):
    """RAWBPF_WITH_X=0 -> RAWBPF_NO_X, and the dependencies between parts."""
    out = ["/* Optional parts (lib/options.cmake): -DRAWBPF_WITH_<PART>=0 "
           "or -DRAWBPF_NO_<PART>\n * leaves a part out. */\n"]
    # MESSAGES is an option without files (core/log.h)
    for p in list(opt) + ["MESSAGES"]:
        out.append("#if defined(RAWBPF_WITH_%s) && !RAWBPF_WITH_%s && "
                   "!defined(RAWBPF_NO_%s)\n#define RAWBPF_NO_%s\n#endif\n"
                   % (p, p, p, p))
    for p, d in opt.items():
        for need in d["needs"]:
            out.append("#if !defined(RAWBPF_NO_%s) && defined(RAWBPF_NO_%s)\n"
                       "#error \"RAWBPF_WITH_%s needs RAWBPF_WITH_%s\"\n"
                       "#endif\n" % (p, need, p, need))
    return "".join(out)


def source_c(src):
    lib = os.path.join(src, "lib")
    opt = parts(src)
    part_of = {}
    stub_of = {}
    for p, d in opt.items():
        for f in d["files"]:
            part_of[os.path.join(lib, f)] = p
        stub_of[os.path.join(lib, d["stub"])] = p
    # The no-libc build's own libc and inline-asm system calls
    # (RAWBPF_NOLIBC, lib/nolibc.cmake) stay out: the amalgamation is
    # compiled against a libc.
    nolibc = {os.path.join(lib, "sys", "nolibc"), os.path.join(lib, "sys", "arch")}
    sources = files_under(lib, ".c", skip=nolibc)
    for f in list(part_of) + list(stub_of):
        if f not in sources:
            sys.exit("amalgamate: lib/options.cmake names missing %s" % f)

    inl = Inliner([lib, os.path.join(src, "include")])
    # The public headers come from rawbpf.h.
    inl.done.update(files_under(os.path.join(src, "include", "rawbpf"), ".h"))
    out = []
    # Private headers first, all of them, so that none is first reached
    # inside an optional part that #if removes.
    for h in files_under(lib, ".h", skip=nolibc):
        inl.inline(h, out, src)
    header_macros = set()
    public = [read(h) for h in files_under(os.path.join(src, "include"), ".h")]
    for line in "".join(out + public).splitlines():
        m = DEFINE_RE.match(line)
        if m:
            header_macros.add(m.group(1))

    texts = {f: read(f) for f in sources}
    seen = {}
    for f in sources:
        for n in statics(texts[f]):
            seen.setdefault(n, []).append(f)
    clash = {n for n, fs in seen.items() if len(fs) > 1}

    for f in sources:
        name = rel(lib, f)
        tag = re.sub(r"\W", "_", name[:-2])
        cond = None
        if f in part_of:
            cond = "#ifndef RAWBPF_NO_%s\n" % part_of[f]
        elif f in stub_of:
            cond = "#ifdef RAWBPF_NO_%s\n" % stub_of[f]
        if cond:
            out.append(cond)
        renames = sorted(statics(texts[f]) & clash)
        for n in renames:
            out.append("#define %s %s__%s\n" % (n, n, tag))
        body = []
        inl.inline(f, body, src)
        out += body
        macros = []
        for line in texts[f].splitlines():
            m = DEFINE_RE.match(line)
            if m and m.group(1) not in header_macros:
                macros.append(m.group(1))
        for n in sorted(set(macros) | set(renames)):
            out.append("#undef %s\n" % n)
        if cond:
            out.append("#endif\n")

    return ("/* SPDX-License-Identifier: BSD-2-Clause */\n"
            "/* rawbpf.c - the whole rawbpf library in one file, generated "
            "by scripts/amalgamate.py;\n * do not edit. Compile it with any "
            "C11 compiler next to rawbpf.h:\n *   cc -std=c11 -c rawbpf.c\n */\n"
            "#ifndef _GNU_SOURCE\n#define _GNU_SOURCE\n#endif\n"
            + option_macros(opt)
            + "#include \"rawbpf.h\"\n" + "".join(out))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: amalgamate.py SOURCE_DIR OUT_DIR")
    src, dst = os.path.abspath(sys.argv[1]), sys.argv[2]
    os.makedirs(dst, exist_ok=True)
    for name, text in (("rawbpf.h", header_h(src)), ("rawbpf.c", source_c(src))):
        tmp = os.path.join(dst, name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, os.path.join(dst, name))


if __name__ == "__main__":
    main()
