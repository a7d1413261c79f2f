#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A VF of PF0 reaches the wire: it pings PF1's netdev (the other 82576 on
# the same virtual wire) and PF1 pings it back; unicast to the VF's MAC
# from the wire lands in the VF's pool (RAR 23-n), not in the PF's.
# timeout: 90

source "$(dirname "$0")/sriov_lib.sh"

require_root
ktap_header
ktap_plan 3
klog_mark

sriov_setup 1
[ -n "$PF1_DEV" ] || fail "no netdev on $IOVNIC_PF1"
ns_create wire
ns_move "$PF1_DEV" wire 10.2.0.2/24 || fail "cannot move $PF1_DEV"
wait_for 10 ns_carrier wire "$PF1_DEV" || fail "PF1 has no carrier"
sriov_vf_ns 0 vfa 10.2.0.1/24 || fail "VF 0 not up"

ktap_check "ping_vf_to_wire" ns_ping vfa 10.2.0.2 3
ip -n wire neigh flush dev "$PF1_DEV"
ktap_check "ping_wire_to_vf" ns_ping wire 10.2.0.1 3
ktap_klog_clean "kernel_log_clean"
ktap_finished
