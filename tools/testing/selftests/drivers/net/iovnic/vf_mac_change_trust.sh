#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# MAC address changes on a VF go through the PF (SET_MAC_ADDR):
#   - without an administrator MAC the VF may change its address and
#     traffic follows the new address;
#   - once the administrator set the VF's MAC on the PF, an untrusted VF's
#     change is refused with an error from `ip link set address`;
#   - with `trust on` the same change is accepted and traffic works.
# PF from IOVNIC_TEST_PF (stock|iovnic).
# timeout: 120

source "$(dirname "$0")/vf_lib.sh"

ktap_header
ktap_plan 5
vf_pair_setup
a=${VF_DEV[0]}

vf_mac() { ip netns exec vfa cat "/sys/class/net/$a/address"; }

if ip -n vfa link set "$a" address 02:00:00:00:aa:01; then
	ip -n vfb neigh flush all
	ktap_check "own_mac_change_traffic" ns_ping vfb 10.0.0.1 3
else
	ktap_fail "own_mac_change_traffic" "address change refused"
fi

ip link set "$PF_DEV" vf 0 mac 02:00:00:00:bb:01 || fail "admin MAC not accepted by the PF"
if ip -n vfa link set "$a" address 02:00:00:00:cc:01 2>/dev/null; then
	ktap_fail "untrusted_change_refused" "accepted over the administrator's MAC"
else
	ktap_ok "untrusted_change_refused"
fi
[ "$(vf_mac)" != 02:00:00:00:cc:01 ] && ktap_ok "refused_mac_not_applied" ||
	ktap_fail "refused_mac_not_applied" "netdev shows the refused MAC"

ip link set "$PF_DEV" vf 0 trust on || fail "trust on not accepted"
if ip -n vfa link set "$a" address 02:00:00:00:cc:01; then
	ktap_ok "trusted_change_accepted"
	ip -n vfb neigh flush all
	ktap_check "trusted_mac_traffic" ns_ping vfb 10.0.0.1 3
else
	ktap_fail "trusted_change_accepted" "refused with trust on"
	ktap_fail "trusted_mac_traffic" "no address change"
fi
ktap_finished
