#!/usr/bin/env bash
# tests/nolibc/build.sh SRC OUT [TRIPLET] - the no-libc build (RAWBPF_NOLIBC,
# lib/nolibc.cmake) of the library and examples/firmware, as firmware
# would build it: -Werror, MinSizeRel, every optional part OFF, unused
# sections dropped at link. TRIPLET (e.g. aarch64-linux-gnu) cross
# compiles with cmake/toolchains/cross.cmake; NOLIBC_CFLAGS adds compiler
# flags (-fno-asynchronous-unwind-tables, say); NOLIBC_PARTS=all keeps
# every optional part ON instead (USDT's argument parser, CO-RE, netlink:
# the whole library must link without libc too). Then it checks with nm
# that the library needs nothing it does not define itself and that the
# program is complete, and prints the stripped sizes:
#   nolibc ARCH (parts): librawbpf.a N bytes (stripped), rawbpf-firmware N bytes (stripped)
set -euo pipefail
src=$(cd "${1:?usage: build.sh SRC OUT [TRIPLET]}" && pwd)
out=${2:?usage: build.sh SRC OUT [TRIPLET]}
triplet=${3:-}
args=(-DRAWBPF_NOLIBC=ON -DRAWBPF_TESTS=OFF -DRAWBPF_INSTALL=OFF -DRAWBPF_WERROR=ON
	-DCMAKE_BUILD_TYPE=MinSizeRel
	-DCMAKE_C_FLAGS="-ffunction-sections -fdata-sections ${NOLIBC_CFLAGS:-}"
	-DCMAKE_EXE_LINKER_FLAGS=-Wl,--gc-sections)
parts=${NOLIBC_PARTS:-none}
case $parts in
none) for part in CORE KERNEL_BTF EXTERNS SANITIZE NETLINK IPROUTE2 USDT STRUCT_OPS ARENA; do
		args+=(-DRAWBPF_WITH_$part=OFF)
	done ;;
all) ;;
*) echo "build.sh: NOLIBC_PARTS is none or all, not '$parts'" >&2; exit 2 ;;
esac
strip=strip nm=nm cc=${CC:-gcc}
if [ -n "$triplet" ]; then
	args+=(-DCMAKE_TOOLCHAIN_FILE="$src/cmake/toolchains/cross.cmake" -DRAWBPF_CROSS="$triplet")
	strip=$triplet-strip nm=$triplet-nm cc=$triplet-gcc
else
	args+=(-DCMAKE_C_COMPILER="$cc")
fi
# libgcc (not libc) holds what the compiler calls itself: riscv64's
# byte swaps and bit counts, for one
libgcc=$("$cc" -print-libgcc-file-name)
rm -rf "$out"
cmake -S "$src" -B "$out" "${args[@]}" >/dev/null
cmake --build "$out" -j"$(nproc)" -- --no-print-directory >/dev/null
lib=$out/librawbpf.a exe=$out/examples/rawbpf-firmware
# every symbol the library's objects ask for is one they or libgcc
# define (_GLOBAL_OFFSET_TABLE_: the linker's own, for PIC code)
missing=$(comm -23 <("$nm" -u "$lib" | awk 'NF == 2 { print $2 }' | sort -u) \
	<("$nm" --defined-only "$lib" "$libgcc" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u) |
	grep -vx _GLOBAL_OFFSET_TABLE_ || true)
[ -z "$missing" ] || { echo "nolibc: librawbpf.a needs libc symbols:" $missing; exit 1; }
fromgcc=$(comm -12 <("$nm" -u "$lib" | awk 'NF == 2 { print $2 }' | sort -u) \
	<("$nm" --defined-only "$libgcc" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u) | tr '\n' ' ')
undef=$("$nm" -u "$exe" || true)
[ -z "$undef" ] || { echo "nolibc: rawbpf-firmware has undefined symbols:" $undef; exit 1; }
"$strip" -o "$out/librawbpf.stripped.a" --strip-unneeded "$lib"
"$strip" -o "$out/rawbpf-firmware.stripped" "$exe"
arch=$(file -b "$exe" | cut -d, -f2 | sed 's/^ //')
echo "nolibc $arch (parts: $parts): librawbpf.a $(stat -c %s "$out/librawbpf.stripped.a") bytes (stripped)," \
	"rawbpf-firmware $(stat -c %s "$out/rawbpf-firmware.stripped") bytes (stripped), no undefined symbols;" \
	"from libgcc: ${fromgcc:-nothing}"
