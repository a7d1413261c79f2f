#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The PF side of iovnic's mailbox extensions (iovnic-mailbox.rst), played
# from an unbound VF's BAR so that every word on the wire is checked:
# NEGOTIATE agrees on the lower version and drops unknown capability bits,
# a version 0 is malformed, GET_QUEUES/GET_MAX_FRAME need their capability,
# the queue grant shows in the pool's VMOLR.RSSE and MRQC's VMDq+RSS mode,
# SET_LPE above the announced limit is refused, and administrator changes
# reach a negotiated VF as EVENT messages (state disable -> LINK_DOWN,
# mac -> ADMIN_CHANGE, which like the base protocol withdraws CTS: the
# VF's ACK of it is NACKed). A RESET forgets the negotiation.
# timeout: 90

source "$(dirname "$0")/sriov_lib.sh"

require_root
require_cmd python3
ktap_header
ktap_plan 13
klog_mark

sriov_pf_up || fail "PF setup failed"
echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_drivers_autoprobe"
sriov_set "$IOVNIC_PF0" 1 || fail "cannot enable a VF"
vf=$(vf_bdf "$IOVNIC_PF0" 0) || fail "no VF"
[ -z "$(pci_driver "$vf")" ] || fail "VF has a driver"
echo 1 >"/sys/bus/pci/devices/$vf/enable" || fail "cannot enable the VF"

# Each output line: "<case> <reply words in hex...>" (or "none")
python3 - "/sys/bus/pci/devices/$vf/resource0" "$PF_DEV" \
	"/sys/kernel/debug/iovnic_pf/$IOVNIC_PF0/switch" \
	>"$IOVNIC_TEST_OUT/ext.out" <<'PY'
import ctypes, mmap, os, subprocess, sys, time

fd = os.open(sys.argv[1], os.O_RDWR | os.O_SYNC)
mm = mmap.mmap(fd, 0x4000)
pf = sys.argv[2]
def rd(off): return ctypes.c_uint32.from_buffer(mm, off).value
def wr(off, v): ctypes.c_uint32.from_buffer(mm, off).value = v & 0xffffffff

MBX, MEM = 0xC40, 0x800
REQ, ACK, VFU, PFSTS, PFACK, RSTI = 1, 2, 4, 0x10, 0x20, 0x40
NEG, GETQ, GETMF, EVENT = 0x0710, 0x0711, 0x0712, 0x0720
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

def lock():
    for _ in range(50):
        wr(MBX, VFU)
        if rd(MBX) & VFU:
            return True
        time.sleep(0.001)
    return False

def read_msg(n):
    lock()
    r = [rd(MEM + 4 * i) for i in range(n)]
    wr(MBX, ACK)
    return r

def request(words, nreply=1):
    global seen
    seen |= rd(MBX)
    seen &= ~(PFSTS | PFACK)
    lock()
    for i, w in enumerate(words):
        wr(MEM + 4 * i, w)
    wr(MBX, REQ)
    if not poll(PFACK) or not poll(PFSTS):
        return None
    return read_msg(nreply)

def unsolicited(cmd):
    global seen
    seen |= rd(MBX)
    seen &= ~PFSTS
    subprocess.run(cmd, shell=True, check=False)
    if not poll(PFSTS, 3.0):
        return None
    return read_msg(2)

def regs(*names):
    val = {}
    for line in open(sys.argv[3]):
        f = line.split()
        if f and f[0] in names:
            val[f[0]] = int(f[1], 16)
    return [val.get(n, 0) for n in names]

def out(name, r):
    print(name, "none" if r is None else " ".join("0x%08x" % w for w in r),
          flush=True)

wr(0, 1 << 26)                       # VF CTRL.RST
end = time.time() + 2
while rd(MBX) & RSTI and time.time() < end:
    pass
out("reset", request([0x01], 3))
out("getq_unnegotiated", request([GETQ], 3))
out("neg_v0", request([NEG, 0, 0xf], 3))
out("neg", request([NEG, 7, 0x10f], 3))
out("getq", request([GETQ], 3))
out("vmolr", regs("VMOLR0", "IVAR0"))
out("getmf", request([GETMF], 3))
out("lpe_over", request([0x05, 9729]))
out("lpe_9000", request([0x05, 9018]))
out("ev_state", unsolicited("ip link set %s vf 0 state disable" % pf))
subprocess.run("ip link set %s vf 0 state auto" % pf, shell=True)
poll(PFSTS, 3.0) and read_msg(2)
out("ev_mac", unsolicited("ip link set %s vf 0 mac 02:00:00:00:ee:01" % pf))
out("ev_mac_nack", read_msg(1) if poll(PFSTS, 3.0) else None)
out("reset2", request([0x01], 3))
out("getq_after_reset", request([GETQ], 3))
PY
sed 's/^/# /' "$IOVNIC_TEST_OUT/ext.out"

