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

# cmocka is one C file: compiled straight with the cross compiler and a
# config.h for glibc on Linux (what cmocka's own configure finds there, in
# seconds instead of a minute of try_compile per target), into a static
# library, so the test programs need no library path under qemu.
build=$work/build-$triplet
rm -rf "$build"
mkdir -p "$build" "$prefix/lib" "$prefix/include"
cat >"$build/config.h" <<'H'
#define HAVE_ASSERT_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_MALLOC_H 1
#define HAVE_MEMORY_H 1
#define HAVE_SETJMP_H 1
#define HAVE_SIGNAL_H 1
#define HAVE_STDARG_H 1
#define HAVE_STDDEF_H 1
#define HAVE_STDINT_H 1
#define HAVE_STDIO_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRINGS_H 1
#define HAVE_STRING_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_TIME_H 1
#define HAVE_UNISTD_H 1
#define HAVE_STRUCT_TIMESPEC 1
#define HAVE_CALLOC 1
#define HAVE_EXIT 1
#define HAVE_FPRINTF 1
#define HAVE_SNPRINTF 1
#define HAVE_VSNPRINTF 1
#define HAVE_FREE 1
#define HAVE_LONGJMP 1
#define HAVE_SIGLONGJMP 1
#define HAVE_MALLOC 1
#define HAVE_MEMCPY 1
#define HAVE_MEMSET 1
#define HAVE_PRINTF 1
#define HAVE_SETJMP 1
#define HAVE_SIGNAL 1
#define HAVE_STRCMP 1
#define HAVE_STRSIGNAL 1
#define HAVE_CLOCK_GETTIME 1
#define HAVE_GCC_THREAD_LOCAL_STORAGE 1
#define HAVE_CLOCK_REALTIME 1
#define WORDS_SIZEOF_VOID_P __SIZEOF_POINTER__
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define WORDS_BIGENDIAN 1
#endif
H
"$triplet-gcc" -O2 -g -fPIC -D_GNU_SOURCE -DHAVE_CONFIG_H -I"$build" \
	-I"$src/include" -c "$src/src/cmocka.c" -o "$build/cmocka.o"
"$triplet-ar" rcs "$prefix/lib/libcmocka.a" "$build/cmocka.o"
cp "$src/include/cmocka.h" "$src/include/cmocka_pbc.h" "$prefix/include/"
