#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Install everything iovnic's build, test bed and benchmark need on a
# Debian 12 machine. Idempotent: when everything is present it returns in
# well under a second without touching apt.
set -eu

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo

# Packages from bookworm itself.
BASE_PKGS="build-essential bc kmod xz-utils cpio busybox-static iproute2
ethtool iperf3 dkms libelf-dev python3
procps socat iputils-ping pciutils python3-yaml pkg-config libglib2.0-dev"
# Packages that must come from bookworm-backports (QEMU >= 8 has igb).
BPO_PKGS="qemu-system-x86 linux-image-amd64 linux-headers-amd64"

have_all() {
	command -v qemu-system-x86_64 >/dev/null || return 1
	qemu-system-x86_64 -device help 2>/dev/null | grep -q '"igb"' || return 1
	for b in busybox iperf3 ethtool dkms ip cpio xz ping lspci; do
		command -v "$b" >/dev/null || return 1
	done
	/usr/bin/python3 -c 'import yaml' 2>/dev/null || return 1
	# make pktcost builds a QEMU plugin: qemu-plugin.h includes glib.h
	pkg-config --exists glib-2.0 2>/dev/null || return 1
	ls /usr/src/linux-headers-6.1.*-amd64 >/dev/null 2>&1 || return 1
	ls /boot/vmlinuz-6.1[2-9]* >/dev/null 2>&1 || return 1
	ls -d /usr/src/linux-source-6.12* >/dev/null 2>&1 || return 1
	return 0
}

if have_all; then
	echo "setup: all dependencies present"
	exit 0
fi

# Derive the backports source from the machine's own Debian source, so no
# host name is ever written by this project.
src=/etc/apt/sources.list.d/debian.sources
bpo=/etc/apt/sources.list.d/iovnic-backports.sources
if ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
	uri=$(awk '/^URIs:/ {print $2; exit}' "$src")
	printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
		"$uri" | $SUDO tee "$bpo" >/dev/null
fi

export DEBIAN_FRONTEND=noninteractive
# Third-party sources on some machines may be unreachable: do not let them
# fail the update of Debian's own lists.
$SUDO apt-get update -qq || true
# The bookworm 6.1 headers, for the compat build, by their versioned name:
# naming the meta package would fight the backports one installed below.
hdr61=$(apt-cache show linux-headers-amd64/bookworm 2>/dev/null |
	sed -n 's/^Depends: \(linux-headers-6\.1[^ ,]*-amd64\).*/\1/p' | head -n 1)
[ -n "$hdr61" ] || { echo "setup: no bookworm 6.1 headers package found" >&2; exit 1; }
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $BASE_PKGS "$hdr61"
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends -t bookworm-backports $BPO_PKGS linux-source
have_all || { echo "setup: dependencies still missing after install" >&2; exit 1; }
echo "setup: done"
