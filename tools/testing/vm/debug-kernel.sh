#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build (once, cached under .vm-build/debug-kernel/) the debug test kernel
# for make check-debug: Debian's linux-source-6.12, x86_64_defconfig +
# kvm_guest.config + tools/testing/vm/debug.config. Prints the build
# directory (bzImage at arch/x86/boot/bzImage, modules installed under
# mods/lib/modules/<release>) on stdout; progress goes to build.log.
# The build runs at the lowest CPU priority so a VM run beside it keeps
# its timing.
set -eu

TREE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
VMDIR=$TREE/tools/testing/vm
OUT=$TREE/.vm-build/debug-kernel
FRAG=$VMDIR/debug.config

tarball=$(find /usr/src -maxdepth 1 -name 'linux-source-6.12*.tar.xz' | sort -V | tail -n 1)
[ -n "$tarball" ] || { echo "debug-kernel: no linux-source-6.12 (run make setup)" >&2; exit 1; }
key=$( (cat "$FRAG"; stat -c '%n %s %Y' "$tarball") | sha256sum | cut -c1-16)

# What a kernel build needs beyond make setup's packages.
if ! command -v flex >/dev/null || ! command -v bison >/dev/null ||
	[ ! -f /usr/include/openssl/evp.h ]; then
	SUDO=
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
		--no-install-recommends flex bison libssl-dev >&2
fi

mkdir -p "$OUT"
if [ -f "$OUT/done" ] && [ "$(cat "$OUT/done")" = "$key" ]; then
	echo "$OUT"
	exit 0
fi

exec 9>"$OUT/lock"
flock 9
log=$OUT/build.log
: >"$log"
start=$(date +%s)
if [ ! -f "$OUT/src/Makefile" ]; then
	rm -rf "$OUT/src" "$OUT/src.tmp"
	mkdir -p "$OUT/src.tmp"
	tar -xJf "$tarball" -C "$OUT/src.tmp" --strip-components=1
	mv "$OUT/src.tmp" "$OUT/src"
fi
src=$OUT/src
cd "$src"
{
	make -s O="$OUT/obj" x86_64_defconfig
	scripts/kconfig/merge_config.sh -m -O "$OUT/obj" "$OUT/obj/.config" \
		kernel/configs/kvm_guest.config "$FRAG"
	make -s O="$OUT/obj" olddefconfig
} >>"$log" 2>&1
# Every checker asked for must have survived olddefconfig.
missing=0
while IFS= read -r line; do
	case $line in CONFIG_*=y) ;; *) continue ;; esac
	grep -qx "$line" "$OUT/obj/.config" || { echo "debug-kernel: $line did not stick" >&2; missing=1; }
done <"$FRAG"
[ "$missing" = 0 ] || exit 1
nice -n 19 make -s -j"$(nproc)" O="$OUT/obj" bzImage modules >>"$log" 2>&1
rm -rf "$OUT/mods"
make -s O="$OUT/obj" INSTALL_MOD_PATH="$OUT/mods" modules_install >>"$log" 2>&1
echo "build took $(( $(date +%s) - start )) s" >>"$log"
echo "$key" >"$OUT/done"
echo "$OUT"
