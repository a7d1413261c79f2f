# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
# The variables are run's globals, shared by its parts:
# shellcheck disable=SC2034,SC2154
# QEMU's option syntax is comma-separated by design:
# shellcheck disable=SC2054
#
# tools/testing/vm/run, part 4: what the guest is told to do, the QEMU
# command line and the boot (with one retry of a hung boot).  Sourced by
# run; defines functions only.

# write_guest_config: $RUN/config.sh (read by the guest's init) and, for
# --cmd, $RUN/cmd.sh.
write_guest_config() {
	local v

	{
		echo "IOVNIC_TREE=$(q "$TREE")"
		echo "IOVNIC_MODE=$(q "$mode")"
		echo "IOVNIC_TESTS=$(q "$tests")"
		echo "IOVNIC_TIMEOUT=$(q "$timeout_s")"
		echo "IOVNIC_IOMMU=$iommu"
		echo "IOVNIC_LONG=$(q "${IOVNIC_LONG:-0}")"
		echo "IOVNIC_MODROOT=$(q "$modroot")"
		echo "IOVNIC_TIMEOUT_SCALE=$(q "${IOVNIC_TIMEOUT_SCALE:-1}")"
		if [ "$mode" = bench ]; then
			echo "IOVNIC_BENCH=$(q "$IOVNIC_BENCH")"
			# The bench's knobs reach its environment in the guest.
			for v in IOVNIC_BENCH_ROUNDS IOVNIC_BENCH_SCENARIOS IOVNIC_BENCH_SECONDS IOVNIC_BENCH_MIXED IOVNIC_BENCH_CONFIGS; do
				[ -n "${!v-}" ] && echo "export $v=$(q "${!v}")"
			done
		fi
	} >"$RUN/config.sh"
	[ "$mode" = cmd ] && printf '%s\n' "$cmd" >"$RUN/cmd.sh"
	return 0
}

q() { printf '%q' "$1"; }

