#!/usr/bin/env bash
# tests/cross/run.sh - cross build rawbpf for other architectures with
# Debian's cross toolchains (-Werror) and run the unit tests under
# qemu-user, one summary line per architecture:
#
#   qemu-user ARCH: N passed, N failed, N skipped
#
#   tests/cross/run.sh [--units-only] [--totals FILE] [--dir DIR] ARCH...
#
# ARCH: aarch64 armhf i686 s390x mips mipsel ppc64el riscv64 (or all).
# --units-only  configure without the examples and build only the unit test
#               programs (and the BPF objects they read); run only those.
#               Without it everything builds (library, CLI, examples, every
#               test) and every `unit` test runs, the build-machine ones
#               (cmake, python, clang checks) included.
# --totals FILE append "passed failed skipped" per architecture (.ci/run).
# --dir DIR     where the builds go (default build-cross/ in the source tree).
# Needs: gcc-<triplet>, libc6-dev-<arch>-cross, qemu-user-static, dpkg-dev
# (cmocka.sh builds cmocka for the target). Counts are cmocka tests; a test
# program that dies before its summary, and a non-cmocka test, count as one.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$root/build-cross units_only=0 totals=""
while [ $# -gt 0 ]; do
	case $1 in
	--units-only) units_only=1 ;;
	--totals) totals=$2; shift ;;
	--dir) dir=$2; shift ;;
	*) break ;;
	esac
	shift
done
[ $# -gt 0 ] || { sed -n 2,20p "$0"; exit 2; }
if [ "$1" = all ]; then
	set -- aarch64 armhf i686 s390x mips mipsel ppc64el riscv64
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

triplet() {
	case $1 in
	aarch64 | arm64) echo aarch64-linux-gnu ;;
	armhf | arm) echo arm-linux-gnueabihf ;;
	i686 | i386) echo i686-linux-gnu ;;
	s390x) echo s390x-linux-gnu ;;
	mips) echo mips-linux-gnu ;;
	mipsel) echo mipsel-linux-gnu ;;
	ppc64el | powerpc64le) echo powerpc64le-linux-gnu ;;
	riscv64) echo riscv64-linux-gnu ;;
	*) return 1 ;;
	esac
}

# one ARCH: build, run, print the summary line; non-zero on any failure
one() {
	local arch=$1 t b log targets=() regex="" start=$SECONDS rc=0
	t=$(triplet "$arch") || { echo "qemu-user $arch: unknown architecture"; return 1; }
	b=$dir/$t
	log=$b/log
	mkdir -p "$b"
	: >"$log"
	if ! "$root/tests/cross/cmocka.sh" "$t" "$b/prefix" "$dir/cmocka-src" >>"$log" 2>&1; then
		tail -20 "$log"
		echo "qemu-user $arch: cmocka build failed"
		return 1
	fi
	local cfg=(-DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/cross.cmake"
		   -DRAWBPF_CROSS="$t" -DRAWBPF_CROSS_PREFIX="$b/prefix"
		   -DRAWBPF_WERROR=ON)
	if ((units_only)); then
		cfg+=(-DRAWBPF_EXAMPLES=OFF)
		local src name
		for src in "$root"/tests/unit/*.c; do
			name=$(basename "$src" .c)
			targets+=(--target "test_unit_$name")
			regex+="${regex:+|}$name"
		done
		regex="^unit/($regex)\$"
	fi
	rm -rf "$b/build"
	if ! cmake -S "$root" -B "$b/build" "${cfg[@]}" >>"$log" 2>&1 ||
	   ! cmake --build "$b/build" -j"$(nproc)" "${targets[@]}" >>"$log" 2>&1; then
		grep -E "error|warning" "$log" | head -20
		tail -5 "$log"
		echo "qemu-user $arch: build failed"
		return 1
	fi
	local built=$((SECONDS - start))
	ctest --test-dir "$b/build" -L unit ${regex:+-R "$regex"} -j"$(nproc)" \
		--timeout 600 --output-junit "$b/junit.xml" >"$b/ctest.log" 2>&1 || rc=1
	python3 "$root/tests/cross/counts.py" "$b/junit.xml" "qemu-user $arch" \
		${totals:+--totals "$totals"} || rc=1
	if ((rc)); then
		grep -E "\*\*\*|Failed|FAILED" "$b/ctest.log" | head -20
	fi
	echo "  ($arch: build ${built}s, tests $((SECONDS - start - built))s)"
	return $rc
}

fail=0
for arch in "$@"; do
	one "$arch" || fail=1
done
exit $fail
