#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# checkpatch.pl --strict --no-tree over every source file in drivers/ and
# include/ (not the *.mod.c files a build in the tree generates).  checkpatch comes from the linux-source package (extracted once
# by linux-source.sh).
# Exit status 0 only if no file has an error, warning or check.
set -u

TREE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)

SRC=$("$TREE/tools/testing/vm/linux-source.sh") || exit 1

cd "$TREE" || exit 1
bad=0 files=0
while IFS= read -r -d '' f; do
	files=$((files + 1))
	out=$("$SRC/scripts/checkpatch.pl" --strict --no-tree --no-summary --terse \
		--show-types -f "$f" 2>&1)
	if [ -n "$out" ]; then
		echo "$out"
		bad=$((bad + 1))
	fi
done < <(find drivers include \( -name '*.c' -o -name '*.h' \) ! -name '*.mod.c' -print0 | sort -z)
echo "checkpatch: $files file(s), $bad with findings"
[ "$bad" = 0 ]
