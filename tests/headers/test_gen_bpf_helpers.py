#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""test_gen_bpf_helpers.py - scripts/gen-bpf-helpers.py on small made-up
uapi headers: both helper-number list forms (positional up to 6.1,
explicit ids from 6.2), type spelling, helpers documented per context
type, undocumented helpers, a header without the list, and --check.

  test_gen_bpf_helpers.py <path to gen-bpf-helpers.py>
"""
import importlib.util
import os
import subprocess
import sys
import tempfile

DOCS = """/*
 * Start of BPF helper function descriptions:
 *
 * void *bpf_map_lookup_elem(struct bpf_map *map, const void *key)
 * \tDescription
 * \t\tWords that must not reach the output.
 * \tReturn
 * \t\tA value.
 *
 * u64 bpf_get_socket_cookie(struct sk_buff *skb)
 * \tDescription
 * \t\tFor sk_buff.
 *
 * u64 bpf_get_socket_cookie(struct bpf_sock_addr *ctx)
 * \tDescription
 * \t\tFor sock_addr.
 *
 * long bpf_strtol(const char *buf, size_t buf_len, u64 flags, long *res)
 * \tDescription
 * \t\tParse.
 *
 * long bpf_trace_printk(const char *fmt, u32 fmt_size, ...)
 * \tDescription
 * \t\tPrint.
 */
"""

OLD_FORM = DOCS + """#define __BPF_FUNC_MAPPER(FN)\t\t\\
\tFN(unspec),\t\t\t\\
\tFN(map_lookup_elem),\t\t\\
\tFN(trace_printk),\t\t\\
\tFN(get_socket_cookie),\t\t\\
\tFN(strtol),\t\t\t\\
\tFN(not_documented),\t\t\\
\t/* */
"""

NEW_FORM = DOCS + """#define ___BPF_FUNC_MAPPER(FN, ctx...)\t\\
\tFN(unspec, 0, ##ctx)\t\t\\
\tFN(map_lookup_elem, 1, ##ctx)\t\\
\tFN(trace_printk, 6, ##ctx)\t\\
\tFN(get_socket_cookie, 46, ##ctx)\t\\
\tFN(strtol, 105, ##ctx)\t\t\\
\t/* */
"""

FAILURES = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        FAILURES.append(what)


def load(path):
    spec = importlib.util.spec_from_file_location("gen", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    script = sys.argv[1]
    gen = load(script)

    old = gen.generate(OLD_FORM)
    check("___rb_helper(void *, bpf_map_lookup_elem, (void *map, const void *key), 1);"
          in old, "positional ids, struct bpf_map * becomes void *")
    check("___rb_helper(long, bpf_trace_printk, (const char *fmt, __u32 fmt_size, ...), 2);"
          in old, "u32 becomes __u32, varargs kept")
    check("___rb_helper(__u64, bpf_get_socket_cookie, (void *skb), 3);" in old,
          "a helper documented per context type takes void *")
    check("(const char *buf, unsigned long buf_len, __u64 flags, long *res), 4)"
          in old, "size_t becomes unsigned long")
    check("not declared: bpf_not_documented" in old,
          "a numbered, undocumented helper is named, not declared")
    check("Words that must not" not in old and "Parse." not in old,
          "no documentation prose in the output")
    check("struct bpf_sock_addr;" not in old and "struct bpf_map;" not in old,
          "no forward declarations for types that were replaced")

    new = gen.generate(NEW_FORM)
    check("bpf_get_socket_cookie, (void *skb), 46);" in new,
          "explicit ids (6.2+ list form) are used as given")
    check("bpf_strtol, (const char *buf, unsigned long buf_len, __u64 flags, long *res), 105);"
          in new, "explicit id 105")
    check("not declared" not in new, "every numbered helper documented")

    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "bpf.h")
        out = os.path.join(tmp, "defs.h")
        other = os.path.join(tmp, "other.h")
        with open(src, "w") as f:
            f.write(NEW_FORM)
        with open(other, "w") as f:
            f.write(OLD_FORM)
        run = lambda *a: subprocess.run([sys.executable, script] + list(a),
                                        capture_output=True, text=True)
        r = run(src, "-o", out)
        check(r.returncode == 0, "generate to a file")
        check(run(src, "--check", out).returncode == 0,
              "--check: up to date")
        check(run(other, "--check", out).returncode == 77,
              "--check: made from a different header -> 77 (skip)")
        with open(out) as f:
            text = f.read()
        with open(out, "w") as f:
            f.write(text.replace(", 105);", ", 106);"))
        r = run(src, "--check", out)
        check(r.returncode == 1 and "stale" in r.stdout,
              "--check: edited output -> 1, says stale")
        with open(src, "w") as f:
            f.write(DOCS)
        r = run(src, "-o", out)
        check(r.returncode != 0 and "__BPF_FUNC_MAPPER" in r.stderr,
              "a header without the helper list is refused")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
