#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""gen-bpf-helpers.py - write include/rawbpf/bpf/bpf_helper_defs.h.

The input is the kernel's uapi <linux/bpf.h> text. From it we take two
facts per helper: its number (the __BPF_FUNC_MAPPER list, positional in
kernels up to 6.1, explicit `FN(name, id, ...)` from 6.2 on) and its C
prototype (the first line of its entry in the "BPF helper function
descriptions" comment). Only the prototype is used, never the prose.

Each helper becomes a constant function pointer whose value is the helper
number: a call through it compiles to the BPF `call <id>` instruction.

  gen-bpf-helpers.py [INPUT] [-o OUT]     generate (INPUT defaults to
                                          /usr/include/linux/bpf.h)
  gen-bpf-helpers.py [INPUT] --check OUT  exit 0 if OUT is what INPUT gives,
                                          1 if it is stale, 77 if OUT was
                                          made from another INPUT that
                                          gives different helpers
"""
import argparse
import hashlib
import re
import sys

DEFAULT_INPUT = "/usr/include/linux/bpf.h"

# Kernel-internal type names -> what a BPF program sees. The context types
# are the uapi mirrors the verifier rewrites accesses to.
TYPE_MAP = [
    (r"\bstruct bpf_map\s*\*", "void *"),
    (r"\bstruct sk_buff\b", "struct __sk_buff"),
    (r"\bstruct sk_msg_buff\b", "struct sk_msg_md"),
    (r"\bstruct xdp_buff\b", "struct xdp_md"),
    (r"\bsize_t\b", "unsigned long"),
]
INT_TYPE = re.compile(r"\b([us])(8|16|32|64)\b")

PROTO = re.compile(r"^ \* ([A-Za-z_][\w ]*?[\w*])\s*\b(bpf_\w+)\((.*)\)\s*$")
FN_EXPLICIT = re.compile(r"FN\((\w+),\s*(\d+)")
FN_POSITIONAL = re.compile(r"FN\((\w+)\)")


def c_type(text):
    """Kernel spelling of a type -> the spelling in our header."""
    for pat, rep in TYPE_MAP:
        text = re.sub(pat, rep, text)
    return INT_TYPE.sub(lambda m: "__%s%s" % m.groups(), text)


def parse_numbers(src):
    """The helper-number list: {name: id}, from either mapper form."""
    start = src.find("_BPF_FUNC_MAPPER(FN")
    if start < 0:
        sys.exit("gen-bpf-helpers: no __BPF_FUNC_MAPPER in the input")
    body = []
    for line in src[start:].splitlines()[1:]:
        body.append(line)
        if not line.rstrip().endswith("\\"):
            break
    body = "\n".join(body)
    ids = {m.group(1): int(m.group(2)) for m in FN_EXPLICIT.finditer(body)}
    if not ids:
        ids = {name: i for i, name in
               enumerate(m.group(1) for m in FN_POSITIONAL.finditer(body))}
    ids.pop("unspec", None)
    if not ids:
        sys.exit("gen-bpf-helpers: empty __BPF_FUNC_MAPPER list")
    return {"bpf_" + k: v for k, v in ids.items()}


def parse_prototypes(src):
    """{name: (return type, [args])}. A helper documented once per context
    type (bpf_get_socket_cookie, bpf_sk_assign) takes `void *` wherever its
    documented prototypes disagree, so every context type is accepted."""
    start = src.find("Start of BPF helper function descriptions")
    if start < 0:
        sys.exit("gen-bpf-helpers: no helper descriptions in the input")
    end = src.find("*/", start)
    protos = {}
    for line in src[start:end].splitlines():
        m = PROTO.match(line)
        if not m:
            continue
        ret, name, args = m.groups()
        args = [a.strip() for a in args.split(",")] if args.strip() else []
        if name not in protos:
            protos[name] = (ret.strip(), args)
            continue
        first = protos[name][1]
        if len(first) != len(args):
            sys.exit("gen-bpf-helpers: %s documented with %d and %d arguments"
                     % (name, len(first), len(args)))
        protos[name] = (protos[name][0],
                        [a if param_type(a) == param_type(b)
                         else "void *" + param_name(a)
                         for a, b in zip(first, args)])
    return protos


def param_name(arg):
    m = re.search(r"(\w+)$", arg)
    return m.group(1) if m and arg != "..." else ""


def param_type(arg):
    return arg[:len(arg) - len(param_name(arg))].strip()


def declaration(name, num, ret, args):
    ret = c_type(ret)
    params = ", ".join(c_type(a) for a in args) if args else "void"
    return "___rb_helper(%s, %s, (%s), %d);" % (ret, name, params, num)


def generate(src):
    ids = parse_numbers(src)
    protos = parse_prototypes(src)
    missing = sorted(set(ids) - set(protos), key=ids.get)
    decls, structs = [], set()
    for name in sorted(ids, key=ids.get):
        if name not in protos:
            continue
        ret, args = protos[name]
        decl = declaration(name, ids[name], ret, args)
        structs.update(re.findall(r"\bstruct (\w+)", decl))
        decls.append(decl)
    out = [
        "/* SPDX-License-Identifier: BSD-2-Clause */",
        "/* bpf_helper_defs.h - one declaration per BPF helper, carrying the",
        " * helper's number, so that a call compiles to `call <number>`.",
        " * Generated by scripts/gen-bpf-helpers.py from the helper list and",
        " * prototypes of the uapi <linux/bpf.h>; bpf-helpers(7) documents",
        " * each helper. Do not edit: regenerate (docs/bpf-headers.md). */",
        "/* input: %s */" % input_identity(src),
        "#ifndef RAWBPF_BPF_HELPER_DEFS_H",
        "#define RAWBPF_BPF_HELPER_DEFS_H",
        "",
        "/* ___rb_helper(ret, name, (params), id): declare helper `name`.",
        " * clang: a constant function pointer whose value is the number; a",
        " * call through it compiles to `call id`. bpf-gcc 12 hoists that",
        " * constant into a register when a helper is called twice and then",
        " * refuses the indirect call, so GCCs that have the kernel_helper",
        " * attribute get a declaration carrying the number instead. */",
        "#if !defined(__clang__) && defined(__has_attribute)",
        "#if __has_attribute(kernel_helper)",
        "#define ___rb_helper(ret, name, params, id) \\",
        "\textern ret name params __attribute__((kernel_helper(id)))",
        "#endif",
        "#endif",
        "#ifndef ___rb_helper",
        "#define ___rb_helper(ret, name, params, id) \\",
        "\tstatic ret (* const name) params = (void *) id",
        "#endif",
        "",
        "/* Types a prototype names; only pointers to them are used. */",
    ]
    out += ["struct %s;" % s for s in sorted(structs)]
    out.append("")
    out += decls
    if missing:
        out.append("")
        out.append("/* Numbered but undocumented in the input, so not declared: %s */"
                   % ", ".join(missing))
    out += ["", "#endif /* RAWBPF_BPF_HELPER_DEFS_H */", ""]
    return "\n".join(out)


def input_identity(src):
    ids = parse_numbers(src)
    return "%d helpers, highest %d, sha256 %s" % (
        len(ids), max(ids.values()),
        hashlib.sha256(src.encode()).hexdigest()[:16])


def strip_identity(text):
    return re.sub(r"^/\* input: .*\*/$", "", text, count=1, flags=re.M)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", nargs="?", default=DEFAULT_INPUT)
    ap.add_argument("-o", "--output")
    ap.add_argument("--check", metavar="FILE")
    opt = ap.parse_args()
    with open(opt.input, encoding="utf-8") as f:
        src = f.read()
    text = generate(src)
    if opt.check:
        with open(opt.check, encoding="utf-8") as f:
            have = f.read()
        if strip_identity(have) == strip_identity(text):
            return 0
        m = re.search(r"^/\* input: (.*) \*/$", have, re.M)
        recorded = m.group(1) if m else "unknown"
        if recorded != input_identity(src):
            print("%s was generated from another bpf.h (%s) than %s (%s); "
                  "regenerate to compare" % (opt.check, recorded, opt.input,
                                             input_identity(src)))
            return 77
        print("%s is stale: run scripts/gen-bpf-helpers.py %s -o %s"
              % (opt.check, opt.input, opt.check))
        return 1
    if opt.output:
        with open(opt.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
