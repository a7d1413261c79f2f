#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A port VLAN (ip link set <pf> vf 0 vlan 100 qos 3) puts VF 0 into VLAN 100
# only: VMVIR0 inserts the tag, VMOLR0 strips it and refuses untagged
# frames, VLVF lists pool 0 for VID 100. VF 0 then cannot reach an
# untagged VF 1, but reaches VF 1's VLAN 100 sub-interface and the PF's;
# "vlan 0" restores untagged traffic.
# timeout: 120

source "$(dirname "$0")/sriov_lib.sh"

require_root
ktap_header
ktap_plan 7
klog_mark
modprobe 8021q 2>/dev/null

sriov_setup 2
ip link set "$PF_DEV" vf 0 vlan 100 qos 3 || fail "setting the port VLAN failed"
sriov_vf_ns 0 vfa 10.5.0.1/24 || fail "VF 0 not up"
sriov_vf_ns 1 vfb 10.5.0.2/24 || fail "VF 1 not up"

vmvir=$(sriov_reg VMVIR0)
vmolr=$(sriov_reg VMOLR0)
if [ "$vmvir" = 0x40006064 ] && [ $((vmolr & (1 << 30))) != 0 ] &&
   [ $((vmolr & (1 << 24))) = 0 ] &&
   sriov_dbg switch | grep -qE '^VLVF[0-9]+ 0x80001064$' &&
   ip -d link show "$PF_DEV" | grep -q "vf 0 .*vlan 100, qos 3"; then
	ktap_ok "port_vlan_registers"
else
	ktap_fail "port_vlan_registers" "VMVIR0=$vmvir VMOLR0=$vmolr"
fi

if ns_ping vfa 10.5.0.2 2 >/dev/null; then
	ktap_fail "isolated_from_untagged_vf" "VF 0 reached untagged VF 1"
else
	ktap_ok "isolated_from_untagged_vf"
fi

ip -n vfb link add link "${VF_DEV[1]}" name vl100 type vlan id 100
ip -n vfb addr add 10.6.0.2/24 dev vl100
ip -n vfb link set vl100 up
ip -n vfa addr add 10.6.0.1/24 dev "${VF_DEV[0]}"
ktap_check "reaches_vf1_vlan100" ns_ping vfa 10.6.0.2 3

ns_create pfns
ip link add link "$PF_DEV" name pfv100 type vlan id 100
ip link set pfv100 netns pfns
ip -n pfns addr add 10.6.0.3/24 dev pfv100
ip -n pfns link set pfv100 up
ktap_check "reaches_pf_vlan100" ns_ping vfa 10.6.0.3 3

ip link set "$PF_DEV" vf 0 vlan 0
vmolr=$(sriov_reg VMOLR0)
if [ "$(sriov_reg VMVIR0)" = 0x00000000 ] && [ $((vmolr & (1 << 24))) != 0 ]; then
	ktap_ok "vlan0_restores_untagged"
else
	ktap_fail "vlan0_restores_untagged" "VMVIR0=$(sriov_reg VMVIR0) VMOLR0=$vmolr"
fi
ktap_check "untagged_traffic_again" ns_ping vfa 10.5.0.2 3
ktap_klog_clean "kernel_log_clean"
ktap_finished
