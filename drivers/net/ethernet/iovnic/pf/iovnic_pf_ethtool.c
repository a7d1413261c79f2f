// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_pf: ethtool operations of the PF netdev.
 */
#include <linux/bitfield.h>
#include <linux/ethtool.h>
#include <linux/mii.h>
#include <linux/rtnetlink.h>

#include "../lib/iovnic_lib.h"
#include "iovnic_pf.h"

/* 2: flow control registers appended after the EITRs */
#define IOVNIC_PF_REGS_VERSION	2

struct iovnic_pf_stat_desc {
	char name[ETH_GSTRING_LEN];
	enum iovnic_pf_mac_stat stat;
};

/*
 * Only the MAC counters without a standard home: the others are in
 * ndo_get_stats64 or the ethtool groups (Documentation/networking/
 * statistics.rst: no standard counter in ethtool -S).
 */
static const struct iovnic_pf_stat_desc iovnic_pf_hw_stat_descs[] = {
	{ "mac_rx_total_packets", IOVNIC_MAC_TPR },
	{ "mac_rx_no_buffer", IOVNIC_MAC_RNBC },
	{ "mac_tx_total_packets", IOVNIC_MAC_TPT },
	{ "mac_tx_tso", IOVNIC_MAC_TSCTC },
};

static const char iovnic_pf_sw_stat_names[][ETH_GSTRING_LEN] = {
	"tx_timeout_count",
	"reset_count",
};

#define IOVNIC_PF_NUM_HW_STATS	ARRAY_SIZE(iovnic_pf_hw_stat_descs)
#define IOVNIC_PF_NUM_SW_STATS	ARRAY_SIZE(iovnic_pf_sw_stat_names)

/* registers in the -d dump; none of them clears on read */
static const u32 iovnic_pf_dump_regs[] = {
	IOVNIC_CTRL, IOVNIC_STATUS, IOVNIC_EECD, IOVNIC_CTRL_EXT, IOVNIC_VET,
	IOVNIC_IMS, IOVNIC_GPIE, IOVNIC_EIMS, IOVNIC_EIAC,
	IOVNIC_IVAR(0), IOVNIC_IVAR(1), IOVNIC_IVAR(2), IOVNIC_IVAR(3),
	IOVNIC_IVAR(4), IOVNIC_IVAR(5), IOVNIC_IVAR(6), IOVNIC_IVAR(7),
	IOVNIC_IVAR_MISC, IOVNIC_RCTL, IOVNIC_TCTL, IOVNIC_RXPBS, IOVNIC_TXPBS,
	IOVNIC_RXCSUM, IOVNIC_RLPML, IOVNIC_RFCTL, IOVNIC_MRQC, IOVNIC_VT_CTL,
	IOVNIC_DTXSWC, IOVNIC_VFRE, IOVNIC_VFTE, IOVNIC_QDE, IOVNIC_RPLOLR,
};

/* flow control, after the EITRs (pf_pause.sh reads them) */
static const u32 iovnic_pf_dump_fc_regs[] = {
	IOVNIC_FCAL, IOVNIC_FCAH, IOVNIC_FCT, IOVNIC_FCTTV, IOVNIC_FCRTL,
	IOVNIC_FCRTH,
};

/* per-queue registers dumped for each of the 16 queues */
static const u32 iovnic_pf_dump_rxq_regs[] = {
	IOVNIC_RDBAL, IOVNIC_RDBAH, IOVNIC_RDLEN, IOVNIC_SRRCTL, IOVNIC_RDH,
	IOVNIC_RDT, IOVNIC_RXDCTL,
};

static const u32 iovnic_pf_dump_txq_regs[] = {
	IOVNIC_TDBAL, IOVNIC_TDBAH, IOVNIC_TDLEN, IOVNIC_TDH, IOVNIC_TDT,
	IOVNIC_TXDCTL,
};

#define IOVNIC_PF_NUM_DUMP_REGS (ARRAY_SIZE(iovnic_pf_dump_regs) + \
	IOVNIC_MAX_QUEUES * (ARRAY_SIZE(iovnic_pf_dump_rxq_regs) + \
			     ARRAY_SIZE(iovnic_pf_dump_txq_regs)) + \
	IOVNIC_PF_MSIX_VECTORS + ARRAY_SIZE(iovnic_pf_dump_fc_regs))

