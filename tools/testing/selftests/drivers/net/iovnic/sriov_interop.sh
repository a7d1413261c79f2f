#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The interop matrix: {iovnic_pf, stock igb} x {iovnic_vf, stock igbvf},
# picked by IOVNIC_TEST_PF and IOVNIC_TEST_VF (stock|iovnic, default
# iovnic). Every pairing must pass the base protocol end to end: reset
# handshake (MAC, carrier), a MAC the VF picks itself, a VLAN, a multicast
# group, MTU 9000 and traffic, between two VFs in two namespaces.
#
# The extensions need iovnic on both ends: there the VF must have
# negotiated version 1 with every capability and two queue pairs, and learnt
# the PF's frame limit. Live administration needs iovnic_pf (a stock igbvf
# is pushed into a reset by it, iovnic_vf is told by an EVENT): a new MAC
# and a port VLAN set from the host are carried by the running VF within
# 2 s (igbvf: its watchdog's pace), without a driver reload. Elsewhere those checks are SKIPs that say
# why, never failures.
# timeout: 240

source "$(dirname "$0")/lib.sh"

: "${IOVNIC_TEST_PF:=iovnic}"
: "${IOVNIC_TEST_VF:=iovnic}"

case $IOVNIC_TEST_PF in
stock) PF_DRV=igb ;;
iovnic) PF_DRV=iovnic_pf ;;
*) fail "bad IOVNIC_TEST_PF=$IOVNIC_TEST_PF" ;;
esac
case $IOVNIC_TEST_VF in
stock) VF_DRV=igbvf ;;
iovnic) VF_DRV=iovnic_vf ;;
*) fail "bad IOVNIC_TEST_VF=$IOVNIC_TEST_VF" ;;
esac

interop_teardown() {
	iovnic_cleanup
	stock_unload igbvf
	module_loaded iovnic_vf && rmmod iovnic_vf
	[ -e "/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs" ] &&
		echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs" 2>/dev/null
	stock_unload igb
	iovnic_unload
}
trap interop_teardown EXIT

interop_load() { # driver
	case $1 in
	igb | igbvf) stock_load "$1" ;;
	iovnic_pf) iovnic_load lib pf ;;
	iovnic_vf) iovnic_load lib vf ;;
	esac
}

interop_setup() {
	local i bdf

	stock_unload igbvf
	module_loaded igb && [ "$PF_DRV" != igb ] && stock_unload igb
	interop_load "$PF_DRV" || return 1
	pci_bind "$IOVNIC_PF0" "$PF_DRV" || return 1
	PF_DEV=$(wait_netdev "$IOVNIC_PF0" 10) || return 1
	ip link set "$PF_DEV" up || return 1
	echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_drivers_autoprobe"
	sriov_set "$IOVNIC_PF0" 2 || return 1
	interop_load "$VF_DRV" || return 1
	for i in 0 1; do
		bdf=$(vf_bdf "$IOVNIC_PF0" "$i") || return 1
		pci_bind "$bdf" "$VF_DRV" || return 1
		VF_DEV[i]=$(wait_netdev "$bdf" 10) || return 1
	done
	ns_create vfa vfb || return 1
	ns_move "${VF_DEV[0]}" vfa 10.0.0.1/24 || return 1
	ns_move "${VF_DEV[1]}" vfb 10.0.0.2/24
}

carrier() { # ns dev
	[ "$(ip netns exec "$1" cat "/sys/class/net/$2/carrier" 2>/dev/null)" = 1 ]
}
ns_mac() { # ns dev
	ip netns exec "$1" cat "/sys/class/net/$2/address"
}
mac_is() { # ns dev mac
	[ "$(ns_mac "$1" "$2")" = "$3" ]
}
pf_vf_field() { # vf key: from iovnic_pf's debugfs
	awk -v n="$1" -v k="$2" '$1 == "vf" && $2 == n {
		for (i = 3; i < NF; i += 2) if ($i == k) print $(i + 1) }' \
		"/sys/kernel/debug/iovnic_pf/$IOVNIC_PF0/vfs" 2>/dev/null
}
flush_neigh() {
	ip -n vfa neigh flush all
	ip -n vfb neigh flush all
}

