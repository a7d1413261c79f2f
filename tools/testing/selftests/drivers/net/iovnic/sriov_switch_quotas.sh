#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The shared tables of the 82576 switch are split fairly between VFs that
# do not cooperate. Four VFs without a driver, driven by iovnic_rogue_vf
# (mode send) through their BARs:
#  - MAC_FILTER_ADD of one address 20 times takes one RAR entry, and an
#    untrusted VF holds at most (15 - num_vfs) / num_vfs shared entries, so
#    the next VF still gets its share;
#  - "address in use" NACKs are counted and, past 8, answered unseen;
#  - each VF joins at most (31 - 4 - num_vfs) / num_vfs VLANs (max 8), so
#    after all four asked for 10 the PF can still add a VLAN of its own and
#    the admin a port VLAN;
#  - all-multicast (VMOLR.MPME) only for a trusted VF: SET_PROMISC 0x02 is
#    NACKed and SET_MULTICAST with 31 entries keeps the hashes only;
#  - a PF reset, which drops the shared filters, resets their count;
#  - the RSS key is the PF's own: the two ports' keys differ.
# timeout: 120

source "$(dirname "$0")/sriov_lib.sh"

require_root
require_cmd gcc ethtool
ktap_header
ktap_plan 11
klog_mark

tree=${IOVNIC_TREE:-$(cd "$(dirname "$0")/../../../../../.." && pwd)}
rogue=$IOVNIC_TEST_OUT/iovnic_rogue_vf
gcc -O2 -Wall -Wextra -Werror -I"$tree/include" -o "$rogue" \
	"$(dirname "$0")/iovnic_rogue_vf.c" 2>&1 | sed 's/^/# /'
[ -x "$rogue" ] || fail "cannot build iovnic_rogue_vf"

nvfs=4
sriov_pf_up || fail "PF setup failed"
echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_drivers_autoprobe"
sriov_set "$IOVNIC_PF0" $nvfs || fail "cannot enable $nvfs VFs"
for ((i = 0; i < nvfs; i++)); do
	VF_BDF[i]=$(vf_bdf "$IOVNIC_PF0" "$i") || fail "no VF $i"
	[ -z "$(pci_driver "${VF_BDF[i]}")" ] || fail "VF $i has a driver"
done
mac_quota=$(((15 - nvfs) / nvfs))
vlan_quota=$(((31 - 4 - nvfs) / nvfs))
((vlan_quota > 8)) && vlan_quota=8

# send VF COUNT [--vary W] -- WORD...: prints "acked nacked last"
send() {
	local vf=$1 count=$2 args=()

	shift 2
	while [ "$1" != -- ]; do
		args+=("$1")
		shift
	done
	shift
	for w in "$@"; do
		args+=(--word "$w")
	done
	"$rogue" --vf "${VF_BDF[vf]}" --mode send --count "$count" "${args[@]}" |
		sed -n 's/^send: acked=\([0-9]*\) nacked=\([0-9]*\) last=\(.*\)$/\1 \2 \3/p'
}
stat() {
	ethtool -S "$PF_DEV" | awk -v n="vf$1_mbx_$2:" '$1 == n {print $2}'
}
# rar_count POOL [RAL]: RAR entries steering to POOL (RAH bit 18 + POOL)
rar_count() {
	local name ral rah n=0

	while read -r name ral rah; do
		[[ $name == RAR* ]] || continue
		if ((rah >> (18 + $1) & 1)) && { [ -z "$2" ] || ((ral == $2)); }; then
			n=$((n + 1))
		fi
	done <<<"$(sriov_dbg switch)"
	echo $n
}
# vlvf_has VID POOL: an enabled VLVF entry for VID with POOL's bit
vlvf_has() {
	local name val

	while read -r name val; do
		[[ $name == VLVF* ]] && (((val & 0xFFF) == $1 && val >> (12 + $2) & 1)) &&
			return 0
	done <<<"$(sriov_dbg switch)"
	return 1
}

for ((i = 0; i < nvfs; i++)); do
	send "$i" 1 -- 0x1 >/dev/null	# RESET: READY, no MAC (NACK)
