# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Functions for the nested guest's script (busybox sh), pasted into it by
# vf_in_guest_*.sh after a line DRV=igbvf|iovnic_vf. Every result is a
# console line "NESTED: <key> <value>" (nested_lib.sh reads them).

# vf_up: loads the VF driver, waits for its netdev (DEV), prints its MAC,
# gives it 10.30.0.10/24 and waits for carrier.
vf_up() {
	case $DRV in
	igbvf) insmod /lib/igbvf.ko ;;
	*) insmod /lib/iovnic_lib.ko && insmod /lib/iovnic_vf.ko ;;
	esac || { echo "NESTED: fail insmod"; return 1; }
	echo "NESTED: insmod $(cut -d' ' -f1 /proc/uptime)"
	i=0
	while [ $i -lt 300 ]; do
		for n in /sys/class/net/*; do
			[ "${n##*/}" = lo ] || DEV=${n##*/}
		done
		[ -n "$DEV" ] && break
		sleep 0.2
		i=$((i + 1))
	done
	[ -n "$DEV" ] || { echo "NESTED: fail no-netdev"; dmesg | tail -n 20; return 1; }
	echo "NESTED: dev $DEV"
	echo "NESTED: mac $(cat "/sys/class/net/$DEV/address")"
	ip link set "$DEV" up
	ip addr add 10.30.0.10/24 dev "$DEV"
	i=0
	while [ "$(cat "/sys/class/net/$DEV/carrier" 2>/dev/null)" != 1 ] && [ $i -lt 300 ]; do
		sleep 0.2
		i=$((i + 1))
	done
	echo "NESTED: carrier $(cat "/sys/class/net/$DEV/carrier") $(cut -d' ' -f1 /proc/uptime)"
}

# ping_until_reply ADDR: one ping a second until ADDR answers, at most 60
ping_until_reply() {
	i=0
	until ping -c 1 -W 1 "$1" >/dev/null 2>&1; do
		i=$((i + 1)); [ $i -ge 60 ] && break
	done
}

# vf_irqs: interrupts the VF's vectors took (named after DEV, and the
# iovnic_vf mailbox vector "<pci>-mbx"), how many vectors, their chip.
vf_irqs() {
	awk -v d="$DEV" '$NF ~ ("^" d "(-|$)") || $NF ~ /-mbx$/ {
		n += $2; k++; t = $3 }
		END { printf "NESTED: irqs %d on %d vectors (%s)\n", n, k, t }' /proc/interrupts
}

# vf_watch: prints "NESTED: state <MAC> <carrier>" at every change.
vf_watch() {
	last=""
	while :; do
		s="$(cat "/sys/class/net/$DEV/address") $(cat "/sys/class/net/$DEV/carrier" 2>/dev/null)"
		if [ "$s" != "$last" ]; then
			echo "NESTED: state $s"
			last=$s
		fi
		sleep 0.5
	done
}
