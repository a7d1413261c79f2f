// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_pf: receive side scaling. Without VFs it spreads the PF's own
 * queues. With VFs the switch runs VMDq + RSS: a pool with VMOLR.RSSE
 * (a VF granted two queue pairs) spreads over its queues p and p + 8.
 * QEMU computes no hash in VMDq mode, so there every pool receives on
 * queue p only; the registers are still programmed as silicon needs them.
 */
#include <linux/ethtool.h>
#include <linux/netdevice.h>
#include <linux/random.h>

#include "iovnic_pf.h"

#define IOVNIC_PF_RSS_FIELDS	(IOVNIC_MRQC_TCP_IPV4 | IOVNIC_MRQC_IPV4 | \
				 IOVNIC_MRQC_TCP_IPV6 | IOVNIC_MRQC_IPV6 | \
				 IOVNIC_MRQC_TCP_IPV6_EX | IOVNIC_MRQC_IPV6_EX)

/**
 * iovnic_pf_rss_init() - own random key (first call only) and indirection table
 * @pf: the PF
 *
 * The table spreads evenly over the current queue pairs; the caller keeps
 * a user-set table when it still fits (reta_user_set).
 */
void iovnic_pf_rss_init(struct iovnic_pf *pf)
{
	static const u8 zero[IOVNIC_RSS_KEY_BYTES];
	int i;

	/*
	 * A key of our own, not the host-wide netdev_rss_key: a VF granted
	 * RSS sees Toeplitz hashes made with this key (it is also the pools'
	 * key in VMDq mode), and enough of them give the key away.
	 */
	if (!memcmp(pf->rss_key, zero, sizeof(zero)))
		get_random_bytes(pf->rss_key, sizeof(pf->rss_key));
	for (i = 0; i < IOVNIC_RETA_ENTRIES; i++)
		pf->reta[i] = ethtool_rxfh_indir_default(i, pf->num_queue_pairs);
	pf->reta_user_set = false;
}

/**
 * iovnic_pf_rss_write_reta() - program the 128-entry indirection table
 * @pf: the PF
 */
void iovnic_pf_rss_write_reta(struct iovnic_pf *pf)
{
	int i, j;

	for (i = 0; i < IOVNIC_RETA_ENTRIES / 4; i++) {
		u32 val = 0;

		for (j = 0; j < 4; j++) {
			u8 qp = pf->reta[4 * i + j];

			if (qp >= pf->num_queue_pairs)
				qp = 0;
			val |= (u32)(iovnic_pf_queue_reg_index(pf, qp) & 0xf) <<
			       (8 * j);
		}
		iovnic_pf_wr32(pf, IOVNIC_RETA(i), val);
	}
}

/**
 * iovnic_pf_rss_write_key() - program the 40-byte Toeplitz key
 * @pf: the PF
 */
void iovnic_pf_rss_write_key(struct iovnic_pf *pf)
{
	int i;

	for (i = 0; i < IOVNIC_RSS_KEY_BYTES / 4; i++)
		iovnic_pf_wr32(pf, IOVNIC_RSSRK(i),
			       get_unaligned_le32(&pf->rss_key[4 * i]));
}

/**
 * iovnic_pf_rss_configure_pools() - VMDq + RSS for the pools (with VFs)
 * @pf: the PF
 *
 * In VMDq + RSS mode the indirection table gives the offset inside the
 * pool: 0 for queue p, 8 for queue p + 8. Only pools with VMOLR.RSSE use
 * it; the others stay on queue p.
 */
void iovnic_pf_rss_configure_pools(struct iovnic_pf *pf)
{
	int i;

	iovnic_pf_rss_write_key(pf);
	/* entries alternate 0, 8, 0, 8: two bytes per pair of entries */
	for (i = 0; i < IOVNIC_RETA_ENTRIES / 4; i++)
		iovnic_pf_wr32(pf, IOVNIC_RETA(i), 0x08000800);
	iovnic_pf_wr32(pf, IOVNIC_MRQC, IOVNIC_MRQC_MODE_VMDQ_RSS |
		       IOVNIC_PF_RSS_FIELDS);
}

/**
 * iovnic_pf_rss_configure() - switch RSS on (no VFs) with key and table
 * @pf: the PF
 *
 * With VFs MRQC belongs to the switch code (VMDq mode) and is left alone.
 * Even with one queue pair RSS stays on, for the hash in the descriptor.
 */
void iovnic_pf_rss_configure(struct iovnic_pf *pf)
{
	if (iovnic_pf_pool(pf))
		return;
	iovnic_pf_rss_write_key(pf);
	iovnic_pf_rss_write_reta(pf);
	iovnic_pf_wr32(pf, IOVNIC_MRQC, IOVNIC_MRQC_MODE_RSS |
		       IOVNIC_PF_RSS_FIELDS);
}
