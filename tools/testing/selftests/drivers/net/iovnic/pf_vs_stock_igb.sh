#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Interoperability: iovnic_pf on PF0 against the stock igb driving PF1.
# Ping, TCP both ways and a 9000-byte MTU work between the two drivers.
# timeout: 120

source "$(dirname "$0")/pf_lib.sh"

require_cmd iperf3 python3
ktap_header
ktap_plan 5
klog_mark

pf_setup igb || fail "setup failed"
out=$IOVNIC_TEST_OUT/pf_vs_stock_igb
mkdir -p "$out"

ns_ping pfa "$PF_B_IP" 3 >/dev/null
pf_check ping_iovnic_to_igb $?

iperf_run pfb "$PF_B_IP" pfa 3 >"$out/a_to_b.json"
m1=$(pf_iperf_mbps "$out/a_to_b.json")
iperf_run pfb "$PF_B_IP" pfa 3 -R >"$out/b_to_a.json"
m2=$(pf_iperf_mbps "$out/b_to_a.json")
ktap_info "iovnic_pf -> igb: $m1 Mbit/s, igb -> iovnic_pf: $m2 Mbit/s"
[ "$m1" -ge 20 ]
pf_check tcp_iovnic_to_igb $? "$m1 Mbit/s"
[ "$m2" -ge 20 ]
pf_check tcp_igb_to_iovnic $? "$m2 Mbit/s"

ip -n pfa link set "$PF_A" mtu 9000
ip -n pfb link set "$PF_B" mtu 9000
pfa ping -Mdo -s 8972 -c 3 -i 0.3 -W 2 -w 8 "$PF_B_IP" >/dev/null
pf_check jumbo_ping_with_igb $?

pf_teardown
ktap_klog_clean
ktap_finished
