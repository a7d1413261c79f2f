// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_vf mailbox extensions: NEGOTIATE and the queries it unlocks
 * (GET_QUEUES, GET_MAX_FRAME), and the EVENT messages a PF that granted
 * CAP_EVENTS or CAP_LIVE_ADMIN sends. include/iovnic/mbx.h is the
 * specification. The stock igb NACKs NEGOTIATE; the VF then speaks the
 * base igb protocol, exactly as before the extensions existed.
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>

#include "iovnic_vf.h"

/* Ask for everything we speak; the PF grants a subset. */
static int iovnic_vf_ext_hello(struct iovnic_vf *vf)
{
	u32 msg[IOVNIC_MBX_EXT_REPLY_WORDS] = {
		IOVNIC_MBX_NEGOTIATE, IOVNIC_MBX_VERSION, IOVNIC_MBX_CAPS_V1,
	};
	int err;

	err = iovnic_vf_mbx_request(vf, msg, IOVNIC_MBX_NEGOTIATE_WORDS,
				    IOVNIC_MBX_EXT_REPLY_WORDS);
	if (err == -EPERM) {
		netdev_dbg(vf->netdev, "PF speaks the base igb protocol only\n");
		return 0;
	}
	if (err)
		return err;
	if (!msg[1]) {
		/* version 0 does not exist: treat the PF as a stock one */
		vf->mbx.stats.bad_reply++;
		return 0;
	}
	vf->ext.version = min_t(u32, msg[1], IOVNIC_MBX_VERSION);
	/* read by iovnic_vf_ext_note_msg() under the mailbox lock only */
	WRITE_ONCE(vf->ext.caps, msg[2] & IOVNIC_MBX_CAPS_V1);
	return 0;
}

static int iovnic_vf_ext_get_queues(struct iovnic_vf *vf)
{
	u32 msg[IOVNIC_MBX_EXT_REPLY_WORDS] = { IOVNIC_MBX_GET_QUEUES };
	int err;

	err = iovnic_vf_mbx_request(vf, msg, IOVNIC_MBX_QUERY_WORDS,
				    IOVNIC_MBX_EXT_REPLY_WORDS);
	if (err == -EPERM)
		return 0;	/* granted but refused: the base single pair */
	if (err)
		return err;
	if (!msg[1] || msg[1] > IOVNIC_VF_MAX_QPAIRS)
		vf->mbx.stats.bad_reply++;
	vf->ext.pf_qpairs = clamp_t(u32, msg[1], 1, IOVNIC_VF_MAX_QPAIRS);
	vf->ext.rss = !!(msg[2] & IOVNIC_MBX_QUEUES_RSS);
	return 0;
}

static int iovnic_vf_ext_get_max_frame(struct iovnic_vf *vf)
{
	u32 msg[IOVNIC_MBX_EXT_REPLY_WORDS] = { IOVNIC_MBX_GET_MAX_FRAME };
	int err;

	err = iovnic_vf_mbx_request(vf, msg, IOVNIC_MBX_QUERY_WORDS,
				    IOVNIC_MBX_EXT_REPLY_WORDS);
	if (err == -EPERM)
		return 0;
	if (err)
		return err;
	/* a limit below the minimum MTU cannot be meant: keep ours */
	if (msg[1] < IOVNIC_MIN_MTU + ETH_HLEN + ETH_FCS_LEN) {
		vf->mbx.stats.bad_reply++;
		return 0;
	}
	vf->ext.max_frame = msg[1];
	return 0;
}

/* Queue pairs: all the PF grants, unless the user asked for fewer. */
static void iovnic_vf_ext_apply_queues(struct iovnic_vf *vf)
{
	bool all = vf->num_qpairs >= vf->max_qpairs;

	vf->max_qpairs = min_t(unsigned int, vf->vec_qpairs,
			       vf->ext.pf_qpairs);
	if (all || vf->num_qpairs > vf->max_qpairs)
		vf->num_qpairs = vf->max_qpairs;
}

static void iovnic_vf_ext_apply_mtu(struct iovnic_vf *vf)
{
	struct net_device *netdev = vf->netdev;
	unsigned int max_mtu = IOVNIC_MAX_MTU;

	if (vf->ext.max_frame)
		max_mtu = clamp_t(unsigned int,
				  vf->ext.max_frame - ETH_HLEN - ETH_FCS_LEN,
				  IOVNIC_MIN_MTU, IOVNIC_MAX_MTU);
	netdev->max_mtu = max_mtu;
	if (netdev->mtu <= max_mtu)
		return;
	/* the PF lowered its limit across the reset */
	netdev_warn(netdev, "MTU %u is above the PF's limit, lowering it to %u\n",
		    netdev->mtu, max_mtu);
	if (netdev->reg_state == NETREG_REGISTERED)
		dev_set_mtu(netdev, max_mtu);
	else
		WRITE_ONCE(netdev->mtu, max_mtu);
}

/**
 * iovnic_vf_ext_negotiate() - learn what the PF offers beyond igb
 * @vf: the VF, right after a successful RESET handshake
 *
 * Sends NEGOTIATE and, for the capabilities granted, the queries they
 * allow, then adopts the answers: queue pairs, RSS, largest MTU. A RESET
 * made the PF forget the previous result, so this runs after every one.
 *
 * Return: 0 (also when the PF NACKs: base protocol), or the negative
 * errno of a mailbox failure (a reset is then scheduled).
 */
