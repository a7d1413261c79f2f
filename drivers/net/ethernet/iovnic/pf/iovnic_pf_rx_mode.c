// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_pf: receive filters of the PF netdev — unicast RAR entries, the
 * multicast hash, promiscuous modes, the VLAN filter and VLAN stripping.
 *
 * MTA, VFTA and VLVF are shared with the VFs, so the PF hands its part to
 * the switch code (iovnic_pf_switch_*), which merges the VFs' entries.
 */
#include <linux/etherdevice.h>

#include <iovnic/mbx.h>

#include "iovnic_pf.h"

/* Returns false if the list did not fit and the port must go promiscuous. */
static bool iovnic_pf_write_uc_list(struct iovnic_pf *pf)
{
	struct net_device *netdev = pf->netdev;
	u32 pool = BIT(iovnic_pf_pool(pf));
	struct netdev_hw_addr *ha;
	u32 idx = IOVNIC_PF_RAR_UC_FIRST;

	if (netdev_uc_count(netdev) >
	    IOVNIC_PF_RAR_UC_LAST - IOVNIC_PF_RAR_UC_FIRST + 1)
		return false;

	netdev_for_each_uc_addr(ha, netdev)
		iovnic_pf_write_rar(pf, idx++, ha->addr, pool);
	for (; idx <= IOVNIC_PF_RAR_UC_LAST; idx++)
		iovnic_pf_clear_rar(pf, idx);
	return true;
}

static void iovnic_pf_write_mc_list(struct iovnic_pf *pf)
{
	struct netdev_hw_addr *ha;

	bitmap_zero(pf->rx_mode_mta, IOVNIC_MTA_REGS * 32);
	netdev_for_each_mc_addr(ha, pf->netdev)
		__set_bit(iovnic_mta_hash(ha->addr), pf->rx_mode_mta);
	iovnic_pf_switch_write_mta(pf, pf->rx_mode_mta);
}

/**
 * iovnic_pf_set_rx_mode() - ndo_set_rx_mode
 * @netdev: the PF netdev
 *
 * Called with the netdev address lock held and BHs off.
 */
void iovnic_pf_set_rx_mode(struct net_device *netdev)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	bool uc_promisc, mc_promisc;
	u32 rctl;

	if (iovnic_pf_removed(pf))
		return;

	uc_promisc = netdev->flags & IFF_PROMISC;
	mc_promisc = netdev->flags & (IFF_PROMISC | IFF_ALLMULTI);

	if (!uc_promisc && !iovnic_pf_write_uc_list(pf))
		uc_promisc = true;
	iovnic_pf_write_mc_list(pf);

	rctl = (uc_promisc ? IOVNIC_RCTL_UPE : 0) |
	       (mc_promisc ? IOVNIC_RCTL_MPE : 0);
	/* VMDq filters VLANs per pool (VLVF) and needs VFE; alone, promisc
	 * means every VLAN too
	 */
	if (iovnic_pf_pool(pf) ||
	    ((netdev->features & NETIF_F_HW_VLAN_CTAG_FILTER) &&
	     !(netdev->flags & IFF_PROMISC)))
		rctl |= IOVNIC_RCTL_VFE;
	iovnic_pf_rmw32(pf, IOVNIC_RCTL,
			IOVNIC_RCTL_UPE | IOVNIC_RCTL_MPE | IOVNIC_RCTL_VFE, rctl);

	if (iovnic_pf_pool(pf))
		iovnic_pf_switch_pf_promisc(pf, uc_promisc, mc_promisc);
}

/**
 * iovnic_pf_vlan_rx_add_vid() - ndo_vlan_rx_add_vid
 * @netdev: the PF netdev
 * @proto: VLAN protocol (only 802.1Q is offered)
 * @vid: VLAN ID
 *
 * Return: 0 or -errno (-ENOSPC when the shared VLVF table is full).
 */
int iovnic_pf_vlan_rx_add_vid(struct net_device *netdev, __be16 proto, u16 vid)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	int err;

	if (vid >= VLAN_N_VID)
		return -EINVAL;
	err = iovnic_pf_switch_set_pf_vlan(pf, vid, true);
	if (err)
		return err;
	set_bit(vid, pf->active_vlans);
	return 0;
}

/**
 * iovnic_pf_vlan_rx_kill_vid() - ndo_vlan_rx_kill_vid
 * @netdev: the PF netdev
 * @proto: VLAN protocol
 * @vid: VLAN ID
 *
 * Return: 0 or -errno.
 */
int iovnic_pf_vlan_rx_kill_vid(struct net_device *netdev, __be16 proto,
			       u16 vid)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);

	if (vid >= VLAN_N_VID)
		return -EINVAL;
	clear_bit(vid, pf->active_vlans);
	return iovnic_pf_switch_set_pf_vlan(pf, vid, false);
}

/**
 * iovnic_pf_set_vlan_strip() - VLAN tag stripping on receive (CTRL.VME)
 * @pf: the PF
 * @strip: strip tags into the descriptor
 *
 * In VMDq mode the pool's VMOLR.STRVLAN decides instead; that bit is set
 * with the other pool settings in iovnic_pf_set_rx_ctrl().
 */
void iovnic_pf_set_vlan_strip(struct iovnic_pf *pf, bool strip)
{
	iovnic_pf_ctrl_rmw(pf, IOVNIC_CTRL, IOVNIC_CTRL_VME,
			   strip ? IOVNIC_CTRL_VME : 0);
}

/**
 * iovnic_pf_restore_filters() - re-apply the netdev's filters after a reset
 * @pf: the PF (RTNL held)
 */
void iovnic_pf_restore_filters(struct iovnic_pf *pf)
{
	struct net_device *netdev = pf->netdev;
	u16 vid;

	iovnic_pf_write_rar(pf, 0, netdev->dev_addr, BIT(iovnic_pf_pool(pf)));
	netif_addr_lock_bh(netdev);
	iovnic_pf_set_rx_mode(netdev);
	netif_addr_unlock_bh(netdev);

	for_each_set_bit(vid, pf->active_vlans, VLAN_N_VID)
		iovnic_pf_switch_set_pf_vlan(pf, vid, true);
}
