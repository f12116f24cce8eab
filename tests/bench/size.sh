#!/usr/bin/env bash
# tests/bench/size.sh BUILD_DIR [--check] - static size each build adds over
# an empty program (text+data+bss as `size` reports it; file sizes are
# page-rounded), from a -DRAWBPF_BENCH=ON build: prints `full N`,
# `firmware N` (every RAWBPF_WITH_* OFF, MESSAGES too, no unwind tables) and `libbpf N` (libbpf+libelf+zlib).
# --check: exit 1 when full or firmware passes its budget in
# tests/bench/size-budget.txt, printing measured and budget for each.
set -euo pipefail
b=$1
here=$(dirname "$0")
size_of() { size "$1" | awk 'NR == 2 { print $1 + $2 + $3 }'; }
empty=$(size_of "$b/bench_empty")
full=$(( $(size_of "$b/bench_min_rawbpf") - empty ))
firmware=$(( $(size_of "$b/bench_min_rawbpf_fw") - empty ))
libbpf=$(( $(size_of "$b/bench_min_libbpf") - empty ))
if [ "${2:-}" != --check ]; then
	printf 'full %d\nfirmware %d\nlibbpf %d\n' "$full" "$firmware" "$libbpf"
	exit 0
fi
bad=0
while read -r key budget goal; do
	case $key in full|firmware) ;; *) continue ;; esac
	got=${!key}
	if ((got > budget)); then
		printf 'size budget FAILED: %s build adds %d bytes, budget %d (goal %d)\n' \
			"$key" "$got" "$budget" "$goal"
		bad=1
	else
		printf 'size budget ok: %s build adds %d bytes, budget %d (goal %d)\n' \
			"$key" "$got" "$budget" "$goal"
	fi
done <"$here/size-budget.txt"
exit "$bad"
