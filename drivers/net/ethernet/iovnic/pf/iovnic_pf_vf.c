// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic PF: the one owner of a VF's protocol state. Every write of
 * vf->state and of the NACK hold-off is in this file.
 *
 * When does a VF lose clear-to-send (CTS)?
 * CTS is "vf->state is READY and the administrator's link state lets it
 * pass traffic" (iovnic_pf_vf_cts()). A VF becomes READY only by sending
 * RESET. It drops back to RESETTING through iovnic_pf_vf_reset(), for one
 * of these causes:
 *  - FLR: VFLRE shows a function-level reset or the VF's own CTRL.RST
 *    (guest reboot, VF driver load or reset). The switch forgets what the
 *    VF configured. A MAC the VF chose leaves the switch but stays
 *    reserved for it (vf->reserved_mac), so that no other VF can take its
 *    traffic while it reboots; the administrator's MAC stays in place.
 *  - ADMIN: "ip link set <pf> vf N mac M" and "trust off". The PF does
 *    not wait for the VF to cooperate: RX/TX (VFRE/VFTE) go off, the VF's
 *    extra MAC filters, VLANs and multicast go, its RAR entry (and with it
 *    MAC anti-spoofing) holds the administrator's MAC, all at once. The
 *    VF gets them back by a new RESET handshake.
 *  - PF: the PF resets the MAC; every VF, with VFRE/VFTE off.
 *  - MSG: the RESET message itself clears the VF's setup and leaves it
 *    READY.
 * Without leaving READY, a VF also has no CTS while its link state is
 * "disable", or "auto" with the PF netdev down (iovnic_pf_vf_set_pf_down()).
 *
 * How the VF learns it: every reply and ping carries CTS or not. A VF
 * without CTS that ACKs a message gets a bare NACK, at most once per
 * IOVNIC_PF_VF_NACK_HOLDOFF; a stock igbvf treats "no CTS, NACK" as a
 * lost PF and resets itself (its reset_task, at most every 10 s), which
 * sends RESET; its reply carries the new MAC, and its SET_MAC of the old
 * one is refused, so igbvf takes the new one. A VF that negotiated live
 * administration gets an ADMIN_CHANGE EVENT (without CTS) as well.
 *
 * Locking: the caller holds vf->lock for everything here.
 */
#include <linux/etherdevice.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "iovnic_pf.h"
#include "iovnic_pf_vf.h"

/**
 * iovnic_pf_sriov_get_vf() - VF state for an administrator request
 * @pf: the PF (RTNL held)
 * @vf: VF number from userspace
 *
 * Return: the VF, or NULL if @vf is out of range.
 */
struct iovnic_pf_vf *iovnic_pf_sriov_get_vf(struct iovnic_pf *pf, int vf)
{
	ASSERT_RTNL();
	if (vf < 0 || vf >= pf->sriov.num_vfs)
		return NULL;
	return &pf->sriov.vfs[vf];
}

/**
 * iovnic_pf_vf_init() - a VF's state when SR-IOV is enabled
 * @pf: the PF
 * @vf: the VF, zeroed
 * @id: its number
 */
void iovnic_pf_vf_init(struct iovnic_pf *pf, struct iovnic_pf_vf *vf,
		       unsigned int id)
{
	vf->pf = pf;
	vf->id = id;
	spin_lock_init(&vf->lock);
	spin_lock_init(&vf->stats_lock);
	vf->state = IOVNIC_VF_STATE_RESETTING;
	/* spoof checking on by default, as with the stock driver */
	vf->spoofchk = true;
	vf->link_state = IFLA_VF_LINK_STATE_AUTO;
	vf->tokens = IOVNIC_PF_MBX_BURST;
	vf->tokens_stamp = jiffies;
	vf->flr_tokens = IOVNIC_PF_MBX_FLR_BURST;
	vf->flr_stamp = jiffies;
	vf->last_nack = jiffies - IOVNIC_PF_VF_NACK_HOLDOFF;
}

/**
 * iovnic_pf_vf_nack_due() - may a VF that read a message get a bare NACK
 * @vf: the VF, lock held
 *
 * Return: true if the VF has no protocol state and was not NACKed within
 * the hold-off.
 */
bool iovnic_pf_vf_nack_due(const struct iovnic_pf_vf *vf)
{
	return vf->state != IOVNIC_VF_STATE_READY &&
	       !time_before(jiffies, vf->last_nack + IOVNIC_PF_VF_NACK_HOLDOFF);
}

