# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
# The variables are run's globals, shared by its parts:
# shellcheck disable=SC2034,SC2154
#
# tools/testing/vm/run, part 1: the command line.  Sourced by run; defines
# functions only (run calls them), so the whole runner is read before it
# starts and editing these files cannot break a run in progress.

usage() {
	cat <<'USAGE'
usage: tools/testing/vm/run [options]

Builds the modules (tools/testing/vm/build), boots a QEMU VM with two
emulated 82576 (PF0 0000:01:00.0, PF1 0000:02:00.0, both on one virtual
wire) and runs the selftests in it.  Prints the KTAP stream and ends with
"N passed, N failed, N skipped"; exit status 0 only if nothing failed.

  --tests "a.sh b.sh"  tests to run (default: TEST_PROGS of
                       tools/testing/selftests/drivers/net/iovnic/Makefile)
  --cmd 'COMMANDS'     run shell COMMANDS (bash) in the VM instead of tests and
                       print their output; exit status is theirs (or 99 if
                       the kernel log shows a WARN/BUG/... afterwards)
  --demo               run tools/testing/vm/demo.sh in the VM
  --bench              run the benchmark entry point (tools/testing/vm/bench.sh)
  --iommu              emulated Intel IOMMU (intremap) and intel_iommu=on
                       iommu.strict=1 in the guest (on by itself when a test
                       has a line "# needs: iommu"); with IOVNIC_LONG=1 the
                       default list adds TEST_PROGS_LONG (nested guests)
  --timeout SECONDS    per test (default 300); a test overrides it with a
                       line "# timeout: N"
  --keep-log           keep the run directory (console log, per-test output
                       and kernel log) even on success; its path is printed
  --selfcheck          prove the runner works: runs tiny tests that pass,
                       skip, time out and write a WARNING: line to the kernel
                       log, and checks they are reported as such (exit 0 if so)
  --kdir DIR           build against DIR (default: headers of the guest kernel)
  --kernel-build DIR   boot the kernel built in DIR (tools/testing/vm/
                       debug-kernel.sh: DIR/obj, modules in DIR/mods) instead
                       of the newest /boot/vmlinuz-*; also IOVNIC_KERNEL_BUILD
  --kernel-release REL boot /boot/vmlinuz-REL with the host's
                       /lib/modules/REL and build against
                       /usr/src/linux-headers-REL (e.g. bookworm's own 6.1:
                       make check-61); also IOVNIC_KERNEL_RELEASE
  --moddir DIR         use the .ko files in DIR instead of building
  -h, --help           this text

In the VM: the host root is / (read-only, tmpfs on /tmp /run /var/tmp
/var/log /root ...), the tree is at its host path, our modules are in
$IOVNIC_MODDIR, nothing binds a driver unless a test loads it.
Tests get: IOVNIC_MODDIR IOVNIC_PF0 IOVNIC_PF1 IOVNIC_KVER IOVNIC_TREE
IOVNIC_SELFTESTS IOVNIC_IOMMU (0/1) IOVNIC_LONG IOVNIC_TEST_OUT (a writable
directory for artifacts, kept in the run directory).

Environment: IOVNIC_QEMU_ARGS  extra QEMU options, split on blanks (make
pktcost passes its TCG plugin this way).
USAGE
}

