#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The netdev netlink family sees the iovnic PF and VF netdevs' queues: every
# active queue is linked to its NAPI instance, every NAPI instance to its
# IRQ, and the per-queue statistics (qstats) count the traffic that was
# sent. Read with the kernel's own ynl CLI.
# timeout: 180

IOVNIC_TEST_PF=iovnic
source "$(dirname "$0")/vf_lib.sh"

require_cmd ip ping python3
ynl_available || skip "no ynl CLI or python3-yaml (make setup)"
# the netdev family came with Linux 6.3, its queue and NAPI objects with 6.8
ynl_netdev - --dump dev-get >/dev/null 2>&1 ||
	skip "the kernel has no netdev netlink family (Linux 6.3 and later)"
ktap_header
ktap_plan 7
klog_mark

vf_pair_setup
ip addr add 10.0.0.3/24 dev "$PF_DEV" || fail "no address on the PF"

# queues_linked NS IFINDEX: every RX and TX queue of IFINDEX has a NAPI id
queues_linked() {
	ynl_netdev "$1" --dump queue-get --json "{\"ifindex\": $2}" |
		python3 -c '
import json, sys
q = json.load(sys.stdin)
ok = len(q) >= 2 and all("napi-id" in e for e in q)
print("# %d queues, %d linked to a NAPI" % (len(q), sum("napi-id" in e for e in q)))
sys.exit(0 if ok else 1)'
}

# napis_have_irq NS IFINDEX: every NAPI instance of IFINDEX names its IRQ
napis_have_irq() {
	ynl_netdev "$1" --dump napi-get --json "{\"ifindex\": $2}" |
		python3 -c '
import json, sys
n = json.load(sys.stdin)
print("# %d NAPI instances" % len(n))
sys.exit(0 if n and all(e.get("irq", 0) > 0 for e in n) else 1)'
}

# rx_packets NS IFINDEX: device-wide rx-packets from qstats
rx_packets() {
	ynl_netdev "$1" --dump qstats-get --json "{\"ifindex\": $2}" |
		python3 -c '
import json, sys
s = json.load(sys.stdin)
print(sum(e.get("rx-packets", 0) for e in s))'
}

pf_if=$(cat "/sys/class/net/$PF_DEV/ifindex")
vf_if=$(ip netns exec vfa cat "/sys/class/net/${VF_DEV[0]}/ifindex")

ktap_check pf_queues_linked_to_napi queues_linked - "$pf_if"
ktap_check pf_napi_linked_to_irq napis_have_irq - "$pf_if"
ktap_check vf_queues_linked_to_napi queues_linked vfa "$vf_if"
ktap_check vf_napi_linked_to_irq napis_have_irq vfa "$vf_if"

# 20 echo requests to the VF and to the PF: each receives at least 20
vf_before=$(rx_packets vfa "$vf_if")
pf_before=$(rx_packets - "$pf_if")
ping_vf0() {
	ns_ping vfb 10.0.0.1 20 >/dev/null
}
ktap_check vf_to_vf_ping ping_vf0
ns_ping vfb 10.0.0.3 20 >/dev/null
vf_after=$(rx_packets vfa "$vf_if")
pf_after=$(rx_packets - "$pf_if")
echo "# qstats rx-packets: VF $vf_before -> $vf_after, PF $pf_before -> $pf_after"

counted() {
	[ $((vf_after - vf_before)) -ge 20 ] && [ $((pf_after - pf_before)) -ge 20 ]
}
ktap_check qstats_count_received_packets counted

ktap_klog_clean
ktap_finished
