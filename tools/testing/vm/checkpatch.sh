#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# checkpatch.pl --strict --no-tree over every source file in drivers/ and
# include/ (not the *.mod.c files a build in the tree generates).
# checkpatch comes from the linux-source package (extracted once by
# linux-source.sh). Outside a kernel tree checkpatch cannot know which
# CamelCase names the kernel's headers define (struct
# ethtool_eth_mac_stats has many): a CAMELCASE finding is dropped only if
# that exact name is a field the kernel's include/ declares.
# Exit status 0 only if no file has an error, warning or check.
set -u

TREE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)

SRC=$("$TREE/tools/testing/vm/linux-source.sh") || exit 1

cd "$TREE" || exit 1

# Drops "CHECK:CAMELCASE: Avoid CamelCase: <Name>" lines whose Name the
# kernel's own headers declare as a struct field.
kernel_camelcase_filter() {
	local line name
	while IFS= read -r line; do
		case $line in
		*CHECK:CAMELCASE:*)
			name=${line##*<}
			name=${name%%>*}
			# shellcheck disable=SC2086 # the glob is meant
			grep -qwE "(u64|u32|__u64|__u32)[[:space:]]+$name;" \
				$KHDRS 2>/dev/null && continue ;;
		esac
		printf '%s\n' "$line"
	done
}

KHDRS=$(ls /usr/src/linux-headers-*/include/linux/ethtool.h 2>/dev/null)
bad=0 files=0
while IFS= read -r -d '' f; do
	files=$((files + 1))
	out=$("$SRC/scripts/checkpatch.pl" --strict --no-tree --no-summary --terse \
		--show-types -f "$f" 2>&1 | kernel_camelcase_filter)
	if [ -n "$out" ]; then
		echo "$out"
		bad=$((bad + 1))
	fi
done < <(find drivers include \( -name '*.c' -o -name '*.h' \) ! -name '*.mod.c' -print0 | sort -z)
echo "checkpatch: $files file(s), $bad with findings"
[ "$bad" = 0 ]