static void iovnic_pf_get_drvinfo(struct net_device *netdev,
				  struct ethtool_drvinfo *info)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	u16 ver;

	strscpy(info->driver, IOVNIC_PF_DRV_NAME, sizeof(info->driver));
	strscpy(info->bus_info, pci_name(pf->pdev), sizeof(info->bus_info));
	if (!iovnic_pf_nvm_read(pf, 0x05, &ver))
		snprintf(info->fw_version, sizeof(info->fw_version), "%u.%u",
			 ver >> 12, (ver >> 4) & 0xff);
}

static int iovnic_pf_get_regs_len(struct net_device *netdev)
{
	return IOVNIC_PF_NUM_DUMP_REGS * sizeof(u32);
}

static void iovnic_pf_get_regs(struct net_device *netdev,
			       struct ethtool_regs *regs, void *p)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	u32 *buf = p;
	unsigned int i, q, n = 0;

	regs->version = IOVNIC_PF_REGS_VERSION << 24 | pf->pdev->device;
	for (i = 0; i < ARRAY_SIZE(iovnic_pf_dump_regs); i++)
		buf[n++] = iovnic_pf_rd32(pf, iovnic_pf_dump_regs[i]);
	for (q = 0; q < IOVNIC_MAX_QUEUES; q++) {
		for (i = 0; i < ARRAY_SIZE(iovnic_pf_dump_rxq_regs); i++)
			buf[n++] = iovnic_pf_rd32(pf, IOVNIC_PF_RXQ_BASE(q) +
						  iovnic_pf_dump_rxq_regs[i]);
		for (i = 0; i < ARRAY_SIZE(iovnic_pf_dump_txq_regs); i++)
			buf[n++] = iovnic_pf_rd32(pf, IOVNIC_PF_TXQ_BASE(q) +
						  iovnic_pf_dump_txq_regs[i]);
	}
	for (i = 0; i < IOVNIC_PF_MSIX_VECTORS; i++)
		buf[n++] = iovnic_pf_rd32(pf, IOVNIC_EITR(i));
	for (i = 0; i < ARRAY_SIZE(iovnic_pf_dump_fc_regs); i++)
		buf[n++] = iovnic_pf_rd32(pf, iovnic_pf_dump_fc_regs[i]);
}

