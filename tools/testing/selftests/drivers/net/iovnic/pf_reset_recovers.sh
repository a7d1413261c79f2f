#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The full reset path (the one a TX timeout schedules) recovers: ethtool
# --reset all on a running port under traffic resets the MAC (reset_count
# grows), and afterwards the port keeps its MTU, VLAN, channel count and
# MAC address, gets carrier again and passes traffic.
# timeout: 120

source "$(dirname "$0")/pf_lib.sh"

require_cmd ethtool iperf3
ktap_header
ktap_plan 5
klog_mark

pf_setup || fail "setup failed"

ip -n pfa link set "$PF_A" mtu 4000
ip -n pfb link set "$PF_B" mtu 4000
pfa ethtool -L "$PF_A" combined 2
ip -n pfa link add link "$PF_A" name va type vlan id 7
ip -n pfb link add link "$PF_B" name vb type vlan id 7
ip -n pfa addr add 10.13.0.1/24 dev va
ip -n pfb addr add 10.13.0.2/24 dev vb
ip -n pfa link set va up
ip -n pfb link set vb up
ns_ping pfa 10.13.0.2 2 >/dev/null
mac=$(ip -n pfa -br link show "$PF_A" | awk '{ print $3 }')

pfb iperf3 -s -B "$PF_B_IP" >/dev/null 2>&1 &
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $!"
wait_for 10 iperf_listening pfb 5201
pfa iperf3 -c "$PF_B_IP" -t 8 >/dev/null 2>&1 &
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $!"
sleep 2

r0=$(pf_stat pfa "$PF_A" reset_count)
pfa ethtool --reset "$PF_A" all >/dev/null
rc=$?
r1=$(pf_stat pfa "$PF_A" reset_count)
[ $rc -eq 0 ] && [ $((r1 - r0)) -eq 1 ]
pf_check reset_performed $? "rc $rc, reset_count $r0 -> $r1"

wait_for 10 pf_carrier pfa "$PF_A"
pf_check carrier_after_reset $?

ns_ping pfa 10.13.0.2 3 >/dev/null
pf_check vlan_ping_after_reset $?

mtu=$(ip -n pfa -o link show "$PF_A" | grep -o 'mtu [0-9]*')
ch=$(pfa ethtool -l "$PF_A" | awk '/^Combined:/ { v = $2 } END { print v }')
mac2=$(ip -n pfa -br link show "$PF_A" | awk '{ print $3 }')
pfa ping -Mdo -s 3972 -c 2 -i 0.3 -W 2 -w 5 "$PF_B_IP" >/dev/null
rc=$?
[ "$mtu" = "mtu 4000" ] && [ "$ch" = 2 ] && [ "$mac2" = "$mac" ] && [ $rc -eq 0 ]
pf_check settings_kept_after_reset $? "$mtu, $ch channels, $mac2, jumbo ping $rc"

pf_teardown
ktap_klog_clean
ktap_finished