# test_timeout SPEC: the timeout of one test list entry (its "# timeout:
# N" line, else --timeout).
test_timeout() {
	local t f=${1%%@*}
	case $f in
	/run/iovnic/*) f=$RUN/${f#/run/iovnic/} ;;
	/*) ;;
	*) f=$STDIR/$f ;;
	esac
	t=$(sed -n 's/^#[[:space:]]*timeout:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$f" 2>/dev/null | head -n 1)
	echo $(( ${t:-$timeout_s} * ${IOVNIC_TIMEOUT_SCALE:-1} ))
}

# vm_guard: sets guard, the whole VM's wall-clock limit: boot plus every
# test's own timeout plus slack, capped by IOVNIC_DEADLINE (epoch seconds,
# set by CI: the VM must be gone by then, so that a guest hung mid-suite
# still leaves time to report what did run).
vm_guard() {
	local t left

	guard=120
	if [ "$mode" = tests ]; then
		for t in $tests; do guard=$((guard + $(test_timeout "$t") + 30)); done
	else
		guard=$((guard + timeout_s + 30))
	fi
	if [ -n "${IOVNIC_DEADLINE:-}" ]; then
		left=$((IOVNIC_DEADLINE - $(date +%s)))
		[ "$left" -lt 300 ] && left=300
		if [ "$guard" -gt "$left" ]; then
			echo "run: wall-clock guard capped at ${left}s by IOVNIC_DEADLINE (was ${guard}s)"
			guard=$left
		fi
	fi
}

# qemu_cmdline: sets the array qemu (and writes it to $RUN/qemu.cmdline).
qemu_cmdline() {
	local append machine=q35

	append="console=ttyS0 quiet loglevel=4 panic=-1 rdinit=/init printk.devkmsg=on"
	append+=" 8250.nr_uarts=1 tsc=reliable no_timer_check"
	qemu=(qemu-system-x86_64 -accel tcg -cpu max -m 2048 -smp 2 -nographic -no-reboot -vga none)
	if [ "$iommu" = 1 ]; then
		machine=q35,kernel-irqchip=split
		append+=" intel_iommu=on iommu.strict=1"
	fi
	qemu+=(-M "$machine")
	# The IOMMU must exist before the devices behind it.
	[ "$iommu" = 1 ] && qemu+=(-device intel-iommu,intremap=on)
	qemu+=(-kernel "$kernel" -initrd "$RUN/initramfs.cpio.gz" -append "$append")
	# Each 82576 on its own root port (bus 1 and bus 2), both on hub 0: the
	# two ports are cabled to each other.
	qemu+=(-device pcie-root-port,id=rp0,bus=pcie.0,chassis=1,port=1,addr=0x10)
	qemu+=(-device pcie-root-port,id=rp1,bus=pcie.0,chassis=2,port=2,addr=0x11)
	qemu+=(-netdev hubport,id=h0,hubid=0 -device igb,netdev=h0,bus=rp0,mac=52:54:00:12:01:00)
	qemu+=(-netdev hubport,id=h1,hubid=0 -device igb,netdev=h1,bus=rp1,mac=52:54:00:12:02:00)
	qemu+=(-fsdev "local,id=fsroot,path=/,security_model=none,readonly=on,multidevs=remap")
	qemu+=(-device virtio-9p-pci,fsdev=fsroot,mount_tag=hostroot,bus=pcie.0,addr=0x4)
	qemu+=(-fsdev "local,id=fsrun,path=$RUN,security_model=none,multidevs=remap")
	qemu+=(-device virtio-9p-pci,fsdev=fsrun,mount_tag=iovnicrun,bus=pcie.0,addr=0x5)
	qemu+=(-fsdev "local,id=fstree,path=$TREE,security_model=none,readonly=on,multidevs=remap")
	qemu+=(-device virtio-9p-pci,fsdev=fstree,mount_tag=iovnictree,bus=pcie.0,addr=0x6)
	# Extra options from the caller, split on blanks: e.g. a TCG plugin
	# (make pktcost, tools/testing/pktcost/).
	# shellcheck disable=SC2206
	[ -n "${IOVNIC_QEMU_ARGS:-}" ] && qemu+=(${IOVNIC_QEMU_ARGS})

	printf '%q ' "${qemu[@]}" >"$RUN/qemu.cmdline"
	echo >>"$RUN/qemu.cmdline"
}

# boot_vm: runs the VM with the console live on stdout; sets qrc (QEMU's
# exit status) and elapsed (seconds), leaves $RUN/console.log.  A TCG
# guest can, rarely, hang in early boot (a vCPU whose timer never fires,
# reported as an RCU stall): the guest gets a bounded time to come up; if
# it does not, it is killed and booted once more.
boot_vm() {
	local boot_timeout=${IOVNIC_BOOT_TIMEOUT:-240} attempt boot_watch t_start

	t_start=$(date +%s)
	for attempt in 1 2; do
		rm -f "$RUN/boot-hung"
		# QEMU writes the console to a file; we follow it so the output
		# is live. The file must exist before tail starts, or tail gives up.
		: >"$RUN/console.raw"
		timeout -k 5 "$guard" "${qemu[@]}" </dev/null >"$RUN/console.raw" 2>&1 &
		QEMU_PID=$!
		(
			for _ in $(seq 1 "$boot_timeout"); do
				grep -q 'iovnic-vm: up' "$RUN/console.raw" && exit 0
				kill -0 "$QEMU_PID" 2>/dev/null || exit 0
				sleep 1
			done
			touch "$RUN/boot-hung"
			kill "$QEMU_PID" 2>/dev/null
		) &
		boot_watch=$!
		# Firmware chatter and terminal escapes are dropped from the live view.
		tail -n +1 -f --pid="$QEMU_PID" "$RUN/console.raw" 2>/dev/null |
			sed -u -E $'s/\r//g; s/\e(\\[[0-9;?]*[a-zA-Z]|c)//g' |
			grep --line-buffered -v -e '^SeaBIOS' -e '^iPXE' -e '^Booting from' -e '^$' \
			-e 'hub 0 is not connected to host network' -e 'sysrq: Power Off' -e 'reboot: Power down'
		wait "$QEMU_PID"
		qrc=$?
		kill "$boot_watch" 2>/dev/null
		wait "$boot_watch" 2>/dev/null
		[ -f "$RUN/boot-hung" ] || break
		echo "run: the guest did not come up within ${boot_timeout}s (boot attempt $attempt)"
	done
	elapsed=$(($(date +%s) - t_start))
	sed -E $'s/\r//g; s/\e(\\[[0-9;?]*[a-zA-Z]|c)//g' "$RUN/console.raw" >"$RUN/console.log"
	rm -f "$RUN/console.raw"
	if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
		echo "run: the VM hit the wall-clock guard (${guard}s) and was killed"
	elif [ "$qrc" != 0 ]; then
		echo "run: qemu exited with status $qrc"
	fi
	[ -f "$RUN/results/done" ] || echo "run: the guest did not finish (crash, panic or hang); see the console log"
}

# resume_after_qemu_abort: QEMU 10.0's igb model can fail its own
# assertion (iotlb_to_section) while a test tears SR-IOV down; the guest
# dies with it, through no fault of the driver or the test.  Then the VM
# is booted once more: the guest skips every test that already has a
# result and runs the rest, the interrupted one again.  The abort is
# reported (and kept in $RUN/qemu-abort) so it stays visible.
resume_after_qemu_abort() {
	local why first

	[ "$mode" = tests ] && [ ! -f "$RUN/results/done" ] || return 0
	why=$(grep -m1 -E '^qemu-system-[^:]*: .*[Aa]ssertion' "$RUN/console.log") || return 0
	echo "run: QEMU itself aborted: $why"
	echo "run: booting again for the tests without a result"
	echo "$why" >"$RUN/qemu-abort"
	mv "$RUN/console.log" "$RUN/console.boot1.log"
	first=$elapsed
	vm_guard
	boot_vm
	elapsed=$((elapsed + first))
}
