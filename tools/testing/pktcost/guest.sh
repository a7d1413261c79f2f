#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Guest side of `make pktcost`, run in the test VM by tools/testing/pktcost/
# pktcost through tools/testing/vm/run --cmd.  Per round, for stock
# (igb + igbvf) and then ours (iovnic_pf + iovnic_vf): the test bed of
# `make bench` (PF0 in netns bpf, PF1 in bwire, VF0 and VF1 of PF0 in bva
# and bvb), then per scenario a window of steady traffic measured by
# pktcost_mark, then everything unloaded again.
#
# The sender (iperf3 client, the interrupts of its function) runs on CPU 0
# and the receiver on CPU 1, so the plugin's per-vCPU counts are per side.
#
# Environment: PKTCOST_MARK (the helper, required), PKTCOST_ROUNDS (3),
# PKTCOST_CONFIGS ("stock ours"), PKTCOST_SCENARIOS ("udp64 udp64r tcp1
# wire"; also "idle"), PKTCOST_RATE (iperf3 -b of udp64r, 2M: about 3900
# datagrams/s, which both driver pairs carry even under the plugin, so
# both get the same load), PKTCOST_WARMUP (2 s), PKTCOST_SECONDS (5 s).
# Writes to $IOVNIC_TEST_OUT/pktcost/.
# shellcheck source-path=SCRIPTDIR
set -u

# One compound command, parsed before it runs.
{

# shellcheck source=../selftests/drivers/net/iovnic/lib.sh
source "$IOVNIC_SELFTESTS/lib.sh"

MARK=${PKTCOST_MARK:?}
ROUNDS=${PKTCOST_ROUNDS:-3}
CONFIGS=${PKTCOST_CONFIGS:-stock ours}
SCENARIOS=${PKTCOST_SCENARIOS:-udp64 udp64r tcp1 wire}
RATE=${PKTCOST_RATE:-2M}
WARMUP=${PKTCOST_WARMUP:-2}
SECONDS_=${PKTCOST_SECONDS:-5}
D=$IOVNIC_TEST_OUT/pktcost
A_VF0=10.90.0.1 A_VF1=10.90.0.2 A_PF0=10.90.0.3 A_PF1=10.90.0.4
TX_CPU=0 RX_CPU=1

mkdir -p "$D"
say() { echo "# pktcost: $*"; }

pf_drv() { [ "$1" = stock ] && echo igb || echo iovnic_pf; }
vf_drv() { [ "$1" = stock ] && echo igbvf || echo iovnic_vf; }

load() {
	case $1 in
	igb|igbvf) stock_load "$1" ;;
	*) iovnic_load lib "${1#iovnic_}" ;;
	esac
}

# shellcheck disable=SC2317  # called through wait_for
carrier() { [ "$(ip netns exec "$1" cat "/sys/class/net/$2/carrier" 2>/dev/null)" = 1 ]; }
# shellcheck disable=SC2317  # called through wait_for
listening() { ip netns exec "$1" ss -Hltnu 'sport = :5201' | grep -q .; }

unload_all() {
	local m

	for m in $IOVNIC_BG_PIDS; do
		kill "$m" 2>/dev/null
	done
	IOVNIC_BG_PIDS=""
	# VFs first: deleting the namespaces takes the PFs' links down.
	for m in iovnic_vf igbvf; do
		module_loaded "$m" && rmmod "$m"
	done
	[ -e "/sys/bus/pci/devices/$IOVNIC_PF0/driver" ] &&
		echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs" 2>/dev/null
	iovnic_cleanup
	ip -all netns delete 2>/dev/null
	for m in iovnic_pf igb iovnic_lib; do
		module_loaded "$m" && rmmod "$m"
	done
	return 0
}

# irqs_to BDF CPU: every interrupt the function has requested, to CPU.
irqs_to() {
	local f irq

	for f in /sys/bus/pci/devices/"$1"/msi_irqs/*; do
		irq=${f##*/}
		# allocated but never requested: not in /proc/interrupts
		if [ ! -e "$f" ] || ! grep -q "^ *$irq:" /proc/interrupts; then
			continue
		fi
		echo "$2" >"/proc/irq/$irq/smp_affinity_list" ||
			say "irq $irq of $1 stays off CPU $2"
	done
}

