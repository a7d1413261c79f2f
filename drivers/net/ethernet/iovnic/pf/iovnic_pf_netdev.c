// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_pf: the PF's net_device — queue layout, open/close, reset and
 * the net_device_ops that are not filters, statistics or ethtool.
 */
#include <linux/bitfield.h>
#include <linux/etherdevice.h>
#include <linux/filter.h>
#include <linux/rtnetlink.h>

#include "../lib/iovnic_lib.h"
#include "iovnic_pf.h"

/**
 * iovnic_pf_queue_reg_index() - hardware queue behind netdev queue pair @qp
 * @pf: the PF
 * @qp: queue pair index as the stack sees it
 *
 * Without VFs the PF owns all 16 queues and uses them in order. With k VFs
 * it lives in pool k, whose queues are k and k + 8 (iovnic.rst): any
 * queue whose index mod 8 is below k would be DMA'd as that VF.
 *
 * Return: the queue number (0..15) to program.
 */
u16 iovnic_pf_queue_reg_index(const struct iovnic_pf *pf, u16 qp)
{
	u16 k = iovnic_pf_pool(pf);

	if (!k)
		return qp;
	return IOVNIC_POOL_QUEUE(k, qp);
}

/**
 * iovnic_pf_max_queue_pairs() - queue pairs the PF can run now
 * @pf: the PF
 *
 * MSI-X: one vector per pair after the "other" vector, within the vectors
 * the VFs leave us. With VFs the pool receives on a single queue in VMDq
 * mode, so the PF runs one pair. MSI/INTx: one pair.
 *
 * Return: the maximum number of queue pairs.
 */
u16 iovnic_pf_max_queue_pairs(const struct iovnic_pf *pf)
{
	if (pf->irq_mode != IOVNIC_PF_IRQ_MSIX || iovnic_pf_pool(pf))
		return 1;
	return min_t(u16, iovnic_pf_usable_vectors(pf) - 1,
		     IOVNIC_PF_MAX_QUEUE_PAIRS);
}

static u16 iovnic_pf_pick_queue_pairs(const struct iovnic_pf *pf)
{
	u16 max = iovnic_pf_max_queue_pairs(pf);
	u16 want = pf->req_queue_pairs ? pf->req_queue_pairs :
					 num_online_cpus();

	return clamp_t(u16, want, 1, max);
}

static void iovnic_pf_init_q_vector(struct iovnic_pf *pf, u16 i)
{
	struct iovnic_q_vector *qv = pf->q_vectors[i];

	iovnic_q_vector_init(qv, pf->netdev);
	if (pf->irq_mode == IOVNIC_PF_IRQ_MSIX) {
		qv->eims_reg = pf->hw + IOVNIC_EIMS;
		qv->eimc_reg = pf->hw + IOVNIC_EIMC;
		qv->eims_mask = BIT(i + 1);
		qv->eitr_reg = pf->hw + IOVNIC_EITR(i + 1);
	} else {
		/* one vector: the queue causes are ICR bits */
		qv->eims_reg = pf->hw + IOVNIC_IMS;
		qv->eimc_reg = pf->hw + IOVNIC_IMC;
		qv->eims_mask = IOVNIC_PF_ICR_QUEUE_CAUSES;
		qv->eitr_reg = pf->hw + IOVNIC_EITR(0);
	}
	/* a shared vector's queue causes are masked until the poll is done */
	qv->mask_in_irq = pf->irq_mode != IOVNIC_PF_IRQ_MSIX;
}

