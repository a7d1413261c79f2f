#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The kernel's own generic driver selftests (tools/testing/selftests/
# drivers/net/ of the Debian linux-source for the guest kernel, extracted on
# the host by tools/testing/vm/kernel-tests-prep.sh) against one target,
# chosen by IOVNIC_TEST_TARGET (TEST_PROGS entry kernel_drv_tests.sh@target=X):
#
#   iovnic_pf  PF0 and PF1 (cabled to each other) under iovnic_pf
#   igb        the same under the stock igb (control)
#   iovnic_vf  two VFs of PF0 under iovnic_vf, PF0 under iovnic_pf
#   igbvf      two VFs of PF0 under the stock igbvf, PF0 under igb (control)
#
# The first netdev is the device under test (NETIF); the second is the
# remote end, in netns kdrv_peer for the Python tests (REMOTE_TYPE=netns)
# and the second port (NETIFS p2) for the shell tests.  Each case a kernel
# test reports becomes one KTAP line here, named TARGET.TEST.CASE.  A case
# listed in kernel_drv_known_bugs (driver bugs being fixed: the lead empties
# it) or kernel_drv_limits (what the emulator or the test cannot do) is
# reported as XFAIL with the listed reason when it fails; a listed known
# bug that passes is a failure (XPASS), so the list cannot go stale.
#
# IOVNIC_TEST_SET=all (or IOVNIC_LONG=1) runs every test, =long only those
# make check leaves out; the default is the quick set make check runs.
# timeout: 1500

# The whole script is one compound command, parsed before it runs, so
# editing this file cannot break a run that is in progress.
{

source "$(dirname "$0")/lib.sh"

: "${IOVNIC_TEST_TARGET:=iovnic_pf}"
: "${IOVNIC_TEST_SET:=}"
: "${IOVNIC_TREE:=$(cd "$(dirname "$0")/../../../../../.." && pwd)}"
[ -n "$IOVNIC_TEST_SET" ] || { [ "$IOVNIC_LONG" = 1 ] && IOVNIC_TEST_SET=all; }

HERE=$(cd "$(dirname "$0")" && pwd)
KSFT=$IOVNIC_TREE/.vm-build/linux-source/tools/testing/selftests
TOOLS=$IOVNIC_TREE/.vm-build/ksft-tools
PEER_NS=kdrv_peer
# Per kernel test (run_ktest sets it); the forwarding tests wait for
# links a lot under TCG, ethtool_rmon sends 24 bursts with mausezahn.
KTEST_TIMEOUT=180

# The quick set (make check) and the rest (make check-long); see README
# for what each takes under TCG.
QUICK_TESTS="ping.py stats.py queues.py hw/csum.py"
LONG_TESTS="hw/ethtool.sh hw/loopback.sh hw/ethtool_extended_state.sh
hw/ethtool_mm.sh hw/ethtool_rmon.sh hw/hw_stats_l3.sh hw/hw_stats_l3_gre.sh
hw/rss_ctx.py hw/pp_alloc_fail.py hw/devlink_port_split.py"

DUT=""
PEER=""

# kdrv_vf_up PF_DRV VF_DRV: PF0 under PF_DRV and up, two VFs with fixed
# MACs under VF_DRV; sets DUT and PEER.
kdrv_vf_up() {
	local pf_drv=$1 vf_drv=$2 pf i bdf

	pci_bind "$IOVNIC_PF0" "$pf_drv" || { echo "# $pf_drv did not bind PF0"; return 1; }
	pf=$(wait_netdev "$IOVNIC_PF0" 10) || return 1
	ip link set "$pf" up || return 1
	echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_drivers_autoprobe"
	sriov_set "$IOVNIC_PF0" 2 || { echo "# cannot create VFs"; return 1; }
	for i in 0 1; do
		ip link set "$pf" vf "$i" mac "02:00:00:00:0e:0$((i + 1))" || return 1
	done
	case $vf_drv in
	igbvf) stock_load igbvf || return 1 ;;
	*) iovnic_load lib vf || return 1 ;;
	esac
	for i in 0 1; do
		bdf=$(vf_bdf "$IOVNIC_PF0" "$i") || return 1
		pci_bind "$bdf" "$vf_drv" || { echo "# $vf_drv did not bind $bdf"; return 1; }
	done
	DUT=$(wait_netdev "$(vf_bdf "$IOVNIC_PF0" 0)" 10) || return 1
	PEER=$(wait_netdev "$(vf_bdf "$IOVNIC_PF0" 1)" 10) || return 1
}

