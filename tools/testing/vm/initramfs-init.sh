#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# /init of the test bed's busybox initramfs (see tools/testing/vm/run).
# Mounts the host root read-only over 9p, tmpfs over the places a running
# system writes to, the per-run share read-write at /run/iovnic and the
# source tree at its host path, then switch_root's into the host root and
# runs guest-init.sh from the tree as PID 1.

/bin/busybox --install -s /bin
export PATH=/bin

mount -t devtmpfs dev /dev 2>/dev/null
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sys /sys

die() {
	echo "iovnic-initramfs: $*"
	echo "iovnic-initramfs: powering off"
	echo o >/proc/sysrq-trigger
	sleep 10
}

# Dependency order was worked out on the host from modinfo.
read -r order </modules/order
for m in $order; do
	insmod "/modules/$m.ko" || die "insmod $m failed"
done

opts=trans=virtio,version=9p2000.L,msize=512000
R=/newroot
mkdir -p $R
mount -t 9p -o "$opts,ro,cache=loose" hostroot $R || die "cannot mount the host root"
for d in tmp run var/tmp var/log root home mnt media srv opt/tmp; do
	[ -d "$R/$d" ] || continue
	mount -t tmpfs -o mode=1777 tmpfs "$R/$d" || die "tmpfs on /$d"
done
chmod 700 "$R/root"
mount -t proc proc $R/proc
mount -t sysfs sys $R/sys
mount -t devtmpfs dev $R/dev

mkdir -p $R/run/iovnic
mount -t 9p -o "$opts,rw" iovnicrun $R/run/iovnic || die "cannot mount the run share"
[ -f $R/run/iovnic/config.sh ] || die "no config.sh in the run share"
# shellcheck source=/dev/null
. $R/run/iovnic/config.sh

# The tree may live under a path that is now covered by tmpfs (e.g. /tmp):
# mount it again at its host path so paths are the same on both sides.
mkdir -p "$R$IOVNIC_TREE"
mount -t 9p -o "$opts,ro" iovnictree "$R$IOVNIC_TREE" || die "cannot mount the tree"

umount /proc /sys 2>/dev/null
# shellcheck disable=SC2093  # on failure, fall through to die
exec switch_root $R /bin/bash "$IOVNIC_TREE/tools/testing/vm/guest-init.sh"
die "switch_root failed"
