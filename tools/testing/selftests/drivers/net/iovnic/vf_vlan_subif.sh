#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# 802.1Q sub-interfaces on VFs: VLAN 100 on both VFs (SET_VLAN to the PF),
# ping over the VLAN works and the untagged path still works; a VF without
# a VLAN does not receive that VLAN's frames (the PF's VLAN filter);
# deleting the sub-interface (SET_VLAN remove) keeps the VF
# working. PF from IOVNIC_TEST_PF (stock|iovnic).
# timeout: 120

source "$(dirname "$0")/vf_lib.sh"

ktap_header
ktap_plan 4
vf_pair_setup
a=${VF_DEV[0]} b=${VF_DEV[1]}

ip -n vfa link add link "$a" name va100 type vlan id 100 &&
	ip -n vfb link add link "$b" name vb100 type vlan id 100 ||
	fail "cannot create VLAN 100 sub-interfaces"
ip -n vfa addr add 10.1.0.1/24 dev va100 && ip -n vfa link set va100 up
ip -n vfb addr add 10.1.0.2/24 dev vb100 && ip -n vfb link set vb100 up
ktap_check "ping_over_vlan100" ns_ping vfa 10.1.0.2 5
ktap_check "ping_untagged_still" ns_ping vfa 10.0.0.2 3

# VLAN 200 only on vfa: ten frames to vfb's MAC tagged 200 must be
# filtered by the switch (the PF put only vfa's pool in VLAN 200).
ip -n vfa link add link "$a" name va200 type vlan id 200
ip -n vfa addr add 10.2.0.1/24 dev va200 && ip -n vfa link set va200 up
bmac=$(ip netns exec vfb cat "/sys/class/net/$b/address")
ip -n vfa neigh add 10.2.0.2 lladdr "$bmac" dev va200 nud permanent
rx0=$(ns_ethtool_stat vfb "$b" vf_rx_packets)
ip netns exec vfa ping -c 10 -i 0.2 -W 1 -w 4 10.2.0.2 >/dev/null 2>&1
rx1=$(ns_ethtool_stat vfb "$b" vf_rx_packets)
ktap_info "vfb hw rx during 10 frames on VLAN 200: +$((rx1 - rx0))"
if [ $((rx1 - rx0)) -lt 5 ]; then
	ktap_ok "vlan_filter_isolates_vf"
else
	ktap_fail "vlan_filter_isolates_vf" "vfb received $((rx1 - rx0)) frames of a VLAN it did not join"
fi
ip -n vfa link del va100
ip -n vfb link del vb100
ktap_check "ping_after_vlan_removed" ns_ping vfa 10.0.0.2 3
ktap_finished
