// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_vf netdev: queue pairs from iovnic_lib, open/close, transmit,
 * statistics and XDP. Rings exist only while the interface is up; a
 * reset or a channel/ring change closes and reopens them.
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>

#include "iovnic_vf.h"

static void iovnic_vf_qpair_init(struct iovnic_vf *vf,
				 struct iovnic_vf_qpair *qp, unsigned int q)
{
	struct iovnic_q_vector *qv = &qp->qv;

	iovnic_q_vector_init(qv, vf->netdev);
	qv->tx_ring = &qp->tx;
	qv->rx_ring = &qp->rx;
	/* vector q serves queue pair q: the IVAR map never changes */
	qv->eims_reg = vf->hw + IOVNIC_VF_EIMS;
	qv->eimc_reg = vf->hw + IOVNIC_VF_EIMC;
	qv->eims_mask = BIT(q);
	qv->eitr_reg = vf->hw + IOVNIC_VF_EITR(q);
	iovnic_q_vector_set_coalesce(qv, &vf->coal);

	qp->tx.netdev = vf->netdev;
	qp->tx.dev = &vf->pdev->dev;	/* the VF itself DMAs its rings */
	qp->tx.regs = vf->hw + IOVNIC_VF_TXQ_BASE(q);
	qp->tx.q_vector = qv;
	qp->tx.count = vf->tx_ring_count;
	qp->tx.queue_index = q;

	qp->rx.netdev = vf->netdev;
	qp->rx.dev = &vf->pdev->dev;
	qp->rx.regs = vf->hw + IOVNIC_VF_RXQ_BASE(q);
	qp->rx.q_vector = qv;
	qp->rx.count = vf->rx_ring_count;
	qp->rx.queue_index = q;
	/* igb sets RXCSUM.PCSD: descriptor dword 1 is the RSS hash */
	qp->rx.flags = IOVNIC_RING_F_RX_HASH;
	/* a port VLAN is stripped unasked: pass up only the joined ones */
	qp->rx.active_vlans = vf->active_vlans;
	RCU_INIT_POINTER(qp->rx.xdp_prog, vf->xdp_prog);
}

static void iovnic_vf_qpair_free(struct iovnic_vf *vf, unsigned int q)
{
	struct iovnic_vf_qpair *qp = vf->qp[q];

	spin_lock_bh(&vf->stats_lock);
	iovnic_stats_base_save(&vf->closed_stats, &qp->tx, false);
	iovnic_stats_base_save(&vf->closed_stats, &qp->rx, true);
	WRITE_ONCE(vf->qp[q], NULL);
	spin_unlock_bh(&vf->stats_lock);
	WRITE_ONCE(vf->q_vectors[q], NULL);

	iovnic_qpair_free(&qp->qv);
	kfree(qp);
}

static int iovnic_vf_qpairs_alloc(struct iovnic_vf *vf)
{
	struct iovnic_vf_qpair *qp;
	unsigned int q;
	int err;

	for (q = 0; q < vf->num_qpairs; q++) {
		qp = kzalloc(sizeof(*qp), GFP_KERNEL);
		if (!qp) {
			err = -ENOMEM;
			goto free_qpairs;
		}
		iovnic_vf_qpair_init(vf, qp, q);
		err = iovnic_qpair_alloc(&qp->qv);
		if (err)
			goto free_this;
		/* lockless readers: ndo_get_stats64, ndo_xdp_xmit */
		WRITE_ONCE(vf->qp[q], qp);
		WRITE_ONCE(vf->q_vectors[q], &qp->qv);
	}
	return 0;

free_this:
	iovnic_qpair_free(&qp->qv);
	kfree(qp);
free_qpairs:
	while (q--)
		iovnic_vf_qpair_free(vf, q);
	return err;
}

static void iovnic_vf_qpairs_free(struct iovnic_vf *vf)
{
	unsigned int q;

	for (q = 0; q < vf->num_qpairs; q++)
		iovnic_vf_qpair_free(vf, q);
}

/**
 * iovnic_vf_open_locked() - allocate, program and start the queue pairs
 * @vf: the VF
 *
 * Carrier stays off: the watchdog turns it on once the PF link is up and
 * the PF talks to us.
 *
 * Return: 0 or a negative errno (everything undone).
 */
