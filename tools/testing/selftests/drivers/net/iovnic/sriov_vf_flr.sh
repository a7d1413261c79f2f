#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A function-level reset of a running VF (echo 1 > <vf>/reset) is seen by
# the PF (vf0_mbx_flr counts it) and clears what the VF had configured
# (its VLAN 200 filter leaves VLVF); the PF then
# pushes the VF driver into its own reset and the VF comes back: VLAN 200
# is re-announced and traffic flows again.
# timeout: 120

source "$(dirname "$0")/sriov_lib.sh"

require_root
ktap_header
ktap_plan 4
klog_mark
modprobe 8021q 2>/dev/null

sriov_setup 1
ip addr add 10.10.0.2/24 dev "$PF_DEV"
sriov_vf_ns 0 vfa 10.10.0.1/24 || fail "VF 0 not up"
ip -n vfa link add link "${VF_DEV[0]}" name vl200 type vlan id 200
ip -n vfa link set vl200 up
vlan200_in_vlvf() {
	sriov_dbg switch | grep -qE '^VLVF[0-9]+ 0x800010c8$'
}
wait_for 5 vlan200_in_vlvf || fail "VLAN 200 never reached VLVF"

flrs() {
	ethtool -S "$PF_DEV" | awk '$1 == "vf0_mbx_flr:" {print $2}'
}

flr_counted() {
	[ "$(flrs)" -gt "$before" ]
}

resets() {
	ethtool -S "$PF_DEV" | awk '$1 == "vf0_mbx_reset:" {print $2}'
}

vf_was_cleared() {
	! vlan200_in_vlvf || [ "$(sriov_vf_field 0 state)" = resetting ]
}

vf_ready() {
	[ "$(sriov_vf_field 0 state)" = ready ]
}

before=$(flrs)
resets_before=$(resets)
echo 1 >"/sys/bus/pci/devices/${VF_BDF[0]}/reset" || fail "VF reset failed"
if wait_for 5 flr_counted; then
	ktap_ok "flr_seen"
else
	ktap_fail "flr_seen" "vf0_mbx_flr stayed at $before"
fi
# A fast VF driver may already be back: then it must have redone RESET
# (which it only gets through after the PF cleared its state).
if wait_for 3 vf_was_cleared || [ "$(resets)" -gt "$resets_before" ]; then
	ktap_ok "filters_cleared"
else
	ktap_fail "filters_cleared" "VLAN 200 still in VLVF, VF ready, no new RESET"
fi
if wait_for 40 vlan200_in_vlvf && wait_for 20 vf_ready &&
   ns_ping vfa 10.10.0.2 3 >/dev/null; then
	ktap_ok "vf_recovers"
else
	ktap_fail "vf_recovers" "state $(sriov_vf_field 0 state)"
fi
ktap_klog_clean "kernel_log_clean"
ktap_finished
