#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Two VFs of one PF reach each other through the 82576's internal switch
# (DTXSWC loopback): ping both ways, then a short iperf3 TCP stream VF0 ->
# VF1 moves data. The VFs run the driver chosen by IOVNIC_TEST_VF.
# timeout: 120

source "$(dirname "$0")/sriov_lib.sh"

require_root
require_cmd iperf3 python3
ktap_header
ktap_plan 4
klog_mark

sriov_setup 2
sriov_vf_ns 0 vfa 10.0.0.1/24 || fail "VF 0 not up"
sriov_vf_ns 1 vfb 10.0.0.2/24 || fail "VF 1 not up"

ktap_check "ping_vf0_to_vf1" ns_ping vfa 10.0.0.2 3
ktap_check "ping_vf1_to_vf0" ns_ping vfb 10.0.0.1 3

out=$(iperf_run vfb 10.0.0.2 vfa 3)
bytes=$(echo "$out" | python3 -c '
import json, sys
print(json.load(sys.stdin)["end"]["sum_received"]["bytes"])' 2>/dev/null)
if [ -n "$bytes" ] && [ "$bytes" -gt 100000 ]; then
	ktap_ok "iperf3_vf0_to_vf1"
	ktap_info "received $bytes bytes in 3 s"
else
	ktap_fail "iperf3_vf0_to_vf1" "received '${bytes:-nothing}'"
fi
ktap_klog_clean "kernel_log_clean"
ktap_finished
