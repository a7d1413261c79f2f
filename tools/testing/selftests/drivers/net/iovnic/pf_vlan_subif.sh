#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# 802.1Q sub-interfaces over iovnic_pf: VLAN 100 on both ports passes
# traffic with tag stripping/insertion offloaded (CTRL.VME, descriptor
# VLE) and with both offloads off; the VLAN filter table (VFTA) gets the
# VLAN's bit when the sub-interface exists and loses it when deleted (seen
# as frames for that VLAN no longer reaching the stack).
# timeout: 120

source "$(dirname "$0")/pf_lib.sh"

require_cmd ip ethtool ping
ktap_header
ktap_plan 5
klog_mark

pf_setup || fail "setup failed"

ip -n pfa link add link "$PF_A" name va type vlan id 100
ip -n pfb link add link "$PF_B" name vb type vlan id 100
ip -n pfa addr add 10.12.0.1/24 dev va
ip -n pfb addr add 10.12.0.2/24 dev vb
ip -n pfa link set va up
ip -n pfb link set vb up

ns_ping pfa 10.12.0.2 3 >/dev/null
pf_check vlan100_ping_offloaded $?

pfa ethtool -K "$PF_A" txvlan off rxvlan off >/dev/null
pfb ethtool -K "$PF_B" txvlan off rxvlan off >/dev/null
ns_ping pfa 10.12.0.2 3 >/dev/null
pf_check vlan100_ping_offloads_off $?
pfa ethtool -K "$PF_A" txvlan on rxvlan on >/dev/null
pfb ethtool -K "$PF_B" txvlan on rxvlan on >/dev/null

# deleting the sub-interface clears the filter bit: tagged frames dropped
ip -n pfb link del vb
before=$(pf_stat_sum pfb "$PF_B" '^rx[0-9]+_packets$')
pfa ping -c 5 -i 0.2 -W 1 -w 3 10.12.0.2 >/dev/null 2>&1
after=$(pf_stat_sum pfb "$PF_B" '^rx[0-9]+_packets$')
ktap_info "frames received for deleted VLAN 100: $((after - before))"
[ $((after - before)) -lt 3 ]
pf_check vfta_bit_cleared_on_delete $? "+$((after - before)) frames received"

ip -n pfb link add link "$PF_B" name vb type vlan id 100
ip -n pfb addr add 10.12.0.2/24 dev vb
ip -n pfb link set vb up
ns_ping pfa 10.12.0.2 3 >/dev/null
pf_check vlan100_readded $?

pf_teardown
ktap_klog_clean
ktap_finished
