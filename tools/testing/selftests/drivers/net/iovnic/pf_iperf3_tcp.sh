#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# TCP bulk traffic between two iovnic_pf ports, each direction for a few
# seconds with one and with four streams: data arrives (throughput above a floor that only a broken
# datapath misses, even under TCG), TSO and checksum offload are used, and
# the log stays clean. The throughput is printed for the record.
# timeout: 120

source "$(dirname "$0")/pf_lib.sh"

require_cmd iperf3 python3 ethtool
ktap_header
ktap_plan 7
klog_mark

pf_setup || fail "setup failed"

floor=20	# Mbit/s; TCG gives a few hundred
out=$IOVNIC_TEST_OUT/pf_iperf3_tcp
mkdir -p "$out"

iperf_run pfb "$PF_B_IP" pfa 4 >"$out/a_to_b.json"
mbps=$(pf_iperf_mbps "$out/a_to_b.json")
ktap_info "a->b TCP: $mbps Mbit/s"
[ "$mbps" -ge "$floor" ]
pf_check tcp_a_to_b $? "$mbps Mbit/s < $floor"

iperf_run pfb "$PF_B_IP" pfa 4 -R >"$out/b_to_a.json"
mbps=$(pf_iperf_mbps "$out/b_to_a.json")
ktap_info "b->a TCP: $mbps Mbit/s"
[ "$mbps" -ge "$floor" ]
pf_check tcp_b_to_a $? "$mbps Mbit/s < $floor"

# four streams hash to several queues: all must carry data
iperf_run pfb "$PF_B_IP" pfa 4 -P 4 >"$out/a_to_b_4.json"
mbps=$(pf_iperf_mbps "$out/a_to_b_4.json")
ktap_info "a->b TCP, 4 streams: $mbps Mbit/s"
[ "$mbps" -ge "$floor" ]
pf_check tcp_4streams_a_to_b $? "$mbps Mbit/s < $floor"

iperf_run pfb "$PF_B_IP" pfa 4 -P 4 -R >"$out/b_to_a_4.json"
mbps=$(pf_iperf_mbps "$out/b_to_a_4.json")
ktap_info "b->a TCP, 4 streams: $mbps Mbit/s"
[ "$mbps" -ge "$floor" ]
pf_check tcp_4streams_b_to_a $? "$mbps Mbit/s < $floor"

tso=$(pf_stat_sum pfa "$PF_A" '^tx[0-9]+_tso$')
ktap_info "TSO skbs sent by $PF_A: $tso"
[ "$tso" -gt 0 ]
pf_check tso_used $? "no TSO skb sent"

csum=$(pf_stat_sum pfa "$PF_A" '^rx[0-9]+_csum_unnecessary$')
ktap_info "RX checksum-verified frames on $PF_A: $csum"
[ "$csum" -gt 0 ]
pf_check rx_csum_offload_used $? "no frame marked checksum-verified"

pf_teardown
ktap_klog_clean
ktap_finished