/**
 * iovnic_pf_vf_nack_sent() - a bare NACK went out: start the hold-off
 * @vf: the VF, lock held
 */
void iovnic_pf_vf_nack_sent(struct iovnic_pf_vf *vf)
{
	vf->last_nack = jiffies;
}

/* the next ACK of the VF is answered by a NACK at once */
static void iovnic_pf_vf_nack_now(struct iovnic_pf_vf *vf)
{
	vf->last_nack = jiffies - IOVNIC_PF_VF_NACK_HOLDOFF;
}

/* keep @addr (NULL: nothing) for this VF alone; see @reserved_mac */
static void iovnic_pf_vf_reserve(struct iovnic_pf_vf *vf, const u8 *addr)
{
	struct iovnic_pf_sriov *sriov = &vf->pf->sriov;
	unsigned long flags;

	spin_lock_irqsave(&sriov->switch_lock, flags);
	if (addr && is_valid_ether_addr(addr))
		ether_addr_copy(vf->reserved_mac, addr);
	else
		eth_zero_addr(vf->reserved_mac);
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
}

/*
 * The VF's MAC becomes the administrator's (or none). One it had chosen
 * itself is kept reserved for it if @reserve.
 */
static void iovnic_pf_vf_restore_admin_mac(struct iovnic_pf_vf *vf,
					   bool reserve)
{
	if (ether_addr_equal(vf->mac, vf->admin_mac))
		return;
	iovnic_pf_vf_reserve(vf, reserve ? vf->mac : NULL);
	ether_addr_copy(vf->mac, vf->admin_mac);
}

/**
 * iovnic_pf_vf_mac_taken() - may the VF not use @addr (own MAC or filter)
 * @vf: the VF, lock held; sriov.cfg_lock or RTNL held
 * @addr: unicast address
 *
 * Return: true if @addr is another function's (in the switch), or is
 * reserved for another VF across its FLR.
 */
bool iovnic_pf_vf_mac_taken(struct iovnic_pf_vf *vf, const u8 *addr)
{
	struct iovnic_pf_sriov *sriov = &vf->pf->sriov;
	unsigned long flags;
	bool taken = false;
	unsigned int v;

	if (iovnic_pf_switch_mac_taken(vf, addr))
		return true;
	spin_lock_irqsave(&sriov->switch_lock, flags);
	for (v = 0; v < sriov->num_vfs && !taken; v++)
		taken = v != vf->id &&
			ether_addr_equal(sriov->vfs[v].reserved_mac, addr);
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
	return taken;
}

/**
 * iovnic_pf_vf_set_mac() - the VF's own SET_MAC was accepted
 * @vf: the VF, lock held
 * @addr: its new MAC, checked by the caller
 *
 * A MAC reserved for the VF is released: it now uses @addr.
 */
void iovnic_pf_vf_set_mac(struct iovnic_pf_vf *vf, const u8 *addr)
{
	lockdep_assert_held(&vf->lock);
	iovnic_pf_vf_reserve(vf, NULL);
	ether_addr_copy(vf->mac, addr);
	iovnic_pf_switch_vf_write_mac(vf);
}

/*
 * Forget what the VF configured. @flr: a function-level reset (VFLRE), not
 * a RESET message: the VF also loses a MAC it chose itself, which stays
 * reserved for it (the administrator's MAC stays). The VF is no longer
 * clear-to-send and must come back with RESET.
 */
static void iovnic_pf_vf_clear(struct iovnic_pf_vf *vf, bool flr)
{
	lockdep_assert_held(&vf->lock);
	if (flr)
		iovnic_pf_vf_restore_admin_mac(vf, true);
	vf->state = IOVNIC_VF_STATE_RESETTING;
	vf->max_frame = 0;
	/* extensions are negotiated anew after every reset */
	vf->mbx_version = 0;
	vf->mbx_caps = 0;
	vf->events = 0;
	bitmap_zero(vf->vlans, VLAN_N_VID);
	iovnic_pf_switch_vf_reset(vf);
}

static void iovnic_pf_vf_reset_flr(struct iovnic_pf_vf *vf)
{
	bool was_ready = vf->state == IOVNIC_VF_STATE_READY;

	vf->mbx_stats[IOVNIC_VF_MBX_FLRS]++;
	iovnic_pf_vf_clear(vf, true);
	vf->unread = false;
	/*
	 * A running VF reset by FLR does not notice by itself: a ping
	 * without CTS (then a NACK to its ACK) makes it reset and come
	 * back. A VF that reset itself sends RESET right away instead.
	 */
	vf->ping_pending = was_ready;
	iovnic_pf_vf_nack_now(vf);
}

