#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Jumbo frames: MTU limits are 68..9216; with MTU 9000 on both ports an
# unfragmented 9000-byte ping crosses the wire (RCTL.LPE/RLPML and RX
# buffer chaining), TCP works, and after going back to 1500 a jumbo frame
# is dropped by the receiver's MAC while small ones pass.
# timeout: 120

source "$(dirname "$0")/pf_lib.sh"

require_cmd iperf3 python3 ping
ktap_header
ktap_plan 7
klog_mark

pf_setup || fail "setup failed"

ok=0
ip -n pfa link set "$PF_A" mtu 9216 || ok=1
ip -n pfa link set "$PF_A" mtu 68 || ok=1
ip -n pfa link set "$PF_A" mtu 9217 2>/dev/null && ok=1
ip -n pfa link set "$PF_A" mtu 67 2>/dev/null && ok=1
pf_check mtu_limits_68_9216 $ok

ip -n pfa link set "$PF_A" mtu 9000
ip -n pfb link set "$PF_B" mtu 9000
pfa ping -Mdo -s 8972 -c 3 -i 0.3 -W 2 -w 8 "$PF_B_IP" >/dev/null
pf_check ping_9000_a_to_b $?
pfb ping -Mdo -s 8972 -c 3 -i 0.3 -W 2 -w 8 "$PF_A_IP" >/dev/null
pf_check ping_9000_b_to_a $?

out=$IOVNIC_TEST_OUT/pf_mtu9000
mkdir -p "$out"
iperf_run pfb "$PF_B_IP" pfa 3 >"$out/tcp.json"
mbps=$(pf_iperf_mbps "$out/tcp.json")
ktap_info "TCP with MTU 9000: $mbps Mbit/s"
[ "$mbps" -gt 10 ]
pf_check tcp_mtu9000 $? "$mbps Mbit/s"

# receiver back at 1500: a 9000-byte frame must be dropped by the MAC
# (QEMU does not count these in ROC, so the rings are what is checked)
ip -n pfb link set "$PF_B" mtu 1500
before=$(pf_stat_sum pfb "$PF_B" '^rx[0-9]+_packets$')
pfa ping -Mdo -s 8972 -c 3 -i 0.3 -W 1 -w 3 "$PF_B_IP" >/dev/null 2>&1
rc=$?
after=$(pf_stat_sum pfb "$PF_B" '^rx[0-9]+_packets$')
ktap_info "frames the receiver's rings got: $((after - before))"
[ $rc -ne 0 ] && [ $((after - before)) -lt 2 ]
pf_check jumbo_refused_at_mtu1500 $? "ping rc $rc, rings +$((after - before))"

ip -n pfa link set "$PF_A" mtu 1500
ns_ping pfa "$PF_B_IP" 3 >/dev/null
pf_check ping_after_mtu_restore $?

pf_teardown
ktap_klog_clean
ktap_finished