static void iovnic_pf_init_ring(struct iovnic_pf *pf, struct iovnic_ring *ring,
				u16 i, bool rx)
{
	u16 r = iovnic_pf_queue_reg_index(pf, i);

	ring->netdev = pf->netdev;
	ring->dev = &pf->pdev->dev;
	ring->q_vector = pf->q_vectors[i];
	ring->queue_index = i;
	if (rx) {
		ring->regs = pf->hw + IOVNIC_PF_RXQ_BASE(r);
		ring->count = pf->rx_ring_count;
		/* QEMU reports the hash only in RSS (non-VMDq) mode */
		if (!iovnic_pf_pool(pf) &&
		    (pf->netdev->features & NETIF_F_RXHASH))
			ring->flags |= IOVNIC_RING_F_RX_HASH;
		/* with VFs one full PF queue must not stall the others */
		if (iovnic_pf_pool(pf))
			ring->flags |= IOVNIC_RING_F_RX_DROP_EN;
	} else {
		ring->regs = pf->hw + IOVNIC_PF_TXQ_BASE(r);
		ring->count = pf->tx_ring_count;
	}
}

static void iovnic_pf_free_queue_pair(struct iovnic_pf *pf, u16 i)
{
	if (pf->q_vectors[i])
		iovnic_qpair_free(pf->q_vectors[i]);
	kfree(pf->tx_rings[i]);
	kfree(pf->rx_rings[i]);
	kfree(pf->q_vectors[i]);
	pf->tx_rings[i] = NULL;
	pf->rx_rings[i] = NULL;
	pf->q_vectors[i] = NULL;
}

static int iovnic_pf_alloc_queue_pair(struct iovnic_pf *pf, u16 i)
{
	struct iovnic_q_vector *qv;
	int err;

	qv = kzalloc(sizeof(*qv), GFP_KERNEL);
	pf->q_vectors[i] = qv;
	pf->tx_rings[i] = kzalloc(sizeof(*pf->tx_rings[i]), GFP_KERNEL);
	pf->rx_rings[i] = kzalloc(sizeof(*pf->rx_rings[i]), GFP_KERNEL);
	if (!qv || !pf->tx_rings[i] || !pf->rx_rings[i]) {
		err = -ENOMEM;
		goto free_pair;
	}

	iovnic_pf_init_q_vector(pf, i);
	iovnic_pf_init_ring(pf, pf->tx_rings[i], i, false);
	iovnic_pf_init_ring(pf, pf->rx_rings[i], i, true);
	qv->tx_ring = pf->tx_rings[i];
	qv->rx_ring = pf->rx_rings[i];

	err = iovnic_qpair_alloc(qv);
	if (err)
		goto free_pair;
	rcu_assign_pointer(pf->rx_rings[i]->xdp_prog, pf->xdp_prog);
	return 0;

free_pair:
	iovnic_pf_free_queue_pair(pf, i);
	return err;
}

static void iovnic_pf_free_queues(struct iovnic_pf *pf)
{
	u16 n = pf->num_q_vectors;
	u16 i;

	iovnic_pf_save_ring_stats(pf);
	/* ndo_get_stats64 walks the rings under RCU without RTNL */
	WRITE_ONCE(pf->num_q_vectors, 0);
	synchronize_rcu();
	for (i = 0; i < n; i++)
		iovnic_pf_free_queue_pair(pf, i);
}

static int iovnic_pf_alloc_queues(struct iovnic_pf *pf)
{
	u16 i;
	int err;

	for (i = 0; i < pf->num_queue_pairs; i++) {
		err = iovnic_pf_alloc_queue_pair(pf, i);
		if (err)
			goto free_allocated;
		WRITE_ONCE(pf->num_q_vectors, i + 1);
	}
	return 0;

free_allocated:
	iovnic_pf_free_queues(pf);
	return err;
}

static u32 iovnic_pf_max_frame(const struct net_device *netdev)
{
	/* the hardware limit counts the FCS and one VLAN tag */
	return netdev->mtu + ETH_HLEN + ETH_FCS_LEN + VLAN_HLEN;
}

/**
 * iovnic_pf_set_rx_ctrl() - program RCTL (minus EN), RLPML and RXCSUM
 * @pf: the PF
 *
 * Follows the MTU and the netdev features; safe to call while running.
 */
