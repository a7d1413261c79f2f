#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers for the tests that give a VF to a nested guest (vf_in_guest_*.sh):
# the VF is bound to vfio-pci in the test VM and a second QEMU (TCG in TCG:
# KVM is not usable here) boots the test VM's own kernel with a small
# initramfs built from the test VM's own binaries (static busybox, plus any
# dynamic binary with its libraries) and our modules built for that kernel.
# The nested guest's serial console goes to a file the test reads; the
# nested guest prints "NESTED: <what> <value>" lines there.
#
# Needs the vIOMMU of tools/testing/vm/run --iommu (the runner turns it on
# for a test with a "# needs: iommu" line): without an IOMMU the VF has no
# IOMMU group and vfio-pci cannot take it.  Keep the test VM at 2 GiB: at
# 3 GiB the VF BARs land above 4 GiB and read 0 (Documentation/networking/
# device_drivers/ethernet/iovnic.rst).  Source after sriov_lib.sh.

NESTED_DIR=$IOVNIC_TEST_OUT/nested
NESTED_PID=""
NESTED_CONSOLE=""
NESTED_T0=0

# nested_require: skips the test unless a nested guest can be started here.
nested_require() {
	require_cmd qemu-system-x86_64 busybox cpio gzip xz
	[ "${IOVNIC_IOMMU:-0}" = 1 ] ||
		skip "needs the vIOMMU (tools/testing/vm/run --iommu)"
	[ -d /sys/kernel/iommu_groups ] && [ -n "$(ls /sys/kernel/iommu_groups)" ] ||
		skip "no IOMMU groups: intel_iommu not active"
	modprobe vfio-pci 2>/dev/null || skip "no vfio-pci module"
	[ -c /dev/vfio/vfio ] || skip "no /dev/vfio/vfio"
}

# nested_bind_vfio BDF: hands BDF to vfio-pci; fails unless it has an
# IOMMU group whose device node exists.
nested_bind_vfio() {
	local grp

	pci_bind "$1" vfio-pci || { echo "# vfio-pci did not bind $1"; return 1; }
	grp=$(readlink "/sys/bus/pci/devices/$1/iommu_group") || {
		echo "# $1 has no IOMMU group"; return 1; }
	[ -c "/dev/vfio/${grp##*/}" ] || { echo "# no /dev/vfio/${grp##*/}"; return 1; }
}

# _nested_copy_bin ROOT BINARY: copies BINARY and the libraries ldd names
# into ROOT (same paths), so the nested guest runs the test VM's own build.
_nested_copy_bin() {
	local root=$1 bin f

	bin=$(command -v "$2") || return 1
	for f in "$bin" $(ldd "$bin" 2>/dev/null | grep -o '/[^ ]*'); do
		[ -e "$root$f" ] && continue
		mkdir -p "$root$(dirname "$f")"
		cp -L "$f" "$root$f" || return 1
	done
}

# _nested_copy_ko ROOT FILE: FILE (a .ko, maybe compressed) into ROOT/lib.
_nested_copy_ko() {
	local out

	out=$1/lib/$(basename "${2%.*z}")
	out=${out%.zst}
	case $2 in
	*.xz) xz -dc "$2" >"$out" ;;
	*.zst) zstd -qdc "$2" >"$out" ;;
	*.gz) gzip -dc "$2" >"$out" ;;
	*) cp "$2" "$out" ;;
	esac
}

# nested_initramfs SCRIPT [BINARY...]: builds $NESTED_DIR/initrd.gz whose
# init mounts proc, sys, dev and debugfs, prints "NESTED: up <uptime>",
# runs SCRIPT (a busybox sh script, copied to /test.sh) and powers off.
# /lib holds iovnic_lib.ko, iovnic_vf.ko and the kernel's igbvf.ko; each
# BINARY (e.g. iperf3) is copied with its libraries.
nested_initramfs() {
	local script=$1 root=$NESTED_DIR/root b f

	shift
	rm -rf "$root"
	mkdir -p "$root"/{bin,dev,proc,sys,lib,tmp,etc} || return 1
	cp "$(command -v busybox)" "$root/bin/busybox" || return 1
	ln -s busybox "$root/bin/sh"
	for f in iovnic_lib iovnic_vf; do
		cp "$IOVNIC_MODDIR/$f.ko" "$root/lib/" || return 1
	done
	f=$(modinfo -k "$IOVNIC_KVER" -F filename igbvf 2>/dev/null)
	[ -n "$f" ] && _nested_copy_ko "$root" "$f"
	for b; do
		_nested_copy_bin "$root" "$b" || echo "# $b not copied into the nested guest"
	done
	cp "$script" "$root/test.sh" || return 1
	cat >"$root/init" <<'EOF'
#!/bin/sh
export PATH=/bin:/usr/bin:/sbin:/usr/sbin
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t debugfs debugfs /sys/kernel/debug
mount -t tmpfs tmpfs /tmp
ip link set lo up
echo "NESTED: up $(cut -d' ' -f1 /proc/uptime)"
sh /test.sh 2>&1
echo "NESTED: end"
poweroff -f
EOF
	chmod 755 "$root/init" "$root/test.sh"
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) \
		>"$NESTED_DIR/initrd.gz"
}

