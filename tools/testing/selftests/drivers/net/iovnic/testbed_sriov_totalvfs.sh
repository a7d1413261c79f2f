#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The test bed is what the drivers assume: two 82576 PFs (8086:10c9) at
# $IOVNIC_PF0 (0000:01:00.0) and $IOVNIC_PF1 (0000:02:00.0) with an SR-IOV
# capability for VF 8086:10ca at offset 0x80, stride 2; and once iovnic_pf
# drives a PF, sriov_totalvfs is 7 (QEMU advertises 8; the 8th VF would
# steal PF interrupt vectors, so the driver lowers the limit like igb).
# timeout: 60

# shellcheck source=tools/testing/selftests/drivers/net/iovnic/lib.sh
source "$(dirname "$0")/lib.sh"

require_root
ktap_header
ktap_plan 8

check_identity() {
	local bdf=$1 id

	if [ ! -d "/sys/bus/pci/devices/$bdf" ]; then
		ktap_fail "pf_${bdf}_present" "no PCI function at $bdf"
		return
	fi
	id=$(pci_id "$bdf")
	if [ "$id" = 8086:10c9 ]; then
		ktap_ok "pf_${bdf}_is_82576"
	else
		ktap_fail "pf_${bdf}_is_82576" "found $id"
	fi
}

# SR-IOV layout of the function, as the VF BDF arithmetic expects it.
check_sriov_layout() {
	local d=/sys/bus/pci/devices/$1 off stride vfdev

	off=$(cat "$d/sriov_offset" 2>/dev/null)
	stride=$(cat "$d/sriov_stride" 2>/dev/null)
	vfdev=$(cat "$d/sriov_vf_device" 2>/dev/null)
	if [ "$off" = 128 ] && [ "$stride" = 2 ] && [ "$vfdev" = 10ca ]; then
		ktap_ok "pf_$1_sriov_layout"
	else
		ktap_fail "pf_$1_sriov_layout" "offset=$off stride=$stride vf_device=$vfdev (want 128 2 10ca)"
	fi
}

check_bound_totalvfs() {
	local bdf=$1 tv

	if ! pci_bind "$bdf" iovnic_pf; then
		ktap_fail "pf_${bdf}_totalvfs_7_when_bound" "iovnic_pf does not bind $bdf (driver: $(pci_driver "$bdf"))"
		return
	fi
	tv=$(cat "/sys/bus/pci/devices/$bdf/sriov_totalvfs")
	if [ "$tv" = 7 ]; then
		ktap_ok "pf_${bdf}_totalvfs_7_when_bound"
	else
		ktap_fail "pf_${bdf}_totalvfs_7_when_bound" "sriov_totalvfs is $tv with iovnic_pf bound"
	fi
}

check_identity "$IOVNIC_PF0"
check_identity "$IOVNIC_PF1"
# Unbound, sysfs shows the capability's own TotalVFs: QEMU's 8.
tv=$(cat "/sys/bus/pci/devices/$IOVNIC_PF0/sriov_totalvfs" 2>&1)
drv=$(pci_driver "$IOVNIC_PF0")
if [ -n "$drv" ]; then
	ktap_skip "pf_totalvfs_8_unbound" "$IOVNIC_PF0 already bound to $drv"
elif [ "$tv" = 8 ]; then
	ktap_ok "pf_totalvfs_8_unbound"
else
	ktap_fail "pf_totalvfs_8_unbound" "unbound sriov_totalvfs is $tv, QEMU 10 advertises 8"
fi
check_sriov_layout "$IOVNIC_PF0"
check_sriov_layout "$IOVNIC_PF1"

if iovnic_load lib pf; then
	check_bound_totalvfs "$IOVNIC_PF0"
	check_bound_totalvfs "$IOVNIC_PF1"
else
	ktap_fail "pf_${IOVNIC_PF0}_totalvfs_7_when_bound" "cannot load iovnic_lib/iovnic_pf"
	ktap_fail "pf_${IOVNIC_PF1}_totalvfs_7_when_bound" "cannot load iovnic_lib/iovnic_pf"
fi

# The netdev does not exist until the PF driver registers one.
dev=$(pci_netdev "$IOVNIC_PF0" | head -n 1)
if [ -z "$dev" ]; then
	ktap_skip "pf_netdev_ethtool_driver" "iovnic_pf registered no netdev for $IOVNIC_PF0 yet"
elif ! command -v ethtool >/dev/null; then
	ktap_skip "pf_netdev_ethtool_driver" "no ethtool"
elif ethtool -i "$dev" | grep -qx 'driver: iovnic_pf'; then
	ktap_ok "pf_netdev_ethtool_driver"
else
	ktap_fail "pf_netdev_ethtool_driver" "ethtool -i $dev: $(ethtool -i "$dev" 2>&1 | head -n 1)"
fi

iovnic_unload || ktap_info "unload failed"
ktap_finished
