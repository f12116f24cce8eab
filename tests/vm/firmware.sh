#!/usr/bin/env bash
# tests/vm/firmware.sh ARCH BINARY - the no-libc firmware example
# (examples/firmware, static, no libc) alone in Debian's 6.1 kernel for
# ARCH under qemu: an initramfs of busybox-static for ARCH (apt-get
# download + dpkg-deb -x; never installed) and BINARY, nothing mounted
# but proc, sysfs and devtmpfs (the program mounts bpffs and tracefs
# itself). It runs BINARY, then BINARY --keep and lists the pin left in
# bpffs. Prints the program's lines and ends with
#   vm-firmware ARCH KVER: ok|FAILED
# exit 0 only when both runs exited 0 and the kept pin is there.
# The kernel package is cached where tests/vm/run.sh keeps it
# (${XDG_CACHE_HOME:-~/.cache}/rawbpf-vm/ARCH). Foreign ARCH needs
# `dpkg --add-architecture ARCH && apt-get update` once.
set -euo pipefail
ARCH=${1:?usage: tests/vm/firmware.sh ARCH BINARY}
BIN=$(readlink -f "${2:?usage: tests/vm/firmware.sh ARCH BINARY}")
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/rawbpf-vm/$ARCH
die() { echo "tests/vm/firmware.sh: $*" >&2; exit 1; }

case $ARCH in
amd64) KMETA=linux-image-amd64 QEMU=qemu-system-x86_64
	QEMU_ARGS=(-M pc -cpu max) CONSOLE=ttyS0 ;;
arm64) KMETA=linux-image-arm64 QEMU=qemu-system-aarch64
	QEMU_ARGS=(-M virt -cpu max) CONSOLE=ttyAMA0 ;;
i386) KMETA=linux-image-686 QEMU=qemu-system-i386
	QEMU_ARGS=(-M pc -cpu max) CONSOLE=ttyS0 ;;
*) die "unknown ARCH '$ARCH' (amd64, arm64, i386)" ;;
esac
command -v "$QEMU" >/dev/null || die "$QEMU missing (apt-get install qemu-system-x86 / qemu-system-arm)"
mkdir -p "$CACHE"

# fetch PKG: the .deb of PKG (for ARCH) in the cache, unpacked beside it;
# prints the unpacked directory.
fetch() {
	local deb
	deb=$(ls "$CACHE/${1}"_*.deb 2>/dev/null | tail -1 || true)
	if [ -z "$deb" ]; then
		(cd "$CACHE" && apt-get download -q "$1:$ARCH" 2>&1 | grep -v unsandboxed >&2 || true)
		deb=$(ls "$CACHE/${1}"_*.deb 2>/dev/null | tail -1) || die "apt-get download $1:$ARCH failed"
	fi
	if [ ! -d "${deb%.deb}" ]; then
		dpkg-deb -x "$deb" "${deb%.deb}.tmp" && mv "${deb%.deb}.tmp" "${deb%.deb}"
	fi
	echo "${deb%.deb}"
}
kpkg=$(apt-cache depends "$KMETA:$ARCH" 2>/dev/null |
	awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { sub(/:.*/, "", $2); print $2; exit }')
[ -n "$kpkg" ] || die "no linux-image-* dependency of $KMETA:$ARCH (dpkg --add-architecture $ARCH; apt-get update)"
kroot=$(fetch "$kpkg")
bbroot=$(fetch busybox-static)
kver=${kpkg#linux-image-}

WORK=$(mktemp -d /tmp/rawbpf-vmfw-"$ARCH".XXXXXX)
trap 'rm -rf "$WORK"' EXIT
RD=$WORK/root
mkdir -p "$RD"/{bin,dev,proc,sys}
cp "$bbroot/bin/busybox" "$RD/bin/busybox"
cp "$BIN" "$RD/bin/rawbpf-firmware"
cat >"$RD/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo "@@FW-KERNEL $(uname -r) $(uname -m)"
/bin/rawbpf-firmware; echo "@@FW-RC run=$?"
/bin/rawbpf-firmware --keep; echo "@@FW-RC keep=$?"
echo "@@FW-PINS $(ls /sys/fs/bpf | tr '\n' ' ')"
poweroff -f
INIT
chmod +x "$RD/init"
(cd "$RD" && find . | cpio -o -H newc --quiet) >"$WORK/initrd"

t0=$(date +%s)
timeout -s KILL "${RAWBPF_VM_TIMEOUT:-300}" "$QEMU" "${QEMU_ARGS[@]}" -m 512 -nographic \
	-no-reboot -kernel "$(ls "$kroot"/boot/vmlinu[xz]-"$kver")" -initrd "$WORK/initrd" \
	-append "console=$CONSOLE panic=-1 loglevel=1" </dev/null 2>&1 |
	tr -d '\r' >"$WORK/console.log" || true
cp "$WORK/console.log" "$CACHE/firmware-console.log"
grep -E '^(@@FW-|rawbpf-firmware:)' "$WORK/console.log" || true
echo "(VM ran $(( $(date +%s) - t0 ))s; console: $CACHE/firmware-console.log)"
log=$WORK/console.log
if grep -q '@@FW-RC run=0' "$log" && grep -q '@@FW-RC keep=0' "$log" &&
	grep -q '@@FW-PINS.*rawbpf_firmware_' "$log"; then
	echo "vm-firmware $ARCH $kver: ok"
else
	echo "vm-firmware $ARCH $kver: FAILED"
	exit 1
fi