static int iovnic_pf_get_link_ksettings(struct net_device *netdev,
					struct ethtool_link_ksettings *ks)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	u16 bmcr = 0, anar = 0, ctrl1000 = 0, lpa = 0, stat1000 = 0;

	ethtool_link_ksettings_zero_link_mode(ks, supported);
	linkmode_set_bit(ETHTOOL_LINK_MODE_10baseT_Half_BIT, ks->link_modes.supported);
	linkmode_set_bit(ETHTOOL_LINK_MODE_10baseT_Full_BIT, ks->link_modes.supported);
	linkmode_set_bit(ETHTOOL_LINK_MODE_100baseT_Half_BIT, ks->link_modes.supported);
	linkmode_set_bit(ETHTOOL_LINK_MODE_100baseT_Full_BIT, ks->link_modes.supported);
	linkmode_set_bit(ETHTOOL_LINK_MODE_1000baseT_Full_BIT, ks->link_modes.supported);
	linkmode_set_bit(ETHTOOL_LINK_MODE_Autoneg_BIT, ks->link_modes.supported);
	linkmode_set_bit(ETHTOOL_LINK_MODE_TP_BIT, ks->link_modes.supported);
	linkmode_set_bit(ETHTOOL_LINK_MODE_Pause_BIT, ks->link_modes.supported);
	linkmode_set_bit(ETHTOOL_LINK_MODE_Asym_Pause_BIT, ks->link_modes.supported);

	/* a PHY that does not answer leaves the fields empty */
	iovnic_pf_phy_read(pf, IOVNIC_PHY_BMCR, &bmcr);
	iovnic_pf_phy_read(pf, IOVNIC_PHY_ANAR, &anar);
	iovnic_pf_phy_read(pf, IOVNIC_PHY_1000T_CTRL, &ctrl1000);
	iovnic_pf_phy_read(pf, IOVNIC_PHY_ANLPAR, &lpa);
	iovnic_pf_phy_read(pf, IOVNIC_PHY_1000T_STATUS, &stat1000);

	ethtool_link_ksettings_zero_link_mode(ks, advertising);
	mii_adv_to_linkmode_adv_t(ks->link_modes.advertising, anar);
	mii_ctrl1000_mod_linkmode_adv_t(ks->link_modes.advertising, ctrl1000);
	linkmode_set_bit(ETHTOOL_LINK_MODE_TP_BIT, ks->link_modes.advertising);
	if (bmcr & BMCR_ANENABLE) {
		linkmode_set_bit(ETHTOOL_LINK_MODE_Autoneg_BIT, ks->link_modes.advertising);
		if (pf->link_up) {
			mii_lpa_to_linkmode_lpa_t(ks->link_modes.lp_advertising,
						  lpa);
			mii_stat1000_mod_linkmode_lpa_t(ks->link_modes.lp_advertising,
							stat1000);
		}
	}

	ks->base.autoneg = (bmcr & BMCR_ANENABLE) ? AUTONEG_ENABLE :
						    AUTONEG_DISABLE;
	ks->base.port = PORT_TP;
	ks->base.phy_address = IOVNIC_PHY_ADDR;
	ks->base.mdio_support = ETH_MDIO_SUPPORTS_C22;
	if (netif_carrier_ok(netdev)) {
		ks->base.speed = pf->link_speed;
		ks->base.duplex = pf->link_duplex;
	} else {
		ks->base.speed = SPEED_UNKNOWN;
		ks->base.duplex = DUPLEX_UNKNOWN;
	}
	return 0;
}

/* Restarting autonegotiation drops the link at once, but not every PHY
 * model raises LSC for the drop: look at STATUS right away.
 */
static int iovnic_pf_restart_an_and_check(struct iovnic_pf *pf)
{
	int err = iovnic_pf_fc_restart_an(pf);

	if (!err)
		mod_delayed_work(system_wq, &pf->service_task, 0);
	return err;
}

static int iovnic_pf_set_link_ksettings(struct net_device *netdev,
					const struct ethtool_link_ksettings *ks)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	__ETHTOOL_DECLARE_LINK_MODE_MASK(adv);
	u16 anar, ctrl1000;
	int err;

	if (ks->base.autoneg == AUTONEG_DISABLE &&
	    (ks->base.speed != SPEED_1000 || ks->base.duplex != DUPLEX_FULL)) {
		if ((ks->base.speed != SPEED_10 && ks->base.speed != SPEED_100) ||
		    (ks->base.duplex != DUPLEX_FULL &&
		     ks->base.duplex != DUPLEX_HALF)) {
			netdev_err(netdev,
				   "forced mode: 10/100 half/full or 1000/full\n");
			return -EINVAL;
		}
		pf->autoneg = false;
		return iovnic_pf_hw_force_speed(pf, ks->base.speed,
						ks->base.duplex);
	}

	if (ks->base.autoneg == AUTONEG_DISABLE) {
		/* 1000BASE-T cannot be forced (IEEE 802.3 clause 40 makes
		 * autonegotiation part of the PHY): a user forcing 1000/Full
		 * wants a link at exactly that, so advertise only that.
		 */
		linkmode_zero(adv);
		linkmode_set_bit(ETHTOOL_LINK_MODE_1000baseT_Full_BIT, adv);
	} else {
		linkmode_copy(adv, ks->link_modes.advertising);
	}
	err = iovnic_pf_phy_read(pf, IOVNIC_PHY_ANAR, &anar);
	if (!err)
		err = iovnic_pf_phy_read(pf, IOVNIC_PHY_1000T_CTRL, &ctrl1000);
	if (err)
		return err;
	anar &= ~ADVERTISE_ALL;
	anar |= linkmode_adv_to_mii_adv_t(adv) & ADVERTISE_ALL;
	ctrl1000 &= ~(ADVERTISE_1000FULL | ADVERTISE_1000HALF);
	ctrl1000 |= linkmode_adv_to_mii_ctrl1000_t(adv) & ADVERTISE_1000FULL;
	if (!(anar & ADVERTISE_ALL) && !(ctrl1000 & ADVERTISE_1000FULL))
		return -EINVAL;

	err = iovnic_pf_phy_write(pf, IOVNIC_PHY_ANAR, anar);
	if (!err)
		err = iovnic_pf_phy_write(pf, IOVNIC_PHY_1000T_CTRL, ctrl1000);
	if (err)
		return err;
	iovnic_pf_hw_unforce_speed(pf);
	pf->autoneg = true;
	return iovnic_pf_restart_an_and_check(pf);
}

