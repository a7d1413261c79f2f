// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_pf: statistics. The MAC counters clear on read, so they are
 * folded into 64-bit totals under stats_lock, by the service task every
 * couple of seconds and by every reader that wants fresh numbers. They
 * leave through the standard interfaces of
 * Documentation/networking/statistics.rst: ndo_get_stats64 and the
 * structured ethtool groups (eth-mac, eth-ctrl, rmon, pause).
 */
#include <linux/ethtool.h>
#include <linux/netdevice.h>

#include "../lib/iovnic_lib.h"
#include "iovnic_pf.h"

#define IOVNIC_PF_MAC_STAT(_s) \
	[IOVNIC_MAC_##_s] = IOVNIC_##_s

/* register of each counter; GORC and GOTC name their low half */
static const u32 iovnic_pf_mac_stat_regs[IOVNIC_PF_MAC_NSTATS] = {
	IOVNIC_PF_MAC_STAT(CRCERRS), IOVNIC_PF_MAC_STAT(ALGNERRC),
	IOVNIC_PF_MAC_STAT(RXERRC), IOVNIC_PF_MAC_STAT(MPC),
	IOVNIC_PF_MAC_STAT(SCC), IOVNIC_PF_MAC_STAT(ECOL),
	IOVNIC_PF_MAC_STAT(MCC), IOVNIC_PF_MAC_STAT(LATECOL),
	IOVNIC_PF_MAC_STAT(COLC), IOVNIC_PF_MAC_STAT(DC),
	IOVNIC_PF_MAC_STAT(TNCRS), IOVNIC_PF_MAC_STAT(CEXTERR),
	IOVNIC_PF_MAC_STAT(RLEC), IOVNIC_PF_MAC_STAT(XONRXC),
	IOVNIC_PF_MAC_STAT(XONTXC), IOVNIC_PF_MAC_STAT(XOFFRXC),
	IOVNIC_PF_MAC_STAT(XOFFTXC), IOVNIC_PF_MAC_STAT(FCRUC),
	[IOVNIC_MAC_PRC64 ... IOVNIC_MAC_PRC1522] = 0,	/* IOVNIC_PRC(i) */
	IOVNIC_PF_MAC_STAT(GPRC), IOVNIC_PF_MAC_STAT(BPRC),
	IOVNIC_PF_MAC_STAT(MPRC), IOVNIC_PF_MAC_STAT(GPTC),
	[IOVNIC_MAC_GORC] = IOVNIC_GORCL, [IOVNIC_MAC_GOTC] = IOVNIC_GOTCL,
	IOVNIC_PF_MAC_STAT(RNBC), IOVNIC_PF_MAC_STAT(RUC),
	IOVNIC_PF_MAC_STAT(RFC), IOVNIC_PF_MAC_STAT(ROC),
	IOVNIC_PF_MAC_STAT(RJC), IOVNIC_PF_MAC_STAT(TPR),
	IOVNIC_PF_MAC_STAT(TPT),
	[IOVNIC_MAC_PTC64 ... IOVNIC_MAC_PTC1522] = 0,	/* IOVNIC_PTC(i) */
	IOVNIC_PF_MAC_STAT(MPTC), IOVNIC_PF_MAC_STAT(BPTC),
	IOVNIC_PF_MAC_STAT(TSCTC),
};

/* size buckets of PRCxx/PTCxx: frame lengths from DA through CRC */
static const struct ethtool_rmon_hist_range iovnic_pf_rmon_ranges[] = {
	{ 64, 64 },
	{ 65, 127 },
	{ 128, 255 },
	{ 256, 511 },
	{ 512, 1023 },
	{ 1024, 1522 },
	{}
};

static u64 iovnic_pf_rd_mac_stat(struct iovnic_pf *pf, unsigned int i)
{
	u64 val;

	if (i >= IOVNIC_MAC_PRC64 && i <= IOVNIC_MAC_PRC1522)
		return iovnic_pf_rd32(pf, IOVNIC_PRC(i - IOVNIC_MAC_PRC64));
	if (i >= IOVNIC_MAC_PTC64 && i <= IOVNIC_MAC_PTC1522)
		return iovnic_pf_rd32(pf, IOVNIC_PTC(i - IOVNIC_MAC_PTC64));
	val = iovnic_pf_rd32(pf, iovnic_pf_mac_stat_regs[i]);
	/* the low half must be read first: it latches the high half */
	if (i == IOVNIC_MAC_GORC || i == IOVNIC_MAC_GOTC)
		val |= (u64)iovnic_pf_rd32(pf, iovnic_pf_mac_stat_regs[i] + 4)
		       << 32;
	return val;
}

/**
 * iovnic_pf_update_hw_stats() - accumulate the clear-on-read MAC counters
 * @pf: the PF
 *
 * Any context; takes stats_lock with interrupts off. A reset clears the
 * registers, never the totals.
 */
void iovnic_pf_update_hw_stats(struct iovnic_pf *pf)
{
	struct iovnic_pf_hw_stats *s = &pf->hw_stats;
	unsigned long flags;
	unsigned int i;

	if (iovnic_pf_removed(pf) || test_bit(IOVNIC_PF_RESETTING, pf->state))
		return;

	spin_lock_irqsave(&pf->stats_lock, flags);
	for (i = 0; i < IOVNIC_PF_MAC_NSTATS; i++)
		iovnic_stat_add_cor(&s->mac[i], iovnic_pf_rd_mac_stat(pf, i));
	spin_unlock_irqrestore(&pf->stats_lock, flags);
}

/**
 * iovnic_pf_read_mac_stats() - fresh totals of every MAC counter
 * @pf: the PF
 * @out: the totals, by enum iovnic_pf_mac_stat
 */
void iovnic_pf_read_mac_stats(struct iovnic_pf *pf,
			      u64 out[IOVNIC_PF_MAC_NSTATS])
{
	unsigned long flags;
	unsigned int i;

	iovnic_pf_update_hw_stats(pf);
	spin_lock_irqsave(&pf->stats_lock, flags);
	for (i = 0; i < IOVNIC_PF_MAC_NSTATS; i++)
		out[i] = pf->hw_stats.mac[i].value;
	spin_unlock_irqrestore(&pf->stats_lock, flags);
}

static void iovnic_pf_mac_stats64(const u64 *m, struct rtnl_link_stats64 *s)
{
	s->multicast = m[IOVNIC_MAC_MPRC];
	s->collisions = m[IOVNIC_MAC_COLC];
	s->rx_crc_errors = m[IOVNIC_MAC_CRCERRS];
	s->rx_frame_errors = m[IOVNIC_MAC_ALGNERRC];
	s->rx_length_errors = m[IOVNIC_MAC_RLEC] + m[IOVNIC_MAC_RUC] +
			      m[IOVNIC_MAC_ROC];
	s->rx_missed_errors = m[IOVNIC_MAC_MPC];
	s->rx_errors = s->rx_crc_errors + s->rx_frame_errors +
		       s->rx_length_errors + m[IOVNIC_MAC_RXERRC] +
		       m[IOVNIC_MAC_CEXTERR];
	s->tx_aborted_errors = m[IOVNIC_MAC_ECOL];
	s->tx_window_errors = m[IOVNIC_MAC_LATECOL];
	s->tx_carrier_errors = m[IOVNIC_MAC_TNCRS];
	s->tx_errors = s->tx_aborted_errors + s->tx_window_errors;
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
	u64 mac[IOVNIC_PF_MAC_NSTATS];
	unsigned long flags;
	int i;

	iovnic_pf_read_mac_stats(pf, mac);
	iovnic_pf_mac_stats64(mac, stats);

	/* Rings are freed after an RCU grace period once num_q_vectors is
	 * 0; stats_lock makes their counters and closed_stats one snapshot
	 * (iovnic_pf_save_ring_stats moves the former into the latter).
	 */
	rcu_read_lock();
	spin_lock_irqsave(&pf->stats_lock, flags);
	for (i = 0; i < READ_ONCE(pf->num_q_vectors); i++) {
		struct iovnic_ring *tx = READ_ONCE(pf->tx_rings[i]);
		struct iovnic_ring *rx = READ_ONCE(pf->rx_rings[i]);

		if (tx)
			iovnic_ring_add_stats64(tx, false, stats);
		if (rx)
			iovnic_ring_add_stats64(rx, true, stats);
	}
	iovnic_stats_base_add64(&pf->closed_stats, stats);
	spin_unlock_irqrestore(&pf->stats_lock, flags);
	rcu_read_unlock();
}

/**
 * iovnic_pf_save_ring_stats() - keep the counters of rings about to be freed
 * @pf: the PF (RTNL held, datapath stopped)
 *
 * Rings are re-allocated on every open, channel or ring size change; no
 * counter may go backwards, per queue or in total.
 */
void iovnic_pf_save_ring_stats(struct iovnic_pf *pf)
{
	unsigned long flags;
	int i;

	ASSERT_RTNL();
	spin_lock_irqsave(&pf->stats_lock, flags);
	for (i = 0; i < pf->num_q_vectors; i++) {
		if (pf->tx_rings[i])
			iovnic_stats_base_save(&pf->closed_stats,
					       pf->tx_rings[i], false);
		if (pf->rx_rings[i])
			iovnic_stats_base_save(&pf->closed_stats,
					       pf->rx_rings[i], true);
	}
	spin_unlock_irqrestore(&pf->stats_lock, flags);
}

/* --- the standard ethtool groups (ethtool -S --all-groups) --- */

/**
 * iovnic_pf_get_eth_mac_stats() - ethtool_ops.get_eth_mac_stats
 * @netdev: the PF netdev
 * @s: IEEE 802.3 MAC counters to fill (the rest stay unreported)
 */
void iovnic_pf_get_eth_mac_stats(struct net_device *netdev,
				 struct ethtool_eth_mac_stats *s)
{
	u64 m[IOVNIC_PF_MAC_NSTATS];

	iovnic_pf_read_mac_stats(iovnic_pf_from_netdev(netdev), m);
	s->FramesTransmittedOK = m[IOVNIC_MAC_GPTC];
	s->SingleCollisionFrames = m[IOVNIC_MAC_SCC];
	s->MultipleCollisionFrames = m[IOVNIC_MAC_MCC];
	s->FramesReceivedOK = m[IOVNIC_MAC_GPRC];
	s->FrameCheckSequenceErrors = m[IOVNIC_MAC_CRCERRS];
	s->AlignmentErrors = m[IOVNIC_MAC_ALGNERRC];
	s->OctetsTransmittedOK = m[IOVNIC_MAC_GOTC];
	s->FramesWithDeferredXmissions = m[IOVNIC_MAC_DC];
	s->LateCollisions = m[IOVNIC_MAC_LATECOL];
	s->FramesAbortedDueToXSColls = m[IOVNIC_MAC_ECOL];
	s->CarrierSenseErrors = m[IOVNIC_MAC_TNCRS];
	s->OctetsReceivedOK = m[IOVNIC_MAC_GORC];
	s->MulticastFramesXmittedOK = m[IOVNIC_MAC_MPTC];
	s->BroadcastFramesXmittedOK = m[IOVNIC_MAC_BPTC];
	s->MulticastFramesReceivedOK = m[IOVNIC_MAC_MPRC];
	s->BroadcastFramesReceivedOK = m[IOVNIC_MAC_BPRC];
	s->FrameTooLongErrors = m[IOVNIC_MAC_ROC];
}

/**
 * iovnic_pf_get_eth_ctrl_stats() - ethtool_ops.get_eth_ctrl_stats
 * @netdev: the PF netdev
 * @s: MAC Control counters to fill
 *
 * PAUSE is the only MAC Control opcode the 82576 knows; FCRUC counts the
 * MAC Control frames with any other opcode.
 */
void iovnic_pf_get_eth_ctrl_stats(struct net_device *netdev,
				  struct ethtool_eth_ctrl_stats *s)
{
	u64 m[IOVNIC_PF_MAC_NSTATS];

	iovnic_pf_read_mac_stats(iovnic_pf_from_netdev(netdev), m);
	s->MACControlFramesTransmitted = m[IOVNIC_MAC_XONTXC] +
					 m[IOVNIC_MAC_XOFFTXC];
	s->MACControlFramesReceived = m[IOVNIC_MAC_XONRXC] +
				      m[IOVNIC_MAC_XOFFRXC] +
				      m[IOVNIC_MAC_FCRUC];
	s->UnsupportedOpcodesReceived = m[IOVNIC_MAC_FCRUC];
}

/**
 * iovnic_pf_get_rmon_stats() - ethtool_ops.get_rmon_stats
 * @netdev: the PF netdev
 * @s: RMON counters and the size histograms to fill
 * @ranges: set to the histogram buckets
 */
void iovnic_pf_get_rmon_stats(struct net_device *netdev,
			      struct ethtool_rmon_stats *s,
			      const struct ethtool_rmon_hist_range **ranges)
{
	u64 m[IOVNIC_PF_MAC_NSTATS];
	unsigned int i;

	iovnic_pf_read_mac_stats(iovnic_pf_from_netdev(netdev), m);
	s->undersize_pkts = m[IOVNIC_MAC_RUC];
	s->oversize_pkts = m[IOVNIC_MAC_ROC];
	s->fragments = m[IOVNIC_MAC_RFC];
	s->jabbers = m[IOVNIC_MAC_RJC];
	for (i = 0; i < ARRAY_SIZE(iovnic_pf_rmon_ranges) - 1; i++) {
		s->hist[i] = m[IOVNIC_MAC_PRC64 + i];
		s->hist_tx[i] = m[IOVNIC_MAC_PTC64 + i];
	}
	*ranges = iovnic_pf_rmon_ranges;
}

/**
 * iovnic_pf_get_pause_stats() - ethtool_ops.get_pause_stats
 * @netdev: the PF netdev
 * @s: PAUSE frames sent and received (XON and XOFF)
 */
void iovnic_pf_get_pause_stats(struct net_device *netdev,
			       struct ethtool_pause_stats *s)
{
	u64 m[IOVNIC_PF_MAC_NSTATS];

	iovnic_pf_read_mac_stats(iovnic_pf_from_netdev(netdev), m);
	s->tx_pause_frames = m[IOVNIC_MAC_XONTXC] + m[IOVNIC_MAC_XOFFTXC];
	s->rx_pause_frames = m[IOVNIC_MAC_XONRXC] + m[IOVNIC_MAC_XOFFRXC];
}
