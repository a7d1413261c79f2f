#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# ethtool on a VF: -i names iovnic_vf; -l reports the queue pairs the PF
# grants (1 with stock igb) plus the mailbox vector, -L 1 works and beyond
# the grant is refused; -S has one row set per queue; -G changes ring
# sizes (read back with -g, traffic after); sizes too small or not a
# multiple of 8 are refused with an extack message and change nothing
# (the same rule as on the PF); -C sets an interval (read back with -c),
# and "rx-usecs 0 adaptive-rx off" stays fixed (the old VF turned adaptive
# moderation on); -K toggles TSO. PF from IOVNIC_TEST_PF (stock|iovnic).
# timeout: 150

source "$(dirname "$0")/vf_lib.sh"

ktap_header
ktap_plan 12
vf_pair_setup
a=${VF_DEV[0]}
et() { ip netns exec vfa ethtool "$@"; }

# -l prints "Pre-set maximums" then "Current hardware settings". The
# maximum is what the PF granted: one pair with the stock igb (no RSS in a
# pool, no queue negotiation), up to two with iovnic_pf (debugfs
# negotiated pf_queue_pairs); the VF uses them all, and one more is refused.
combined() { et -l "$a" | awk '/^Combined:/ {print $2}' | sed -n "${1}p"; }
other() { et -l "$a" | awk '/^Other:/ {print $2}' | sed -n "${1}p"; }
max=$(combined 1) cur=$(combined 2)
granted=$(vf_negotiated vfa "$a" pf_queue_pairs)
[ "$IOVNIC_TEST_PF" = iovnic ] || [ "$granted" = 1 ] ||
	ktap_info "stock igb granted '$granted' pairs?"
ktap_info "channels: combined max $max current $cur, other $(other 2), granted $granted"
[ -n "$max" ] && [ "$max" = "$granted" ] && [ "$cur" = "$max" ] &&
	[ "$(other 2)" = 1 ] && { [ "$IOVNIC_TEST_PF" = iovnic ] || [ "$max" = 1 ]; } &&
	ktap_ok "channels_reported" ||
	ktap_fail "channels_reported" "max '$max' current '$cur' granted '$granted'"
rows() { et -S "$a" | grep -c '^ *rx[0-9]*_packets:'; }
if [ "$(rows)" = "$cur" ]; then
	ktap_ok "per_queue_stats_rows"
else
	ktap_fail "per_queue_stats_rows" "$(rows) rows for $cur channels"
fi
if et -L "$a" combined 1 && [ "$(combined 2)" = 1 ] && [ "$(rows)" = 1 ] &&
   ns_ping vfa 10.0.0.2 3; then
	ktap_ok "set_channels_one_traffic"
else
	ktap_fail "set_channels_one_traffic"
fi
if et -L "$a" combined $((max + 1)) 2>/dev/null; then
	ktap_fail "channels_above_max_refused" "$((max + 1)) accepted"
else
	ktap_ok "channels_above_max_refused"
fi

et -G "$a" rx 512 tx 128 || ktap_info "ethtool -G failed"
rx=$(et -g "$a" | awk '/^RX:/ {print $2}' | tail -n 1)
tx=$(et -g "$a" | awk '/^TX:/ {print $2}' | tail -n 1)
[ "$rx" = 512 ] && [ "$tx" = 128 ] && ktap_ok "ring_sizes_set" ||
	ktap_fail "ring_sizes_set" "rx $rx tx $tx"
ktap_check "traffic_after_ring_change" ns_ping vfa 10.0.0.2 3
if et -G "$a" rx 16 2>/dev/null; then
	ktap_fail "tiny_ring_refused" "rx 16 accepted"
else
	ktap_ok "tiny_ring_refused"
fi
rings() { et -g "$a" | awk '/^Current/ { c = 1 } c && /^(RX|TX):/ { printf "%s ", $2 }'; }
before=$(rings)
msg=$(et -G "$a" rx 100 tx 128 2>&1)
rc=$?
after=$(rings)
ktap_info "-G rx 100: rc $rc, '$msg'"
[ $rc -ne 0 ] && echo "$msg" | grep -qiE 'multiples? of 8' && [ "$after" = "$before" ] &&
	ktap_ok "unaligned_ring_refused_with_message" ||
	ktap_fail "unaligned_ring_refused_with_message" "rc $rc '$msg' rings '$before' -> '$after'"

et -C "$a" adaptive-rx off rx-usecs 100 >/dev/null 2>&1
us=$(et -c "$a" | awk '/^rx-usecs:/ {print $2}')
[ "$us" = 100 ] && ktap_ok "coalesce_set" || ktap_fail "coalesce_set" "rx-usecs '$us'"
et -C "$a" adaptive-rx off adaptive-tx off rx-usecs 0 tx-usecs 0
c=$(et -c "$a")
echo "$c" | grep -q '^rx-usecs: *0$' &&
	echo "$c" | grep -qE 'Adaptive RX: *off +TX: *off' &&
	ktap_ok "coalesce_zero_is_fixed" ||
	ktap_fail "coalesce_zero_is_fixed" "$(echo "$c" | grep -E 'usecs:|Adaptive' | tr '\n' ' ')"
et -C "$a" adaptive-rx on adaptive-tx on

et -K "$a" tso off
off=$(et -k "$a" | awk '/^tcp-segmentation-offload:/ {print $2}')
et -K "$a" tso on
on=$(et -k "$a" | awk '/^tcp-segmentation-offload:/ {print $2}')
[ "$off" = off ] && [ "$on" = on ] && ktap_ok "tso_toggles" ||
	ktap_fail "tso_toggles" "off->'$off' on->'$on'"

drv=$(et -i "$a" | awk '/^driver:/ {print $2}')
[ "$drv" = iovnic_vf ] && ktap_ok "drvinfo" || ktap_fail "drvinfo" "driver '$drv'"
ktap_finished
