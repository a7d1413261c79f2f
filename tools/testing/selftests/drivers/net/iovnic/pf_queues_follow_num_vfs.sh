#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The PF's queue layout follows the number of VFs (iovnic.rst, SR-IOV administration):
# with 3 VFs the running PF drops to one queue pair on hardware queue 3
# (its pool), none of the VFs' queues 0-2 / 8-10 stays enabled for the PF,
# IVAR maps queue 3 to PF vector 1 and holds nothing else of the PF, MRQC
# is in VMDq + RSS mode (RSS only for pools with VMOLR.RSSE), and the PF
# still passes traffic; with the VFs gone it gets its RSS queues back.
# timeout: 150

source "$(dirname "$0")/pf_lib.sh"

require_cmd ethtool od
ktap_header
ktap_plan 9
klog_mark

pf_setup || fail "setup failed"
pfa ethtool -L "$PF_A" combined 4
echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_drivers_autoprobe"

enabled() {
	[ $((0x$(pf_dump_reg pfa "$PF_A" "$1") >> 25 & 1)) -eq 1 ]
}

sriov_set "$IOVNIC_PF0" 3
pf_check enable_3_vfs $? "sriov_numvfs=3 failed"

ch=$(pfa ethtool -l "$PF_A" | awk '/^Combined:/ { v = $2 } END { print v }')
[ "$ch" = 1 ]
pf_check one_queue_pair_with_vfs $? "$ch channels"

err=""
enabled "$(pf_rxdctl_word 3)" || err="RX queue 3 not enabled"
enabled "$(pf_txdctl_word 3)" || err="${err:-TX queue 3 not enabled}"
for q in 0 1 2 8 9 10; do
	enabled "$(pf_rxdctl_word $q)" && err="${err:-RX queue $q enabled}"
	enabled "$(pf_txdctl_word $q)" && err="${err:-TX queue $q enabled}"
done
[ -z "$err" ]
pf_check pf_rings_in_pool_3_only $? "$err"

ivar=$(pf_dump_reg pfa "$PF_A" $((9 + 3)))
[ $((0x$ivar & 0xffff)) -eq $((0x8181)) ]
pf_check ivar_queue3_to_vector1 $? "IVAR(3) = 0x$ivar"

# no VF driver is bound, so every other IVAR byte is a PF leftover: QEMU
# ORs a VF's IVAR writes into this table, so leftovers would misroute VFs
err=""
for i in 0 1 2 4 5 6 7; do
	v=$(pf_dump_reg pfa "$PF_A" $((9 + i)))
	[ $((0x$v)) -eq 0 ] || err="${err:-IVAR($i) = 0x$v}"
done
[ $((0x$ivar >> 16)) -eq 0 ] || err="${err:-IVAR(3) = 0x$ivar}"
[ -z "$err" ]
pf_check old_ivar_entries_cleared $? "$err"

mrqc=$(pf_dump_reg pfa "$PF_A" 25)
[ $((0x$mrqc & 7)) -eq 5 ]
pf_check mrqc_vmdq_rss $? "MRQC = 0x$mrqc"

ns_ping pfa "$PF_B_IP" 3 >/dev/null
pf_check ping_with_vfs $?

sriov_set "$IOVNIC_PF0" 0
ch=$(pfa ethtool -l "$PF_A" | awk '/^Combined:/ { v = $2 } END { print v }')
mrqc=$(pf_dump_reg pfa "$PF_A" 25)
ns_ping pfa "$PF_B_IP" 3 >/dev/null
rc=$?
[ "$ch" = 4 ] && [ $((0x$mrqc & 7)) -eq 2 ] && [ $rc -eq 0 ]
pf_check rss_queues_back_without_vfs $? "$ch channels, MRQC 0x$mrqc, ping $rc"

pf_teardown
ktap_klog_clean
ktap_finished
