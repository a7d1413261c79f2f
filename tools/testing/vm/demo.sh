#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The demo, run inside the test VM by `tools/testing/vm/run --demo`
# (`make demo`): PF driver up, two VFs with MACs set from the PF, VF driver
# up, the two VF netdevs in two namespaces ping each other through the
# 82576's internal switch.  Every step says OK or NOT YET (and what failed);
# exit status 0 only if every step is OK.
set -u

# shellcheck source=tools/testing/selftests/drivers/net/iovnic/lib.sh
source "$IOVNIC_SELFTESTS/lib.sh"

PF=$IOVNIC_PF0
VF0_MAC=02:00:00:00:10:00
VF1_MAC=02:00:00:00:10:02
failed=0

ok() { printf '%-44s OK%s\n' "$1" "${2:+ ($2)}"; }
notyet() { printf '%-44s NOT YET: %s\n' "$1" "$2"; failed=$((failed + 1)); }

echo "== iovnic demo on $PF ($(pci_id "$PF"), kernel $IOVNIC_KVER)"

step="load iovnic_lib + iovnic_pf"
if iovnic_load lib pf >/tmp/demo.err 2>&1; then ok "$step"; else notyet "$step" "$(tail -n 1 /tmp/demo.err)"; fi

step="iovnic_pf bound to $PF"
drv=$(pci_driver "$PF")
if [ "$drv" = iovnic_pf ]; then ok "$step"; else notyet "$step" "driver is '${drv:-none}'"; fi

step="PF netdev"
pfdev=$(wait_netdev "$PF" 5)
if [ -n "$pfdev" ]; then
	ip link set "$pfdev" up
	ok "$step" "$pfdev"
else
	notyet "$step" "iovnic_pf registered no netdev"
fi

step="create 2 VFs (sriov_numvfs=2)"
echo 0 >"/sys/bus/pci/devices/$PF/sriov_drivers_autoprobe" 2>/dev/null
if sriov_set "$PF" 2 2>/tmp/demo.err; then
	ok "$step" "$(vf_bdf "$PF" 0) $(vf_bdf "$PF" 1)"
else
	notyet "$step" "$(tail -n 1 /tmp/demo.err)"
fi
vf0=$(vf_bdf "$PF" 0)
vf1=$(vf_bdf "$PF" 1)

for n in 0 1; do
	mac=$VF0_MAC
	[ "$n" = 1 ] && mac=$VF1_MAC
	step="ip link set <pf> vf $n mac $mac"
	if [ -z "$pfdev" ]; then
		notyet "$step" "no PF netdev"
	elif ip link set "$pfdev" vf "$n" mac "$mac" 2>/tmp/demo.err; then
		ok "$step"
	else
		notyet "$step" "$(tail -n 1 /tmp/demo.err)"
	fi
done

step="load iovnic_vf, bind both VFs"
if [ -z "$vf0" ] || [ -z "$vf1" ]; then
	notyet "$step" "no VFs"
elif ! iovnic_load vf >/tmp/demo.err 2>&1; then
	notyet "$step" "$(tail -n 1 /tmp/demo.err)"
elif pci_bind "$vf0" iovnic_vf && pci_bind "$vf1" iovnic_vf; then
	ok "$step"
else
	notyet "$step" "VF drivers: '$(pci_driver "$vf0")' '$(pci_driver "$vf1")'"
fi

vfdev0="" vfdev1=""
step="VF netdevs"
if [ -n "$vf0" ] && [ -n "$vf1" ]; then
	vfdev0=$(wait_netdev "$vf0" 5)
	vfdev1=$(wait_netdev "$vf1" 5)
fi
if [ -n "$vfdev0" ] && [ -n "$vfdev1" ]; then
	ok "$step" "$vfdev0 $vfdev1"
else
	notyet "$step" "iovnic_vf registered no netdev"
fi

step="VF netdevs into namespaces ns0/ns1"
if [ -n "$vfdev0" ] && [ -n "$vfdev1" ] && ns_create ns0 ns1 &&
   ns_move "$vfdev0" ns0 10.77.0.1/24 && ns_move "$vfdev1" ns1 10.77.0.2/24; then
	ok "$step"
else
	notyet "$step" "no VF netdevs to move"
fi

step="ping VF0 -> VF1 through the NIC's switch"
if [ -z "$vfdev0" ] || [ -z "$vfdev1" ]; then
	notyet "$step" "no VF netdevs"
elif ns_ping ns0 10.77.0.2 3 >/tmp/demo.err 2>&1; then
	ok "$step" "$(grep -o '[0-9]* received' /tmp/demo.err)"
else
	notyet "$step" "$(grep -E 'received|unreachable' /tmp/demo.err | tail -n 1)"
fi

echo "== ip -d link show ${pfdev:-<no PF netdev>}"
[ -n "$pfdev" ] && ip -d link show "$pfdev"

echo "== demo: $failed step(s) not yet working"
[ "$failed" = 0 ]
