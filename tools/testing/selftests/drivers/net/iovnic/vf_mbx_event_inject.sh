#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# EVENT messages the VF must not act on, written into VF 0's mailbox as if
# the PF sent them (through the PF's I/O BAR: IOADDR/IODATA, resource2,
# which the PF drivers leave unclaimed): an unknown event code, and under
# the stock igb (nothing negotiated) a LINK_DOWN. Both must be ignored and
# counted in ethtool -S mbx_events_unknown, the carrier must stay on and
# traffic flow. Under iovnic_pf, which grants CAP_EVENTS, the injected
# LINK_DOWN must take the carrier down and LINK_UP bring it back.
# PF from IOVNIC_TEST_PF (stock|iovnic).
# timeout: 120

source "$(dirname "$0")/vf_lib.sh"
require_cmd python3

EVENT_UNKNOWN=0x7f
EVENT_LINK_UP=1
EVENT_LINK_DOWN=2

# inject CODE: posts EVENT CODE (with CTS) to VF 0 as the PF would
inject() {
	python3 - "/sys/bus/pci/devices/$IOVNIC_PF0/resource2" "$1" <<'PY'
import os, struct, sys, time

fd = os.open(sys.argv[1], os.O_RDWR)
def rd(reg):
    os.pwrite(fd, struct.pack('<I', reg), 0)
    return struct.unpack('<I', os.pread(fd, 4, 4))[0]
def wr(reg, val):
    os.pwrite(fd, struct.pack('<I', reg), 0)
    os.pwrite(fd, struct.pack('<I', val), 4)

P2VMAILBOX0, VMBMEM0, STS, PFU = 0x0C00, 0x0800, 1, 8
CTS, EVENT = 1 << 29, 0x0720
for _ in range(200):
    wr(P2VMAILBOX0, PFU)
    if rd(P2VMAILBOX0) & PFU:
        break
    time.sleep(0.005)
else:
    sys.exit("mailbox of VF 0 stays busy")
wr(VMBMEM0, CTS | EVENT)
wr(VMBMEM0 + 4, int(sys.argv[2], 0))
wr(P2VMAILBOX0, STS)		# a write without PFU releases the buffer
PY
}

ktap_header
ktap_plan 5
klog_mark
vf_pair_setup
a=${VF_DEV[0]}
unknown() { ns_ethtool_stat vfa "$a" mbx_events_unknown; }
no_carrier() { ! ns_carrier vfa "$a"; }
more_unknown() { [ "$(unknown)" -gt "$1" ]; }
# carrier_held SECONDS: the carrier never drops during SECONDS
carrier_held() {
	! wait_for "$1" no_carrier
}

u0=$(unknown)
inject $EVENT_UNKNOWN || fail "cannot write VF 0's mailbox"
if wait_for 3 more_unknown "$u0" && carrier_held 2; then
	ktap_ok "unknown_event_ignored_counted"
else
	ktap_fail "unknown_event_ignored_counted" "mbx_events_unknown $u0 -> $(unknown), carrier $(ip netns exec vfa cat /sys/class/net/"$a"/carrier)"
fi
ktap_check "traffic_after_unknown_event" ns_ping vfa 10.0.0.2 3

if [ "$IOVNIC_TEST_PF" != iovnic ]; then
	u0=$(unknown)
	inject $EVENT_LINK_DOWN
	if wait_for 3 more_unknown "$u0" && carrier_held 2; then
		ktap_ok "link_down_not_negotiated_ignored"
	else
		ktap_fail "link_down_not_negotiated_ignored" "mbx_events_unknown $u0 -> $(unknown)"
	fi
	ktap_check "traffic_after_link_down" ns_ping vfa 10.0.0.2 3
else
	inject $EVENT_LINK_DOWN
	ktap_check "injected_link_down" wait_for 3 no_carrier
	inject $EVENT_LINK_UP
	ktap_check "injected_link_up" vf_wait_carrier vfa "$a" 5
fi
ktap_klog_clean
ktap_finished
