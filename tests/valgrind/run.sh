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
failed=() start=$SECONDS
cd "$build" || exit 2
for exe in $pat; do
	[ -x "$exe" ] || continue
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
echo "valgrind ($which): $((SECONDS - start)) s, ${#failed[@]} failed${failed:+: ${failed[*]}}"
((${#failed[@]} == 0))