echo 0 >"/sys/bus/pci/devices/$vf/enable"

word() { # case, index
	awk -v c="$1" -v i="$2" '$1 == c {print $(i + 2)}' "$IOVNIC_TEST_OUT/ext.out"
}
expect() { # name, case, index, want
	if [ "$(word "$2" "$3")" = "$4" ]; then
		ktap_ok "$1"
	else
		ktap_fail "$1" "$2 word $3 = $(word "$2" "$3"), want $4"
	fi
}
stat() {
	ethtool -S "$PF_DEV" | awk -v n="vf0_mbx_$1:" '$1 == n {print $2}'
}

expect "needs_capability" getq_unnegotiated 0 0x60000711
expect "version_0_malformed" neg_v0 0 0x60000710
if [ "$(word neg 0)" = 0xa0000710 ] && [ "$(word neg 1)" = 0x00000001 ] &&
   [ "$(word neg 2)" = 0x0000000f ]; then
	ktap_ok "negotiate_lower_version_known_caps"
else
	ktap_fail "negotiate_lower_version_known_caps" "reply $(word neg 0) $(word neg 1) $(word neg 2)"
fi
if [ "$(word getq 0)" = 0xa0000711 ] && [ "$(word getq 1)" = 0x00000002 ] &&
   [ "$(word getq 2)" = 0x00000001 ]; then
	ktap_ok "two_queue_pairs_with_rss"
else
	ktap_fail "two_queue_pairs_with_rss" "reply $(word getq 0) $(word getq 1) $(word getq 2)"
fi
# RSSE and the routing of queue 8 (0x97: valid, EICR bit 23 = VF 0's
# vector 1) while the grant stood; both gone once a RESET forgot it
mrqc=$(sriov_reg MRQC)
if [ $((mrqc & 7)) = 5 ] && [ $(($(word vmolr 0) & (1 << 17))) != 0 ] &&
   [ $(($(word vmolr 1) >> 16)) = $((0x9797)) ] &&
   [ $(($(sriov_reg VMOLR0) & (1 << 17))) = 0 ] &&
   [ $(($(sriov_reg IVAR0) >> 16)) = 0 ]; then
	ktap_ok "mrqc_vmdq_rss_rsse_follows_grant"
else
	ktap_fail "mrqc_vmdq_rss_rsse_follows_grant" \
		"MRQC=$mrqc VMOLR0/IVAR0 granted $(word vmolr 0) $(word vmolr 1), now $(sriov_reg VMOLR0) $(sriov_reg IVAR0)"
fi
expect "max_frame_announced" getmf 1 0x00002600
expect "lpe_over_limit_refused" lpe_over 0 0x60000005
expect "lpe_within_limit" lpe_9000 0 0xa0000005
if [ "$(word ev_state 0)" = 0x00000720 ] && [ "$(word ev_state 1)" = 0x00000002 ]; then
	ktap_ok "state_disable_event_link_down"
else
	ktap_fail "state_disable_event_link_down" "got $(word ev_state 0) $(word ev_state 1)"
fi
# the administrator's MAC resets even a live-admin VF: EVENT without CTS,
# then a bare NACK to its ACK
if [ "$(word ev_mac 0)" = 0x00000720 ] && [ "$(word ev_mac 1)" = 0x00000003 ] &&
   [ "$(word ev_mac_nack 0)" = 0x40000000 ]; then
	ktap_ok "admin_mac_event_then_nack"
else
	ktap_fail "admin_mac_event_then_nack" "got $(word ev_mac 0) $(word ev_mac 1), then $(word ev_mac_nack 0)"
fi
# 02:00:00:00:ee:01 as the RESET reply carries it, little endian
if [ "$(word reset2 0)" = 0x80000001 ] && [ "$(word reset2 1)" = 0x00000002 ] &&
   [ "$(word reset2 2)" = 0x000001ee ] &&
   [ "$(word getq_after_reset 0)" = 0x60000711 ]; then
	ktap_ok "reset_gives_new_mac_forgets_negotiation"
else
	ktap_fail "reset_gives_new_mac_forgets_negotiation" \
		"reset $(word reset2 0) $(word reset2 1) $(word reset2 2), get_queues $(word getq_after_reset 0)"
fi
if [ "$(stat negotiated)" -ge 1 ] && [ "$(stat events)" -ge 2 ]; then
	ktap_ok "counted"
else
	ktap_fail "counted" "negotiated=$(stat negotiated) events=$(stat events)"
fi
ktap_klog_clean "kernel_log_clean"
ktap_finished
