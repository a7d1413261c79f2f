#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Allocation failures during configuration: slab allocations fail at
# random (failslab, only in the task doing the change) while sriov_numvfs
# enables VFs, iovnic_vf probes a VF, and ethtool -G/-L resizes the rings
# of the PF and of a VF. Each attempt either works or fails with an error;
# afterwards, without faults, everything still works, and the kernel log
# is clean. Under iovnic_pf. Needs the debug kernel (make check-debug).
# timeout: 240

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fault_lib.sh"

require_cmd ip ping ethtool
ktap_header
fault_slab_require
ktap_plan 5
klog_mark
ROUNDS=${IOVNIC_FAULT_ROUNDS:-12}
cleanup() {
	fault_slab_disarm
	iovnic_cleanup
	[ -e "/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs" ] &&
		echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs" 2>/dev/null
	module_loaded iovnic_vf && rmmod iovnic_vf
	iovnic_unload
}
trap cleanup EXIT
check() { if [ "$2" -eq 0 ]; then ktap_ok "$1"; else ktap_fail "$1" "${3:-}"; fi; }

stock_unload igbvf
iovnic_load lib pf vf || fail "cannot load the modules"
pci_bind "$IOVNIC_PF0" iovnic_pf || fail "iovnic_pf did not bind PF0"
pf=$(wait_netdev "$IOVNIC_PF0" 10) || fail "no PF netdev"
ip link set "$pf" up
echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_drivers_autoprobe"
numvfs=/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs

# 1. sriov_numvfs under faults: 0 -> 2 -> 0, each step works or fails
fault_slab_arm 10
ok=0 failed=0
for ((i = 0; i < ROUNDS; i++)); do
	if fault_slab_run sh -c "echo 2 >$numvfs" 2>/dev/null; then
		ok=$((ok + 1))
		echo 0 >"$numvfs"
	else
		failed=$((failed + 1))
		[ "$(cat "$numvfs")" = 0 ] || { echo "# numvfs $(cat "$numvfs") after a failed enable"; break; }
	fi
done
fault_slab_disarm
ktap_info "sriov_numvfs=2 under failslab: $ok worked, $failed failed cleanly"
echo 2 >"$numvfs" && [ "$(cat "$numvfs")" = 2 ]
check numvfs_works_after_faults $? "cannot enable 2 VFs after the faults"

# 2. VF probe under faults
vf0=$(vf_bdf "$IOVNIC_PF0" 0) && vf1=$(vf_bdf "$IOVNIC_PF0" 1)
fault_slab_arm 10
ok=0 failed=0
for ((i = 0; i < ROUNDS; i++)); do
	if fault_slab_run sh -c "echo $vf0 >/sys/bus/pci/drivers/iovnic_vf/bind" 2>/dev/null; then
		ok=$((ok + 1))
		echo "$vf0" >/sys/bus/pci/drivers/iovnic_vf/unbind
	else
		failed=$((failed + 1))
	fi
done
fault_slab_disarm
ktap_info "iovnic_vf probe under failslab: $ok worked, $failed failed cleanly"
pci_bind "$vf0" iovnic_vf && pci_bind "$vf1" iovnic_vf &&
	va=$(wait_netdev "$vf0" 10) && vb=$(wait_netdev "$vf1" 10)
check vf_probe_works_after_faults $? "VFs do not probe after the faults"

# 3. ring and channel changes under faults, PF and VF
resize() {
	local dev=$1 n
	for n in 128 512 256; do
		fault_slab_run ethtool -G "$dev" rx "$n" tx "$n" 2>/dev/null
	done
	fault_slab_run ethtool -L "$dev" combined 1 2>/dev/null
	fault_slab_run ethtool -L "$dev" combined 2 2>/dev/null
}
ns_create vfa vfb || fail "cannot create namespaces"
ns_move "$va" vfa 10.0.0.1/24 && ns_move "$vb" vfb 10.0.0.2/24 || fail "cannot move the VFs"
wait_for 15 sh -c "[ \"\$(ip netns exec vfb cat /sys/class/net/$vb/carrier 2>/dev/null)\" = 1 ]"
fault_slab_arm 20
for ((i = 0; i < ROUNDS / 4 + 1; i++)); do
	resize "$pf"
	ip netns exec vfb bash -c "$(declare -f fault_slab_run resize); resize $vb"
done
fault_slab_disarm
ip link show "$pf" | grep -q "state UP\|UP," && ethtool -G "$pf" rx 256 tx 256 2>/dev/null
check pf_rings_work_after_faults $? "PF refuses a ring change after the faults"
ip netns exec vfb ethtool -G "$vb" rx 256 tx 256 2>/dev/null
ip netns exec vfb ethtool -L "$vb" combined 2 2>/dev/null
wait_for 15 sh -c "[ \"\$(ip netns exec vfb cat /sys/class/net/$vb/carrier 2>/dev/null)\" = 1 ]"
ns_ping vfa 10.0.0.2 5 >/dev/null
check vf_traffic_after_faults $? "no VF-to-VF ping after the faults"
ktap_klog_clean
ktap_finished
