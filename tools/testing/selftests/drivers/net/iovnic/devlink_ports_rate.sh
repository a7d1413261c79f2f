#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# devlink as the per-VF administration interface of iovnic_pf, checked
# against the legacy "ip link set <pf> vf N" one:
# - a pcipf port carries the PF netdev; one pcivf port per VF appears with
#   sriov_numvfs 0 -> 2 and goes with 2 -> 0, and no netdev comes with them
#   (legacy e-switch: "eswitch show" says legacy, switchdev is refused);
# - "port function set hw_addr" on VF 0's port changes the VF's MAC as
#   "ip link set vf 0 mac" does (ip link shows it, the igbvf bound to VF 0
#   takes it), and "port show" shows a MAC set with ip link;
# - "port function rate set tx_max" writes the same rate limiter value as
#   "ip link set vf 0 max_tx_rate" (debugfs, as sriov_vf_rate.sh), refuses
#   what is not a whole Mbit/s or above the link, refuses tx_share;
#   QEMU has no rate limiter: the traffic check is a SKIP;
# - health reporters mbx and tx_timeout exist; mbx reports the driverless
#   VF 1 flooding the mailbox (iovnic_rogue_vf --mode flood, 3 s) and its
#   dump names VF 1; a tx_timeout test event is recovered by a PF reset.
# timeout: 150

source "$(dirname "$0")/sriov_lib.sh"

require_root
require_cmd devlink gcc
ktap_header
ktap_plan 17
klog_mark

tree=${IOVNIC_TREE:-$(cd "$(dirname "$0")/../../../../../.." && pwd)}
rogue=$IOVNIC_TEST_OUT/iovnic_rogue_vf
gcc -O2 -Wall -Wextra -Werror -I"$tree/include" -o "$rogue" \
	"$(dirname "$0")/iovnic_rogue_vf.c" 2>&1 | sed 's/^/# /'

sriov_pf_up || fail "PF setup failed"
DL=pci/$IOVNIC_PF0
devlink dev show "$DL" >/dev/null 2>&1 || fail "no devlink instance $DL"

# vf_ports: the pcivf ports of the PF, one "INDEX VFNUM" per line
vf_ports() {
	devlink port show | awk -v dl="$DL/" 'index($1, dl) == 1 && / flavour pcivf / {
		p = substr($1, length(dl) + 1); sub(":", "", p)
		for (i = 1; i < NF; i++) if ($i == "vfnum") print p, $(i + 1) }'
}

# port_hw_addr INDEX: the function hw_addr devlink shows for port INDEX
port_hw_addr() {
	devlink port show "$DL/$1" | awk '$1 == "hw_addr" {print $2}'
}

# vf_link_mac N: VF N's MAC as ip link shows it on the PF
vf_link_mac() {
	ip link show "$PF_DEV" | awk -v n="$1" '$1 == "vf" && $2 == n {print $4}' | tr -d ,
}

# 1. the PF netdev's port
pf_port=$(devlink port show "$DL/0" 2>&1)
ktap_info "$pf_port"
if [[ $pf_port == *"flavour pcipf"* && $pf_port == *"netdev $PF_DEV "* ]]; then
	ktap_ok "pf_port_pcipf"
else
	ktap_fail "pf_port_pcipf" "$pf_port"
fi

# 2. legacy e-switch only
esw=$(devlink dev eswitch show "$DL" 2>&1)
err=$(devlink dev eswitch set "$DL" mode switchdev 2>&1)
if [[ $esw == *"mode legacy"* ]] && [ -n "$err" ] &&
   [[ $(devlink dev eswitch show "$DL") == *"mode legacy"* ]]; then
	ktap_ok "eswitch_legacy_switchdev_refused"
	ktap_info "switchdev: $err"
else
	ktap_fail "eswitch_legacy_switchdev_refused" "show: $esw; set switchdev: ${err:-accepted}"
fi

# 3. health reporters (iproute2 6.1 wants a reporter name with a device)
health=$(devlink health show 2>&1 | tr -s ' \n' ' ')
if [[ $health == *"$DL: reporter mbx "*"reporter tx_timeout "* ]]; then
	ktap_ok "health_reporters_listed"
else
	ktap_fail "health_reporters_listed" "$health"
fi

