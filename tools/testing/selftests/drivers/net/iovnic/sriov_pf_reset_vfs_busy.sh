#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The PF goes away under busy VFs and comes back; the VF driver must
# recover by itself, with VF-to-VF traffic back within 2 s of the PF being
# back (PF carrier up), for each way the PF can go away:
#   1. ethtool --reset <pf> all (a full device reset: CTRL.RST wipes the
#      VF queues and mailboxes and sets RSTI in every VF);
#   2. PF link down/up (ip link set down/up on the PF);
#   3. a real TX hang: the PF's Bus Master Enable is cleared while it
#      floods its link partner, so no TX descriptor is ever written back,
#      the stack's watchdog calls ndo_tx_timeout and the PF resets itself;
#      Bus Master is restored as soon as the timeout is counted;
#   4. devlink dev reload, when iovnic_pf implements it (SKIP otherwise).
# VF 0 streams iperf3 TCP to VF 1 during each event. The stock igbvf polls
# its link every 2 s and resets itself from there; a reset whose answer
# does not come within 1 s is retried only 10 s later. Both igbvf often
# reset at once, each spinning for the PF's answer with bottom halves off
# on this 2-CPU guest: the PF answers from its hard IRQ handler, so the
# first reset must succeed. Limit: up to three watchdog periods and the
# handshake, 7 s with igbvf (below the 10 s a failed reset would add),
# 2 s with iovnic_vf. VFs from IOVNIC_TEST_VF.
# timeout: 300

source "$(dirname "$0")/sriov_lib.sh"
source "$(dirname "$0")/churn_lib.sh"

require_root
require_cmd iperf3 ethtool setpci
ktap_header
ktap_plan 5
klog_mark

limit_ms=2000
[ "$IOVNIC_TEST_VF" = stock ] && limit_ms=7000

sriov_setup 2
[ -n "$PF1_DEV" ] || fail "no netdev on $IOVNIC_PF1"
sriov_vf_ns 0 vfa 10.24.1.1/24 || fail "VF 0 not up"
sriov_vf_ns 1 vfb 10.24.1.2/24 || fail "VF 1 not up"
ns_create wire
ns_move "$PF1_DEV" wire 10.24.0.2/24 || fail "cannot move $PF1_DEV"
ip addr add 10.24.0.1/24 dev "$PF_DEV"
wait_for 10 ns_carrier wire "$PF1_DEV" || fail "PF1 has no carrier"
ns_ping wire 10.24.0.1 1 >/dev/null
ns_ping vfa 10.24.1.2 2 >/dev/null || fail "VF 0 cannot reach VF 1"

ip netns exec vfb iperf3 -s -B 10.24.1.2 >/dev/null 2>&1 &
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $!"
wait_for 10 iperf_listening vfb 5201 || fail "iperf3 server did not start"

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# shellcheck disable=SC2317 # called through wait_for
pf_carrier() {
	[ "$(cat "/sys/class/net/$PF_DEV/carrier" 2>/dev/null)" = 1 ]
}

# shellcheck disable=SC2317 # called through wait_for
ping_vf() {
	ip netns exec vfa ping -c 1 -W 0.2 10.24.1.2 >/dev/null 2>&1
}

pf_stat() {
	ethtool -S "$PF_DEV" | awk -v n="$1:" '$1 == n { print $2 }'
}

# busy_start: a VF 0 -> VF 1 TCP stream for 15 s in the background.
busy_start() {
	ip netns exec vfa iperf3 -c 10.24.1.2 -t 15 >/dev/null 2>&1 &
	busy=$!
	IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $busy"
	sleep 2
}

# busy_end: reports whether the stream outlived the event (information:
# TCP may give up while the VF re-initialises).
busy_end() {
	local rc

	wait "$busy"
	rc=$?
	ktap_info "$1: the VF stream across the event $([ $rc = 0 ] && echo survived || echo "ended with status $rc")"
	# the server is -s without -1: it takes the next stream too
}

