// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic PF: VF administration through the PF netdev
 * (ip link set <pf> vf N ...; ip link show <pf>).
 *
 * Every setting takes effect in the switch at once. Where the VF driver
 * has to learn about it (a new MAC), the PF withdraws clear-to-send and
 * pings: a stock igbvf then resets itself and fetches the new setting.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>

#include "iovnic_pf.h"
#include "iovnic_pf_vf.h"

/* the admin settings need the VF's lock; RTNL is held by the caller */
static struct iovnic_pf_vf *iovnic_pf_ndo_lock_vf(struct net_device *netdev,
						  int vf_id)
{
	struct iovnic_pf_vf *vf;

	vf = iovnic_pf_sriov_get_vf(iovnic_pf_from_netdev(netdev), vf_id);
	if (vf)
		spin_lock_irq(&vf->lock);
	return vf;
}

/*
 * Port VLAN and trust need nothing from a base-protocol VF (the switch
 * applies them), so only a VF with live administration is told: it
 * re-announces its own VLANs and MAC under the new rules.
 */
static void iovnic_pf_ndo_tell_vf(struct iovnic_pf_vf *vf)
{
	if (vf->state == IOVNIC_VF_STATE_READY &&
	    vf->mbx_caps & IOVNIC_MBX_CAP_LIVE_ADMIN)
		iovnic_pf_mbx_notify(vf, IOVNIC_MBX_EVENT_ADMIN_CHANGE);
}

int iovnic_pf_ndo_set_vf_mac(struct net_device *netdev, int vf_id, u8 *mac)
{
	return iovnic_pf_vf_set_admin_mac(iovnic_pf_from_netdev(netdev), vf_id,
					  mac, NULL);
}

int iovnic_pf_ndo_set_vf_vlan(struct net_device *netdev, int vf_id, u16 vlan,
			      u8 qos, __be16 proto)
{
	struct iovnic_pf_vf *vf;
	int err;

	if (vlan >= VLAN_N_VID - 1 || qos > 7)
		return -EINVAL;
	if (proto != htons(ETH_P_8021Q))
		return -EPROTONOSUPPORT;
	vf = iovnic_pf_ndo_lock_vf(netdev, vf_id);
	if (!vf)
		return -EINVAL;

	err = iovnic_pf_switch_vf_port_vlan(vf, vlan, qos);
	if (err)
		netdev_err(netdev, "VF %d: no VLAN filter left for VLAN %u\n",
			   vf_id, vlan);
	else
		iovnic_pf_ndo_tell_vf(vf);
	spin_unlock_irq(&vf->lock);
	return err;
}

int iovnic_pf_ndo_set_vf_spoofchk(struct net_device *netdev, int vf_id,
				  bool enable)
{
	struct iovnic_pf_vf *vf = iovnic_pf_ndo_lock_vf(netdev, vf_id);

	if (!vf)
		return -EINVAL;
	vf->spoofchk = enable;
	iovnic_pf_switch_vf_spoofchk(vf);
	spin_unlock_irq(&vf->lock);
	return 0;
}

int iovnic_pf_ndo_set_vf_trust(struct net_device *netdev, int vf_id,
			       bool enable)
{
	struct iovnic_pf_vf *vf = iovnic_pf_ndo_lock_vf(netdev, vf_id);

	if (!vf)
		return -EINVAL;
	/*
	 * Granting trust needs nothing from the VF: its next request is
	 * simply allowed. Revoking it takes back at once what the VF did
	 * under trust and resets it, whether it cooperates or not.
	 */
	if (vf->trusted != enable) {
		vf->trusted = enable;
		if (!enable)
			iovnic_pf_vf_revoke_trust(vf);
	}
	spin_unlock_irq(&vf->lock);
	return 0;
}

int iovnic_pf_ndo_set_vf_link_state(struct net_device *netdev, int vf_id,
				    int state)
{
	struct iovnic_pf_vf *vf;

	switch (state) {
	case IFLA_VF_LINK_STATE_AUTO:
	case IFLA_VF_LINK_STATE_ENABLE:
	case IFLA_VF_LINK_STATE_DISABLE:
		break;
	default:
		return -EINVAL;
	}
	vf = iovnic_pf_ndo_lock_vf(netdev, vf_id);
	if (!vf)
		return -EINVAL;
	vf->link_state = state;
	iovnic_pf_sriov_apply_link(vf);
	spin_unlock_irq(&vf->lock);
	return 0;
}

int iovnic_pf_ndo_set_vf_rate(struct net_device *netdev, int vf_id,
			      int min_tx_rate, int max_tx_rate)
{
	struct iovnic_pf_vf *vf;

	/* the 82576 limits the maximum only; no guaranteed minimum */
	if (min_tx_rate || max_tx_rate < 0 || max_tx_rate > SPEED_1000)
		return -EINVAL;
	vf = iovnic_pf_ndo_lock_vf(netdev, vf_id);
	if (!vf)
		return -EINVAL;
	vf->max_tx_rate = max_tx_rate;
	iovnic_pf_switch_vf_rate(vf);
	spin_unlock_irq(&vf->lock);
	return 0;
}

int iovnic_pf_ndo_get_vf_config(struct net_device *netdev, int vf_id,
				struct ifla_vf_info *ivi)
{
	struct iovnic_pf_vf *vf = iovnic_pf_ndo_lock_vf(netdev, vf_id);

	if (!vf)
		return -EINVAL;
	ivi->vf = vf_id;
	ether_addr_copy(ivi->mac, vf->mac);
	ivi->vlan = vf->port_vlan;
	ivi->qos = vf->port_qos;
	ivi->vlan_proto = htons(ETH_P_8021Q);
	ivi->spoofchk = vf->spoofchk;
	ivi->trusted = vf->trusted;
	ivi->linkstate = vf->link_state;
	ivi->max_tx_rate = vf->max_tx_rate;
	ivi->min_tx_rate = 0;
	spin_unlock_irq(&vf->lock);
	return 0;
}
