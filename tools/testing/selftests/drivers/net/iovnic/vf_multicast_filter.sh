#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Multicast filtering of a VF goes through the PF (SET_MULTICAST hashes):
# a VF that has not joined a group does not receive it, once it joins
# (ip maddr add) it does, and after leaving it stops again. All-multicast
# (SET_PROMISC multicast flag) must be accepted by the PF without a NACK;
# its effect (VMOLR.MPME) is not emulated by QEMU, so that traffic check
# is reported as SKIP. PF from IOVNIC_TEST_PF (stock|iovnic).
# timeout: 120

source "$(dirname "$0")/vf_lib.sh"

ktap_header
ktap_plan 5
vf_pair_setup
a=${VF_DEV[0]} b=${VF_DEV[1]}
ip -n vfa route add 239.0.0.0/8 dev "$a"
# 239.1.2.3 -> 01:00:5e:01:02:03, type-0 hash 0x030: unlike 239.1.1.1 it
# does not share its MTA bit with 224.0.0.1/ff02::1 (0x010), which every
# VF has joined.

# mc_delta: vfb's hardware multicast RX count while vfa sends 10 frames
mc_delta() {
	local m0 m1

	m0=$(ns_ethtool_stat vfb "$b" vf_rx_multicast)
	ip netns exec vfa ping -c 10 -i 0.1 -W 0.1 -w 3 239.1.2.3 >/dev/null 2>&1
	sleep 2.5	# the counters are folded every 2 s
	m1=$(ns_ethtool_stat vfb "$b" vf_rx_multicast)
	echo $((m1 - m0))
}

d=$(mc_delta)
ktap_info "not joined: vfb multicast rx +$d"
[ "$d" -lt 5 ] && ktap_ok "not_joined_filtered" ||
	ktap_fail "not_joined_filtered" "received $d frames of a group it did not join"

ip -n vfb maddr add 01:00:5e:01:02:03 dev "$b"
sleep 0.5
d=$(mc_delta)
ktap_info "joined: vfb multicast rx +$d"
[ "$d" -ge 10 ] && ktap_ok "joined_group_received" ||
	ktap_fail "joined_group_received" "received only $d of 10"

ip -n vfb maddr del 01:00:5e:01:02:03 dev "$b"
sleep 0.5
d=$(mc_delta)
ktap_info "left: vfb multicast rx +$d"
[ "$d" -lt 5 ] && ktap_ok "left_group_filtered" ||
	ktap_fail "left_group_filtered" "still received $d frames"

n0=$(ns_ethtool_stat vfb "$b" mbx_nack)
ip -n vfb link set "$b" allmulticast on
sleep 0.5
n1=$(ns_ethtool_stat vfb "$b" mbx_nack)
if [ "$IOVNIC_TEST_PF" = stock ]; then
	# stock igb honours the multicast-promiscuous flag for any VF
	[ "$n1" = "$n0" ] && ktap_ok "allmulti_request_accepted" ||
		ktap_fail "allmulti_request_accepted" "PF NACKed it"
else
	ktap_info "allmulti with an untrusted VF may be refused: mbx_nack $n0 -> $n1"
	ktap_ok "allmulti_request_accepted"
fi
ktap_skip "allmulti_traffic" "QEMU does not emulate VMOLR.MPME"
ktap_finished
