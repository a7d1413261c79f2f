#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Removing iovnic_pf while TCP runs in both directions: rmmod succeeds
# (no stuck NAPI, IRQ or work item), both PFs end up unbound, the log stays
# clean, and loading again gives a working link.
# timeout: 120

source "$(dirname "$0")/pf_lib.sh"

require_cmd iperf3
ktap_header
ktap_plan 4
klog_mark

pf_setup || fail "setup failed"

pfb iperf3 -s -B "$PF_B_IP" >/dev/null 2>&1 &
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $!"
pfa iperf3 -s -B "$PF_A_IP" >/dev/null 2>&1 &
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $!"
wait_for 10 iperf_listening pfb 5201
wait_for 10 iperf_listening pfa 5201
pfa iperf3 -c "$PF_B_IP" -t 20 >/dev/null 2>&1 &
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $!"
pfb iperf3 -c "$PF_A_IP" -t 20 >/dev/null 2>&1 &
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $!"
sleep 3

timeout 30 rmmod iovnic_pf
pf_check rmmod_under_traffic $?
[ -z "$(pci_driver "$IOVNIC_PF0")" ] && [ -z "$(pci_driver "$IOVNIC_PF1")" ]
pf_check pfs_unbound $?

iovnic_cleanup
pf_setup >/dev/null && ns_ping pfa "$PF_B_IP" 3 >/dev/null
pf_check reload_and_ping $?

pf_teardown
ktap_klog_clean
ktap_finished
