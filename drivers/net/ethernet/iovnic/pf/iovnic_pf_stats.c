// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_pf: statistics. The MAC counters clear on read, so they are
 * folded into 64-bit totals under stats_lock, by the service task every
 * couple of seconds and by every reader that wants fresh numbers.
 */
#include <linux/netdevice.h>

#include "../lib/iovnic_lib.h"
#include "iovnic_pf.h"

static u64 iovnic_pf_rd64(struct iovnic_pf *pf, u32 lo, u32 hi)
{
	/* the low half must be read first: it latches the high half */
	u64 val = iovnic_pf_rd32(pf, lo);

	return val | (u64)iovnic_pf_rd32(pf, hi) << 32;
}

/**
 * iovnic_pf_update_hw_stats() - accumulate the clear-on-read MAC counters
 * @pf: the PF
 *
 * Any context; takes stats_lock with interrupts off.
 */
void iovnic_pf_update_hw_stats(struct iovnic_pf *pf)
{
	struct iovnic_pf_hw_stats *s = &pf->hw_stats;
	unsigned long flags;

	if (iovnic_pf_removed(pf) || test_bit(IOVNIC_PF_RESETTING, pf->state))
		return;

	spin_lock_irqsave(&pf->stats_lock, flags);
	s->crcerrs += iovnic_pf_rd32(pf, IOVNIC_CRCERRS);
	s->mpc += iovnic_pf_rd32(pf, IOVNIC_MPC);
	s->rlec += iovnic_pf_rd32(pf, IOVNIC_RLEC);
	s->gprc += iovnic_pf_rd32(pf, IOVNIC_GPRC);
	s->bprc += iovnic_pf_rd32(pf, IOVNIC_BPRC);
	s->mprc += iovnic_pf_rd32(pf, IOVNIC_MPRC);
	s->gptc += iovnic_pf_rd32(pf, IOVNIC_GPTC);
	s->gorc += iovnic_pf_rd64(pf, IOVNIC_GORCL, IOVNIC_GORCH);
	s->gotc += iovnic_pf_rd64(pf, IOVNIC_GOTCL, IOVNIC_GOTCH);
	s->rnbc += iovnic_pf_rd32(pf, IOVNIC_RNBC);
	s->ruc += iovnic_pf_rd32(pf, IOVNIC_RUC);
	s->roc += iovnic_pf_rd32(pf, IOVNIC_ROC);
	s->tpr += iovnic_pf_rd32(pf, IOVNIC_TPR);
	s->tpt += iovnic_pf_rd32(pf, IOVNIC_TPT);
	s->mptc += iovnic_pf_rd32(pf, IOVNIC_MPTC);
	s->bptc += iovnic_pf_rd32(pf, IOVNIC_BPTC);
	s->tsctc += iovnic_pf_rd32(pf, IOVNIC_TSCTC);
	spin_unlock_irqrestore(&pf->stats_lock, flags);
}

/**
 * iovnic_pf_get_stats64() - ndo_get_stats64
 * @netdev: the PF netdev
 * @stats: filled in
 *
 * Packets and bytes come from the rings (with VFs the MAC counters also
 * count the VFs' traffic); errors and multicast from the MAC counters.
 */
void iovnic_pf_get_stats64(struct net_device *netdev,
			   struct rtnl_link_stats64 *stats)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	struct iovnic_pf_hw_stats *s = &pf->hw_stats;
	unsigned long flags;
	int i;

	/* the ring arrays change only under RTNL; readers race harmlessly
	 * with a swap because rings are freed after the netdev stops
	 */
	rcu_read_lock();
	for (i = 0; i < READ_ONCE(pf->num_q_vectors); i++) {
		struct iovnic_ring *tx = READ_ONCE(pf->tx_rings[i]);
		struct iovnic_ring *rx = READ_ONCE(pf->rx_rings[i]);

		if (tx)
			iovnic_ring_add_stats64(tx, false, stats);
		if (rx)
			iovnic_ring_add_stats64(rx, true, stats);
	}
	rcu_read_unlock();
	stats->rx_packets += pf->closed_stats.rx_packets;
	stats->rx_bytes += pf->closed_stats.rx_bytes;
	stats->tx_packets += pf->closed_stats.tx_packets;
	stats->tx_bytes += pf->closed_stats.tx_bytes;
	stats->rx_dropped += pf->closed_stats.rx_dropped;
	stats->tx_dropped += pf->closed_stats.tx_dropped +
			     netdev->stats.tx_dropped;

	iovnic_pf_update_hw_stats(pf);
	spin_lock_irqsave(&pf->stats_lock, flags);
	stats->multicast = s->mprc;
	stats->rx_crc_errors = s->crcerrs;
	stats->rx_length_errors = s->rlec + s->ruc + s->roc;
	stats->rx_missed_errors = s->mpc;
	stats->rx_errors = s->crcerrs + s->rlec + s->ruc + s->roc;
	spin_unlock_irqrestore(&pf->stats_lock, flags);
}

/**
 * iovnic_pf_save_ring_stats() - keep the counters of rings about to be freed
 * @pf: the PF (RTNL held, datapath stopped)
 *
 * Rings are re-allocated on every open, channel or ring size change; the
 * interface totals must not go backwards.
 */
void iovnic_pf_save_ring_stats(struct iovnic_pf *pf)
{
	struct rtnl_link_stats64 s = {};
	int i;

	for (i = 0; i < pf->num_q_vectors; i++) {
		if (pf->tx_rings[i])
			iovnic_ring_add_stats64(pf->tx_rings[i], false, &s);
		if (pf->rx_rings[i])
			iovnic_ring_add_stats64(pf->rx_rings[i], true, &s);
	}
	pf->closed_stats.rx_packets += s.rx_packets;
	pf->closed_stats.rx_bytes += s.rx_bytes;
	pf->closed_stats.tx_packets += s.tx_packets;
	pf->closed_stats.tx_bytes += s.tx_bytes;
	pf->closed_stats.rx_dropped += s.rx_dropped;
	pf->closed_stats.tx_dropped += s.tx_dropped;
}