done
ktap_info "$nvfs VFs: MAC filter quota $mac_quota, VLAN quota $vlan_quota"

# 1. the same filter 20 times: ACKed each time, one entry
read -r a n _ <<<"$(send 0 20 -- 0x00020002 0x0000aa02 0x0100)"
c=$(rar_count 0 0x0000aa02)
if [ "$a" = 20 ] && [ "$c" = 1 ]; then
	ktap_ok "mac_filter_duplicate_one_entry"
else
	ktap_fail "mac_filter_duplicate_one_entry" "acked $a of 20, $c RAR entries hold it"
fi

# 2. distinct filters: VF 0 stops at its quota, VF 1 still gets its own
read -r a0 _ <<<"$(send 0 8 --vary 2 -- 0x00020002 0x0000aa02 0x0110)"
read -r a1 _ <<<"$(send 1 8 --vary 2 -- 0x00020002 0x0001aa02 0x0110)"
ktap_info "distinct filters ACKed: VF 0 $a0 (after the first), VF 1 $a1; RAR entries VF 0 $(rar_count 0), VF 1 $(rar_count 1)"
if [ "$a0" = $((mac_quota - 1)) ] && [ "$a1" = "$mac_quota" ] &&
   [ "$(stat 0 mac_filter_refused)" -gt 0 ] 2>/dev/null; then
	ktap_ok "mac_filter_quota_per_vf"
else
	ktap_fail "mac_filter_quota_per_vf" "VF 0 $a0 (want $((mac_quota - 1))), VF 1 $a1 (want $mac_quota), refused $(stat 0 mac_filter_refused)"
fi

# 3. the oracle: VF 2 asks 20 times for VF 0's filter address as its MAC
read -r a n last <<<"$(send 2 20 -- 0x00000002 0x0000aa02 0x0100)"
t=$(stat 2 mac_taken) r=$(stat 2 rate_limited)
ktap_info "VF 2 probing a taken MAC: acked $a nacked $n, mac_taken $t, rate_limited $r"
if [ "$a" = 0 ] && [ "${t:-0}" -ge 8 ] && [ "${t:-99}" -le 10 ] &&
   [ "${r:-0}" -ge 10 ] 2>/dev/null; then
	ktap_ok "mac_taken_counted_and_bounded"
else
	ktap_fail "mac_taken_counted_and_bounded" "acked $a, mac_taken ${t:-none}, rate_limited ${r:-none}"
fi

# 4-5. every VF asks for 10 VLANs; each gets its quota, the PF and the
# admin still get theirs
got=""
for ((i = 0; i < nvfs; i++)); do
	read -r a _ <<<"$(send "$i" 10 --vary 1 -- 0x00010004 $((1000 + 100 * i)))"
	got="$got $a"
done
used=$(sriov_dbg switch | grep -c '^VLVF')
ktap_info "VLANs ACKed per VF:$got; VLVF entries in use: $used"
if [ "$got" = "$(printf " $vlan_quota%.0s" $(seq $nvfs))" ] &&
   [ "$(stat 0 vlan_refused)" -gt 0 ] 2>/dev/null; then
	ktap_ok "vlan_quota_per_vf"
else
	ktap_fail "vlan_quota_per_vf" "ACKed$got, want $vlan_quota each; refused $(stat 0 vlan_refused)"
fi
if ip link add link "$PF_DEV" name pfv42 type vlan id 42 2>"$IOVNIC_TEST_OUT/vlan.err" &&
   vlvf_has 42 $nvfs &&
   ip link set "$PF_DEV" vf 2 vlan 500 2>>"$IOVNIC_TEST_OUT/vlan.err" &&
   vlvf_has 500 2; then
	ktap_ok "pf_and_port_vlan_after_vf_fill"
else
	ktap_fail "pf_and_port_vlan_after_vf_fill" "$(tr '\n' ' ' <"$IOVNIC_TEST_OUT/vlan.err")"
fi
ip link del pfv42 2>/dev/null
ip link set "$PF_DEV" vf 2 vlan 0

