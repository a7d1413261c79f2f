#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# TX DMA mapping failing under traffic on iovnic_pf: iovnic_tx_map_buf()
# (the mapping of a TX head or fragment, injectable where fail_function
# exists) fails for 10% of the calls while TCP and a ping run out of the
# port. Each failed frame is dropped and counted once: tx<N>_dma_err in
# ethtool -S and tx_dropped by the same amount. No oops, traffic recovers,
# and DMA_API_DEBUG has nothing to say, not even when the driver unbinds
# (it reports mappings left behind then). Needs the debug kernel (make
# check-debug); fail_function tests run last in a boot.
# timeout: 150

source "$(dirname "$0")/pf_lib.sh"
source "$(dirname "$0")/fault_lib.sh"

require_cmd ip ping iperf3 ethtool
ktap_header
fault_require
ktap_plan 7
klog_mark
trap 'fault_fn_off; pf_teardown' EXIT

DMA_API=/sys/kernel/debug/dma-api

pf_setup || fail "setup failed"
dma_err() { pf_stat_sum pfa "$PF_A" '^tx[0-9]+_dma_err$'; }
dropped() { pf_link_stat pfa "$PF_A" tx_dropped; }
dma_api_errors() { cat "$DMA_API/error_count" 2>/dev/null || echo 0; }

e0=$(dma_err)
d0=$(dropped)
x0=$(dma_api_errors)
pfb iperf3 -s -1 -D >/dev/null 2>&1
sleep 1
pfa iperf3 -c "$PF_B_IP" -t 8 -J >"$IOVNIC_TEST_OUT/iperf_fault.json" 2>&1 &
iperf=$!
pfa ping -q -i 0.01 -w 8 "$PF_B_IP" >/dev/null 2>&1 &
ping=$!
sleep 2
fault_fn_on iovnic_tx_map_buf 10 || fail "cannot arm fail_function"
sleep 3
fault_fn_off
wait "$iperf" "$ping"
e=$(($(dma_err) - e0))
d=$(($(dropped) - d0))
ktap_info "TX mapping failures: dma_err +$e, tx_dropped +$d"
[ "$e" -gt 0 ]
pf_check dma_errors_counted $? "dma_err +$e: the fault never reached the driver"
[ "$d" = "$e" ]
pf_check tx_dropped_counts_each_once $? "tx_dropped +$d for $e mapping failures"

pf_carrier pfa "$PF_A" || wait_for 10 pf_carrier pfa "$PF_A"
pf_check carrier_after_faults $? "no carrier after the faults"
ns_ping pfa "$PF_B_IP" 10 >/dev/null
pf_check ping_recovers $? "ping lost after the faults ($e failures)"
pfb iperf3 -s -1 -D >/dev/null 2>&1
sleep 1
pfa iperf3 -c "$PF_B_IP" -t 3 -J >"$IOVNIC_TEST_OUT/iperf_after.json" 2>&1
mbps=$(pf_iperf_mbps "$IOVNIC_TEST_OUT/iperf_after.json")
ktap_info "TCP after: $mbps Mbit/s"
[ "$mbps" -gt 10 ]
pf_check tcp_recovers $? "TCP $mbps Mbit/s after the faults"

# DMA_API_DEBUG checks every unmap against its map and, at unbind, that
# nothing stayed mapped
pci_unbind "$IOVNIC_PF0"
x=$(($(dma_api_errors) - x0))
said=$(klog_since_mark | grep "DMA-API" | head -n 5)
[ -n "$said" ] && sed 's/^/# /' <<<"$said"
[ -d "$DMA_API" ] || ktap_info "no $DMA_API: kernel without DMA_API_DEBUG"
[ "$x" = 0 ] && [ -z "$said" ]
pf_check dma_api_debug_clean $? "DMA-API: $x errors"
ktap_klog_clean
ktap_finished
