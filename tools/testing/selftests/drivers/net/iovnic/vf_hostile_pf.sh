#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# iovnic_vf against a hostile PF: iovnic_rogue_vf plays the PF for VF 0
# through iovnic_pf's test-only debugfs file mbx_user (iovnic_pf stops
# serving VF 0 while the file is open) and iovnic_vf is bound to VF 0
# under each mode of it:
#   pf-mute     requests taken, never acknowledged
#   pf-stall    RESET answered, then silence mid-handshake
#   pf-garbage  acknowledged, then random replies (or the right ID with
#               random flags and payload)
#   pf-short    acknowledged, then no reply, word 0 only, or the VF's
#               own words back
#   pf-flood    base protocol served, EVENTs, pings and bare NACKs, one
#               every 100 us
# Per mode: probe returns and the netdev goes down and up within 10 s
# each; the VF logs what the PF did (a mailbox message or a failed reset
# naming the cause); it retries RESET with back-off (handshake attempts
# seen by the PF, per second, at most IOVNIC_HOSTILE_PF_RATE, default 5;
# a VF without back-off tries dozens of times a second); once iovnic_pf
# serves VF 0 again it recovers: carrier and a ping to VF 1 within 20 s.
# The last mode ends with rmmod iovnic_vf instead of an unbind. The
# kernel log stays clean (no oops, WARN, lockdep, KASAN).
# timeout: 300

export IOVNIC_TEST_PF=iovnic
source "$(dirname "$0")/vf_lib.sh"

modes=(pf-mute pf-stall pf-garbage pf-short pf-flood)
secs=${IOVNIC_HOSTILE_PF_SECONDS:-6}
max_rate=${IOVNIC_HOSTILE_PF_RATE:-5}
tree=${IOVNIC_TREE:-$(cd "$(dirname "$0")/../../../../../.." && pwd)}
rogue=$IOVNIC_TEST_OUT/iovnic_rogue_vf
mbx=/sys/kernel/debug/iovnic_pf/$IOVNIC_PF0/mbx_user

ktap_header
ktap_plan $((4 * ${#modes[@]} + 2))
klog_mark

gcc -O2 -Wall -Wextra -Werror -I"$tree/include" -o "$rogue" \
	"$(dirname "$0")/iovnic_rogue_vf.c" 2>&1 | sed 's/^/# /'
[ -x "$rogue" ] || fail "cannot build iovnic_rogue_vf"

vf_setup 2 || fail "VF setup under iovnic_pf failed"
[ -e "$mbx" ] || fail "no $mbx"
ns_create vfa vfb || fail "cannot create namespaces"
ns_move "${VF_DEV[1]}" vfb 10.0.0.2/24 || fail "cannot move VF 1"
vf_wait_carrier vfb "${VF_DEV[1]}" 15 || fail "VF 1 has no carrier"
bdf=${VF_BDF[0]}
pci_unbind "$bdf" || fail "cannot unbind VF 0"

ping_once() { ip netns exec vfa ping -c 1 -W 0.3 10.0.0.2 >/dev/null 2>&1; }
took() { grep -q "^pf: took VF 0" "$1"; }
klog_lines() { dmesg | wc -l; }

# timed NAME LIMIT_S CMD...: runs CMD, prints its time in ms; non-zero if
# it failed or took longer than LIMIT_S (a CMD that hangs for good is the
# runner's timeout).
timed() {
	local name=$1 limit=$2 t0 ms rc

	shift 2
	t0=$(now_ms)
	"$@"
	rc=$?
	ms=$(($(now_ms) - t0))
	ktap_info "$name: ${ms} ms (rc $rc)"
	[ "$rc" = 0 ] && [ "$ms" -le $((limit * 1000)) ]
}

# expect MODE: what the VF must have said about that PF
expect() {
	case $1 in
	pf-garbage) echo "malformed reply" ;;
	pf-mute | pf-stall) echo "did not answer" ;;
	*) echo "malformed reply|did not answer|lost our state|stayed locked" ;;
	esac
}

run_mode() {
	local mode=$1 last=$2 out=$IOVNIC_TEST_OUT/$1.out dev rpid line
	local resp=1 k0 said resets seconds rate

	k0=$(klog_lines)
	"$rogue" --pf-mbx "$mbx" --vf-id 0 --mode "$mode" --seconds "$secs" \
		--seed 7 >"$out" 2>&1 &
	rpid=$!
	IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $rpid"
	if ! wait_for 5 took "$out"; then
		sed 's/^/# /' "$out"
		fail "$mode: the rogue PF did not take VF 0"
	fi
	timed "$mode bind" 10 pci_bind "$bdf" iovnic_vf || resp=0
	dev=$(wait_netdev "$bdf" 10) || fail "$mode: no netdev for VF 0"
	ns_move "$dev" vfa 10.0.0.1/24 || fail "$mode: cannot move VF 0"
	timed "$mode link down" 10 timeout 20 ip -n vfa link set "$dev" down || resp=0
	timed "$mode link up" 10 timeout 20 ip -n vfa link set "$dev" up || resp=0
	wait "$rpid"
	sed 's/^/# /' "$out"
	[ "$resp" = 1 ] && ktap_ok "${mode}_responsive" ||
		ktap_fail "${mode}_responsive" "bind or link down/up too slow"

	line=$(grep "^rogue-pf:" "$out")
	resets=$(sed -n 's/.* resets=\([0-9]*\).*/\1/p' <<<"$line")
	seconds=$(sed -n 's/.* seconds=\([0-9.]*\).*/\1/p' <<<"$line")
	rate=$(awk -v n="${resets:-0}" -v s="${seconds:-0}" \
		'BEGIN { if (s > 0) printf "%.1f", n / s; else print "inf" }')
	ktap_info "$mode: $resets handshake attempts in $seconds s ($rate/s)"
	if [ -n "$resets" ] && [ "$resets" -ge 1 ] &&
	   awk -v r="$rate" -v m="$max_rate" 'BEGIN { exit !(r != "inf" && r <= m) }'; then
		ktap_ok "${mode}_backoff"
	else
		ktap_fail "${mode}_backoff" "$resets attempts in $seconds s"
	fi

	if wait_for 20 ns_carrier vfa "$dev" && wait_for 10 ping_once; then
		ktap_ok "${mode}_recovers"
	else
		vf_diag vfa "$dev"
		ktap_fail "${mode}_recovers" "no traffic 30 s after the PF came back"
	fi

	said=$(dmesg | tail -n +$((k0 + 1)) | grep -E "iovnic_vf.*($(expect "$mode"))" | head -n 3)
	if [ -n "$said" ]; then
		sed 's/^/# said: /' <<<"$said"
		ktap_ok "${mode}_says_what"
	else
		dmesg | tail -n +$((k0 + 1)) | grep iovnic_vf | tail -n 5 | sed 's/^/# /'
		ktap_fail "${mode}_says_what" "no message about the PF"
	fi

	if [ "$last" = 1 ]; then
		timed "rmmod iovnic_vf" 10 timeout 30 rmmod iovnic_vf && ktap_ok "rmmod_works" ||
			ktap_fail "rmmod_works" "rmmod failed or took more than 10 s"
	else
		timed "$mode unbind" 10 pci_unbind "$bdf" ||
			fail "$mode: unbinding VF 0 failed or hung"
	fi
}

for ((i = 0; i < ${#modes[@]}; i++)); do
	run_mode "${modes[i]}" $((i == ${#modes[@]} - 1))
done

ktap_klog_clean
ktap_finished
