#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers for the iovnic selftests.  Source it from a test:
#     source "$(dirname "$0")/lib.sh"
# Tests run in the VM of tools/testing/vm/run, which exports:
#   IOVNIC_MODDIR  directory with iovnic_lib.ko, iovnic_pf.ko, iovnic_vf.ko
#   IOVNIC_PF0     first 82576 (0000:01:00.0), IOVNIC_PF1 the second (0000:02:00.0),
#                  both cabled to each other (one QEMU hub)
#   IOVNIC_KVER    guest kernel release; IOVNIC_IOMMU 1 when the vIOMMU is on
#   IOVNIC_LONG    1 for the long variants (make check-long)
#   IOVNIC_TEST_OUT a writable directory kept with the run's logs
# Output is KTAP (ktap.sh, sourced here); exit codes follow kselftest:
# 0 pass, 1 fail, 4 skip.

# shellcheck source=ktap.sh
source "$(dirname "${BASH_SOURCE[0]}")/ktap.sh"

: "${IOVNIC_MODDIR:=}"
: "${IOVNIC_PF0:=0000:01:00.0}"
: "${IOVNIC_PF1:=0000:02:00.0}"
: "${IOVNIC_LONG:=0}"
: "${IOVNIC_TEST_OUT:=/tmp}"

IOVNIC_NETNS=""
IOVNIC_BG_PIDS=""

# require_cmd CMD...: skips the test unless every CMD is in PATH.
require_cmd() {
	local c

	for c; do
		command -v "$c" >/dev/null 2>&1 || skip "command $c not available"
	done
}

# require_root: skips the test unless running as root.
require_root() {
	[ "$(id -u)" -eq 0 ] || skip "needs root"
}

# wait_for TIMEOUT_S COMMAND...: polls COMMAND every 0.1 s until it succeeds
# (returns 0) or TIMEOUT_S seconds pass (returns 1).
wait_for() {
	local deadline=$(($(date +%s) + $1))

	shift
	while ! "$@"; do
		[ "$(date +%s)" -ge "$deadline" ] && return 1
		sleep 0.1
	done
	return 0
}

# module_loaded NAME: true if module NAME is loaded.
module_loaded() {
	[ -d "/sys/module/$1" ]
}