int iovnic_vf_open_locked(struct iovnic_vf *vf)
{
	struct net_device *netdev = vf->netdev;
	unsigned int q;
	int err;

	ASSERT_RTNL();
	if (!test_bit(IOVNIC_VF_S_DOWN, &vf->state))
		return 0;

	netif_carrier_off(netdev);
	err = iovnic_vf_qpairs_alloc(vf);
	if (err)
		return err;
	err = netif_set_real_num_tx_queues(netdev, vf->num_qpairs);
	if (err)
		goto free_qpairs;
	err = netif_set_real_num_rx_queues(netdev, vf->num_qpairs);
	if (err)
		goto free_qpairs;

	iovnic_vf_irq_configure(vf);
	iovnic_qpairs_configure(vf->q_vectors, vf->num_qpairs);
	/* vector q serves queue pair q: MSI-X entries from 0 */
	err = iovnic_qpairs_request_irqs(vf->q_vectors, vf->num_qpairs,
					 vf->pdev, 0);
	if (err)
		goto disable_rings;
	iovnic_qpairs_start(vf->q_vectors, vf->num_qpairs);
	for (q = 0; q < vf->num_qpairs; q++)
		iovnic_q_vector_irq_enable(vf->q_vectors[q]);

	/* qp[] before !S_DOWN; pairs with iovnic_vf_xdp_xmit()'s smp_rmb() */
	smp_mb__before_atomic();
	clear_bit(IOVNIC_VF_S_DOWN, &vf->state);
	iovnic_vf_watchdog_kick(vf);
	return 0;

disable_rings:
	iovnic_qpairs_clean(vf->q_vectors, vf->num_qpairs);
free_qpairs:
	iovnic_vf_qpairs_free(vf);
	return err;
}

/**
 * iovnic_vf_close_locked() - stop and free the queue pairs
 * @vf: the VF
 *
 * Does nothing if they are already down.
 */
void iovnic_vf_close_locked(struct iovnic_vf *vf)
{
	struct net_device *netdev = vf->netdev;
	unsigned int q;

	ASSERT_RTNL();
	if (test_and_set_bit(IOVNIC_VF_S_DOWN, &vf->state))
		return;

	netif_carrier_off(netdev);
	netif_tx_disable(netdev);
	for (q = 0; q < vf->num_qpairs; q++)
		iovnic_q_vector_irq_disable(vf->q_vectors[q]);
	iovnic_qpairs_stop(vf->q_vectors, vf->num_qpairs);
	iovnic_qpairs_free_irqs(vf->q_vectors, vf->num_qpairs, vf->pdev, 0);
	/* no ndo_xdp_xmit may still be looking at the rings */
	synchronize_net();
	iovnic_qpairs_clean(vf->q_vectors, vf->num_qpairs);
	iovnic_vf_qpairs_free(vf);
}

/**
 * iovnic_vf_reconfigure() - change queue pairs or ring sizes
 * @vf: the VF
 * @qpairs: queue pairs to use
 * @tx_count: TX descriptors per ring
 * @rx_count: RX descriptors per ring
 *
 * Return: 0 or a negative errno; on failure the old setting is restored.
 */
int iovnic_vf_reconfigure(struct iovnic_vf *vf, unsigned int qpairs,
			  u32 tx_count, u32 rx_count)
{
	unsigned int old_qpairs = vf->num_qpairs;
	u32 old_tx = vf->tx_ring_count;
	u32 old_rx = vf->rx_ring_count;
	bool running = netif_running(vf->netdev);
	int err;

	ASSERT_RTNL();
	if (running)
		iovnic_vf_close_locked(vf);
	vf->num_qpairs = qpairs;
	vf->tx_ring_count = tx_count;
	vf->rx_ring_count = rx_count;
	if (!running)
		return 0;
	err = iovnic_vf_open_locked(vf);
	if (!err)
		return 0;
	vf->num_qpairs = old_qpairs;
	vf->tx_ring_count = old_tx;
	vf->rx_ring_count = old_rx;
	if (iovnic_vf_open_locked(vf))
		netdev_err(vf->netdev, "cannot reopen after a failed change\n");
	return err;
}

static int iovnic_vf_open(struct net_device *netdev)
{
	struct iovnic_vf *vf = netdev_priv(netdev);

	/* a reset in progress opens the rings when it is done */
	if (test_bit(IOVNIC_VF_S_RESETTING, &vf->state))
		return 0;
	if (!iovnic_vf_mbx_ready(vf))
		iovnic_vf_request_reset(vf);
	return iovnic_vf_open_locked(vf);
}

static int iovnic_vf_stop(struct net_device *netdev)
{
	iovnic_vf_close_locked(netdev_priv(netdev));
	return 0;
}

