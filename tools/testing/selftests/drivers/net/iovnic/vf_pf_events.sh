#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# EVENT messages and GET_MAX_FRAME of iovnic's mailbox extensions, seen
# from the VF. "ip link set <pf> vf 0 state disable/auto" must take the
# VF's carrier down and up again (LINK_DOWN/LINK_UP), an administrator's
# MAC must replace the one a trusted VF chose for itself (ADMIN_CHANGE ->
# reset -> the RESET reply's MAC), and the largest MTU must follow the
# PF's frame limit, a larger one being refused with a clear message. The
# stock igb sends no events and announces no limit: those cases SKIP.
# PF from IOVNIC_TEST_PF.
# timeout: 150

source "$(dirname "$0")/vf_lib.sh"

ADMIN_MAC=02:00:00:00:ee:01
OWN_MAC=02:00:00:00:aa:01

ktap_header
ktap_plan 7
klog_mark
vf_pair_setup
a=${VF_DEV[0]}
stat_a() { ns_ethtool_stat vfa "$a" "$1"; }
no_carrier() { ! ns_carrier vfa "$a"; }
mac_a() { ip -n vfa -br link show "$a" | awk '{print $3}'; }
mac_is() { [ "$(mac_a)" = "$1" ]; }

if [ "$IOVNIC_TEST_PF" != iovnic ]; then
	for c in link_down_event link_up_event admin_mac_beats_trusted_vf \
		 traffic_after_admin_mac; do
		ktap_skip "$c" "stock igb sends no EVENT messages"
	done
else
	ev=$(stat_a mbx_events)
	ip link set "$PF_DEV" vf 0 state disable
	if wait_for 3 no_carrier && [ "$(stat_a mbx_events)" -gt "$ev" ]; then
		ktap_ok "link_down_event"
	else
		ktap_fail "link_down_event" "carrier $(ip netns exec vfa cat /sys/class/net/"$a"/carrier), events $ev -> $(stat_a mbx_events)"
	fi
	ip link set "$PF_DEV" vf 0 state auto
	ktap_check "link_up_event" vf_wait_carrier vfa "$a" 5

	# a trusted VF may pick its own MAC; the administrator's still wins
	ip link set "$PF_DEV" vf 0 trust on
	vf_wait_carrier vfa "$a" 10
	ip -n vfa link set "$a" address $OWN_MAC ||
		ktap_info "trusted VF could not set $OWN_MAC"
	ip link set "$PF_DEV" vf 0 mac $ADMIN_MAC
	if wait_for 10 mac_is $ADMIN_MAC; then
		ktap_ok "admin_mac_beats_trusted_vf"
	else
		ktap_fail "admin_mac_beats_trusted_vf" "VF MAC $(mac_a), own was $OWN_MAC"
	fi
	vf_wait_carrier vfa "$a" 10
	ip -n vfb neigh flush dev "${VF_DEV[1]}"
	ktap_check "traffic_after_admin_mac" ns_ping vfb 10.0.0.1 3
fi

# maxmtu: the PF's frame limit less header and CRC, at most our own limit
maxmtu=$(ip -n vfa -d link show "$a" | grep -o 'maxmtu [0-9]*' | awk '{print $2}')
frame=$(vf_negotiated vfa "$a" pf_max_frame)
if [ "$IOVNIC_TEST_PF" = iovnic ]; then
	limit=$((frame - 18))
	[ "$limit" -gt 9216 ] && limit=9216
else
	limit=9216
fi
ktap_info "maxmtu $maxmtu, PF frame limit '$frame'"
[ "$maxmtu" = "$limit" ] && ktap_ok "max_mtu_from_pf" ||
	ktap_fail "max_mtu_from_pf" "maxmtu '$maxmtu', limit $limit"
if msg=$(ip -n vfa link set "$a" mtu $((maxmtu + 1)) 2>&1); then
	ktap_fail "mtu_above_max_refused_with_message" "MTU $((maxmtu + 1)) accepted"
elif echo "$msg" | grep -q 'greater than device maximum'; then
	ktap_ok "mtu_above_max_refused_with_message"
else
	ktap_fail "mtu_above_max_refused_with_message" "'$msg'"
fi
ktap_klog_clean
ktap_finished
