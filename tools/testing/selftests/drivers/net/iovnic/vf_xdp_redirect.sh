#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# XDP_REDIRECT into and out of a VF. A namespace "src" (10.0.0.3) reaches
# VF b (10.0.0.2) only through XDP: its veth peer v0, next to VF a in
# namespace vfa, redirects every frame into VF a (VF ndo_xdp_xmit), and
# VF a's own program redirects frames for 10.0.0.3 to v0 (VF XDP_REDIRECT).
# No forwarding is enabled in vfa, so ping from src only works if both
# paths do; VF a's rx0_xdp_redirect and its TX counters must move, and
# detaching restores VF a's own traffic. Programs: vf_xdp_redirect_progs.c,
# built with clang at test time. PF from IOVNIC_TEST_PF (stock|iovnic).
# timeout: 180

source "$(dirname "$0")/vf_lib.sh"
require_cmd clang

SRC_ADDR=10.0.0.3
SRC_DADDR=0x0a000003	# SRC_ADDR as a number, for the program

# build NAME DEFINES...: compiles the programs into $IOVNIC_TEST_OUT/NAME.o
build() {
	local obj=$IOVNIC_TEST_OUT/$1.o

	shift
	clang -O2 -target bpf -I/usr/include/x86_64-linux-gnu "$@" \
		-c "$(dirname "$0")/vf_xdp_redirect_progs.c" -o "$obj" 2>&1 |
		sed 's/^/# /'
	[ -s "$obj" ] && echo "$obj"
}

ktap_header
ktap_plan 5
klog_mark
vf_pair_setup
a=${VF_DEV[0]} b=${VF_DEV[1]}
mac_of() { ip -n "$1" -br link show "$2" | awk '{print $3}'; }
a_mac=$(mac_of vfa "$a") b_mac=$(mac_of vfb "$b")
st_a() { ns_ethtool_stat vfa "$a" "$1"; }
# sum of one per-queue counter over VF a's queues
sum_a() {
	ip netns exec vfa ethtool -S "$a" |
		awk -v re="^$1[0-9]+_$2:\$" '$1 ~ re {s += $2} END {print s + 0}'
}

ns_create src || fail "cannot create namespace src"
ip -n vfa link add v0 type veth peer name v1 netns src || fail "no veth pair"
# src speaks as VF a: b and the switch see VF a's address on every frame
ip -n src link set v1 address "$a_mac"
ip -n src addr add $SRC_ADDR/24 dev v1
ip -n src link set v1 up
ip -n vfa link set v0 up
ip -n src neigh add 10.0.0.2 lladdr "$b_mac" dev v1
ip -n vfb neigh replace $SRC_ADDR lladdr "$a_mac" dev "$b"

v0_idx=$(ip -n vfa -o link show v0 | cut -d: -f1)
a_idx=$(ip -n vfa -o link show "$a" | cut -d: -f1)
to_vf=$(build to_vf -DREDIRECT_IFINDEX="$a_idx") ||
	skip "cannot build the XDP programs (clang -target bpf)"
to_veth=$(build to_veth -DREDIRECT_IFINDEX="$v0_idx" -DREDIRECT_DADDR=$SRC_DADDR) ||
	skip "cannot build the XDP programs (clang -target bpf)"

# a veth only takes XDP frames if its peer runs NAPI: an XDP program does
ip -n src link set v1 xdpdrv obj "$to_vf" sec xdp_pass ||
	skip "iproute2 cannot attach XDP programs"
ip -n vfa link set v0 xdpdrv obj "$to_vf" sec xdp_redirect_all
ip -n vfa link set "$a" xdpdrv obj "$to_veth" sec xdp_redirect_daddr
ip -n vfa link show "$a" | grep -q 'prog/xdp' ||
	fail "no XDP program on VF a"
vf_wait_carrier vfa "$a" 10 || fail "VF a lost its carrier with XDP"

if ns_ping src 10.0.0.2 1 >/dev/null; then
	ktap_info "path warm"
fi
r0=$(st_a rx0_xdp_redirect) t0=$(($(sum_a tx xdp_tx) + $(sum_a tx packets)))
g0=$(st_a vf_tx_packets)
ktap_check "ping_through_xdp_redirect" ns_ping src 10.0.0.2 5
r1=$(st_a rx0_xdp_redirect) t1=$(($(sum_a tx xdp_tx) + $(sum_a tx packets)))
g1=$(st_a vf_tx_packets)
ktap_info "VF a: rx0_xdp_redirect +$((r1 - r0)), ring TX +$((t1 - t0)), hw TX +$((g1 - g0))"
[ $((r1 - r0)) -ge 5 ] && ktap_ok "vf_xdp_redirect_counted" ||
	ktap_fail "vf_xdp_redirect_counted" "rx0_xdp_redirect +$((r1 - r0))"
[ $((t1 - t0)) -ge 5 ] && [ $((g1 - g0)) -ge 5 ] &&
	ktap_ok "vf_ndo_xdp_xmit_sent" ||
	ktap_fail "vf_ndo_xdp_xmit_sent" "ring TX +$((t1 - t0)), hw TX +$((g1 - g0))"

ip -n vfa link set "$a" xdpdrv off
ip -n vfa link set v0 xdpdrv off
ktap_check "vf_traffic_after_detach" ns_ping vfa 10.0.0.2 3
ktap_klog_clean
ktap_finished
