#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# No counter ever goes backwards (Documentation/networking/statistics.rst):
# every counter of an iovnic_vf netdev, and under iovnic_pf (pf=iovnic) of
# the PF netdev too, read from ip -s -j link, ethtool -S (per-queue rows
# included), the standard groups (ethtool -S --all-groups, ethtool -I -a)
# and the netlink queue stats (ynl qstats-get, where available), never
# falls below the highest value seen before, across down/up, ethtool -L,
# ethtool -G and a PF reset. Rings are freed by each of them, so a counter
# that lives only in a ring restarts at 0 there (the kernel's stats.py
# check_down: rx-csum-unnecessary 8 -> 0).
# timeout: 240

source "$(dirname "$0")/vf_lib.sh"

require_cmd ip ethtool ping iperf3 python3 awk
ktap_header
klog_mark

vf_pair_setup
a=${VF_DEV[0]}
HW=$(mktemp -d)
IOVNIC_PF_IP=10.0.0.3
if [ "$IOVNIC_TEST_PF" = iovnic ]; then
	ip addr add $IOVNIC_PF_IP/24 dev "$PF_DEV" || fail "no address on the PF"
	ktap_plan 12
else
	ktap_plan 6
fi
HAVE_YNL=""
if ynl_available; then
	HAVE_YNL=1
else
	ktap_info "no ynl CLI: netlink qstats not read"
fi

# nsx NS CMD...: CMD in namespace NS ("-": this one)
nsx() {
	local ns=$1

	shift
	if [ "$ns" = - ]; then "$@"; else ip netns exec "$ns" "$@"; fi
}

# snap NS DEV: every counter of DEV as "source.name value" lines
snap() {
	local ns=$1 dev=$2 ifx

	nsx "$ns" ip -s -j link show dev "$dev" | python3 -c '
import json, sys
s = json.load(sys.stdin)[0].get("stats64", {})
for d in ("rx", "tx"):
    for k, v in s.get(d, {}).items():
        print("link.%s_%s %d" % (d, k, v))'
	nsx "$ns" ethtool -S "$dev" | awk 'NR > 1 && NF == 2 { sub(":$", "", $1); print "S." $1, $2 }'
	nsx "$ns" ethtool -S "$dev" --all-groups 2>/dev/null |
		awk '$1 ~ /^(eth-|rmon-|rx-rmon-|tx-rmon-)/ && NF == 2 { sub(":$", "", $1); print "std." $1, $2 }'
	nsx "$ns" ethtool -I -a "$dev" 2>/dev/null |
		awk '$1 ~ /_pause_frames:$/ { sub(":$", "", $1); print "pause." $1, $2 }'
	[ -n "${HAVE_YNL:-}" ] || return 0
	ifx=$(nsx "$ns" cat "/sys/class/net/$dev/ifindex")
	ynl_netdev "$ns" --dump qstats-get --json "{\"ifindex\": $ifx}" | python3 -c '
import json, sys
for e in json.load(sys.stdin):
    for k, v in e.items():
        if k != "ifindex":
            print("qstats.%s %d" % (k, v))'
}

# check NAME NS DEV: snapshot DEV; a case that fails if any counter is
# below the highest value it had so far (rows that vanish, like the queues
# ethtool -L removed, are compared again when they come back)
check() {
	local name=$1 hw="$HW/$2.$3" now="$HW/now" bad

	snap "$2" "$3" >"$now"
	touch "$hw"
	bad=$(awk -v out="$hw.new" '
		FNR == NR { hw[$1] = $2; next }
		($1 in hw) && $2 + 0 < hw[$1] + 0 { printf "%s %s->%s ", $1, hw[$1], $2 }
		!($1 in hw) || $2 + 0 > hw[$1] + 0 { hw[$1] = $2 }
		END { for (k in hw) print k, hw[k] > out }' "$hw" "$now")
	mv "$hw.new" "$hw"
	ktap_info "$name: $(wc -l <"$now") counters"
	if [ -z "$bad" ]; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "went back: $bad"
	fi
}

# traffic: TCP (checksum offload rows move) and pings through the VF, and
# to the PF under iovnic_pf; then both ends have carrier again
traffic() {
	vf_wait_carrier vfa "$a" 20
	vf_wait_carrier vfb "${VF_DEV[1]}" 20
	ns_ping vfb 10.0.0.1 5 >/dev/null
	iperf_run vfa 10.0.0.1 vfb 1 >/dev/null
	[ "$IOVNIC_TEST_PF" = iovnic ] || return 0
	ns_ping vfb $IOVNIC_PF_IP 5 >/dev/null
	pf_iperf
}

# pf_iperf: one second of TCP from VF 1 to the PF (in this namespace)
pf_iperf() {
	local spid

	iperf3 -s -1 -B $IOVNIC_PF_IP >/dev/null 2>&1 &
	spid=$!
	IOVNIC_BG_PIDS="$IOVNIC_BG_PIDS $spid"
	wait_for 10 iperf_up
	timeout -k 2 11 ip netns exec vfb iperf3 -c $IOVNIC_PF_IP -t 1 >/dev/null
	kill "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
}

iperf_up() {
	ss -Hltn "sport = :5201" | grep -q LISTEN
}

# checks NAME: one case for the VF and, under iovnic_pf, one for the PF
checks() {
	traffic
	check "vf_$1" vfa "$a"
	[ "$IOVNIC_TEST_PF" = iovnic ] && check "pf_$1" - "$PF_DEV"
}

traffic
snap vfa "$a" >"$HW/first"
ktap_info "VF counters: $(wc -l <"$HW/first")"
check vf_baseline vfa "$a"
[ "$IOVNIC_TEST_PF" = iovnic ] && check pf_baseline - "$PF_DEV"

ip -n vfa link set "$a" down
ip -n vfa link set "$a" up
check vf_down_up vfa "$a"

vmax=$(ip netns exec vfa ethtool -l "$a" | awk '/^Combined:/ {print $2; exit}')
ip netns exec vfa ethtool -L "$a" combined 1
traffic
ip netns exec vfa ethtool -L "$a" combined "${vmax:-1}"
check vf_channels vfa "$a"

ip netns exec vfa ethtool -G "$a" rx 512 tx 512
traffic
ip netns exec vfa ethtool -G "$a" rx 256 tx 256
check vf_rings vfa "$a"

if [ "$IOVNIC_TEST_PF" = iovnic ]; then
	ip link set "$PF_DEV" down
	ip link set "$PF_DEV" up
	checks pf_down_up
	pmax=$(ethtool -l "$PF_DEV" | awk '/^Combined:/ {print $2; exit}')
	if [ "${pmax:-1}" -gt 1 ]; then
		ethtool -L "$PF_DEV" combined 1
		traffic
		ethtool -L "$PF_DEV" combined "$pmax"
	else
		ktap_info "PF has one queue pair with VFs: ethtool -L changes nothing"
	fi
	check pf_channels - "$PF_DEV"
	ethtool -G "$PF_DEV" rx 512 tx 512
	traffic
	ethtool -G "$PF_DEV" rx 256 tx 256
	check pf_rings - "$PF_DEV"
	ethtool --reset "$PF_DEV" all >/dev/null
	checks pf_reset
else
	# the stock igb has no ethtool --reset: a PF down/up resets the MAC
	ip link set "$PF_DEV" down
	ip link set "$PF_DEV" up
	traffic
	check vf_pf_down_up vfa "$a"
fi

rm -rf "$HW"
ktap_klog_clean
ktap_finished
