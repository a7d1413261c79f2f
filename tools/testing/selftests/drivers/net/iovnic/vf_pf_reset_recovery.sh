#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The VF survives its PF going away and coming back without a driver
# reload, with traffic back within 2 s of the PF being back (PF carrier up):
#   1. PF link down/up (ip link) while the VFs ping each other;
#   2. PF reset: ethtool -r, which makes igb reset the device; iovnic_pf
#      restarts autonegotiation for that, so it gets ethtool --reset all;
#   3. a Function Level Reset of the VF itself (sysfs reset): clean re-init.
# The PF reset makes the VF redo its RESET handshake (vf_resets moves;
# iovnic_pf keeps the VFs' state across its link flap, igb does not), and
# the kernel log stays clean. PF from IOVNIC_TEST_PF (stock|iovnic).
# timeout: 180

source "$(dirname "$0")/vf_lib.sh"

ktap_header
ktap_plan 6
klog_mark
vf_pair_setup
a=${VF_DEV[0]}

ip netns exec vfa ping -q -i 0.05 10.0.0.2 >/dev/null 2>&1 &
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $!"

pf_carrier() { [ "$(cat "/sys/class/net/$PF_DEV/carrier" 2>/dev/null)" = 1 ]; }
ping_once() { ip netns exec vfa ping -c 1 -W 0.2 10.0.0.2 >/dev/null 2>&1; }

# recovery NAME: waits for the PF's carrier, then times how long until a
# VF-to-VF ping passes again; ok if at most 2000 ms.
recovery() {
	local t0 t1 ms

	if ! wait_for 20 pf_carrier; then
		ktap_fail "$1" "PF carrier did not come back"
		return
	fi
	t0=$(now_ms)
	if ! wait_for 15 ping_once; then
		ktap_fail "$1" "no traffic 15 s after the PF came back"
		return
	fi
	t1=$(now_ms)
	ms=$((t1 - t0))
	ktap_info "$1: traffic back ${ms} ms after the PF carrier"
	if [ "$ms" -le 2000 ]; then ktap_ok "$1"; else ktap_fail "$1" "took ${ms} ms"; fi
}

r0=$(ns_ethtool_stat vfa "$a" vf_resets)
ip link set "$PF_DEV" down
sleep 2
ip netns exec vfa cat "/sys/class/net/$a/carrier" | grep -q 0 &&
	ktap_ok "vf_carrier_off_while_pf_down" ||
	ktap_fail "vf_carrier_off_while_pf_down" "VF kept carrier with its PF down"
ip link set "$PF_DEV" up
recovery "recovery_after_pf_link_flap"

r_flap=$(ns_ethtool_stat vfa "$a" vf_resets)
ktap_info "vf_resets $r0 -> $r_flap across the link flap"
if [ "$IOVNIC_TEST_PF" = iovnic ]; then
	ethtool --reset "$PF_DEV" all >/dev/null || ktap_info "ethtool --reset returned an error"
else
	ethtool -r "$PF_DEV" >/dev/null 2>&1 || ktap_info "ethtool -r returned an error"
fi
sleep 0.2
recovery "recovery_after_pf_reset"

r1=$(ns_ethtool_stat vfa "$a" vf_resets)
ktap_info "vf_resets $r_flap -> $r1 across the PF reset"
[ "$r1" -gt "$r_flap" ] && ktap_ok "vf_redid_handshake" ||
	ktap_fail "vf_redid_handshake" "vf_resets did not move"

echo 1 >"/sys/bus/pci/devices/${VF_BDF[0]}/reset" || ktap_info "VF FLR write failed"
if wait_for 10 ping_once; then
	ktap_ok "traffic_after_vf_flr"
else
	ktap_fail "traffic_after_vf_flr" "no traffic 10 s after the VF FLR"
fi

ktap_klog_clean
ktap_finished
