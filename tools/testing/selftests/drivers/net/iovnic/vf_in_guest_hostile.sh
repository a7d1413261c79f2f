#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The isolation claim from a real guest: VF 0 of iovnic_pf goes to a
# nested QEMU guest through vfio-pci (behind the test VM's vIOMMU), where
# no driver takes it and iovnic_rogue_vf (built static here) attacks the
# PF's mailbox through the BAR the guest sees (mode all: garbage, every
# message ID, out-of-order requests, a held lock, register pokes, a
# flood), trying to claim the MACs of VF 1 and of the PF. Meanwhile VF 1
# (a namespace of the test VM, driver from IOVNIC_TEST_VF) pings the PF
# 10 times a second. Checks: the PF saw the attack (vf0_mbx_rx) and
# refused what it had to (nacked + invalid), the victims lost under 10%
# of their pings and VF 1 was never rate limited, no victim MAC ever
# entered VF 0's RAR entries, the PF still serves VF 1 afterwards; zero
# DMAR faults (the runner fails the test on any).
# needs: iommu
# timeout: 1200

source "$(dirname "$0")/sriov_lib.sh"
source "$(dirname "$0")/nested_lib.sh"

require_root
nested_require
require_cmd gcc
ktap_header
ktap_plan 6
klog_mark

count=6000
[ "$IOVNIC_LONG" = 1 ] && count=20000
drv=$(sriov_vf_driver) || fail "bad IOVNIC_TEST_VF=$IOVNIC_TEST_VF"
tree=${IOVNIC_TREE:-$(cd "$(dirname "$0")/../../../../../.." && pwd)}
mkdir -p "$NESTED_DIR"
rogue=$NESTED_DIR/iovnic_rogue_vf
gcc -static -O2 -Wall -Wextra -Werror -I"$tree/include" -o "$rogue" \
	"$(dirname "$0")/iovnic_rogue_vf.c" 2>&1 | sed 's/^/# /'
[ -x "$rogue" ] || fail "cannot build iovnic_rogue_vf (static)"

trap nested_host_teardown EXIT

nested_host_setup "$drv"
nested_bind_vfio "${VF_BDF[0]}" || fail "VF 0 cannot go to vfio-pci"
victims="$(ip netns exec vf1 cat "/sys/class/net/${VF_DEV[1]}/address") $(cat "/sys/class/net/$PF_DEV/address")"
ktap_info "victim MACs: $victims; rogue: mode all, $count messages"

vargs=""
for m in $victims; do vargs="$vargs --victim $m"; done
cat >"$NESTED_DIR/hostile.sh" <<EOF
for d in /sys/bus/pci/devices/*; do
	[ "\$(cat \$d/device)" = 0x10ca ] && VF=\${d##*/}
done
echo "NESTED: vf \$VF"
echo "NESTED: rogue-start \$(cut -d' ' -f1 /proc/uptime)"
$rogue --assigned --vf "\$VF" --mode all --count $count --seed 1 $vargs >/tmp/r.out 2>&1
echo "NESTED: rogue-rc \$? \$(cut -d' ' -f1 /proc/uptime)"
sed 's/^/NESTED: rogue-out /' /tmp/r.out
EOF
nested_initramfs "$NESTED_DIR/hostile.sh" "$rogue" || fail "cannot build the nested initramfs"

stat() {
	ethtool -S "$PF_DEV" | awk -v n="vf$1_mbx_$2:" '$1 == n {print $2}'
}

# MACs of the RAR entries whose pool select has VF 0's bit (RAH bit 18)
rogue_rar_macs() {
	local name ral rah

	sriov_dbg switch | while read -r name ral rah; do
		[[ $name == RAR* ]] && ((rah & 1 << 18)) || continue
		printf '%02x:%02x:%02x:%02x:%02x:%02x\n' $((ral & 255)) \
			$((ral >> 8 & 255)) $((ral >> 16 & 255)) \
			$((ral >> 24 & 255)) $((rah & 255)) $((rah >> 8 & 255))
	done
}

