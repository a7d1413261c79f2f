#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# linux-source.sh: extracts, once, what the project uses from the Debian
# linux-source package into .vm-build/linux-source/: scripts/ (checkpatch)
# and the netlink specs and ynl CLI (tests read netdev queue and NAPI
# information with it). Prints that directory. Safe to run concurrently.
set -u

TREE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
SRC=$TREE/.vm-build/linux-source
STAMP=$SRC/.complete-2

tarball=$(find /usr/src -maxdepth 1 -name 'linux-source-6.12*.tar.xz' | sort -V | tail -n 1)
mkdir -p "$SRC" || exit 1
(
	flock 9
	[ -f "$STAMP" ] && exit 0
	[ -n "$tarball" ] || { echo "linux-source: no /usr/src/linux-source-6.12*.tar.xz (make setup)" >&2; exit 1; }
	echo "linux-source: extracting from $tarball (once)" >&2
	tmp=$(mktemp -d "$SRC/x.XXXXXX") || exit 1
	tar -C "$tmp" -xJf "$tarball" --wildcards '*/scripts/*' \
		'*/tools/net/ynl/*' '*/Documentation/netlink/*' || exit 1
	rm -rf "$SRC/scripts" "$SRC/tools" "$SRC/Documentation"
	mv "$tmp"/*/scripts "$tmp"/*/tools "$tmp"/*/Documentation "$SRC/" &&
		rm -rf "$tmp" && touch "$STAMP"
) 9>"$SRC.lock" || exit 1
echo "$SRC"
