#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The benchmark, run inside the test VM by `tools/testing/vm/run --bench`
# (`make bench`).  Each round sets up every driver configuration in turn —
# stock (igb + igbvf), ours (iovnic_pf + iovnic_vf), then the mixed pairs —
# runs the scenarios on it and tears it down again, so stock and ours
# alternate and slow drift of the emulator affects both alike.  Prints one
# table of medians over the rounds and writes every sample to
# $IOVNIC_TEST_OUT/bench.json.  Under TCG the absolute numbers mean little:
# only the ours/stock ratios do.  Nothing here asserts on a number.
#
# Environment (passed through by tools/testing/vm/run):
#   IOVNIC_BENCH_ROUNDS     rounds (default 3)
#   IOVNIC_BENCH_SCENARIOS  subset of: tcp1 tcp4 udp64 (also gives cpu) vfpf
#                           pfvf wire ping (default: all)
#   IOVNIC_BENCH_SECONDS    length of one iperf3 run (default 5)
#   IOVNIC_BENCH_MIXED      0: skip the mixed pairs (default 1)
#   IOVNIC_BENCH_CONFIGS    driver configurations, in round order (default:
#                           stock ours mix_pf mix_vf)
#
# The PF1 link partner of the wire scenario is always driven by the same
# PF driver as PF0 (both PFs are bound together): the row compares a link
# with our driver on both ends against one with igb on both ends.
# timeout: 2700
set -u

# The whole script is one compound command, parsed before it runs, so
# editing this file cannot break a bench that is in progress.
{

# shellcheck source=../selftests/drivers/net/iovnic/lib.sh
source "$IOVNIC_SELFTESTS/lib.sh"

BENCH_DIR=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
REPORT=$BENCH_DIR/bench_report.py
ROUNDS=${IOVNIC_BENCH_ROUNDS:-3}
SECS=${IOVNIC_BENCH_SECONDS:-5}
MIXED=${IOVNIC_BENCH_MIXED:-1}
SCEN=${IOVNIC_BENCH_SCENARIOS:-tcp1 tcp4 udp64 vfpf pfvf wire ping}
SCEN=" ${SCEN//,/ } "
SCEN=${SCEN// cpu / udp64 }
OUT=${IOVNIC_TEST_OUT:-/tmp}
# Raw iperf3 and ping output of every run, kept with the run's logs.
WORK=$OUT/bench-raw
mkdir -p "$WORK"
TSV=$OUT/bench.tsv
: >"$TSV"

# Addresses: all in one /24, each netdev in its own namespace.
A_VF0=10.90.0.1 A_VF1=10.90.0.2 A_PF0=10.90.0.3 A_PF1=10.90.0.4

# Mixed pairs only run the headline scenarios, to keep the bench short.
MIXED_SCEN=" tcp1 udp64 ping "

# config -> why its PF (or VF) setup failed for good in an earlier round
declare -A PF_FAILED=() VF_FAILED=()
PF_WHY="" VF_WHY="" VFPF_WHY=""

log() { echo "# bench: $*"; }

# last_line TEXT: the last line of TEXT without lib.sh's "# " prefix.
last_line() {
	local l=${1##*$'\n'}

	echo "${l#\# }"
}

want() { [[ $SCEN == *" $1 "* ]]; }

# needs_vfs: true if a selected scenario uses VFs.
needs_vfs() {
	local s

	for s in tcp1 tcp4 udp64 vfpf pfvf ping; do
		want "$s" && return 0
	done
	return 1
}

config_pf() { case $1 in stock|mix_vf) echo igb ;; *) echo iovnic_pf ;; esac; }
config_vf() { case $1 in stock|mix_pf) echo igbvf ;; *) echo iovnic_vf ;; esac; }

# record ROUND CONFIG METRIC VALUE NOTE: one sample; an empty VALUE is n/a
# and NOTE says why.
record() {
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5//$'\t'/ }" >>"$TSV"
	if [ -n "$4" ]; then
		log "round $1 $2 $3 = $4${5:+ ($5)}"
	else
		log "round $1 $2 $3 = n/a: $5"
	fi
}

load_driver() {
	case $1 in
	igb|igbvf) stock_load "$1" ;;
	iovnic_pf) iovnic_load lib pf ;;
	iovnic_vf) iovnic_load lib vf ;;
	esac
}

# shellcheck disable=SC2317  # called through wait_for
_carrier() {
	[ "$(ip netns exec "$1" cat "/sys/class/net/$2/carrier" 2>/dev/null)" = 1 ]
}