void iovnic_pf_set_rx_ctrl(struct iovnic_pf *pf)
{
	struct net_device *netdev = pf->netdev;
	u32 max_frame = iovnic_pf_max_frame(netdev);
	u32 rctl, rxcsum;

	/* MO = 0: the multicast hash is address bits 47:36 (iovnic_mta_hash) */
	rctl = IOVNIC_RCTL_BAM | IOVNIC_RCTL_SECRC | IOVNIC_RCTL_DPF;

	if (iovnic_pf_pool(pf)) {
		rctl |= IOVNIC_RCTL_LPE;
		iovnic_pf_wr32(pf, IOVNIC_RLPML, IOVNIC_MAX_FRAME);
		iovnic_pf_switch_pf_pool_rx(pf, max_frame,
					    netdev->features &
					    NETIF_F_HW_VLAN_CTAG_RX);
	} else {
		if (netdev->mtu > ETH_DATA_LEN)
			rctl |= IOVNIC_RCTL_LPE;
		iovnic_pf_wr32(pf, IOVNIC_RLPML, max_frame);
	}
	iovnic_pf_rmw32(pf, IOVNIC_RCTL,
			IOVNIC_RCTL_LBM | IOVNIC_RCTL_MO | IOVNIC_RCTL_BSIZE |
			IOVNIC_RCTL_BSEX | IOVNIC_RCTL_SBP | IOVNIC_RCTL_RDMTS |
			IOVNIC_RCTL_LPE | IOVNIC_RCTL_CFIEN, rctl);

	/* PCSD: descriptor dword 1 carries the RSS hash, not the IP ID */
	rxcsum = IOVNIC_RXCSUM_PCSD;
	if (netdev->features & NETIF_F_RXCSUM)
		rxcsum |= IOVNIC_RXCSUM_IPOFLD | IOVNIC_RXCSUM_TUOFLD |
			  IOVNIC_RXCSUM_CRCOFL;
	iovnic_pf_wr32(pf, IOVNIC_RXCSUM, rxcsum);

	iovnic_pf_set_vlan_strip(pf, netdev->features & NETIF_F_HW_VLAN_CTAG_RX);
}

static void iovnic_pf_rx_tx_enable(struct iovnic_pf *pf, bool on)
{
	/* RCTL.EN/TCTL.EN gate the VFs too: leave them on while VFs exist */
	if (!on && iovnic_pf_pool(pf))
		return;
	if (!on) {
		iovnic_pf_rmw32(pf, IOVNIC_RCTL, IOVNIC_RCTL_EN, 0);
		iovnic_pf_rmw32(pf, IOVNIC_TCTL, IOVNIC_TCTL_EN, 0);
		return;
	}
	iovnic_pf_rmw32(pf, IOVNIC_RCTL, 0, IOVNIC_RCTL_EN);
	iovnic_pf_rmw32(pf, IOVNIC_TCTL, IOVNIC_TCTL_CT | IOVNIC_TCTL_COLD,
			IOVNIC_TCTL_EN | IOVNIC_TCTL_PSP | IOVNIC_TCTL_RTLC |
			FIELD_PREP(IOVNIC_TCTL_CT, 0x0F) |
			FIELD_PREP(IOVNIC_TCTL_COLD, 0x3F));
}

/**
 * iovnic_pf_up() - start the datapath
 * @pf: the PF (RTNL held)
 *
 * Allocates the rings for the current layout, programs the hardware and
 * unmasks the queue vectors.
 *
 * Return: 0 or -errno; on error everything is undone.
 */