# mc_received: datagrams vfb got for 239.1.2.3 after joining the group
mc_received() {
	ip netns exec vfb python3 - <<'PY' &
import socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("", 5555))
s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
             struct.pack("4s4s", socket.inet_aton("239.1.2.3"),
                         socket.inet_aton("10.0.0.2")))
s.settimeout(6)
n = 0
try:
    while n < 10:
        s.recv(100)
        n += 1
except socket.timeout:
    pass
open("/tmp/iovnic_interop_mc", "w").write(str(n))
PY
	local rx=$!
	sleep 1.5	# the join travels through the PF's mailbox
	ip netns exec vfa python3 -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("10.0.0.1"))
for i in range(10):
    s.sendto(b"iovnic", ("239.1.2.3", 5555))
    time.sleep(0.1)'
	wait "$rx"
	cat /tmp/iovnic_interop_mc 2>/dev/null || echo 0
}

require_root
require_cmd python3
ktap_header
ktap_plan 10
klog_mark
ktap_info "PF $PF_DRV, VF $VF_DRV"

interop_setup || fail "setup with PF $PF_DRV and VF $VF_DRV failed"
a=${VF_DEV[0]} b=${VF_DEV[1]}

if wait_for 15 carrier vfa "$a" && wait_for 15 carrier vfb "$b" &&
   [ "$(ip netns exec vfa ethtool -i "$a" | awk '/^driver:/ {print $2}')" = "$VF_DRV" ] &&
   ! mac_is vfa "$a" 00:00:00:00:00:00; then
	ktap_ok "reset_handshake_carrier_mac"
else
	ktap_fail "reset_handshake_carrier_mac" "carrier/driver/MAC of $a: $(ns_mac vfa "$a")"
fi

