#!/usr/bin/env bash
# Build the library with musl-gcc and link a small program against it
# statically: proof that rawbpf needs only a small, musl-friendly libc.
set -euo pipefail
src=$1 out=$2 obj=${3:-}
rm -rf "$out"; mkdir -p "$out/obj"
inc="-I$src/include -I$src/lib -I$out/kinc"
# musl-gcc does not search the glibc include tree: give it the kernel uapi
# headers (linux/, asm/, asm-generic/) only.
mkdir -p "$out/kinc"
arch=$(gcc -print-multiarch)
ln -s /usr/include/linux "$out/kinc/linux"
ln -s "/usr/include/$arch/asm" "$out/kinc/asm"
ln -s /usr/include/asm-generic "$out/kinc/asm-generic"
# lib/off/ holds the stubs of the optional parts (lib/options.cmake), and
# lib/sys/nolibc/ the no-libc build's own libc (lib/nolibc.cmake): left out
objs=()
while IFS= read -r f; do
	o="$out/obj/$(echo "${f#$src/lib/}" | tr / _).o"
	musl-gcc -std=c11 -D_GNU_SOURCE -Os -Wall -Wextra -Werror $inc -c "$f" -o "$o"
	objs+=("$o")
done < <(find "$src/lib" \( -path "$src/lib/off" -o -path "$src/lib/sys/nolibc" \) -prune -o -name '*.c' -print | sort)
ar rcs "$out/librawbpf.a" "${objs[@]}"
musl-gcc -std=c11 -D_GNU_SOURCE -Os -static $inc "$src/tests/musl/hello.c" "$out/librawbpf.a" -o "$out/hello"
"$out/hello" $obj