static int iovnic_pf_nway_reset(struct net_device *netdev)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);

	if (!pf->autoneg)
		return -EINVAL;
	return iovnic_pf_restart_an_and_check(pf);
}

static void iovnic_pf_get_ringparam(struct net_device *netdev,
				    struct ethtool_ringparam *ring,
				    struct kernel_ethtool_ringparam *kring,
				    struct netlink_ext_ack *extack)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);

	iovnic_ringparam_get(ring, pf->tx_ring_count, pf->rx_ring_count);
}

static int iovnic_pf_set_ringparam(struct net_device *netdev,
				   struct ethtool_ringparam *ring,
				   struct kernel_ethtool_ringparam *kring,
				   struct netlink_ext_ack *extack)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	int err;

	err = iovnic_ringparam_check(ring, extack);
	if (err)
		return err;
	if (ring->rx_pending == pf->rx_ring_count &&
	    ring->tx_pending == pf->tx_ring_count)
		return 0;
	return iovnic_pf_reconfigure(pf, pf->req_queue_pairs,
				     ring->tx_pending, ring->rx_pending);
}

static void iovnic_pf_get_channels(struct net_device *netdev,
				   struct ethtool_channels *ch)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	u32 other = pf->irq_mode == IOVNIC_PF_IRQ_MSIX ? 1 : 0;

	ch->max_combined = iovnic_pf_max_queue_pairs(pf);
	ch->combined_count = pf->num_queue_pairs;
	ch->max_other = other;
	ch->other_count = other;
}

static int iovnic_pf_set_channels(struct net_device *netdev,
				  struct ethtool_channels *ch)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	u32 other = pf->irq_mode == IOVNIC_PF_IRQ_MSIX ? 1 : 0;

	if (ch->rx_count || ch->tx_count || ch->other_count != other)
		return -EINVAL;
	if (!ch->combined_count ||
	    ch->combined_count > iovnic_pf_max_queue_pairs(pf))
		return -EINVAL;
	if (ch->combined_count == pf->num_queue_pairs)
		return 0;
	return iovnic_pf_reconfigure(pf, ch->combined_count,
				     pf->tx_ring_count, pf->rx_ring_count);
}

static int iovnic_pf_get_coalesce(struct net_device *netdev,
				  struct ethtool_coalesce *ec,
				  struct kernel_ethtool_coalesce *kec,
				  struct netlink_ext_ack *extack)
{
	iovnic_coalesce_get(&iovnic_pf_from_netdev(netdev)->coal, ec);
	return 0;
}

static int iovnic_pf_set_coalesce(struct net_device *netdev,
				  struct ethtool_coalesce *ec,
				  struct kernel_ethtool_coalesce *kec,
				  struct netlink_ext_ack *extack)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	int err;

	err = iovnic_coalesce_set(&pf->coal, ec, extack);
	if (err)
		return err;
	iovnic_pf_write_itr(pf);
	return 0;
}

static u32 iovnic_pf_get_rxfh_key_size(struct net_device *netdev)
{
	return IOVNIC_RSS_KEY_BYTES;
}

static u32 iovnic_pf_get_rxfh_indir_size(struct net_device *netdev)
{
	return IOVNIC_RETA_ENTRIES;
}

