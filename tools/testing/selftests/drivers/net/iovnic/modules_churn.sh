#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Module churn: load iovnic_lib, iovnic_pf and iovnic_vf, enable 2 VFs on
# PF0 bound to iovnic_vf and up, then unload all three (every other cycle
# with the VFs still enabled, so that iovnic_pf's remove has to tear them
# down), over and over.  After every unload nothing of ours may be left:
# no module, no VF, no netdev driven by iovnic_*, no debugfs entry, no PF
# bound.  Memory must not grow over the cycles (limits at mem_report).
# 8 cycles for make check, 100 for make check-long (IOVNIC_LONG=1).
# timeout: 2400

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/churn_lib.sh"

require_root
ktap_header
ktap_plan 6

nvfs=2
cycles=8
[ "$IOVNIC_LONG" = 1 ] && cycles=100
numvfs=/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs

stock_unload igbvf
stock_unload igb
klog_mark

# our_netdevs: netdevs whose device is driven by one of our modules.
our_netdevs() {
	local n d

	for n in /sys/class/net/*; do
		d=$(readlink "$n/device/driver" 2>/dev/null) || continue
		case ${d##*/} in iovnic_*) echo "${n##*/}" ;; esac
	done
	return 0
}

# load_and_enable I: errors go to err_load.
load_and_enable() {
	local i=$1 v bdf pf dev

	iovnic_load lib pf vf || { err_load=${err_load:-"cycle $i: load failed"}; return; }
	for bdf in "$IOVNIC_PF0" "$IOVNIC_PF1"; do
		[ "$(pci_driver "$bdf")" = iovnic_pf ] ||
			err_load=${err_load:-"cycle $i: iovnic_pf not bound to $bdf"}
	done
	pf=$(wait_netdev "$IOVNIC_PF0" 10) || { err_load=${err_load:-"cycle $i: no PF netdev"}; return; }
	ip link set "$pf" up
	echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_drivers_autoprobe"
	echo "$nvfs" >"$numvfs" || { err_load=${err_load:-"cycle $i: enabling VFs failed"}; return; }
	for ((v = 0; v < nvfs; v++)); do
		bdf=$(vf_bdf "$IOVNIC_PF0" "$v") && pci_bind "$bdf" iovnic_vf &&
			dev=$(wait_netdev "$bdf" 10) && ip link set "$dev" up ||
			err_load=${err_load:-"cycle $i: VF $v not bound/up"}
	done
}

# unload_and_check I: errors go to err_unload and err_left.
unload_and_check() {
	local i=$1 m bdf left

	# odd cycles: VFs disabled first; even cycles: iovnic_pf's remove does it
	[ $((i % 2)) = 1 ] && echo 0 >"$numvfs"
	iovnic_unload || err_unload=${err_unload:-"cycle $i: unload failed"}
	for m in iovnic_vf iovnic_pf iovnic_lib; do
		module_loaded "$m" && err_unload=${err_unload:-"cycle $i: $m still loaded"}
	done
	for bdf in "$IOVNIC_PF0" "$IOVNIC_PF1"; do
		[ -z "$(pci_driver "$bdf")" ] ||
			err_left=${err_left:-"cycle $i: $bdf still bound"}
	done
	[ -e "/sys/bus/pci/devices/$IOVNIC_PF0/virtfn0" ] &&
		err_left=${err_left:-"cycle $i: VFs still there"}
	left=$(our_netdevs)
	[ -z "$left" ] || err_left=${err_left:-"cycle $i: netdevs left: $left"}
	left=$(ls -d /sys/kernel/debug/iovnic_* 2>/dev/null)
	[ -z "$left" ] || err_dbg=${err_dbg:-"cycle $i: debugfs left: $left"}
}

err_load="" err_unload="" err_left="" err_dbg=""
# warm-up: the first load pulls the modules through 9p and fills caches
load_and_enable 0
unload_and_check 0
mem_snapshot mem_base

t0=$(date +%s)
for i in $(seq 1 "$cycles"); do
	load_and_enable "$i"
	unload_and_check "$i"
done
secs=$(($(date +%s) - t0))
[ "$secs" -gt 0 ] || secs=1
ktap_info "cycles survived: $cycles x (load, $nvfs VFs bound and up, unload) in ${secs} s, $((secs * 1000 / cycles)) ms/cycle"
for e in "$err_load" "$err_unload" "$err_left" "$err_dbg"; do
	[ -z "$e" ] || ktap_info "first error: $e"
done

mem_snapshot mem_end

report() {
	if [ -z "$2" ]; then ktap_ok "$1"; else ktap_fail "$1" "$2"; fi
}
report "load_enable_unload_${cycles}_cycles" "$err_load$err_unload"
report "nothing_left_after_unload" "$err_left"
report "no_debugfs_left_after_unload" "$err_dbg"

# Limits (see sriov_churn_numvfs.sh): every cycle creates and frees two
# PF netdevs, two VF netdevs, two VF pci_devs, their rings and the
# modules' own memory, so a leak of any of those is at least 16 KiB of
# slab or 64 KiB of pages per cycle. Measured noise: SUnreclaim +36 KiB
# over 8 cycles, kernel pages within 200 KiB. SUnreclaim may grow by
# 512 KiB + 8 KiB per cycle, kernel pages by 1 MiB + 16 KiB per cycle.
mem_report mem_base mem_end "$cycles" 512 8 1024 16

dma_faults_info
ktap_klog_clean "kernel_log_clean"
ktap_finished
