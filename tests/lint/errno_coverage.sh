#!/bin/sh
# tests/lint/errno_coverage.sh SRC_DIR - every public function that can
# fail (a RAWBPF_API in include/rawbpf/ returning int) is called in
# tests/unit/errno_api.c or errno_kept.c, which check that a failing call
# leaves errno alone. The exceptions below cannot fail.
set -eu
src=${1:-.}
# rawbpf_program_error: returns the stored result of a load, not a call.
# rawbpf_attachment_cpu_count: 1, or the CPUs of a sampling handle.
exempt='rawbpf_program_error rawbpf_attachment_cpu_count'
missing=
# the declaration may break after the type: join each file's lines first
for f in $(cat "$src"/include/rawbpf/*.h | tr '\n' ' ' |
	grep -o 'RAWBPF_API int[[:space:]]*rawbpf_[a-z0-9_]*(' |
	sed 's/.*\(rawbpf_[a-z0-9_]*\)(/\1/'); do
	case " $exempt " in *" $f "*) continue ;; esac
	grep -q "\\b$f(" "$src/tests/unit/errno_api.c" \
		"$src/tests/unit/errno_kept.c" || missing="$missing $f"
done
if [ -n "$missing" ]; then
	echo "public functions without an errno test:$missing"
	exit 1
fi
echo "errno coverage: every failing public function is tested"