static void iovnic_pf_vf_reset_msg(struct iovnic_pf_vf *vf)
{
	iovnic_pf_vf_clear(vf, false);
	vf->state = IOVNIC_VF_STATE_READY;
	vf->mbx_stats[IOVNIC_VF_MBX_RESETS]++;
	if (iovnic_pf_vf_cts(vf))
		iovnic_pf_switch_vf_rxtx(vf, true);
}

/*
 * The administrator changed the VF: its setup goes now, in the switch
 * (RX/TX off, filters and VLANs out, RAR = vf->mac), whatever the VF
 * does. A running VF is then pushed into its reset: a ping without CTS,
 * and a NACK at once to its ACK of it. One that negotiated live
 * administration also finds an ADMIN_CHANGE EVENT in that ping.
 */
static void iovnic_pf_vf_reset_admin(struct iovnic_pf_vf *vf)
{
	bool live = vf->mbx_caps & IOVNIC_MBX_CAP_LIVE_ADMIN;
	bool was_ready = vf->state == IOVNIC_VF_STATE_READY;

	iovnic_pf_vf_clear(vf, false);
	if (!was_ready)
		return;		/* it learns all at its RESET */
	iovnic_pf_vf_nack_now(vf);
	if (live)
		__set_bit(IOVNIC_MBX_EVENT_ADMIN_CHANGE, &vf->events);
	iovnic_pf_mbx_ping(vf);
}

/**
 * iovnic_pf_vf_reset() - the one way a VF loses (or regains) its state
 * @vf: the VF, lock held
 * @flags: one IOVNIC_PF_VF_RESET_* cause
 *
 * See the top of this file for what each cause does to CTS.
 */
void iovnic_pf_vf_reset(struct iovnic_pf_vf *vf, unsigned int flags)
{
	lockdep_assert_held(&vf->lock);
	if (flags & IOVNIC_PF_VF_RESET_FLR) {
		iovnic_pf_vf_reset_flr(vf);
	} else if (flags & IOVNIC_PF_VF_RESET_MSG) {
		iovnic_pf_vf_reset_msg(vf);
	} else if (flags & IOVNIC_PF_VF_RESET_ADMIN) {
		iovnic_pf_vf_reset_admin(vf);
	} else if (flags & IOVNIC_PF_VF_RESET_PF) {
		/* VFRE/VFTE go off for all VFs at once, by the caller */
		vf->state = IOVNIC_VF_STATE_RESETTING;
		iovnic_pf_mbx_ping(vf);
	}
}

/**
 * iovnic_pf_vf_set_admin_mac() - the administrator's MAC for a VF
 * @pf: the PF (RTNL held)
 * @vf_id: VF number
 * @mac: unicast MAC, or all zero to remove the administrator's MAC
 * @extack: for the error message, may be NULL
 *
 * Takes effect in the switch at once and resets the VF (see the top of
 * this file); a VF still using a MAC it chose itself (a trusted one) loses
 * it. Setting the MAC the VF already has changes nothing.
 *
 * Return: 0, or -EINVAL for a bad @vf_id or @mac (nothing changed).
 */
int iovnic_pf_vf_set_admin_mac(struct iovnic_pf *pf, int vf_id, const u8 *mac,
			       struct netlink_ext_ack *extack)
{
	struct iovnic_pf_vf *vf;

	if (!is_zero_ether_addr(mac) && !is_valid_ether_addr(mac)) {
		NL_SET_ERR_MSG_MOD(extack, "VF MAC must be unicast, or zero to remove it");
		return -EINVAL;
	}
	vf = iovnic_pf_sriov_get_vf(pf, vf_id);
	if (!vf) {
		NL_SET_ERR_MSG_MOD(extack, "No such VF");
		return -EINVAL;
	}
	spin_lock_irq(&vf->lock);
	if (ether_addr_equal(vf->admin_mac, mac) &&
	    ether_addr_equal(vf->mac, mac)) {
		spin_unlock_irq(&vf->lock);
		return 0;
	}
	ether_addr_copy(vf->admin_mac, mac);
	iovnic_pf_vf_restore_admin_mac(vf, false);
	iovnic_pf_vf_reserve(vf, NULL);
	iovnic_pf_vf_reset(vf, IOVNIC_PF_VF_RESET_ADMIN);
	spin_unlock_irq(&vf->lock);
	if (is_zero_ether_addr(mac))
		dev_info(&pf->pdev->dev, "VF %d: administrative MAC removed\n",
			 vf_id);
	else
		dev_info(&pf->pdev->dev, "VF %d: MAC set to %pM by the administrator\n",
			 vf_id, mac);
	return 0;
}

