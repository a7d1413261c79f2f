#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Five enable (2 VFs, VF driver bound, VF 0 up) / disable cycles: every
# cycle ends with no VF, the switch out of VMDq mode and the PF still
# passing traffic over the wire; the kernel log stays clean.
# timeout: 120

source "$(dirname "$0")/sriov_lib.sh"

require_root
ktap_header
ktap_plan 3
klog_mark

cycles=5
[ "$IOVNIC_LONG" = 1 ] && cycles=50

sriov_pf_up || fail "PF setup failed"
[ -n "$PF1_DEV" ] || fail "no netdev on $IOVNIC_PF1"
ns_create wire
ns_move "$PF1_DEV" wire 10.9.1.2/24 || fail "cannot move $PF1_DEV"
ip addr add 10.9.1.1/24 dev "$PF_DEV"
wait_for 10 ns_carrier wire "$PF1_DEV" || fail "PF1 has no carrier"

err_cycle="" err_traffic=""
for i in $(seq 1 "$cycles"); do
	if ! sriov_enable 2; then
		err_cycle=${err_cycle:-"cycle $i: enable failed"}
	else
		ip link set "${VF_DEV[0]}" up
	fi
	echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs" ||
		err_cycle=${err_cycle:-"cycle $i: disable failed"}
	[ -e "/sys/bus/pci/devices/$IOVNIC_PF0/virtfn0" ] &&
		err_cycle=${err_cycle:-"cycle $i: VF 0 still there"}
	ping -c 1 -W 3 10.9.1.2 >/dev/null ||
		err_traffic=${err_traffic:-"cycle $i: PF0 -> PF1 ping failed"}
done
if [ -z "$err_cycle" ]; then
	ktap_ok "cycles_${cycles}"
else
	ktap_fail "cycles_${cycles}" "$err_cycle"
fi
if [ -z "$err_traffic" ]; then
	ktap_ok "pf_traffic_every_cycle"
else
	ktap_fail "pf_traffic_every_cycle" "$err_traffic"
fi
sriov_klog_check "kernel_log_clean"
ktap_finished