# 4. two VFs: two pcivf ports and no new netdev; VF 0 then gets igbvf
netdevs0=$(find /sys/class/net -mindepth 1 -maxdepth 1 | wc -l)
echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_drivers_autoprobe"
sriov_set "$IOVNIC_PF0" 2 || fail "cannot enable 2 VFs"
ports=$(vf_ports | tr '\n' ' ')
netdevs1=$(find /sys/class/net -mindepth 1 -maxdepth 1 | wc -l)
if [ "$ports" = "1 0 2 1 " ] && [ "$netdevs1" = "$netdevs0" ]; then
	ktap_ok "vf_ports_appear_no_netdev"
else
	ktap_fail "vf_ports_appear_no_netdev" "ports (index vfnum): '$ports'; netdevs $netdevs0 -> $netdevs1"
fi
stock_load igbvf || fail "no igbvf"
VF_BDF[0]=$(vf_bdf "$IOVNIC_PF0" 0) || fail "no VF 0"
pci_bind "${VF_BDF[0]}" igbvf || fail "igbvf did not bind VF 0"
VF_DEV[0]=$(wait_netdev "${VF_BDF[0]}" 10) || fail "no netdev for VF 0"
ip link set "${VF_DEV[0]}" up

# 5. hw_addr through devlink = ip link set vf 0 mac, live on the VF
mac=02:de:71:00:00:01
devlink port function set "$DL/1" hw_addr "$mac"
vf_mac_is() {
	[ "$(cat "/sys/class/net/${VF_DEV[0]}/address")" = "$1" ]
}
if [ "$(vf_link_mac 0)" = "$mac" ] && [ "$(port_hw_addr 1)" = "$mac" ] &&
   wait_for 15 vf_mac_is "$mac"; then
	ktap_ok "hw_addr_sets_vf_mac"
else
	ktap_fail "hw_addr_sets_vf_mac" "ip link: $(vf_link_mac 0), devlink: $(port_hw_addr 1), VF netdev: $(cat "/sys/class/net/${VF_DEV[0]}/address")"
fi

# 6. a multicast address is refused and changes nothing
if devlink port function set "$DL/1" hw_addr 01:00:5e:00:00:01 2>/dev/null; then
	ktap_fail "hw_addr_multicast_refused" "accepted"
elif [ "$(vf_link_mac 0)" = "$mac" ]; then
	ktap_ok "hw_addr_multicast_refused"
else
	ktap_fail "hw_addr_multicast_refused" "MAC now $(vf_link_mac 0)"
fi

# 7. ip link's MAC shows in devlink
ip link set "$PF_DEV" vf 1 mac 02:de:71:00:00:02
if [ "$(port_hw_addr 2)" = 02:de:71:00:00:02 ]; then
	ktap_ok "ip_link_mac_in_port_show"
else
	ktap_fail "ip_link_mac_in_port_show" "devlink shows '$(port_hw_addr 2)'"
fi

# 8. tx_max = max_tx_rate: same limiter value, same ip link view
ip link set "$PF_DEV" vf 0 max_tx_rate 300
lim=$(sriov_vf_field 0 rttbcnrc)
ip link set "$PF_DEV" vf 0 max_tx_rate 0
devlink port function rate set "$DL/1" tx_max 300mbit
got=$(sriov_vf_field 0 rttbcnrc)
ktap_info "$(devlink port function rate show "$DL/1" 2>&1)"
if [ "$got" = "$lim" ] && [ "$got" != 0x00000000 ] &&
   ip link show "$PF_DEV" | grep -q "vf 0 .*max_tx_rate 300Mbps"; then
	ktap_ok "rate_tx_max_as_max_tx_rate"
else
	ktap_fail "rate_tx_max_as_max_tx_rate" "RTTBCNRC $got, with ip link $lim; $(ip link show "$PF_DEV" | grep 'vf 0')"
fi

# 9. what the limiter cannot do is refused, nothing changes
bad=""
for r in 100kbit 300500kbit 2gbit; do
	devlink port function rate set "$DL/1" tx_max "$r" 2>/dev/null && bad="$bad $r"
done
if [ -z "$bad" ] && [ "$(sriov_vf_field 0 rttbcnrc)" = "$lim" ]; then
	ktap_ok "rate_tx_max_unsupported_refused"
else
	ktap_fail "rate_tx_max_unsupported_refused" "accepted:${bad:- none}; RTTBCNRC $(sriov_vf_field 0 rttbcnrc)"
fi