static netdev_tx_t iovnic_vf_xmit(struct sk_buff *skb,
				  struct net_device *netdev)
{
	struct iovnic_vf *vf = netdev_priv(netdev);
	u16 q = skb_get_queue_mapping(skb);
	struct iovnic_vf_qpair *qp = NULL;

	/*
	 * netpoll and PACKET_QDISC_BYPASS send regardless of carrier and
	 * queue state, also before open or while a reset has the rings down.
	 */
	if (likely(q < IOVNIC_VF_MAX_QPAIRS))
		qp = READ_ONCE(vf->qp[q]);
	if (unlikely(!qp)) {
		dev_core_stats_tx_dropped_inc(netdev);
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	return iovnic_xmit_frame(skb, &qp->tx);
}

static void iovnic_vf_tx_timeout(struct net_device *netdev,
				 unsigned int txqueue)
{
	struct iovnic_vf *vf = netdev_priv(netdev);

	netdev_warn(netdev, "TX queue %u timed out, resetting\n", txqueue);
	iovnic_vf_request_reset(vf);
}

/* read the pool's five counters; false if the device does not answer */
static bool iovnic_vf_read_pool_stats(struct iovnic_vf *vf,
				      u32 raw[IOVNIC_POOL_NSTATS])
{
	unsigned int i;

	for (i = 0; i < IOVNIC_POOL_NSTATS; i++)
		raw[i] = iovnic_vf_rd32(vf, IOVNIC_VF_VFSTATS +
					iovnic_pool_stat_regs[i]);
	return raw[IOVNIC_POOL_RX_PACKETS] != ~0U;
}

/**
 * iovnic_vf_update_hw_stats() - fold the free-running 32-bit pool counters
 * @vf: the VF
 */
void iovnic_vf_update_hw_stats(struct iovnic_vf *vf)
{
	u32 raw[IOVNIC_POOL_NSTATS];

	if (!iovnic_vf_read_pool_stats(vf, raw))
		return;		/* device gone or resetting */
	spin_lock_bh(&vf->stats_lock);
	iovnic_pool_stats_fold(&vf->hw_stats, raw, false);
	spin_unlock_bh(&vf->stats_lock);
}

/**
 * iovnic_vf_rebase_hw_stats() - restart the deltas after a PF reset
 * @vf: the VF
 *
 * A PF reset zeroes the counters; the totals stay.
 */
void iovnic_vf_rebase_hw_stats(struct iovnic_vf *vf)
{
	u32 raw[IOVNIC_POOL_NSTATS];

	if (!iovnic_vf_read_pool_stats(vf, raw))
		return;
	spin_lock_bh(&vf->stats_lock);
	iovnic_pool_stats_fold(&vf->hw_stats, raw, true);
	spin_unlock_bh(&vf->stats_lock);
}

static void iovnic_vf_get_stats64(struct net_device *netdev,
				  struct rtnl_link_stats64 *stats)
{
	struct iovnic_vf *vf = netdev_priv(netdev);
	unsigned int q;

	spin_lock_bh(&vf->stats_lock);
	iovnic_stats_base_add64(&vf->closed_stats, stats);
	for (q = 0; q < IOVNIC_VF_MAX_QPAIRS; q++) {
		if (!vf->qp[q])
			continue;
		iovnic_ring_add_stats64(&vf->qp[q]->tx, false, stats);
		iovnic_ring_add_stats64(&vf->qp[q]->rx, true, stats);
	}
	/* only the hardware sees multicast before the filters */
	stats->multicast = vf->hw_stats.c[IOVNIC_POOL_RX_MULTICAST].value;
	spin_unlock_bh(&vf->stats_lock);
}

static int iovnic_vf_bpf(struct net_device *netdev, struct netdev_bpf *bpf)
{
	struct iovnic_ring *rx_rings[IOVNIC_VF_MAX_QPAIRS];
	struct iovnic_vf *vf = netdev_priv(netdev);
	unsigned int q, n = 0;

	if (bpf->command != XDP_SETUP_PROG)
		return -EINVAL;
	if (!test_bit(IOVNIC_VF_S_DOWN, &vf->state))
		for (q = 0; q < vf->num_qpairs; q++)
			rx_rings[n++] = &vf->qp[q]->rx;
	return iovnic_xdp_setup(netdev, &vf->xdp_prog, rx_rings, n, bpf);
}

static int iovnic_vf_xdp_xmit(struct net_device *netdev, int n,
			      struct xdp_frame **frames, u32 flags)
{
	struct iovnic_vf *vf = netdev_priv(netdev);

