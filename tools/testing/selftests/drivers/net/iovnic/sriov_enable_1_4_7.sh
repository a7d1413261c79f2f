#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# sriov_numvfs = 1, 4 and 7 each create that many VFs, every VF is bound to
# the VF driver under test (IOVNIC_TEST_VF) and has a netdev; the switch is
# in VMDq mode with the PF as default pool num_vfs; writing a different
# non-zero count while VFs exist fails with EBUSY; 8 is refused; after each
# enable and disable the PF still passes traffic over the wire to PF1.
# timeout: 150

source "$(dirname "$0")/sriov_lib.sh"

require_root
ktap_header
ktap_plan 10
klog_mark

sriov_pf_up || fail "PF setup failed"
[ -n "$PF1_DEV" ] || fail "no netdev on $IOVNIC_PF1"
ns_create wire
ns_move "$PF1_DEV" wire 10.9.0.2/24 || fail "cannot move $PF1_DEV"
ip addr add 10.9.0.1/24 dev "$PF_DEV"
wait_for 10 ns_carrier wire "$PF1_DEV" || fail "PF1 has no carrier"

pf_ping() {
	ping -c 2 -i 0.2 -W 2 -w 6 10.9.0.2 >/dev/null
}

for n in 1 4 7; do
	if ! sriov_enable "$n"; then
		ktap_fail "enable_$n" "could not enable/bind $n VFs"
		sriov_set "$IOVNIC_PF0" 0
		continue
	fi
	numvfs=$(cat "/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs")
	vtctl=$(sriov_reg VT_CTL)
	mrqc=$(sriov_reg MRQC)
	defpl=$(( (vtctl >> 7) & 7 ))
	if [ "$numvfs" = "$n" ] && [ ${#VF_DEV[@]} = "$n" ] &&
	   [ "$defpl" = "$n" ] && [ $((mrqc & 7)) = 5 ]; then
		ktap_ok "enable_$n"
	else
		ktap_fail "enable_$n" "numvfs=$numvfs netdevs=${#VF_DEV[@]} VT_CTL=$vtctl MRQC=$mrqc"
	fi
	if pf_ping; then
		ktap_ok "pf_traffic_with_$n"
	else
		ktap_fail "pf_traffic_with_$n" "PF0 -> PF1 ping failed with $n VFs"
	fi
	if [ "$n" = 4 ]; then
		if echo 2 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs" 2>/dev/null; then
			ktap_fail "change_count_busy" "4 -> 2 accepted"
		else
			ktap_ok "change_count_busy"
		fi
	fi
	echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs"
done

if echo 8 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs" 2>/dev/null; then
	ktap_fail "eight_refused" "8 VFs accepted"
else
	ktap_ok "eight_refused"
fi
if pf_ping && [ -z "$(sriov_dbg switch)" ] &&
   [ "$(cat /sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs)" = 0 ]; then
	ktap_ok "pf_traffic_after_disable"
else
	ktap_fail "pf_traffic_after_disable" "PF0 -> PF1 ping failed or VF state left"
fi
ktap_klog_clean "kernel_log_clean"
ktap_finished