# nested_start BDF NAME: boots the nested guest (512 MiB, one vCPU, TCG)
# with BDF as vfio-pci device; its console goes to $NESTED_DIR/NAME.log
# (NESTED_CONSOLE).  Sets NESTED_PID and NESTED_T0 (ms).
nested_start() {
	NESTED_CONSOLE=$NESTED_DIR/$2.log
	: >"$NESTED_CONSOLE"
	NESTED_T0=$(($(date +%s%N) / 1000000))
	qemu-system-x86_64 -accel tcg -cpu max -m 512 -smp 1 -M q35 \
		-nodefaults -no-reboot -display none -monitor none \
		-serial "file:$NESTED_CONSOLE" \
		-kernel "/boot/vmlinuz-$IOVNIC_KVER" -initrd "$NESTED_DIR/initrd.gz" \
		-append "console=ttyS0 quiet loglevel=4 panic=-1 rdinit=/init tsc=reliable no_timer_check" \
		-device "vfio-pci,host=$1" </dev/null >"$NESTED_DIR/$2.qemu" 2>&1 &
	NESTED_PID=$!
	IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $NESTED_PID"
}

# nested_line KEY: the value of the last "NESTED: KEY ..." console line.
nested_line() {
	tr -d '\r' <"$NESTED_CONSOLE" 2>/dev/null |
		sed -n "s/^NESTED: $1\\( \\|$\\)//p" | tail -n 1
}

# _nested_has KEY: true once the console has a "NESTED: KEY" line.
_nested_has() {
	tr -d '\r' <"$NESTED_CONSOLE" 2>/dev/null | grep -q "^NESTED: $1\\( \\|$\\)"
}

# nested_wait KEY TIMEOUT_S: waits for a "NESTED: KEY" line; fails early if
# the nested QEMU is gone.
nested_wait() {
	local deadline=$(($(date +%s) + $2))

	while ! _nested_has "$1"; do
		kill -0 "$NESTED_PID" 2>/dev/null || { _nested_has "$1"; return; }
		[ "$(date +%s)" -ge "$deadline" ] && return 1
		sleep 1
	done
}

# nested_elapsed: seconds (one decimal) since nested_start.
nested_elapsed() {
	local ms=$(($(date +%s%N) / 1000000 - NESTED_T0))

	echo "$((ms / 1000)).$((ms % 1000 / 100))"
}

# nested_wait_exit TIMEOUT_S: waits for the nested QEMU to end (killed
# after TIMEOUT_S); fails if it had to be killed.
nested_wait_exit() {
	local rc=0

	wait_for "$1" _nested_gone || { kill "$NESTED_PID" 2>/dev/null; rc=1; }
	wait "$NESTED_PID" 2>/dev/null
	return $rc
}

_nested_gone() {
	! kill -0 "$NESTED_PID" 2>/dev/null
}

# nested_diag: the nested console and QEMU's messages, as diagnostics.
nested_diag() {
	tail -n 40 "$NESTED_CONSOLE" 2>/dev/null | tr -d '\r' | sed 's/^/# nested: /'
	sed 's/^/# qemu: /' "${NESTED_CONSOLE%.log}.qemu" 2>/dev/null
}

# nested_host_setup DRV: the host side both nested tests share: the PF
# up with 10.30.0.2, two VFs without autoprobe, VF 1 bound to DRV in
# namespace vf1 (10.30.0.3); VF 0 is left for vfio-pci.  Fails the test
# on any error.
nested_host_setup() {
	local drv=$1

	sriov_pf_up || fail "PF setup failed"
	# shellcheck disable=SC2153  # PF_DEV is set by sriov_pf_up
	ip addr add 10.30.0.2/24 dev "$PF_DEV"
	echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_drivers_autoprobe"
	sriov_set "$IOVNIC_PF0" 2 || fail "cannot enable 2 VFs"
	case $drv in
	igbvf) stock_load igbvf || fail "no igbvf" ;;
	*) iovnic_load lib vf || fail "no iovnic_vf" ;;
	esac
	VF_BDF=("$(vf_bdf "$IOVNIC_PF0" 0)" "$(vf_bdf "$IOVNIC_PF0" 1)")
	pci_bind "${VF_BDF[1]}" "$drv" || fail "$drv did not bind VF 1"
	# shellcheck disable=SC2034  # VF_DEV is sriov_lib.sh's, read by the tests
	VF_DEV[1]=$(wait_netdev "${VF_BDF[1]}" 10) || fail "no netdev for VF 1"
	sriov_vf_ns 1 vf1 10.30.0.3/24 || fail "VF 1 not up"
}

# nested_host_teardown: the EXIT trap of the nested tests: the nested
# QEMU gone, VF 0 back from vfio-pci, the VFs and the PF's setup undone.
nested_host_teardown() {
	if [ -n "$NESTED_PID" ]; then
		kill "$NESTED_PID" 2>/dev/null
		wait "$NESTED_PID" 2>/dev/null
	fi
	[ -n "${VF_BDF[0]:-}" ] && pci_unbind "${VF_BDF[0]}"
	sriov_teardown
	modprobe -r vfio-pci 2>/dev/null
}
