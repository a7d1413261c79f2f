#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runner self-check (run --selfcheck): in the first boot, plays QEMU
# failing one of its own assertions (the line QEMU prints, then the VM
# gone without finishing); the runner must boot again and run this test
# once more, where it passes.  Its result directory survives the boot.
# timeout: 30
if [ -f "$IOVNIC_TEST_OUT/first-boot" ]; then
	echo "# second boot: resumed after the played QEMU abort"
	exit 0
fi
touch "$IOVNIC_TEST_OUT/first-boot"
sync
printf '\nqemu-system-x86_64: selfcheck.c:1: sc_qemu_abort: Assertion `played'"'"' failed.\n' >/dev/ttyS0
echo o >/proc/sysrq-trigger
sleep 30
exit 1
