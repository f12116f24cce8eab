#!/usr/bin/env bash
# tests/vm/run.sh ARCH [BUILD_DIR] - the unit and kernel suites inside
# Debian's own kernel for ARCH, booted under qemu (the kernel matrix).
#
# It installs what it needs (apt), fetches the linux-image-* package that
# Debian's linux-image-ARCH meta package depends on (cached in
# ${XDG_CACHE_HOME:-~/.cache}/rawbpf-vm), builds the tests (or takes
# BUILD_DIR), packs them with busybox-static into an initramfs, boots it
# with RAWBPF_REQUIRE_KERNEL=1 and reads the cmocka output back from the
# console. It prints every skip reason and ends with exactly one line
#   vm ARCH KVER: N passed, N failed, N skipped
# and exits 0 only when nothing failed, crashed or went missing.
#
# The tests have absolute paths compiled in (the build dir, its bpf/), so
# the build dir is copied to the same absolute path inside the initramfs,
# with the shared libraries (ldd) of every program that runs there.
#
# Environment: RAWBPF_VM_TIMEOUT (seconds for the whole VM, default 1500:
# a run takes 3-4 min here, and .ci/run must stay under 30 min),
# RAWBPF_VM_TEST_TIMEOUT (per test program, at least ctest's, default 300),
# RAWBPF_VM_ONLY (a regex: run only the ctest names matching it, e.g.
# 'attach_kprobe'), RAWBPF_VM_EXCLUDE (a regex: leave those out, each
# named; .ci/run's time budget),
# RAWBPF_VM_MEM (default 2048 MB), RAWBPF_VM_KEEP=1 keeps the work dir,
# RAWBPF_VM_PAHOLE=0 skips making target BTF with pahole for a kernel
# built without BTF (i386, s390x; see "target BTF from pahole" below),
# RAWBPF_VM_CONSOLE=1 shows the whole console (else one line per program;
# the output of a program that failed is printed at the end). The console
# log is kept in $CACHE/console.log (or RAWBPF_VM_LOG).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ARCH=${1:?usage: tests/vm/run.sh ARCH [BUILD_DIR]}
BUILD=${2:-}
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/rawbpf-vm/$ARCH
VM_TIMEOUT=${RAWBPF_VM_TIMEOUT:-1800}
TEST_TIMEOUT=${RAWBPF_VM_TEST_TIMEOUT:-300}
MEM=${RAWBPF_VM_MEM:-2048}
# kernel modules the tests need (dependencies are added from .modinfo).
# nf_conntrack: kernel/object_module_btf calls its kfunc through its module
# BTF; libcrc32c (its dependency) asks the crypto API for crc32c at load,
# which would need modprobe: crc32c_generic goes in first.
MODULES=(veth sch_ingress cls_bpf act_bpf crc32c_generic nf_conntrack)

die() { echo "tests/vm/run.sh: $*" >&2; exit 1; }
say() { printf '=== vm %s: %s\n' "$ARCH" "$*"; }

# ---- the architecture table ------------------------------------------------
# KMETA: Debian's meta package (its linux-image-* dependency is booted);
# QEMU/QEMU_PKG: the emulator and its package; QEMU_ARGS: machine and cpu;
# CONSOLE: the kernel console device; DEBARCH: dpkg architecture;
# NATIVE: 1 when the host can build and run the test binaries directly.
case $ARCH in
amd64)
	KMETA=linux-image-amd64 QEMU=qemu-system-x86_64 QEMU_PKG=qemu-system-x86
	QEMU_ARGS=(-M pc -cpu max -smp 2) CONSOLE=ttyS0 DEBARCH=amd64 ;;
