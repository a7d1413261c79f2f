// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_lib: hardware counters. The counter primitive itself is inline
 * in iovnic_lib.h; here is what the PF and the VF share about the five
 * per-pool counters of a VF, which both read (the VF in its own BAR, the
 * PF in its copy of every VF's block).
 */
#include <iovnic/regs.h>

#include "iovnic_lib_int.h"

/* offsets from the pool's statistics base, by enum iovnic_pool_stat */
const u32 iovnic_pool_stat_regs[IOVNIC_POOL_NSTATS] = {
	[IOVNIC_POOL_RX_PACKETS]	= IOVNIC_VFGPRC,
	[IOVNIC_POOL_TX_PACKETS]	= IOVNIC_VFGPTC,
	[IOVNIC_POOL_RX_BYTES]		= IOVNIC_VFGORC,
	[IOVNIC_POOL_TX_BYTES]		= IOVNIC_VFGOTC,
	[IOVNIC_POOL_RX_MULTICAST]	= IOVNIC_VFMPRC,
};
EXPORT_SYMBOL_GPL(iovnic_pool_stat_regs);

/**
 * iovnic_pool_stats_fold() - fold one reading of a pool's five counters
 * @s: the pool's counters (the caller serialises folds)
 * @raw: the registers, read at iovnic_pool_stat_regs[i] from the base
 * @rebase: the registers were zeroed (PF reset, VF enable): only take
 *	    @raw as the new reference, keep the totals
 *
 * The registers are 32 bits wide and free running: at line rate the
 * octet counters wrap in about 34 s, so fold more often than that.
 */
void iovnic_pool_stats_fold(struct iovnic_pool_stats *s,
			    const u32 raw[IOVNIC_POOL_NSTATS], bool rebase)
{
	unsigned int i;

	for (i = 0; i < IOVNIC_POOL_NSTATS; i++) {
		if (rebase)
			iovnic_stat_rebase32(&s->c[i], raw[i]);
		else
			iovnic_stat_update32(&s->c[i], raw[i]);
	}
}
EXPORT_SYMBOL_GPL(iovnic_pool_stats_fold);
