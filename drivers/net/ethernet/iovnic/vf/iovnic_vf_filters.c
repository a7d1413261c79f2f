// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_vf receive filters, MAC address and frame size. The VF cannot
 * touch any filter register: everything is a request to the PF, which may
 * refuse it (untrusted VF, administrator settings, full tables).
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>

#include "iovnic_vf.h"

struct iovnic_vf_mc_list {
	u16 hashes[IOVNIC_MBX_MAX_MC_HASHES];
	unsigned int count;	/* addresses in the list, may exceed 30 */
	unsigned int flags;	/* netdev->flags at the time */
};

static void iovnic_vf_mc_snapshot(struct net_device *netdev,
				  struct iovnic_vf_mc_list *mc)
{
	struct netdev_hw_addr *ha;
	unsigned int i = 0;

	/*
	 * The probe's handshake comes before register_netdev(), which is
	 * what sets the address lock up; the lists are empty until then.
	 */
	mc->flags = netdev->flags;
	mc->count = 0;
	if (netdev->reg_state == NETREG_UNINITIALIZED)
		return;
	netif_addr_lock_bh(netdev);
	mc->count = netdev_mc_count(netdev);
	mc->flags = netdev->flags;
	netdev_for_each_mc_addr(ha, netdev) {
		if (i == IOVNIC_MBX_MAX_MC_HASHES)
			break;
		mc->hashes[i++] = iovnic_mta_hash(ha->addr);
	}
	netif_addr_unlock_bh(netdev);
}

/*
 * Hash list first (a count above 30 makes igb accept all multicast), then
 * multicast promiscuous on or off. A refused SET_PROMISC leaves the hash
 * list in force, which is still correct for the addresses we listed.
 */
static int iovnic_vf_sync_rx_mode(struct iovnic_vf *vf)
{
	struct iovnic_vf_mc_list mc;
	bool want_all;
	int err;

	iovnic_vf_mc_snapshot(vf->netdev, &mc);
	want_all = (mc.flags & (IFF_ALLMULTI | IFF_PROMISC)) ||
		   mc.count > IOVNIC_MBX_MAX_MC_HASHES;
	if ((mc.flags & IFF_PROMISC) && !vf->promisc_warned) {
		netdev_info(vf->netdev,
			    "unicast promiscuous mode is not available to a VF, using all-multicast\n");
		vf->promisc_warned = true;
	}

	err = iovnic_vf_mbx_set_multicast(vf, mc.hashes, mc.count);
	if (err)
		return err;

	if (want_all == vf->allmulti_on)
		return 0;
	err = iovnic_vf_mbx_set_promisc(vf, want_all);
	if (err == -EPERM) {
		if (want_all)
			netdev_info(vf->netdev,
				    "PF refused all-multicast (VF not trusted?), keeping the multicast list\n");
		vf->allmulti_on = false;
		return 0;
	}
	if (!err)
		vf->allmulti_on = want_all;
	return err;
}

static void iovnic_vf_rx_mode_task(struct work_struct *work)
{
	struct iovnic_vf *vf = container_of(work, struct iovnic_vf,
					    rx_mode_task);

	rtnl_lock();
	/* with the mailbox down, the reset task resends everything */
	if (!test_bit(IOVNIC_VF_S_REMOVING, &vf->state) &&
	    !test_bit(IOVNIC_VF_S_QUIESCED, &vf->state) &&
	    iovnic_vf_mbx_ready(vf))
		iovnic_vf_sync_rx_mode(vf);
	rtnl_unlock();
}

void iovnic_vf_set_rx_mode(struct net_device *netdev)
{
	struct iovnic_vf *vf = netdev_priv(netdev);

	/* called under the address lock: the mailbox sleeps */
	if (!test_bit(IOVNIC_VF_S_REMOVING, &vf->state))
		queue_work(system_wq, &vf->rx_mode_task);
}

int iovnic_vf_vlan_rx_add_vid(struct net_device *netdev, __be16 proto,
			      u16 vid)
{
	struct iovnic_vf *vf = netdev_priv(netdev);
	int err;

	/* igb keeps VLAN 0 for every pool itself */
	if (vid) {
		err = iovnic_vf_mbx_set_vlan(vf, vid, true);
		if (err == -EPERM) {
			netdev_err(netdev, "PF refused VLAN %u (port VLAN set or table full)\n",
				   vid);
			return err;
		}
		/* other errors: the reset task will add it */
	}
	set_bit(vid, vf->active_vlans);
	return 0;
}

int iovnic_vf_vlan_rx_kill_vid(struct net_device *netdev, __be16 proto,
			       u16 vid)
{
	struct iovnic_vf *vf = netdev_priv(netdev);

	clear_bit(vid, vf->active_vlans);
	if (vid)
		iovnic_vf_mbx_set_vlan(vf, vid, false);
	return 0;
}

int iovnic_vf_set_mac_address(struct net_device *netdev, void *p)
{
	struct iovnic_vf *vf = netdev_priv(netdev);
	struct sockaddr *addr = p;
	int err;

	if (!is_valid_ether_addr(addr->sa_data))
		return -EADDRNOTAVAIL;
	if (ether_addr_equal(addr->sa_data, netdev->dev_addr))
		return 0;

	err = iovnic_vf_mbx_set_mac(vf, addr->sa_data);
	if (err == -EPERM) {
		netdev_err(netdev, "PF refused MAC %pM (administrator set the VF's MAC; VF not trusted?)\n",
			   addr->sa_data);
		return -EPERM;
	}
	if (err)
		return -EBUSY;	/* PF not talking to us right now */
	eth_hw_addr_set(netdev, addr->sa_data);
	return 0;
}

int iovnic_vf_change_mtu(struct net_device *netdev, int new_mtu)
{
	struct iovnic_vf *vf = netdev_priv(netdev);
	u32 max_frame = iovnic_vf_ext_frame(vf, new_mtu);
	int err;

	if (vf->xdp_prog && new_mtu > IOVNIC_XDP_MAX_MTU) {
		netdev_err(netdev, "MTU above %d is not possible with XDP\n",
			   IOVNIC_XDP_MAX_MTU);
		return -EINVAL;
	}
	err = iovnic_vf_mbx_set_max_frame(vf, max_frame);
	if (err == -EPERM)
		return err;
	/* RX buffers chain, so the rings need no restart */
	vf->max_frame = max_frame;
	WRITE_ONCE(netdev->mtu, new_mtu);
	return 0;
}

/**
 * iovnic_vf_restore_filters() - resend our filters after a RESET handshake
 * @vf: the VF
 *
 * The PF forgot our multicast list, VLANs and frame size with the reset.
 *
 * Return: 0 or a negative errno.
 */
int iovnic_vf_restore_filters(struct iovnic_vf *vf)
{
	u16 vid;
	int err;

	ASSERT_RTNL();
	vf->allmulti_on = false;
	err = iovnic_vf_sync_rx_mode(vf);
	if (err)
		return err;
	for_each_set_bit(vid, vf->active_vlans, VLAN_N_VID) {
		if (!vid)
			continue;
		err = iovnic_vf_mbx_set_vlan(vf, vid, true);
		if (err == -EPERM)
			netdev_warn(vf->netdev, "PF refused VLAN %u after reset\n",
				    vid);
		else if (err)
			return err;
	}
	vf->max_frame = iovnic_vf_ext_frame(vf, vf->netdev->mtu);
	return iovnic_vf_mbx_set_max_frame(vf, vf->max_frame);
}

void iovnic_vf_filters_init(struct iovnic_vf *vf)
{
	INIT_WORK(&vf->rx_mode_task, iovnic_vf_rx_mode_task);
}