# Debian 12's backports kernel (trixie's, 6.12 now): what 6.1 lacks
# (CONFIG_FPROBE: kprobe_multi and kprobe sessions; uprobe_multi, tcx,
# netkit, tokens, arena), with the amd64 build's own tests.
# One TCG thread for both vCPUs: under multi-threaded TCG, 6.12's int3
# text patching (static keys flipped as probes come and go) now and then
# left a vCPU running a stale int3 ("Oops: int3" in __schedule: twice in
# about ten runs); 6.1 never did.
amd64-backports)
	KMETA=linux-image-amd64 SUITE=bookworm-backports
	QEMU=qemu-system-x86_64 QEMU_PKG=qemu-system-x86
	QEMU_ARGS=(-M pc -accel tcg,thread=single -cpu max -smp 2) CONSOLE=ttyS0
	DEBARCH=amd64 ;;
# The others are cross built (TRIPLET: cmake/toolchains/cross.cmake).
i386)
	KMETA=linux-image-686 QEMU=qemu-system-i386 QEMU_PKG=qemu-system-x86
	QEMU_ARGS=(-M pc -cpu max -smp 2) CONSOLE=ttyS0 DEBARCH=i386
	TRIPLET=i686-linux-gnu
	# a loaded TCG host fails the IO-APIC timer check (a panic at boot)
	KAPPEND=no_timer_check ;;
arm64)
	KMETA=linux-image-arm64 QEMU=qemu-system-aarch64 QEMU_PKG=qemu-system-arm
	QEMU_ARGS=(-M virt -cpu max -smp 2) CONSOLE=ttyAMA0 DEBARCH=arm64
	TRIPLET=aarch64-linux-gnu ;;
armhf)	# the LPAE kernel needs a CPU with LPAE: cortex-a15
	KMETA=linux-image-armmp-lpae QEMU=qemu-system-arm QEMU_PKG=qemu-system-arm
	QEMU_ARGS=(-M virt,highmem=off -cpu cortex-a15 -smp 2) CONSOLE=ttyAMA0
	DEBARCH=armhf TRIPLET=arm-linux-gnueabihf MEM=${RAWBPF_VM_MEM:-1024} ;;
s390x)
	KMETA=linux-image-s390x QEMU=qemu-system-s390x QEMU_PKG=qemu-system-misc
	QEMU_ARGS=(-M s390-ccw-virtio -cpu max -smp 2) CONSOLE=ttysclp0 DEBARCH=s390x
	TRIPLET=s390x-linux-gnu ;;
*) die "unknown ARCH '$ARCH' (known: amd64 amd64-backports i386 arm64 armhf s390x)" ;;
esac
CROSS=""
[ "$(dpkg --print-architecture)" = "$DEBARCH" ] || CROSS=$TRIPLET

