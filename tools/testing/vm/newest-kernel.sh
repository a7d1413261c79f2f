#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The newest kernel Debian ships (the newest linux-headers-amd64 among
# trixie-backports, sid and experimental), for the W=1 compat build.
#
# Its headers want the compiler of a newer Debian (gcc-14 and glibc >= 2.38
# for the prebuilt kbuild tools: bookworm has gcc-12 and glibc 2.36), so
# they live in a debootstrap'ed chroot, .vm-build/chroot-<suite>/, with that
# compiler.  Creating it takes one or two minutes and about 540 MB; once it
# exists, everything here returns at once without touching the network.
#
# usage: newest-kernel.sh [--present|--update] [N]
#   (none)     set up if needed, then build W=1 in the chroot and print
#              "ok N compat-<version>" or "not ok N ..." (N defaults to 1)
#   --present  only say (exit status) whether the chroot is ready
#   --update   look again for a newer kernel and install it, then build
set -u

VMDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TREE=$(cd "$VMDIR/../../.." && pwd)
VMB=$TREE/.vm-build
# The chroot keeps the headers directory it was set up for here.
STAMP=iovnic-kdir
SUITES="trixie-backports sid experimental"
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo

die() { echo "newest-kernel: $*" >&2; exit 1; }

# The chroot already set up, if any: prints "<chroot> <headers dir>".
ready() {
	local s k
	for s in "$VMB"/chroot-*/"$STAMP"; do
		[ -f "$s" ] || continue
		k=$(cat "$s")
		[ -f "${s%/*}$k/Makefile" ] && { echo "${s%/*} $k"; return 0; }
	done
	return 1
}

# The machine's own Debian mirror, never a host name of ours.
mirror() {
	awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources
}

# apt options for a private package list, so the host's own sources never
# see sid or experimental.
APT=$VMB/apt-newest
apt_opts() {
	echo "-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$APT/parts" \
		"-o Dir::State::Lists=$APT/lists -o Dir::Cache=$APT/cache"
}

# Prints "<suite> <version> <headers package> <gcc package>" of the newest
# linux-headers-amd64 in $SUITES.
find_newest() {
	local uri s o best='' bver='' v suite dep hdr gcc

	uri=$(mirror)
	[ -n "$uri" ] || die "no URIs line in /etc/apt/sources.list.d/debian.sources"
	mkdir -p "$APT/parts" "$APT/lists/partial" "$APT/cache/archives/partial" || exit 1
	for s in $SUITES; do
		printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: %s\n\n' \
			"$uri" "$s" "$KEYRING"
	done >"$APT/parts/newest.sources"
	o=$(apt_opts)
	# shellcheck disable=SC2086
	apt-get $o -qq update >&2 || die "apt-get update of $SUITES failed"
	# shellcheck disable=SC2086
	while read -r v suite; do
		if [ -z "$bver" ] || dpkg --compare-versions "$v" gt "$bver"; then
			bver=$v best=$suite
		fi
	done < <(apt-cache $o madison linux-headers-amd64 |
		awk -F' *[|] *' '{split($3, a, " "); print $2, a[2]}' | sed 's|/.*||')
	[ -n "$bver" ] || die "no linux-headers-amd64 in $SUITES"
	# shellcheck disable=SC2086
	dep=$(apt-cache $o show "linux-headers-amd64=$bver" | sed -n 's/^Depends: //p' | head -n 1)
	hdr=$(echo "$dep" | tr ',' '\n' | sed -n 's/^ *\(linux-headers-[0-9][^ ]*-amd64\).*/\1/p' | head -n 1)
	[ -n "$hdr" ] || die "linux-headers-amd64 $bver names no versioned headers"
	# shellcheck disable=SC2086
	gcc=$(apt-cache $o show "$hdr" | sed -n 's/^Depends: .*\(gcc-[0-9][0-9]*\)-for-host.*/\1/p' | head -n 1)
	[ -n "$gcc" ] || gcc=gcc
	echo "$best $bver $hdr $gcc"
}

