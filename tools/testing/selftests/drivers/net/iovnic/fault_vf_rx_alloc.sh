#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# RX buffer allocation failing under traffic on iovnic_vf: as
# fault_pf_rx_alloc.sh, VF to VF through the embedded switch, with ring
# and channel changes on the receiving VF while allocation fails. Needs the
# debug kernel (make check-debug).
# timeout: 180

source "$(dirname "$0")/vf_lib.sh"
source "$(dirname "$0")/fault_lib.sh"

require_cmd ip ping iperf3 ethtool
ktap_header
fault_require
ktap_plan 5
klog_mark
trap 'fault_fn_off; vf_teardown' EXIT

vf_pair_setup
vfa() { ip netns exec vfa "$@"; }
vfb() { ip netns exec vfb "$@"; }
check() { if [ "$2" -eq 0 ]; then ktap_ok "$1"; else ktap_fail "$1" "${3:-}"; fi; }
rx_fail() { ns_ethtool_sum vfb "${VF_DEV[1]}" rx_alloc_failed; }

f0=$(rx_fail)
vfb iperf3 -s -1 -D >/dev/null 2>&1
sleep 1
vfa iperf3 -c 10.0.0.2 -t 8 >/dev/null 2>&1 &
iperf=$!
sleep 2
fault_fn_on page_pool_alloc_pages 50 || fail "cannot arm fail_function"
vfb ethtool -G "${VF_DEV[1]}" rx 128 2>/dev/null
sleep 1
vfb ethtool -L "${VF_DEV[1]}" combined 1 2>/dev/null
sleep 1
vfb ethtool -G "${VF_DEV[1]}" rx 256 2>/dev/null
sleep 1
fault_fn_off
wait "$iperf"
f=$(($(rx_fail) - f0))
[ "$f" -gt 0 ]
check alloc_failures_counted $? "rx alloc_failed +$f: the fault never reached the driver"

vf_wait_carrier vfb "${VF_DEV[1]}" 15
check carrier_after_faults $? "no carrier after the faults"
ns_ping vfa 10.0.0.2 10 >/dev/null
check ping_recovers $? "ping lost after the faults ($f failures)"
vfb iperf3 -s -1 -D >/dev/null 2>&1
sleep 1
vfa iperf3 -c 10.0.0.2 -t 3 >/dev/null 2>&1
check tcp_recovers $? "no TCP after the faults"
ktap_info "rx alloc failures injected and counted: $f"
ktap_klog_clean
ktap_finished
