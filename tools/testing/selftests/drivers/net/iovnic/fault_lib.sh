#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Fault-injection helpers (source after pf_lib.sh or vf_lib.sh). They need a
# kernel with FAULT_INJECTION_DEBUG_FS and FAIL_FUNCTION (make check-debug);
# on any other kernel the tests skip and say why.

FAULT_FN_DIR=/sys/kernel/debug/fail_function

# fault_require: skips the whole test unless function error injection exists.
fault_require() {
	[ -d /sys/kernel/debug ] && ! mountpoint -q /sys/kernel/debug &&
		mount -t debugfs none /sys/kernel/debug 2>/dev/null
	[ -w "$FAULT_FN_DIR/inject" ] ||
		skip "kernel without FAIL_FUNCTION (fault injection runs in make check-debug)"
}

# fault_fn_on FUNCTION PERCENT: FUNCTION fails (returns its injectable error
# value) in PERCENT of calls, from now on, silently.
fault_fn_on() {
	local fn=$1 pct=$2

	[ -e "$FAULT_FN_DIR/$fn" ] || echo "$fn" >"$FAULT_FN_DIR/inject" || return 1
	echo "$pct" >"$FAULT_FN_DIR/probability"
	echo 1 >"$FAULT_FN_DIR/interval"
	echo -1 >"$FAULT_FN_DIR/times"
	echo 0 >"$FAULT_FN_DIR/space"
	echo 0 >"$FAULT_FN_DIR/verbose"
}

# fault_fn_off: no function fails any more.
fault_fn_off() {
	[ -w "$FAULT_FN_DIR/inject" ] || return 0
	echo 0 >"$FAULT_FN_DIR/probability" 2>/dev/null
	echo >"$FAULT_FN_DIR/inject" 2>/dev/null
	return 0
}

FAULT_SLAB_DIR=/sys/kernel/debug/failslab

# fault_slab_require: skips the whole test unless failslab exists.
fault_slab_require() {
	[ -w "$FAULT_SLAB_DIR/probability" ] ||
		skip "kernel without FAILSLAB (fault injection runs in make check-debug)"
}

# fault_slab_arm PERCENT: from now on slab allocations fail in PERCENT of
# calls, but only in tasks that asked for it (fault_slab_run).
fault_slab_arm() {
	echo Y >"$FAULT_SLAB_DIR/task-filter"
	echo "$1" >"$FAULT_SLAB_DIR/probability"
	echo 1 >"$FAULT_SLAB_DIR/interval"
	echo -1 >"$FAULT_SLAB_DIR/times"
	echo 0 >"$FAULT_SLAB_DIR/verbose"
	echo N >"$FAULT_SLAB_DIR/ignore-gfp-wait" 2>/dev/null
	return 0
}

# fault_slab_disarm: slab allocations stop failing.
fault_slab_disarm() {
	[ -w "$FAULT_SLAB_DIR/probability" ] || return 0
	echo 0 >"$FAULT_SLAB_DIR/probability"
}

# fault_slab_run COMMAND...: runs COMMAND in a task whose slab allocations
# may fail (what the kernel does for it synchronously, e.g. a PCI probe on
# a sysfs bind or an ethtool request); returns COMMAND's status.
fault_slab_run() {
	bash -c 'echo 1 >/proc/self/make-it-fail && exec "$@"' fault "$@"
}