# A sleeper per namespace: /proc/PID/net/* of it shows the namespace's
# counters to pktcost_mark, which runs in the root namespace.
declare -A NSPID
sleeper() {
	ip netns exec "$1" sleep 1000000 &
	NSPID[$1]=$!
	IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $!"
}

# bring_up CONFIG: the test bed; sets PF_DEV VF_BDF VF_DEV.
bring_up() {
	local pf vf i

	pf=$(pf_drv "$1") vf=$(vf_drv "$1")
	load "$pf" || return 1
	PF_BDF=("$IOVNIC_PF0" "$IOVNIC_PF1")
	for i in 0 1; do
		pci_bind "${PF_BDF[i]}" "$pf" || return 1
		PF_DEV[i]=$(wait_netdev "${PF_BDF[i]}" 10) || return 1
	done
	ns_create bpf bwire bva bvb || return 1
	ns_move "${PF_DEV[0]}" bpf "$A_PF0/24" || return 1
	ns_move "${PF_DEV[1]}" bwire "$A_PF1/24" || return 1
	wait_for 20 carrier bpf "${PF_DEV[0]}" || return 1
	wait_for 20 carrier bwire "${PF_DEV[1]}" || return 1
	echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_drivers_autoprobe"
	sriov_set "$IOVNIC_PF0" 2 || return 1
	for i in 0 1; do
		ip -n bpf link set "${PF_DEV[0]}" vf "$i" mac "02:00:00:00:90:0$i" ||
			say "$1: no MAC for VF $i"
	done
	load "$vf" || return 1
	for i in 0 1; do
		VF_BDF[i]=$(vf_bdf "$IOVNIC_PF0" "$i") || return 1
		pci_bind "${VF_BDF[i]}" "$vf" || return 1
		VF_DEV[i]=$(wait_netdev "${VF_BDF[i]}" 10) || return 1
	done
	ns_move "${VF_DEV[0]}" bva "$A_VF0/24" || return 1
	ns_move "${VF_DEV[1]}" bvb "$A_VF1/24" || return 1
	wait_for 20 carrier bva "${VF_DEV[0]}" || return 1
	wait_for 20 carrier bvb "${VF_DEV[1]}" || return 1
	irqs_to "$IOVNIC_PF0" $TX_CPU
	irqs_to "${VF_BDF[0]}" $TX_CPU
	irqs_to "$IOVNIC_PF1" $RX_CPU
	irqs_to "${VF_BDF[1]}" $RX_CPU
	for i in bpf bwire bva bvb; do
		sleeper "$i"
	done
	ip netns exec bva ping -c 3 -i 0.2 -w 8 "$A_VF1" >/dev/null || say "$1: VF0 cannot reach VF1"
	ip netns exec bpf ping -c 3 -i 0.2 -w 8 "$A_PF1" >/dev/null || say "$1: PF0 cannot reach PF1"
}

# fn ROLE BDF NETDEV NETNS CPU: one line of describe.
fn() {
	local irqs drv

	irqs=$(cd "/sys/bus/pci/devices/$2/msi_irqs" 2>/dev/null && echo *)
	drv=$(pci_driver "$2")
	irqs=${irqs// /,}
	echo "fn $1 $2 $3 $4 $5 ${drv:--} ${irqs:--} ${NSPID[$4]}"
}

# describe NAME CONFIG: what the report needs to attribute this setup's
# counts: the functions (role, BDF, netdev, namespace, CPU, driver, IRQs,
# sleeper), the 82576 BARs, the module text symbols (they move with each
# load).
describe() {
	local d n s e fl

	{
		echo "config $2 $(pf_drv "$2") $(vf_drv "$2")"
		fn PF0 "${PF_BDF[0]}" "${PF_DEV[0]}" bpf $TX_CPU
		fn PF1 "${PF_BDF[1]}" "${PF_DEV[1]}" bwire $RX_CPU
		fn VF0 "${VF_BDF[0]}" "${VF_DEV[0]}" bva $TX_CPU
		fn VF1 "${VF_BDF[1]}" "${VF_DEV[1]}" bvb $RX_CPU
		for d in /sys/bus/pci/devices/*; do
			case $(cat "$d/vendor"):$(cat "$d/device") in
			0x8086:0x10c9|0x8086:0x10ca) ;;
			*) continue ;;
			esac
			n=0
			while read -r s e fl; do
				[ $((s)) != 0 ] && [ $((fl & 0x200)) != 0 ] &&
					echo "bar ${d##*/} $n $s $e"
				n=$((n + 1))
			done <"$d/resource"
		done
	} >"$D/$1.setup"
	awk 'NF == 4 && ($2 == "t" || $2 == "T")' /proc/kallsyms >"$D/$1.modsyms"
}