# setup: create or update the chroot for the newest kernel.
setup() {
	local suite ver hdr gcc base root uri kdir

	read -r suite ver hdr gcc < <(find_newest) || exit 1
	[ -n "${hdr:-}" ] || exit 1
	# Backports build on their release; sid and experimental on sid.
	case "$suite" in
	*-backports) base=${suite%-backports} ;;
	*) base=sid ;;
	esac
	root=$VMB/chroot-$base
	uri=$(mirror)
	echo "newest-kernel: $hdr $ver from $suite, built with $gcc in $root" >&2
	command -v debootstrap >/dev/null ||
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends debootstrap >&2 ||
		die "cannot install debootstrap"
	if [ ! -x "$root/usr/bin/apt-get" ]; then
		$SUDO rm -rf "$root.new"
		$SUDO debootstrap --variant=minbase --keyring="$KEYRING" "$base" "$root.new" "$uri" >&2 ||
			die "debootstrap $base failed (log: $root.new/debootstrap/debootstrap.log)"
		mv -T "$root.new" "$root" || exit 1
	fi
	{
		printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\n\n' "$uri" "$base"
		[ "$suite" = "$base" ] ||
			printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\n' "$uri" "$suite"
	} | $SUDO tee "$root/etc/apt/sources.list.d/iovnic.sources" >/dev/null
	$SUDO rm -f "$root/etc/apt/sources.list"
	in_root "$root" apt-get -qq update >&2 || die "apt-get update in $root failed"
	in_root "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends -t "$suite" "$gcc" make libelf-dev "$hdr" >&2 ||
		die "cannot install $hdr in $root"
	in_root "$root" apt-get -qq clean
	kdir=/usr/src/${hdr}
	[ -f "$root$kdir/Makefile" ] || die "$root$kdir has no Makefile"
	# Only this chroot is the newest kernel's from now on.
	$SUDO rm -f "$VMB"/chroot-*/"$STAMP"
	echo "$kdir" | $SUDO tee "$root/$STAMP" >/dev/null
}

# in_root [--user] ROOT CMD...: CMD in ROOT with /proc, /dev and the tree
# (at its own path, so messages name the real files) mounted in a private
# mount namespace that goes away with it; --user: as the caller, so what
# it writes into the tree is the caller's.
in_root() {
	local spec=0:0 root

	if [ "$1" = --user ]; then
		spec=$(id -u):$(id -g)
		shift
	fi
	root=$1
	shift
	# shellcheck disable=SC2016
	$SUDO unshare -m --propagation private sh -c '
		root=$1 tree=$2 spec=$3; shift 3
		mkdir -p "$root/proc" "$root/dev" "$root$tree" &&
		mount -t proc proc "$root/proc" &&
		mount --bind /dev "$root/dev" &&
		mount --bind "$tree" "$root$tree" &&
		cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
		exec chroot --userspec="$spec" "$root" "$@"' sh "$root" "$TREE" "$spec" "$@"
}

mode=build
case "${1:-}" in
--present) ready >/dev/null; exit ;;
--update) mode=update; shift ;;
-h|--help) sed -n '3,17s/^# \{0,1\}//p' "$0"; exit 0 ;;
esac
n=${1:-1}

if [ "$mode" = update ] || ! ready >/dev/null; then
	setup
fi
read -r root kdir < <(ready) || die "no chroot ready"
v=${kdir#/usr/src/linux-headers-}
v=$(echo "$v" | cut -d. -f1,2)
out=$VMB/tmp/compat-newest
if in_root --user "$root" "$VMDIR/build" --w1 --kdir "$kdir" --out "$out" -q; then
	echo "ok $n compat-$v"
else
	echo "not ok $n compat-$v # W=1 build against $kdir (in $root) failed or warned"
	exit 1
fi
