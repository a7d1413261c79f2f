#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The VF in a real guest: iovnic_pf with 2 VFs; VF 0 goes to a nested QEMU
# guest through vfio-pci (DMA and MSI-X through the test VM's vIOMMU,
# iommu.strict=1), VF 1 stays in namespace vf1 of the test VM. In the
# nested guest the VF driver under test (IOVNIC_TEST_VF: stock igbvf or
# iovnic_vf, from the test VM's own build) must:
#   - take the administrator's MAC and pass traffic to VF 1 and to the PF
#     (10 pings each, a 3 s iperf3 TCP run to VF 1), on MSI-X interrupts
#     counted in the guest's /proc/interrupts;
#   - follow the host's live changes: a new admin MAC, a port VLAN (VF 0
#     and VF 1 in VLAN 100: VF 1 still reaches the guest, the untagged PF
#     no longer does, until "vlan 0") and "state disable"/"auto" (carrier);
#   - after the guest powers off, vfio-pci's function reset is seen by the
#     PF (vf0_mbx_flr), which drops what the guest had set (its multicast
#     hashes), and a second guest boot on the same VF passes traffic.
# Zero DMAR faults in the test VM's log throughout (the runner fails the
# test on any). Figures: nested boot time, first reply, TCP rate, guest
# interrupts. Needs tools/testing/vm/run --iommu (the runner turns it on
# for this test); 7-10 minutes (two nested boots, TCG in TCG).
# needs: iommu
# timeout: 1200

source "$(dirname "$0")/sriov_lib.sh"
source "$(dirname "$0")/nested_lib.sh"

require_root
nested_require
require_cmd iperf3
ktap_header
ktap_plan 10
klog_mark

ADMIN=02:00:00:00:30:10
NEWMAC=02:00:00:00:30:11
GUEST=10.30.0.10
drv=$(sriov_vf_driver) || fail "bad IOVNIC_TEST_VF=$IOVNIC_TEST_VF"
mkdir -p "$NESTED_DIR"

trap nested_host_teardown EXIT

# --- host side: PF 10.30.0.2, VF 1 in vf1 (10.30.0.3), VF 0 to vfio-pci ---
nested_host_setup "$drv"
ip link set "$PF_DEV" vf 0 mac "$ADMIN" || fail "admin MAC refused"
nested_bind_vfio "${VF_BDF[0]}" || fail "VF 0 cannot go to vfio-pci"
ip netns exec vf1 iperf3 -s -B 10.30.0.3 >/dev/null 2>&1 &
IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $!"

# --- the nested guest's script (busybox sh) ---
cat >"$NESTED_DIR/guest1.sh" <<EOF
DRV=$drv
$(cat "$(dirname "$0")/nested_guest_vf.sh")
vf_up || exit 1
# first reply, then 10 pings each way and a short TCP run
ping_until_reply 10.30.0.2
echo "NESTED: first-reply \$(cut -d' ' -f1 /proc/uptime)"
echo "NESTED: ping-pf \$(ping -c 10 -i 0.2 -W 2 10.30.0.2 | sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\).*/\2\/\1/p')"
echo "NESTED: ping-vf1 \$(ping -c 10 -i 0.2 -W 2 10.30.0.3 | sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\).*/\2\/\1/p')"
if [ -x /usr/bin/iperf3 ]; then
	echo "NESTED: tcp \$(timeout 40 iperf3 -c 10.30.0.3 -t 3 -f m 2>&1 | awk '/sender/ {print \$7, \$8}')"
fi
vf_irqs
echo "NESTED: ready"
vf_watch &
nc -l -p 7777 >/dev/null
vf_irqs
EOF

nested_initramfs "$NESTED_DIR/guest1.sh" iperf3 || fail "cannot build the nested initramfs"
flr_count() {
	ethtool -S "$PF_DEV" | awk '$1 == "vf0_mbx_flr:" {print $2}'
}
ping_guest_from() {
	if [ "$1" = pf ]; then
		ping -c 2 -i 0.5 -W 2 -w 6 "$GUEST" >/dev/null 2>&1
	else
		ip netns exec "$1" ping -c 2 -i 0.5 -W 2 -w 6 "$GUEST" >/dev/null 2>&1
	fi
}
flr_grew() {
	[ "$(flr_count)" -gt "$flr0" ]
}
pf_reaches_guest_not() {
	! ping -c 3 -i 0.5 -W 1 "$GUEST" 2>/dev/null | grep -q 'bytes from'
}
guest_state_is() {
	[ "$(nested_line state)" = "$1" ]
}

nested_start "${VF_BDF[0]}" boot1
if ! nested_wait up 400; then
	nested_diag
	fail "the nested guest did not boot"
fi
boot_s=$(nested_elapsed)
nested_wait ready 300 || nested_diag
ktap_info "nested guest ($drv): userspace after ${boot_s} s, VF netdev $(nested_line dev), ready after $(nested_elapsed) s"
if [ "$(nested_line mac)" = "$ADMIN" ]; then
	ktap_ok "admin_mac"
else
	ktap_fail "admin_mac" "guest has '$(nested_line mac)', admin set $ADMIN"
fi
pf_r=$(nested_line ping-pf) vf_r=$(nested_line ping-vf1)
first=$(awk -v b="$boot_s" -v u="$(nested_line up)" -v f="$(nested_line first-reply)" 'BEGIN { printf "%.1f", b - u + f }')
ktap_info "first reply ~${first} s after the nested QEMU started (guest uptime $(nested_line first-reply) s, userspace at $(nested_line up) s, insmod at $(nested_line insmod) s); pings: PF $pf_r, VF 1 $vf_r"
if [ "$pf_r" = 10/10 ] && [ "$vf_r" = 10/10 ]; then
	ktap_ok "ping_pf_vf1"
