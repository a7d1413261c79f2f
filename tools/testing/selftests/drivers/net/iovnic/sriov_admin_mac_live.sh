#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# "ip link set <pf> vf 0 mac M" and "trust off" take effect in the switch at
# once, whether the VF cooperates or not: its extra MAC filter and VLANs
# are gone, RX/TX (VFRE/VFTE) is off, RAR 23 holds M, before the VF driver
# has done anything. The running VF driver then takes M without a reload
# (same netdev) within its own retry time (stock igbvf: reset at most every
# 10 s, seen by its 2 s watchdog) and passes traffic with it. "trust off"
# takes back the MAC the VF chose while trusted: RAR 23 returns to the
# administrator's at once, and so does the VF. The stock igbvf (default)
# shows the PF acting alone; an iovnic_vf (@vf=iovnic) is told by an EVENT
# and redoes RESET within milliseconds, so there a RESET already counted
# stands for the RX/TX switched off meanwhile, and for the VLANs purged
# meanwhile (the VF re-joins the VLAN of its vl5 after that RESET; on a
# slow kernel before this script looks).
# timeout: 150

source "$(dirname "$0")/sriov_lib.sh"

require_root
ktap_header
ktap_plan 8
klog_mark

ADMIN=02:11:22:33:44:66
OWN=02:66:77:88:99:bb
EXTRA=02:aa:00:00:00:01

sriov_setup 1
ns_create pfns
ns_move "$PF_DEV" pfns 10.4.1.254/24 || fail "cannot move the PF netdev"
wait_for 10 ns_carrier pfns "$PF_DEV" || fail "PF lost carrier in its namespace"
sriov_vf_ns 0 vfa 10.4.1.1/24 || fail "VF 0 not up"
vfdev=${VF_DEV[0]}
ifindex=$(ip netns exec vfa cat "/sys/class/net/$vfdev/ifindex")

vf_addr() {
	ip netns exec vfa cat "/sys/class/net/$vfdev/address"
}

vf_is() {
	[ "$(vf_addr)" = "$1" ]
}

vf_field() {
	sriov_vf_field 0 "$1"
}

# VF 0 receives and transmits: bit 0 of VFRE and VFTE
vf_rxtx() {
	echo $(($(sriov_reg VFRE) & 1))$(($(sriov_reg VFTE) & 1))
}

resets() {
	ip netns exec pfns ethtool -S "$PF_DEV" |
		awk '$1 == "vf0_mbx_reset:" {print $2}'
}

# RX/TX was switched off: still off, or the VF has already redone RESET
# since $1 (counted by $3, read after $2), which turns them on again: an
# iovnic_vf (told by an EVENT) within milliseconds, and a stock igbvf too
# now and then (the PF's NACK sends it into its reset task at once),
# between this script's reads of VFRE and VFTE
rxtx_was_off() {
	[ "$2" = 00 ] || [ "$3" -gt "$1" ]
}

# VLANs purged: none left, or an iovnic_vf redid RESET since $1 (counted
# by $2, read right after $3) and re-joined its own
vlans_were_purged() {
	[ "$3" = 0 ] ||
		{ [ "$IOVNIC_TEST_VF" = iovnic ] && [ "$2" -gt "$1" ]; }
}

# the PF learnt the VF's address from traffic: the VF sends with it
traffic_with() {
	ip -n pfns neigh flush dev "$PF_DEV"
	ns_ping vfa 10.4.1.254 2 >/dev/null &&
		ip -n pfns neigh show 10.4.1.1 dev "$PF_DEV" | grep -q "lladdr $1"
}

# --- before: the VF (no admin MAC yet) adds a filter and a VLAN ---
old=$(vf_addr)
ip -n vfa link add link "$vfdev" name mv0 address "$EXTRA" type macvlan
ip -n vfa link set mv0 up
ip -n vfa link add link "$vfdev" name vl5 type vlan id 5
ip -n vfa link set vl5 up
wait_for 5 test "$(vf_field mac_filters)" -ge 1 ||
	ktap_info "VF added no MAC filter ($(vf_field mac_filters))"