# kdrv_setup: binds the target's drivers; sets DUT and PEER (both in this
# namespace).
kdrv_setup() {
	case $IOVNIC_TEST_TARGET in
	iovnic_pf)
		iovnic_load lib pf || return 1
		pci_bind "$IOVNIC_PF0" iovnic_pf && pci_bind "$IOVNIC_PF1" iovnic_pf || return 1 ;;
	igb)
		stock_load igb || return 1
		pci_bind "$IOVNIC_PF0" igb && pci_bind "$IOVNIC_PF1" igb || return 1 ;;
	iovnic_vf)
		iovnic_load lib pf || return 1
		kdrv_vf_up iovnic_pf iovnic_vf
		return ;;
	igbvf)
		stock_load igb || return 1
		pci_unbind "$IOVNIC_PF1"
		kdrv_vf_up igb igbvf
		return ;;
	*) echo "# unknown IOVNIC_TEST_TARGET=$IOVNIC_TEST_TARGET"; return 1 ;;
	esac
	DUT=$(wait_netdev "$IOVNIC_PF0" 10) && PEER=$(wait_netdev "$IOVNIC_PF1" 10)
}

# carrier DEV [NS]: true if DEV (in NS) is operationally up (wait_for's
# condition).
# shellcheck disable=SC2317
carrier() {
	[ "$(ip ${2:+-n "$2"} -j link show dev "$1" | jq -r '.[0].operstate')" = UP ]
}

# peer_to_ns: the remote end of the Python tests lives in PEER_NS, with
# addresses on both ends (the shell tests, run before, want both ports here
# without addresses: they make their own VRFs).
peer_to_ns() {
	ip netns add "$PEER_NS" || return 1
	IOVNIC_NETNS="$IOVNIC_NETNS $PEER_NS"
	ip link set "$PEER" netns "$PEER_NS" || return 1
	ip -n "$PEER_NS" link set lo up
	ip -n "$PEER_NS" link set "$PEER" up
	ip -n "$PEER_NS" addr add 192.0.2.2/24 dev "$PEER"
	ip -n "$PEER_NS" addr add 2001:db8::2/64 dev "$PEER" nodad
	# stats.py sets the device down and up; IPv6 addresses must survive
	# that for the tests after it (csum.py over IPv6).
	ip netns exec "$PEER_NS" sysctl -qw "net.ipv6.conf.$PEER.keep_addr_on_down=1"
	sysctl -qw "net.ipv6.conf.$DUT.keep_addr_on_down=1"
	ip link set "$DUT" up
	ip addr add 192.0.2.1/24 dev "$DUT"
	ip addr add 2001:db8::1/64 dev "$DUT" nodad
	wait_for 30 carrier "$DUT" && wait_for 30 carrier "$PEER" "$PEER_NS"
}


# listed FILE TESTCASE: prints the reason of the first line of FILE whose
# target glob matches IOVNIC_TEST_TARGET and whose case glob matches
# TESTCASE ("ping.test_v4", "ethtool.same_speeds_autoneg_off", ...).
listed() {
	local tgt pat reason

	[ -f "$1" ] || return 1
	while read -r tgt pat reason; do
		case $tgt in ''|'#'*) continue ;; esac
		# shellcheck disable=SC2254  # globs by design
		case $IOVNIC_TEST_TARGET in $tgt) ;; *) continue ;; esac
		# shellcheck disable=SC2254
		case $2 in $pat) echo "$reason"; return 0 ;; esac
	done <"$1"
	return 1
}

# report CASE RESULT [REASON]: one KTAP line for a kernel test case;
# RESULT is pass, fail, skip or xfail (as the kernel test said).
report() {
	local c=$1 res=$2 why=${3-} name=$IOVNIC_TEST_TARGET.$1 bug lim

	bug=$(listed "$HERE/kernel_drv_known_bugs" "$c") || bug=
	lim=$(listed "$HERE/kernel_drv_limits" "$c") || lim=
	case $res in
	pass)
		if [ -n "$bug" ]; then
			ktap_fail "$name" "XPASS: kernel_drv_known_bugs says '$bug'; remove the entry"
		else
			[ -n "$lim" ] && ktap_info "$name passes although kernel_drv_limits says: $lim"
			ktap_ok "$name"
		fi ;;
	skip) ktap_skip "$name" "${why:-no reason given}" ;;
	xfail) ktap_xfail "$name" "${why:-the kernel test expects this to fail}" ;;
	*)
		if [ -n "$bug" ]; then
			ktap_xfail "$name" "known driver bug: $bug"
		elif [ -n "$lim" ]; then
			ktap_xfail "$name" "$lim"
		else
			ktap_fail "$name" "${why:-failed}"
		fi ;;
	esac
}

