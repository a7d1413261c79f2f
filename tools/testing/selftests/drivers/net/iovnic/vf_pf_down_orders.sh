#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A VF gets carrier and passes traffic whatever the order of its PF going
# down (D) and up (U), its probe (P, driver bind) and its open (O): a
# guest may boot, or bring its interface up, while the host's PF is down
# or resetting. VF 1 stays bound and up in vfb as the peer; VF 0 is
# unbound and brought back in each of the six orders with D before U and
# P before O. After the last step VF 0 must have carrier within BOUND_S
# seconds of both the PF's carrier and its own open, and ping VF 1.
# Then ethtool must show the PF's 1000Mb/s Full on the VF with carrier
# and Unknown speed without (read-only, as igbvf reports it).
# PF from IOVNIC_TEST_PF (stock|iovnic).
# timeout: 300

source "$(dirname "$0")/vf_lib.sh"

BOUND_S=5
ORDERS="DUPO DPUO DPOU PDUO PDOU PODU"

ktap_header
ktap_plan 8
klog_mark
vf_pair_setup
bdf=${VF_BDF[0]}
a=""

pf_carrier() { [ "$(cat "/sys/class/net/$PF_DEV/carrier" 2>/dev/null)" = 1 ]; }

# step LETTER: one event of an order.
step() {
	case $1 in
	D) ip link set "$PF_DEV" down ;;
	U) ip link set "$PF_DEV" up ;;
	P)
		pci_bind "$bdf" iovnic_vf || return 1
		a=$(wait_netdev "$bdf" 10) || return 1
		ip link set "$a" netns vfa || return 1
		ip -n vfa addr add 10.0.0.1/24 dev "$a"
		;;
	O) ip -n vfa link set "$a" up ;;
	esac
}

# run_order ORDER: VF 0 unbound, then the steps of ORDER one second apart
# (long enough for a handshake to happen in between), then the checks.
run_order() {
	local order=$1 i t0 ms

	pci_unbind "$bdf"
	a=""
	for ((i = 0; i < ${#order}; i++)); do
		if ! step "${order:i:1}"; then
			ktap_fail "order_$order" "step ${order:i:1} failed"
			return
		fi
		sleep 1
	done
	if ! wait_for 20 pf_carrier; then
		ktap_fail "order_$order" "PF carrier did not come back"
		return
	fi
	t0=$(now_ms)
	if ! vf_wait_carrier vfa "$a" 30; then
		vf_diag vfa "$a"
		ktap_fail "order_$order" "no VF carrier 30 s after the PF's and the open"
		return
	fi
	ms=$(($(now_ms) - t0))
	ktap_info "order $order: VF carrier ${ms} ms after the PF's and the open"
	vf_wait_carrier vfb "${VF_DEV[1]}" 15 || ktap_info "peer VF 1 has no carrier"
	ip -n vfb neigh flush dev "${VF_DEV[1]}"
	if ! ns_ping vfa 10.0.0.2 2 >/dev/null; then
		vf_diag vfa "$a"
		ktap_fail "order_$order" "carrier but no ping to VF 1"
	elif [ "$ms" -gt $((BOUND_S * 1000)) ]; then
		ktap_fail "order_$order" "carrier took ${ms} ms, bound ${BOUND_S} s"
	else
		ktap_ok "order_$order"
	fi
}

for o in $ORDERS; do
	run_order "$o"
done

# link_ksettings: speed/duplex with carrier, Unknown without
ethtool_a() { ip netns exec vfa ethtool "$a" 2>/dev/null; }
no_carrier_a() { ! ns_carrier vfa "$a"; }
with=$(ethtool_a | grep -E 'Speed|Duplex' | tr -d '\t\n')
ip link set "$PF_DEV" down
wait_for 5 no_carrier_a || ktap_info "VF 0 kept carrier with its PF down"
without=$(ethtool_a | grep -E 'Speed|Duplex' | tr -d '\t\n')
ip link set "$PF_DEV" up
ktap_info "with carrier '$with', without '$without'"
if [ "$with" = "Speed: 1000Mb/sDuplex: Full" ] &&
   echo "$without" | grep -q 'Speed: Unknown'; then
	ktap_ok "link_ksettings"
else
	ktap_fail "link_ksettings" "with carrier '$with', without '$without'"
fi

ktap_klog_clean
ktap_finished