rx0=$(stat 0 rx) nack0=$(stat 0 nacked) inv0=$(stat 0 invalid)
nested_start "${VF_BDF[0]}" hostile
nested_wait rogue-start 400 || { nested_diag; fail "the nested guest did not start the rogue"; }
ktap_info "nested guest up after $(nested_elapsed) s; rogue on $(nested_line vf)"
ip netns exec vf1 ping -i 0.1 -W 1 10.30.0.2 >"$NESTED_DIR/victim.ping" 2>&1 &
ppid=$!
watch=$NESTED_DIR/switch.watch
: >"$watch"
while ! _nested_has rogue-rc && ! _nested_gone; do
	rogue_rar_macs >>"$watch"
	sleep 0.5
done
nested_wait rogue-rc 600
kill -INT "$ppid"
wait "$ppid" 2>/dev/null
nested_wait_exit 60 || ktap_info "the nested guest had to be killed"
summary=$(tr -d '\r' <"$NESTED_CONSOLE" | sed -n 's/^NESTED: rogue-out //p')
echo "$summary" | sed 's/^/# rogue: /'
field() {
	echo "$summary" | grep '^rogue:' | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k {print $2}'
}
ktap_info "rogue ran from guest uptime $(nested_line rogue-start) to $(nested_line rogue-rc | cut -d' ' -f2) s, exit $(nested_line rogue-rc | cut -d' ' -f1)"

rx=$(($(stat 0 rx) - rx0)) nack=$(($(stat 0 nacked) - nack0)) inv=$(($(stat 0 invalid) - inv0))
ktap_info "PF counted for VF 0: $rx requests, $nack nacked, $inv invalid, $(stat 0 rate_limited) rate limited"
if [ "${rx:-0}" -gt 0 ] && [ "$(field sent)" -ge "$count" ] 2>/dev/null; then
	ktap_ok "attack_reached_pf"
else
	ktap_fail "attack_reached_pf" "rogue sent '$(field sent)', PF counted $rx"
fi
if [ $((nack + inv)) -gt 0 ]; then
	ktap_ok "pf_refused_garbage"
else
	ktap_fail "pf_refused_garbage" "nothing nacked or invalid"
fi
read -r tx rxp < <(awk '/packets transmitted/ {print $1, $4}' "$NESTED_DIR/victim.ping")
ktap_info "victim pings VF 1 -> PF during the attack: $rxp of $tx; VF 1 rate limited: $(stat 1 rate_limited)"
if [ "${tx:-0}" -gt 0 ] && [ $((rxp * 10)) -ge $((tx * 9)) ] && [ "$(stat 1 rate_limited)" = 0 ]; then
	ktap_ok "victims_keep_talking"
else
	ktap_fail "victims_keep_talking" "$rxp of $tx replies"
fi
rogue_rar_macs >>"$watch"
stolen=""
for m in $victims; do
	grep -qix "$m" "$watch" && stolen="$stolen $m"
done
ktap_info "VF 0 RAR MACs seen: $(sort -u "$watch" | tr '\n' ' ')"
if [ -z "$stolen" ] && [ "$(field victim_acked)" = 0 ]; then
	ktap_ok "rogue_cannot_claim_victim_mac"
else
	ktap_fail "rogue_cannot_claim_victim_mac" "victim MACs in VF 0's RAR:${stolen:- none}; PF accepted $(field victim_acked) of $(field victim_tries) claims"
fi
ktap_check "pf_serves_vf1_after" ns_ping vf1 10.30.0.2 3
ktap_info "DMAR faults in the test VM's log: $(klog_since_mark | grep -cE 'DMAR:.*[Ff]ault|DMAR: \[DMA')"
ktap_klog_clean "kernel_log_clean"
ktap_finished