# parse_py BASE LOG RC: maps the KTAP lines of a Python kernel test; the
# reason of a failed case is its last failed check or exception message.
parse_py() {
	local base=$1 log=$2 rc=$3 n=0 line res c dir why err=""

	while IFS= read -r line; do
		case $line in
		"# Check failed"*) err=${line#"# "} ;;
		"# Exception| "[A-Za-z]*[A-Za-z]:*) err=${line#"# Exception| "} ;;
		esac
		[[ $line =~ ^(not\ )?ok\ [0-9]+\ ([^ ]+)(\ #\ (.*))?$ ]] || continue
		n=$((n + 1))
		c=${BASH_REMATCH[2]}
		why=${BASH_REMATCH[4]}
		dir=${why%% *}
		res=pass
		[ -n "${BASH_REMATCH[1]}" ] && res=fail
		case $dir in
		SKIP) res=skip; why=${why#SKIP} ;;
		XFAIL) res=xfail; why=${why#XFAIL} ;;
		esac
		why=${why# }
		[ "$res" = fail ] && [ -z "$why" ] && why=${err:0:200}
		err=""
		report "${c:-$base}" "$res" "$why"
	done <"$log"
	[ "$n" -gt 0 ] && [ "$rc" -ne 124 ] && return
	summarize_whole "$base" "$log" "$rc"
}

# parse_sh BASE LOG RC: maps the "TEST: name [ OK ]" lines of a test that
# uses the forwarding library.
parse_sh() {
	local base=$1 log=$2 rc=$3 n=0 line res c why next=""

	while IFS= read -r line; do
		if [ -n "$next" ]; then
			why=
			[[ $line == $'\t'* ]] && why=${line#$'\t'}
			report "$next" "$res" "$why"
			next=""
			[ -n "$why" ] && continue
		fi
		[[ $line =~ ^TEST:\ (.*[^ ])\ +\[\ *(OK|FAIL|SKIP|XFAIL)\ *\]$ ]] || continue
		n=$((n + 1))
		c=${BASH_REMATCH[1]}
		case ${BASH_REMATCH[2]} in
		OK) res=pass ;; FAIL) res=fail ;; SKIP) res=skip ;; XFAIL) res=xfail ;;
		esac
		# Some tests log a skip of the whole test as "TEST: SKIP: why [ OK ]".
		if [[ $c == SKIP:* ]]; then
			report "$base" skip "${c#SKIP: }"
			continue
		fi
		c=${c//[^A-Za-z0-9_.-]/_}
		next=$base.$c
	done <"$log"
	[ -n "$next" ] && report "$next" "$res" ""
	[ "$n" -gt 0 ] && [ "$rc" -ne 124 ] && return
	summarize_whole "$base" "$log" "$rc"
}

# summarize_whole BASE LOG RC: one line for a test that reported no case
# (skipped as a whole, crashed or timed out).
summarize_whole() {
	local base=$1 log=$2 rc=$3 why

	why=$(grep -m1 -E 'SKIP|[Ss]kip' "$log" | sed 's/^#* *//; s/^SKIP: *//' | cut -c1-160)
	case $rc in
	4) report "$base" skip "$why" ;;
	124|137) report "$base" fail "timed out after ${KTEST_TIMEOUT}s" ;;
	0) report "$base" pass ;;
	*) report "$base" fail "exit $rc: $(tail -n 3 "$log" | tr '\n' ' ' | cut -c1-160)" ;;
	esac
}