int iovnic_vf_ext_negotiate(struct iovnic_vf *vf)
{
	int err;

	ASSERT_RTNL();
	vf->ext.version = 0;
	WRITE_ONCE(vf->ext.caps, 0);
	vf->ext.pf_qpairs = IOVNIC_VF_DEFAULT_QPAIRS;
	vf->ext.rss = 0;
	vf->ext.max_frame = 0;
	/*
	 * The RESET made the PF forget what it told us under the last
	 * negotiation: an ADMIN_CHANGE seen before it is served by it, and
	 * a LINK_DOWN no longer holds (its LINK_UP may have come while we
	 * were not listening). CTS and STATUS.LU still gate the carrier.
	 */
	clear_bit(IOVNIC_MBX_EVENT_ADMIN_CHANGE, &vf->mbx.events);
	clear_bit(IOVNIC_MBX_EVENT_LINK_DOWN, &vf->mbx.events);
	clear_bit(IOVNIC_MBX_EVENT_LINK_UP, &vf->mbx.events);
	vf->pf_link_down = false;

	err = iovnic_vf_ext_hello(vf);
	if (!err && (vf->ext.caps & IOVNIC_MBX_CAP_QUEUES))
		err = iovnic_vf_ext_get_queues(vf);
	if (!err && (vf->ext.caps & IOVNIC_MBX_CAP_MAX_FRAME))
		err = iovnic_vf_ext_get_max_frame(vf);
	if (err)
		return err;

	iovnic_vf_ext_apply_queues(vf);
	iovnic_vf_ext_apply_mtu(vf);
	if (vf->ext.version)
		netdev_dbg(vf->netdev,
			   "PF protocol v%llu, caps %#llx, %llu queue pair(s)%s, max frame %llu\n",
			   vf->ext.version, vf->ext.caps, vf->ext.pf_qpairs,
			   vf->ext.rss ? " with RSS" : "", vf->ext.max_frame);
	return 0;
}

/**
 * iovnic_vf_ext_frame() - the SET_LPE frame size for an MTU
 * @vf: the VF
 * @mtu: the MTU
 *
 * Like igbvf we leave room for one VLAN tag; a PF that told us its limit
 * gets no more than that, so the largest MTU it allows is not refused.
 *
 * Return: bytes, CRC included.
 */
u32 iovnic_vf_ext_frame(struct iovnic_vf *vf, int mtu)
{
	u32 frame = mtu + IOVNIC_VF_FRAME_OVERHEAD;

	if (vf->ext.max_frame && frame > vf->ext.max_frame)
		frame = vf->ext.max_frame;
	return frame;
}

/**
 * iovnic_vf_ext_note_msg() - remember an EVENT the PF sent
 * @vf: the VF, mailbox lock held
 * @msg: the first two words of a PF -> VF message
 *
 * Anything but an EVENT is left to the caller. An EVENT whose capability
 * was not negotiated counts as unknown and is ignored. Acting on the
 * event needs RTNL, so the watchdog does it (iovnic_vf_ext_handle_events()).
 */
void iovnic_vf_ext_note_msg(struct iovnic_vf *vf, const u32 *msg)
{
	u64 caps = READ_ONCE(vf->ext.caps);
	u32 needs;

	lockdep_assert_held(&vf->mbx.lock);
	if (iovnic_mbx_id(msg[0]) != IOVNIC_MBX_EVENT)
		return;

	switch (msg[1]) {
	case IOVNIC_MBX_EVENT_LINK_UP:
	case IOVNIC_MBX_EVENT_LINK_DOWN:
		needs = IOVNIC_MBX_CAP_EVENTS;
		break;
	case IOVNIC_MBX_EVENT_ADMIN_CHANGE:
		needs = IOVNIC_MBX_CAP_LIVE_ADMIN;
		break;
	default:
		needs = 0;
		break;
	}
	/*
	 * Unknown, or its capability was not negotiated: ignored (a PF that
	 * did not promise events would never lift a LINK_DOWN either).
	 */
	if (!needs || !(caps & needs)) {
		vf->mbx.stats.events_unknown++;
		return;
	}
	/* the newer link event supersedes the older */
	if (msg[1] == IOVNIC_MBX_EVENT_LINK_UP)
		clear_bit(IOVNIC_MBX_EVENT_LINK_DOWN, &vf->mbx.events);
	else if (msg[1] == IOVNIC_MBX_EVENT_LINK_DOWN)
		clear_bit(IOVNIC_MBX_EVENT_LINK_UP, &vf->mbx.events);
	set_bit(msg[1], &vf->mbx.events);
	vf->mbx.stats.events++;
}

/**
 * iovnic_vf_ext_handle_events() - act on the EVENTs noted so far
 * @vf: the VF
 *
 * Called by the watchdog under RTNL, before it updates the carrier: a
 * link event counts immediately, STATUS.LU and CTS still also have to
 * agree for the carrier to be on.
 */
void iovnic_vf_ext_handle_events(struct iovnic_vf *vf)
{
	ASSERT_RTNL();
	if (test_and_clear_bit(IOVNIC_MBX_EVENT_LINK_DOWN, &vf->mbx.events)) {
		netdev_dbg(vf->netdev, "PF: link down\n");
		vf->pf_link_down = true;
	}
	if (test_and_clear_bit(IOVNIC_MBX_EVENT_LINK_UP, &vf->mbx.events)) {
		netdev_dbg(vf->netdev, "PF: link up\n");
		vf->pf_link_down = false;
	}
	if (test_and_clear_bit(IOVNIC_MBX_EVENT_ADMIN_CHANGE,
			       &vf->mbx.events)) {
		netdev_info(vf->netdev,
			    "PF: administrator changed this VF, resetting\n");
		iovnic_vf_request_reset(vf);
	}
}