/**
 * iovnic_pf_vf_revoke_trust() - the VF is no longer trusted
 * @vf: the VF, lock held; vf->trusted already false
 *
 * What it did under trust goes at once: a MAC of its own choosing gives
 * way to the administrator's (without one, it stays reserved for the VF,
 * which may use it untrusted too), extra filters go, and the VF resets.
 */
void iovnic_pf_vf_revoke_trust(struct iovnic_pf_vf *vf)
{
	lockdep_assert_held(&vf->lock);
	iovnic_pf_vf_restore_admin_mac(vf, is_zero_ether_addr(vf->admin_mac));
	iovnic_pf_vf_reset(vf, IOVNIC_PF_VF_RESET_ADMIN);
}

/**
 * iovnic_pf_sriov_apply_link() - carry an admin link state change to the VF
 * @vf: the VF, lock held
 *
 * A disabled VF keeps its configuration but loses RX/TX and the CTS bit in
 * pings and replies, which igbvf reports as carrier off.
 */
void iovnic_pf_sriov_apply_link(struct iovnic_pf_vf *vf)
{
	lockdep_assert_held(&vf->lock);
	iovnic_pf_switch_vf_rxtx(vf, iovnic_pf_vf_cts(vf));
	iovnic_pf_mbx_notify(vf, iovnic_pf_sriov_vf_link_up(vf) ?
				 IOVNIC_MBX_EVENT_LINK_UP :
				 IOVNIC_MBX_EVENT_LINK_DOWN);
}

/*
 * The administrator's link state for the VF: "disable" and "enable" fix
 * it, "auto" follows what the PF says (@auto_up).
 */
static bool iovnic_pf_vf_admin_link(const struct iovnic_pf_vf *vf,
				    bool auto_up)
{
	switch (vf->link_state) {
	case IFLA_VF_LINK_STATE_DISABLE:
		return false;
	case IFLA_VF_LINK_STATE_ENABLE:
		return true;
	default:
		return auto_up;
	}
}

/**
 * iovnic_pf_vf_cts() - may the VF pass traffic (CTS in what it reads)
 * @vf: the VF, lock held
 *
 * It must have completed RESET. "state enable" keeps it going while the
 * PF netdev is down (VF to VF traffic), "auto" follows the PF netdev.
 *
 * Return: true if clear-to-send.
 */
bool iovnic_pf_vf_cts(const struct iovnic_pf_vf *vf)
{
	return vf->state == IOVNIC_VF_STATE_READY &&
	       iovnic_pf_vf_admin_link(vf, !READ_ONCE(vf->pf->sriov.pf_down));
}

/**
 * iovnic_pf_sriov_vf_link_up() - the link a VF should report
 * @vf: the VF, lock held
 *
 * "state enable" keeps a VF's link up while the port is down (VF to VF
 * traffic still flows through the switch); "auto" follows the port.
 *
 * Return: true if the VF's link is up.
 */
bool iovnic_pf_sriov_vf_link_up(const struct iovnic_pf_vf *vf)
{
	return iovnic_pf_vf_admin_link(vf, READ_ONCE(vf->pf->link_up) &&
				       !READ_ONCE(vf->pf->sriov.pf_down));
}

/**
 * iovnic_pf_sriov_set_pf_down() - the PF netdev is closed or opened again
 * @pf: the PF (RTNL held)
 * @down: closed
 *
 * Unlike a reset this keeps every VF's state: VFs that follow the port
 * lose CTS and RX/TX while the PF is down, are pinged, and get both back
 * when it is up, without redoing their RESET handshake. The mailbox is
 * served all along, so a VF resetting meanwhile is never left without an
 * answer (igbvf would then not retry for 10 s).
 */
void iovnic_pf_sriov_set_pf_down(struct iovnic_pf *pf, bool down)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned int v;

	mutex_lock(&sriov->cfg_lock);
	WRITE_ONCE(sriov->pf_down, down);
	for (v = 0; v < sriov->num_vfs; v++) {
		struct iovnic_pf_vf *vf = &sriov->vfs[v];

		spin_lock_irq(&vf->lock);
		/* a VF in state enable or disable sees no change */
		if (vf->link_state == IFLA_VF_LINK_STATE_AUTO)
			iovnic_pf_sriov_apply_link(vf);
		spin_unlock_irq(&vf->lock);
	}
	mutex_unlock(&sriov->cfg_lock);
}