# 10. no guaranteed rate on the 82576
if err=$(devlink port function rate set "$DL/1" tx_share 100mbit 2>&1); then
	ktap_fail "rate_tx_share_refused" "accepted"
elif [[ $err == *tx_share* ]]; then
	ktap_ok "rate_tx_share_refused"
	ktap_info "tx_share: $err"
else
	ktap_fail "rate_tx_share_refused" "no clear message: $err"
fi

# 11. tx_max 0 removes the limit
devlink port function rate set "$DL/1" tx_max 0
if [ "$(sriov_vf_field 0 rttbcnrc)" = 0x00000000 ] &&
   ! ip link show "$PF_DEV" | grep -q "vf 0 .*max_tx_rate"; then
	ktap_ok "rate_tx_max_0_removes_limit"
else
	ktap_fail "rate_tx_max_0_removes_limit" "RTTBCNRC $(sriov_vf_field 0 rttbcnrc)"
fi
ktap_skip "rate_limits_traffic" \
	"QEMU's igb model has no transmit rate limiter (RTTBCNRC is absent)"

# 12. the driverless VF 1 floods its mailbox: the mbx reporter fires
# field KEY: the number after KEY (or "KEY:") in what is on stdin
field() {
	awk -v k="$1" '{for (i = 1; i < NF; i++) {
		f = $i; sub(":$", "", f)
		if (f == k && $(i + 1) ~ /^[0-9]+$/) print $(i + 1) }}'
}
errors() {
	devlink health show "$DL" reporter mbx | field error
}
mbx_fired() {
	[ "$(errors)" -gt "${e0:-0}" ]
}
e0=$(errors)
vf1=$(vf_bdf "$IOVNIC_PF0" 1)
if [ -x "$rogue" ] && [ -n "$vf1" ]; then
	timeout -k 2 15 "$rogue" --vf "$vf1" --mode flood --count 100000 \
		--seconds 3 | grep '^rogue:' | sed 's/^/# /'
	wait_for 5 mbx_fired
	dump=$(devlink health dump show "$DL" reporter mbx 2>&1)
	ktap_info "mbx: $(devlink health show "$DL" reporter mbx | tr -s ' \n' ' ')"
	ktap_info "dump: $(echo "$dump" | tr -s ' \n' ' ' | cut -c 1-300)"
	if mbx_fired && echo "$dump" | grep -Eq 'vf:? 1( |$)'; then
		ktap_ok "mbx_reporter_fires_on_flood"
	else
		ktap_fail "mbx_reporter_fires_on_flood" "errors ${e0:-?} -> $(errors)"
	fi
else
	ktap_fail "mbx_reporter_fires_on_flood" "no rogue tool or no VF 1"
fi

# 13. the VF with a driver was never reported: only VF 1 in the dump
if echo "$dump" | grep -Eq 'vf:? 1( |$)' &&
   ! echo "$dump" | grep -Eq 'vf:? 0( |$)'; then
	ktap_ok "mbx_reporter_spares_good_vf"
else
	ktap_fail "mbx_reporter_spares_good_vf" "VF 0 reported"
fi

# 14. sriov_numvfs 0: the VF ports go, the PF port stays
sriov_set "$IOVNIC_PF0" 0
if [ -z "$(vf_ports)" ] && devlink port show "$DL/0" >/dev/null 2>&1; then
	ktap_ok "vf_ports_disappear"
else
	ktap_fail "vf_ports_disappear" "left: $(vf_ports | tr '\n' ' ')"
fi

# 15. tx_timeout: a test event is reported and recovered by a PF reset
resets() {
	devlink health diagnose "$DL" reporter tx_timeout | field reset_count
}
pf_was_reset() {
	[ "$(resets)" -gt "${r0:-0}" ]
}
r0=$(resets)
ktap_info "diagnose: $(devlink health diagnose "$DL" reporter tx_timeout 2>&1 | tr -s ' \n' ' ')"
ktap_info "test event: $(devlink health test "$DL" reporter tx_timeout 2>&1)"
if wait_for 10 pf_was_reset &&
   wait_for 15 _carrier "$PF_DEV"; then
	ktap_ok "tx_timeout_recover_resets_pf"
	ktap_info "$(devlink health show "$DL" reporter tx_timeout | tr -s ' \n' ' ')"
else
	ktap_fail "tx_timeout_recover_resets_pf" "reset_count ${r0:-?} -> $(resets)"
fi

ktap_klog_clean "kernel_log_clean"
ktap_finished
