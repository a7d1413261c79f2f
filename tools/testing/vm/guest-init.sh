#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# PID 1 of the test VM (started by initramfs-init.sh after switch_root into
# the host root, shared read-only over 9p).  Runs what the host asked for in
# /run/iovnic/config.sh, writes results to /run/iovnic/results and powers
# the VM off.  Never exits: if init exits the kernel panics.
set -u

# The whole script is one compound command, parsed before it runs, so
# editing this file cannot break a run that is in progress.
{

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb LC_ALL=C

RUNDIR=/run/iovnic
RESULTS=$RUNDIR/results

poweroff_now() {
	sync
	echo o >/proc/sysrq-trigger
	sleep 30
}
trap poweroff_now EXIT

# shellcheck source=/dev/null
. "$RUNDIR/config.sh"

mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
# A kernel built in the tree (make check-debug) keeps its modules there:
# modprobe finds them through /lib/modules, which the host does not have.
if [ -n "${IOVNIC_MODROOT:-}" ]; then
	mount -t tmpfs -o mode=755 tmpfs /lib/modules &&
		ln -s "$IOVNIC_MODROOT/lib/modules/$(uname -r)" "/lib/modules/$(uname -r)"
fi
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mkdir -p /dev/pts /dev/shm
# No udev: bash process substitution (the kernel's ethtool_lib.sh) needs it.
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
mount -t devpts -o newinstance,ptmxmode=0666 devpts /dev/pts 2>/dev/null
mount -t tmpfs -o mode=1777 tmpfs /dev/shm 2>/dev/null
mkdir -p /run/netns /var/run 2>/dev/null
hostname iovnic-vm 2>/dev/null
ip link set lo up
mkdir -p "$RESULTS"

# Everything a test gets in its environment.
export IOVNIC_TREE IOVNIC_IOMMU IOVNIC_LONG
export IOVNIC_MODDIR=$RUNDIR/modules
export IOVNIC_PF0=0000:01:00.0
export IOVNIC_PF1=0000:02:00.0
IOVNIC_KVER=$(uname -r)
export IOVNIC_KVER
export IOVNIC_SELFTESTS=$IOVNIC_TREE/tools/testing/selftests/drivers/net/iovnic

# Kernel log lines that fail the test during which they appeared.
KLOG_BAD='WARNING:|BUG:|Oops|general protection|lockdep|possible circular locking|INFO: possible|KFENCE|KASAN|ODEBUG|kmemleak:.*leak|refcount_t|UBSAN|DMAR:.*[Ff]ault|DMAR: \[DMA|iommu fault|Call Trace'

# Returns the kernel log since the previous call and clears it, so each
# test is judged on the lines it caused.
klog_take() {
	dmesg -c 2>/dev/null
}

# Best effort return to a clean state between tests: no namespaces, no
# VFs, no driver module loaded.  Runs inside the test's kernel-log window so
# a splat on unload is charged to the test that left things behind.
cleanup_after_test() {
	local dev n m

	ip -all netns delete 2>/dev/null
	for dev in /sys/bus/pci/devices/*; do
		[ -w "$dev/sriov_numvfs" ] || continue
		n=$(cat "$dev/sriov_numvfs" 2>/dev/null)
		[ "${n:-0}" != 0 ] && [ -e "$dev/driver" ] &&
			echo 0 >"$dev/sriov_numvfs" 2>/dev/null
	done
	for m in iovnic_vf iovnic_pf iovnic_lib igbvf igb; do
		[ -d "/sys/module/$m" ] || continue
		rmmod "$m" 2>/dev/null || echo "cleanup: rmmod $m failed"
	done
}

# Prints "# " before each line, as the kselftest runner does for a test's
# own output nested in the top-level KTAP stream.
indent() {
	sed -u 's/^/# /'
}

test_timeout() {
	local t

	t=$(sed -n 's/^#[[:space:]]*timeout:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$1" | head -n 1)
	# a debug kernel is several times slower under TCG
	echo $(( ${t:-$IOVNIC_TIMEOUT} * ${IOVNIC_TIMEOUT_SCALE:-1} ))
}

# run_one INDEX PATH: runs one test and writes its result directory.
# A VARIANT "key=value[,key=value]" exports IOVNIC_TEST_<KEY>=value for
# that run only and is part of the test's name (TEST_PROGS entry
# "file.sh@key=value").
run_one() {
	local idx=$1 path=$2 variant=${3-} name to rc status reason dir hits t0 t1

	name=$(basename "$path")${variant:+@$variant}
	dir=$RESULTS/$(printf '%02d' "$idx")-$name
	mkdir -p "$dir"
	to=$(test_timeout "$path")
	klog_take >/dev/null
	echo "# selftests: iovnic: $name (timeout ${to}s)"
	t0=$(date +%s)
	(
		cd "$(dirname "$path")" || exit 1
		# shellcheck disable=SC2030  # for this test only
		export IOVNIC_TEST_OUT=$dir
		# several settings are comma-separated: "pf=stock,vf=iovnic"
		for kv in ${variant//,/ }; do
			key=${kv%%=*}
			export "IOVNIC_TEST_${key^^}=${kv#*=}"
		done
		exec timeout -k 10 "$to" bash "./$(basename "$path")"
	) </dev/null 2>&1 | tee "$dir/output" | indent
	rc=${PIPESTATUS[0]}
	t1=$(date +%s)
	cleanup_after_test 2>&1 | tee -a "$dir/output" | indent
	klog_take >"$dir/dmesg"

	hits=$(grep -E "$KLOG_BAD" "$dir/dmesg")
	case $rc in
	0) status=pass; reason= ;;
	4) status=skip
	   reason=$(grep -m1 -E '# (SKIP|skip)' "$dir/output" | sed 's/.*# [Ss][Kk][Ii][Pp] *//') ;;
	124|137) status=fail; reason="timeout after ${to}s" ;;
	*) status=fail; reason="exit code $rc" ;;
	esac
	if [ -n "$hits" ]; then
		status=fail
		reason="kernel log: $(echo "$hits" | wc -l) bad line(s)${reason:+; $reason}"
		echo "# kernel log of $name (lines matching the bad-pattern list marked >>):"
		KLOG_BAD=$KLOG_BAD awk 'BEGIN { pat = ENVIRON["KLOG_BAD"] }
			{ print (($0 ~ pat) ? ">> " : "   ") $0 }' "$dir/dmesg" | indent
	fi
	echo "$rc" >"$dir/rc"
	echo "$((t1 - t0))" >"$dir/seconds"
	echo "$reason" >"$dir/reason"
	echo "$status" >"$dir/status"
	case $status in
	pass) echo "ok $idx selftests: iovnic: $name" ;;
	skip) echo "ok $idx selftests: iovnic: $name # SKIP${reason:+ $reason}" ;;
	fail) echo "not ok $idx selftests: iovnic: $name # $reason" ;;
	esac
}

