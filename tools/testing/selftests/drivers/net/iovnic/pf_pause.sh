#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# 802.3x flow control on iovnic_pf: ethtool -A settings read back with
# ethtool -a and land in the registers (ethtool -d: CTRL.RFCE/TFCE, the
# PAUSE address/type/time FCAL/FCAH/FCT/FCTTV and the XOFF/XON thresholds
# FCRTH/FCRTL), the autonegotiated result follows both ends'
# advertisement, a PF reset keeps the setting, and the PAUSE counters and
# the other standard groups are readable. QEMU does not emulate flow
# control (no PAUSE frame is sent or honoured), so the traffic case is a
# SKIP.
# timeout: 120

source "$(dirname "$0")/pf_lib.sh"

require_cmd ethtool od
ktap_header
ktap_plan 10
klog_mark

pf_setup || fail "setup failed"

CTRL_RFCE=$((1 << 27))
CTRL_TFCE=$((1 << 28))
# ethtool -d words: 32 global, 13 x 16 queue, 10 EITR, then the FC block
W_FCAL=250 W_FCAH=251 W_FCT=252 W_FCTTV=253 W_FCRTL=254 W_FCRTH=255

reg() { echo $((0x$(pf_dump_reg pfa "$PF_A" "$1"))); }
pause_get() { pfa ethtool -a "$PF_A" | awk -v k="$1:" '$1 == k {print $2}'; }
# fc_is RX TX: CTRL.RFCE/TFCE are RX/TX (on|off)
fc_is() {
	local ctrl rx=off tx=off

	ctrl=$(reg 0)
	[ $((ctrl & CTRL_RFCE)) -ne 0 ] && rx=on
	[ $((ctrl & CTRL_TFCE)) -ne 0 ] && tx=on
	[ "$rx $tx" = "$1 $2" ]
}
ctrl_bits() { printf 'CTRL %#x FCRTL %#x FCRTH %#x' "$(reg 0)" "$(reg $W_FCRTL)" "$(reg $W_FCRTH)"; }

# forced NAME RX TX: ethtool -A autoneg off rx RX tx TX, then read back
forced() {
	local name=$1 rx=$2 tx=$3 ok=0

	pfa ethtool -A "$PF_A" autoneg off rx "$rx" tx "$tx" || ok=1
	[ "$(pause_get Autonegotiate) $(pause_get RX) $(pause_get TX)" = "off $rx $tx" ] || ok=1
	wait_for 5 fc_is "$rx" "$tx" || ok=1
	if [ "$tx" = on ]; then
		# XOFF above FCRTH, XON (XONE) below FCRTL = FCRTH - 16
		[ "$(reg $W_FCRTH)" -gt 0 ] &&
			[ $(($(reg $W_FCRTL) & 0x7fffffff)) -eq $(($(reg $W_FCRTH) - 16)) ] &&
			[ $(($(reg $W_FCRTL) >> 31)) -eq 1 ] || ok=1
	else
		[ "$(reg $W_FCRTH)" -eq 0 ] || ok=1
	fi
	pf_check "$name" $ok "ethtool -a: $(pause_get Autonegotiate)/$(pause_get RX)/$(pause_get TX), $(ctrl_bits)"
}

ktap_info "default: autoneg $(pause_get Autonegotiate) rx $(pause_get RX) tx $(pause_get TX), $(ctrl_bits)"
[ "$(reg $W_FCAL)" = $((0x00C28001)) ] && [ "$(reg $W_FCAH)" = $((0x100)) ] &&
	[ "$(reg $W_FCT)" = $((0x8808)) ] && [ "$(reg $W_FCTTV)" = $((0xFFFF)) ]
pf_check pause_address_type_time $? \
	"FCAL $(reg $W_FCAL) FCAH $(reg $W_FCAH) FCT $(reg $W_FCT) FCTTV $(reg $W_FCTTV)"

forced forced_rx_tx on on
forced forced_rx_only on off
forced forced_tx_only off on
forced forced_off off off

# autonegotiated: we advertise symmetric PAUSE; the result follows the
# partner's advertisement as ethtool reports it (IEEE 802.3 Annex 28B)
pfa ethtool -A "$PF_A" autoneg on rx on tx on
wait_for 3 pf_no_carrier pfa "$PF_A"
wait_for 15 pf_carrier pfa "$PF_A"
adv=$(pfa ethtool "$PF_A" | sed -n 's/^\s*Advertised pause frame use: *//p')
lp=$(pfa ethtool "$PF_A" | sed -n 's/^\s*Link partner advertised pause frame use: *//p')
case $lp in
Symmetric*) want="on on" ;;
*) want="off off" ;;
esac
# shellcheck disable=SC2086 # two words on purpose
wait_for 5 fc_is $want
pf_check autoneg_resolved $? "advertised '$adv', partner '$lp': want $want, $(ctrl_bits)"

# a reset clears CTRL: the setting must come back
pfa ethtool -A "$PF_A" autoneg off rx on tx on
pfa ethtool --reset "$PF_A" all >/dev/null
wait_for 15 pf_carrier pfa "$PF_A"
wait_for 5 fc_is on on && [ "$(reg $W_FCTTV)" = $((0xFFFF)) ]
pf_check setting_survives_reset $? "$(ctrl_bits)"

# the standard counters are there: PAUSE, IEEE MAC, RMON
pfa ping -c 5 -i 0.2 -W 1 "$PF_B_IP" >/dev/null
std=$(pfa ethtool -S "$PF_A" --all-groups 2>/dev/null)
pst=$(pfa ethtool -I -a "$PF_A" 2>/dev/null)
echo "$std" | grep -E 'FramesReceivedOK|etherStatsPkts65to127|MACControl' | sed 's/^/# /'
echo "$pst" | grep pause_frames | sed 's/^/# /'
echo "$pst" | grep -q tx_pause_frames &&
	[ "$(echo "$std" | awk '$1 == "eth-mac-FramesReceivedOK:" {print $2}')" -gt 0 ] &&
	echo "$std" | grep -q 'rmon-etherStatsPkts65to127Octets' &&
	echo "$std" | grep -q '^eth-ctrl-MACControlFramesReceived'
pf_check standard_stats_readable $?

ktap_skip pause_frames_on_the_wire "QEMU does not emulate flow control: no PAUSE frame is sent or honoured"

pfa ethtool -A "$PF_A" autoneg on rx on tx on
pf_teardown
ktap_klog_clean
ktap_finished