int iovnic_pf_up(struct iovnic_pf *pf)
{
	struct net_device *netdev = pf->netdev;
	int err;

	err = iovnic_pf_alloc_queues(pf);
	if (err)
		return err;

	iovnic_pf_set_rx_ctrl(pf);
	iovnic_pf_rss_configure(pf);
	iovnic_pf_restore_filters(pf);
	iovnic_pf_irq_configure(pf);
	iovnic_qpairs_configure(pf->q_vectors, pf->num_q_vectors);

	err = iovnic_pf_request_queue_irqs(pf);
	if (err)
		goto disable_rings;
	iovnic_qpairs_start(pf->q_vectors, pf->num_q_vectors);

	iovnic_pf_rx_tx_enable(pf, true);
	clear_bit(IOVNIC_PF_DOWN, pf->state);
	iovnic_pf_irq_enable(pf);
	netif_tx_start_all_queues(netdev);

	/* LU may already be set: take the carrier from it now */
	iovnic_pf_link_update(pf);
	mod_delayed_work(system_wq, &pf->service_task, 0);
	return 0;

disable_rings:
	iovnic_qpairs_clean(pf->q_vectors, pf->num_q_vectors);
	iovnic_pf_free_queues(pf);
	return err;
}

/**
 * iovnic_pf_down() - stop the datapath and free the rings
 * @pf: the PF (RTNL held)
 *
 * The "other" interrupt stays live: link and mailbox keep working.
 */
void iovnic_pf_down(struct iovnic_pf *pf)
{
	struct net_device *netdev = pf->netdev;

	if (test_and_set_bit(IOVNIC_PF_DOWN, pf->state))
		return;

	netif_carrier_off(netdev);
	netif_tx_disable(netdev);
	iovnic_pf_rx_tx_enable(pf, false);

	iovnic_pf_queue_irqs_disable(pf);
	iovnic_pf_irq_synchronize(pf);
	iovnic_qpairs_stop(pf->q_vectors, pf->num_q_vectors);
	iovnic_pf_free_queue_irqs(pf);
	iovnic_qpairs_clean(pf->q_vectors, pf->num_q_vectors);
	iovnic_pf_free_queues(pf);
}

int iovnic_pf_open(struct net_device *netdev)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	int err;

	if (iovnic_pf_removed(pf))
		return -EIO;

	netif_carrier_off(netdev);
	err = netif_set_real_num_tx_queues(netdev, pf->num_queue_pairs);
	if (err)
		return err;
	err = netif_set_real_num_rx_queues(netdev, pf->num_queue_pairs);
	if (err)
		return err;
	return iovnic_pf_up(pf);
}

/*
 * The stock PF resets the device when its interface goes down, and its
 * VFs must redo their reset handshake. Ours keeps the device and the VFs'
 * state: VFs only lose their link while the PF is down.
 */
static int iovnic_pf_ndo_open(struct net_device *netdev)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	int err;

	err = iovnic_pf_open(netdev);
	if (err)
		return err;
	/* a reset that failed half-way left the VFs waiting for this */
	if (pf->sriov.resetting)
		iovnic_pf_sriov_reset_done(pf);
	iovnic_pf_sriov_set_pf_down(pf, false);
	return 0;
}

int iovnic_pf_close(struct net_device *netdev)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);

	iovnic_pf_down(pf);
	iovnic_pf_sriov_set_pf_down(pf, true);
	return 0;
}

/**
 * iovnic_pf_reinit_locked() - restart the datapath with the current settings
 * @pf: the PF (RTNL held)
 *
 * For a change that needs new rings but no new layout (the RX hash flag);
 * ethtool -L/-G go through iovnic_pf_reconfigure().
 *
 * Return: 0 or -errno from bringing the netdev back up.
 */
int iovnic_pf_reinit_locked(struct iovnic_pf *pf)
{
	struct net_device *netdev = pf->netdev;

	ASSERT_RTNL();
	if (!netif_running(netdev))
		return 0;
	iovnic_pf_down(pf);
	return iovnic_pf_open(netdev);
}

/**
 * iovnic_pf_reconfigure_queues() - re-layout queues after num_vfs changed
 * @pf: the PF
 *
 * Called by the SR-IOV code with RTNL held, after it updated
 * pf->sriov.num_vfs (before enabling VFs it must first set num_vfs and
 * call this, so no PF ring sits in a VF's pool when the VF appears; after
 * disabling VFs it sets num_vfs = 0 and calls this). The PF moves to pool
 * num_vfs, RAR0 follows it, the queue count and interrupt vectors shrink
 * or grow, and RSS is switched on only without VFs.
 *
 * Return: 0 or -errno from bringing the netdev back up.
 */
