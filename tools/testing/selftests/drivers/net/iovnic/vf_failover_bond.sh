#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The migration story of Documentation/networking/device_drivers/ethernet/
# iovnic.rst ("Live migration with a VF"): a guest's bond in active-backup
# mode runs over a VF (primary) and a software path (a veth whose peer is
# bridged with the PF, as a virtio backend would be); the host takes the
# VF away and gives it back while a ping runs every 10 ms:
#   unplug         the VF driver's remove, as a guest's PCI hot unplug
#                  (pciehp, ACPI eject) calls it: unbind, then bind again.
#                  (The kernel offers no <vf>/remove: the PCI core hides
#                  "remove" and "rescan" for VFs.)
#   numvfs_cycle   sriov_numvfs 0, then back to 1
#   flr            echo 1 > <vf>/reset (the FLR vfio-pci does on release)
# For each: the frames lost and the longest gap between two replies while
# the bond moves to the backup, and the time from giving the VF back (for
# the FLR: from the reset) to the bond running on it again; the test
# re-enslaves the new netdev, as the guest's udev/NetworkManager would.
# A case fails if traffic stops for more than GAP_MAX_MS or the VF does
# not carry it again within 60 s.
# PF: iovnic_pf; VF driver from IOVNIC_TEST_VF (stock igbvf | iovnic).
# timeout: 240

source "$(dirname "$0")/sriov_lib.sh"

require_root
require_cmd ping awk
ktap_header
ktap_plan 7
klog_mark

GAP_MAX_MS=5000
MAC=02:00:00:00:f0:01
PING_LOG=$IOVNIC_TEST_OUT/failover-ping.log
drv=$(sriov_vf_driver) || fail "bad IOVNIC_TEST_VF=$IOVNIC_TEST_VF"

modprobe bonding max_bonds=0 2>/dev/null
modprobe bridge 2>/dev/null
modprobe veth 2>/dev/null

failover_teardown() {
	ip link del br0 2>/dev/null
	ip link del vh 2>/dev/null
	sriov_teardown
}
trap failover_teardown EXIT

# --- the host: PF in bridge br0 (10.20.0.2) with the backup path's peer ---
sriov_pf_up || fail "PF setup failed"
pfmac=$(cat "/sys/class/net/$PF_DEV/address")
ip link add br0 type bridge || fail "no bridge support"
# The bridge answers with the PF's MAC, which the PF's RAR 0 matches: the
# VF reaches it through the internal switch.
ip link set br0 address "$pfmac"
ip link set "$PF_DEV" master br0 || fail "cannot bridge $PF_DEV"
ip addr add 10.20.0.2/24 dev br0
ip link set br0 up

# --- the "guest": bond0 (10.20.0.1) in namespace gst ---
ns_create gst || fail "cannot create namespace"
ip -n gst link add bond0 type bond mode active-backup miimon 100 ||
	fail "no bonding support"
ip -n gst link set bond0 address "$MAC"
ip netns exec gst sh -c 'echo vfp >/sys/class/net/bond0/bonding/primary' ||
	fail "cannot set the bond's primary"
ip link add vh type veth peer name vb || fail "no veth support"
ip link set vb netns gst
ip link set vh master br0
ip link set vh up
ip -n gst link set vb master bond0 || fail "cannot enslave the veth"
ip -n gst link set bond0 up
ip -n gst addr add 10.20.0.1/24 dev bond0

echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_drivers_autoprobe"
case $drv in
igbvf) stock_load igbvf || fail "no igbvf" ;;
*) iovnic_load lib vf || fail "no iovnic_vf" ;;
esac

# vf_attach: VF 0 gets the admin MAC (the bond's), the VF driver, and its
# new netdev joins bond0 as "vfp" (the bond's primary).
vf_attach() {
	local bdf dev

	wait_for 10 vf_bdf "$IOVNIC_PF0" 0 >/dev/null || { echo "# no VF 0"; return 1; }
	bdf=$(vf_bdf "$IOVNIC_PF0" 0)
	ip link set "$PF_DEV" vf 0 mac "$MAC" || return 1
	pci_bind "$bdf" "$drv" || { echo "# $drv did not bind $bdf"; return 1; }
	dev=$(wait_netdev "$bdf" 10) || { echo "# no netdev for $bdf"; return 1; }
	ip link set "$dev" netns gst || return 1
	ip -n gst link set "$dev" name vfp || return 1
	ip -n gst link set vfp master bond0
}

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

active() {
	ip netns exec gst cat /sys/class/net/bond0/bonding/active_slave 2>/dev/null
}

active_is() {
	[ "$(active)" = "$1" ]
}

# vfp_fails: the bond's "Link Failure Count" of vfp (-1 once it is gone).
vfp_fails() {
	ip netns exec gst awk '/^Slave Interface:/ { s = $3 }
		s == "vfp" && /^Link Failure Count:/ { print $4; f = 1 }
		END { if (!f) print -1 }' /proc/net/bonding/bond0
}

vfp_rx() {
	ip netns exec gst cat /sys/class/net/vfp/statistics/rx_packets 2>/dev/null || echo 0
}

vfp_rx_grows() {
	[ "$(vfp_rx)" -gt "$rx0" ]
}

# ping_start: 100 pings a second from the guest to the host, timestamped.
ping_start() {
	ip netns exec gst ping -D -i 0.01 -W 1 10.20.0.2 >"$PING_LOG" 2>&1 &
	PING_PID=$!
	IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $PING_PID"
}

