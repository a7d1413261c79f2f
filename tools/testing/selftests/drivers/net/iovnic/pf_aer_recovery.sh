#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# PCI error recovery: an uncorrectable error injected with aer_inject on
# PF0 while it is up runs error_detected -> slot_reset -> resume; the PF
# re-initialises the device (full MAC reset and rebuild from software
# state), gets carrier again and passes traffic. Fatal errors are not
# injected: QEMU's pcie-root-port refuses the secondary bus reset the PCI
# core needs for them (-ENOTTY), so recovery fails before the driver's
# slot_reset and leaves the port unusable for the following tests.
# timeout: 120

source "$(dirname "$0")/pf_lib.sh"

require_cmd python3
ktap_header
ktap_plan 3
klog_mark

modprobe aer_inject 2>/dev/null || skip "aer_inject not available"
[ -c /dev/aer_inject ] || skip "no /dev/aer_inject"

# aer_inject BDF UNCOR_STATUS: writes a struct aer_error_inj
aer_inject() {
	python3 - "$1" "$2" <<'EOP'
import struct, sys
dom, bus, devfn = sys.argv[1].split(":")
dev, fn = devfn.split(".")
rec = struct.pack("<BBBxIIIIIIi", int(bus, 16), int(dev, 16), int(fn, 16),
                  int(sys.argv[2], 16), 0, 0, 0, 0, 0, int(dom, 16))
with open("/dev/aer_inject", "wb", buffering=0) as f:
    f.write(rec)
EOP
}

# lines of the kernel log since the injection
since_inject() {
	dmesg | tail -n +$((inject_mark + 1))
}

recovered() {
	since_inject | grep -q "$IOVNIC_PF0: recovered from PCI error"
}

pf_setup || fail "setup failed"

# completer abort: non-fatal by default severity
inject_mark=$(dmesg | wc -l)
aer_inject "$IOVNIC_PF0" 0x8000
pf_check inject_nonfatal $? "write to /dev/aer_inject failed"
wait_for 15 recovered && wait_for 10 pf_carrier pfa "$PF_A" &&
	ns_ping pfa "$PF_B_IP" 3 >/dev/null
pf_check nonfatal_error_recovers $?
since_inject | grep -i "$IOVNIC_PF0\|aer" | sed 's/^/# /' | tail -6

pf_teardown
ktap_klog_clean
ktap_finished
