#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the modules with W=1 against every supported header set (bookworm's
# 6.1 and the backports 6.12, found by glob, and the newest kernel Debian
# has, in its chroot: newest-kernel.sh); any warning or error fails.
# usage: compat-check.sh [HEADERS_DIR...]   (default: all of them)
# Prints "ok <n> compat-<version>" / "not ok ..." per header set.
set -u

VMDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

dirs=("$@")
newest=0
if [ ${#dirs[@]} -eq 0 ]; then
	newest=1
	for d in /usr/src/linux-headers-6.1.*-amd64 /usr/src/linux-headers-6.12*-amd64; do
		[ -f "$d/Makefile" ] && dirs+=("$d")
	done
fi
[ ${#dirs[@]} -gt 0 ] || { echo "compat-check: no headers found (run make setup)" >&2; exit 1; }

n=0 failed=0
for d in "${dirs[@]}"; do
	n=$((n + 1))
	v=${d#/usr/src/linux-headers-}
	v=$(echo "$v" | cut -d. -f1,2)
	out=$(mktemp -d "${TMPDIR:-/tmp}/iovnic-compat.XXXXXX") || exit 1
	if "$VMDIR/build" --w1 --kdir "$d" --out "$out" -q; then
		echo "ok $n compat-$v"
	else
		echo "not ok $n compat-$v # W=1 build against $d failed or warned"
		failed=1
	fi
	rm -rf "$out" "$out.lock"
done
if [ "$newest" = 1 ]; then
	"$VMDIR/newest-kernel.sh" $((n + 1)) || failed=1
fi
exit $failed
