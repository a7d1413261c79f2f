#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs last: asks kmemleak for a scan after the whole suite has loaded,
# used and unloaded the drivers many times, and fails on any unreferenced
# object allocated by an iovnic module (or by the stock igb/igbvf the
# suite drives as controls; those are reported, not failed). Needs a
# kernel with DEBUG_KMEMLEAK (make check-debug).
# timeout: 240

source "$(dirname "$0")/lib.sh"

KML=/sys/kernel/debug/kmemleak
ktap_header
[ -w "$KML" ] || skip "kernel without DEBUG_KMEMLEAK (runs in make check-debug)"
ktap_plan 1
# nothing of ours may be left loaded to hold references
for m in iovnic_vf iovnic_pf iovnic_lib; do
	module_loaded "$m" && rmmod "$m"
done
# objects must survive two scans to be reported; give RCU and deferred
# frees time in between
for i in 1 2 3; do
	sleep 5
	echo scan >"$KML"
done
report=$(cat "$KML")
ours=$(echo "$report" | awk 'BEGIN { RS = "unreferenced object" }
	/iovnic_/ { print "unreferenced object" $0 }')
stock=$(echo "$report" | grep -c '\[igbv\?f\?\]')
ktap_info "kmemleak: $(echo "$report" | grep -c '^unreferenced object') unreferenced object(s) in all, $stock frame(s) in igb/igbvf"
if [ -z "$ours" ]; then
	ktap_ok no_iovnic_leaks
else
	echo "$ours" | head -n 60 | sed 's/^/# /'
	ktap_fail no_iovnic_leaks "kmemleak reports objects allocated by iovnic"
fi
ktap_finished
