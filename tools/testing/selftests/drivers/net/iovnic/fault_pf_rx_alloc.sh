#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# RX buffer allocation failing under traffic on iovnic_pf (the kernel's
# pp_alloc_fail idea): page_pool_alloc_pages() fails for half of the calls
# while TCP runs into the port and ring sizes change; the driver counts
# the failures, keeps polling, never oopses, and traffic recovers once
# allocation works again. Needs the debug kernel (make check-debug).
# timeout: 150

source "$(dirname "$0")/pf_lib.sh"
source "$(dirname "$0")/fault_lib.sh"

require_cmd ip ping iperf3 ethtool
ktap_header
fault_require
ktap_plan 5
klog_mark
trap 'fault_fn_off; pf_teardown' EXIT

pf_setup || fail "setup failed"
rx_fail() { pf_stat_sum pfb "$PF_B" '^rx[0-9]+_alloc_failed$'; }

f0=$(rx_fail)
pfb iperf3 -s -1 -D >/dev/null 2>&1
sleep 1
pfa iperf3 -c "$PF_B_IP" -t 8 -J >"$IOVNIC_TEST_OUT/iperf_fault.json" 2>&1 &
iperf=$!
sleep 2
fault_fn_on page_pool_alloc_pages 50 || fail "cannot arm fail_function"
# ring changes allocate whole rings while allocation fails: each either
# works or fails cleanly
for n in 128 512 256; do
	pfb ethtool -G "$PF_B" rx "$n" 2>/dev/null
	sleep 1
done
fault_fn_off
wait "$iperf"
f=$(($(rx_fail) - f0))
[ "$f" -gt 0 ]
pf_check alloc_failures_counted $? "rx alloc_failed +$f: the fault never reached the driver"

pf_carrier pfb "$PF_B" || wait_for 10 pf_carrier pfb "$PF_B"
pf_check carrier_after_faults $? "no carrier after the faults"
ns_ping pfa "$PF_B_IP" 10 >/dev/null
pf_check ping_recovers $? "ping lost after the faults ($f failures)"
pfb iperf3 -s -1 -D >/dev/null 2>&1
sleep 1
pfa iperf3 -c "$PF_B_IP" -t 3 -J >"$IOVNIC_TEST_OUT/iperf_after.json" 2>&1
mbps=$(pf_iperf_mbps "$IOVNIC_TEST_OUT/iperf_after.json")
ktap_info "rx alloc failures injected and counted: $f; TCP after: $mbps Mbit/s"
[ "$mbps" -gt 10 ]
pf_check tcp_recovers $? "TCP $mbps Mbit/s after the faults"
ktap_klog_clean
ktap_finished