# measure TAG TXNS RXNS: one window, the helper on the sender's CPU.
measure() {
	taskset -c $TX_CPU "$MARK" "$1" "$SECONDS_" /proc/interrupts /proc/softirqs \
		"/proc/${NSPID[$2]}/net/dev" "/proc/${NSPID[$3]}/net/dev" \
		"/proc/${NSPID[$3]}/net/snmp" >"$D/$1.win"
	echo "$1 $2 $3" >>"$D/windows"
}

# flow TAG TXNS RXNS ADDR IPERF-ARGS...: a window in the middle of a flow.
flow() {
	local tag=$1 tx=$2 rx=$3 addr=$4 srv cli

	shift 4
	ip netns exec "$rx" taskset -c $RX_CPU iperf3 -s -1 -B "$addr" >/dev/null 2>&1 &
	srv=$!
	wait_for 10 listening "$rx"
	ip netns exec "$tx" taskset -c $TX_CPU iperf3 -c "$addr" \
		-t $((WARMUP + SECONDS_ + 2)) "$@" >"$D/$tag.iperf" 2>&1 &
	cli=$!
	sleep "$WARMUP"
	measure "$tag" "$tx" "$rx"
	timeout $((SECONDS_ + 20)) tail --pid="$cli" -f /dev/null
	kill "$cli" "$srv" 2>/dev/null
	wait "$cli" "$srv" 2>/dev/null
	sleep 1
}

one_config() {
	local r=$1 c=$2 s t0=$SECONDS

	say "round $r $c ($(pf_drv "$c") + $(vf_drv "$c"))"
	PF_BDF=() PF_DEV=() VF_BDF=() VF_DEV=() NSPID=()
	if ! bring_up "$c"; then
		say "round $r $c: setup failed"
		echo "r$r-$c setup failed" >>"$D/failed"
		unload_all
		return
	fi
	describe "r$r-$c" "$c"
	for s in $SCENARIOS; do
		case $s in
		udp64) flow "r$r-$c-$s" bva bvb "$A_VF1" -u -l 64 -b 0 ;;
		udp64r) flow "r$r-$c-$s" bva bvb "$A_VF1" -u -l 64 -b "$RATE" ;;
		tcp1) flow "r$r-$c-$s" bva bvb "$A_VF1" ;;
		wire) flow "r$r-$c-$s" bpf bwire "$A_PF1" ;;
		idle) measure "r$r-$c-$s" bva bvb ;;
		*) say "no scenario $s" ;;
		esac
	done
	unload_all
	say "round $r $c: $((SECONDS - t0)) s"
}

require_root
require_cmd iperf3 taskset ip ss
say "rounds=$ROUNDS configs=$CONFIGS scenarios=$SCENARIOS rate=$RATE warmup=$WARMUP window=$SECONDS_"
echo "kernel $(uname -r) cpus $(nproc)" >"$D/guest"
awk 'NF == 3 && $2 ~ /^[tTwW]$/' /proc/kallsyms >"$D/kernel.syms"
: >"$D/windows"
unload_all
for ((round = 1; round <= ROUNDS; round++)); do
	for c in $CONFIGS; do
		one_config "$round" "$c"
	done
done
say "done"
exit 0
}
