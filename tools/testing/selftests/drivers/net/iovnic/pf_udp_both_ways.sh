#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# UDP between two iovnic_pf ports, each direction for a few seconds: the
# receiver gets datagrams (loss below a generous bound, TCG drops under
# load) and the receiving netdev's rx_packets grew by at least the number
# of datagrams iperf3 says arrived.
# timeout: 120

source "$(dirname "$0")/pf_lib.sh"

require_cmd iperf3 python3
ktap_header
ktap_plan 3
klog_mark

pf_setup || fail "setup failed"

out=$IOVNIC_TEST_OUT/pf_udp_both_ways
mkdir -p "$out"

# udp_result JSON: "sent lost" datagrams of an iperf3 -u -J result.
udp_result() {
	python3 -c 'import json,sys
try:
    e = json.load(open(sys.argv[1]))["end"]
    s = e.get("sum_received") or e["sum"]
    print(int(s["packets"]), int(s["lost_packets"]))
except Exception:
    print(0, 0)' "$1"
}

# udp_dir NAME RX_NS RX_DEV [-R]: one 3 s run, checked on the receiver.
udp_dir() {
	local name=$1 rxns=$2 rxdev=$3 rx0 rx sent lost got

	shift 3
	rx0=$(pf_link_stat "$rxns" "$rxdev" rx_packets)
	iperf_run pfb "$PF_B_IP" pfa 3 -u -b 50M "$@" >"$out/$name.json"
	rx=$(($(pf_link_stat "$rxns" "$rxdev" rx_packets) - rx0))
	# no process substitution: the guest has no /dev/fd
	set -- $(udp_result "$out/$name.json")
	sent=$1 lost=$2
	got=$((sent - lost))
	ktap_info "$name UDP: sent $sent, lost $lost, $rxdev rx_packets +$rx"
	if [ "$sent" -le 0 ] || [ "$got" -le 0 ]; then
		ktap_fail "udp_$name" "no datagram received"
	elif [ $((lost * 2)) -ge "$sent" ]; then
		ktap_fail "udp_$name" "lost $lost of $sent (>= 50%)"
	elif [ "$rx" -lt "$got" ]; then
		ktap_fail "udp_$name" "rx_packets +$rx < $got datagrams received"
	else
		ktap_ok "udp_$name"
	fi
}

udp_dir a_to_b pfb "$PF_B"
udp_dir b_to_a pfa "$PF_A" -R

pf_teardown
ktap_klog_clean
ktap_finished
