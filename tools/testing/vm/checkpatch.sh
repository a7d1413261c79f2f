#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# checkpatch.pl --strict --no-tree over every source file in drivers/ and
# include/.  checkpatch comes from the linux-source package: its scripts/
# directory is extracted once into .vm-build/linux-source/.
# Exit status 0 only if no file has an error, warning or check.
set -u

TREE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
SRC=$TREE/.vm-build/linux-source

tarball=$(find /usr/src -maxdepth 1 -name 'linux-source-6.12*.tar.xz' | sort -V | tail -n 1)
mkdir -p "$SRC" || exit 1
(
	flock 9
	[ -x "$SRC/scripts/checkpatch.pl" ] && exit 0
	[ -n "$tarball" ] || { echo "checkpatch: no /usr/src/linux-source-6.12*.tar.xz (make setup)" >&2; exit 1; }
	echo "checkpatch: extracting scripts/ from $tarball (once)"
	tmp=$(mktemp -d "$SRC/x.XXXXXX") || exit 1
	tar -C "$tmp" -xJf "$tarball" --wildcards '*/scripts/*' || exit 1
	rm -rf "$SRC/scripts"
	mv "$tmp"/*/scripts "$SRC/scripts" && rm -rf "$tmp"
) 9>"$SRC.lock" || exit 1

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
done < <(find drivers include \( -name '*.c' -o -name '*.h' \) -print0 | sort -z)
echo "checkpatch: $files file(s), $bad with findings"
[ "$bad" = 0 ]
