#!/usr/bin/env bash
# tests/valgrind/run.sh BUILD [unit|kernel|all] [NAME...] - run every test
# binary of a build (or only test_*_NAME) under valgrind memcheck, one at a
# time. A binary fails on any memcheck
# error, on a definitely or indirectly lost block, or when its tests fail.
# Prints the seconds each binary took and the total; exit 1 if any failed.
# The suppressions (rawbpf.supp next to this script) say why each exists.
set -uo pipefail
build=$(cd "$1" && pwd)
which=${2:-all}
shift $(($# < 2 ? $# : 2))
here=$(cd "$(dirname "$0")" && pwd)
logdir=$build/valgrind
mkdir -p "$logdir"
case $which in
unit) pat='test_unit_*' ;;
kernel) pat='test_kernel_*' ;;
all) pat='test_*' ;;
*) echo "usage: $0 BUILD [unit|kernel|all]"; exit 2 ;;
esac
# 99: a memcheck error (the tests' own failures exit 1..98, cmocka's count)
vg=(valgrind --error-exitcode=99 --leak-check=full
    --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect
    --suppressions="$here/rawbpf.supp" --num-callers=30)
# Left out unless RAWBPF_VALGRIND_ALL=1: binaries that spend minutes each
# under memcheck walking the 5.5 MB kernel BTF again and again (measured
# 90-390 s each on the 2-core CI machine). They run in the gcc and the
# ASan+UBSan suites; by name they are run here too.
slow="test_kernel_attach_tracing test_kernel_object_core test_kernel_sys_faults_files
test_kernel_attach_iter test_kernel_object_tracing test_kernel_btf_dump_vmlinux
test_kernel_object_btf_min"
failed=() left=() start=$SECONDS
cd "$build" || exit 2
for exe in $pat; do
	[ -x "$exe" ] || continue
	if ((!$#)) && [ "${RAWBPF_VALGRIND_ALL:-0}" != 1 ] &&
	   grep -qx "$exe" <<<"${slow// /$'\n'}"; then
		left+=("$exe")
		continue
	fi
	if (($#)); then
		want=0
		for n in "$@"; do [ "$exe" = "test_unit_$n" ] || [ "$exe" = "test_kernel_$n" ] && want=1; done
		((want)) || continue
	fi
	t0=$SECONDS
	"${vg[@]}" "./$exe" >"$logdir/$exe.log" 2>&1
	rc=$?
	printf '%4ds %s rc=%d\n' $((SECONDS - t0)) "$exe" "$rc"
	if [ "$rc" != 0 ]; then
		failed+=("$exe")
		grep -E "^==[0-9]+== (Invalid|Conditional|Syscall param|Use of|Source and|Mismatched|.*(definitely|indirectly) lost in)|\[  (FAILED|ERROR)" \
			"$logdir/$exe.log" | head -10
	fi
done
((${#left[@]})) && echo "valgrind: left out (slow under memcheck; RAWBPF_VALGRIND_ALL=1 runs them): ${left[*]}"
echo "valgrind ($which): $((SECONDS - start)) s, ${#failed[@]} failed${failed:+: ${failed[*]}}"
((${#failed[@]} == 0))
