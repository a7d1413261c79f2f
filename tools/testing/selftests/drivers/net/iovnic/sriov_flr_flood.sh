#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A VF that resets itself in a loop is handled at a bounded rate: VF 2 has
# no driver, and its CTRL.RST is written from user space as fast as the
# test can for 3 s. Each write is a reset event for the PF (VFLRE), and
# each event handled rewrites shared tables. The PF must handle a burst
# and then at most one event per 100 ms for that VF (vf2_mbx_flr), hold
# back the rest (vf2_mbx_rate_limited), and the other VFs keep talking to
# each other meanwhile. A PF that handles every event it sees counts them
# by the thousand here. VFs 0 and 1 from IOVNIC_TEST_VF.
# timeout: 90

source "$(dirname "$0")/sriov_lib.sh"

require_root
require_cmd python3 ethtool
ktap_header
ktap_plan 4
klog_mark

secs=3
# IOVNIC_PF_MBX_FLR_BURST + one per 100 ms, for the writes and the second
# after them (35 measured; a PF without the limit handles thousands)
limit=$((4 + (secs + 1) * 10))

drv=$(sriov_vf_driver) || fail "bad IOVNIC_TEST_VF=$IOVNIC_TEST_VF"
sriov_pf_up || fail "PF setup failed"
echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_drivers_autoprobe"
sriov_set "$IOVNIC_PF0" 3 || fail "cannot enable 3 VFs"
case $drv in
igbvf) stock_load igbvf || fail "no igbvf" ;;
*) iovnic_load lib vf || fail "no iovnic_vf" ;;
esac
for i in 0 1; do
	VF_BDF[i]=$(vf_bdf "$IOVNIC_PF0" "$i") || fail "no VF $i"
	pci_bind "${VF_BDF[i]}" "$drv" || fail "$drv did not bind VF $i"
	VF_DEV[i]=$(wait_netdev "${VF_BDF[i]}" 10) || fail "no netdev for VF $i"
done
bare=$(vf_bdf "$IOVNIC_PF0" 2) || fail "no VF 2"
[ -z "$(pci_driver "$bare")" ] || fail "VF 2 has a driver"
sriov_vf_ns 0 vfa 10.26.0.1/24 || fail "VF 0 not up"
sriov_vf_ns 1 vfb 10.26.0.2/24 || fail "VF 1 not up"
ns_ping vfa 10.26.0.2 2 >/dev/null || fail "VF 0 cannot reach VF 1"

stat() {
	ethtool -S "$PF_DEV" | awk -v n="vf$1_mbx_$2:" '$1 == n { print $2 }'
}

f0=$(stat 2 flr)
l0=$(stat 2 rate_limited)
pout=$IOVNIC_TEST_OUT/flr_flood_ping.txt
ip netns exec vfa ping -i 0.1 -W 1 -c 40 10.26.0.2 >"$pout" 2>&1 &
pinger=$!
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $pinger"

# memory decoding on (no driver did it), as iovnic_rogue_vf does
echo 1 >"/sys/bus/pci/devices/$bare/enable" || fail "cannot enable VF 2"
# CTRL (offset 0) with RST (bit 26), one 32-bit store per write
writes=$(python3 - "/sys/bus/pci/devices/$bare/resource0" "$secs" <<'EOF'
import mmap, os, sys, time

fd = os.open(sys.argv[1], os.O_RDWR | os.O_SYNC)
bar = mmap.mmap(fd, 0x4000)
regs = memoryview(bar).cast("I")
end = time.monotonic() + float(sys.argv[2])
n = 0
while time.monotonic() < end:
    for _ in range(16):
        regs[0] = 1 << 26
    n += 16
regs.release()
bar.close()
print(n)
EOF
)
wait "$pinger"
# what was held back is handled once the bucket refills
sleep 1
flrs=$(($(stat 2 flr) - f0))
held=$(($(stat 2 rate_limited) - l0))
ktap_info "VF 2 wrote CTRL.RST ${writes:-0} times in $secs s; the PF handled $flrs reset events (limit $limit) and held events back $held times"

if [ "${writes:-0}" -le "$((2 * limit))" ]; then
	ktap_skip "flr_rate_bounded" "only ${writes:-0} writes: too few to tell"
elif [ "$flrs" -ge 1 ] && [ "$flrs" -le "$limit" ]; then
	ktap_ok "flr_rate_bounded"
else
	ktap_fail "flr_rate_bounded" "$flrs reset events handled, limit $limit"
fi
ktap_check "flr_held_back_counted" [ "$held" -gt 0 ]

sent=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' "$pout")
got=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' "$pout")
ktap_info "VF 0 -> VF 1 pings during the flood: ${got:-?} of ${sent:-?} answered"
if [ "${sent:-0}" -gt 0 ] && [ "$((${got:-0} * 100))" -ge "$((sent * 90))" ]; then
	ktap_ok "other_vfs_talk"
else
	ktap_fail "other_vfs_talk" "${got:-0} of ${sent:-?} answered"
fi
ktap_klog_clean "kernel_log_clean"
ktap_finished
