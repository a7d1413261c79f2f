#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Link changes: restarting autonegotiation (ethtool -r) drops the link and
# brings it back through the LSC interrupt; advertising only 1000/full
# reads back; ten down/up cycles of the interface end with carrier and a
# working ping; forcing 100/full reports 100 Mb/s, and autoneg on restores
# 1000 Mb/s.
# timeout: 150

source "$(dirname "$0")/pf_lib.sh"

require_cmd ip ethtool ping
ktap_header
ktap_plan 6
klog_mark

pf_setup || fail "setup failed"

# watch the carrier flip (QEMU restores the link 500 ms after AN restart)
pfa ethtool -r "$PF_A"
down=1
wait_for 2 pf_no_carrier pfa "$PF_A" && down=0
wait_for 10 pf_carrier pfa "$PF_A"
up=$?
ns_ping pfa "$PF_B_IP" 2 >/dev/null
ping_rc=$?
[ $up -eq 0 ] && [ $ping_rc -eq 0 ]
pf_check autoneg_restart_relinks $? "carrier back $up, ping $ping_rc"
ktap_info "carrier drop observed: $([ $down -eq 0 ] && echo yes || echo no)"

pfa ethtool -s "$PF_A" autoneg on advertise 0x020
adv=$(pfa ethtool "$PF_A" | sed -n '/Advertised link modes/,/Advertised pause/p')
echo "$adv" | grep -q 1000baseT/Full && ! echo "$adv" | grep -q 100baseT
pf_check advertise_1000_only $? "$(echo "$adv" | head -2 | tr -s ' \n' ' ')"
pfa ethtool -s "$PF_A" autoneg on advertise 0x02f
wait_for 10 pf_carrier pfa "$PF_A"

err=""
for _ in $(seq 1 10); do
	ip -n pfa link set "$PF_A" down
	ip -n pfa link set "$PF_A" up
done
wait_for 10 pf_carrier pfa "$PF_A" || err="no carrier after 10 cycles"
ns_ping pfa "$PF_B_IP" 3 >/dev/null || err="${err:-no ping after 10 cycles}"
[ -z "$err" ]
pf_check ten_down_up_cycles $? "$err"

# the link watchdog picks the new speed up within its period
pf_speed_is() {
	[ "$(pfa ethtool "$PF_A" | awk '/Speed:/ { print $2 }')" = "$1" ]
}

pfa ethtool -s "$PF_A" autoneg off speed 100 duplex full
wait_for 10 pf_speed_is 100Mb/s
rc=$?
speed=$(pfa ethtool "$PF_A" | awk '/Speed:/ { print $2 }')
pf_check forced_100_full $rc "speed '$speed'"

pfa ethtool -s "$PF_A" autoneg on
wait_for 10 pf_carrier pfa "$PF_A"
sleep 1
speed=$(pfa ethtool "$PF_A" | awk '/Speed:/ { print $2 }')
ns_ping pfa "$PF_B_IP" 2 >/dev/null
rc=$?
[ "$speed" = 1000Mb/s ] && [ $rc -eq 0 ]
pf_check autoneg_restored $? "speed '$speed', ping $rc"

pf_teardown
ktap_klog_clean
ktap_finished
