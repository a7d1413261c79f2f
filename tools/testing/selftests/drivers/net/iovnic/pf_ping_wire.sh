#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Two 82576 on one wire, both driven by iovnic_pf: the ports come up with
# carrier (PHY autonegotiation started by the driver, LSC handled), IPv4
# and IPv6 pings cross the wire both ways, ethtool -i names the driver,
# devlink dev info reports driver and serial, and the log stays clean.
# timeout: 120

source "$(dirname "$0")/pf_lib.sh"

require_cmd ip ping ethtool
ktap_header
ktap_plan 7
klog_mark

pf_setup || fail "setup failed"

ns_ping pfa "$PF_B_IP" 5 >/dev/null
pf_check ipv4_ping_a_to_b $? "no reply from $PF_B_IP"
ns_ping pfb "$PF_A_IP" 5 >/dev/null
pf_check ipv4_ping_b_to_a $? "no reply from $PF_A_IP"

ip -n pfa addr add fd00:11::1/64 dev "$PF_A" nodad
ip -n pfb addr add fd00:11::2/64 dev "$PF_B" nodad
pfa ping -6 -c 3 -i 0.2 -W 1 -w 6 fd00:11::2 >/dev/null
pf_check ipv6_ping_a_to_b $? "no IPv6 reply"

drv=$(pfa ethtool -i "$PF_A" | awk '/^driver:/ { print $2 }')
bus=$(pfa ethtool -i "$PF_A" | awk '/^bus-info:/ { print $2 }')
[ "$drv" = iovnic_pf ] && [ "$bus" = "$IOVNIC_PF0" ]
pf_check ethtool_drvinfo $? "driver '$drv' bus '$bus'"

speed=$(pfa ethtool "$PF_A" | awk '/Speed:/ { print $2 }')
[ "$speed" = 1000Mb/s ]
pf_check link_speed_1000 $? "speed '$speed'"

if command -v devlink >/dev/null; then
	info=$(devlink dev info "pci/$IOVNIC_PF0" 2>&1)
	echo "$info" | sed 's/^/# /'
	echo "$info" | grep -q "driver iovnic_pf" &&
		echo "$info" | grep -q "serial_number"
	pf_check devlink_info $? "devlink dev info incomplete"
else
	ktap_skip devlink_info "devlink not installed"
fi

pf_teardown
ktap_klog_clean
ktap_finished
