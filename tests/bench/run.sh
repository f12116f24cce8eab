#!/usr/bin/env bash
# tests/bench/run.sh BUILD_DIR - rawbpf against libbpf, same machine, same
# run, same objects: static size added over an empty program (the full
# library and the firmware variant without its optional parts), user-space
# instructions (callgrind) and bpf() calls (strace) to open+load+close.
# Prints ratios; never fails on a number (benchmarks inform, tests assert).
# Which file adds what: link with -Wl,-Map and run tests/bench/members.py.
#   tests/bench/run.sh BUILD_DIR --write-doc   also rewrites
#   docs/performance.md from this run (date, machine, every line).
set -euo pipefail
b=$1
if [ "${2:-}" = --write-doc ]; then
	out=$(mktemp)
	bash "$0" "$b" | tee "$out"
	bash "$(dirname "$0")/write_doc.sh" "$out" >"$(dirname "$0")/../../docs/performance.md"
	rm -f "$out"
	exit 0
fi
objs=(${BENCH_OBJECTS:-$b/bpf/obj_globals.o $b/bpf/obj_legacy.o $b/bpf/lifecycle.o $b/bpf/core_task.o})
# sizes from tests/bench/size.sh (full, firmware, libbpf)
eval "$(bash "$(dirname "$0")/size.sh" "$b" | sed 's/ /=/')"
printf 'static size added over an empty program (stripped, -Os, gc-sections, glibc):\n'
printf '  rawbpf %7d bytes   libbpf+libelf+zlib %7d bytes   ratio %.3f   goal <= 65536\n' \
	"$full" "$libbpf" "$(echo "$full / $libbpf" | bc -l)"
printf '  rawbpf firmware (every RAWBPF_WITH_* OFF) %7d bytes   ratio %.3f   goal <= 40960\n' \
	"$firmware" "$(echo "$firmware / $libbpf" | bc -l)"

count_insns() {
	local out
	out=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 |
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
	echo "${out:-0}"
}
count_bpf() {
	strace -f -qq -e trace=bpf -o /tmp/rawbpf-bench-strace.$$ "$@" >/dev/null 2>&1 || true
	grep -c 'bpf(' /tmp/rawbpf-bench-strace.$$ || true
	rm -f /tmp/rawbpf-bench-strace.$$
}
base=$(count_insns "$b/bench_empty")
printf '\nopen + load + close, per object (instructions above an empty program, %s):\n' "$base"
printf '  %-22s %14s %14s %7s   %s\n' object rawbpf-insns libbpf-insns ratio 'bpf() calls rawbpf/libbpf'
for o in "${objs[@]}"; do
	ri=$(( $(count_insns "$b/bench_min_rawbpf" "$o") - base ))
	li=$(( $(count_insns "$b/bench_min_libbpf" "$o") - base ))
	rc=$(count_bpf "$b/bench_min_rawbpf" "$o")
	lc=$(count_bpf "$b/bench_min_libbpf" "$o")
	"$b/bench_min_rawbpf" "$o" && rok=ok || rok=FAIL
	"$b/bench_min_libbpf" "$o" && lok=ok || lok=FAIL
	printf '  %-22s %14s %14s %7.3f   %s/%s (load %s/%s)\n' "$(basename "$o")" "$ri" "$li" \
		"$(echo "$ri / ($li + 1)" | bc -l)" "$rc" "$lc" "$rok" "$lok"
done

# Ring and perf buffer consume rate: both readers drain the same maps in
# one process (tests/bench/buf_rate.c); then user instructions per record
# of one drain of a 1000-record burst (32-byte records), callgrind counting
# only inside each reader's consume function.
printf '\nbuffer consume rate (32-byte records, bursts of 4096, median drain):\n'
"$b/bench_buf_rate" "$b/bpf/buf_events.o" | sed 's/^/  /'
printf '  instructions per record (callgrind, consume only, 1000 records):\n'
for w in ringbuf:ring_buffer perfbuf:perf_buffer; do
	kind=${w%%:*} fn=${w#*:}
	rin=$(count_insns --toggle-collect="rawbpf_${fn}_consume" "$b/bench_buf_rate" \
		"$b/bpf/buf_events.o" "$kind-rawbpf" 1000)
	lin=$(count_insns --toggle-collect="${fn}__consume" "$b/bench_buf_rate" \
		"$b/bpf/buf_events.o" "$kind-libbpf" 1000)
	printf '  %s: rawbpf %.1f insns/rec, libbpf %.1f insns/rec, ratio %.3f\n' "$kind" \
		"$(echo "$rin / 1000" | bc -l)" "$(echo "$lin / 1000" | bc -l)" \
		"$(echo "$rin / $lin" | bc -l)"
done
