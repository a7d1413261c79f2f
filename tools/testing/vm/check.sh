#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# What `make check` (and CI) runs after `make setup`: the host-side checks,
# each one test result, then the VM suite.  Ends with the sum of all of
# them as "N passed, N failed" (skips on the line before); exit status 0
# only if nothing failed.  IOVNIC_LONG=1 (make check-long) is passed on to the VM tests.
#
#   build-w1         modules build for the guest kernel with W=1, no warnings
#   compat-<ver>     the same against each supported header set (6.1, 6.12)
#   compat-newest    the same against the newest kernel Debian has, in a
#                    chroot with its compiler (newest-kernel.sh)
#   dkms             dkms add/build/install/remove round trip
#   checkpatch       checkpatch --strict over drivers/ and include/
#   runner-selfcheck the VM runner reports a pass, a skip, a timeout, a
#                    failure, a kernel WARNING and a QEMU abort correctly
#   VM tests         every TEST_PROGS entry of the selftests Makefile
#   VM tests --iommu make check-long only: all of them again behind a
#                    strict vIOMMU, and TEST_PROGS_LONG (a VF in a nested
#                    guest through vfio-pci)
set -u

# The whole script is one compound command, parsed before it runs, so
# editing this file cannot break a run that is in progress.
{

VMDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pass=0 fail=0 skip=0 n=0

# result NAME COMMAND...: runs COMMAND (its output indented) and counts it.
result() {
	local name=$1 rc t0
	shift
	n=$((n + 1))
	t0=$(date +%s)
	echo "# $name: $*"
	"$@" 2>&1 | sed -u 's/^/#   /'
	rc=${PIPESTATUS[0]}
	if [ "$rc" = 0 ]; then
		pass=$((pass + 1))
		echo "ok $n $name # $(($(date +%s) - t0))s"
	else
		fail=$((fail + 1))
		echo "not ok $n $name # exit $rc after $(($(date +%s) - t0))s"
	fi
}

echo "TAP version 13"
result build-w1 "$VMDIR/build" --w1
for d in /usr/src/linux-headers-6.1.*-amd64 /usr/src/linux-headers-6.12*-amd64; do
	[ -f "$d/Makefile" ] || continue
	v=${d#/usr/src/linux-headers-}
	v=$(echo "$v" | cut -d. -f1,2)
	result "compat-$v" "$VMDIR/compat-check.sh" "$d"
done
result compat-newest "$VMDIR/newest-kernel.sh"
result dkms "$VMDIR/dkms-check.sh"
result checkpatch "$VMDIR/checkpatch.sh"
result runner-selfcheck "$VMDIR/run" --selfcheck

# vm_suite NAME [RUN ARGS...]: the VM suite prints its own KTAP and
# summary; add its counts (no summary: a build or boot failure, one failure).
vm_suite() {
	local name=$1 out line p f s

	shift
	echo "# $name: $VMDIR/run $*"
	out=$(mktemp "${TMPDIR:-/tmp}/iovnic-check.XXXXXX")
	"$VMDIR/run" "$@" 2>&1 | tee "$out"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$out" | tail -n 1)
	rm -f "$out"
	if [ -n "$line" ]; then
		read -r p _ f _ s _ <<<"$line"
		pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
	else
		echo "# $name produced no summary (build or boot failure): counted as one failure"
		fail=$((fail + 1))
	fi
}

vm_suite "VM suite"

# make check-long only: the whole VM suite once more behind a strict
# IOMMU (intel-iommu, iommu.strict=1), where a DMA to a wrong, stale or
# already unmapped address faults, and the runner fails the test whose
# kernel log shows the DMAR fault.
[ "${IOVNIC_LONG:-0}" = 1 ] && vm_suite "VM suite under the IOMMU" --iommu

# skips are neither: say how many, then the line CI reads
echo "# $skip skipped"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]

exit
}