# teardown: back to nothing loaded, no VFs, no namespaces.
teardown() {
	local m p

	for p in $IOVNIC_BG_PIDS; do
		kill "$p" 2>/dev/null
	done
	IOVNIC_BG_PIDS=""
	# VFs go first: deleting the namespaces moves the PF netdevs back,
	# which takes their link down and makes the PF reset its VFs.
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

# setup_pf CONFIG: both PFs bound to the config's PF driver, PF0 in
# namespace bpf, PF1 in bwire, links up.  Returns non-zero with the reason
# in PF_WHY.
setup_pf() {
	local drv pf0 pf1 out

	drv=$(config_pf "$1")
	out=$(load_driver "$drv" 2>&1) || { PF_WHY="loading $drv: $(last_line "$out")"; return 1; }
	pci_bind "$IOVNIC_PF0" "$drv" || { PF_WHY="$drv did not bind $IOVNIC_PF0"; return 1; }
	pci_bind "$IOVNIC_PF1" "$drv" || { PF_WHY="$drv did not bind $IOVNIC_PF1"; return 1; }
	pf0=$(wait_netdev "$IOVNIC_PF0" 10) || { PF_WHY="$drv made no netdev for PF0"; return 1; }
	pf1=$(wait_netdev "$IOVNIC_PF1" 10) || { PF_WHY="$drv made no netdev for PF1"; return 1; }
	PF0_DEV=$pf0
	ns_create bpf bwire || { PF_WHY="cannot create namespaces"; return 1; }
	ns_move "$pf0" bpf "$A_PF0/24" || { PF_WHY="cannot bring PF0 $pf0 up in a namespace"; return 1; }
	ns_move "$pf1" bwire "$A_PF1/24" || { PF_WHY="cannot bring PF1 $pf1 up in a namespace"; return 1; }
	wait_for 20 _carrier bpf "$pf0" || { PF_WHY="PF0 $pf0 has no carrier"; return 1; }
	wait_for 20 _carrier bwire "$pf1" || { PF_WHY="PF1 $pf1 has no carrier"; return 1; }
	return 0
}

# setup_vfs CONFIG: 2 VFs on PF0 with fixed MACs, bound to the config's VF
# driver, VF0 in namespace bva, VF1 in bvb.  Reason in VF_WHY.
setup_vfs() {
	local drv i bdf dev out

	drv=$(config_vf "$1")
	echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_drivers_autoprobe"
	out=$(sriov_set "$IOVNIC_PF0" 2 2>&1) || { VF_WHY="sriov_numvfs=2: ${out:-failed}"; return 1; }
	for i in 0 1; do
		# Best effort: if the PF cannot set it, the VF keeps its own.
		ip -n bpf link set "$PF0_DEV" vf "$i" mac "02:00:00:00:90:0$i" 2>/dev/null ||
			log "$1: PF could not set the MAC of VF $i"
	done
	out=$(load_driver "$drv" 2>&1) || { VF_WHY="loading $drv: $(last_line "$out")"; return 1; }
	for i in 0 1; do
		bdf=$(vf_bdf "$IOVNIC_PF0" "$i") || { VF_WHY="no VF $i after sriov_numvfs=2"; return 1; }
		pci_bind "$bdf" "$drv" || { VF_WHY="$drv did not bind VF $bdf"; return 1; }
		dev=$(wait_netdev "$bdf" 10) || { VF_WHY="$drv made no netdev for VF $bdf"; return 1; }
		VF_DEV[i]=$dev
	done
	ns_create bva bvb || { VF_WHY="cannot create namespaces"; return 1; }
	ns_move "${VF_DEV[0]}" bva "$A_VF0/24" || { VF_WHY="cannot bring VF0 up"; return 1; }
	ns_move "${VF_DEV[1]}" bvb "$A_VF1/24" || { VF_WHY="cannot bring VF1 up"; return 1; }
	wait_for 20 _carrier bva "${VF_DEV[0]}" || { VF_WHY="VF0 has no carrier"; return 1; }
	wait_for 20 _carrier bvb "${VF_DEV[1]}" || { VF_WHY="VF1 has no carrier"; return 1; }
	return 0
}

# probe NS ADDR: a few pings (ARP warm-up and a reachability check).
probe() {
	ip netns exec "$1" ping -c 3 -i 0.2 -W 2 -w 8 "$2" >/dev/null 2>&1
}

# setup CONFIG: as much of the test bed as works; PF_WHY, VF_WHY and
# VFPF_WHY say what does not (empty: works).
setup() {
	PF_WHY=${PF_FAILED[$1]-} VF_WHY="" VFPF_WHY=""
	PF0_DEV="" VF_DEV=()
	if [ -n "$PF_WHY" ] || ! setup_pf "$1"; then
		VF_WHY="PF setup failed: $PF_WHY"
		VFPF_WHY=$VF_WHY
		return
	fi
	if want wire && ! probe bpf "$A_PF1"; then
		PF_WHY="PF0 cannot ping PF1 over the wire"
	fi
	needs_vfs || { VF_WHY="no VF scenario selected"; VFPF_WHY=$VF_WHY; return; }
	VF_WHY=${VF_FAILED[$1]-}
	if [ -n "$VF_WHY" ] || ! setup_vfs "$1"; then
		VFPF_WHY=$VF_WHY
		return
	fi
	probe bva "$A_VF1" || VF_WHY="VF0 cannot ping VF1 through the switch"
	probe bva "$A_PF0" || VFPF_WHY="VF0 cannot ping PF0"
}

# bench_iperf SNS SADDR CNS OUTFILE IPERF_ARGS...: one iperf3 run, server in
# SNS, client in CNS, client JSON (with the server's) in OUTFILE.
bench_iperf() {
	local sns=$1 addr=$2 cns=$3 of=$4 spid rc

	shift 4
	# -J: the client's --get-server-output then carries the server's
	# totals as JSON (the receiver's datagram count for UDP).
	ip netns exec "$sns" iperf3 -s -1 -J -B "$addr" >/dev/null 2>&1 &
	spid=$!
	IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $spid"
	wait_for 5 _listening "$sns"
	timeout -k 2 $((SECS + 20)) ip netns exec "$cns" \
		iperf3 -c "$addr" -t "$SECS" -J --get-server-output "$@" >"$of" 2>&1
	rc=$?
	kill "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
	return $rc
}

# shellcheck disable=SC2317  # called through wait_for
_listening() {
	ip netns exec "$1" ss -Hltn 'sport = :5201' 2>/dev/null | grep -q .
}

# tcp_metric ROUND CONFIG METRIC WHY SNS SADDR CNS [ARGS]: records the
# receiver's TCP goodput in Mbit/s, or n/a with WHY if WHY is set.
tcp_metric() {
	local r=$1 c=$2 m=$3 why=$4 sns=$5 addr=$6 cns=$7 of res

	shift 7
	[ -z "$why" ] || { record "$r" "$c" "$m" "" "$why"; return; }
	of=$WORK/$c.$m.$r.json
	bench_iperf "$sns" "$addr" "$cns" "$of" "$@"
	if res=$(python3 "$REPORT" tcp "$of"); then
		record "$r" "$c" "$m" "${res%% *}" "retransmits ${res##* }"
	else
		record "$r" "$c" "$m" "" "${res#ERR }"
	fi
}

# cpu_ticks: sys + softirq jiffies of all CPUs, from /proc/stat.
cpu_ticks() {
	awk '$1 == "cpu" { print $4 + $8; exit }' /proc/stat
}

udp_metrics() {
	local r=$1 c=$2 of res t0 t1 hz rx secs sent

	if [ -n "$VF_WHY" ]; then
		record "$r" "$c" vfvf_udp64_pps "" "$VF_WHY"
		record "$r" "$c" vfvf_udp64_cpu "" "$VF_WHY"
		return
	fi
	of=$WORK/$c.udp64.$r.json
	hz=$(getconf CLK_TCK)
	t0=$(cpu_ticks)
	bench_iperf bvb "$A_VF1" bva "$of" -u -l 64 -b 0
	t1=$(cpu_ticks)
	if ! res=$(python3 "$REPORT" udp "$of"); then
		record "$r" "$c" vfvf_udp64_pps "" "${res#ERR }"
		record "$r" "$c" vfvf_udp64_cpu "" "${res#ERR }"
		return
	fi
	read -r rx secs sent <<<"$res"
	if [ "$rx" -le 0 ]; then
		record "$r" "$c" vfvf_udp64_pps "" "receiver got nothing ($sent sent)"
		record "$r" "$c" vfvf_udp64_cpu "" "receiver got nothing"
		return
	fi
	record "$r" "$c" vfvf_udp64_pps "$(awk -v p="$rx" -v s="$secs" 'BEGIN { printf "%.0f", p / s }')" \
		"received $rx of $sent in ${secs}s"
	# Both ends run in this guest: the cost is sender plus receiver.
	record "$r" "$c" vfvf_udp64_cpu \
		"$(awk -v d=$((t1 - t0)) -v hz="$hz" -v p="$rx" 'BEGIN { printf "%.0f", d * 1e9 / hz / p }')" \
		"$((t1 - t0)) ticks at ${hz} Hz"
}

ping_metrics() {
	local r=$1 c=$2 of=$WORK/$2.$1.ping res p50 p99 n

	if [ -n "$VF_WHY" ]; then
		record "$r" "$c" vfvf_ping_p50 "" "$VF_WHY"
		record "$r" "$c" vfvf_ping_p99 "" "$VF_WHY"
		return
	fi
	ip netns exec bva ping -c 200 -i 0.01 -s 56 -W 1 -w 30 "$A_VF1" >"$of" 2>&1
	if ! res=$(python3 "$REPORT" ping "$of"); then
		record "$r" "$c" vfvf_ping_p50 "" "${res#ERR }"
		record "$r" "$c" vfvf_ping_p99 "" "${res#ERR }"
		return
	fi
	read -r p50 p99 n <<<"$res"
	record "$r" "$c" vfvf_ping_p50 "$p50" "$n/200 replies"
	record "$r" "$c" vfvf_ping_p99 "$p99" "$n/200 replies"
}

# run_config ROUND CONFIG: set up, run the selected scenarios, tear down.
run_config() {
	local r=$1 c=$2 s scen=$SCEN t0

	[ "$c" = stock ] || [ "$c" = ours ] || scen=$MIXED_SCEN
	t0=$(date +%s)
	log "round $r: $c ($(config_pf "$c") + $(config_vf "$c"))"
	setup "$c"
	# A driver that cannot even load or bind will not in the next round
	# either: do not spend the time again.
	case $PF_WHY in
	"loading "*|*"did not bind"*|*"made no netdev"*)
		[ -n "${PF_FAILED[$c]-}" ] || PF_FAILED[$c]="$PF_WHY (round $r)" ;;
	esac
	case $VF_WHY in
	"loading "*|*"did not bind"*|*"made no netdev"*|"sriov_numvfs"*)
		[ -n "${VF_FAILED[$c]-}" ] || VF_FAILED[$c]="$VF_WHY (round $r)" ;;
	esac
	for s in tcp1 tcp4 udp64 vfpf pfvf wire ping; do
		[[ $scen == *" $s "* ]] || continue
		want "$s" || continue
		case $s in
		tcp1) tcp_metric "$r" "$c" vfvf_tcp1 "$VF_WHY" bvb "$A_VF1" bva ;;
		tcp4) tcp_metric "$r" "$c" vfvf_tcp4 "$VF_WHY" bvb "$A_VF1" bva -P 4 ;;
		udp64) udp_metrics "$r" "$c" ;;
		vfpf) tcp_metric "$r" "$c" vf_to_pf_tcp "$VFPF_WHY" bpf "$A_PF0" bva ;;
		pfvf) tcp_metric "$r" "$c" pf_to_vf_tcp "$VFPF_WHY" bva "$A_VF0" bpf ;;
		wire) tcp_metric "$r" "$c" pf_wire_tcp "$PF_WHY" bwire "$A_PF1" bpf ;;
		ping) ping_metrics "$r" "$c" ;;
		esac
	done
	teardown
	log "round $r: $c done in $(($(date +%s) - t0))s"
}

