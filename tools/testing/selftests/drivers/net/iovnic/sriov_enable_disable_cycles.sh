#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Twenty enable (2 VFs, VF driver bound, VF 0 up) / disable cycles while
# the PF pings its link partner: every cycle ends with no VF and the PF
# still passing traffic over the wire, the background traffic keeps
# flowing across the cycles, and the kernel log stays clean.
# timeout: 400

source "$(dirname "$0")/sriov_lib.sh"

require_root
ktap_header
ktap_plan 4
klog_mark

cycles=20
[ "$IOVNIC_LONG" = 1 ] && cycles=100

sriov_pf_up || fail "PF setup failed"
[ -n "$PF1_DEV" ] || fail "no netdev on $IOVNIC_PF1"
ns_create wire
ns_move "$PF1_DEV" wire 10.9.1.2/24 || fail "cannot move $PF1_DEV"
ip addr add 10.9.1.1/24 dev "$PF_DEV"
wait_for 10 ns_carrier wire "$PF1_DEV" || fail "PF1 has no carrier"

# traffic during the cycles: the PF keeps pinging its link partner
bg_out=${IOVNIC_TEST_OUT:-/tmp}/background_ping.txt
ping -q -i 0.1 10.9.1.2 >"$bg_out" 2>&1 &
bg=$!
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $bg"

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
kill -INT "$bg"
wait "$bg"
sent=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' "$bg_out")
got=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' "$bg_out")
echo "# background ping during $cycles cycles: ${got:-?} of ${sent:-?} answered"
# queues move between pools at every enable/disable, so some loss is
# expected; traffic that stops for good is not
if [ "${got:-0}" -gt 0 ] && [ "$((got * 2))" -ge "${sent:-1}" ]; then
	ktap_ok "background_traffic_flows"
else
	ktap_fail "background_traffic_flows" "${got:-0} of ${sent:-?} answered"
fi
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
ktap_klog_clean "kernel_log_clean"
ktap_finished
