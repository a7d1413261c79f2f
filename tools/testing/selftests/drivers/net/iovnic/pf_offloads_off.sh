#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Every offload ethtool -K can switch (checksums, SG, TSO, VLAN, RX hash)
# switches off and back on, and TCP and ping work in both states: the
# software paths are right when the hardware does nothing.
# timeout: 120

source "$(dirname "$0")/pf_lib.sh"

require_cmd iperf3 ethtool python3
ktap_header
ktap_plan 5
klog_mark

pf_setup || fail "setup failed"
out=$IOVNIC_TEST_OUT/pf_offloads_off
mkdir -p "$out"
feat="rx tx sg tso rxvlan txvlan rxhash"

args=""
for f in $feat; do args="$args $f off"; done
pfa ethtool -K "$PF_A" $args >/dev/null 2>&1
pfb ethtool -K "$PF_B" $args >/dev/null 2>&1
on=$(pfa ethtool -k "$PF_A" | grep -E '^(rx-checksumming|tx-checksumming|scatter-gather|tcp-segmentation-offload|receive-hashing|rx-vlan-offload|tx-vlan-offload):' | grep -c ': on')
[ "$on" -eq 0 ]
pf_check all_offloads_off $? "$on still on"

ns_ping pfa "$PF_B_IP" 3 >/dev/null
pf_check ping_offloads_off $?
iperf_run pfb "$PF_B_IP" pfa 3 >"$out/off.json"
mbps=$(pf_iperf_mbps "$out/off.json")
ktap_info "TCP without offloads: $mbps Mbit/s"
[ "$mbps" -gt 5 ]
pf_check tcp_offloads_off $? "$mbps Mbit/s"

args=""
for f in $feat; do args="$args $f on"; done
pfa ethtool -K "$PF_A" $args >/dev/null 2>&1
pfb ethtool -K "$PF_B" $args >/dev/null 2>&1
iperf_run pfb "$PF_B_IP" pfa 3 >"$out/on.json"
mbps=$(pf_iperf_mbps "$out/on.json")
ktap_info "TCP with offloads back on: $mbps Mbit/s"
[ "$mbps" -gt 5 ]
pf_check tcp_offloads_back_on $? "$mbps Mbit/s"

pf_teardown
ktap_klog_clean
ktap_finished
