#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A real DKMS round trip of this tree against the installed guest-kernel
# headers: copy to /usr/src/iovnic-<ver>, dkms add, build, install (checks
# modinfo finds the three modules), remove, and delete the copy.  Leftovers
# of a run that died are removed first, so it is idempotent; runs are
# serialised with a lock because they share /usr/src and /var/lib/dkms.
# usage: dkms-check.sh [VERSION]   (default: PACKAGE_VERSION of dkms.conf)
set -u

TREE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
NAME=iovnic
VER=${1:-$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$TREE/dkms.conf")}
[ -n "$VER" ] || { echo "dkms-check: no PACKAGE_VERSION in dkms.conf" >&2; exit 1; }
command -v dkms >/dev/null || { echo "dkms-check: dkms not installed (make setup)" >&2; exit 1; }
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo

kver=$(find /boot -maxdepth 1 -name 'vmlinuz-*' -printf '%f\n' | sed 's/^vmlinuz-//' | sort -V | tail -n 1)
[ -e "/lib/modules/$kver/build/Makefile" ] ||
	{ echo "dkms-check: no headers for $kver (/lib/modules/$kver/build)" >&2; exit 1; }

remove_all() {
	if [ -d "/var/lib/dkms/$NAME/$VER" ]; then
		$SUDO dkms remove -m "$NAME" -v "$VER" --all >/dev/null 2>&1 ||
			$SUDO rm -rf "/var/lib/dkms/$NAME/$VER"
	fi
	$SUDO rm -rf "/usr/src/$NAME-$VER"
	[ -d "/var/lib/dkms/$NAME" ] && $SUDO rmdir "/var/lib/dkms/$NAME" 2>/dev/null
	return 0
}

step() {
	local what=$1
	shift
	echo "dkms-check: $what"
	if ! "$@" >"$LOG" 2>&1; then
		cat "$LOG"
		echo "dkms-check: FAILED at: $what" >&2
		exit 1
	fi
}

exec 9>/run/lock/iovnic-dkms-check.lock
flock 9
LOG=$(mktemp "${TMPDIR:-/tmp}/iovnic-dkms.XXXXXX")
trap 'remove_all; rm -f "$LOG"' EXIT

remove_all
$SUDO mkdir -p "/usr/src/$NAME-$VER"
$SUDO cp -a "$TREE/dkms.conf" "$TREE/Kbuild" "$TREE/Makefile" "$TREE/drivers" \
	"$TREE/include" "/usr/src/$NAME-$VER/" || exit 1
# Objects someone built in the tree must not leak into the package.
$SUDO find "/usr/src/$NAME-$VER" \( -name '*.o' -o -name '*.ko' -o -name '*.mod' \
	-o -name '*.mod.c' -o -name '.*.cmd' \) -delete

step "add $NAME/$VER" $SUDO dkms add -m "$NAME" -v "$VER"
step "build for $kver" $SUDO dkms build -m "$NAME" -v "$VER" -k "$kver"
step "install for $kver" $SUDO dkms install -m "$NAME" -v "$VER" -k "$kver"
for m in iovnic_lib iovnic_pf iovnic_vf; do
	f=$(modinfo -k "$kver" -F filename "$m" 2>/dev/null)
	case $f in
	*/updates/dkms/*) echo "dkms-check: installed $f" ;;
	*) echo "dkms-check: $m not installed by dkms (modinfo: '$f')" >&2; exit 1 ;;
	esac
done
step "remove" $SUDO dkms remove -m "$NAME" -v "$VER" --all
for m in iovnic_lib iovnic_pf iovnic_vf; do
	if modinfo -k "$kver" -F filename "$m" >/dev/null 2>&1; then
		echo "dkms-check: $m still installed after dkms remove" >&2
		exit 1
	fi
done
echo "dkms-check: add/build/install/remove round trip OK"
