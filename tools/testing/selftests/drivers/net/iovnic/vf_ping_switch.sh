#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Two VFs of one PF, each in its own namespace, ping each other through the
# 82576's embedded VM-to-VM switch: both get carrier, IPv4 and IPv6 pings
# pass, and the per-VF hardware counters (ethtool -S vf_*_packets) and the
# netdev counters move.  PF driver from IOVNIC_TEST_PF (stock|iovnic).
# timeout: 120

source "$(dirname "$0")/vf_lib.sh"

ktap_header
ktap_plan 6
klog_mark
vf_pair_setup
ktap_ok "carrier_on_both_vfs"

a=${VF_DEV[0]} b=${VF_DEV[1]}
drv=$(ip netns exec vfa ethtool -i "$a" | awk '/^driver:/ {print $2}')
[ "$drv" = iovnic_vf ] && ktap_ok "driver_is_iovnic_vf" ||
	ktap_fail "driver_is_iovnic_vf" "ethtool -i says '$drv'"

tx0=$(ns_ethtool_stat vfa "$a" vf_tx_packets)
rx0=$(ip netns exec vfb cat "/sys/class/net/$b/statistics/rx_packets")
ktap_check "ping_ipv4_vfa_to_vfb" ns_ping vfa 10.0.0.2 5
ktap_check "ping_ipv4_vfb_to_vfa" ns_ping vfb 10.0.0.1 5

ip -n vfa addr add fd00::1/64 dev "$a" nodad
ip -n vfb addr add fd00::2/64 dev "$b" nodad
ktap_check "ping_ipv6" ip netns exec vfa ping -6 -c 3 -i 0.2 -W 1 -w 6 fd00::2

tx1=$(ns_ethtool_stat vfa "$a" vf_tx_packets)
rx1=$(ip netns exec vfb cat "/sys/class/net/$b/statistics/rx_packets")
ktap_info "vfa hw tx packets $tx0 -> $tx1, vfb rx packets $rx0 -> $rx1"
if [ $((tx1 - tx0)) -ge 5 ] && [ $((rx1 - rx0)) -ge 5 ]; then
	ktap_ok "counters_moved"
else
	ktap_fail "counters_moved" "hw tx +$((tx1 - tx0)), rx +$((rx1 - rx0))"
fi
ktap_finished
