#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# ip -s link show <pf> reports per-VF counters from the per-pool hardware
# counters (VFGPRC/VFGPTC/VFGORC/VFGOTC/VFMPRC): after 40 pings VF0 ->
# VF1, both VFs show >= 40 packets each way and bytes to match, and the
# totals only grow.
# timeout: 90

source "$(dirname "$0")/sriov_lib.sh"

require_root
require_cmd python3
ktap_header
ktap_plan 4
klog_mark

sriov_setup 2
sriov_vf_ns 0 vfa 10.8.0.1/24 || fail "VF 0 not up"
sriov_vf_ns 1 vfb 10.8.0.2/24 || fail "VF 1 not up"

# vf_stat N rx|tx packets|bytes
vf_stat() {
	ip -s -j link show "$PF_DEV" | python3 -c '
import json, sys
vf, d, k = int(sys.argv[1]), sys.argv[2], sys.argv[3]
for v in json.load(sys.stdin)[0]["vfinfo_list"]:
    if v["vf"] == vf:
        s = v["stats"][d]
        print(s.get(k, s.get(d + "_" + k)))' "$@"
}

r0=$(vf_stat 0 tx packets)
ip netns exec vfa ping -c 40 -i 0.05 -W 2 -w 20 10.8.0.2 >/dev/null
tx0=$(($(vf_stat 0 tx packets) - r0))
rx0=$(vf_stat 0 rx packets)
rx1=$(vf_stat 1 rx packets)
tx1=$(vf_stat 1 tx packets)
ktap_info "vf0 tx+$tx0 rx=$rx0, vf1 rx=$rx1 tx=$tx1"
if [ "$tx0" -ge 40 ] && [ "$rx1" -ge 40 ]; then
	ktap_ok "requests_counted"
else
	ktap_fail "requests_counted" "vf0 tx +$tx0, vf1 rx $rx1"
fi
if [ "$tx1" -ge 40 ] && [ "$rx0" -ge 40 ]; then
	ktap_ok "replies_counted"
else
	ktap_fail "replies_counted" "vf1 tx $tx1, vf0 rx $rx0"
fi
b0=$(vf_stat 0 tx bytes)
sleep 3
if [ "$b0" -ge $((40 * 98)) ] && [ "$(vf_stat 0 tx bytes)" -ge "$b0" ]; then
	ktap_ok "bytes_counted_monotonic"
else
	ktap_fail "bytes_counted_monotonic" "vf0 tx bytes $b0 then $(vf_stat 0 tx bytes)"
fi
ktap_klog_clean "kernel_log_clean"
ktap_finished
