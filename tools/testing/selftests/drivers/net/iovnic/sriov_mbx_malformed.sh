#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The PF mailbox server against a hostile VF: this test plays the VF itself
# through the unbound VF's BAR (sysfs resource0) and checks that requests
# before RESET get NACK without CTS, RESET gets exactly the 3-word reply
# without CTS, and malformed, unknown or reserved-bit requests get NACK|CTS
# and are counted (vf0_mbx_invalid/unknown), MAC_FILTER_CLR with a zero
# address is accepted, and a flood of requests is rate limited
# (vf0_mbx_rate_limited) while the PF keeps answering.
# timeout: 90

source "$(dirname "$0")/sriov_lib.sh"

require_root
require_cmd python3
ktap_header
ktap_plan 10
klog_mark

sriov_pf_up || fail "PF setup failed"
echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_drivers_autoprobe"
sriov_set "$IOVNIC_PF0" 1 || fail "cannot enable a VF"
vf=$(vf_bdf "$IOVNIC_PF0" 0) || fail "no VF"
[ -z "$(pci_driver "$vf")" ] || fail "VF has a driver"
# without a driver nobody turned on memory decoding for the VF's BAR
echo 1 >"/sys/bus/pci/devices/$vf/enable" || fail "cannot enable the VF"

# Each line of output: "<case> <reply word 0 in hex>"
python3 - "/sys/bus/pci/devices/$vf/resource0" >"$IOVNIC_TEST_OUT/mbx.out" <<'PY'
import ctypes, mmap, os, sys, time

fd = os.open(sys.argv[1], os.O_RDWR | os.O_SYNC)
mm = mmap.mmap(fd, 0x4000)
def rd(off): return ctypes.c_uint32.from_buffer(mm, off).value
def wr(off, v): ctypes.c_uint32.from_buffer(mm, off).value = v & 0xffffffff

MBX, MEM = 0xC40, 0x800
REQ, ACK, VFU, PFSTS, PFACK, RSTI = 1, 2, 4, 0x10, 0x20, 0x40
seen = 0

def poll(bit, timeout=2.0):
    global seen
    end = time.time() + timeout
    while time.time() < end:
        seen |= rd(MBX)
        if seen & bit:
            seen &= ~bit
            return True
    return False

def request(words, nreply=1):
    global seen
    seen |= rd(MBX)
    seen &= ~(PFSTS | PFACK)
    for _ in range(50):
        wr(MBX, VFU)
        if rd(MBX) & VFU:
            break
        time.sleep(0.001)
    for i, w in enumerate(words):
        wr(MEM + 4 * i, w)
    wr(MBX, REQ)
    if not poll(PFACK) or not poll(PFSTS):
        return None
    wr(MBX, VFU)
    r = [rd(MEM + 4 * i) for i in range(nreply)]
    wr(MBX, ACK)
    return r

fails = 0

def out(name, r):
    global fails
    print(name, "none" if r is None else "0x%08x" % r[0], flush=True)
    fails = fails + 1 if r is None else 0
    if fails >= 2:
        print("abort mailbox 0x%08x" % rd(MBX), flush=True)
        sys.exit(1)

print("start mailbox 0x%08x" % rd(MBX), flush=True)
wr(0, 1 << 26)                       # VF CTRL.RST
end = time.time() + 2
while rd(MBX) & RSTI and time.time() < end:
    pass
out("before_reset", request([0x05, 1522]))
out("reset", request([0x01], 3))
out("unknown", request([0x0777]))
out("vlan_4095", request([0x04 | 1 << 16, 4095]))
out("vlan_junk", request([0x04 | 1 << 16, 0x10064]))
out("mac_multicast", request([0x02, 0x33221101, 0x5544]))
out("reserved_bits", request([0x05 | 1 << 24, 1522]))
out("mc_bad_hash", request([0x03 | 1 << 16, 0x1000]))
out("filter_clr_zero", request([0x02 | 1 << 16, 0, 0]))
t = time.time()
for i in range(150):
    if request([0x05, 1522]) is None:
        break
out("after_flood", request([0x05, 1522]))
print("flood_seconds %.2f" % (time.time() - t))
PY
sed 's/^/# /' "$IOVNIC_TEST_OUT/mbx.out"
echo 0 >"/sys/bus/pci/devices/$vf/enable"

reply() {
	awk -v c="$1" '$1 == c {print $2}' "$IOVNIC_TEST_OUT/mbx.out"
}
stat() {
	ethtool -S "$PF_DEV" | awk -v n="vf0_mbx_$1:" '$1 == n {print $2}'
}
expect() {
	if [ "$(reply "$1")" = "$2" ]; then
		ktap_ok "$1"
	else
		ktap_fail "$1" "reply $(reply "$1"), want $2"
	fi
}

expect before_reset 0x40000005
r=$(reply reset)
if [ "$r" = 0x80000001 ] || [ "$r" = 0x40000001 ]; then
	ktap_ok "reset_reply_without_cts"
else
	ktap_fail "reset_reply_without_cts" "reply $r"
fi
expect unknown 0x60000777
if [ "$(reply vlan_4095)" = 0x60010004 ] && [ "$(reply vlan_junk)" = 0x60010004 ] &&
   [ "$(reply mac_multicast)" = 0x60000002 ] && [ "$(reply reserved_bits)" = 0x61000005 ] &&
   [ "$(reply mc_bad_hash)" = 0x60010003 ]; then
	ktap_ok "malformed_nacked_with_cts"
else
	ktap_fail "malformed_nacked_with_cts" "see the replies above"
fi
expect filter_clr_zero 0xa0010002
if [ "$(stat invalid)" -ge 6 ] && [ "$(stat unknown)" -ge 1 ]; then
	ktap_ok "invalid_counted"
else
	ktap_fail "invalid_counted" "invalid=$(stat invalid) unknown=$(stat unknown)"
fi
if [ "$(stat rate_limited)" -gt 0 ]; then
	ktap_ok "flood_rate_limited"
else
	ktap_fail "flood_rate_limited" "rate_limited=$(stat rate_limited)"
fi
expect after_flood 0xa0000005
if [ "$(klog_since_mark | grep -c 'VF 0: ')" -le 30 ]; then
	ktap_ok "log_rate_limited"
else
	ktap_fail "log_rate_limited" "$(klog_since_mark | grep -c 'VF 0: ') VF log lines"
fi
ktap_klog_clean "kernel_log_clean"
ktap_finished
