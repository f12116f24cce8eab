#!/bin/sh
# rename-1.0.sh - apply the 1.0 naming scheme (scripts/rename-1.0.sed) to a
# tree or to patch files. Idempotent: a second run changes nothing.
#
#   scripts/rename-1.0.sh                 rename in the git tree around this
#                                         script (include lib tests examples
#                                         docs .ci README.md CMake files)
#   scripts/rename-1.0.sh FILE...         rename in these files only (e.g. a
#                                         branch's .patch before `git am`)
#   scripts/rename-1.0.sh --check [FILE...]  change nothing; exit 1 and list
#                                         the files that still use old names
#
# Before touching anything it checks the table: every rule renames one whole
# word, no old name appears twice, and no new name is also an old name (so
# rules cannot chain and a re-run cannot add a second prefix).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
table=$here/rename-1.0.sed

check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi

# The table's words: "old new" per rule (the brace and glob forms for prose
# are checked by the same rule: their new text never matches an old one).
pairs=$(awk -F/ '/^s\// { o = $2; gsub(/\\b|\\/, "", o); print o, $3 }' "$table")
rules=$(grep -c '^s/' "$table")
npairs=$(printf '%s\n' "$pairs" | grep -c .)
if [ "$rules" != "$npairs" ]; then
	echo "rename-1.0.sh: $rules rules but $npairs parsed; fix the table" >&2
	exit 2
fi
dups=$(printf '%s\n' "$pairs" | awk '{print $1}' | sort | uniq -d)
if [ -n "$dups" ]; then
	echo "rename-1.0.sh: old names listed twice: $dups" >&2
	exit 2
fi
chain=$(printf '%s\n' "$pairs" | awk '{ old[$1] = 1; new[$2] = 1 }
	END { for (n in new) if (n in old) print n }')
if [ -n "$chain" ]; then
	echo "rename-1.0.sh: new names that are also old names: $chain" >&2
	exit 2
fi

if [ $# -eq 0 ]; then
	root=$(git -C "$here" rev-parse --show-toplevel)
	cd "$root"
	set -- $(git ls-files -- include lib tests examples docs .ci README.md \
		'CMakeLists.txt' '*.cmake' '*/CMakeLists.txt' | sort -u)
fi

changed=0
for f in "$@"; do
	[ -f "$f" ] || continue
	grep -qE 'rawbpf_|RAWBPF_' "$f" 2>/dev/null || continue
	grep -qI . "$f" || continue		# binary
	tmp=$f.rename-1.0.$$
	sed -f "$table" "$f" >"$tmp"
	if cmp -s "$f" "$tmp"; then
		rm -f "$tmp"
		continue
	fi
	changed=$((changed + 1))
	if [ $check -eq 1 ]; then
		echo "old names in: $f"
		rm -f "$tmp"
	else
		cat "$tmp" >"$f"		# keep the file's mode
		rm -f "$tmp"
		echo "renamed: $f"
	fi
done
if [ $check -eq 1 ] && [ $changed -ne 0 ]; then
	echo "rename-1.0.sh: $changed file(s) use pre-1.0 names" >&2
	exit 1
fi
echo "rename-1.0.sh: $changed file(s) changed"
