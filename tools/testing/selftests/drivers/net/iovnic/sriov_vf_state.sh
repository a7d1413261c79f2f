#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# "ip link set <pf> vf 0 state disable" takes the VF's carrier down (pings
# without CTS) and stops its traffic (VFRE/VFTE bit 0 cleared); "enable"
# and "auto" bring both back; ip link reports the state. An "enable" VF
# keeps its link while the PF netdev is down.
# timeout: 90

source "$(dirname "$0")/sriov_lib.sh"

require_root
ktap_header
ktap_plan 6
klog_mark

sriov_setup 1
ip addr add 10.7.0.2/24 dev "$PF_DEV"
sriov_vf_ns 0 vfa 10.7.0.1/24 || fail "VF 0 not up"
vfdev=${VF_DEV[0]}

bit0() {
	echo $(( ($(sriov_reg "$1") & 1) ))
}

ip link set "$PF_DEV" vf 0 state disable
if wait_for 15 ns_no_carrier vfa "$vfdev" && [ "$(bit0 VFRE)" = 0 ] &&
   [ "$(bit0 VFTE)" = 0 ] &&
   ip link show "$PF_DEV" | grep -q "vf 0 .*link-state disable"; then
	ktap_ok "disable_carrier_off_rxtx_off"
else
	ktap_fail "disable_carrier_off_rxtx_off" "carrier=$(ip netns exec vfa cat /sys/class/net/$vfdev/carrier) VFRE=$(sriov_reg VFRE) VFTE=$(sriov_reg VFTE)"
fi
if ns_ping vfa 10.7.0.2 2 >/dev/null; then
	ktap_fail "disabled_vf_passes_no_traffic" "ping went through"
else
	ktap_ok "disabled_vf_passes_no_traffic"
fi

ip link set "$PF_DEV" vf 0 state enable
if wait_for 20 ns_carrier vfa "$vfdev" && [ "$(bit0 VFRE)" = 1 ] &&
   ns_ping vfa 10.7.0.2 3 >/dev/null &&
   ip link show "$PF_DEV" | grep -q "vf 0 .*link-state enable"; then
	ktap_ok "enable_restores"
else
	ktap_fail "enable_restores" "VFRE=$(sriov_reg VFRE)"
fi

# "enable" does not follow the PF netdev either: a PF that goes down keeps
# such a VF's carrier and RX/TX (auto VFs lose both: vf_pf_reset_recovery)
ip link set "$PF_DEV" down
sleep 1
c=$(ip netns exec vfa cat "/sys/class/net/$vfdev/carrier")
if [ "$c" = 1 ] && [ "$(bit0 VFRE)" = 1 ] && [ "$(bit0 VFTE)" = 1 ]; then
	ktap_ok "enable_survives_pf_down"
else
	ktap_fail "enable_survives_pf_down" "carrier=$c VFRE=$(sriov_reg VFRE) VFTE=$(sriov_reg VFTE)"
fi
ip link set "$PF_DEV" up
wait_for 10 _carrier "$PF_DEV" || ktap_info "PF carrier not back after 10 s"

ip link set "$PF_DEV" vf 0 state auto
if ip link show "$PF_DEV" | grep -q "vf 0 .*link-state auto" &&
   ns_ping vfa 10.7.0.2 2 >/dev/null; then
	ktap_ok "auto_follows_pf"
else
	ktap_fail "auto_follows_pf" "no traffic in auto"
fi
ktap_klog_clean "kernel_log_clean"
ktap_finished