int iovnic_pf_reconfigure_queues(struct iovnic_pf *pf)
{
	struct net_device *netdev = pf->netdev;
	bool running = netif_running(netdev);
	int err = 0;

	ASSERT_RTNL();
	if (running)
		iovnic_pf_down(pf);

	pf->num_queue_pairs = iovnic_pf_pick_queue_pairs(pf);
	if (!pf->reta_user_set)
		iovnic_pf_rss_init(pf);
	iovnic_pf_write_rar(pf, 0, netdev->dev_addr, BIT(iovnic_pf_pool(pf)));
	/* re-program EIAC/IVAR_MISC so no bit of a VF stays ours */
	iovnic_pf_irq_configure(pf);
	iovnic_pf_set_rx_ctrl(pf);
	iovnic_pf_rss_configure(pf);

	if (running)
		err = iovnic_pf_open(netdev);
	if (!err) {
		netif_set_real_num_tx_queues(netdev, pf->num_queue_pairs);
		netif_set_real_num_rx_queues(netdev, pf->num_queue_pairs);
	}
	return err;
}

static void iovnic_pf_set_layout(struct iovnic_pf *pf, u16 req_queue_pairs,
				 u32 tx_count, u32 rx_count)
{
	pf->req_queue_pairs = req_queue_pairs;
	pf->num_queue_pairs = iovnic_pf_pick_queue_pairs(pf);
	pf->tx_ring_count = tx_count;
	pf->rx_ring_count = rx_count;
	if (!pf->reta_user_set)
		iovnic_pf_rss_init(pf);
}

/**
 * iovnic_pf_reconfigure() - change queue pairs or ring sizes (ethtool -L/-G)
 * @pf: the PF (RTNL held)
 * @req_queue_pairs: wanted queue pairs (0: one per CPU), range-checked
 * @tx_count: TX descriptors per ring, checked by iovnic_ringparam_check()
 * @rx_count: RX descriptors per ring, likewise
 *
 * Return: 0 or -errno; if the interface cannot come back up with the new
 * settings, the old ones are restored and it is reopened with them.
 */
int iovnic_pf_reconfigure(struct iovnic_pf *pf, u16 req_queue_pairs,
			  u32 tx_count, u32 rx_count)
{
	u16 old_req = pf->req_queue_pairs;
	u32 old_tx = pf->tx_ring_count;
	u32 old_rx = pf->rx_ring_count;
	bool running = netif_running(pf->netdev);
	int err;

	ASSERT_RTNL();
	if (running)
		iovnic_pf_down(pf);
	iovnic_pf_set_layout(pf, req_queue_pairs, tx_count, rx_count);
	if (!running) {
		iovnic_pf_rss_configure(pf);
		return 0;
	}
	err = iovnic_pf_open(pf->netdev);
	if (!err)
		return 0;
	iovnic_pf_set_layout(pf, old_req, old_tx, old_rx);
	if (iovnic_pf_open(pf->netdev))
		netdev_err(pf->netdev, "cannot reopen after a failed change\n");
	return err;
}

static netdev_tx_t iovnic_pf_xmit(struct sk_buff *skb, struct net_device *netdev)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	u16 q = skb_get_queue_mapping(skb);

	if (unlikely(q >= pf->num_queue_pairs || !pf->tx_rings[q])) {
		dev_kfree_skb_any(skb);
		dev_core_stats_tx_dropped_inc(netdev);
		return NETDEV_TX_OK;
	}
	return iovnic_xmit_frame(skb, pf->tx_rings[q]);
}

static int iovnic_pf_set_mac(struct net_device *netdev, void *p)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	struct sockaddr *addr = p;

	if (!is_valid_ether_addr(addr->sa_data))
		return -EADDRNOTAVAIL;
	eth_hw_addr_set(netdev, addr->sa_data);
	iovnic_pf_write_rar(pf, 0, netdev->dev_addr, BIT(iovnic_pf_pool(pf)));
	return 0;
}