report() {
	local json=$OUT/bench.json

	echo
	echo "== iovnic bench: $ROUNDS round(s), iperf3 -t $SECS, kernel $IOVNIC_KVER, QEMU TCG"
	echo "== stock = igb + igbvf, ours = iovnic_pf + iovnic_vf; medians over rounds;"
	echo "== (hi)/(lo): which direction is better; only the ratios mean anything under emulation"
	python3 "$REPORT" report "$TSV" "$json" "rounds=$ROUNDS" "seconds=$SECS" \
		"kernel=$IOVNIC_KVER" "scenarios=$(xargs <<<"$SCEN")" "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
		"cpus=$(nproc)" "accel=tcg" || echo "bench: report failed"
	echo "== raw samples: $json"
}

# A timeout still prints what was measured so far.
trap 'teardown; report; exit 124' TERM

require_root
require_cmd iperf3 python3 ping ss
for s in $SCEN; do
	case $s in
	tcp1|tcp4|udp64|vfpf|pfvf|wire|ping) ;;
	*) echo "bench: unknown scenario '$s' (known: tcp1 tcp4 udp64 cpu vfpf pfvf wire ping)"
	   exit 2 ;;
	esac
done
configs=${IOVNIC_BENCH_CONFIGS:-stock ours mix_pf mix_vf}
[ "$MIXED" = 0 ] && configs=$(xargs -n 1 <<<"$configs" | grep -v '^mix_' | xargs)
log "rounds=$ROUNDS seconds=$SECS scenarios:$SCEN configs: $configs"
teardown
for ((round = 1; round <= ROUNDS; round++)); do
	for c in $configs; do
		run_config "$round" "$c"
	done
done
report
exit 0
}
