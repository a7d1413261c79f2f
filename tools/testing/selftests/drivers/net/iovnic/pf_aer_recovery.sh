#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# PCI error recovery: an uncorrectable error injected with aer_inject on
# PF0 while it is up runs error_detected -> slot_reset -> resume; the PF
# re-initialises the device, gets carrier again and passes traffic; a
# fatal error (link reset, device state wiped) recovers the same way where
# the PCI core can reset the link (SKIP where it cannot), and an unload
# after a failed recovery leaves a clean log.
# timeout: 120

source "$(dirname "$0")/pf_lib.sh"

require_cmd python3
ktap_header
ktap_plan 5
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

recovered() {
	klog_since_mark | grep -q "$IOVNIC_PF0: recovered from PCI error"
}

pf_setup || fail "setup failed"

# completer abort: non-fatal by default severity
klog_mark
aer_inject "$IOVNIC_PF0" 0x8000
pf_check inject_nonfatal $? "write to /dev/aer_inject failed"
wait_for 15 recovered && wait_for 10 pf_carrier pfa "$PF_A" &&
	ns_ping pfa "$PF_B_IP" 3 >/dev/null
pf_check nonfatal_error_recovers $?
klog_since_mark | grep -i "$IOVNIC_PF0\|aer" | sed 's/^/# /' | tail -6

# data link protocol error: fatal, the port's link is reset
klog_mark
aer_inject "$IOVNIC_PF0" 0x10
pf_check inject_fatal $? "write to /dev/aer_inject failed"
core_failed() {
	klog_since_mark | grep -q "AER: subordinate device reset failed"
}
wait_for 15 recovered || wait_for 5 core_failed
if core_failed; then
	# the PCI core could not reset the root port's link (QEMU's
	# pcie-root-port answers the secondary bus reset with -ENOTTY): no
	# driver callback beyond error_detected runs
	ktap_skip fatal_error_recovers "PCI core could not reset the link"
else
	recovered && wait_for 10 pf_carrier pfa "$PF_A" &&
		ns_ping pfa "$PF_B_IP" 3 >/dev/null
	pf_check fatal_error_recovers $?
fi
klog_since_mark | grep -i "$IOVNIC_PF0\|aer" | sed 's/^/# /' | tail -6

pf_teardown
klog_mark
pf_klog_report
ktap_finished
