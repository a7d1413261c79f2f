#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A VF and its own PF talk through the internal switch: the PF (pool
# num_vfs, default pool) and VF 0 ping each other both ways, and a
# broadcast-dependent exchange (ARP) works in both directions.
# timeout: 90

source "$(dirname "$0")/sriov_lib.sh"

require_root
ktap_header
ktap_plan 3
klog_mark

sriov_setup 2
ns_create pfns
ns_move "$PF_DEV" pfns 10.1.0.1/24 || fail "cannot move the PF netdev"
wait_for 10 ns_carrier pfns "$PF_DEV" || fail "PF lost carrier in its namespace"
sriov_vf_ns 0 vfa 10.1.0.2/24 || fail "VF 0 not up"

ktap_check "ping_vf_to_pf" ns_ping vfa 10.1.0.1 3
ip -n pfns neigh flush dev "$PF_DEV"
ktap_check "ping_pf_to_vf" ns_ping pfns 10.1.0.2 3
ktap_klog_clean "kernel_log_clean"
ktap_finished