static int iovnic_pf_get_rxnfc(struct net_device *netdev,
			       struct ethtool_rxnfc *cmd, u32 *rule_locs)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);

	switch (cmd->cmd) {
	case ETHTOOL_GRXRINGS:
		cmd->data = pf->num_queue_pairs;
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

static void iovnic_pf_rxfh_get(struct iovnic_pf *pf, u32 *indir, u8 *key)
{
	int i;

	if (indir)
		for (i = 0; i < IOVNIC_RETA_ENTRIES; i++)
			indir[i] = pf->reta[i];
	if (key)
		memcpy(key, pf->rss_key, IOVNIC_RSS_KEY_BYTES);
}

static int iovnic_pf_rxfh_set(struct iovnic_pf *pf, const u32 *indir,
			      const u8 *key, u8 hfunc)
{
	int i;

	if (hfunc != ETH_RSS_HASH_NO_CHANGE && hfunc != ETH_RSS_HASH_TOP)
		return -EOPNOTSUPP;
	/* QEMU (and our VMDq setup) run no RSS while VFs exist */
	if (iovnic_pf_pool(pf) && (indir || key))
		return -EOPNOTSUPP;

	if (indir) {
		for (i = 0; i < IOVNIC_RETA_ENTRIES; i++) {
			if (indir[i] >= pf->num_queue_pairs)
				return -EINVAL;
		}
		for (i = 0; i < IOVNIC_RETA_ENTRIES; i++)
			pf->reta[i] = indir[i];
		pf->reta_user_set = true;
		iovnic_pf_rss_write_reta(pf);
	}
	if (key) {
		memcpy(pf->rss_key, key, IOVNIC_RSS_KEY_BYTES);
		iovnic_pf_rss_write_key(pf);
	}
	return 0;
}

#if IOVNIC_HAVE_RXFH_PARAM
static int iovnic_pf_get_rxfh(struct net_device *netdev,
			      struct ethtool_rxfh_param *rxfh)
{
	rxfh->hfunc = ETH_RSS_HASH_TOP;
	iovnic_pf_rxfh_get(iovnic_pf_from_netdev(netdev), rxfh->indir,
			   rxfh->key);
	return 0;
}

static int iovnic_pf_set_rxfh(struct net_device *netdev,
			      struct ethtool_rxfh_param *rxfh,
			      struct netlink_ext_ack *extack)
{
	return iovnic_pf_rxfh_set(iovnic_pf_from_netdev(netdev), rxfh->indir,
				  rxfh->key, rxfh->hfunc);
}
#else
static int iovnic_pf_get_rxfh(struct net_device *netdev, u32 *indir, u8 *key,
			      u8 *hfunc)
{
	if (hfunc)
		*hfunc = ETH_RSS_HASH_TOP;
	iovnic_pf_rxfh_get(iovnic_pf_from_netdev(netdev), indir, key);
	return 0;
}

static int iovnic_pf_set_rxfh(struct net_device *netdev, const u32 *indir,
			      const u8 *key, const u8 hfunc)
{
	return iovnic_pf_rxfh_set(iovnic_pf_from_netdev(netdev), indir, key,
				  hfunc);
}
#endif

static int iovnic_pf_get_sset_count(struct net_device *netdev, int sset)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);

	if (sset != ETH_SS_STATS)
		return -EOPNOTSUPP;
	return IOVNIC_PF_NUM_HW_STATS + IOVNIC_PF_NUM_SW_STATS +
	       pf->num_queue_pairs * (iovnic_ring_ethtool_count(false) +
				      iovnic_ring_ethtool_count(true)) +
	       iovnic_pf_sriov_get_sset_count(pf);
}

static void iovnic_pf_get_strings(struct net_device *netdev, u32 sset, u8 *data)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	unsigned int i;

	if (sset != ETH_SS_STATS)
		return;
	for (i = 0; i < IOVNIC_PF_NUM_HW_STATS; i++)
		ethtool_puts(&data, iovnic_pf_hw_stat_descs[i].name);
	for (i = 0; i < IOVNIC_PF_NUM_SW_STATS; i++)
		ethtool_puts(&data, iovnic_pf_sw_stat_names[i]);
	for (i = 0; i < pf->num_queue_pairs; i++) {
		iovnic_ring_ethtool_strings(false, i, &data);
		iovnic_ring_ethtool_strings(true, i, &data);
	}
	iovnic_pf_sriov_get_strings(pf, &data);
}

