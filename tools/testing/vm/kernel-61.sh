#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Bookworm's own 6.1 kernel for the VM (make check-61): prints its release
# (uname -r), installing its image package if it is missing.  The release
# is that of the 6.1 headers make setup installed for the compat build, so
# our modules and the guest kernel always match; the image is installed by
# its versioned name, as setup.sh does for the headers, so the backports
# linux-image-amd64 stays the newest /boot/vmlinuz-* and the default guest.
set -eu

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo

hdr=$(find /usr/src -maxdepth 1 -name 'linux-headers-6.1.*-amd64' -printf '%f\n' | sort -V | tail -n 1)
[ -n "$hdr" ] || { echo "kernel-61: no 6.1 headers (run make setup)" >&2; exit 1; }
rel=${hdr#linux-headers-}

# A postinst that failed (e.g. dkms building a module registered at that
# moment) leaves the files but not "install ok installed": apt retries it.
have() {
	[ "$(dpkg-query -W -f '${Status}' "linux-image-$rel" 2>/dev/null)" = "install ok installed" ] &&
		[ -r "/boot/vmlinuz-$rel" ] &&
		[ -n "$(find "/lib/modules/$rel/kernel/drivers/net/ethernet/intel" -name 'igbvf.ko*' 2>/dev/null)" ]
}

if ! have; then
	echo "kernel-61: installing linux-image-$rel" >&2
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
		"linux-image-$rel" >&2 ||
		{ echo "kernel-61: cannot install linux-image-$rel" >&2; exit 1; }
	have || { echo "kernel-61: linux-image-$rel has no /boot/vmlinuz-$rel or igbvf" >&2; exit 1; }
fi
echo "$rel"
