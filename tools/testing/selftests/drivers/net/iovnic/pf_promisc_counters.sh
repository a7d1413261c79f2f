#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Promiscuous mode seen in the counters: PF1 sends raw frames to a unicast
# MAC that is not PF0's. With promisc off PF0's rx_packets must not grow by
# them, with promisc on it must, and off again it must not. Background
# traffic (IPv6 ND, ...) only adds a few frames, far below the margins.
# timeout: 120

source "$(dirname "$0")/pf_lib.sh"

require_cmd python3
ktap_header
ktap_plan 4
klog_mark

pf_setup || fail "setup failed"

n=200
foreign=02:00:5e:10:20:30	# locally administered, nobody's address

# send_foreign: N frames from PF1 to the foreign MAC, 5 ms apart so that
# TCG does not drop them.
send_foreign() {
	pfb python3 -c 'import socket,sys,time
dev, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((dev, 0))
src = s.getsockname()[4]
hdr = bytes.fromhex(dst.replace(":", "")) + src + b"\x88\xb5"
for i in range(n):
    s.send(hdr + i.to_bytes(4, "big") + bytes(56))
    time.sleep(0.005)' "$PF_B" "$foreign" "$n"
}

# rx_delta: PF0 rx_packets growth while the foreign frames are sent.
rx_delta() {
	local rx0

	rx0=$(pf_link_stat pfa "$PF_A" rx_packets)
	send_foreign || return 1
	sleep 1
	echo $(($(pf_link_stat pfa "$PF_A" rx_packets) - rx0))
}

# check_dropped NAME: foreign frames were filtered (growth under n/2).
check_dropped() {
	local d

	d=$(rx_delta)
	ktap_info "$1: $PF_A rx_packets +$d for $n foreign frames"
	[ -n "$d" ] && [ "$d" -lt $((n / 2)) ]
	pf_check "$1" $? "rx_packets +$d, expected < $((n / 2))"
}

check_dropped promisc_off_filters
pfa ip link set dev "$PF_A" promisc on
d=$(rx_delta)
ktap_info "promisc on: $PF_A rx_packets +$d for $n foreign frames"
[ -n "$d" ] && [ "$d" -ge $((n * 9 / 10)) ]
pf_check promisc_on_receives $? "rx_packets +$d, expected >= $((n * 9 / 10))"
pfa ip link set dev "$PF_A" promisc off
check_dropped promisc_off_again_filters

pf_teardown
ktap_klog_clean
ktap_finished
