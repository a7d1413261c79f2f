#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A MAC a VF chose itself stays reserved for it across its FLR: VF 1 sets
# X, then resets (CTRL.RST, seen by the PF as VFLRE, as at a guest reboot);
# VF 0, playing a rogue tenant from its bare BAR, asks for X as its MAC
# and as a filter and is refused. VF 1 gets X back; once VF 1 moves to
# another MAC, X is free for VF 0. Both VFs are played from Python over
# their BARs (as sriov_mbx_extensions.sh), so every reply word is checked.
# timeout: 60

source "$(dirname "$0")/sriov_lib.sh"

require_root
require_cmd python3
ktap_header
ktap_plan 6
klog_mark

sriov_pf_up || fail "PF setup failed"
echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_drivers_autoprobe"
sriov_set "$IOVNIC_PF0" 2 || fail "cannot enable 2 VFs"
vfa=$(vf_bdf "$IOVNIC_PF0" 0) || fail "no VF 0"
vfb=$(vf_bdf "$IOVNIC_PF0" 1) || fail "no VF 1"
for vf in "$vfa" "$vfb"; do
	[ -z "$(pci_driver "$vf")" ] || fail "VF $vf has a driver"
	echo 1 >"/sys/bus/pci/devices/$vf/enable" || fail "cannot enable $vf"
done

# Each output line: "<case> <reply word 0 in hex>" (or "none"/a field)
python3 - "/sys/bus/pci/devices/$vfa/resource0" \
	"/sys/bus/pci/devices/$vfb/resource0" \
	"/sys/kernel/debug/iovnic_pf/$IOVNIC_PF0/vfs" \
	>"$IOVNIC_TEST_OUT/reserved.out" <<'PY'
import ctypes, mmap, os, sys, time

MBX, MEM = 0xC40, 0x800
REQ, ACK, VFU, PFSTS, PFACK, RSTI = 1, 2, 4, 0x10, 0x20, 0x40
RESET, SET_MAC, FILTER_ADD = 0x01, 0x02, 0x00020002

class VF:
    def __init__(self, path):
        fd = os.open(path, os.O_RDWR | os.O_SYNC)
        self.mm = mmap.mmap(fd, 0x4000)
        self.seen = 0

    def rd(self, off): return ctypes.c_uint32.from_buffer(self.mm, off).value
    def wr(self, off, v): ctypes.c_uint32.from_buffer(self.mm, off).value = v

    def poll(self, bit, timeout=2.0):
        end = time.time() + timeout
        while time.time() < end:
            self.seen |= self.rd(MBX)
            if self.seen & bit:
                self.seen &= ~bit
                return True
        return False

    def lock(self):
        for _ in range(50):
            self.wr(MBX, VFU)
            if self.rd(MBX) & VFU:
                return True
            time.sleep(0.001)
        return False

    def request(self, words):
        self.seen |= self.rd(MBX)
        self.seen &= ~(PFSTS | PFACK)
        self.lock()
        for i, w in enumerate(words):
            self.wr(MEM + 4 * i, w)
        self.wr(MBX, REQ)
        if not self.poll(PFACK) or not self.poll(PFSTS):
            return None
        self.lock()
        r = self.rd(MEM)
        self.wr(MBX, ACK)
        return r

    def ctrl_rst(self):
        self.wr(0, 1 << 26)
        end = time.time() + 2
        while self.rd(MBX) & RSTI and time.time() < end:
            pass
        time.sleep(0.3)         # the PF serves VFLRE
        self.seen = 0

    def set_mac(self, mac, cmd=SET_MAC):
        b = bytes(int(x, 16) for x in mac.split(":"))
        return self.request([cmd, int.from_bytes(b[:4], "little"),
                             int.from_bytes(b[4:], "little")])

def out(name, r):
    print(name, "none" if r is None else "0x%08x" % r, flush=True)

def field(vf, key):
    for line in open(sys.argv[3]):
        f = line.split()
        if f[:2] == ["vf", str(vf)] and key in f:
            return f[f.index(key) + 1]
    return "?"

X, Y = "02:00:00:00:5e:01", "02:00:00:00:5e:02"
a, b = VF(sys.argv[1]), VF(sys.argv[2])
for vf in (a, b):
    vf.ctrl_rst()
    vf.request([RESET])
out("b_sets_x", b.set_mac(X))
b.ctrl_rst()                            # VF 1's FLR: X leaves the switch
print("b_after_flr mac", field(1, "mac"), "reserved", field(1, "reserved_mac"))
out("a_takes_x", a.set_mac(X))
out("a_filters_x", a.set_mac(X, FILTER_ADD))
b.request([RESET])
out("b_gets_x_back", b.set_mac(X))
out("b_moves_to_y", b.set_mac(Y))
out("a_takes_x_after", a.set_mac(X))
PY
sed 's/^/# /' "$IOVNIC_TEST_OUT/reserved.out"
for vf in "$vfa" "$vfb"; do
	echo 0 >"/sys/bus/pci/devices/$vf/enable"
done

word() { # case
	awk -v c="$1" '$1 == c {print $2}' "$IOVNIC_TEST_OUT/reserved.out"
}
expect() { # name, case, want
	if [ "$(word "$2")" = "$3" ]; then
		ktap_ok "$1"
	else
		ktap_fail "$1" "$2 = $(word "$2"), want $3"
	fi
}

# SET_MAC_ADDR replies: ACK|CTS 0xa0000002, NACK|CTS 0x60000002
if [ "$(word b_sets_x)" = 0xa0000002 ] &&
   grep -q "^b_after_flr mac 00:00:00:00:00:00 reserved 02:00:00:00:5e:01" \
	"$IOVNIC_TEST_OUT/reserved.out"; then
	ktap_ok "flr_keeps_chosen_mac_reserved"
else
	ktap_fail "flr_keeps_chosen_mac_reserved" "$(grep ^b_ "$IOVNIC_TEST_OUT/reserved.out" | tr '\n' ' ')"
fi
expect "other_vf_cannot_take_reserved_mac" a_takes_x 0x60000002
expect "other_vf_cannot_filter_reserved_mac" a_filters_x 0x60020002
expect "owner_gets_its_mac_back" b_gets_x_back 0xa0000002
if [ "$(word b_moves_to_y)" = 0xa0000002 ] &&
   [ "$(word a_takes_x_after)" = 0xa0000002 ]; then
	ktap_ok "released_when_owner_moves_on"
else
	ktap_fail "released_when_owner_moves_on" "b_moves_to_y $(word b_moves_to_y) a_takes_x_after $(word a_takes_x_after)"
fi
ktap_klog_clean "kernel_log_clean"
ktap_finished
