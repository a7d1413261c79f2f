#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Queue pairs a PF grants through iovnic's mailbox extensions (issue #5).
# The VF must negotiate after its RESET handshake (debugfs negotiated:
# mbx_version, mbx_caps, pf_queue_pairs), offer exactly the granted pairs in ethtool -l
# and use them: TCP flows spread over both TX queues, and -L combined 1..max
# works under traffic. The stock igb NACKs NEGOTIATE: the VF must fall back
# to the base protocol quietly (no warning of ours in the kernel log) with
# one pair. RX spreading needs MRQC mode 5 (VMDq + RSS) and VMOLR.RSSE of
# the pool, which are checked on the PF; the traffic half is a SKIP because
# QEMU computes no RSS inside a VMDq pool. PF from IOVNIC_TEST_PF.
# timeout: 240

source "$(dirname "$0")/vf_lib.sh"

QEMU_NO_POOL_RSS="QEMU's igb model has no RSS inside a VMDq pool"
MRQC_VMDQ_RSS=5
VMOLR_RSSE=$((1 << 17))

# pf_reg NAME: register NAME as iovnic_pf's debugfs switch dump read it
pf_reg() {
	awk -v r="$1" '$1 == r {print $2}' \
		"/sys/kernel/debug/iovnic_pf/$IOVNIC_PF0/switch" 2>/dev/null
}

ktap_header
ktap_plan 9
klog_mark
vf_warnings() {
	dmesg -l emerg,alert,crit,err,warn | grep -c 'iovnic_vf'
}
warn_before=$(vf_warnings)

vf_pair_setup
a=${VF_DEV[0]}
et() { ip netns exec vfa ethtool "$@"; }
stat_a() { ns_ethtool_stat vfa "$a" "$1"; }

neg_a() { vf_negotiated vfa "$a" "$1"; }
version=$(neg_a mbx_version) caps=$(neg_a mbx_caps)
pairs=$(neg_a pf_queue_pairs) rss=$(neg_a pf_rss)
ktap_info "negotiated: version '$version' caps '$caps' pairs '$pairs' rss '$rss'"
if [ "$IOVNIC_TEST_PF" = iovnic ]; then
	# version 1, CAP_QUEUES granted, 1..2 pairs
	[ "$version" = 1 ] && [ $((caps & 1)) = 1 ] &&
		[ "$pairs" -ge 1 ] && [ "$pairs" -le 2 ] &&
		ktap_ok "negotiated" ||
		ktap_fail "negotiated" "version '$version' caps '$caps' pairs '$pairs'"
else
	# NACKed: base protocol, one pair, and not a word of ours about it
	[ "$version" = 0 ] && [ "$((caps))" = 0 ] && [ "$pairs" = 1 ] &&
		[ "$(vf_warnings)" = "$warn_before" ] &&
		ktap_ok "base_protocol_quietly" ||
		ktap_fail "base_protocol_quietly" \
			"version '$version' caps '$caps' pairs '$pairs', warnings $warn_before -> $(vf_warnings)"
fi

combined() { et -l "$a" | awk '/^Combined:/ {print $2}' | sed -n "${1}p"; }
max=$(combined 1) cur=$(combined 2)
[ -n "$max" ] && [ "$max" = "$pairs" ] && [ "$cur" = "$max" ] &&
	ktap_ok "channels_show_granted_pairs" ||
	ktap_fail "channels_show_granted_pairs" "max '$max' current '$cur', granted '$pairs'"

# ethtool -x: Toeplitz on when the PF spreads RX over the pool, else none
if [ "$rss" = 1 ]; then
	et -x "$a" | grep -qi 'toeplitz: on' && ktap_ok "rss_reported" ||
		ktap_fail "rss_reported" "PF granted RSS, ethtool -x does not say so"
else
	et -x "$a" >/dev/null 2>&1 && ktap_fail "rss_reported" "no RSS granted, -x answers" ||
		ktap_ok "rss_reported"
fi

if [ "$IOVNIC_TEST_PF" != iovnic ]; then
	one_pair="stock igb grants one queue pair"
elif [ "${pairs:-0}" -lt 2 ]; then
	one_pair="the PF granted one queue pair"
fi

# eight TCP flows: the stack hashes them over the real TX queues
tx_spread() {
	local t0 t1 d0 d1

	t0=$(stat_a tx0_packets) t1=$(stat_a tx1_packets)
	iperf_run vfb 10.0.0.2 vfa 5 -P 8 >/dev/null ||
		{ ktap_info "iperf3 failed"; return 1; }
	d0=$(($(stat_a tx0_packets) - t0)) d1=$(($(stat_a tx1_packets) - t1))
	ktap_info "TX packets: queue 0 +$d0, queue 1 +$d1"
	[ "$d0" -ge 100 ] && [ "$d1" -ge 100 ]
}
if [ -n "$one_pair" ]; then
	ktap_skip "tx_spread_over_queues" "$one_pair"
else
	ktap_check "tx_spread_over_queues" tx_spread
fi

# -L 1 and back to max while a flow runs; it must survive both changes
channels_under_traffic() {
	local out=$IOVNIC_TEST_OUT/iperf_channels.json

	iperf_run vfb 10.0.0.2 vfa 10 >"$out" &
	sleep 3
	et -L "$a" combined 1 || return 1
	[ "$(combined 2)" = 1 ] || return 1
	sleep 2
	et -L "$a" combined "$max" || return 1
	[ "$(combined 2)" = "$max" ] || return 1
	wait $! || { ktap_info "iperf3 failed across the changes"; return 1; }
	ns_ping vfa 10.0.0.2 3
}
if [ -n "$one_pair" ]; then
	ktap_skip "channels_1_to_max_under_traffic" "$one_pair"
else
	ktap_check "channels_1_to_max_under_traffic" channels_under_traffic
fi

# RX: what the PF programmed for the pool (read back from the hardware)
if [ -n "$one_pair" ]; then
	ktap_skip "rx_rss_registers" "$one_pair"
	ktap_skip "rx_spread_over_queues" "$one_pair"
elif [ "$rss" != 1 ]; then
	ktap_skip "rx_rss_registers" "the PF granted no RSS"
	ktap_skip "rx_spread_over_queues" "the PF granted no RSS"
else
	mrqc=$(pf_reg MRQC) vmolr=$(pf_reg VMOLR0)
	ktap_info "MRQC $mrqc VMOLR0 $vmolr"
	if [ -n "$mrqc" ] && [ $((mrqc & 7)) = $MRQC_VMDQ_RSS ] &&
	   [ -n "$vmolr" ] && [ $((vmolr & VMOLR_RSSE)) != 0 ]; then
		ktap_ok "rx_rss_registers"
		ktap_skip "rx_spread_over_queues" "$QEMU_NO_POOL_RSS"
	else
		ktap_fail "rx_rss_registers" "MRQC '$mrqc' VMOLR0 '$vmolr'"
		ktap_fail "rx_spread_over_queues" "the PF did not program RSS"
	fi
fi

if klog_since_mark | grep -q 'transmit queue .* timed out'; then
	ktap_fail "no_tx_timeout" "$(klog_since_mark | grep -m1 'timed out')"
else
	ktap_ok "no_tx_timeout"
fi
ktap_klog_clean
ktap_finished
