#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# qemu-plugin-header.sh DIR: puts into DIR/qemu-plugin.h the plugin header
# of exactly the QEMU installed here.  Debian's qemu-system packages ship
# no header (the plugin API is versioned per release: QEMU refuses a plugin
# built against another API version), so it is taken from the .orig
# tarball of the Debian source package of the installed version.
#
# apt-get source needs deb-src entries: they are made, in a private apt
# state under DIR/apt (the host's configuration is not touched), from the
# machine's own /etc/apt/sources.list.d/*.sources, the deb entries with
# "Types: deb-src".  Does nothing when DIR already has the header of the
# installed version.
#
# QEMU_PLUGIN_H=FILE takes that header instead (for a QEMU not from
# Debian).
set -eu

dir=${1:?usage: qemu-plugin-header.sh DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
hdr=$dir/qemu-plugin.h

die() { echo "qemu-plugin-header: $*" >&2; exit 1; }

if [ -n "${QEMU_PLUGIN_H:-}" ]; then
	cmp -s "$QEMU_PLUGIN_H" "$hdr" || cp "$QEMU_PLUGIN_H" "$hdr"
	exit 0
fi

qemu=$(command -v qemu-system-x86_64) || die "no qemu-system-x86_64"
pkg=$(dpkg-query -S "$(readlink -f "$qemu")" 2>/dev/null | cut -d: -f1) ||
	die "$qemu is not from a Debian package: set QEMU_PLUGIN_H=<its qemu-plugin.h>"
src=$(dpkg-query -W -f='${source:Package}' "$pkg")
ver=$(dpkg-query -W -f='${source:Version}' "$pkg")
want="$src $ver"
if [ -f "$hdr" ] && [ "$(cat "$hdr.from" 2>/dev/null)" = "$want" ]; then
	exit 0
fi

apt=$dir/apt
rm -rf "$apt"
mkdir -p "$apt/parts" "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/src"
found=0
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	grep -qE '^Types:(.* )?deb( |$)' "$f" || continue
	# Each stanza as it is, but for source packages.
	sed -E 's/^Types:.*/Types: deb-src/' "$f" >"$apt/parts/${f##*/}"
	found=1
done
[ "$found" = 1 ] || die "no deb822 entries in /etc/apt/sources.list.d/*.sources to derive deb-src from"
o=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$apt/parts"
   -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache")
echo "qemu-plugin-header: fetching the source of $src $ver" >&2
apt-get "${o[@]}" -qq update >&2 || die "apt-get update (deb-src) failed"

# Only the upstream tarball is needed; a mirror may have dropped the .dsc
# or the Debian part of an old version while the tarball is still there,
# so errors about those are not fatal.
up=${ver#*:}
up=${up%-*}
(cd "$apt/src" && apt-get "${o[@]}" -q source --download-only "$src=$ver" >&2) ||
	echo "qemu-plugin-header: apt-get source had errors; looking for the tarball anyway" >&2
tarball=$(find "$apt/src" -maxdepth 1 -name "${src}_${up}.orig.tar.*" | head -n 1)
[ -n "$tarball" ] || die "no ${src}_${up}.orig.tar.* could be downloaded (set QEMU_PLUGIN_H)"
tar -xOf "$tarball" --wildcards '*/include/qemu/qemu-plugin.h' >"$hdr.new" ||
	die "no include/qemu/qemu-plugin.h in $tarball"
grep -q QEMU_PLUGIN_VERSION "$hdr.new" || die "$tarball: not a plugin header"
mv "$hdr.new" "$hdr"
echo "$want" >"$hdr.from"
rm -rf "$apt"
echo "qemu-plugin-header: $hdr from $src $ver (API $(sed -n 's/^#define QEMU_PLUGIN_VERSION //p' "$hdr"))" >&2
