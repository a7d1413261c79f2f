#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# linux-source.sh: extracts, once, what the project uses from the Debian
# linux-source package into .vm-build/linux-source/: scripts/ (checkpatch)
# and the netlink specs and ynl CLI (tests read netdev queue and NAPI
# information with it), and the kernel's generic driver selftests with the
# libraries they use (kernel_drv_tests.sh runs them). Prints that
# directory. Safe to run concurrently.
set -u

TREE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
SRC=$TREE/.vm-build/linux-source
STAMP=$SRC/.complete-3

tarball=$(find /usr/src -maxdepth 1 -name 'linux-source-6.12*.tar.xz' | sort -V | tail -n 1)
mkdir -p "$SRC" || exit 1
(
	flock 9
	[ -f "$STAMP" ] && exit 0
	[ -n "$tarball" ] || { echo "linux-source: no /usr/src/linux-source-6.12*.tar.xz (make setup)" >&2; exit 1; }
	echo "linux-source: extracting from $tarball (once)" >&2
	tmp=$(mktemp -d "$SRC/x.XXXXXX") || exit 1
	tar -C "$tmp" -xJf "$tarball" --wildcards '*/scripts/*' \
		'*/tools/net/ynl/*' '*/Documentation/netlink/*' \
		'*/tools/testing/selftests/kselftest.h' \
		'*/tools/testing/selftests/drivers/net/*' \
		'*/tools/testing/selftests/net/lib/*' \
		'*/tools/testing/selftests/net/lib.sh' \
		'*/tools/testing/selftests/net/forwarding/*' || exit 1
	rm -rf "$SRC/scripts" "$SRC/tools" "$SRC/Documentation"
	mv "$tmp"/*/scripts "$tmp"/*/tools "$tmp"/*/Documentation "$SRC/" &&
		rm -rf "$tmp" && touch "$STAMP"
) 9>"$SRC.lock" || exit 1
echo "$SRC"