else
	ktap_fail "ping_pf_vf1" "PF '$pf_r', VF 1 '$vf_r'"
fi
tcp=$(nested_line tcp)
ktap_info "TCP guest -> VF 1 (iperf3 3 s): ${tcp:-none}"
case $tcp in
[0-9]*" Mbits/sec") ktap_ok "tcp_to_vf1" ;;
*) ktap_fail "tcp_to_vf1" "iperf3: '${tcp}'" ;;
esac
irqs=$(nested_line irqs)
ktap_info "guest interrupts: $irqs"
case $irqs in
*MSI*) [ "${irqs%% *}" -gt 0 ] && ktap_ok "msix_in_guest" ||
	ktap_fail "msix_in_guest" "no interrupt counted" ;;
*) ktap_fail "msix_in_guest" "no MSI-X vector: '$irqs'" ;;
esac
mc_before=$(sriov_vf_field 0 mc)

# --- the host changes the VF live; the guest follows ---
ms_since() {
	echo $((($(date +%s%N) - $1) / 1000000))
}
t=$(date +%s%N)
ip link set "$PF_DEV" vf 0 mac "$NEWMAC"
if wait_for 90 guest_state_is "$NEWMAC 1"; then
	ktap_info "live MAC: the guest runs with it after $(ms_since "$t") ms"
	ip -n vf1 neigh flush all
	ip neigh flush dev "$PF_DEV"
	if wait_for 20 ping_guest_from vf1; then
		ktap_ok "live_mac"
	else
		ktap_fail "live_mac" "guest took $NEWMAC but does not answer"
	fi
else
	ktap_fail "live_mac" "guest state '$(nested_line state)'"
fi
ip link set "$PF_DEV" vf 0 vlan 100
ip link set "$PF_DEV" vf 1 vlan 100
msg=""
wait_for 60 ping_guest_from vf1 || msg="VF 1 cannot reach the guest in VLAN 100"
pf_reaches_guest_not || msg="${msg:-the untagged PF still reaches the guest}"
ip link set "$PF_DEV" vf 0 vlan 0
ip link set "$PF_DEV" vf 1 vlan 0
wait_for 60 ping_guest_from pf || msg="${msg:-PF cannot reach the guest after vlan 0}"
ktap_result "live_port_vlan" "$([ -z "$msg" ]; echo $?)" "$msg"
msg=""
t=$(date +%s%N)
ip link set "$PF_DEV" vf 0 state disable
wait_for 60 guest_state_is "$NEWMAC 0" || msg="guest carrier stayed up ($(nested_line state))"
ktap_info "state disable: guest carrier off after $(ms_since "$t") ms"
ping_guest_from vf1 && msg="${msg:-a disabled VF still answers}"
ip link set "$PF_DEV" vf 0 state auto
wait_for 60 guest_state_is "$NEWMAC 1" || msg="${msg:-guest carrier not back}"
wait_for 30 ping_guest_from vf1 || msg="${msg:-no traffic after state auto}"
ktap_result "live_state" "$([ -z "$msg" ]; echo $?)" "$msg"

# --- the guest powers off: vfio-pci resets VF 0, the PF cleans up ---
flr0=$(flr_count)
ip netns exec vf1 bash -c "echo bye >/dev/tcp/$GUEST/7777" 2>/dev/null
nested_wait_exit 120 || ktap_info "the nested guest had to be killed"
ktap_info "guest interrupts at the end: $(nested_line irqs)"
wait_for 10 flr_grew
flr1=$(flr_count) mc_after=$(sriov_vf_field 0 mc)
ktap_info "after power-off: vf0_mbx_flr $flr0 -> $flr1, VF 0 state $(sriov_vf_field 0 state), multicast hashes $mc_before -> $mc_after"
if [ "$flr1" -gt "$flr0" ] && [ "$mc_after" = 0 ] && [ "${mc_before:-0}" -gt 0 ]; then
	ktap_ok "flr_on_release"
else
	ktap_fail "flr_on_release" "FLR $flr0 -> $flr1, mc $mc_before -> $mc_after"
fi

# --- a second guest on the same VF ---
cat >"$NESTED_DIR/guest2.sh" <<EOF
DRV=$drv
$(cat "$(dirname "$0")/nested_guest_vf.sh")
vf_up || exit 1
ping_until_reply 10.30.0.2
echo "NESTED: ping-pf \$(ping -c 5 -i 0.2 -W 2 10.30.0.2 | sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\).*/\2\/\1/p')"
EOF
nested_initramfs "$NESTED_DIR/guest2.sh" || fail "cannot build the second initramfs"
nested_start "${VF_BDF[0]}" boot2
nested_wait_exit 500 || nested_diag
r=$(nested_line ping-pf)
ktap_info "second boot: MAC $(nested_line mac), pings to the PF $r, $(nested_elapsed) s"
if [ "$r" = 5/5 ] && [ "$(nested_line mac)" = "$NEWMAC" ]; then
	ktap_ok "second_boot"
else
	nested_diag
	ktap_fail "second_boot" "MAC '$(nested_line mac)', pings '$r'"
fi

dmar=$(klog_since_mark | grep -cE 'DMAR:.*[Ff]ault|DMAR: \[DMA')
ktap_info "DMAR faults in the test VM's log: $dmar"
ktap_klog_clean "kernel_log_clean"
ktap_finished
