#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Function-level reset of a busy VF: VF 0 streams iperf3 TCP to VF 1 while
# VF 2 pings VF 1; VF 0 is reset (echo 1 > <vf>/reset).  The other VFs'
# traffic must go on through the reset, the PF must see the FLR, and VF 0
# must pass traffic again: by itself with iovnic_vf (its reset_done handler
# re-runs the mailbox RESET), by itself or after `ip link set down/up`
# with the stock igbvf (which has no reset handlers: the diagnostics say
# which one it took).  Recovery time is printed, measured from the reset
# write to VF 0's first answered ping.  VFs from IOVNIC_TEST_VF.
# timeout: 180

source "$(dirname "$0")/sriov_lib.sh"
source "$(dirname "$0")/churn_lib.sh"

require_root
require_cmd iperf3 python3
ktap_header
ktap_plan 6
klog_mark

sriov_setup 3
sriov_vf_ns 0 vfa 10.23.0.1/24 || fail "VF 0 not up"
sriov_vf_ns 1 vfb 10.23.0.2/24 || fail "VF 1 not up"
sriov_vf_ns 2 vfc 10.23.0.3/24 || fail "VF 2 not up"
ns_ping vfa 10.23.0.2 2 >/dev/null
ns_ping vfc 10.23.0.2 2 >/dev/null || fail "VF 2 cannot reach VF 1"

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# shellcheck disable=SC2317 # called through wait_for
ping_vf0() {
	ip netns exec vfa ping -c 1 -W 0.3 10.23.0.2 >/dev/null 2>&1
}

flrs() {
	ethtool -S "$PF_DEV" | awk '$1 == "vf0_mbx_flr:" { print $2 }'
}

# the busy VF: a TCP stream VF 0 -> VF 1 across the reset
ip netns exec vfb iperf3 -s -B 10.23.0.2 >/dev/null 2>&1 &
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $!"
wait_for 10 iperf_listening vfb 5201 || fail "iperf3 server did not start"
out=$IOVNIC_TEST_OUT/flr_iperf3.json
ip netns exec vfa iperf3 -c 10.23.0.2 -t 20 -J >"$out" 2>&1 &
client=$!
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $client"
# the other VF's traffic: VF 2 pings VF 1 every 100 ms
pout=$IOVNIC_TEST_OUT/flr_other_ping.txt
ip netns exec vfc ping -i 0.1 -W 1 -c 100 10.23.0.2 >"$pout" 2>&1 &
pinger=$!
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $pinger"
sleep 3

f0=$(flrs)
t0=$(now_ms)
echo 1 >"/sys/bus/pci/devices/${VF_BDF[0]}/reset" || fail "writing the VF reset failed"
ktap_info "reset write took $(($(now_ms) - t0)) ms"

# shellcheck disable=SC2317 # called through wait_for
flr_counted() { [ "$(flrs)" -gt "$f0" ]; }
if wait_for 5 flr_counted; then
	ktap_ok "pf_saw_flr"
else
	ktap_fail "pf_saw_flr" "vf0_mbx_flr stayed at $f0"
fi

how=""
if wait_for 15 ping_vf0; then
	how="by itself"
elif [ "$IOVNIC_TEST_VF" = stock ]; then
	# igbvf has no reset_prepare/reset_done: it may need a down/up
	ktap_info "igbvf did not recover by itself in 15 s: ip link set down/up"
	ip -n vfa link set "${VF_DEV[0]}" down
	ip -n vfa link set "${VF_DEV[0]}" up
	wait_for 20 ns_carrier vfa "${VF_DEV[0]}" && wait_for 15 ping_vf0 &&
		how="after ip link set down/up"
fi
t1=$(now_ms)
if [ -n "$how" ]; then
	ktap_info "VF 0 ($(sriov_vf_driver)) recovered $how, $((t1 - t0)) ms after the reset"
	ktap_ok "reset_vf_recovers"
else
	ktap_fail "reset_vf_recovers" "no traffic from VF 0 $((t1 - t0)) ms after the reset, state $(sriov_vf_field 0 state)"
fi

# The other VF's pings run during the reset and the recovery; a few may be
# lost while the switch is re-programmed, most must be answered.
wait "$pinger"
sent=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' "$pout")
got=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' "$pout")
ktap_info "VF 2 -> VF 1 pings across the reset: ${got:-?} of ${sent:-?} answered"
if [ "${sent:-0}" -gt 0 ] && [ "$((${got:-0} * 100))" -ge "$((sent * 90))" ]; then
	ktap_ok "other_vf_traffic_continues"
else
	ktap_fail "other_vf_traffic_continues" "${got:-0} of ${sent:-?} answered"
fi

wait "$client"
rc=$?
ktap_info "the VF 0 stream across the reset $([ $rc = 0 ] && echo survived || echo "ended with status $rc")"

# a fresh stream from the reset VF
res=$(iperf_run vfb 10.23.0.2 vfa 3 | python3 -c '
import json, sys
print(int(json.load(sys.stdin)["end"]["sum_received"]["bytes"]))' 2>/dev/null)
ktap_info "VF 0 -> VF 1 after the reset: ${res:-no} bytes in 3 s"
if [ "${res:-0}" -gt 100000 ]; then
	ktap_ok "reset_vf_iperf3_after"
else
	ktap_fail "reset_vf_iperf3_after" "received ${res:-nothing}"
fi
ktap_check "pf_sees_vf0_ready" [ "$(sriov_vf_field 0 state)" = ready ]
dma_faults_info
ktap_klog_clean "kernel_log_clean"
ktap_finished