# ping_stop: ends the ping; sets SENT, LOST and GAP_MS (the longest time
# between two replies, including the one before the event).
ping_stop() {
	kill -INT "$PING_PID" 2>/dev/null
	wait "$PING_PID" 2>/dev/null
	cat "$PING_LOG" >>"$IOVNIC_TEST_OUT/failover-ping-all.log"
	read -r SENT LOST GAP_MS < <(awk '
		/bytes from/ { t = substr($1, 2, length($1) - 2) + 0
			if (last && (t - last) * 1000 > gap) gap = (t - last) * 1000
			last = t; rx++ }
		/packets transmitted/ { tx = $1 }
		END { printf "%d %d %d\n", tx, tx - rx, gap }' "$PING_LOG")
}

# replies_flow: the ping got a reply in the last half second.
replies_flow() {
	local t

	t=$(awk '/bytes from/ { t = substr($1, 2, length($1) - 2) } END { print t + 0 }' "$PING_LOG")
	awk -v t="$t" -v now="$(date +%s.%N)" 'BEGIN { exit !(now - t < 0.5) }'
}

# event NAME TAKE GIVE: with the bond on the VF and pings running, TAKE
# takes the VF away; measures the failover; then GIVE gives it back (GIVE
# "-" for an event that keeps the VF) and measures the way back.
event() {
	local name=$1 take=$2 give=$3 t0 back_ms ok=1 msg="" fails0 moved

	wait_for 30 active_is vfp || { ktap_fail "${name}_failover" "bond not on the VF: $(active)"
				       ktap_fail "${name}_back_on_vf" "not started"; return; }
	ping_start
	wait_for 10 replies_flow
	sleep 1
	fails0=$(vfp_fails)
	t0=$(now_ms)
	$take
	if [ "$give" = - ]; then
		sleep 3
	else
		wait_for 10 active_is vb || msg="bond did not move to the backup ($(active))"
		wait_for 5 replies_flow || msg="${msg:-no replies on the backup}"
		sleep 1
	fi
	ping_stop
	moved=no
	[ "$(vfp_fails)" = "$fails0" ] || moved=yes
	ktap_info "$name: away: $SENT sent, $LOST lost, longest gap ${GAP_MS} ms; the bond left the VF: $moved"
	[ "$GAP_MS" -le "$GAP_MAX_MS" ] || msg="${msg:-traffic stopped for ${GAP_MS} ms}"
	if [ -z "$msg" ] && [ "$SENT" -gt 0 ]; then
		ktap_ok "${name}_failover"
	else
		ktap_fail "${name}_failover" "${msg:-no pings sent}"
	fi

	msg=""
	ping_start
	wait_for 5 replies_flow
	# an event that keeps the VF counts from the event itself
	[ "$give" = - ] || t0=$(now_ms)
	[ "$give" = - ] || $give || msg="giving the VF back failed"
	wait_for 60 active_is vfp || msg="${msg:-bond not back on the VF ($(active))}"
	back_ms=$(($(now_ms) - t0))
	rx0=$(vfp_rx)
	wait_for 10 vfp_rx_grows || msg="${msg:-no traffic on the VF}"
	sleep 1
	ping_stop
	if [ "$give" = - ]; then
		ktap_info "$name: back: on the VF within $back_ms ms of the event (the first 3 s of them watching it); $SENT sent, $LOST lost, longest gap ${GAP_MS} ms"
	else
		ktap_info "$name: back: on the VF after $back_ms ms; $SENT sent, $LOST lost, longest gap ${GAP_MS} ms"
	fi
	[ "$GAP_MS" -le "$GAP_MAX_MS" ] || msg="${msg:-traffic stopped for ${GAP_MS} ms}"
	if [ -z "$msg" ]; then
		ktap_ok "${name}_back_on_vf"
	else
		ok=0
		ktap_fail "${name}_back_on_vf" "$msg"
	fi
	[ $ok = 1 ] || diag
}

diag() {
	ip netns exec gst cat /proc/net/bonding/bond0 | sed 's/^/# /'
	bridge fdb show br br0 | grep -i "$MAC" | sed 's/^/# fdb /'
}

take_unplug() {
	pci_unbind "$(vf_bdf "$IOVNIC_PF0" 0)"
}

take_numvfs() {
	sriov_set "$IOVNIC_PF0" 0
}

give_numvfs() {
	sriov_set "$IOVNIC_PF0" 1 && vf_attach
}

take_flr() {
	echo 1 >"/sys/bus/pci/devices/$(vf_bdf "$IOVNIC_PF0" 0)/reset"
}

sriov_set "$IOVNIC_PF0" 1 || fail "cannot enable a VF"
vf_attach || fail "VF 0 did not join the bond"
ktap_info "bond: active-backup miimon 100, primary vfp ($drv VF 0, admin MAC $MAC), backup vb (veth, bridged with $PF_DEV)"

[ -e "/sys/bus/pci/devices/$(vf_bdf "$IOVNIC_PF0" 0)/remove" ] ||
	ktap_info "no remove attribute for a VF: its hot unplug is its driver's remove"
event unplug take_unplug vf_attach
event numvfs_cycle take_numvfs give_numvfs
event flr take_flr -
ktap_klog_clean "kernel_log_clean"
ktap_finished