# recovery NAME T_EVENT: waits for the PF carrier, then times how long
# until VF 0 reaches VF 1 again; ok if within limit_ms.
recovery() {
	local t0 t1 ms

	if ! wait_for 20 pf_carrier; then
		ktap_fail "$1" "PF carrier did not come back"
		return
	fi
	t0=$(now_ms)
	ktap_info "$1: PF back $((t0 - $2)) ms after the event started"
	if ! wait_for 15 ping_vf; then
		ktap_fail "$1" "no VF traffic 15 s after the PF came back"
		return
	fi
	t1=$(now_ms)
	ms=$((t1 - t0))
	ktap_info "$1: VF traffic back ${ms} ms after the PF ($(sriov_vf_driver), limit ${limit_ms} ms)"
	if [ "$ms" -le "$limit_ms" ]; then
		ktap_ok "$1"
	else
		ktap_fail "$1" "took ${ms} ms"
	fi
}

# 1. ethtool --reset all
busy_start
r0=$(pf_stat reset_count)
t=$(now_ms)
ethtool --reset "$PF_DEV" all >/dev/null || ktap_info "ethtool --reset failed"
ktap_info "reset_count $r0 -> $(pf_stat reset_count)"
sleep 0.2
recovery "recovery_after_ethtool_reset_all" "$t"
busy_end "ethtool_reset"

# 2. PF link down/up
busy_start
t=$(now_ms)
ip link set "$PF_DEV" down
sleep 1
ip link set "$PF_DEV" up
recovery "recovery_after_pf_link_down_up" "$t"
busy_end "link_down_up"

# 3. TX hang -> ndo_tx_timeout -> reset
busy_start
to0=$(pf_stat tx_timeout_count)
r0=$(pf_stat reset_count)
ping -q -i 0.002 -w 25 10.24.0.2 >/dev/null 2>&1 &
flood=$!
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $flood"
t=$(now_ms)
setpci -s "$IOVNIC_PF0" COMMAND=0:4
# shellcheck disable=SC2317 # called through wait_for
timed_out() { [ "$(pf_stat tx_timeout_count)" -gt "$to0" ]; }
wait_for 20 timed_out
hung=$?
setpci -s "$IOVNIC_PF0" COMMAND=4:4
kill "$flood" 2>/dev/null
wait "$flood" 2>/dev/null
ktap_info "tx_timeout_count $to0 -> $(pf_stat tx_timeout_count) after $(($(now_ms) - t)) ms"
if [ "$hung" = 0 ]; then
	# shellcheck disable=SC2317 # called through wait_for
	reset_done() { [ "$(pf_stat reset_count)" -gt "$r0" ]; }
	wait_for 10 reset_done || ktap_info "the TX timeout did not reset the PF"
	ktap_info "reset_count $r0 -> $(pf_stat reset_count)"
	sleep 0.2
	recovery "recovery_after_tx_timeout" "$t"
else
	ktap_skip "recovery_after_tx_timeout" "no TX timeout 20 s after clearing the PF's Bus Master Enable"
fi
busy_end "tx_timeout"

# 4. devlink reload
if ! command -v devlink >/dev/null; then
	ktap_skip "recovery_after_devlink_reload" "no devlink tool"
elif ! devlink dev show "pci/$IOVNIC_PF0" >/dev/null 2>&1; then
	ktap_skip "recovery_after_devlink_reload" "no devlink instance pci/$IOVNIC_PF0"
else
	busy_start
	t=$(now_ms)
	if msg=$(devlink dev reload "pci/$IOVNIC_PF0" 2>&1); then
		PF_DEV=$(wait_netdev "$IOVNIC_PF0" 10)
		sleep 0.2
		recovery "recovery_after_devlink_reload" "$t"
	elif echo "$msg" | grep -qi "not supported"; then
		ktap_skip "recovery_after_devlink_reload" "iovnic_pf does not implement devlink reload"
	else
		ktap_fail "recovery_after_devlink_reload" "devlink dev reload: $msg"
	fi
	busy_end "devlink_reload"
fi

dma_faults_info
ktap_klog_clean "kernel_log_clean"
ktap_finished
