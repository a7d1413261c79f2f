#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers for the iovnic_pf selftests (sources lib.sh itself).
#
# pf_setup puts PF0 (driven by iovnic_pf) in namespace "pfa" as 10.11.0.1
# and its link partner PF1 in namespace "pfb" as 10.11.0.2. The partner is
# driven by iovnic_pf too, or by the stock igb with pf_setup igb.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PF_A=""			# netdev of PF0 (iovnic_pf), in namespace pfa
PF_B=""			# netdev of PF1 (link partner), in namespace pfb
PF_A_IP=10.11.0.1
PF_B_IP=10.11.0.2

# pf_carrier NS DEV: true if DEV in NS reports carrier.
pf_carrier() {
	[ "$(ip netns exec "$1" cat "/sys/class/net/$2/carrier" 2>/dev/null)" = 1 ]
}

# pf_no_carrier NS DEV: true if DEV in NS reports no carrier.
pf_no_carrier() {
	! pf_carrier "$@"
}

# pf_setup [iovnic|igb]: both ports up in their namespaces, with carrier.
pf_setup() {
	local partner=${1:-iovnic}

	stock_unload igbvf
	iovnic_load lib pf || return 1
	pci_bind "$IOVNIC_PF0" iovnic_pf || { echo "# iovnic_pf did not bind PF0"; return 1; }
	if [ "$partner" = igb ]; then
		stock_load igb || return 1
		pci_bind "$IOVNIC_PF1" igb || { echo "# igb did not bind PF1"; return 1; }
	else
		pci_bind "$IOVNIC_PF1" iovnic_pf || { echo "# iovnic_pf did not bind PF1"; return 1; }
	fi
	PF_A=$(wait_netdev "$IOVNIC_PF0" 10) || { echo "# no netdev on PF0"; return 1; }
	PF_B=$(wait_netdev "$IOVNIC_PF1" 10) || { echo "# no netdev on PF1"; return 1; }
	ns_create pfa pfb || return 1
	ns_move "$PF_A" pfa "$PF_A_IP/24" || return 1
	ns_move "$PF_B" pfb "$PF_B_IP/24" || return 1
	wait_for 10 pf_carrier pfa "$PF_A" || { echo "# no carrier on $PF_A"; return 1; }
	wait_for 10 pf_carrier pfb "$PF_B" || { echo "# no carrier on $PF_B"; return 1; }
	# neighbour resolution must not eat the first test packets
	ns_ping pfa "$PF_B_IP" 1 >/dev/null 2>&1
	return 0
}

# pf_teardown: namespaces gone, PF drivers unloaded.
pf_teardown() {
	iovnic_cleanup
	iovnic_unload
	stock_unload igb
}

# pfa CMD... / pfb CMD...: run CMD in the namespace of PF0 / PF1.
pfa() {
	ip netns exec pfa "$@"
}

pfb() {
	ip netns exec pfb "$@"
}

# pf_stat NS DEV NAME: value of ethtool -S counter NAME (empty if absent).
pf_stat() {
	ip netns exec "$1" ethtool -S "$2" | awk -v n="$3:" '$1 == n { print $2 }'
}

# pf_stat_sum NS DEV REGEX: sum of the ethtool -S counters matching REGEX.
pf_stat_sum() {
	ip netns exec "$1" ethtool -S "$2" |
		awk -v r="$3" '{ sub(":", "", $1) } $1 ~ r { s += $2 } END { print s + 0 }'
}

# pf_std_stat NS DEV NAME: standard counter NAME (e.g.
# eth-mac-FramesReceivedOK, rmon-etherStatsUndersizePkts) of ethtool -S
# --all-groups, where the MAC counters are (empty if absent).
pf_std_stat() {
	ip netns exec "$1" ethtool -S "$2" --all-groups 2>/dev/null |
		awk -v n="$3:" '$1 == n { print $2 }'
}

# pf_link_stat NS DEV FIELD: /sys/class/net/DEV/statistics/FIELD in NS.
pf_link_stat() {
	ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"
}

# pf_iperf_mbps JSON_FILE: received Mbit/s of an iperf3 -J result (0 if none).
pf_iperf_mbps() {
	python3 -c 'import json,sys
try:
    d = json.load(open(sys.argv[1]))
    e = d["end"]
    s = e.get("sum_received") or e.get("sum")
    print(int(s["bits_per_second"] / 1e6))
except Exception:
    print(0)' "$1"
}

# pf_check NAME COND_STATUS [REASON]: ktap_result (ktap.sh), by its old name.
pf_check() {
	ktap_result "$@"
}

# pf_dump_reg NS DEV INDEX: 32-bit word INDEX of the ethtool -d dump, hex.
# Layout (iovnic_pf_ethtool.c): 32 global registers (MRQC is word 25,
# IVAR(i) word 9 + i), then 13 words per queue q at 32 + 13 q: RDBAL RDBAH
# RDLEN SRRCTL RDH RDT RXDCTL TDBAL TDBAH TDLEN TDH TDT TXDCTL.
pf_dump_reg() {
	ip netns exec "$1" ethtool -d "$2" raw on | od -An -tx4 -v -w4 |
		sed -n "$(($3 + 1))p" | tr -d ' '
}

# pf_rxdctl_word Q / pf_txdctl_word Q: dump word of queue Q's RXDCTL/TXDCTL.
pf_rxdctl_word() {
	echo $((32 + 13 * $1 + 6))
}

pf_txdctl_word() {
	echo $((32 + 13 * $1 + 12))
}
