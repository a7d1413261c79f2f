#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Loading iovnic_lib, iovnic_pf and iovnic_vf binds iovnic_pf to both
# 82576 PFs, with no stock igb/igbvf module anywhere; unloading removes all
# three and leaves the PFs driverless; 20 cycles (200 with IOVNIC_LONG=1)
# leave a clean kernel log.  Never skipped: everything else depends on it.
# timeout: 240

# shellcheck source=tools/testing/selftests/drivers/net/iovnic/lib.sh
source "$(dirname "$0")/lib.sh"

cycles=20
[ "$IOVNIC_LONG" = 1 ] && cycles=200

ktap_header
ktap_plan 5

err_load="" err_bind="" err_stock="" err_unload=""

# Stock drivers must not be there before we start either.
for m in igb igbvf; do
	module_loaded "$m" && err_stock="$m loaded before the first cycle"
done

klog_mark
for i in $(seq 1 "$cycles"); do
	if ! iovnic_load lib pf vf; then
		err_load=${err_load:-"cycle $i: load failed"}
		iovnic_unload
		continue
	fi
	for bdf in "$IOVNIC_PF0" "$IOVNIC_PF1"; do
		drv=$(pci_driver "$bdf")
		[ "$drv" = iovnic_pf ] || err_bind=${err_bind:-"cycle $i: $bdf driver is '${drv:-none}'"}
	done
	for m in igb igbvf; do
		module_loaded "$m" && err_stock=${err_stock:-"cycle $i: $m is loaded"}
	done
	for m in igb igbvf; do
		d=$(pci_driver_devices "$m")
		[ -z "$d" ] || err_stock=${err_stock:-"cycle $i: $m bound to $d"}
	done
	if ! iovnic_unload; then
		err_unload=${err_unload:-"cycle $i: unload failed"}
		continue
	fi
	for m in iovnic_lib iovnic_pf iovnic_vf; do
		module_loaded "$m" && err_unload=${err_unload:-"cycle $i: $m still loaded"}
	done
	for bdf in "$IOVNIC_PF0" "$IOVNIC_PF1"; do
		drv=$(pci_driver "$bdf")
		[ -z "$drv" ] || err_unload=${err_unload:-"cycle $i: $bdf still bound to $drv"}
	done
done

report() {
	if [ -z "$2" ]; then ktap_ok "$1"; else ktap_fail "$1" "$2"; fi
}
report "load_${cycles}_cycles" "$err_load"
report "pf_bound_to_both_82576" "$err_bind"
report "no_stock_driver_bound" "$err_stock"
report "unload_leaves_pfs_driverless" "$err_unload"
bad=$(klog_bad_lines)
[ -n "$bad" ] && while IFS= read -r l; do echo "# $l"; done <<<"$bad"
report "kernel_log_clean" "${bad:+$(echo "$bad" | wc -l) bad kernel log line(s)}"
ktap_finished
