#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# SR-IOV churn: sriov_numvfs 0 -> 7 -> 0 over and over (7 VFs bound to the
# VF driver of IOVNIC_TEST_VF and up) while the PF streams iperf3 TCP to
# its link partner.  Every cycle must create and remove all seven VFs and
# their netdevs, the PF stream must move data in every cycle and survive
# all of them, and memory must not grow: a driver that leaks anything per
# VF or per enable shows up in unreclaimable slab or in held pages after
# enough cycles (limits at mem_report below).
# 6 cycles for make check (about 3 minutes under TCG), 100 for
# make check-long (IOVNIC_LONG=1).
# timeout: 2400

source "$(dirname "$0")/sriov_lib.sh"
source "$(dirname "$0")/churn_lib.sh"

require_root
require_cmd iperf3
ktap_header
ktap_plan 7
klog_mark

nvfs=7
cycles=6
[ "$IOVNIC_LONG" = 1 ] && cycles=100

sriov_pf_up || fail "PF setup failed"
[ -n "$PF1_DEV" ] || fail "no netdev on $IOVNIC_PF1"
ns_create wire
ns_move "$PF1_DEV" wire 10.22.0.2/24 || fail "cannot move $PF1_DEV"
ip addr add 10.22.0.1/24 dev "$PF_DEV"
wait_for 10 ns_carrier wire "$PF1_DEV" || fail "PF1 has no carrier"
ns_ping wire 10.22.0.1 1 >/dev/null

# shellcheck disable=SC2317 # called through wait_for
rx_bytes() {
	ip netns exec wire cat "/sys/class/net/$PF1_DEV/statistics/rx_bytes"
}

# One cycle: enable, bring every VF up, disable; errors go to err_cycle.
churn_cycle() {
	local i=$1 v drv

	if ! sriov_enable "$nvfs"; then
		err_cycle=${err_cycle:-"cycle $i: enable failed"}
	else
		for ((v = 0; v < nvfs; v++)); do
			ip link set "${VF_DEV[v]}" up ||
				err_cycle=${err_cycle:-"cycle $i: VF $v does not go up"}
		done
	fi
	echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs" ||
		err_cycle=${err_cycle:-"cycle $i: disable failed"}
	[ -e "/sys/bus/pci/devices/$IOVNIC_PF0/virtfn0" ] &&
		err_cycle=${err_cycle:-"cycle $i: VF 0 still there"}
	drv=$(sriov_vf_driver)
	v=$(pci_driver_devices "$drv")
	[ -z "$v" ] || err_cycle=${err_cycle:-"cycle $i: $drv still bound to $v"}
	for v in "${VF_DEV[@]}"; do
		[ -e "/sys/class/net/$v" ] &&
			err_cycle=${err_cycle:-"cycle $i: netdev $v left behind"}
	done
}

# The PF stream, paced so that the churn still gets CPU under TCG.
ip netns exec wire iperf3 -s -B 10.22.0.2 >/dev/null 2>&1 &
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $!"
wait_for 10 iperf_listening wire 5201 || fail "iperf3 server did not start"
iperf3 -c 10.22.0.2 -t 86400 -b 50M >"$IOVNIC_TEST_OUT/churn_iperf3.txt" 2>&1 &
client=$!
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $client"
sleep 2

# The first cycles load the VF driver and fill the caches: warm-up.
err_cycle="" err_traffic=""
churn_cycle -1
churn_cycle 0
mem_snapshot mem_base

t0=$(date +%s)
for i in $(seq 1 "$cycles"); do
	b0=$(rx_bytes)
	churn_cycle "$i"
	b1=$(rx_bytes)
	[ "$b1" -gt "$b0" ] ||
		err_traffic=${err_traffic:-"cycle $i: the link partner received nothing"}
	kill -0 "$client" 2>/dev/null ||
		err_traffic=${err_traffic:-"cycle $i: iperf3 client ended: $(tail -n 1 "$IOVNIC_TEST_OUT/churn_iperf3.txt")"}
done
t1=$(date +%s)
secs=$((t1 - t0))
[ "$secs" -gt 0 ] || secs=1
ktap_info "cycles survived: $cycles of $cycles x (0 -> $nvfs -> 0 VFs, $(sriov_vf_driver)) in ${secs} s, $((secs * 1000 / cycles)) ms/cycle"
[ -z "$err_cycle" ] || ktap_info "first cycle error: $err_cycle"

alive=0
kill -0 "$client" 2>/dev/null && alive=1
kill "$client" 2>/dev/null
wait "$client" 2>/dev/null

mem_snapshot mem_end

report() {
	if [ -z "$2" ]; then ktap_ok "$1"; else ktap_fail "$1" "$2"; fi
}
report "churn_${cycles}_cycles" "$err_cycle"
report "pf_traffic_every_cycle" "$err_traffic"
report "pf_stream_survived" "$([ "$alive" = 1 ] || echo "the iperf3 client died")"
if ping -c 3 -i 0.3 -W 2 10.22.0.2 >/dev/null; then
	ktap_ok "pf_ping_after_churn"
else
	ktap_fail "pf_ping_after_churn" "PF0 -> PF1 ping failed"
fi

# Limits, from settled snapshots of this guest: with iovnic_vf,
# SUnreclaim stays within some 50 KiB over 10 cycles and "kernel pages"
# within some 200 KiB; with the stock igbvf, SUnreclaim still grows by
# about 40 KiB per cycle over the first few cycles (kernel caches warming
# up: flat after that), hence two warm-up cycles and a 512 KiB floor.
# A leak is much larger: one leaked netdev is more than 16 KiB of slab
# (net_device and its queues, sysfs and kobject nodes), a leaked VF
# pci_dev more than 8 KiB, both times 7 VFs per cycle (a netdev per VF per
# cycle fails the short form: 6 x 7 x 16 = 672 KiB > 560 KiB); the RX
# buffers or descriptor rings of one VF are at least 256 pages (1 MiB).
# So SUnreclaim may grow by 512 KiB + 8 KiB per cycle, kernel pages by
# 1 MiB + 16 KiB per cycle (a page per VF per cycle fails the long form).
mem_report mem_base mem_end "$cycles" 512 8 1024 16

dma_faults_info
ktap_klog_clean "kernel_log_clean"
ktap_finished
