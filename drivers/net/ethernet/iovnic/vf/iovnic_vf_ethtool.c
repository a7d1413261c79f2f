// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_vf ethtool: driver info, statistics (mailbox and per-VF hardware
 * counters, per-queue rows; the negotiated state is in debugfs), channels,
 * RSS, rings and interrupt moderation.
 */
#include <linux/bitfield.h>
#include <linux/ethtool.h>
#include <linux/linkmode.h>
#include <linux/rtnetlink.h>

#include "iovnic_vf.h"

#define IOVNIC_VF_MBX_STAT(n, f) \
	{ n, offsetof(struct iovnic_vf, mbx.stats.f) }
#define IOVNIC_VF_HW_STAT(n, i) \
	{ n, offsetof(struct iovnic_vf, hw_stats.c[i].value) }

static const struct iovnic_stat_desc iovnic_vf_stats[] = {
	IOVNIC_VF_HW_STAT("vf_rx_packets", IOVNIC_POOL_RX_PACKETS),
	IOVNIC_VF_HW_STAT("vf_tx_packets", IOVNIC_POOL_TX_PACKETS),
	IOVNIC_VF_HW_STAT("vf_rx_bytes", IOVNIC_POOL_RX_BYTES),
	IOVNIC_VF_HW_STAT("vf_tx_bytes", IOVNIC_POOL_TX_BYTES),
	IOVNIC_VF_HW_STAT("vf_rx_multicast", IOVNIC_POOL_RX_MULTICAST),
	IOVNIC_VF_MBX_STAT("mbx_tx", tx),
	IOVNIC_VF_MBX_STAT("mbx_rx", rx),
	IOVNIC_VF_MBX_STAT("mbx_nack", nacks),
	IOVNIC_VF_MBX_STAT("mbx_timeout", timeouts),
	IOVNIC_VF_MBX_STAT("mbx_lock_busy", lock_busy),
	IOVNIC_VF_MBX_STAT("mbx_bad_reply", bad_reply),
	IOVNIC_VF_MBX_STAT("mbx_pf_msgs", pings),
	IOVNIC_VF_MBX_STAT("mbx_pf_resets_seen", pf_resets),
	IOVNIC_VF_MBX_STAT("mbx_reset_handshakes", resets),
	IOVNIC_VF_MBX_STAT("mbx_events", events),
	IOVNIC_VF_MBX_STAT("mbx_events_unknown", events_unknown),
	{ "vf_resets", offsetof(struct iovnic_vf, reset_count) },
};

static void iovnic_vf_get_drvinfo(struct net_device *netdev,
				  struct ethtool_drvinfo *info)
{
	struct iovnic_vf *vf = netdev_priv(netdev);

	strscpy(info->driver, IOVNIC_VF_DRV_NAME, sizeof(info->driver));
	strscpy(info->bus_info, pci_name(vf->pdev), sizeof(info->bus_info));
}

static unsigned int iovnic_vf_queue_stat_count(struct iovnic_vf *vf)
{
	return vf->num_qpairs * (iovnic_ring_ethtool_count(false) +
				 iovnic_ring_ethtool_count(true));
}

static int iovnic_vf_get_sset_count(struct net_device *netdev, int sset)
{
	if (sset != ETH_SS_STATS)
		return -EOPNOTSUPP;
	return ARRAY_SIZE(iovnic_vf_stats) +
	       iovnic_vf_queue_stat_count(netdev_priv(netdev));
}

static void iovnic_vf_get_strings(struct net_device *netdev, u32 sset,
				  u8 *data)
{
	struct iovnic_vf *vf = netdev_priv(netdev);
	unsigned int i, q;

	if (sset != ETH_SS_STATS)
		return;
	for (i = 0; i < ARRAY_SIZE(iovnic_vf_stats); i++)
		ethtool_puts(&data, iovnic_vf_stats[i].name);
	for (q = 0; q < vf->num_qpairs; q++) {
		iovnic_ring_ethtool_strings(false, q, &data);
		iovnic_ring_ethtool_strings(true, q, &data);
	}
}