ktap_check "traffic_ping" ns_ping vfa 10.0.0.2 3
bw=$(iperf_run vfb 10.0.0.2 vfa 3 | python3 -c '
import json, sys
try:
    print(int(json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e6))
except (ValueError, KeyError):
    print(0)')
ktap_info "iperf3 vfa -> vfb: ${bw:-0} Mbit/s"
if [ "${bw:-0}" -gt 0 ]; then
	ktap_ok "traffic_iperf3"
else
	ktap_fail "traffic_iperf3" "no throughput"
fi

if ip -n vfa link set "$a" address 02:11:22:33:44:55 &&
   mac_is vfa "$a" 02:11:22:33:44:55 && flush_neigh &&
   ns_ping vfb 10.0.0.1 3 >/dev/null; then
	ktap_ok "vf_sets_own_mac"
else
	ktap_fail "vf_sets_own_mac" "MAC now $(ns_mac vfa "$a")"
fi

for ns in vfa vfb; do
	dev=$a
	[ $ns = vfb ] && dev=$b
	ip -n $ns link add link "$dev" name vl20 type vlan id 20
	ip -n $ns link set vl20 up
done
ip -n vfa addr add 10.2.0.1/24 dev vl20
ip -n vfb addr add 10.2.0.2/24 dev vl20
ktap_check "vlan_subif_traffic" ns_ping vfa 10.2.0.2 3

n=$(mc_received)
ktap_info "multicast: vfb received $n of 10 for 239.1.2.3"
if [ "$n" -ge 8 ]; then
	ktap_ok "multicast_group_received"
else
	ktap_fail "multicast_group_received" "only $n of 10"
fi

if ip -n vfa link set "$a" mtu 9000 && ip -n vfb link set "$b" mtu 9000 &&
   wait_for 10 carrier vfa "$a" && wait_for 10 carrier vfb "$b" &&
   ip netns exec vfa ping -c 3 -s 8972 -M do -W 2 10.0.0.2 >/dev/null; then
	ktap_ok "mtu9000_traffic"
else
	ktap_fail "mtu9000_traffic" "jumbo ping failed"
fi
ip -n vfa link set "$a" mtu 1500
ip -n vfb link set "$b" mtu 1500

# --- extensions: iovnic on both ends ---
if [ "$PF_DRV" = iovnic_pf ] && [ "$VF_DRV" = iovnic_vf ]; then
	maxmtu=$(ip -n vfa -d link show "$a" | sed -n 's/.*maxmtu \([0-9]*\).*/\1/p')
	pairs=$(ip netns exec vfa ethtool -l "$a" | awk '/^Combined:/ {print $2; exit}')
	# the PF's frame limit less header and CRC, capped by iovnic_vf's own
	frame=$(vf_negotiated vfa "$a" pf_max_frame)
	want_mtu=$((${frame:-0} - 18))
	[ "$want_mtu" -gt 9216 ] && want_mtu=9216
	ktap_info "PF view: version $(pf_vf_field 0 mbx_version) caps $(pf_vf_field 0 mbx_caps) queue_pairs $(pf_vf_field 0 queue_pairs); VF max channels $pairs, maxmtu $maxmtu (PF frame limit ${frame:-?}: $want_mtu expected)"
	if [ "$(pf_vf_field 0 mbx_version)" = 1 ] &&
	   [ "$(pf_vf_field 0 mbx_caps)" = 0xf ] &&
	   [ "$(pf_vf_field 0 queue_pairs)" = 2 ] && [ "$pairs" = 2 ] &&
	   [ "${frame:-0}" -gt 1518 ] && [ "$maxmtu" = "$want_mtu" ]; then
		ktap_ok "extensions_negotiated"
	else
		ktap_fail "extensions_negotiated" "see the line above"
	fi
else
	ktap_skip "extensions_negotiated" \
		"needs iovnic_pf and iovnic_vf (stock peers speak the base protocol)"
fi

# --- live administration from the host ---
# iovnic_vf is told by an EVENT and must be back within 2 s; igbvf only
# notices the lost CTS on its watchdog and resets at most every 10 s
limit_ms=2500
[ "$VF_DRV" = igbvf ] && limit_ms=20000
if [ "$PF_DRV" = iovnic_pf ]; then
	ip -n vfa link del vl20
	t0=$(date +%s%N)
	ip link set "$PF_DEV" vf 0 mac 02:00:00:aa:bb:01
	ok=1
	wait_for $((limit_ms / 1000 + 3)) mac_is vfa "$a" 02:00:00:aa:bb:01 || ok=0
	flush_neigh
	wait_for 5 ns_ping vfa 10.0.0.2 1 || ok=0
	ms=$((($(date +%s%N) - t0) / 1000000))
	ktap_info "admin MAC: VF carried traffic with it after $ms ms"

	ip link set "$PF_DEV" vf 0 vlan 30
	ip -n vfb link add link "$b" name vl30 type vlan id 30
	ip -n vfb addr add 10.3.0.2/24 dev vl30
	ip -n vfb link set vl30 up
	ip -n vfa addr add 10.3.0.1/24 dev "$a"
	t0=$(date +%s%N)
	wait_for 5 ns_ping vfa 10.3.0.2 1 || ok=0
	ms2=$((($(date +%s%N) - t0) / 1000000))
	ktap_info "port VLAN 30: VF reached VLAN 30 after $ms2 ms"
	if [ $ok = 1 ] && [ "$ms" -le $limit_ms ] && [ "$ms2" -le 2500 ]; then
		ktap_ok "live_admin_mac_and_port_vlan"
	else
		ktap_fail "live_admin_mac_and_port_vlan" \
			"MAC $(ns_mac vfa "$a"), $ms ms / $ms2 ms (limit $limit_ms ms)"
	fi
	ip link set "$PF_DEV" vf 0 vlan 0
	ip link set "$PF_DEV" vf 0 mac 00:00:00:00:00:00
else
	ktap_skip "live_admin_mac_and_port_vlan" \
		"stock igb applies an administrator's change only after a VF driver reload"
fi

ktap_klog_clean "kernel_log_clean"
ktap_finished
