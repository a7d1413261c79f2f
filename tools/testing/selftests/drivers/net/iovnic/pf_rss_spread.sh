#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# RSS without VFs: with 4 channels, 8 TCP flows land on more than one RX
# queue; an indirection table pointing only at queue 1 (ethtool -X weight)
# moves all of them there; a new hash key reads back; ethtool -x shows the
# 128-entry table and 40-byte key. QEMU hashes only with RXCSUM.PCSD set
# in non-VMDq mode, which is the mode the PF uses without VFs.
# timeout: 150

source "$(dirname "$0")/pf_lib.sh"

require_cmd iperf3 ethtool python3
ktap_header
ktap_plan 6
klog_mark

pf_setup || fail "setup failed"

rxq_packets() {
	pf_stat pfb "$PF_B" "rx$1_packets"
}

pfb ethtool -L "$PF_B" combined 4
pf_check set_4_channels $? "ethtool -L combined 4 failed"

n=$(pfb ethtool -x "$PF_B" | grep -cE '^ *[0-9]+: +[0-9]')
keylen=$(pfb ethtool -x "$PF_B" | sed -n '/RSS hash key/{n;p}' | tr ':' ' ' | wc -w)
[ "$n" -eq 16 ] && [ "$keylen" -eq 40 ]
pf_check rxfh_sizes $? "$n table rows, $keylen key bytes"

declare -a before
for q in 0 1 2 3; do before[q]=$(rxq_packets $q); done
iperf_run pfb "$PF_B_IP" pfa 3 -P 8 >/dev/null
used=0
for q in 0 1 2 3; do
	d=$(($(rxq_packets $q) - before[q]))
	ktap_info "rx$q: +$d packets"
	[ "$d" -gt 50 ] && used=$((used + 1))
done
[ "$used" -ge 2 ]
pf_check flows_spread_over_queues $? "only $used queue(s) used"

pfb ethtool -X "$PF_B" weight 0 1 0 0
for q in 0 1 2 3; do before[q]=$(rxq_packets $q); done
iperf_run pfb "$PF_B_IP" pfa 3 -P 8 >/dev/null
d1=$(($(rxq_packets 1) - before[1]))
others=0
for q in 0 2 3; do others=$((others + $(rxq_packets $q) - before[q])); done
ktap_info "after -X weight 0 1 0 0: rx1 +$d1, others +$others"
# a few non-hashed frames (ARP) may still use other queues
[ "$d1" -gt 500 ] && [ "$others" -lt $((d1 / 20 + 20)) ]
pf_check indirection_table_steers $? "rx1 +$d1, others +$others"

key=$(python3 -c 'print(":".join("%02x" % ((7 * i + 3) & 0xff) for i in range(40)))')
# two requests: kernels before the fix that shipped in 6.6 read a key sent
# together with "default" from the wrong offset (6.1 sets zeros)
pfb ethtool -X "$PF_B" default
pfb ethtool -X "$PF_B" hkey "$key"
got=$(pfb ethtool -x "$PF_B" | sed -n '/RSS hash key/{n;p}')
[ "$got" = "$key" ]
pf_check hash_key_readback $? "got $got"

pf_teardown
ktap_klog_clean
ktap_finished
