#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# rmmod iovnic_pf with 2 VFs enabled, bound to their driver and up tears
# them down cleanly (VFs and debugfs entries gone, clean kernel log);
# iovnic_pf loads again and enables VFs again.
# timeout: 90

source "$(dirname "$0")/sriov_lib.sh"

require_root
ktap_header
ktap_plan 4
klog_mark

sriov_setup 2
ip link set "${VF_DEV[0]}" up
ip link set "${VF_DEV[1]}" up
sleep 2

if rmmod iovnic_pf; then
	ktap_ok "rmmod_with_vfs"
else
	ktap_fail "rmmod_with_vfs" "rmmod failed"
fi
if [ ! -e "/sys/bus/pci/devices/$IOVNIC_PF0/virtfn0" ] &&
   [ ! -e "/sys/bus/pci/devices/${VF_BDF[0]}" ] &&
   [ ! -e /sys/kernel/debug/iovnic_pf ]; then
	ktap_ok "vfs_gone"
else
	ktap_fail "vfs_gone" "VF devices or debugfs entries still present"
fi
if sriov_pf_up && sriov_enable 1; then
	ktap_ok "reload_and_enable"
else
	ktap_fail "reload_and_enable" "could not enable VFs after reload"
fi
ktap_klog_clean "kernel_log_clean"
ktap_finished
