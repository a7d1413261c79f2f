#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A flood of 64-byte UDP datagrams from one VF to another (iperf3 -u, no
# rate limit) must neither wedge the rings nor leak: the receiver gets a
# good share of them, the hardware and software counters agree roughly,
# and a ping afterwards still works. PF from IOVNIC_TEST_PF (stock|iovnic).
# timeout: 120

source "$(dirname "$0")/vf_lib.sh"
require_cmd iperf3

ktap_header
ktap_plan 4
vf_pair_setup
b=${VF_DEV[1]}

hw0=$(ns_ethtool_stat vfb "$b" vf_rx_packets)
sw0=$(ns_ethtool_sum vfb "$b" rx_packets)
res=$(iperf_run vfb 10.0.0.2 vfa 5 -u -l 64 -b 0)
read -r sent lost <<<"$(echo "$res" | python3 -c 'import json,sys
e=json.load(sys.stdin)["end"]["sum"]; print(e["packets"], e["lost_packets"])' 2>/dev/null)"
hw1=$(ns_ethtool_stat vfb "$b" vf_rx_packets)
sw1=$(ns_ethtool_sum vfb "$b" rx_packets)
ktap_info "sent ${sent:-?} lost ${lost:-?}; vfb hw rx +$((hw1 - hw0)) sw rx +$((sw1 - sw0))"
if [ -n "$sent" ] && [ "$sent" -gt 1000 ]; then
	ktap_ok "flood_sent"
else
	ktap_fail "flood_sent" "iperf3 sent ${sent:-nothing}"
fi
if [ -n "$sent" ] && [ $((sent - lost)) -gt $((sent / 4)) ]; then
	ktap_ok "flood_mostly_received"
else
	ktap_fail "flood_mostly_received" "received $((${sent:-0} - ${lost:-0})) of ${sent:-0}"
fi
# every frame the driver counted was one the device delivered
d_hw=$((hw1 - hw0)) d_sw=$((sw1 - sw0))
if [ "$d_sw" -gt 0 ] && [ "$d_sw" -le "$d_hw" ]; then
	ktap_ok "sw_rx_within_hw_rx"
else
	ktap_fail "sw_rx_within_hw_rx" "sw +$d_sw hw +$d_hw"
fi
ktap_check "ping_after_flood" ns_ping vfa 10.0.0.2 3
ktap_finished
