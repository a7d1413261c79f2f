#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# "ip link set <pf> vf 0 mac X" on a running VF: RAR 23 holds X at once,
# ip link shows it, and the VF driver picks X up without a reload (the PF
# withdraws clear-to-send; a stock igbvf resets itself and fetches it).
# An untrusted VF may then not change its MAC (NACKed and counted); with
# "trust on" it may, and RAR 23 follows.
# timeout: 120

source "$(dirname "$0")/sriov_lib.sh"

require_root
ktap_header
ktap_plan 6
klog_mark

ADMIN=02:11:22:33:44:55
OWN=02:66:77:88:99:aa

sriov_setup 1
sriov_vf_ns 0 vfa 10.4.0.1/24 || fail "VF 0 not up"
vfdev=${VF_DEV[0]}

vf_addr() {
	ip netns exec vfa cat "/sys/class/net/$vfdev/address"
}

vf_has_admin_mac() {
	[ "$(vf_addr)" = "$ADMIN" ]
}

nacked() {
	ethtool -S "$PF_DEV" | awk '$1 == "vf0_mbx_nacked:" {print $2}'
}

ip link set "$PF_DEV" vf 0 mac "$ADMIN" || fail "ip link set vf 0 mac failed"
if [ "$(sriov_reg RAR23)" = 0x33221102 ] &&
   ip link show "$PF_DEV" | grep -q "vf 0 .*link/ether $ADMIN"; then
	ktap_ok "admin_mac_in_rar23_and_ip_link"
else
	ktap_fail "admin_mac_in_rar23_and_ip_link" "RAR23=$(sriov_reg RAR23)"
fi

if wait_for 40 vf_has_admin_mac; then
	ktap_ok "vf_driver_took_admin_mac"
else
	ktap_fail "vf_driver_took_admin_mac" "VF address $(vf_addr)"
fi
wait_for 20 ns_carrier vfa "$vfdev" || ktap_info "VF carrier not back"

before=$(nacked)
if ip -n vfa link set "$vfdev" address "$OWN" 2>/dev/null &&
   [ "$(vf_addr)" = "$OWN" ]; then
	ktap_fail "untrusted_vf_cannot_change_mac" "VF changed its MAC to $OWN"
else
	ktap_ok "untrusted_vf_cannot_change_mac"
fi
if [ "$(nacked)" -gt "${before:-0}" ]; then
	ktap_ok "refusal_counted"
else
	ktap_fail "refusal_counted" "vf0_mbx_nacked stayed at $before"
fi

ip link set "$PF_DEV" vf 0 trust on
if ip -n vfa link set "$vfdev" address "$OWN" && [ "$(vf_addr)" = "$OWN" ] &&
   [ "$(sriov_reg RAR23)" = 0x88776602 ] &&
   ip link show "$PF_DEV" | grep -q "vf 0 .*trust on"; then
	ktap_ok "trusted_vf_changes_mac"
else
	ktap_fail "trusted_vf_changes_mac" "VF $(vf_addr) RAR23=$(sriov_reg RAR23)"
fi
ktap_klog_clean "kernel_log_clean"
ktap_finished