static void iovnic_pf_get_ethtool_stats(struct net_device *netdev,
					struct ethtool_stats *stats, u64 *data)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	u64 mac[IOVNIC_PF_MAC_NSTATS];
	unsigned int i;

	iovnic_pf_read_mac_stats(pf, mac);
	for (i = 0; i < IOVNIC_PF_NUM_HW_STATS; i++)
		*data++ = mac[iovnic_pf_hw_stat_descs[i].stat];
	*data++ = pf->tx_timeout_count;
	*data++ = pf->reset_count;

	/* RTNL (held by ethtool) keeps the rings and closed_stats still */
	for (i = 0; i < pf->num_queue_pairs; i++) {
		bool have = i < pf->num_q_vectors;

		iovnic_ring_ethtool_stats(&pf->closed_stats, i,
					  have ? pf->tx_rings[i] : NULL, false,
					  &data);
		iovnic_ring_ethtool_stats(&pf->closed_stats, i,
					  have ? pf->rx_rings[i] : NULL, true,
					  &data);
	}
	iovnic_pf_sriov_get_stats(pf, &data);
}

/* CTRL.RST resets all of these at once; nothing smaller is possible */
#define IOVNIC_PF_RESET_COMPONENTS	(ETH_RESET_DMA | ETH_RESET_FILTER | \
					 ETH_RESET_OFFLOAD | ETH_RESET_MAC | \
					 ETH_RESET_PHY | ETH_RESET_IRQ)

static int iovnic_pf_reset(struct net_device *netdev, u32 *flags)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);

	if ((*flags & IOVNIC_PF_RESET_COMPONENTS) != IOVNIC_PF_RESET_COMPONENTS)
		return -EOPNOTSUPP;
	iovnic_pf_reset_hw_locked(pf);
	*flags &= ~IOVNIC_PF_RESET_COMPONENTS;
	return 0;
}

static const struct ethtool_ops iovnic_pf_ethtool_ops = {
	.supported_coalesce_params = ETHTOOL_COALESCE_USECS |
				     ETHTOOL_COALESCE_USE_ADAPTIVE,
	.get_drvinfo		= iovnic_pf_get_drvinfo,
	.get_regs_len		= iovnic_pf_get_regs_len,
	.get_regs		= iovnic_pf_get_regs,
	.get_link		= ethtool_op_get_link,
	.get_link_ksettings	= iovnic_pf_get_link_ksettings,
	.set_link_ksettings	= iovnic_pf_set_link_ksettings,
	.nway_reset		= iovnic_pf_nway_reset,
	.get_ringparam		= iovnic_pf_get_ringparam,
	.set_ringparam		= iovnic_pf_set_ringparam,
	.get_channels		= iovnic_pf_get_channels,
	.set_channels		= iovnic_pf_set_channels,
	.get_coalesce		= iovnic_pf_get_coalesce,
	.set_coalesce		= iovnic_pf_set_coalesce,
	.get_rxnfc		= iovnic_pf_get_rxnfc,
	.get_rxfh_key_size	= iovnic_pf_get_rxfh_key_size,
	.get_rxfh_indir_size	= iovnic_pf_get_rxfh_indir_size,
	.get_rxfh		= iovnic_pf_get_rxfh,
	.set_rxfh		= iovnic_pf_set_rxfh,
	.get_sset_count		= iovnic_pf_get_sset_count,
	.get_strings		= iovnic_pf_get_strings,
	.get_ethtool_stats	= iovnic_pf_get_ethtool_stats,
	.get_eth_mac_stats	= iovnic_pf_get_eth_mac_stats,
	.get_eth_ctrl_stats	= iovnic_pf_get_eth_ctrl_stats,
	.get_rmon_stats		= iovnic_pf_get_rmon_stats,
	.get_pause_stats	= iovnic_pf_get_pause_stats,
	.get_pauseparam		= iovnic_pf_get_pauseparam,
	.set_pauseparam		= iovnic_pf_set_pauseparam,
	.get_ts_info		= ethtool_op_get_ts_info,
	.reset			= iovnic_pf_reset,
};

void iovnic_pf_set_ethtool_ops(struct net_device *netdev)
{
	netdev->ethtool_ops = &iovnic_pf_ethtool_ops;
}
