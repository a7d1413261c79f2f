#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Memory accounting for the churn tests (sriov_churn_numvfs.sh,
# modules_churn.sh) and the IOMMU fault count every churn and fault test
# prints.  Source it after lib.sh (or sriov_lib.sh).
#
# A leak in a driver shows up in one of two places:
#   - unreclaimable slab (SUnreclaim): structures from kmalloc and
#     kmem_cache (net_device, rings, q_vectors, the PF's per-VF state,
#     and the sysfs/kobject nodes of every netdev and VF pci_dev);
#   - pages nobody can reclaim: RX buffers and descriptor rings
#     (page_pool, dma_alloc_coherent) are plain pages, counted by
#     "kernel pages" = MemTotal - free (MemFree and the per-CPU lists) -
#     Buffers - Cached - SReclaimable - AnonPages - SUnreclaim.
# Both are read after mem_settle, so what they show is held, not cached.

# mem_kib KEY: value of KEY (e.g. SUnreclaim) in /proc/meminfo, in KiB.
mem_kib() {
	awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo
}

# mem_settle: lets deferred frees run (RCU callbacks, the netns cleanup
# work, page_pool's delayed release retries every second) and drops the
# reclaimable caches, so that what remains is memory really held.
mem_settle() {
	sync
	sleep 2
	echo 3 >/proc/sys/vm/drop_caches
	sleep 1
}

# pcp_free_kib: free pages parked on the per-CPU page lists, which
# MemFree does not count: tens of MiB that come and go with allocation
# patterns, far more than any leak a few cycles make.
pcp_free_kib() {
	awk '$1 == "count:" { s += $2 } END { print s * 4 }' /proc/zoneinfo
}

# slab_total_kib: sum of num_objs * objsize over /proc/slabinfo, in KiB
# (empty if slabinfo is not readable).
slab_total_kib() {
	awk 'NR > 2 { s += $3 * $4 } END { printf "%d\n", s / 1024 }' /proc/slabinfo 2>/dev/null
}

# mem_snapshot VAR: mem_settle, then stores "sunreclaim kernel_pages slabinfo
# percpu" (KiB) in the array VAR.
mem_snapshot() {
	local -n snap=$1
	local total free buffers cached srecl anon sunrecl

	mem_settle
	total=$(mem_kib MemTotal)
	free=$(($(mem_kib MemFree) + $(pcp_free_kib)))
	buffers=$(mem_kib Buffers)
	cached=$(mem_kib Cached)
	srecl=$(mem_kib SReclaimable)
	anon=$(mem_kib AnonPages)
	sunrecl=$(mem_kib SUnreclaim)
	# shellcheck disable=SC2034 # the caller's array
	snap=("$sunrecl"
	      "$((total - free - buffers - cached - srecl - anon - sunrecl))"
	      "$(slab_total_kib)" "$(mem_kib Percpu)")
}

# mem_report BASE_VAR END_VAR CYCLES SUNRECL_FLOOR SUNRECL_PER_CYCLE
#            USED_FLOOR USED_PER_CYCLE
# Prints the deltas as KTAP diagnostics and records two cases,
# "slab_no_growth" and "pages_no_growth": each fails if its figure grew by
# more than FLOOR + CYCLES * PER_CYCLE KiB between the two snapshots.
mem_report() {
	local -n b=$1 e=$2
	local cycles=$3 d lim

	ktap_info "memory after warm-up: SUnreclaim ${b[0]} KiB, kernel pages ${b[1]} KiB, slabinfo ${b[2]:-?} KiB, Percpu ${b[3]} KiB"
	ktap_info "memory at the end:    SUnreclaim ${e[0]} KiB, kernel pages ${e[1]} KiB, slabinfo ${e[2]:-?} KiB, Percpu ${e[3]} KiB"
	if [ -n "${b[2]}" ] && [ -n "${e[2]}" ]; then
		ktap_info "slabinfo delta $((e[2] - b[2])) KiB, Percpu delta $((e[3] - b[3])) KiB"
	fi

	d=$((e[0] - b[0]))
	lim=$(($4 + cycles * $5))
	ktap_info "SUnreclaim delta $d KiB over $cycles cycles ($((d / cycles)) KiB/cycle), limit $lim KiB"
	if [ "$d" -le "$lim" ]; then
		ktap_ok "slab_no_growth"
	else
		ktap_fail "slab_no_growth" "SUnreclaim grew $d KiB (limit $lim KiB)"
	fi

	d=$((e[1] - b[1]))
	lim=$(($6 + cycles * $7))
	ktap_info "kernel pages delta $d KiB over $cycles cycles ($((d / cycles)) KiB/cycle), limit $lim KiB"
	if [ "$d" -le "$lim" ]; then
		ktap_ok "pages_no_growth"
	else
		ktap_fail "pages_no_growth" "kernel pages grew $d KiB (limit $lim KiB)"
	fi
}

# dma_faults_info: prints "dma_faults N" (IOMMU faults logged since
# klog_mark) and whether the IOMMU is on; a fault also fails the test
# through ktap_klog_clean and the runner, this only counts them.
dma_faults_info() {
	local n

	n=$(klog_since_mark | grep -cE 'DMAR:.*[Ff]ault|DMAR: \[DMA|iommu fault')
	ktap_info "dma_faults $n (iommu $([ "${IOVNIC_IOMMU:-0}" = 1 ] && echo on || echo off))"
}