static int iovnic_pf_change_mtu(struct net_device *netdev, int new_mtu)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);

	if (pf->xdp_prog && new_mtu > IOVNIC_XDP_MAX_MTU) {
		netdev_warn(netdev, "MTU %d too large for XDP (max %u)\n",
			    new_mtu, IOVNIC_XDP_MAX_MTU);
		return -EINVAL;
	}
	netdev_dbg(netdev, "MTU %u -> %d\n", netdev->mtu, new_mtu);
	WRITE_ONCE(netdev->mtu, new_mtu);
	/* RX buffers chain for long frames: only the size limits change */
	iovnic_pf_set_rx_ctrl(pf);
	return 0;
}

static void iovnic_pf_tx_timeout(struct net_device *netdev, unsigned int txq)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);

	pf->tx_timeout_count++;
	netdev_warn(netdev, "TX queue %u timed out, scheduling reset\n", txq);
	/* devlink health "tx_timeout": its recover is the reset */
	iovnic_pf_devlink_tx_timeout(pf, txq);
}

static int iovnic_pf_set_features(struct net_device *netdev,
				  netdev_features_t features)
{
	netdev_features_t changed = netdev->features ^ features;
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);

	netdev->features = features;
	if (changed & (NETIF_F_RXCSUM | NETIF_F_HW_VLAN_CTAG_RX))
		iovnic_pf_set_rx_ctrl(pf);
	if (changed & NETIF_F_HW_VLAN_CTAG_FILTER)
		iovnic_pf_set_rx_mode(netdev);
	/* the RX hash flag lives in the rings: rebuild them */
	if (changed & NETIF_F_RXHASH)
		return iovnic_pf_reinit_locked(pf);
	return 0;
}

static int iovnic_pf_bpf(struct net_device *netdev, struct netdev_bpf *bpf)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);

	switch (bpf->command) {
	case XDP_SETUP_PROG:
		return iovnic_xdp_setup(netdev, &pf->xdp_prog, pf->rx_rings,
					pf->num_q_vectors, bpf);
	default:
		return -EINVAL;
	}
}

static int iovnic_pf_xdp_xmit(struct net_device *netdev, int n,
			      struct xdp_frame **frames, u32 flags)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);

	if (test_bit(IOVNIC_PF_DOWN, pf->state))
		return -ENETDOWN;
	return iovnic_qpairs_xdp_xmit(pf->q_vectors,
				      READ_ONCE(pf->num_q_vectors), n, frames,
				      flags);
}

static const struct net_device_ops iovnic_pf_netdev_ops = {
	.ndo_open		= iovnic_pf_ndo_open,
	.ndo_stop		= iovnic_pf_close,
	.ndo_start_xmit		= iovnic_pf_xmit,
	.ndo_features_check	= iovnic_features_check,
	.ndo_set_rx_mode	= iovnic_pf_set_rx_mode,
	.ndo_set_mac_address	= iovnic_pf_set_mac,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_change_mtu		= iovnic_pf_change_mtu,
	.ndo_tx_timeout		= iovnic_pf_tx_timeout,
	.ndo_get_stats64	= iovnic_pf_get_stats64,
	.ndo_set_features	= iovnic_pf_set_features,
	.ndo_vlan_rx_add_vid	= iovnic_pf_vlan_rx_add_vid,
	.ndo_vlan_rx_kill_vid	= iovnic_pf_vlan_rx_kill_vid,
	.ndo_bpf		= iovnic_pf_bpf,
	.ndo_xdp_xmit		= iovnic_pf_xdp_xmit,
	.ndo_set_vf_mac		= iovnic_pf_ndo_set_vf_mac,
	.ndo_set_vf_vlan	= iovnic_pf_ndo_set_vf_vlan,
	.ndo_set_vf_spoofchk	= iovnic_pf_ndo_set_vf_spoofchk,
	.ndo_set_vf_trust	= iovnic_pf_ndo_set_vf_trust,
	.ndo_set_vf_link_state	= iovnic_pf_ndo_set_vf_link_state,
	.ndo_set_vf_rate	= iovnic_pf_ndo_set_vf_rate,
	.ndo_get_vf_config	= iovnic_pf_ndo_get_vf_config,
	.ndo_get_vf_stats	= iovnic_pf_ndo_get_vf_stats,
};

