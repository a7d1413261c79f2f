#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# spoofchk programs DTXSWC: MAC (bit n) and VLAN (bit 8+n) anti-spoofing
# for VF n, on by default, plus the VMDq loopback bit 31; "spoofchk off"
# clears exactly VF n's bits; ip link reports the setting. The traffic
# check (a spoofed frame is dropped) needs silicon: QEMU ignores the bits.
# timeout: 60

source "$(dirname "$0")/sriov_lib.sh"

require_root
ktap_header
ktap_plan 5
klog_mark

sriov_setup 2

reg() {
	printf '0x%08x' $(($(sriov_reg DTXSWC)))
}

if [ "$(reg)" = 0x80000303 ] &&
   ip link show "$PF_DEV" | grep -q "vf 0 .*spoof checking on"; then
	ktap_ok "default_on"
else
	ktap_fail "default_on" "DTXSWC=$(reg)"
fi

ip link set "$PF_DEV" vf 0 spoofchk off
if [ "$(reg)" = 0x80000202 ] &&
   ip link show "$PF_DEV" | grep -q "vf 0 .*spoof checking off" &&
   ip link show "$PF_DEV" | grep -q "vf 1 .*spoof checking on"; then
	ktap_ok "off_clears_vf0_bits_only"
else
	ktap_fail "off_clears_vf0_bits_only" "DTXSWC=$(reg)"
fi

ip link set "$PF_DEV" vf 0 spoofchk on
if [ "$(reg)" = 0x80000303 ]; then
	ktap_ok "on_restores"
else
	ktap_fail "on_restores" "DTXSWC=$(reg)"
fi

ktap_skip "spoofed_frame_dropped" "QEMU 10 ignores the DTXSWC anti-spoof bits and never sets WVBR; needs an 82576"
ktap_klog_clean "kernel_log_clean"
ktap_finished
