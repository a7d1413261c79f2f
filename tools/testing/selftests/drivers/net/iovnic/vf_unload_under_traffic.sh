#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# rmmod iovnic_vf while both VFs carry a UDP flood and a ping: the module
# goes away cleanly (no hang, no kernel splat), the PF keeps working, and
# loading and binding the VF driver again brings working VFs back.
# PF from IOVNIC_TEST_PF (stock|iovnic).
# timeout: 150

source "$(dirname "$0")/vf_lib.sh"
require_cmd iperf3

ktap_header
ktap_plan 4
klog_mark
vf_pair_setup

ip netns exec vfb iperf3 -s -B 10.0.0.2 >/dev/null 2>&1 &
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $!"
sleep 0.5
ip netns exec vfa iperf3 -c 10.0.0.2 -u -b 0 -l 1000 -t 30 >/dev/null 2>&1 &
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $!"
ip netns exec vfb ping -q -i 0.01 10.0.0.1 >/dev/null 2>&1 &
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $!"
sleep 3

if timeout 30 rmmod iovnic_vf; then
	ktap_ok "rmmod_under_traffic"
else
	ktap_fail "rmmod_under_traffic" "rmmod failed or hung"
fi
iovnic_cleanup
module_loaded iovnic_vf && fail "iovnic_vf still loaded"

ok=1
iovnic_load lib vf || ok=0
for i in 0 1; do
	pci_bind "${VF_BDF[i]}" iovnic_vf || ok=0
	VF_DEV[i]=$(wait_netdev "${VF_BDF[i]}" 10) || ok=0
done
[ $ok = 1 ] && ktap_ok "reload_rebinds_vfs" || ktap_fail "reload_rebinds_vfs"
ns_create vfa vfb
ns_move "${VF_DEV[0]}" vfa 10.0.0.1/24
ns_move "${VF_DEV[1]}" vfb 10.0.0.2/24
vf_wait_carrier vfa "${VF_DEV[0]}" 15 && vf_wait_carrier vfb "${VF_DEV[1]}" 15
if ns_ping vfa 10.0.0.2 3; then
	ktap_ok "traffic_after_reload"
else
	ktap_fail "traffic_after_reload" "no ping from VF 0 to VF 1"
	vf_diag vfa "${VF_DEV[0]}"
	vf_diag vfb "${VF_DEV[1]}"
fi

ktap_klog_clean
ktap_finished