static void iovnic_pf_set_netdev_features(struct net_device *netdev)
{
	netdev_features_t csum = NETIF_F_SG | NETIF_F_IP_CSUM |
				 NETIF_F_IPV6_CSUM | NETIF_F_TSO |
				 NETIF_F_TSO6 | NETIF_F_SCTP_CRC;

	netdev->hw_features = csum | NETIF_F_RXCSUM | NETIF_F_RXHASH |
			      NETIF_F_HW_VLAN_CTAG_TX |
			      NETIF_F_HW_VLAN_CTAG_RX |
			      NETIF_F_HW_VLAN_CTAG_FILTER;
	netdev->features = netdev->hw_features | NETIF_F_HIGHDMA;
	netdev->vlan_features = csum | NETIF_F_HIGHDMA;
	netdev->priv_flags |= IFF_UNICAST_FLT;
	iovnic_compat_set_xdp_features(netdev);
}

/**
 * iovnic_pf_netdev_create() - allocate and register the PF's net_device
 * @pf: the PF, with hardware reset and MAC read
 *
 * Return: 0 or -errno.
 */
int iovnic_pf_netdev_create(struct iovnic_pf *pf)
{
	struct net_device *netdev;
	struct iovnic_pf_priv *priv;
	int err;

	netdev = alloc_etherdev_mqs(sizeof(*priv), IOVNIC_PF_MAX_QUEUE_PAIRS,
				    IOVNIC_PF_MAX_QUEUE_PAIRS);
	if (!netdev)
		return -ENOMEM;
	SET_NETDEV_DEV(netdev, &pf->pdev->dev);
	priv = netdev_priv(netdev);
	priv->pf = pf;
	pf->netdev = netdev;

	netdev->netdev_ops = &iovnic_pf_netdev_ops;
	iovnic_pf_set_ethtool_ops(netdev);
	iovnic_pf_set_stat_ops(netdev);
	netdev->watchdog_timeo = 5 * HZ;
	netdev->min_mtu = IOVNIC_MIN_MTU;
	netdev->max_mtu = IOVNIC_MAX_MTU;
	iovnic_pf_set_netdev_features(netdev);
	eth_hw_addr_set(netdev, pf->perm_addr);
	memcpy(netdev->perm_addr, pf->perm_addr, ETH_ALEN);

	pf->num_queue_pairs = iovnic_pf_pick_queue_pairs(pf);
	iovnic_pf_rss_init(pf);
	netif_set_real_num_tx_queues(netdev, pf->num_queue_pairs);
	netif_set_real_num_rx_queues(netdev, pf->num_queue_pairs);
	netif_carrier_off(netdev);

	err = iovnic_pf_devlink_port_create(pf);
	if (err)
		goto free_netdev;
	err = register_netdev(netdev);
	if (err)
		goto destroy_port;
	iovnic_pf_devlink_port_link(pf);
	return 0;

destroy_port:
	iovnic_pf_devlink_port_destroy(pf);
free_netdev:
	pf->netdev = NULL;
	free_netdev(netdev);
	return err;
}

/**
 * iovnic_pf_netdev_destroy() - unregister and free the net_device
 * @pf: the PF
 */
void iovnic_pf_netdev_destroy(struct iovnic_pf *pf)
{
	if (!pf->netdev)
		return;
	iovnic_pf_devlink_port_unlink(pf);
	unregister_netdev(pf->netdev);
	iovnic_pf_devlink_port_destroy(pf);
	free_netdev(pf->netdev);
	pf->netdev = NULL;
}