	/* iovnic_xdp_xmit() also refuses while the carrier is off */
	if (test_bit(IOVNIC_VF_S_DOWN, &vf->state))
		return -ENETDOWN;
	/* pairs with the barrier before open_locked() clears S_DOWN */
	smp_rmb();
	return iovnic_qpairs_xdp_xmit(vf->q_vectors, vf->num_qpairs, n, frames,
				      flags);
}

#if IOVNIC_HAVE_QUEUE_STATS
/* netlink queue stats; called under RTNL, so qp[] is stable */
static void iovnic_vf_queue_stats_rx(struct net_device *netdev, int idx,
				     struct netdev_queue_stats_rx *stats)
{
	struct iovnic_vf *vf = netdev_priv(netdev);

	if (vf->qp[idx])
		iovnic_ring_qstats_rx(&vf->qp[idx]->rx, stats);
}

static void iovnic_vf_queue_stats_tx(struct net_device *netdev, int idx,
				     struct netdev_queue_stats_tx *stats)
{
	struct iovnic_vf *vf = netdev_priv(netdev);

	if (vf->qp[idx])
		iovnic_ring_qstats_tx(&vf->qp[idx]->tx, stats);
}

/* what rings freed by close/reset/channel changes had counted */
static void iovnic_vf_base_stats(struct net_device *netdev,
				 struct netdev_queue_stats_rx *rx,
				 struct netdev_queue_stats_tx *tx)
{
	struct iovnic_vf *vf = netdev_priv(netdev);

	spin_lock_bh(&vf->stats_lock);
	iovnic_qstats_base(&vf->closed_stats, rx, tx);
	spin_unlock_bh(&vf->stats_lock);
}

static const struct netdev_stat_ops iovnic_vf_stat_ops = {
	.get_queue_stats_rx	= iovnic_vf_queue_stats_rx,
	.get_queue_stats_tx	= iovnic_vf_queue_stats_tx,
	.get_base_stats		= iovnic_vf_base_stats,
};
#endif

static const struct net_device_ops iovnic_vf_netdev_ops = {
	.ndo_open		= iovnic_vf_open,
	.ndo_stop		= iovnic_vf_stop,
	.ndo_start_xmit		= iovnic_vf_xmit,
	.ndo_features_check	= iovnic_features_check,
	.ndo_set_rx_mode	= iovnic_vf_set_rx_mode,
	.ndo_set_mac_address	= iovnic_vf_set_mac_address,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_change_mtu		= iovnic_vf_change_mtu,
	.ndo_vlan_rx_add_vid	= iovnic_vf_vlan_rx_add_vid,
	.ndo_vlan_rx_kill_vid	= iovnic_vf_vlan_rx_kill_vid,
	.ndo_tx_timeout		= iovnic_vf_tx_timeout,
	.ndo_get_stats64	= iovnic_vf_get_stats64,
	.ndo_bpf		= iovnic_vf_bpf,
	.ndo_xdp_xmit		= iovnic_vf_xdp_xmit,
};

void iovnic_vf_netdev_setup(struct net_device *netdev)
{
	struct iovnic_vf *vf = netdev_priv(netdev);
	netdev_features_t csum_tso;

	netdev->netdev_ops = &iovnic_vf_netdev_ops;
#if IOVNIC_HAVE_QUEUE_STATS
	netdev->stat_ops = &iovnic_vf_stat_ops;
#endif
	iovnic_vf_set_ethtool_ops(netdev);
	netdev->watchdog_timeo = 5 * HZ;
	netdev->min_mtu = IOVNIC_MIN_MTU;
	netdev->max_mtu = IOVNIC_MAX_MTU;

	csum_tso = NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM |
		   NETIF_F_TSO | NETIF_F_TSO6 | NETIF_F_SCTP_CRC;
	netdev->hw_features = csum_tso | NETIF_F_RXCSUM | NETIF_F_RXHASH |
			      NETIF_F_HW_VLAN_CTAG_TX;
	/* the PF decides about VLAN stripping and filtering for the pool */
	netdev->features = netdev->hw_features | NETIF_F_HW_VLAN_CTAG_RX |
			   NETIF_F_HW_VLAN_CTAG_FILTER;
	netdev->vlan_features = csum_tso;
	iovnic_compat_set_xdp_features(netdev);

	vf->num_qpairs = IOVNIC_VF_DEFAULT_QPAIRS;
	vf->tx_ring_count = IOVNIC_DEFAULT_TXD;
	vf->rx_ring_count = IOVNIC_DEFAULT_RXD;
	iovnic_coalesce_init(&vf->coal);
	set_bit(IOVNIC_VF_S_DOWN, &vf->state);
	spin_lock_init(&vf->stats_lock);
}
