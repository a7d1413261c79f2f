#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Counters agree: after 300 pings the interface counters (ndo_get_stats64)
# of both ports grew by at least 300 packets, equal the sum of the
# per-queue ethtool -S rows, and the MAC's clear-on-read counters (summed
# by the driver, read from the standard eth-mac group) saw at least as many
# frames as the rings. Counters
# survive a channel change (rings are re-allocated) without going back.
# timeout: 120

source "$(dirname "$0")/pf_lib.sh"

require_cmd ping ethtool
ktap_header
ktap_plan 6
klog_mark

pf_setup || fail "setup failed"
n=300

# MAC counter read first at the start and last at the end: a frame (ARP,
# IPv6 ND) arriving between two reads then counts for the MAC, never for
# the rings alone
a_tx0=$(pf_link_stat pfa "$PF_A" tx_packets)
b_mac0=$(pf_std_stat pfb "$PF_B" eth-mac-FramesReceivedOK)
b_rx0=$(pf_link_stat pfb "$PF_B" rx_packets)
pfa ping -f -c $n -W 1 "$PF_B_IP" >/dev/null
a_tx=$(($(pf_link_stat pfa "$PF_A" tx_packets) - a_tx0))
b_rx=$(($(pf_link_stat pfb "$PF_B" rx_packets) - b_rx0))
b_mac=$(($(pf_std_stat pfb "$PF_B" eth-mac-FramesReceivedOK) - b_mac0))
ktap_info "a tx +$a_tx, b rx +$b_rx, b mac rx +$b_mac"

[ "$a_tx" -ge $n ] && [ "$b_rx" -ge $n ]
pf_check link_counters_count_pings $?

# other traffic (IPv6 ND, ARP) may arrive between two reads: the per-queue
# sum must lie between two reads of the interface counter around it
rx1=$(pf_link_stat pfb "$PF_B" rx_packets)
tx1=$(pf_link_stat pfa "$PF_A" tx_packets)
sum_rx=$(pf_stat_sum pfb "$PF_B" '^rx[0-9]+_packets$')
sum_tx=$(pf_stat_sum pfa "$PF_A" '^tx[0-9]+_packets$')
rx2=$(pf_link_stat pfb "$PF_B" rx_packets)
tx2=$(pf_link_stat pfa "$PF_A" tx_packets)
ktap_info "b: link rx $rx1..$rx2, per-queue $sum_rx; a: link tx $tx1..$tx2, per-queue $sum_tx"
[ "$sum_rx" -ge "$rx1" ] && [ "$sum_rx" -le "$rx2" ] &&
	[ "$sum_tx" -ge "$tx1" ] && [ "$sum_tx" -le "$tx2" ]
pf_check queue_rows_sum_to_link_counters $?

[ "$b_mac" -ge "$b_rx" ]
pf_check mac_counters_cover_ring_counters $? "mac +$b_mac < rings +$b_rx"

before=$(pf_link_stat pfb "$PF_B" rx_packets)
pfb ethtool -L "$PF_B" combined 1
pfb ethtool -L "$PF_B" combined 2
after=$(pf_link_stat pfb "$PF_B" rx_packets)
[ "$after" -ge "$before" ]
pf_check counters_survive_channel_change $? "$before -> $after"

mc0=$(pf_std_stat pfb "$PF_B" eth-mac-BroadcastFramesReceivedOK)
pfa ping -b -c 3 -i 0.2 -W 1 10.11.0.255 >/dev/null 2>&1
mc=$(($(pf_std_stat pfb "$PF_B" eth-mac-BroadcastFramesReceivedOK) - mc0))
[ "$mc" -ge 3 ]
pf_check broadcast_counter $? "+$mc broadcasts"

pf_teardown
ktap_klog_clean
ktap_finished
