#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# XDP on a VF (native mode, through iovnic_lib): XDP_PASS keeps traffic
# working and counts rx0_xdp_pass; XDP_DROP stops it and counts
# rx0_xdp_drop; XDP_TX sends ICMP frames back to the sender (rx0_xdp_tx,
# the sender's hardware RX counter moves); detaching restores traffic; an
# MTU too big for single-buffer XDP is refused while a program is
# attached. Programs: vf_xdp_progs.c, built with clang at test time.
# PF from IOVNIC_TEST_PF (stock|iovnic).
# timeout: 180

source "$(dirname "$0")/vf_lib.sh"
require_cmd clang

obj=$IOVNIC_TEST_OUT/vf_xdp_progs.o
clang -O2 -target bpf -I/usr/include/x86_64-linux-gnu \
	-c "$(dirname "$0")/vf_xdp_progs.c" -o "$obj" 2>&1 | sed 's/^/# /'
[ -s "$obj" ] || skip "cannot build the XDP programs (clang -target bpf)"

ktap_header
ktap_plan 6
klog_mark
vf_pair_setup
a=${VF_DEV[0]} b=${VF_DEV[1]}
xdp() { ip -n vfb link set dev "$b" xdpdrv "$@"; }
st() { ns_ethtool_stat vfb "$b" "$1"; }

if ! xdp obj "$obj" sec xdp_pass 2>&1 | sed 's/^/# /'; then :; fi
ip -n vfb link show "$b" | grep -q 'prog/xdp' || skip "iproute2 cannot attach the program"
p0=$(st rx0_xdp_pass)
ns_ping vfa 10.0.0.2 3 >/dev/null
p1=$(st rx0_xdp_pass)
[ $((p1 - p0)) -ge 3 ] && ktap_ok "xdp_pass_traffic" ||
	ktap_fail "xdp_pass_traffic" "rx0_xdp_pass +$((p1 - p0))"

xdp off
xdp obj "$obj" sec xdp_drop
d0=$(st rx0_xdp_drop)
if ns_ping vfa 10.0.0.2 3 >/dev/null; then
	ktap_fail "xdp_drop_stops_traffic" "ping passed"
else
	d1=$(st rx0_xdp_drop)
	[ $((d1 - d0)) -ge 3 ] && ktap_ok "xdp_drop_stops_traffic" ||
		ktap_fail "xdp_drop_stops_traffic" "rx0_xdp_drop +$((d1 - d0))"
fi

xdp off
ns_ping vfa 10.0.0.2 1 >/dev/null	# ARP settled before XDP_TX
xdp obj "$obj" sec xdp_tx
t0=$(st rx0_xdp_tx) r0=$(ns_ethtool_stat vfa "$a" vf_rx_packets)
ip netns exec vfa ping -c 5 -i 0.2 -W 1 -w 3 10.0.0.2 >/dev/null 2>&1
t1=$(st rx0_xdp_tx) r1=$(ns_ethtool_stat vfa "$a" vf_rx_packets)
ktap_info "rx0_xdp_tx +$((t1 - t0)), sender hw rx +$((r1 - r0))"
[ $((t1 - t0)) -ge 5 ] && [ $((r1 - r0)) -ge 5 ] && ktap_ok "xdp_tx_reflects" ||
	ktap_fail "xdp_tx_reflects" "xdp_tx +$((t1 - t0)), reflected +$((r1 - r0))"

if ip -n vfb link set "$b" mtu 9000 2>/dev/null; then
	ktap_fail "jumbo_mtu_refused_with_xdp" "MTU 9000 accepted"
	ip -n vfb link set "$b" mtu 1500
else
	ktap_ok "jumbo_mtu_refused_with_xdp"
fi

xdp off
ktap_check "traffic_after_detach" ns_ping vfa 10.0.0.2 3
ktap_klog_clean
ktap_finished