static void iovnic_vf_get_ethtool_stats(struct net_device *netdev,
					struct ethtool_stats *estats,
					u64 *data)
{
	struct iovnic_vf *vf = netdev_priv(netdev);
	struct iovnic_vf_qpair *qp;
	unsigned int i, q;

	iovnic_vf_update_hw_stats(vf);
	spin_lock_bh(&vf->stats_lock);
	for (i = 0; i < ARRAY_SIZE(iovnic_vf_stats); i++)
		*data++ = *(u64 *)((u8 *)vf + iovnic_vf_stats[i].offset);
	spin_unlock_bh(&vf->stats_lock);

	/* rings and closed_stats change only under RTNL, which ethtool holds */
	for (q = 0; q < vf->num_qpairs; q++) {
		qp = vf->qp[q];
		iovnic_ring_ethtool_stats(&vf->closed_stats, q,
					  qp ? &qp->tx : NULL, false, &data);
		iovnic_ring_ethtool_stats(&vf->closed_stats, q,
					  qp ? &qp->rx : NULL, true, &data);
	}
}

static void iovnic_vf_get_channels(struct net_device *netdev,
				   struct ethtool_channels *ch)
{
	struct iovnic_vf *vf = netdev_priv(netdev);

	ch->max_combined = vf->max_qpairs;
	ch->combined_count = vf->num_qpairs;
	ch->max_other = 1;	/* the mailbox vector */
	ch->other_count = 1;
}

/*
 * The reset task drops RTNL while it talks to the PF, with the rings
 * down: rings opened under it would run on queues its CTRL.RST clears,
 * with a queue count the PF's answer may still change. RTNL held.
 */
static bool iovnic_vf_resetting(struct iovnic_vf *vf)
{
	return test_bit(IOVNIC_VF_S_RESETTING, &vf->state);
}

static int iovnic_vf_set_channels(struct net_device *netdev,
				  struct ethtool_channels *ch)
{
	struct iovnic_vf *vf = netdev_priv(netdev);

	if (!ch->combined_count || ch->rx_count || ch->tx_count ||
	    ch->combined_count > vf->max_qpairs || ch->other_count != 1)
		return -EINVAL;
	if (ch->combined_count == vf->num_qpairs)
		return 0;
	if (iovnic_vf_resetting(vf)) {
		/* ethtool_ops.set_channels carries no extack */
		netdev_info(netdev, "VF reset in progress, channels unchanged: try again\n");
		return -EBUSY;
	}
	return iovnic_vf_reconfigure(vf, ch->combined_count,
				     vf->tx_ring_count, vf->rx_ring_count);
}

static int iovnic_vf_get_rxnfc(struct net_device *netdev,
			       struct ethtool_rxnfc *cmd, u32 *rule_locs)
{
	struct iovnic_vf *vf = netdev_priv(netdev);

	if (cmd->cmd != ETHTOOL_GRXRINGS)
		return -EOPNOTSUPP;
	cmd->data = vf->num_qpairs;
	return 0;
}

/*
 * The PF owns the redirection table and key of the port; a VF only learns
 * whether its pool spreads RX over its pairs (GET_QUEUES), and reports
 * just that: Toeplitz on, table and key not visible from here.
 */
static int iovnic_vf_rss_hfunc(struct iovnic_vf *vf, u8 *hfunc)
{
	if (!vf->ext.rss)
		return -EOPNOTSUPP;
	if (hfunc)
		*hfunc = ETH_RSS_HASH_TOP;
	return 0;
}

#if IOVNIC_HAVE_RXFH_PARAM
static int iovnic_vf_get_rxfh(struct net_device *netdev,
			      struct ethtool_rxfh_param *rxfh)
{
	return iovnic_vf_rss_hfunc(netdev_priv(netdev), &rxfh->hfunc);
}
#else
static int iovnic_vf_get_rxfh(struct net_device *netdev, u32 *indir, u8 *key,
			      u8 *hfunc)
{
	return iovnic_vf_rss_hfunc(netdev_priv(netdev), hfunc);
}
#endif

static void iovnic_vf_get_ringparam(struct net_device *netdev,
				    struct ethtool_ringparam *ring,
				    struct kernel_ethtool_ringparam *kring,
				    struct netlink_ext_ack *extack)
{
	struct iovnic_vf *vf = netdev_priv(netdev);

	iovnic_ringparam_get(ring, vf->tx_ring_count, vf->rx_ring_count);
}

static int iovnic_vf_set_ringparam(struct net_device *netdev,
				   struct ethtool_ringparam *ring,
				   struct kernel_ethtool_ringparam *kring,
				   struct netlink_ext_ack *extack)
{
	struct iovnic_vf *vf = netdev_priv(netdev);
	int err;

	err = iovnic_ringparam_check(ring, extack);
	if (err)
		return err;
	if (ring->tx_pending == vf->tx_ring_count &&
	    ring->rx_pending == vf->rx_ring_count)
		return 0;
	if (iovnic_vf_resetting(vf)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "VF reset in progress, rings unchanged: try again");
		return -EBUSY;
	}
	return iovnic_vf_reconfigure(vf, vf->num_qpairs, ring->tx_pending,
				     ring->rx_pending);
}

