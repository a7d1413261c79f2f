#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers for the iovnic_pf SR-IOV selftests (sriov_*.sh). Source it first:
# it sources lib.sh itself.
#
# IOVNIC_TEST_VF selects the driver bound to the VFs:
#   stock   the stock igbvf of the guest kernel (default: proves the PF side
#           on its own, against the reference VF driver)
#   iovnic  our iovnic_vf
# The PF is always iovnic_pf.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

: "${IOVNIC_TEST_VF:=stock}"

# shellcheck disable=SC2034 # used by the tests that source this file
PF_DEV=""
PF1_DEV=""
# shellcheck disable=SC2034
VF_BDF=()
VF_DEV=()

# sriov_vf_driver: the PCI driver name for the VFs.
sriov_vf_driver() {
	case $IOVNIC_TEST_VF in
	stock) echo igbvf ;;
	iovnic) echo iovnic_vf ;;
	*) return 1 ;;
	esac
}

# sriov_dbg FILE: prints <debugfs>/iovnic_pf/$IOVNIC_PF0/FILE (switch, vfs).
sriov_dbg() {
	cat "/sys/kernel/debug/iovnic_pf/$IOVNIC_PF0/$1" 2>/dev/null
}

# sriov_reg NAME: value of register NAME (e.g. DTXSWC, VMOLR0) from the
# debugfs switch dump, as read from the hardware.
sriov_reg() {
	sriov_dbg switch | awk -v r="$1" '$1 == r {print $2}'
}

# sriov_vf_field N KEY: value of KEY in debugfs "vfs" line of VF N.
sriov_vf_field() {
	sriov_dbg vfs | awk -v n="$1" -v k="$2" '$1 == "vf" && $2 == n {
		for (i = 3; i < NF; i += 2) if ($i == k) print $(i + 1) }'
}

# sriov_pf_up: iovnic_pf drives PF0 (and PF1), PF0's netdev is up with
# carrier; fills PF_DEV and PF1_DEV.
sriov_pf_up() {
	module_loaded igb && stock_unload igb
	iovnic_load lib pf || return 1
	pci_bind "$IOVNIC_PF0" iovnic_pf || { echo "# iovnic_pf did not bind $IOVNIC_PF0"; return 1; }
	PF_DEV=$(wait_netdev "$IOVNIC_PF0" 10) || { echo "# no PF netdev"; return 1; }
	PF1_DEV=$(pci_netdev "$IOVNIC_PF1" | head -n 1)
	ip link set "$PF_DEV" up || return 1
	wait_for 10 _carrier "$PF_DEV" || { echo "# PF $PF_DEV has no carrier"; return 1; }
}

_carrier() {
	[ "$(cat "/sys/class/net/$1/carrier" 2>/dev/null)" = 1 ]
}

# sriov_enable N: N VFs on PF0, each bound to the VF driver under test with
# a netdev; fills VF_BDF[] and VF_DEV[].
sriov_enable() {
	local n=$1 drv i bdf

	drv=$(sriov_vf_driver) || { echo "# bad IOVNIC_TEST_VF=$IOVNIC_TEST_VF"; return 1; }
	echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_drivers_autoprobe"
	sriov_set "$IOVNIC_PF0" "$n" || { echo "# sriov_numvfs=$n failed"; return 1; }
	case $drv in
	igbvf) stock_load igbvf || return 1 ;;
	iovnic_vf) iovnic_load lib vf || return 1 ;;
	esac
	VF_BDF=()
	VF_DEV=()
	for ((i = 0; i < n; i++)); do
		bdf=$(vf_bdf "$IOVNIC_PF0" "$i") || { echo "# no VF $i"; return 1; }
		VF_BDF[i]=$bdf
		pci_bind "$bdf" "$drv" || { echo "# $drv did not bind $bdf"; return 1; }
		VF_DEV[i]=$(wait_netdev "$bdf" 10) || { echo "# no netdev for VF $i"; return 1; }
	done
}

# sriov_setup N: sriov_pf_up + sriov_enable N; fails the test on error.
sriov_setup() {
	sriov_pf_up || fail "PF setup failed"
	sriov_enable "$1" || fail "enabling $1 VFs failed"
}

# sriov_teardown: VFs disabled, VF and PF drivers unloaded (best effort).
sriov_teardown() {
	iovnic_cleanup
	[ -e "/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs" ] &&
		echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs" 2>/dev/null
	stock_unload igbvf
	iovnic_unload >/dev/null
}
trap sriov_teardown EXIT

# ns_carrier NS DEV: true if DEV in NS reports carrier.
ns_carrier() {
	[ "$(ip netns exec "$1" cat "/sys/class/net/$2/carrier" 2>/dev/null)" = 1 ]
}

# ns_no_carrier NS DEV: true if DEV in NS reports no carrier.
ns_no_carrier() {
	[ "$(ip netns exec "$1" cat "/sys/class/net/$2/carrier" 2>/dev/null)" = 0 ]
}

# sriov_vf_ns N NS ADDR: moves VF N into NS with ADDR and waits for carrier.
sriov_vf_ns() {
	ns_create "$2" || return 1
	ns_move "${VF_DEV[$1]}" "$2" "$3" || return 1
	wait_for 20 ns_carrier "$2" "${VF_DEV[$1]}" ||
		{ echo "# VF $1 (${VF_DEV[$1]}) has no carrier"; return 1; }
}
