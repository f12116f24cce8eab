#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""btf_min_tools.py - minimized BTF on the libbpf-tools corpus.

For every binary of Debian's libbpf-tools package, cut out the embedded BPF
ELF object, make its minimized BTF with `rawbpf btf min OBJ --btf COPY`
(COPY: the kernel's BTF copied before), then, in a private mount namespace
with an empty tmpfs over /sys/kernel/btf (a kernel without BTF as far as the
loader can tell), `rawbpf load OBJ --btf COPY` and `rawbpf load OBJ --btf
MIN`: every program must load or fail alike (same errno). Prints the table
tool / programs / loaded / full bytes / min bytes / min --renumber bytes.
Exit 0 when all agree, 1 on a difference, 77 when the corpus is missing.
Needs root (bpf, unshare -m).
"""
import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile

EM_BPF = 247


def bpf_elf(blob):
    """The first little-endian ELF64 for EM_BPF inside @blob (or None)."""
    i = 1
    while True:
        i = blob.find(b"\x7fELF\x02\x01\x01", i)
        if i < 0:
            return None
        if len(blob) - i >= 64 and struct.unpack_from("<H", blob, i + 18)[0] == EM_BPF:
            shoff = struct.unpack_from("<Q", blob, i + 40)[0]
            shnum = struct.unpack_from("<H", blob, i + 60)[0]
            end = shoff + shnum * 64
            if end <= len(blob) - i:
                return blob[i:i + end]
        i += 1


def tools():
    """The libbpf-tools binaries: dpkg's list, else /usr/sbin."""
    try:
        out = subprocess.run(["dpkg", "-L", "libbpf-tools"], capture_output=True,
                             text=True, check=True).stdout.split()
        paths = [p for p in out if p.startswith(("/usr/sbin/", "/usr/bin/"))]
    except (OSError, subprocess.CalledProcessError):
        paths = []
    return sorted(p for p in paths if os.path.isfile(p))


def load(cli, obj, btf):
    """{program: (status, errno)} of `rawbpf load OBJ --btf BTF` with
    /sys/kernel/btf hidden."""
    script = ('mount -t tmpfs tmpfs /sys/kernel/btf && '
              'test ! -e /sys/kernel/btf/vmlinux && exec "$0" load "$1" --btf "$2"')
    r = subprocess.run(["unshare", "--mount", "--propagation", "private",
                        "sh", "-c", script, cli, obj, btf],
                       capture_output=True, text=True)
    res = {}
    for line in r.stdout.splitlines():
        f = line.split("\t")
        if len(f) >= 3 and f[2] in ("ok", "error"):
            res[f[0]] = (f[2], f[3] if f[2] == "error" and len(f) > 3 else "")
    if not res:
        res["(object)"] = ("error", r.stderr.strip().splitlines()[-1:] and
                           r.stderr.strip().splitlines()[-1] or str(r.returncode))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True, help="the rawbpf CLI")
    ap.add_argument("--btf", default="/sys/kernel/btf/vmlinux")
    ap.add_argument("--markdown", action="store_true", help="table as markdown")
    a = ap.parse_args()
    paths = tools()
    if not paths or not os.path.exists(a.btf):
        print("SKIP: libbpf-tools or kernel BTF missing")
        return 77
    work = tempfile.mkdtemp(prefix="rb_btfmin_")
    bad = 0
    rows = []
    try:
        copy = os.path.join(work, "vmlinux")
        shutil.copyfile(a.btf, copy)
        full = os.path.getsize(copy)
        for p in paths:
            name = os.path.basename(p)
            with open(p, "rb") as f:
                elf = bpf_elf(f.read())
            if elf is None:
                continue
            obj = os.path.join(work, name + ".bpf.o")
            with open(obj, "wb") as f:
                f.write(elf)
            mins = []
            for extra in ([], ["--renumber"]):
                out = os.path.join(work, name + ".btf" + "".join(extra))
                r = subprocess.run([a.cli, "btf", "min", obj, "--btf", copy, "-o", out]
                                   + extra, capture_output=True, text=True)
                if r.returncode:
                    print(f"{name}: btf min failed: {r.stderr.strip()}")
                    bad += 1
                    mins.append(None)
                else:
                    mins.append(out)
            if mins[0] is None:
                continue
            rf = load(a.cli, obj, copy)
            rm = load(a.cli, obj, mins[0])
            same = rf == rm
            if not same:
                bad += 1
                for k in sorted(set(rf) | set(rm)):
                    if rf.get(k) != rm.get(k):
                        print(f"{name}: {k}: full {rf.get(k)} min {rm.get(k)}")
            ok = sum(1 for v in rf.values() if v[0] == "ok")
            rows.append((name, len(rf), ok, "same" if same else "DIFF",
                         os.path.getsize(mins[0]),
                         os.path.getsize(mins[1]) if mins[1] else -1))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    head = ("tool", "progs", "loaded", "full vs min", "min bytes", "min --renumber bytes")
    if a.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for r in rows:
            print("| " + " | ".join(str(x) for x in r) + " |")
    else:
        print("\t".join(head))
        for r in rows:
            print("\t".join(str(x) for x in r))
    print(f"kernel BTF: {full} bytes; {len(rows)} tools; "
          f"{sum(r[2] for r in rows)} programs loaded; {bad} differences")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
