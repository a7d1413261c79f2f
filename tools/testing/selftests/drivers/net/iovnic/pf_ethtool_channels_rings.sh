#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# ethtool -l/-L and -g/-G while TCP traffic runs: every channel count from
# 1 to the maximum is accepted and shows up as real queues, invalid counts
# and ring sizes are refused, ring sizes read back (rounded to 8), and the
# link passes traffic after each change. Also -c/-C (rx/tx usecs,
# adaptive) read back.
# timeout: 180

source "$(dirname "$0")/pf_lib.sh"

require_cmd iperf3 ethtool
ktap_header
ktap_plan 8
klog_mark

pf_setup || fail "setup failed"

# background traffic for the whole test
pfb iperf3 -s -B "$PF_B_IP" >/dev/null 2>&1 &
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $!"
wait_for 10 iperf_listening pfb 5201
pfa iperf3 -c "$PF_B_IP" -t 40 >/dev/null 2>&1 &
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $!"
sleep 1

max=$(pfa ethtool -l "$PF_A" | awk '/^Combined:/ { print $2; exit }')
ktap_info "max combined channels: $max"
[ -n "$max" ] && [ "$max" -ge 2 ]
pf_check max_channels_reported $? "max '$max'"

err=""
for c in $(seq 1 "$max") 2; do
	pfa ethtool -L "$PF_A" combined "$c" || { err="-L $c failed"; break; }
	txq=$(pfa ls "/sys/class/net/$PF_A/queues" | grep -c '^tx-')
	[ "$txq" -eq "$c" ] || { err="$c channels but $txq tx queues"; break; }
	ns_ping pfa "$PF_B_IP" 1 >/dev/null || { err="no ping with $c channels"; break; }
done
[ -z "$err" ]
pf_check channels_1_to_max_under_traffic $? "$err"

pfa ethtool -L "$PF_A" combined $((max + 1)) 2>/dev/null
rc1=$?
pfa ethtool -L "$PF_A" combined 0 2>/dev/null
rc2=$?
[ $rc1 -ne 0 ] && [ $rc2 -ne 0 ]
pf_check invalid_channels_refused $?

err=""
for sz in "512 128" "4096 4096" "64 128" "100 300" "256 256"; do
	set -- $sz
	pfa ethtool -G "$PF_A" rx "$1" tx "$2" || { err="-G $1/$2 failed"; break; }
	rx=$(pfa ethtool -g "$PF_A" | awk '/^Current/ { c = 1 } c && /^RX:/ { print $2; exit }')
	tx=$(pfa ethtool -g "$PF_A" | awk '/^Current/ { c = 1 } c && /^TX:/ { print $2; exit }')
	erx=$((($1 + 7) / 8 * 8)); etx=$((($2 + 7) / 8 * 8))
	[ "$rx" = "$erx" ] && [ "$tx" = "$etx" ] || { err="asked $1/$2 got $rx/$tx"; break; }
	ns_ping pfa "$PF_B_IP" 1 >/dev/null || { err="no ping with rings $1/$2"; break; }
done
[ -z "$err" ]
pf_check ring_sizes_under_traffic $? "$err"

pfa ethtool -G "$PF_A" rx 8192 2>/dev/null
[ $? -ne 0 ]
pf_check ring_too_large_refused $?

pfa ethtool -C "$PF_A" adaptive-rx off adaptive-tx off rx-usecs 100 tx-usecs 30
c=$(pfa ethtool -c "$PF_A")
echo "$c" | grep -q '^rx-usecs: *100' && echo "$c" | grep -q '^tx-usecs: *30' &&
	echo "$c" | grep -q 'Adaptive RX: off'
pf_check coalesce_readback $? "$(echo "$c" | grep -E 'usecs:|Adaptive' | tr '\n' ' ')"
pfa ethtool -C "$PF_A" adaptive-rx on adaptive-tx on

ns_ping pfa "$PF_B_IP" 3 >/dev/null
pf_check ping_after_changes $?

pf_teardown
ktap_klog_clean
ktap_finished