# iovnic_load [lib] [pf] [vf]: insmods our modules from $IOVNIC_MODDIR in
# dependency order (lib first); default: all three.  Already loaded ones are
# left alone.  Returns non-zero (and says why) if one fails.
iovnic_load() {
	local m want=("$@")

	[ ${#want[@]} -gt 0 ] || want=(lib pf vf)
	[ -n "$IOVNIC_MODDIR" ] || { echo "# IOVNIC_MODDIR is not set"; return 1; }
	for m in lib pf vf; do
		[[ " ${want[*]} " == *" $m "* ]] || [ "$m" = lib ] || continue
		module_loaded "iovnic_$m" && continue
		insmod "$IOVNIC_MODDIR/iovnic_$m.ko" || {
			echo "# insmod iovnic_$m.ko failed"; return 1; }
	done
}

# iovnic_unload: rmmods whatever of iovnic_vf, iovnic_pf, iovnic_lib is
# loaded, in that order.  Returns non-zero if one cannot be removed.
iovnic_unload() {
	local m rc=0

	for m in iovnic_vf iovnic_pf iovnic_lib; do
		module_loaded "$m" || continue
		rmmod "$m" || { echo "# rmmod $m failed"; rc=1; }
	done
	return $rc
}

# stock_load igb|igbvf: modprobes a stock driver from the guest kernel's
# modules (/lib/modules/$IOVNIC_KVER through the 9p root).
stock_load() {
	modprobe "$1" || { echo "# modprobe $1 failed"; return 1; }
}

# stock_unload igb|igbvf: removes a stock driver if loaded.
stock_unload() {
	module_loaded "$1" || return 0
	modprobe -r "$1"
}

# pci_driver BDF: prints the name of the driver bound to BDF (empty if none).
pci_driver() {
	local l

	l=$(readlink "/sys/bus/pci/devices/$1/driver" 2>/dev/null) || return 0
	echo "${l##*/}"
}

# pci_driver_devices DRIVER: prints the BDFs bound to DRIVER (none if the
# driver is not registered).  No forks: cheap enough for tight loops.
pci_driver_devices() {
	local l

	for l in /sys/bus/pci/drivers/"$1"/0000:*; do
		[ -e "$l" ] && echo "${l##*/}"
	done
	return 0
}

# pci_id BDF: prints "vendor:device" of BDF in lower case hex, e.g. 8086:10c9.
pci_id() {
	local d=/sys/bus/pci/devices/$1

	echo "$(sed 's/^0x//' "$d/vendor"):$(sed 's/^0x//' "$d/device")"
}

# pci_bind BDF DRIVER: binds BDF to DRIVER via driver_override (unbinding the
# current driver first); returns non-zero unless DRIVER ends up bound.
pci_bind() {
	local bdf=$1 drv=$2 d=/sys/bus/pci/devices/$1

	[ "$(pci_driver "$bdf")" = "$drv" ] && return 0
	[ -e "$d/driver" ] && echo "$bdf" >"$d/driver/unbind"
	echo "$drv" >"$d/driver_override"
	echo "$bdf" >/sys/bus/pci/drivers_probe 2>/dev/null
	echo "" >"$d/driver_override"
	[ "$(pci_driver "$bdf")" = "$drv" ]
}

# pci_unbind BDF: detaches whatever driver BDF has.
pci_unbind() {
	local d=/sys/bus/pci/devices/$1

	[ -e "$d/driver" ] || return 0
	echo "$1" >"$d/driver/unbind"
}

# iovnic_pf_bind BDF: loads lib+pf if needed and makes sure iovnic_pf drives
# BDF; returns non-zero if not.
iovnic_pf_bind() {
	iovnic_load lib pf || return 1
	pci_bind "$1" iovnic_pf
}

# pci_netdev BDF: prints the netdev name(s) of PCI function BDF (empty if the
# driver made none).
pci_netdev() {
	local n

	for n in /sys/bus/pci/devices/"$1"/net/*; do
		[ -e "$n" ] && echo "${n##*/}"
	done
	return 0
}

# wait_netdev BDF [TIMEOUT_S]: waits until BDF has a netdev and prints its name.
wait_netdev() {
	wait_for "${2:-5}" _has_netdev "$1" || return 1
	pci_netdev "$1" | head -n 1
}

# _has_netdev BDF: true if BDF has a netdev (wait_netdev's condition).
_has_netdev() {
	[ -n "$(pci_netdev "$1")" ]
}

# vf_bdf PF_BDF N: prints the BDF of VF N of PF_BDF (from the virtfnN link).
vf_bdf() {
	local l

	l=$(readlink "/sys/bus/pci/devices/$1/virtfn$2" 2>/dev/null) || return 1
	echo "${l##*/}"
}

# sriov_set PF_BDF N: sets sriov_numvfs (to 0 first if needed); returns the
# write's status.
sriov_set() {
	local f=/sys/bus/pci/devices/$1/sriov_numvfs

	if [ "$2" != 0 ] && [ "$(cat "$f")" != 0 ]; then
		echo 0 >"$f" || return 1
	fi
	echo "$2" >"$f"
}

# ns_create NAME...: creates network namespaces with lo up; they are deleted
# by the exit trap (iovnic_cleanup).
ns_create() {
	local ns

	for ns; do
		ip netns add "$ns" || return 1
		ip -n "$ns" link set lo up
		IOVNIC_NETNS="$IOVNIC_NETNS $ns"
	done
}

# ns_move DEV NS [ADDR/PREFIX]: moves netdev DEV into NS, sets it up and
# optionally gives it an address.
ns_move() {
	ip link set "$1" netns "$2" || return 1
	ip -n "$2" link set "$1" up || return 1
	[ -z "${3:-}" ] || ip -n "$2" addr add "$3" dev "$1"
}

# ns_ping NS ADDR [COUNT]: pings ADDR from NS (1 s deadline per packet).
ns_ping() {
	ip netns exec "$1" ping -c "${3:-3}" -i 0.2 -W 1 -w $((${3:-3} + 2)) "$2"
}

# iperf_listening NS PORT: true if a TCP socket listens on PORT in NS.
iperf_listening() {
	ip netns exec "$1" ss -Hltn "sport = :$2" | grep -q LISTEN
}

# iperf_run SERVER_NS SERVER_ADDR CLIENT_NS SECONDS [IPERF3 ARGS...]: runs an
# iperf3 server in SERVER_NS and a client in CLIENT_NS for SECONDS (hard
# bounded: killed after SECONDS+10); prints the client's JSON result. The
# client starts once the server listens: under TCG that can take a second.
iperf_run() {
	local sns=$1 addr=$2 cns=$3 secs=$4 spid rc

	shift 4
	ip netns exec "$sns" iperf3 -s -1 -B "$addr" >/dev/null 2>&1 &
	spid=$!
	IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $spid"
	wait_for 10 iperf_listening "$sns" 5201
	timeout -k 2 $((secs + 10)) ip netns exec "$cns" \
		iperf3 -c "$addr" -t "$secs" -J "$@"
	rc=$?
	kill "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
	return $rc
}

# iovnic_cleanup: kills background helpers and deletes the namespaces this
# test made; installed as the EXIT trap by lib.sh.
iovnic_cleanup() {
	local p ns

	for p in $IOVNIC_BG_PIDS; do
		kill "$p" 2>/dev/null
	done
	for ns in $IOVNIC_NETNS; do
		ip netns del "$ns" 2>/dev/null
	done
	IOVNIC_BG_PIDS=""
	IOVNIC_NETNS=""
}
trap iovnic_cleanup EXIT

# klog_mark: remembers the current end of the kernel log; klog_since_mark
# prints what was logged after it (for tests that check a message appears).
klog_mark() {
	IOVNIC_KLOG_MARK=$(dmesg | wc -l)
}

# klog_since_mark: kernel log lines since the last klog_mark.
klog_since_mark() {
	dmesg | tail -n +$((${IOVNIC_KLOG_MARK:-0} + 1))
}

# klog_bad_lines: prints kernel log lines since klog_mark that the runner
# would fail a test for (WARNING, BUG, Oops, lockdep, KFENCE, DMAR fault...).
klog_bad_lines() {
	klog_since_mark | grep -E 'WARNING:|BUG:|Oops|general protection|lockdep|possible circular locking|INFO: possible|KFENCE|refcount_t|UBSAN|DMAR:.*[Ff]ault|DMAR: \[DMA|iommu fault|Call Trace'
}

# vf_negotiated NS DEV NAME: value NAME (mbx_version, mbx_caps,
# pf_queue_pairs, pf_rss, pf_max_frame) of what iovnic_vf netdev DEV in
# namespace NS ("-" for this one) negotiated with its PF, from debugfs
# iovnic_vf/<PCI name>/negotiated; empty if absent.
vf_negotiated() {
	local bdf

	if [ "$1" = - ]; then
		bdf=$(ethtool -i "$2" | awk '$1 == "bus-info:" {print $2}')
	else
		bdf=$(ip netns exec "$1" ethtool -i "$2" | awk '$1 == "bus-info:" {print $2}')
	fi
	awk -v n="$3:" '$1 == n {print $2}' \
		"/sys/kernel/debug/iovnic_vf/$bdf/negotiated" 2>/dev/null
}

# ynl_netdev NS ARGS...: runs the kernel's ynl CLI for the netdev netlink
# family in network namespace NS ("-" for this one) with ARGS (e.g. --dump
# queue-get) and prints the reply as JSON. The CLI and spec come from the
# linux-source package (tools/testing/vm/linux-source.sh extracts them).
ynl_netdev() {
	local ns=$1 dir=${IOVNIC_TREE:-.}/.vm-build/linux-source

	shift
	set -- python3 "$dir/tools/net/ynl/cli.py" --schema '' --output-json \
		--spec "$dir/Documentation/netlink/specs/netdev.yaml" "$@"
	if [ "$ns" = - ]; then
		"$@"
	else
		ip netns exec "$ns" "$@"
	fi
}

# ynl_available: true if ynl_netdev can run here.
ynl_available() {
	[ -f "${IOVNIC_TREE:-.}/.vm-build/linux-source/tools/net/ynl/cli.py" ] &&
		python3 -c 'import yaml' 2>/dev/null
}

# ktap_klog_clean [NAME]: one case (default "kernel_log_clean") that fails if
# the kernel logged anything klog_bad_lines reports since klog_mark; the
# lines are printed as diagnostics.
ktap_klog_clean() {
	local name=${1:-kernel_log_clean} bad

	bad=$(klog_bad_lines)
	if [ -z "$bad" ]; then
		ktap_ok "$name"
	else
		echo "$bad" | sed 's/^/# /'
		ktap_fail "$name" "$(echo "$bad" | wc -l) bad line(s): $(echo "$bad" | head -n 1)"
	fi
}