# 6-7. all-multicast: refused to an untrusted VF, granted once trusted
read -r a n last <<<"$(send 3 1 -- 0x00020006)"
read -ra hashes <<<"$(printf '0x00100010 %.0s' $(seq 15))"
read -r a2 _ <<<"$(send 3 1 -- 0x001F0003 "${hashes[@]}")"
ktap_info "untrusted VF 3: SET_PROMISC reply $last, SET_MULTICAST(31) acked $a2, allmulti_refused $(stat 3 allmulti_refused)"
if [ "$last" = 0x60020006 ] && [ "$a2" = 1 ] &&
   [ "$(sriov_vf_field 3 mc_promisc)" = 0 ] && [ "$(sriov_vf_field 3 mc)" = 30 ] &&
   [ "$(stat 3 allmulti_refused)" = 2 ]; then
	ktap_ok "allmulti_refused_untrusted"
else
	ktap_fail "allmulti_refused_untrusted" "reply $last, SET_MULTICAST acked $a2, mc_promisc $(sriov_vf_field 3 mc_promisc), VMOLR3 $(sriov_reg VMOLR3)"
fi
ip link set "$PF_DEV" vf 3 trust on
read -r a n last <<<"$(send 3 1 -- 0x00020006)"
if [ "$last" = 0xa0000006 ] && [ "$(sriov_vf_field 3 mc_promisc)" = 1 ]; then
	ktap_ok "allmulti_granted_trusted"
else
	ktap_fail "allmulti_granted_trusted" "reply $last, mc_promisc $(sriov_vf_field 3 mc_promisc), VMOLR3 $(sriov_reg VMOLR3)"
fi

# 8. spoof events: QEMU never reports one, the counters exist
if [ -n "$(stat 0 spoofed)" ]; then
	ktap_skip "spoof_events_counted" "QEMU's igb model never sets WVBR nor raises DOUTSYNC (vf0_mbx_spoofed $(stat 0 spoofed))"
else
	ktap_fail "spoof_events_counted" "no vf0_mbx_spoofed counter"
fi

# 9. a PF reset drops the shared filters; their count follows
before=$(sriov_vf_field 0 mac_filters)
# shellcheck disable=SC2317 # called through wait_for
no_filters() {
	[ "$(sriov_vf_field 0 mac_filters)" = 0 ] && [ "$(rar_count 0)" = 0 ]
}
ethtool --reset "$PF_DEV" all >/dev/null 2>&1
wait_for 15 no_filters
wait_for 15 _carrier "$PF_DEV"
after=$(sriov_vf_field 0 mac_filters)
ktap_info "VF 0 mac_filters before the PF reset $before, after $after; its RAR entries now $(rar_count 0)"
if [ "$before" = "$mac_quota" ] && [ "$after" = 0 ] && [ "$(rar_count 0)" = 0 ]; then
	ktap_ok "mac_filter_count_after_pf_reset"
else
	ktap_fail "mac_filter_count_after_pf_reset" "before $before, after $after"
fi

# 10. the RSS key: random per port, not the host-wide one both shared
key() {
	ethtool -x "$1" 2>/dev/null | sed -n '/RSS hash key/{n;p}'
}
k0=$(key "$PF_DEV")
k1=$([ -n "$PF1_DEV" ] && key "$PF1_DEV")
ktap_info "RSS keys: $PF_DEV $k0, ${PF1_DEV:-PF1} $k1"
if [ -z "$PF1_DEV" ] || [ "$(pci_driver "$IOVNIC_PF1")" != iovnic_pf ]; then
	ktap_skip "rss_key_private" "the second port is not driven by iovnic_pf"
elif [ -n "$k0" ] && [ -n "$k1" ] && [ "$k0" != "$k1" ] &&
     [[ $k0 =~ [1-9a-f] ]]; then
	ktap_ok "rss_key_private"
else
	ktap_fail "rss_key_private" "the two ports share the key $k0"
fi
ktap_klog_clean "kernel_log_clean"
ktap_finished