# run_ktest TEST: runs one kernel test (path under drivers/net) and maps it.
run_ktest() {
	local t=$1 base log rc t0 dir

	base=$(basename "$t")
	base=${base%.*}
	log=$IOVNIC_TEST_OUT/k-$base.log
	dir=$KSFT/drivers/net/$(dirname "$t")
	t0=$(date +%s)
	KTEST_TIMEOUT=180
	[ "$base" = ethtool_rmon ] && KTEST_TIMEOUT=480
	ktap_info "kernel test $t on $DUT (peer $PEER)"
	# It would first need 15000 packets/s of iperf3 traffic (TCG gives
	# far less) and then hangs until killed, only to skip at this point.
	if [ "$base" = pp_alloc_fail ] && [ ! -d /sys/kernel/debug/fail_function ]; then
		report "$base" skip "kernel without function error injection (CONFIG_FAIL_FUNCTION)"
		return
	fi
	# 6.12's tests read the netdev netlink family (Linux 6.3+), which
	# make check-61's kernel lacks: ynl fails before any case runs.
	case $base in
	stats|queues|pp_alloc_fail|rss_ctx)
		if ! ynl_netdev - --dump dev-get >/dev/null 2>&1; then
			report "$base" skip "the kernel has no netdev netlink family (Linux 6.3 and later)"
			return
		fi ;;
	esac
	case $t in
	*.py)
		(cd "$dir" && timeout -k 5 "$KTEST_TIMEOUT" \
			python3 "$HERE/kernel_drv_shim.py" "./$(basename "$t")") >"$log" 2>&1 ;;
	*.sh)
		(cd "$dir" && timeout -k 5 "$KTEST_TIMEOUT" \
			bash "./$(basename "$t")" "$DUT" "$PEER") >"$log" 2>&1 ;;
	esac
	rc=$?
	# The output, with a line repeated more than 3 times shown 3 times.
	awk '++seen[$0] <= 3 { print "#   " $0 }' "$log"
	case $t in
	*.py) parse_py "$base" "$log" "$rc" ;;
	*.sh) parse_sh "$base" "$log" "$rc" ;;
	esac
	ktap_info "kernel test $t: exit $rc after $(($(date +%s) - t0))s"
}

# kdrv_teardown: the exit trap: no namespace, VF or driver left behind.
# shellcheck disable=SC2317
kdrv_teardown() {
	iovnic_cleanup
	for m in iovnic_vf igbvf; do module_loaded "$m" && rmmod "$m"; done
	echo 0 >"/sys/bus/pci/devices/$IOVNIC_PF0/sriov_numvfs" 2>/dev/null
	for m in iovnic_pf iovnic_lib igb; do module_loaded "$m" && rmmod "$m"; done
}
trap kdrv_teardown EXIT

require_cmd ip jq python3
[ -f "$KSFT/drivers/net/ping.py" ] ||
	skip "kernel selftests not extracted (tools/testing/vm/kernel-tests-prep.sh)"

case $IOVNIC_TEST_SET in
all) tests="$QUICK_TESTS $LONG_TESTS" ;;
long) tests=$LONG_TESTS ;;
*) tests=$QUICK_TESTS ;;
esac

# Only these tests see the newer ethtool and mausezahn.
[ -x "$TOOLS/bin/ethtool" ] && export PATH=$TOOLS/bin:$PATH
export PYTHONDONTWRITEBYTECODE=1
# The forwarding library: mausezahn found on PATH, links waited for with
# a bound (its default is 600 s per port), no pause on failure.
export MZ=mausezahn INTERFACE_TIMEOUT=20 WAIT_TIME=2 PAUSE_ON_FAIL=no
[ -x "$TOOLS/bin/mausezahn" ] || export REQUIRE_MZ=no

ktap_header
klog_mark
kdrv_setup || fail "setup of $IOVNIC_TEST_TARGET failed"
ktap_info "target $IOVNIC_TEST_TARGET: DUT $DUT, peer $PEER; ethtool $(ethtool --version | awk '{print $3}')"

sh_tests="" py_tests=""
for t in $tests; do
	case $t in *.sh) sh_tests="$sh_tests $t" ;; *) py_tests="$py_tests $t" ;; esac
done
for t in $sh_tests; do
	run_ktest "$t"
	ip link set "$DUT" up; ip link set "$PEER" up
done
if peer_to_ns; then
	export NETIF=$DUT LOCAL_V4=192.0.2.1 REMOTE_V4=192.0.2.2
	export LOCAL_V6=2001:db8::1 REMOTE_V6=2001:db8::2
	export REMOTE_TYPE=netns REMOTE_ARGS=$PEER_NS REMOTE_IFNAME=$PEER
	for t in $py_tests; do
		run_ktest "$t"
	done
else
	for t in $py_tests; do
		report "$(basename "${t%.*}")" fail "no carrier between $DUT and $PEER"
	done
fi

ktap_klog_clean
ktap_plan "$KTAP_TESTNO"
ktap_finished

exit
}