ktap_info "before: mac $old mac_filters $(vf_field mac_filters) vlans $(vf_field vlans) VFRE/VFTE $(vf_rxtx)"

t0=$(date +%s)
r0=$(resets)
ip -n pfns link set "$PF_DEV" vf 0 mac "$ADMIN" || fail "ip link set vf 0 mac failed"
# at once, before the VF driver can have reacted (its watchdog is 2 s)
filters=$(vf_field mac_filters)
vlans=$(vf_field vlans)
r1=$(resets)
rxtx=$(vf_rxtx)
r2=$(resets)
rar23=$(sriov_reg RAR23)
ip -n vfa link del mv0
ip -n vfa link del vl5
ktap_info "right after: mac_filters $filters vlans $vlans VFRE/VFTE $rxtx RAR23 $rar23 RESETs $r0 -> $r1"
if [ "$filters" = 0 ] && vlans_were_purged "$r0" "$r1" "$vlans"; then
	ktap_ok "admin_mac_purges_filters_and_vlans"
else
	ktap_fail "admin_mac_purges_filters_and_vlans" "mac_filters $filters vlans $vlans"
fi
if rxtx_was_off "$r0" "$rxtx" "$r2" && [ "$rar23" = 0x33221102 ] &&
   ! sriov_dbg switch | grep -q "^RAR.* 0x$(echo "$old" |
	awk -F: '{print $4 $3 $2 $1}') "; then
	ktap_ok "admin_mac_rxtx_off_old_mac_out"
else
	ktap_fail "admin_mac_rxtx_off_old_mac_out" "VFRE/VFTE $rxtx RAR23 $rar23"
fi

if wait_for 30 vf_is "$ADMIN"; then
	ktap_info "VF took $ADMIN after $(($(date +%s) - t0)) s"
	if [ "$(ip netns exec vfa cat "/sys/class/net/$vfdev/ifindex")" = "$ifindex" ]; then
		ktap_ok "vf_took_admin_mac_without_reload"
	else
		ktap_fail "vf_took_admin_mac_without_reload" "the netdev was re-created"
	fi
else
	ktap_fail "vf_took_admin_mac_without_reload" "VF address $(vf_addr) after 30 s"
fi
if wait_for 20 traffic_with "$ADMIN"; then
	ktap_ok "traffic_with_admin_mac"
else
	ktap_fail "traffic_with_admin_mac" "VFRE/VFTE $(vf_rxtx), neigh $(ip -n pfns neigh show dev "$PF_DEV")"
fi

# --- trust: the VF picks its own MAC, then loses trust ---
ip -n pfns link set "$PF_DEV" vf 0 trust on
if ip -n vfa link set "$vfdev" address "$OWN" && vf_is "$OWN" &&
   [ "$(sriov_reg RAR23)" = 0x88776602 ]; then
	ktap_ok "trusted_vf_sets_own_mac"
else
	ktap_fail "trusted_vf_sets_own_mac" "VF $(vf_addr) RAR23=$(sriov_reg RAR23)"
fi
t0=$(date +%s)
r0=$(resets)
ip -n pfns link set "$PF_DEV" vf 0 trust off
rar23=$(sriov_reg RAR23)
rxtx=$(vf_rxtx)
r2=$(resets)
if [ "$rar23" = 0x33221102 ] && rxtx_was_off "$r0" "$rxtx" "$r2" &&
   ip -n pfns link show "$PF_DEV" | grep -q "vf 0 .*link/ether $ADMIN"; then
	ktap_ok "trust_off_restores_admin_mac_at_once"
else
	ktap_fail "trust_off_restores_admin_mac_at_once" "RAR23 $rar23 VFRE/VFTE $rxtx"
fi
if wait_for 30 vf_is "$ADMIN" && wait_for 20 traffic_with "$ADMIN"; then
	ktap_ok "vf_back_on_admin_mac_after_trust_off"
	ktap_info "VF back on $ADMIN after $(($(date +%s) - t0)) s"
else
	ktap_fail "vf_back_on_admin_mac_after_trust_off" "VF address $(vf_addr)"
fi
ktap_klog_clean "kernel_log_clean"
ktap_finished
