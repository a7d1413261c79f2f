#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# "ip link set <pf> vf 0 max_tx_rate R": ip link reports it, the PF computes
# the 82576 rate factor (link speed / rate per queue, 14.14 fixed point,
# RS_ENA) for both queues of the VF's pool, each limited to R / 2 rounded
# up, however many queue pairs the VF was granted (it may use its second
# queue unasked); R = 1 still limits (never 0 = no limit); "0" removes the
# limit; a minimum rate or a rate above the link speed is refused and
# changes nothing.
# QEMU has no rate limiter registers (RTTBCNRC reads as 0 there):
# the value written is checked through debugfs, and the traffic check is a
# SKIP. VF driver from IOVNIC_TEST_VF (stock|iovnic).
# timeout: 90

source "$(dirname "$0")/sriov_lib.sh"

require_root
ktap_header
ktap_plan 7
klog_mark

sriov_setup 1
sriov_vf_ns 0 vfa 10.8.0.1/24 || fail "VF 0 not up"

# expected RTTBCNRC for RATE Mb/s per queue on a 1000 Mb/s link
factor() {
	local r=$1 i d
	i=$((1000 / r))
	d=$((((1000 - i * r) << 14) / r))
	printf '0x%08x' $(((1 << 31) | (i << 14) | d))
}

pairs=$(sriov_vf_field 0 queue_pairs)
ktap_info "VF 0 has ${pairs:-?} queue pair(s)"
ip link set "$PF_DEV" vf 0 max_tx_rate 300
want=$(factor 150)
got=$(sriov_vf_field 0 rttbcnrc)
if ip -d link show "$PF_DEV" | grep -q "vf 0 .*max_tx_rate 300Mbps" &&
   [ "$got" = "$want" ]; then
	ktap_ok "rate_300_programmed"
else
	ktap_fail "rate_300_programmed" "RTTBCNRC $got, want $want; $(ip link show "$PF_DEV" | grep 'vf 0')"
fi

if ip link set "$PF_DEV" vf 0 min_tx_rate 10 max_tx_rate 300 2>/dev/null; then
	ktap_fail "min_rate_refused" "accepted"
elif [ "$(sriov_vf_field 0 rttbcnrc)" = "$want" ]; then
	ktap_ok "min_rate_refused"
else
	ktap_fail "min_rate_refused" "the limiter changed anyway"
fi

if ip link set "$PF_DEV" vf 0 max_tx_rate 5000 2>/dev/null; then
	ktap_fail "above_link_speed_refused" "accepted"
elif ip -d link show "$PF_DEV" | grep -q "vf 0 .*max_tx_rate 300Mbps"; then
	ktap_ok "above_link_speed_refused"
else
	ktap_fail "above_link_speed_refused" "the setting changed anyway"
fi

ip link set "$PF_DEV" vf 0 max_tx_rate 1
if [ "$(sriov_vf_field 0 rttbcnrc)" = "$(factor 1)" ]; then
	ktap_ok "rate_1_still_limits"
else
	ktap_fail "rate_1_still_limits" "RTTBCNRC $(sriov_vf_field 0 rttbcnrc), want $(factor 1)"
fi
ip link set "$PF_DEV" vf 0 max_tx_rate 300

ip link set "$PF_DEV" vf 0 max_tx_rate 0
if [ "$(sriov_vf_field 0 rttbcnrc)" = 0x00000000 ]; then
	ktap_ok "rate_0_removes_limit"
else
	ktap_fail "rate_0_removes_limit" "RTTBCNRC $(sriov_vf_field 0 rttbcnrc)"
fi

ktap_skip "rate_limits_traffic" \
	"QEMU's igb model has no transmit rate limiter (RTTBCNRC is absent)"
ktap_klog_clean "kernel_log_clean"
ktap_finished
