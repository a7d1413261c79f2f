#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Native XDP on iovnic_pf: an XDP_DROP program on the receiver stops pings
# and counts rx*_xdp_drop; an XDP_PASS program lets them through and counts
# rx*_xdp_pass; detaching restores normal receive. An MTU too large for a
# single XDP buffer is refused while a program is attached.
# timeout: 120

source "$(dirname "$0")/pf_lib.sh"

require_cmd clang ip ping
ktap_header
ktap_plan 6
klog_mark

obj=$IOVNIC_TEST_OUT/pf_xdp
mkdir -p "$obj"
for verdict in DROP PASS; do
	cat >"$obj/$verdict.c" <<EOC
#include <linux/bpf.h>
__attribute__((section("xdp"), used))
int xdp_prog(struct xdp_md *ctx) { return XDP_$verdict; }
char _license[] __attribute__((section("license"), used)) = "GPL";
EOC
	clang -O2 -target bpf -I/usr/include/x86_64-linux-gnu \
		-c "$obj/$verdict.c" -o "$obj/$verdict.o" ||
		skip "cannot build a BPF object"
done

pf_setup || fail "setup failed"

attach() {
	ip -n pfb link set dev "$PF_B" xdpdrv obj "$obj/$1.o" sec xdp
}

attach DROP
pf_check attach_drop $? "ip link set xdpdrv failed"
d0=$(pf_stat_sum pfb "$PF_B" '^rx[0-9]+_xdp_drop$')
pfa ping -c 3 -i 0.2 -W 1 -w 3 "$PF_B_IP" >/dev/null 2>&1
rc=$?
d=$(($(pf_stat_sum pfb "$PF_B" '^rx[0-9]+_xdp_drop$') - d0))
[ $rc -ne 0 ] && [ "$d" -ge 3 ]
pf_check drop_program_drops $? "ping rc $rc, xdp_drop +$d"

ip -n pfb link set dev "$PF_B" mtu 9000 2>/dev/null
[ $? -ne 0 ]
pf_check jumbo_mtu_refused_with_xdp $?

ip -n pfb link set dev "$PF_B" xdpdrv off
attach PASS
p0=$(pf_stat_sum pfb "$PF_B" '^rx[0-9]+_xdp_pass$')
ns_ping pfa "$PF_B_IP" 3 >/dev/null
rc=$?
p=$(($(pf_stat_sum pfb "$PF_B" '^rx[0-9]+_xdp_pass$') - p0))
[ $rc -eq 0 ] && [ "$p" -ge 3 ]
pf_check pass_program_passes $? "ping rc $rc, xdp_pass +$p"

ip -n pfb link set dev "$PF_B" xdpdrv off
ns_ping pfa "$PF_B_IP" 3 >/dev/null
pf_check ping_after_detach $?

pf_teardown
ktap_klog_clean
ktap_finished
