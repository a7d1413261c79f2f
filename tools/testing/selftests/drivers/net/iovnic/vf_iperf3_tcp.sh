#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# TCP between two VFs through the embedded switch with iperf3 (IPv4, IPv6,
# then 4 streams each way): transfers complete with a non-trivial rate, TSO
# is used on the sender (the tx<N>_tso counters move), RX checksums are
# validated by the device (rx<N>_csum_unnecessary move; summed over the
# queues in use) and no checksum errors are seen.
# PF driver from IOVNIC_TEST_PF (stock|iovnic).
# timeout: 150

source "$(dirname "$0")/vf_lib.sh"
require_cmd iperf3

ktap_header
ktap_plan 7
vf_pair_setup
a=${VF_DEV[0]} b=${VF_DEV[1]}
ip -n vfa addr add fd00::1/64 dev "$a" nodad
ip -n vfb addr add fd00::2/64 dev "$b" nodad

tso0=$(ns_ethtool_sum vfa "$a" tx_tso)
csum0=$(ns_ethtool_sum vfb "$b" rx_csum_unnecessary)

rate() { # json on stdin -> Mbit/s received
	python3 -c 'import json,sys; print(int(json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e6))' 2>/dev/null
}
r4=$(iperf_run vfb 10.0.0.2 vfa 5 | rate)
ktap_info "IPv4 TCP: ${r4:-?} Mbit/s"
[ "${r4:-0}" -ge 5 ] && ktap_ok "tcp_ipv4_rate" || ktap_fail "tcp_ipv4_rate" "${r4:-no result} Mbit/s"
r6=$(iperf_run vfb fd00::2 vfa 5 | rate)
ktap_info "IPv6 TCP: ${r6:-?} Mbit/s"
[ "${r6:-0}" -ge 5 ] && ktap_ok "tcp_ipv6_rate" || ktap_fail "tcp_ipv6_rate" "${r6:-no result} Mbit/s"

r4p=$(iperf_run vfb 10.0.0.2 vfa 5 -P 4 | rate)
ktap_info "IPv4 TCP, 4 streams a -> b: ${r4p:-?} Mbit/s"
[ "${r4p:-0}" -ge 5 ] && ktap_ok "tcp_4_streams_rate" || ktap_fail "tcp_4_streams_rate" "${r4p:-no result} Mbit/s"
r4r=$(iperf_run vfb 10.0.0.2 vfa 5 -P 4 -R | rate)
ktap_info "IPv4 TCP, 4 streams b -> a: ${r4r:-?} Mbit/s"
[ "${r4r:-0}" -ge 5 ] && ktap_ok "tcp_4_streams_reverse_rate" || ktap_fail "tcp_4_streams_reverse_rate" "${r4r:-no result} Mbit/s"

tso1=$(ns_ethtool_sum vfa "$a" tx_tso)
csum1=$(ns_ethtool_sum vfb "$b" rx_csum_unnecessary)
ktap_info "tx*_tso $tso0 -> $tso1, rx*_csum_unnecessary $csum0 -> $csum1"
[ "$tso1" -gt "$tso0" ] && ktap_ok "tso_used" || ktap_fail "tso_used" "no tx*_tso counter moved"
[ "$csum1" -gt "$csum0" ] && ktap_ok "rx_csum_offload_used" || ktap_fail "rx_csum_offload_used" "no CHECKSUM_UNNECESSARY frames"
cerr=$(ns_ethtool_sum vfb "$b" rx_csum_err)
[ "${cerr:-1}" -eq 0 ] && ktap_ok "no_rx_csum_errors" || ktap_fail "no_rx_csum_errors" "rx*_csum_err=$cerr"
ktap_finished
