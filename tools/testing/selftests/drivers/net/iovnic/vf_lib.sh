#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers for the iovnic_vf selftests (source after nothing else: it sources
# lib.sh itself).
#
# IOVNIC_TEST_PF selects the PF driver under the VFs:
#   stock   the stock igb of the guest kernel (default)
#   iovnic  our iovnic_pf
# The VFs are always driven by iovnic_vf; the stock igbvf must stay unloaded.

source "$(dirname "$0")/lib.sh"

: "${IOVNIC_TEST_PF:=stock}"

PF_DEV=""
VF_BDF=()
VF_DEV=()

# vf_pf_driver: the PCI driver name of the PF under test.
vf_pf_driver() {
	case $IOVNIC_TEST_PF in
	stock) echo igb ;;
	iovnic) echo iovnic_pf ;;
	*) return 1 ;;
	esac
}

# vf_setup N: PF0 driven by the PF under test and up, N VFs bound to
# iovnic_vf; fills PF_DEV, VF_BDF[], VF_DEV[].  Returns non-zero and says
# why on failure.
vf_setup() {
	local n=${1:-2} pf_drv i bdf

	pf_drv=$(vf_pf_driver) || { echo "# bad IOVNIC_TEST_PF=$IOVNIC_TEST_PF"; return 1; }
	stock_unload igbvf
	case $pf_drv in
	igb) stock_load igb || return 1 ;;
	iovnic_pf) iovnic_load lib pf || return 1 ;;
	esac
	pci_bind "$IOVNIC_PF0" "$pf_drv" || { echo "# $pf_drv did not bind $IOVNIC_PF0"; return 1; }
	PF_DEV=$(wait_netdev "$IOVNIC_PF0" 10) || { echo "# no PF netdev"; return 1; }
	ip link set "$PF_DEV" up || return 1
	# No VF driver may grab the VFs when they appear.
	echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_drivers_autoprobe"
	sriov_set "$IOVNIC_PF0" "$n" || { echo "# sriov_numvfs=$n failed"; return 1; }
	iovnic_load lib vf || return 1
	for ((i = 0; i < n; i++)); do
		bdf=$(vf_bdf "$IOVNIC_PF0" "$i") || { echo "# no VF $i"; return 1; }
		# shellcheck disable=SC2034 # used by the tests that source this file
		VF_BDF[i]=$bdf
		pci_bind "$bdf" iovnic_vf || { echo "# iovnic_vf did not bind $bdf"; return 1; }
		VF_DEV[i]=$(wait_netdev "$bdf" 10) || { echo "# no netdev for VF $i"; return 1; }
	done
	module_loaded igbvf && { echo "# stock igbvf got loaded"; return 1; }
	return 0
}

# vf_teardown: VFs gone, VF and PF drivers unloaded (best effort).
vf_teardown() {
	iovnic_cleanup
	module_loaded iovnic_vf && rmmod iovnic_vf
	[ -e "/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs" ] &&
		echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs" 2>/dev/null
	case $(vf_pf_driver) in
	igb) stock_unload igb ;;
	iovnic_pf) iovnic_unload ;;
	esac
}
trap vf_teardown EXIT

# vf_diag NS DEV: prints, as comments, what the two ends of VF DEV (in NS)
# think of their mailbox: the VF's mbx_* counters and, under iovnic_pf, the
# PF's per-VF state and counters. For the failure path of a test.
vf_diag() {
	echo "# $2 in $1: $(ip netns exec "$1" ethtool -S "$2" 2>/dev/null |
		awk '$1 ~ /^(mbx_|vf_resets)/ {printf "%s%s ", $1, $2}')"
	echo "# negotiated: $(for f in mbx_version mbx_caps pf_queue_pairs pf_rss pf_max_frame; do
		printf '%s:%s ' $f "$(vf_negotiated "$1" "$2" $f)"; done)"
	[ "$IOVNIC_TEST_PF" = iovnic ] || return 0
	sed 's/^/# PF: /' "/sys/kernel/debug/iovnic_pf/$IOVNIC_PF0/vfs" 2>/dev/null
	echo "# PF counters: $(ethtool -S "$PF_DEV" 2>/dev/null |
		awk '$1 ~ /^vf[0-9]_mbx_/ && $2 != 0 {printf "%s%s ", $1, $2}')"
}

# ns_carrier NS DEV: true if DEV in NS reports carrier.
ns_carrier() {
	[ "$(ip netns exec "$1" cat "/sys/class/net/$2/carrier" 2>/dev/null)" = 1 ]
}

# vf_wait_carrier NS DEV [TIMEOUT_S]: waits for carrier on a VF in NS.
vf_wait_carrier() {
	wait_for "${3:-10}" ns_carrier "$1" "$2"
}

# ns_ethtool_stat NS DEV NAME: prints ethtool -S counter NAME of DEV in NS.
ns_ethtool_stat() {
	ip netns exec "$1" ethtool -S "$2" | awk -v n="$3:" '$1 == n {print $2}'
}

# ns_ethtool_sum NS DEV SUFFIX: the sum of the per-queue counters
# tx<N>_SUFFIX or rx<N>_SUFFIX (SUFFIX starts with tx_ or rx_ to pick the
# direction, e.g. tx_tso sums tx0_tso, tx1_tso, ...) of DEV in NS.
ns_ethtool_sum() {
	local dir=${3%%_*} name=${3#*_}

	ip netns exec "$1" ethtool -S "$2" |
		awk -v re="^${dir}[0-9]+_${name}:\$" '$1 ~ re {s += $2} END {print s + 0}'
}

# vf_pair_setup: two VFs in namespaces vfa (10.0.0.1) and vfb (10.0.0.2),
# both with carrier.  Exits the test with a failure otherwise.
vf_pair_setup() {
	vf_setup 2 || fail "VF setup under $IOVNIC_TEST_PF PF failed"
	ns_create vfa vfb || fail "cannot create namespaces"
	ns_move "${VF_DEV[0]}" vfa 10.0.0.1/24 || fail "cannot move VF 0"
	ns_move "${VF_DEV[1]}" vfb 10.0.0.2/24 || fail "cannot move VF 1"
	vf_wait_carrier vfa "${VF_DEV[0]}" 15 || fail "VF 0 has no carrier"
	vf_wait_carrier vfb "${VF_DEV[1]}" 15 || fail "VF 1 has no carrier"
}

# now_ms: monotonic-enough wall clock in milliseconds.
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}
