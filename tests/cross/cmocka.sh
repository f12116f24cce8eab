#!/usr/bin/env bash
# tests/cross/cmocka.sh - build cmocka for a cross target into a private
# prefix, from Debian's own source package (the version the build machine
# runs), so the cross-built tests link against it.
#
#   tests/cross/cmocka.sh TRIPLET PREFIX [WORKDIR]
#
# Why from source: Debian 12 has no cross cmocka, and no cmocka at all for
# mips (big-endian) or riscv64; installing libcmocka-dev:<arch> would also
# pull linux-libc-dev:<arch>, which can make apt remove the native
# toolchain. The source comes through apt-get with a private sources list
# and private list/cache directories under WORKDIR: the machine's apt setup
# is left as it is. Needs dpkg-dev (dpkg-source) and the cross gcc.
set -euo pipefail
triplet=$1 prefix=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${3:-$root/build-cross/cmocka-src}

# debsrc_sources: the machine's own Debian entries (those for this
# release's codename), as deb-src lines.
debsrc_sources() {
	python3 - /etc/apt/sources.list /etc/apt/sources.list.d/*.sources \
		/etc/apt/sources.list.d/*.list <<'PY'
import re, sys
codename = ""
for line in open("/etc/os-release"):
    if line.startswith("VERSION_CODENAME="):
        codename = line.split("=", 1)[1].strip().strip('"')
def ours(suites):
    return any(s == codename or s.startswith(codename + "-") for s in suites)
out = set()
for path in sys.argv[1:]:
    try:
        text = open(path).read()
    except OSError:
        continue
    if path.endswith(".sources"):
        for stanza in re.split(r"\n\s*\n", text):
            f = {}
            for line in stanza.splitlines():
                m = re.match(r"(\w[\w-]*):\s*(.*)", line)
                if m:
                    f[m.group(1).lower()] = m.group(2).split()
            if "deb" in f.get("types", []) and ours(f.get("suites", [])):
                for uri in f.get("uris", []):
                    for suite in f["suites"]:
                        out.add("deb-src %s %s %s" % (uri, suite, " ".join(f.get("components", []))))
        continue
    for line in text.splitlines():
        w = re.sub(r"\[[^]]*\]", "", line).split()
        if len(w) >= 4 and w[0] == "deb" and ours([w[2]]):
            out.add("deb-src " + " ".join(w[1:]))
if not out:
    sys.exit("cmocka.sh: no Debian %s entry in the apt sources" % codename)
print("\n".join(sorted(out)))
PY
}

if [ -e "$prefix/include/cmocka.h" ]; then
	exit 0
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)
src=$(ls -d "$work"/cmocka-*/ 2>/dev/null | head -1 || true)
if [ -z "$src" ]; then
	ver=$(dpkg-query -W -f='${source:Version}' libcmocka0 2>/dev/null || true)
	mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial"
	debsrc_sources >"$work/apt/sources.list"
	opts=(-o "Dir::Etc::SourceList=$work/apt/sources.list"
	      -o "Dir::Etc::SourceParts=$work/apt/none"
	      -o "Dir::State::Lists=$work/apt/lists"
	      -o "Dir::Cache=$work/apt/cache" -o "APT::Sandbox::User=root")
	apt-get "${opts[@]}" -qq update
	(cd "$work" && apt-get "${opts[@]}" -qq source --download-only \
		"cmocka${ver:+=$ver}" >/dev/null)
	(cd "$work" && dpkg-source -x --no-check cmocka_*.dsc >/dev/null)
	src=$(ls -d "$work"/cmocka-*/ | head -1)
fi

build=$work/build-$triplet
rm -rf "$build"
cmake -S "$src" -B "$build" \
	-DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/cross.cmake" \
	-DRAWBPF_CROSS="$triplet" -DCMAKE_BUILD_TYPE=Release \
	-DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib \
	-DWITH_EXAMPLES=OFF -DUNIT_TESTING=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
cmake --install "$build" >/dev/null