# parse_options ARGS...: sets tests cmd mode iommu timeout_s timeout_given
# keep kdir selfcheck moddir; exits 2 on a usage error.
parse_options() {
	tests=
	cmd=
	mode=tests
	iommu=0
	timeout_s=300
	timeout_given=0
	keep=0
	kdir=
	kbuild=${IOVNIC_KERNEL_BUILD:-}
	krelease=${IOVNIC_KERNEL_RELEASE:-}
	selfcheck=0
	moddir=

	while [ $# -gt 0 ]; do
		case "$1" in
		--tests) tests=${2-}; shift ;;
		--cmd) cmd=${2?--cmd needs commands}; mode=cmd; shift ;;
		--demo) mode=demo ;;
		--bench) mode=bench ;;
		--iommu) iommu=1 ;;
		--timeout) timeout_s=${2?--timeout needs seconds}; timeout_given=1; shift ;;
		--keep-log) keep=1 ;;
		--selfcheck) selfcheck=1 ;;
		--kdir) kdir=${2?--kdir needs a directory}; shift ;;
		--kernel-build) kbuild=${2?--kernel-build needs a directory}; shift ;;
		--kernel-release) krelease=${2?--kernel-release needs a release}; shift ;;
		--moddir) moddir=${2?--moddir needs a directory}; shift ;;
		-h|--help) usage; exit 0 ;;
		*) echo "run: unknown option $1" >&2; usage >&2; exit 2 ;;
		esac
		shift
	done
	case $timeout_s in
	''|*[!0-9]*) echo "run: --timeout needs a number" >&2; exit 2 ;;
	esac
	if [ -n "$kbuild" ] && [ -n "$krelease" ]; then
		echo "run: --kernel-build and --kernel-release exclude each other" >&2
		exit 2
	fi
	case $krelease in
	*/*) echo "run: --kernel-release takes a release (uname -r), not a path" >&2; exit 2 ;;
	esac
}

# guest_kernel: sets kver and kernel (the newest /boot/vmlinuz-*, the one
# of --kernel-release, or the one of --kernel-build, whose modules modinfo
# then finds under modroot, and against which ours are built) or exits.
guest_kernel() {
	modroot=
	if [ -n "$kbuild" ]; then
		kernel=$kbuild/obj/arch/x86/boot/bzImage
		kver=$(cat "$kbuild/obj/include/config/kernel.release" 2>/dev/null)
		[ -r "$kernel" ] && [ -n "$kver" ] ||
			{ echo "run: no kernel built in $kbuild" >&2; exit 1; }
		modroot=$kbuild/mods
		[ -n "$kdir" ] || kdir=$kbuild/obj
		return 0
	fi
	if [ -n "$krelease" ]; then
		# The guest mounts the host root, so /lib/modules/$krelease is
		# the kernel's own (igb, igbvf ...); ours need its headers.
		kver=$krelease
		kernel=/boot/vmlinuz-$kver
		if [ ! -r "$kernel" ] || [ ! -d "/lib/modules/$kver/kernel" ]; then
			echo "run: no $kernel with /lib/modules/$kver (make check-61 installs 6.1)" >&2
			exit 1
		fi
		[ -n "$kdir" ] || kdir=/usr/src/linux-headers-$kver
		[ -f "$kdir/Makefile" ] || { echo "run: no headers in $kdir" >&2; exit 1; }
		return 0
	fi
	kver=$(find /boot -maxdepth 1 -name 'vmlinuz-*' -printf '%f\n' | sed 's/^vmlinuz-//' | sort -V | tail -n 1)
	[ -n "$kver" ] || { echo "run: no /boot/vmlinuz-* (run make setup)" >&2; exit 1; }
	kernel=/boot/vmlinuz-$kver
	[ -r "$kernel" ] || { echo "run: cannot read $kernel" >&2; exit 1; }
}

# bench_timeout: --bench: sets IOVNIC_BENCH and, unless --timeout was given,
# timeout_s from the bench's "# timeout: N" line (for the default 3 rounds;
# it grows with IOVNIC_BENCH_ROUNDS).
bench_timeout() {
	local t r

	IOVNIC_BENCH=$VMDIR/bench.sh
	if [ ! -f "$IOVNIC_BENCH" ]; then
		echo "run: --bench: not implemented yet ($IOVNIC_BENCH does not exist)"
		exit 1
	fi
	if [ "$timeout_given" = 0 ]; then
		t=$(sed -n 's/^#[[:space:]]*timeout:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$IOVNIC_BENCH" | head -n 1)
		r=${IOVNIC_BENCH_ROUNDS:-3}
		case $r in ''|*[!0-9]*) r=3 ;; esac
		[ "$r" -lt 3 ] && r=3
		timeout_s=$(( ${t:-$timeout_s} * r / 3 ))
	fi
}

# makefile_tests [VAR]: the Makefile's TEST_PROGS (or VAR, e.g.
# TEST_PROGS_LONG), with continuation lines.
makefile_tests() {
	awk -v v="${1:-TEST_PROGS}" '
		$0 ~ "^" v "[ \t]*[:+]?=" { on = 1; sub("^" v "[ \t]*[:+]?=", "") }
		on { line = $0; cont = sub(/\\[ \t]*$/, "", line); printf "%s ", line; if (!cont) on = 0 }
	' "$STDIR/Makefile" | xargs
}

# default_tests: TEST_PROGS; make check-long's pass under the vIOMMU adds
# TEST_PROGS_LONG (the tests that give a VF to a nested guest).
default_tests() {
	makefile_tests
	if [ "${IOVNIC_LONG:-0}" = 1 ] && [ "$iommu" = 1 ]; then
		makefile_tests TEST_PROGS_LONG
	fi
}

# tests_need_iommu: turns iommu on if a test in the list has a line
# "# needs: iommu" (a VF given to a nested guest through vfio-pci has no
# IOMMU group without it), so that "make test T=..." just works.
tests_need_iommu() {
	local t f

	[ "$mode" = tests ] && [ "$iommu" = 0 ] || return 0
	for t in $tests; do
		f=${t%%@*}
		case $f in /*) ;; *) f=$STDIR/$f ;; esac
		if grep -qE '^#[[:space:]]*needs:.*\<iommu\>' "$f" 2>/dev/null; then
			echo "run: $t needs the vIOMMU: running with --iommu"
			iommu=1
			return 0
		fi
	done
}

# selfcheck_tests: the throw-away tests of --selfcheck (tools/testing/vm/
# selfcheck/; the guest sees the tree at the same path).
selfcheck_tests() {
	local t

	for t in sc_pass sc_skip sc_kernel_warning sc_timeout sc_fail sc_qemu_abort; do
		printf '%s ' "$VMDIR/selfcheck/$t.sh"
	done | xargs
}
