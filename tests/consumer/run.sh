#!/usr/bin/env bash
# tests/consumer/run.sh - build tests/consumer/consumer.c against rawbpf the
# four ways a user gets it, run each build on OBJ (obj_globals.o) and check
# what it linked:
#   install        cmake --install into a DESTDIR, pkg-config (shared, static)
#   find_package   the installed package and the build-tree export
#   add_subdirectory  rawbpf vendored into a parent project
#   amalgamation   rawbpf.c + rawbpf.h alone (gcc, clang, musl-gcc, minimal)
#
#   tests/consumer/run.sh SRC BUILD OBJ [JOB...]
# SRC: the rawbpf source tree; BUILD: its configured and built build dir;
# the default is every job, in the order above (find_package uses the
# install job's DESTDIR). Work goes to BUILD/consumer/.
set -euo pipefail
src=$(cd "$1" && pwd) build=$(cd "$2" && pwd) obj=$3
shift 3
jobs=("$@")
((${#jobs[@]})) || jobs=(install find_package add_subdirectory amalgamation)
out=$build/consumer
cons=$src/tests/consumer
CFLAGS=(-std=c11 -Wall -Wextra -Werror -O2)
# the amalgamation's builds: -O1 keeps CI fast and still runs gcc's flow
# analysis; AMAL_OPT=-Os measures the sizes that docs/install.md quotes
AMAL_OPT=${AMAL_OPT:--O1}
mkdir -p "$out"

fail() { echo "consumer: $*"; exit 1; }
# (grep -q reads here-strings below, never a pipe: it stops at the first
# match, and under pipefail the writer's SIGPIPE would fail the check)
size_of() { stat -L -c %s "$1"; }
# stripped FILE [STRIP-FLAGS]: its size without symbols and debug info
stripped() { strip "${@:2}" -o "$1.stripped" "$1" && size_of "$1.stripped" && rm "$1.stripped"; }
# needs BIN SONAME: BIN's dynamic section asks for SONAME
needs() { grep -q "NEEDED.*\[$2\]" <<<"$(readelf -d "$1")" || fail "$1 does not need $2"; }
# static_only BIN: no dynamic section at all
static_only() {
	grep -q "no dynamic section" <<<"$(readelf -d "$1")" || fail "$1 is not static"
}
# cmake_consumer DIR ARGS...: configure and build tests/consumer quietly
cmake_consumer() {
	local dir=$1; shift
	rm -rf "$dir"
	cmake -S "$cons" -B "$dir" "$@" >"$dir.log" 2>&1 ||
		{ cat "$dir.log"; fail "configure $dir"; }
	cmake --build "$dir" -j"$(nproc)" >>"$dir.log" 2>&1 ||
		{ cat "$dir.log"; fail "build $dir"; }
}

job_install() {
	local stage=$out/stage pc lib so
	rm -rf "$stage"
	DESTDIR=$stage cmake --install "$build" >/dev/null
	pc=$(find "$stage" -name rawbpf.pc)
	[ -n "$pc" ] || fail "no rawbpf.pc installed"
	so=$(find "$stage" -name 'librawbpf.so.0')
	lib=$(dirname "$so")
	grep -q 'SONAME.*\[librawbpf.so.0\]' <<<"$(readelf -d "$so")" || fail "SONAME of $so"
	for f in "$lib/librawbpf.a" "$lib/librawbpf.so" "$lib/cmake/rawbpf/rawbpfConfig.cmake" \
		 "$lib/cmake/rawbpf/rawbpfConfigVersion.cmake"; do
		[ -e "$f" ] || fail "not installed: ${f#$stage}"
	done
	[ -x "$(dirname "$lib")/bin/rawbpf" ] || fail "CLI not installed"
	# As a sysroot build (Buildroot, Yocto) sees it: paths in the .pc are
	# the final ones, pkg-config prefixes the sysroot.
	export PKG_CONFIG_LIBDIR=$(dirname "$pc") PKG_CONFIG_SYSROOT_DIR=$stage
	echo "pkg-config --static --libs: $(pkg-config --static --libs rawbpf)"
	# shared: runs through LD_LIBRARY_PATH from the staged libdir
	gcc "${CFLAGS[@]}" "$cons/consumer.c" $(pkg-config --cflags --libs rawbpf) \
		-o "$out/pc_shared"
	needs "$out/pc_shared" librawbpf.so.0
	grep -q "librawbpf.so.0 => $lib/" <<<"$(LD_LIBRARY_PATH=$lib ldd "$out/pc_shared")" ||
		fail "pc_shared does not resolve librawbpf.so.0 from $lib"
	LD_LIBRARY_PATH=$lib "$out/pc_shared" "$obj"
	# static: the whole program, libc included
	gcc "${CFLAGS[@]}" -static "$cons/consumer.c" \
		$(pkg-config --static --cflags --libs rawbpf) -o "$out/pc_static"
	static_only "$out/pc_static"
	"$out/pc_static" "$obj"
	unset PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR
	echo "bytes (stripped): librawbpf.a $(size_of "$lib/librawbpf.a") ($(stripped "$lib/librawbpf.a" -g))," \
	     "librawbpf.so.0 $(size_of "$so") ($(stripped "$so"))," \
	     "pc_shared $(size_of "$out/pc_shared") ($(stripped "$out/pc_shared"))," \
	     "pc_static $(size_of "$out/pc_static") ($(stripped "$out/pc_static"))"
}

# check_cmake_consumer DIR: consumer needs librawbpf.so.0 and runs without
# LD_LIBRARY_PATH (CMake's RUNPATH); consumer_static needs no librawbpf
check_cmake_consumer() {
	needs "$1/consumer" librawbpf.so.0
	! grep -q "NEEDED.*librawbpf" <<<"$(readelf -d "$1/consumer_static")" ||
		fail "$1/consumer_static needs librawbpf.so"
	"$1/consumer" "$obj"
	"$1/consumer_static" "$obj"
}

# job_installed_bpf PREFIX: the installed package builds a consumer's own
# BPF program (rawbpf_add_bpf_object ... EMBED SKELETON with rawbpf::cli),
# against the installed BPF headers only (usdt.bpf.h included), and the
# skeleton program runs
job_installed_bpf() {
	local prefix=$1 dir=$out/fp_bpf dep
	cmake_consumer "$dir" -DCMAKE_PREFIX_PATH="$prefix" -DRAWBPF_CONSUMER_BPF=ON
	dep=$dir/bpf/consumer_skel.bpf.d
	[ -f "$dep" ] || fail "installed_bpf: no $dep"
	for h in bpf_helpers.h usdt.bpf.h; do
		grep -q "$prefix/include/rawbpf/bpf/$h" <<<"$(cat "$dep")" ||
			fail "installed_bpf: $h not from $prefix/include/rawbpf/bpf"
	done
	! grep -q "/usr/include/bpf/" <<<"$(cat "$dep")" ||
		fail "installed_bpf: a libbpf-dev header in $dep"
	[ -f "$dir/rawbpf_skel/consumer_skel.skel.h" ] || fail "installed_bpf: no skeleton"
	grep -rqs "$prefix/bin/rawbpf gen skeleton" "$dir/CMakeFiles" ||
		fail "installed_bpf: the skeleton was not made by the installed CLI"
	"$dir/consumer_skel"
}

job_find_package() {
	local stage=$out/stage found prefix
	[ -d "$stage" ] || fail "find_package: run the install job first"
	# the prefix the package was configured for, under the DESTDIR
	prefix=$stage$(sed -n 's/^prefix=//p' "$(find "$stage" -name rawbpf.pc)")
	cmake_consumer "$out/fp_installed" -DCMAKE_PREFIX_PATH="$prefix"
	found=$(sed -n 's/^rawbpf_DIR:PATH=//p' "$out/fp_installed/CMakeCache.txt")
	[[ $found == "$stage"/* ]] || fail "find_package found $found, not the install"
	grep -q "rawbpf::cli: $prefix/bin/rawbpf" "$out/fp_installed.log" ||
		fail "find_package: no rawbpf::cli"
	check_cmake_consumer "$out/fp_installed"
	job_installed_bpf "$prefix"
	# the build tree's own export
	cmake_consumer "$out/fp_buildtree" -Drawbpf_DIR="$build"
	check_cmake_consumer "$out/fp_buildtree"
}

job_add_subdirectory() {
	local dir=$out/subdir t
	cmake_consumer "$dir" -DRAWBPF_VENDORED="$src"
	check_cmake_consumer "$dir"
	# a vendored rawbpf builds its library only
	t=$(cmake --build "$dir" --target help | grep -E \
	    'test_(unit|kernel)_|rawbpf_cli|rawbpf-lifecycle|bpf_objects|bench_|leakcheck' || true)
	[ -z "$t" ] || fail "add_subdirectory generated: $t"
	grep -q "Total Tests: 0" <<<"$(ctest --test-dir "$dir" -N)" || fail "add_subdirectory added tests"
	[ -z "$(find "$dir" -name '*.bpf.o' -o -path '*/bpf/*.o')" ] ||
		fail "add_subdirectory built BPF objects"
	! grep -q librawbpf "$dir/rawbpf/cmake_install.cmake" ||
		fail "add_subdirectory installs rawbpf"
}

# amal_build NAME CC [FLAGS...]: librawbpf.a from rawbpf.c alone, then the
# consumer against it; run it
amal_build() {
	local name=$1 cc=$2 d=$out/amalgamation; shift 2
	"$cc" "${CFLAGS[@]}" "$AMAL_OPT" "$@" -c "$d/src/rawbpf.c" -o "$d/$name.o"
	ar rcs "$d/lib$name.a" "$d/$name.o"
	"$cc" "${CFLAGS[@]}" "$AMAL_OPT" "$@" -DRAWBPF_CONSUMER_AMALGAMATION -I"$d/src" \
		"$cons/consumer.c" "$d/lib$name.a" -o "$d/$name"
	"$d/$name" "$obj"
}

job_amalgamation() {
	local d=$out/amalgamation kinc arch min=() p a b rc=0
	rm -rf "$d"; mkdir -p "$d/src"
	cmake --build "$build" --target amalgamation >/dev/null
	# the two files alone, in a directory of their own
	cp "$build/amalgamation/rawbpf.c" "$build/amalgamation/rawbpf.h" "$d/src/"
	# musl-gcc does not search the glibc include tree: the kernel uapi only
	kinc=$d/kinc arch=$(gcc -print-multiarch)
	mkdir -p "$kinc"
	ln -s /usr/include/linux "$kinc/linux"
	ln -s "/usr/include/$arch/asm" "$kinc/asm"
	ln -s /usr/include/asm-generic "$kinc/asm-generic"
	for p in $(sed -n 's/^set(RAWBPF_PART_\([A-Z_]*\) .*/\1/p' "$src/lib/options.cmake"); do
		min+=("-DRAWBPF_WITH_$p=0")
	done
	# two compilers at a time
	amal_build amal_gcc gcc & a=$!
	amal_build amal_clang clang & b=$!
	wait $a || rc=1; wait $b || rc=1
	amal_build amal_musl musl-gcc -static -I"$kinc" & a=$!
	amal_build amal_min gcc "${min[@]}" & b=$!
	wait $a || rc=1; wait $b || rc=1
	((!rc)) || fail "an amalgamation build failed"
	static_only "$d/amal_musl"
	# the minimal build refuses what needs a part it left out, by name
	if p=$("$d/amal_min" "$(dirname "$obj")/core_task.o"); then
		fail "minimal amalgamation loaded core_task.o"
	fi
	grep -q "RAWBPF_WITH_" <<<"$p" || fail "minimal amalgamation: $p"
	echo "bytes: rawbpf.c $(size_of "$d/src/rawbpf.c"), rawbpf.h $(size_of "$d/src/rawbpf.h");" \
	     "consumers ($AMAL_OPT, stripped): gcc $(stripped "$d/amal_gcc"), clang $(stripped "$d/amal_clang")," \
	     "musl static $(stripped "$d/amal_musl"), gcc minimal $(stripped "$d/amal_min")"
}

for j in "${jobs[@]}"; do
	echo "--- consumer: $j"
	TIMEFORMAT="--- consumer: $j took %R s (cpu %U s user, %S s sys)"
	time "job_$j"
	echo "--- consumer: $j ok"
done