static int iovnic_vf_get_coalesce(struct net_device *netdev,
				  struct ethtool_coalesce *ec,
				  struct kernel_ethtool_coalesce *kec,
				  struct netlink_ext_ack *extack)
{
	struct iovnic_vf *vf = netdev_priv(netdev);

	iovnic_coalesce_get(&vf->coal, ec);
	return 0;
}

static int iovnic_vf_set_coalesce(struct net_device *netdev,
				  struct ethtool_coalesce *ec,
				  struct kernel_ethtool_coalesce *kec,
				  struct netlink_ext_ack *extack)
{
	struct iovnic_vf *vf = netdev_priv(netdev);
	unsigned int q;
	int err;

	err = iovnic_coalesce_set(&vf->coal, ec, extack);
	if (err)
		return err;
	for (q = 0; q < vf->num_qpairs; q++)
		if (vf->q_vectors[q])
			iovnic_q_vector_set_coalesce(vf->q_vectors[q],
						     &vf->coal);
	return 0;
}

/*
 * Read-only, as for igbvf: the PF owns the port. Speed and duplex are the
 * PF's (STATUS is mirrored into the VF's window) while we have a link.
 */
static int iovnic_vf_get_link_ksettings(struct net_device *netdev,
					struct ethtool_link_ksettings *cmd)
{
	struct iovnic_vf *vf = netdev_priv(netdev);
	u32 status = iovnic_vf_rd32(vf, IOVNIC_VF_STATUS);

	linkmode_zero(cmd->link_modes.supported);
	linkmode_set_bit(ETHTOOL_LINK_MODE_1000baseT_Full_BIT,
			 cmd->link_modes.supported);
	linkmode_copy(cmd->link_modes.advertising, cmd->link_modes.supported);
	cmd->base.port = PORT_OTHER;
	cmd->base.autoneg = AUTONEG_DISABLE;
	cmd->base.speed = SPEED_UNKNOWN;
	cmd->base.duplex = DUPLEX_UNKNOWN;
	if (!netif_carrier_ok(netdev) || status == ~0U ||
	    !(status & IOVNIC_STATUS_LU))
		return 0;
	switch (FIELD_GET(IOVNIC_STATUS_SPEED, status)) {
	case IOVNIC_STATUS_SPEED_1000:
		cmd->base.speed = SPEED_1000;
		break;
	case IOVNIC_STATUS_SPEED_100:
		cmd->base.speed = SPEED_100;
		break;
	default:
		cmd->base.speed = SPEED_10;
		break;
	}
	cmd->base.duplex = status & IOVNIC_STATUS_FD ? DUPLEX_FULL :
						       DUPLEX_HALF;
	return 0;
}

/* A VF has no PHY: the ethtool core calls this only for a request that
 * differs from what get_link_ksettings reports, and none can be honoured.
 */
static int iovnic_vf_set_link_ksettings(struct net_device *netdev,
					const struct ethtool_link_ksettings *cmd)
{
	netdev_info(netdev, "link settings are the PF's; a VF cannot change them\n");
	return -EOPNOTSUPP;
}

static const struct ethtool_ops iovnic_vf_ethtool_ops = {
	.supported_coalesce_params = ETHTOOL_COALESCE_USECS |
				     ETHTOOL_COALESCE_USE_ADAPTIVE,
	.get_drvinfo		= iovnic_vf_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_link_ksettings	= iovnic_vf_get_link_ksettings,
	.set_link_ksettings	= iovnic_vf_set_link_ksettings,
	.get_sset_count		= iovnic_vf_get_sset_count,
	.get_strings		= iovnic_vf_get_strings,
	.get_ethtool_stats	= iovnic_vf_get_ethtool_stats,
	.get_channels		= iovnic_vf_get_channels,
	.set_channels		= iovnic_vf_set_channels,
	.get_rxnfc		= iovnic_vf_get_rxnfc,
	.get_rxfh		= iovnic_vf_get_rxfh,
	.get_ringparam		= iovnic_vf_get_ringparam,
	.set_ringparam		= iovnic_vf_set_ringparam,
	.get_coalesce		= iovnic_vf_get_coalesce,
	.set_coalesce		= iovnic_vf_set_coalesce,
};

void iovnic_vf_set_ethtool_ops(struct net_device *netdev)
{
	netdev->ethtool_ops = &iovnic_vf_ethtool_ops;
}
