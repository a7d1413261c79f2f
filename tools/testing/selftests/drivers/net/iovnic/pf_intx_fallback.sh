#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Interrupt fallback: with MSI and MSI-X forbidden for PF0 (sysfs msi_bus
# = 0 sets the device's no_msi flag) iovnic_pf binds with a legacy INTx
# interrupt, offers one channel, and link, ping and TCP still work — the
# single vector serves link changes and the queue pair through ICR.
# SR-IOV is refused in that mode (no VF could ever get an interrupt).
# timeout: 120

source "$(dirname "$0")/pf_lib.sh"

require_cmd iperf3 python3 ethtool
ktap_header
ktap_plan 6
klog_mark

iovnic_load lib pf || fail "load failed"
pci_unbind "$IOVNIC_PF0"
echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/msi_bus" || skip "cannot forbid MSI"
restore_msi() {
	echo 1 >"/sys/bus/pci/devices/$IOVNIC_PF0/msi_bus" 2>/dev/null
}

pf_setup || { restore_msi; fail "setup failed"; }

mode=$(klog_since_mark | grep "$IOVNIC_PF0" | grep -o 'MSI-X\|MSI,\|INTx' | tail -1)
ktap_info "PF0 interrupt mode: $mode"
[ "$mode" = INTx ]
pf_check bound_with_intx $? "mode '$mode'"

ch=$(pfa ethtool -l "$PF_A" | awk '/^Combined:/ { v = $2 } END { print v }')
[ "$ch" = 1 ]
pf_check one_channel $? "$ch channels"

ns_ping pfa "$PF_B_IP" 5 >/dev/null
pf_check ping_over_intx $?

out=$IOVNIC_TEST_OUT/pf_intx_fallback
mkdir -p "$out"
iperf_run pfb "$PF_B_IP" pfa 3 -R >"$out/tcp.json"
mbps=$(pf_iperf_mbps "$out/tcp.json")
ktap_info "TCP into the INTx port: $mbps Mbit/s"
[ "$mbps" -ge 10 ]
pf_check tcp_over_intx $? "$mbps Mbit/s"

# the sysfs write must fail and leave no VF behind
! echo 1 2>/dev/null >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs" &&
	[ ! -e "/sys/bus/pci/devices/$IOVNIC_PF0/virtfn0" ]
pf_check sriov_refused_without_msix $?

pf_teardown
restore_msi
ktap_klog_clean
ktap_finished
