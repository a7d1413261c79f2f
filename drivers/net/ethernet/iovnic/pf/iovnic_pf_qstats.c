// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic PF: per-queue statistics over the netdev netlink family
 * (`ynl --family netdev --dump qstats-get`), where the kernel has it.
 */
#include "../lib/iovnic_lib.h"
#include "iovnic_pf.h"

#if IOVNIC_HAVE_QUEUE_STATS
/* The netlink core calls these under RTNL: the ring arrays are stable. */
static void iovnic_pf_queue_stats_rx(struct net_device *netdev, int idx,
				     struct netdev_queue_stats_rx *stats)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);

	if (pf->rx_rings[idx])
		iovnic_ring_qstats_rx(pf->rx_rings[idx], stats);
}

static void iovnic_pf_queue_stats_tx(struct net_device *netdev, int idx,
				     struct netdev_queue_stats_tx *stats)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);

	if (pf->tx_rings[idx])
		iovnic_ring_qstats_tx(pf->tx_rings[idx], stats);
}

/* what rings freed by close/reset/channel changes had counted */
static void iovnic_pf_base_stats(struct net_device *netdev,
				 struct netdev_queue_stats_rx *rx,
				 struct netdev_queue_stats_tx *tx)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	unsigned long flags;

	spin_lock_irqsave(&pf->stats_lock, flags);
	iovnic_qstats_base(&pf->closed_stats, rx, tx);
	spin_unlock_irqrestore(&pf->stats_lock, flags);
}

static const struct netdev_stat_ops iovnic_pf_stat_ops = {
	.get_queue_stats_rx	= iovnic_pf_queue_stats_rx,
	.get_queue_stats_tx	= iovnic_pf_queue_stats_tx,
	.get_base_stats		= iovnic_pf_base_stats,
};

void iovnic_pf_set_stat_ops(struct net_device *netdev)
{
	netdev->stat_ops = &iovnic_pf_stat_ops;
}
#else
void iovnic_pf_set_stat_ops(struct net_device *netdev)
{
}
#endif
