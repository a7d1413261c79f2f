#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# ethtool -l/-L and -g/-G while TCP traffic runs: every channel count from
# 1 to the maximum is accepted and shows up as real queues, invalid counts
# are refused, ring sizes read back exactly, and the link passes traffic
# after each change. Ring sizes below the minimum or not a multiple of 8
# are refused with an extack message and change nothing (the same rule as
# on the VF). Also -c/-C (rx/tx usecs, adaptive) read back, and
# "rx-usecs 0 adaptive off" is a fixed shortest interval (EITR = 1 us).
# timeout: 180

source "$(dirname "$0")/pf_lib.sh"

require_cmd iperf3 ethtool
ktap_header
ktap_plan 11
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
cur_rings() {
	pfa ethtool -g "$PF_A" | awk '/^Current/ { c = 1 } c && /^(RX|TX):/ { printf "%s ", $2 }'
}
for sz in "512 128" "4096 4096" "64 128" "256 256"; do
	set -- $sz
	pfa ethtool -G "$PF_A" rx "$1" tx "$2" || { err="-G $1/$2 failed"; break; }
	got=$(cur_rings)
	[ "$got" = "$1 $2 " ] || { err="asked $1/$2 got $got"; break; }
	ns_ping pfa "$PF_B_IP" 1 >/dev/null || { err="no ping with rings $1/$2"; break; }
done
[ -z "$err" ]
pf_check ring_sizes_under_traffic $? "$err"

pfa ethtool -G "$PF_A" rx 8192 2>/dev/null
[ $? -ne 0 ]
pf_check ring_too_large_refused $?

# refused with a message, nothing changed (the old PF rounded 100 to 104
# and clamped 32 to 64 silently)
for sz in "100 256" "256 300" "32 256"; do
	set -- $sz
	before=$(cur_rings)
	msg=$(pfa ethtool -G "$PF_A" rx "$1" tx "$2" 2>&1)
	rc=$?
	after=$(cur_rings)
	ktap_info "-G rx $1 tx $2: rc $rc, '$msg'"
	[ $rc -ne 0 ] && echo "$msg" | grep -qiE 'multiples? of 8|out of range' &&
		[ "$after" = "$before" ] || break
	rc=ok
done
[ "$rc" = ok ]
pf_check bad_ring_size_refused_with_message $? "rx $1 tx $2: '$msg' rings '$before' -> '$after'"

pfa ethtool -C "$PF_A" adaptive-rx off adaptive-tx off rx-usecs 100 tx-usecs 30
c=$(pfa ethtool -c "$PF_A")
echo "$c" | grep -q '^rx-usecs: *100' && echo "$c" | grep -q '^tx-usecs: *30' &&
	echo "$c" | grep -q 'Adaptive RX: off'
pf_check coalesce_readback $? "$(echo "$c" | grep -E 'usecs:|Adaptive' | tr '\n' ' ')"

# 0 with adaptive off is the shortest fixed interval, never adaptive
pfa ethtool -C "$PF_A" adaptive-rx off adaptive-tx off rx-usecs 0 tx-usecs 0
c=$(pfa ethtool -c "$PF_A")
echo "$c" | grep -q '^rx-usecs: *0$' && echo "$c" | grep -qE 'Adaptive RX: *off +TX: *off'
pf_check coalesce_zero_is_fixed $? "$(echo "$c" | grep -E 'usecs:|Adaptive' | tr '\n' ' ')"
# under traffic adaptive moderation would move EITR(1) to 12 us or more
ns_ping pfa "$PF_B_IP" 3 >/dev/null
eitr=$(pf_dump_reg pfa "$PF_A" $((32 + 13 * 16 + 1)))
[ -n "$eitr" ] && [ $(((0x$eitr >> 2) & 0x1fff)) -eq 1 ]
pf_check coalesce_zero_eitr_1us $? "EITR(1) 0x$eitr"
pfa ethtool -C "$PF_A" adaptive-rx on adaptive-tx on

ns_ping pfa "$PF_B_IP" 3 >/dev/null
pf_check ping_after_changes $?

pf_teardown
ktap_klog_clean
ktap_finished
