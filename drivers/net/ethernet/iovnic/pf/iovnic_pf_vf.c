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
 *    VF configured; a MAC the VF chose is forgotten too.
 *  - ADMIN: "ip link set <pf> vf N mac M" and "trust off", and with
 *    them the VF's RX/TX and filters, at once and without its help.
 *  - PF: the PF resets the MAC; every VF, with VFRE/VFTE off.
 *  - MSG: the RESET message itself clears the VF's setup and leaves it
 *    READY.
 * Without leaving READY, a VF also has no CTS while its link state is
 * "disable", or "auto" with the PF netdev down (iovnic_pf_vf_set_pf_down()).
 *
 * How the VF learns it: every reply and ping carries CTS or not. A VF
 * without CTS that ACKs a message gets a bare NACK, at most once per
 * IOVNIC_PF_VF_NACK_HOLDOFF; a stock igbvf treats "no CTS, NACK" as a
 * lost PF and resets itself (its reset_task), which sends RESET.
 *
 * Locking: the caller holds vf->lock for everything here.
 */
#include <linux/etherdevice.h>
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
	mutex_init(&vf->lock);
	spin_lock_init(&vf->stats_lock);
	vf->state = IOVNIC_VF_STATE_RESETTING;
	/* spoof checking on by default, as with the stock driver */
	vf->spoofchk = true;
	vf->link_state = IFLA_VF_LINK_STATE_AUTO;
	vf->tokens = IOVNIC_PF_MBX_BURST;
	vf->tokens_stamp = jiffies;
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

/*
 * Forget what the VF configured. @flr: a function-level reset (VFLRE), not
 * a RESET message: the VF also loses a MAC it chose itself (the
 * administrator's MAC stays). The VF is no longer clear-to-send and must
 * come back with RESET.
 */
static void iovnic_pf_vf_clear(struct iovnic_pf_vf *vf, bool flr)
{
	lockdep_assert_held(&vf->lock);
	if (flr && !vf->admin_mac)
		eth_zero_addr(vf->mac);
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
 * Make a running VF reset itself so that it picks up new settings. A VF
 * that negotiated live administration is told so and stays clear to send
 * meanwhile; any other is pushed into a reset by losing CTS (its ACK of
 * the ping is answered with a NACK at once).
 */
static void iovnic_pf_vf_reset_admin(struct iovnic_pf_vf *vf)
{
	if (vf->state != IOVNIC_VF_STATE_READY)
		return;
	if (vf->mbx_caps & IOVNIC_MBX_CAP_LIVE_ADMIN) {
		iovnic_pf_mbx_notify(vf, IOVNIC_MBX_EVENT_ADMIN_CHANGE);
		return;
	}
	vf->state = IOVNIC_VF_STATE_RESETTING;
	iovnic_pf_vf_nack_now(vf);
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

		mutex_lock(&vf->lock);
		/* a VF in state enable or disable sees no change */
		if (vf->link_state == IFLA_VF_LINK_STATE_AUTO)
			iovnic_pf_sriov_apply_link(vf);
		mutex_unlock(&vf->lock);
	}
	mutex_unlock(&sriov->cfg_lock);
}