# ---- packages ----------------------------------------------------------------
need_pkgs() {
	local p missing=()
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
			missing+=("$p")
	done
	((${#missing[@]})) || return 0
	say "apt-get install ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
need_pkgs "$QEMU_PKG" busybox-static cpio binutils python3 iproute2 \
	cmake make gcc clang llvm libcmocka-dev libbpf-dev libbpf-tools
if [ -n "$CROSS" ]; then
	# the cross compiler and the target's libc headers (-cross packages:
	# never libc6-dev:ARCH, see docs/cross.md), dpkg-source for cmocka
	need_pkgs "gcc-$CROSS" "binutils-$CROSS" dpkg-dev
	dpkg --print-foreign-architectures | grep -qx "$DEBARCH" || {
		say "dpkg --add-architecture $DEBARCH"
		dpkg --add-architecture "$DEBARCH"
		apt-get update -qq
	}
fi

# ---- the kernel ----------------------------------------------------------------
mkdir -p "$CACHE"
# A kernel from another suite (SUITE) comes through apt lists of its own
# in $CACHE/apt: the machine's sources and apt state are not touched.
APTK=()
if [ -n "${SUITE:-}" ]; then
	A=$CACHE/apt
	mkdir -p "$A/lists/partial" "$A/cache/archives/partial"
	echo "deb [arch=$DEBARCH] http://deb.debian.org/debian $SUITE main" >"$A/sources.list"
	APTK=(-o "Dir::Etc::SourceList=$A/sources.list" -o Dir::Etc::SourceParts=-
	      -o "Dir::State::Lists=$A/lists" -o "Dir::Cache=$A/cache")
	# the lists once a day: a newer backports kernel is picked up
	if [ -z "$(find "$A/lists" -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null)" ]; then
		say "apt-get update ($SUITE lists in $A)"
		apt-get "${APTK[@]}" update -qq
	fi
fi
kpkg=$(apt-cache "${APTK[@]}" depends "$KMETA" 2>/dev/null |
	awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }')
if [ -z "$kpkg" ]; then
	apt-get "${APTK[@]}" update -qq
	kpkg=$(apt-cache "${APTK[@]}" depends "$KMETA" |
		awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }')
fi
[ -n "$kpkg" ] || die "no linux-image-* dependency of $KMETA"
kpkg=${kpkg%:*}	# a foreign one is named with its :ARCH
deb=$(ls "$CACHE/${kpkg}"_*.deb 2>/dev/null | tail -1 || true)
if [ -z "$deb" ]; then
	say "apt-get download $kpkg"
	# the cache may not be readable by apt's sandbox user: that warning is noise
	(cd "$CACHE" && apt-get "${APTK[@]}" download -q "$kpkg:$DEBARCH" 2>&1 |
		grep -v "unsandboxed" || true)
	deb=$(ls "$CACHE/${kpkg}"_*.deb 2>/dev/null | tail -1) ||
		die "apt-get download $kpkg failed"
fi
kroot=${deb%.deb}
if [ ! -d "$kroot/boot" ]; then
	rm -rf "$kroot.tmp"
	dpkg-deb -x "$deb" "$kroot.tmp"
	mv "$kroot.tmp" "$kroot"
fi
kver=${kpkg#linux-image-}
vmlinuz=$(ls "$kroot"/boot/vmlinu[xz]-"$kver")
say "kernel $kpkg ($(basename "$deb"))"

# ---- target BTF from pahole (kernels built without BTF) ------------------------
# Debian's i386 and s390x kernels have no /sys/kernel/btf. Their -dbg
# package (the same version, exactly) holds vmlinux with DWARF; pahole
# turns it into BTF once, cached as $CACHE/vmlinux-KVER.btf (the -dbg deb
# is kept; the extracted vmlinux is not), and the VM's tests get the file
# as RAWBPF_TEST_TARGET_BTF (the BTFHub workflow; kernel/
# object_core_btf_file). RAWBPF_VM_PAHOLE=0 skips this step.
TARGET_BTF=""
if [ "${RAWBPF_VM_PAHOLE:-1}" != 0 ] &&
   ! grep -qx 'CONFIG_DEBUG_INFO_BTF=y' "$kroot/boot/config-$kver"; then
	TARGET_BTF=$CACHE/vmlinux-$kver.btf
	if [ ! -s "$TARGET_BTF" ]; then
		TARGET_BTF=""
		need_pkgs dwarves
		kdebver=$(dpkg-deb -f "$deb" Version)
		dbgglob="$CACHE/$kpkg-dbg_${kdebver//:/%3a}_*.deb"
		t0=$(date +%s)
		# shellcheck disable=SC2086 # the glob is meant
		if ! ls $dbgglob >/dev/null 2>&1; then
			say "apt-get download $kpkg-dbg=$kdebver"
			(cd "$CACHE" && apt-get download -q "$kpkg-dbg:$DEBARCH=$kdebver" 2>&1 |
				grep -v "unsandboxed" || true)
		fi
		# shellcheck disable=SC2086
		dbgdeb=$(ls $dbgglob 2>/dev/null | tail -1 || true)
		t1=$(date +%s)
		if [ -z "$dbgdeb" ]; then
			say "no $kpkg-dbg $kdebver to download: no target BTF (pahole step skipped)"
		else
			say "pahole --btf_encode_detached from $(basename "$dbgdeb")"
			vmlinux=$CACHE/vmlinux-$kver.dwarf
			if ! dpkg-deb --fsys-tarfile "$dbgdeb" |
				tar -x -O "./usr/lib/debug/boot/vmlinux-$kver" >"$vmlinux"; then
				say "no usr/lib/debug/boot/vmlinux-$kver in $dbgdeb: no target BTF"
			elif pahole --btf_encode_detached="$CACHE/vmlinux-$kver.btf.tmp" \
				"$vmlinux" >"$CACHE/pahole.log" 2>&1 &&
			   [ -s "$CACHE/vmlinux-$kver.btf.tmp" ]; then
				mv "$CACHE/vmlinux-$kver.btf.tmp" "$CACHE/vmlinux-$kver.btf"
				TARGET_BTF=$CACHE/vmlinux-$kver.btf
			else
				say "pahole $(pahole --version) failed, no target BTF:"
				sed 's/^/    /' "$CACHE/pahole.log" | head -20
			fi
			rm -f "$vmlinux" "$CACHE/vmlinux-$kver.btf.tmp"
			say "pahole step: fetch $((t1 - t0))s, extract and encode $(($(date +%s) - t1))s"
		fi
	fi
	[ -z "$TARGET_BTF" ] ||
		say "target BTF $(basename "$TARGET_BTF"): $(stat -c %s "$TARGET_BTF") bytes"
fi

# ---- the tests -----------------------------------------------------------------
if [ -z "$BUILD" ]; then
	BUILD=$ROOT/build-vm-$ARCH
	say "build in $BUILD"
	if [ -n "$CROSS" ]; then
		# cmocka for the target, built from Debian's source (static)
		"$ROOT/tests/cross/cmocka.sh" "$CROSS" "$BUILD/prefix" \
			"$ROOT/build-cross/cmocka-src" >"$CACHE/cmocka.log" 2>&1 ||
			{ tail -20 "$CACHE/cmocka.log"; die "cmocka for $CROSS failed"; }
		cmake -S "$ROOT" -B "$BUILD" -DRAWBPF_WERROR=ON \
			-DCMAKE_TOOLCHAIN_FILE="$ROOT/cmake/toolchains/cross.cmake" \
			-DRAWBPF_CROSS="$CROSS" -DRAWBPF_CROSS_PREFIX="$BUILD/prefix" >/dev/null
	else
		cmake -S "$ROOT" -B "$BUILD" -DCMAKE_C_COMPILER=gcc >/dev/null
	fi
	cmake --build "$BUILD" -j"$(nproc)" -- --no-print-directory >/dev/null
fi
BUILD=$(cd "$BUILD" && pwd)
[ -f "$BUILD/CTestTestfile.cmake" ] || die "$BUILD is not a build dir"

WORK=$(mktemp -d /tmp/rawbpf-vm-"$ARCH".XXXXXX)
[ "${RAWBPF_VM_KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
RD=$WORK/root

# The ctest list (unit and kernel labels): "name<TAB>timeout<TAB>command",
# ordered as ctest runs them: units, the leak check's setup, kernel tests,
# its cleanup.
ctest --test-dir "$BUILD" --show-only=json-v1 >"$WORK/ctest.json"
# A cross build's commands start with qemu-user (-L DIR): dropped, the VM
# runs the program itself. Tests whose program is not in the build dir
# (cmake, python, lint scripts) check the build machine, not the kernel:
# they run there (ctest, tests/cross), not here.
python3 - "$WORK/ctest.json" "${RAWBPF_VM_ONLY:-}" "$BUILD" "${RAWBPF_VM_EXCLUDE:-}" \
	>"$WORK/tests.list" <<'PY'
import json, os, re, shlex, sys
only, build, exclude = sys.argv[2], sys.argv[3], sys.argv[4]
rows = []
for t in json.load(open(sys.argv[1]))["tests"]:
    cmd = list(t.get("command", []))
    if cmd and re.search(r"/qemu-[^/]*$", cmd[0]):
        cmd = cmd[3:] if len(cmd) > 2 and cmd[1] == "-L" else cmd[1:]
    if not cmd or not cmd[0].startswith(build + "/"):
        continue
    t["command"] = cmd
    props = {p["name"]: p["value"] for p in t.get("properties", [])}
    labels = props.get("LABELS", [])
    if "unit" not in labels and "kernel" not in labels:
        continue
    # only the build's own programs (cmocka tests, the leak check, the
    # demo): the script checks (python3, sh, cmake -P: docs, lint,
    # headers) test the sources, not the kernel, and have no interpreter
    # in the initramfs
    if not t.get("command") or not t["command"][0].startswith(build + "/"):
        continue
    # tests that need the build machine's toolchain (cc, clang) and the
    # files the build made from its kernel (vmlinux.h): they check the
    # build, not the kernel, and run in the host suites
    if t["name"] in ("unit/btf_dump", "kernel/btf_dump_vmlinux"):
        print("=== vm: not in the VM: %s (compiles C with the build "
              "machine's cc and clang)" % t["name"], file=sys.stderr)
        continue
    setup = "FIXTURES_SETUP" in props
    cleanup = "FIXTURES_CLEANUP" in props
    if only and not (setup or cleanup or re.search(only, t["name"])):
        continue
    if exclude and not (setup or cleanup) and re.search(exclude, t["name"]):
        print("=== vm: left out (RAWBPF_VM_EXCLUDE): %s" % t["name"],
              file=sys.stderr)
        continue
    order = 0 if "unit" in labels else 1 if setup else 3 if cleanup else 2
    rows.append((order, t["name"], int(props.get("TIMEOUT", 0)),
                 " ".join(shlex.quote(c) for c in t["command"])))
for order, name, timeout, cmd in sorted(rows, key=lambda r: r[0]):
    print("%s\t%d\t%s" % (name, timeout, cmd))
PY
[ -s "$WORK/tests.list" ] || die "no tests in $BUILD"

# ---- the target's userland (cross) ---------------------------------------------
# busybox, dash and the tools the tests run (ip, tc, bpftool, libbpf-tools)
# with their shared libraries, from Debian's ARCH packages: downloaded and
# unpacked with dpkg-deb -x into a private root (nothing foreign installed).
FOREIGN_PKGS=(busybox-static dash iproute2 bpftool libbpf-tools libc6 libbpf1
	libelf1 zlib1g libmnl0 libcap2 libxtables12 libbsd0 libmd0 libdb5.3)
if [ -n "$CROSS" ]; then
	FROOT=$CACHE/userland
	if [ ! -x "$FROOT/bin/busybox" ]; then
		say "apt-get download ${FOREIGN_PKGS[*]} ($DEBARCH)"
		rm -rf "$CACHE/debs" "$FROOT.tmp"
		mkdir -p "$CACHE/debs"
		# libbpf-tools is not built for every architecture (i386)
		(cd "$CACHE/debs" &&
			{ apt-get download -qq "${FOREIGN_PKGS[@]/%/:$DEBARCH}" ||
			  apt-get download -qq $(printf '%s\n' "${FOREIGN_PKGS[@]/%/:$DEBARCH}" |
				grep -v '^libbpf-tools:'); } 2>&1 |
			grep -v "unsandboxed" || true)
		for d in "$CACHE"/debs/*.deb; do dpkg-deb -x "$d" "$FROOT.tmp"; done
		rm -rf "$FROOT.tmp/usr/share"
		[ -x "$FROOT.tmp/bin/busybox" ] || die "apt-get download busybox-static:$DEBARCH failed"
		mv "$FROOT.tmp" "$FROOT"
	fi
fi

# ---- the initramfs -------------------------------------------------------------
say "initramfs"
mkdir -p "$RD"/{bin,dev,proc,sys,tmp,run,etc,usr/sbin,boot,lib/modules}
if [ -n "$CROSS" ]; then
	cp -a "$FROOT"/. "$RD"/
else
	cp /bin/busybox "$RD/bin/busybox"
fi
STRIP=strip
[ -z "$CROSS" ] || STRIP=$CROSS-strip
# copy_in FILE [DEST]: a file at the same (or DEST) path, debug info stripped
copy_in() {
	local dst=$RD${2:-$1}
	mkdir -p "$(dirname "$dst")"
	cp -L "$1" "$dst"
	if [ "$(head -c4 "$dst" | od -An -c | tr -d ' ')" = '177ELF' ]; then
		$STRIP --strip-debug "$dst" 2>/dev/null || true
		echo "$dst" >>"$WORK/elves"
	fi
}
: >"$WORK/elves"
# the build dir: test programs, the CLI, the demo, bpf objects, the library
while IFS= read -r f; do copy_in "$f"; done < <(
	find "$BUILD" -maxdepth 1 -type f \( -name 'test_*' -o -name kernel_leakcheck \
		-o -name rawbpf -o -name libbpf_oracle -o -name 'librawbpf.so*' \) -perm -u+x
	find "$BUILD" -maxdepth 1 -name 'librawbpf.so*'
	find "$BUILD/examples" -maxdepth 1 -type f -perm -u+x 2>/dev/null
	# (no embed/ without skeleton tests: find fails, and under set -e this
	# subshell would end here, leaving out what follows)
	find "$BUILD/bpf" "$BUILD/embed" -type f 2>/dev/null || true
	# the USDT test process and its library (unit/usdt_note reads them)
	find "$BUILD" -maxdepth 1 \( -name rb_usdt_target -o -name 'librb_usdt_lib.so*' \)
	# sources unit tests read: the public headers (api_null_handles)
	find "$ROOT/include/rawbpf" -maxdepth 1 -name '*.h'
	echo "$ROOT/tests/unit/api_null_handles.c")
# tools the tests run (busybox covers cat, sed, zcat, gzip, rm, ...). The
# shell is dash: Debian's busybox sh runs its own applets before PATH, and
# busybox ip cannot make veth pairs.
# A cross build has them (and their libraries) from the target's packages.
if [ -z "$CROSS" ]; then
for t in ip tc; do copy_in "$(command -v $t)" "/usr/sbin/$t"; done
# cli_inspect compares with bpftool (.ci/run installs it)
! command -v bpftool >/dev/null || copy_in "$(command -v bpftool)" /usr/sbin/bpftool
copy_in "$(command -v dash)" /usr/bin/dash
# libbpf-tools binaries whose embedded BPF objects object_libbpf_tools loads
# and object_libbpf_parity compares with libbpf (build/libbpf_oracle); the
# parity test takes the tool list from dpkg's file list
for f in $(dpkg -L libbpf-tools 2>/dev/null | grep '^/usr/sbin/'); do
	[ -f "$f" ] && copy_in "$f"
done
[ -f /var/lib/dpkg/info/libbpf-tools.list ] &&
	copy_in /var/lib/dpkg/info/libbpf-tools.list
else
	ln -sf /sbin/ip "$RD/usr/sbin/ip"
	ln -sf /bin/dash "$RD/usr/bin/dash"
	: >"$WORK/elves"	# their libraries come from the target's packages
fi
# the shared libraries (and the loader) of everything that runs
[ -n "$CROSS" ] || while IFS= read -r elf; do
	ldd "$elf" 2>/dev/null | grep -o '/[^ ]*' || true
done <"$WORK/elves" | sort -u | while IFS= read -r lib; do
	[ -e "$RD$lib" ] || { mkdir -p "$RD$(dirname "$lib")"; cp -L "$lib" "$RD$lib"; }
done
# the kernel's config (no /proc/config.gz in Debian's kernels) and modules
cp "$kroot/boot/config-$kver" "$RD/boot/"
modfile() { find "$kroot/lib/modules/$kver" -name "$1.ko*" | head -1; }
modorder=()
add_module() {	# dependencies first, each once
	local f dep
	f=$(modfile "$1")
	[ -n "$f" ] || { f=$(modfile "${1//_/-}"); [ -n "$f" ] || die "no module $1 in $kpkg"; }
	local ko
	ko=$(basename "$f"); ko=${ko%.xz}; ko=${ko%.zst}
	[[ " ${modorder[*]} " == *" $ko "* ]] && return 0
	# busybox insmod reads plain .ko only (and readelf too)
	case $f in
	*.xz) xz -dc "$f" >"$RD/lib/modules/$ko" ;;
	*.zst) zstd -qdc "$f" >"$RD/lib/modules/$ko" ;;
	*) cp "$f" "$RD/lib/modules/$ko" ;;
	esac
	for dep in $(readelf -p .modinfo "$RD/lib/modules/$ko" | sed -n 's/.*depends=//p' | tr , ' '); do
		add_module "$dep"
	done
	modorder+=("$ko")
}
for m in "${MODULES[@]}"; do add_module "$m"; done
printf '%s\n' "${modorder[@]}" >"$RD/etc/modules"
cp "$WORK/tests.list" "$RD/etc/tests.list"
[ -z "$TARGET_BTF" ] || cp "$TARGET_BTF" "$RD/boot/"
echo rawbpf-vm >"$RD/etc/hostname"	# btf_dump's CLI test reads a non-BTF file
cat >"$RD/init" <<EOF
#!/bin/busybox sh
/bin/busybox --install -s /bin
ln -sf /usr/bin/dash /bin/sh
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root RAWBPF_REQUIRE_KERNEL=1
${TARGET_BTF:+export RAWBPF_TEST_TARGET_BTF=/boot/${TARGET_BTF##*/}}
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm /root && mount -t devpts devpts /dev/pts
# /tmp stays on the (writable) initramfs: a build dir under /tmp lives there
mkdir -p /tmp && chmod 1777 /tmp
mount -t tmpfs tmpfs /run && mount -t tmpfs tmpfs /dev/shm
mount -t cgroup2 cgroup2 /sys/fs/cgroup
mount -t debugfs debugfs /sys/kernel/debug
while read -r m; do
	insmod /lib/modules/\$m || { echo "@@RB-MODULE-FAILED \$m"; dmesg | tail -n 3; }
done </etc/modules
ip link set lo up
echo "@@RB-KERNEL \$(uname -r) | \$(cat /proc/version)"
mount -t securityfs securityfs /sys/kernel/security
echo "@@RB-LSM \$(cat /sys/kernel/security/lsm)"
TAB=\$(printf '\t')
while IFS="\$TAB" read -r name tmo cmd; do
	[ "\$tmo" -gt 0 ] 2>/dev/null || tmo=$TEST_TIMEOUT
	[ "\$tmo" -lt $TEST_TIMEOUT ] && tmo=$TEST_TIMEOUT
	echo "@@RB-BEGIN \$name"
	start=\$(cut -d' ' -f1 /proc/uptime)
	(cd "$BUILD" && timeout -s KILL "\$tmo" sh -c "exec \$cmd" 2>&1 </dev/null)
	rc=\$?
	echo "@@RB-END \$name rc=\$rc t=\$start-\$(cut -d' ' -f1 /proc/uptime)"
done </etc/tests.list
echo "@@RB-DMESG"
dmesg | grep -E -A12 'WARNING:|BUG:|Oops|general protection|Call Trace' | head -200
echo "@@RB-DONE"
poweroff -f
EOF
chmod +x "$RD/init"
(cd "$RD" && find . | cpio -o -H newc --quiet) >"$WORK/initrd"
say "initramfs $(( $(stat -c %s "$WORK/initrd") / 1048576 )) MB, $(wc -l <"$WORK/tests.list") test programs"

# ---- boot ----------------------------------------------------------------------
say "boot (qemu TCG, timeout ${VM_TIMEOUT}s)"
LOG=$WORK/console.log
t0=$(date +%s)
set +e
timeout -s KILL "$VM_TIMEOUT" "$QEMU" "${QEMU_ARGS[@]}" -m "$MEM" -nographic \
	-no-reboot -kernel "$vmlinuz" -initrd "$WORK/initrd" \
	-append "console=$CONSOLE panic=-1 loglevel=1 lsm=lockdown,yama,bpf ${KAPPEND:-}" \
	</dev/null 2>&1 | tr -d '\r' | tee "$LOG" |
	if [ "${RAWBPF_VM_CONSOLE:-0}" = 1 ]; then cat; else
		sed -un 's/.*@@RB-END \(.*\)/  \1/p'; fi
set -e
say "VM ran $(( $(date +%s) - t0 ))s"
[ "${RAWBPF_VM_KEEP:-0}" = 1 ] && say "kept $WORK"
cp "$LOG" "${RAWBPF_VM_LOG:-$CACHE/console.log}"

# ---- results -------------------------------------------------------------------
python3 - "$LOG" "$WORK/tests.list" "$ARCH" <<'PY'
import re, sys
log, listf, arch = sys.argv[1:4]
expected = [l.split("\t")[0] for l in open(listf) if l.strip()]
kver, cur, done = "unknown", None, False
passed = failed = skipped = 0
skips, problems, seen = [], [], {}
for line in open(log, errors="replace"):
    line = line.rstrip("\n")
    m = re.search(r"@@RB-KERNEL (\S+)", line)
    if m:
        kver = m.group(1)
    m = re.search(r"@@RB-MODULE-FAILED (\S+)", line)
    if m:
        problems.append("module %s did not load" % m.group(1))
    m = re.search(r"@@RB-BEGIN (\S+)", line)
    if m:
        cur = m.group(1)
        seen[cur] = {"counts": {}, "rc": None, "fails": []}
        continue
    m = re.search(r"@@RB-END (\S+) rc=(\d+)", line)
    if m and cur:
        seen[cur]["rc"] = int(m.group(2))
        cur = None
        continue
    if "@@RB-DONE" in line:
        done = True
    if not cur:
        continue
    m = re.search(r"\[\s+(PASSED|FAILED|SKIPPED)\s+\] (\d+) test", line)
    if m:
        seen[cur]["counts"][m.group(1)] = int(m.group(2))
    m = re.search(r"\[  FAILED  \] (\S+)$", line)
    if m and m.group(1) not in seen[cur]["fails"]:
        seen[cur]["fails"].append(m.group(1))
    m = re.search(r"\[  SKIP    \] (.*)", line)
    if m:
        skips.append(m.group(1).strip())
by_label = {}
for name in expected:
    r = seen.get(name)
    if r is not None:
        row = by_label.setdefault(name.split("/")[0], [0, 0, 0])
        for i, k in enumerate(("PASSED", "FAILED", "SKIPPED")):
            row[i] += r["counts"].get(k, 0)
    if r is None:
        problems.append("%s: did not run (VM stopped or timed out before it)" % name)
        failed += 1
        continue
    c = r["counts"]
    passed += c.get("PASSED", 0)
    failed += c.get("FAILED", 0)
    skipped += c.get("SKIPPED", 0)
    for f in r["fails"]:
        problems.append("%s: %s failed" % (name, f))
    if r["rc"] is None:
        problems.append("%s: did not finish (crashed the VM or timed out)" % name)
        failed += 1
    elif r["rc"] != 0 and not c.get("FAILED"):
        problems.append("%s: exit status %d without a cmocka failure" % (name, r["rc"]))
        failed += 1
if not done:
    problems.append("the VM did not reach the end of its test list")
bad_progs = {p.split(":")[0] for p in problems if ":" in p}
if bad_progs:
    cur = None
    for line in open(log, errors="replace"):
        m = re.search(r"@@RB-BEGIN (\S+)", line)
        if m:
            cur = m.group(1) if m.group(1) in bad_progs else None
            shown = 0
        if cur and shown < 80:
            print("  | " + line.rstrip("\n"))
            shown += 1
        if "@@RB-END" in line:
            cur = None
for s in sorted(set(skips)):
    print("  skipped because:", s)
for p in problems:
    print("  FAILED:", p)
for label in sorted(by_label):
    print("vm %s: %s cmocka tests: %d passed, %d failed, %d skipped" % (
        arch, label, *by_label[label]))
bad = [s for s in skips if "needs root" in s or "not permitted" in s]
failed += len(bad)
print("vm %s %s: %d passed, %d failed, %d skipped" % (arch, kver, passed, failed, skipped))
sys.exit(1 if failed else 0)
PY