run_tests() {
	local n=0 t spec variant

	# shellcheck disable=SC2086
	set -- $IOVNIC_TESTS
	echo "TAP version 13"
	echo "1..$#"
	for spec; do
		n=$((n + 1))
		t=${spec%%@*}
		variant=
		[ "$t" = "$spec" ] || variant=${spec#*@}
		case $t in
		/*) ;;
		*) t=$IOVNIC_SELFTESTS/$t ;;
		esac
		# a second boot after QEMU aborted: keep what the first one found
		if [ -f "$RESULTS/$(printf '%02d' $n)-$(basename "$spec")/status" ]; then
			echo "# $(basename "$spec"): result kept from the previous boot"
			continue
		fi
		if [ ! -f "$t" ]; then
			mkdir -p "$RESULTS/$(printf '%02d' $n)-$(basename "$spec")"
			echo "missing test file" >"$RESULTS/$(printf '%02d' $n)-$(basename "$spec")/reason"
			echo fail >"$RESULTS/$(printf '%02d' $n)-$(basename "$spec")/status"
			echo "not ok $n selftests: iovnic: $(basename "$spec") # no such file: $t"
			continue
		fi
		run_one "$n" "$t" "$variant"
	done
}

# run_script NAME FILE: runs a script (--cmd, --demo, --bench) with the
# per-test timeout, output to the console and to results/NAME.
run_script() {
	local name=$1 file=$2 rc

	klog_take >/dev/null
	(
		cd "$IOVNIC_TREE" || exit 1
		# shellcheck disable=SC2031
		export IOVNIC_TEST_OUT=$RESULTS
		exec timeout -k 10 "$IOVNIC_TIMEOUT" bash "$file"
	) </dev/null 2>&1 | tee "$RESULTS/$name.output"
	rc=${PIPESTATUS[0]}
	[ "$rc" = 124 ] && echo "$name: timed out after ${IOVNIC_TIMEOUT}s"
	klog_take >"$RESULTS/$name.dmesg"
	if grep -qE "$KLOG_BAD" "$RESULTS/$name.dmesg"; then
		echo "--- kernel log has bad lines:"
		grep -E "$KLOG_BAD" -A 20 "$RESULTS/$name.dmesg"
		[ "$rc" = 0 ] && rc=99
	fi
	echo "$rc" >"$RESULTS/$name.rc"
}

echo "# iovnic-vm: up after $(cut -d' ' -f1 /proc/uptime)s of guest time, kernel $IOVNIC_KVER, iommu=$IOVNIC_IOMMU"
klog_take >"$RESULTS/boot.dmesg"
if grep -qE "$KLOG_BAD" "$RESULTS/boot.dmesg"; then
	echo "# note: the kernel log of the boot itself has suspicious lines:"
	grep -E "$KLOG_BAD" "$RESULTS/boot.dmesg" | indent
fi

case $IOVNIC_MODE in
tests) run_tests ;;
cmd) run_script cmd "$RUNDIR/cmd.sh" ;;
demo) run_script demo "$IOVNIC_TREE/tools/testing/vm/demo.sh" ;;
bench) run_script bench "$IOVNIC_BENCH" ;;
*) echo "guest-init: unknown mode $IOVNIC_MODE" ;;
esac

echo "finished" >"$RESULTS/done"
echo "# iovnic-vm: done"
poweroff_now

exit
}
