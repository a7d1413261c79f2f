// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic PF: the mailbox server, one handler per message (iovnic-mailbox.rst,
 * "Messages").
 *
 * Every request is untrusted: a handler validates all fields before it
 * changes anything, and the dispatcher refuses messages the VF may not
 * send in its current state (the allowlist below). Refusals are NACKed,
 * counted per VF and logged rate-limited.
 */
#include <linux/bitfield.h>
#include <linux/etherdevice.h>
#include <linux/ratelimit.h>

#include "iovnic_pf.h"
#include "iovnic_pf_vf.h"

/* bits 28:24 of word 0 are unused by the protocol and must be zero */
#define IOVNIC_PF_MBX_RSVD	GENMASK(28, 24)

#define IOVNIC_PF_VF_ANY	(BIT(IOVNIC_VF_STATE_RESETTING) | \
				 BIT(IOVNIC_VF_STATE_READY))
#define IOVNIC_PF_VF_READY	BIT(IOVNIC_VF_STATE_READY)

/*
 * "Address in use" answers tell a VF which MACs other functions have: at
 * most IOVNIC_PF_MAC_PROBE_BURST of them, then one per
 * IOVNIC_PF_MAC_PROBE_MS; meanwhile every MAC request is refused unseen.
 */
#define IOVNIC_PF_MAC_PROBE_BURST	8
#define IOVNIC_PF_MAC_PROBE_MS		1000

/**
 * struct iovnic_pf_mbx_handler - how one message ID is served
 * @id: message ID (word 0 bits 15:0)
 * @stat: per-type counter
 * @allowed: VF states (bit per enum iovnic_pf_vf_state) that may send it
 * @caps: IOVNIC_MBX_CAP_* the VF must have negotiated to send it
 * @reply_words: words of the reply, ACK or NACK (IOVNIC_MBX_*_WORDS)
 * @no_cts: the reply never carries CTS (RESET's, iovnic-mailbox.rst)
 * @handle: validates and executes; returns 0 for ACK or -errno for NACK
 */
struct iovnic_pf_mbx_handler {
	u16 id;
	u8 stat;
	u8 allowed;
	u8 caps;
	u8 reply_words;
	bool no_cts;
	int (*handle)(struct iovnic_pf_vf *vf, u32 *msg);
};

static u8 iovnic_pf_mbx_msginfo(const u32 *msg)
{
	return iovnic_mbx_info(msg[0]);
}

/*
 * One log budget per VF (vf->lock held): a misbehaving VF cannot flood
 * the log, nor hide the other VFs' messages by using up a shared budget.
 */
static __printf(2, 3) void iovnic_pf_vf_warn(struct iovnic_pf_vf *vf,
					     const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	if (!vf->warn_rs.interval)
		ratelimit_state_init(&vf->warn_rs, DEFAULT_RATELIMIT_INTERVAL,
				     DEFAULT_RATELIMIT_BURST);
	if (!__ratelimit(&vf->warn_rs))
		return;
	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	dev_warn(&vf->pf->pdev->dev, "VF %u: %pV", vf->id, &vaf);
	va_end(args);
}

/* RESET: the reply (IOVNIC_MBX_RESET_REPLY_WORDS) carries the VF's MAC. */
static int iovnic_pf_mbx_handle_reset(struct iovnic_pf_vf *vf, u32 *msg)
{
	if (iovnic_pf_mbx_msginfo(msg))
		return -EINVAL;

	iovnic_pf_vf_reset(vf, IOVNIC_PF_VF_RESET_MSG);

	if (!is_valid_ether_addr(vf->mac))
		return -EADDRNOTAVAIL;	/* igbvf then picks a random MAC */
	iovnic_mbx_put_mac(msg, vf->mac);
	return 0;
}

/*
 * Is @addr another function's? Counted, and bounded per VF so that the
 * answer is no fast oracle of the addresses in use.
 * Return: 0, -EADDRINUSE, or -EBUSY (asked too often, not looked at).
 */
static int iovnic_pf_mbx_mac_in_use(struct iovnic_pf_vf *vf, const u8 *addr)
{
	unsigned long period = msecs_to_jiffies(IOVNIC_PF_MAC_PROBE_MS);
	unsigned long refill = (jiffies - vf->probe_stamp) / period;

	/* a fresh VF (stamp 0) starts with a full bucket */
	if (!vf->probe_stamp || refill >= IOVNIC_PF_MAC_PROBE_BURST) {
		vf->probe_tokens = IOVNIC_PF_MAC_PROBE_BURST;
		vf->probe_stamp = jiffies;
	} else if (refill) {
		vf->probe_tokens = min_t(unsigned int, vf->probe_tokens + refill,
					 IOVNIC_PF_MAC_PROBE_BURST);
		vf->probe_stamp += refill * period;
	}
	if (!vf->probe_tokens) {
		vf->mbx_stats[IOVNIC_VF_MBX_RATE_LIMITED]++;
		iovnic_pf_vf_warn(vf, "MAC %pM refused: too many addresses in use asked for\n",
				  addr);
		return -EBUSY;
	}
	/* another function's address, or one reserved across its FLR */
	if (!iovnic_pf_vf_mac_taken(vf, addr))
		return 0;
	vf->probe_tokens--;
	vf->mbx_stats[IOVNIC_VF_MBX_MAC_TAKEN]++;
	iovnic_pf_vf_warn(vf, "MAC %pM refused: in use by another function\n",
			  addr);
	return -EADDRINUSE;
}

static int iovnic_pf_mbx_set_own_mac(struct iovnic_pf_vf *vf, const u8 *addr)
{
	int err;

	if (!is_valid_ether_addr(addr)) {
		iovnic_pf_vf_warn(vf, "invalid MAC %pM refused\n", addr);
		return -EINVAL;
	}
	if (!is_zero_ether_addr(vf->admin_mac) && !vf->trusted &&
	    !ether_addr_equal(addr, vf->admin_mac)) {
		iovnic_pf_vf_warn(vf, "MAC %pM refused: admin MAC set, VF not trusted\n",
				  addr);
		return -EPERM;
	}
	/* not even a trusted VF may take traffic meant for another function */
	err = iovnic_pf_mbx_mac_in_use(vf, addr);
	if (err)
		return err;
	iovnic_pf_vf_set_mac(vf, addr);
	return 0;
}

static int iovnic_pf_mbx_add_mac_filter(struct iovnic_pf_vf *vf, const u8 *addr)
{
	int err;

	if (!is_valid_ether_addr(addr)) {
		iovnic_pf_vf_warn(vf, "invalid MAC filter %pM refused\n", addr);
		return -EINVAL;
	}
	if (!is_zero_ether_addr(vf->admin_mac) && !vf->trusted) {
		iovnic_pf_vf_warn(vf, "MAC filter refused: admin MAC set, VF not trusted\n");
		return -EPERM;
	}
	err = iovnic_pf_mbx_mac_in_use(vf, addr);
	if (err)
		return err;
	err = iovnic_pf_switch_vf_add_mac_filter(vf, addr);
	if (err == -EDQUOT)
		iovnic_pf_vf_warn(vf, "MAC filter %pM refused: at most %u per untrusted VF\n",
				  addr, iovnic_pf_vf_mac_filter_quota(vf->pf->sriov.num_vfs));
	else if (err)
		iovnic_pf_vf_warn(vf, "no free MAC filter for %pM\n", addr);
	if (err)
		vf->mbx_stats[IOVNIC_VF_MBX_MAC_REFUSED]++;
	return err;
}

static int iovnic_pf_mbx_handle_set_mac(struct iovnic_pf_vf *vf, u32 *msg)
{
	u8 addr[ETH_ALEN];

	iovnic_mbx_get_mac(msg, addr);
	switch (iovnic_pf_mbx_msginfo(msg)) {
	case IOVNIC_MBX_MAC_SET:
		return iovnic_pf_mbx_set_own_mac(vf, addr);
	case IOVNIC_MBX_MAC_FILTER_CLR:
		/* igbvf sends an all-zero address here: do not check it */
		iovnic_pf_switch_vf_clear_mac_filters(vf);
		return 0;
	case IOVNIC_MBX_MAC_FILTER_ADD:
		return iovnic_pf_mbx_add_mac_filter(vf, addr);
	default:
		return -EINVAL;
	}
}

/* All multicast (VMOLR.MPME) is for trusted VFs only; refusals counted. */
static bool iovnic_pf_mbx_allmulti_ok(struct iovnic_pf_vf *vf)
{
	if (vf->trusted)
		return true;
	vf->mbx_stats[IOVNIC_VF_MBX_ALLMULTI_REFUSED]++;
	iovnic_pf_vf_warn(vf, "all-multicast refused: VF not trusted\n");
	return false;
}

static int iovnic_pf_mbx_handle_set_multicast(struct iovnic_pf_vf *vf,
					      u32 *msg)
{
	unsigned int n = iovnic_pf_mbx_msginfo(msg), i;
	u16 hashes[IOVNIC_MBX_MAX_MC_HASHES];
	unsigned int stored = min_t(unsigned int, n, IOVNIC_MBX_MAX_MC_HASHES);

	for (i = 0; i < stored; i++) {
		hashes[i] = iovnic_mbx_get_mc_hash(msg, i);
		if (hashes[i] > 0xFFF) {
			iovnic_pf_vf_warn(vf, "multicast hash 0x%x out of range\n",
					  hashes[i]);
			return -EINVAL;
		}
	}
	/*
	 * More than fit in one message asks for all multicast, which only a
	 * trusted VF gets; an untrusted one keeps the first 30 hashes and an
	 * ACK, as a VF that truncates its list itself (igbvf) would get.
	 */
	iovnic_pf_switch_vf_set_mc(vf, hashes, stored,
				   n > IOVNIC_MBX_MAX_MC_HASHES &&
				   iovnic_pf_mbx_allmulti_ok(vf));
	return 0;
}

static int iovnic_pf_mbx_handle_set_vlan(struct iovnic_pf_vf *vf, u32 *msg)
{
	bool add = iovnic_pf_mbx_msginfo(msg);
	u16 vid = msg[1] & IOVNIC_VLVF_VID;
	unsigned int quota;
	int err;

	if (msg[1] & ~IOVNIC_VLVF_VID || vid == VLAN_N_VID - 1)
		return -EINVAL;
	/* 8021q announces VID 0 on every VF; under a port VLAN it is moot */
	if (vf->port_vlan && !vid)
		return 0;
	if (vf->port_vlan) {
		iovnic_pf_vf_warn(vf, "VLAN %u refused: port VLAN %u is set\n",
				  vid, vf->port_vlan);
		return -EPERM;
	}
	/* VID 0 shares one reserved entry; others count against the quota */
	quota = iovnic_pf_vf_vlan_quota(vf->pf->sriov.num_vfs);
	if (add && vid && !test_bit(vid, vf->vlans) &&
	    bitmap_weight(vf->vlans, VLAN_N_VID) - test_bit(0, vf->vlans) >=
	    quota) {
		vf->mbx_stats[IOVNIC_VF_MBX_VLAN_REFUSED]++;
		iovnic_pf_vf_warn(vf, "VLAN %u refused: at most %u VLANs per VF\n",
				  vid, quota);
		return -ENOSPC;
	}
	err = iovnic_pf_switch_vf_vlan(vf, vid, add);
	if (err) {
		vf->mbx_stats[IOVNIC_VF_MBX_VLAN_REFUSED]++;
		iovnic_pf_vf_warn(vf, "VLAN filter table full, VLAN %u refused\n",
				  vid);
		return err;
	}
	if (add)
		__set_bit(vid, vf->vlans);
	else
		__clear_bit(vid, vf->vlans);
	/* the stock PF turns stripping on for any non-zero VID; so do we */
	if (vid)
		iovnic_pf_switch_vf_vlan_strip(vf, true);
	return 0;
}

static int iovnic_pf_mbx_handle_set_lpe(struct iovnic_pf_vf *vf, u32 *msg)
{
	u32 frame = msg[1];

	if (iovnic_pf_mbx_msginfo(msg) || frame < ETH_ZLEN ||
	    frame > IOVNIC_PF_VF_MAX_LPE)
		return -EINVAL;
	/* a VF that knows our limit gets a refusal, not a silent clamp */
	if (vf->mbx_caps & IOVNIC_MBX_CAP_MAX_FRAME &&
	    frame > IOVNIC_MAX_FRAME) {
		iovnic_pf_vf_warn(vf, "frame size %u refused, limit %u\n",
				  frame, IOVNIC_MAX_FRAME);
		return -EINVAL;
	}
	iovnic_pf_switch_vf_set_lpe(vf, min_t(u32, frame, IOVNIC_MAX_FRAME));
	return 0;
}

static int iovnic_pf_mbx_handle_set_promisc(struct iovnic_pf_vf *vf, u32 *msg)
{
	u8 flags = iovnic_pf_mbx_msginfo(msg);
	bool mc = flags & IOVNIC_MBX_PROMISC_MULTICAST;
	bool denied = mc && !iovnic_pf_mbx_allmulti_ok(vf);

	/* a refused request leaves the hash list in force, without MPME */
	iovnic_pf_switch_vf_set_mc(vf, NULL, 0, mc && !denied);
	/* echo what was not applied; anything left is refused */
	if (!denied)
		flags &= ~IOVNIC_MBX_PROMISC_MULTICAST;
	msg[0] = iovnic_mbx_set_info(msg[0], flags);
	if (denied)
		return -EPERM;
	return flags ? -EOPNOTSUPP : 0;
}

/*
 * NEGOTIATE: the lower version wins, unknown capability bits are dropped.
 * Asking again replaces the earlier answer.
 */
static int iovnic_pf_mbx_handle_negotiate(struct iovnic_pf_vf *vf, u32 *msg)
{
	if (iovnic_pf_mbx_msginfo(msg) || !msg[1]) {
		iovnic_pf_vf_warn(vf, "malformed NEGOTIATE (version %u)\n",
				  msg[1]);
		return -EINVAL;
	}
	vf->mbx_version = min_t(u32, msg[1], IOVNIC_MBX_VERSION);
	vf->mbx_caps = msg[2] & IOVNIC_MBX_CAPS_V1;
	vf->mbx_stats[IOVNIC_VF_MBX_NEGOTIATED]++;
	iovnic_pf_switch_vf_queues(vf);
	msg[1] = vf->mbx_version;
	msg[2] = vf->mbx_caps;
	return 0;
}

static int iovnic_pf_mbx_handle_get_queues(struct iovnic_pf_vf *vf, u32 *msg)
{
	unsigned int pairs = iovnic_pf_vf_queue_pairs(vf);

	if (iovnic_pf_mbx_msginfo(msg))
		return -EINVAL;
	msg[1] = pairs;
	msg[2] = pairs > 1 ? IOVNIC_MBX_QUEUES_RSS : 0;
	return 0;
}

static int iovnic_pf_mbx_handle_get_max_frame(struct iovnic_pf_vf *vf,
					      u32 *msg)
{
	if (iovnic_pf_mbx_msginfo(msg))
		return -EINVAL;
	msg[1] = IOVNIC_MAX_FRAME;
	msg[2] = 0;
	return 0;
}

#define IOVNIC_PF_MBX_BASE(_id, _stat, _allowed, _fn) \
	{ .id = _id, .stat = _stat, .allowed = _allowed, \
	  .reply_words = IOVNIC_MBX_REPLY_WORDS, .handle = _fn }
#define IOVNIC_PF_MBX_EXT(_id, _stat, _caps, _fn) \
	{ .id = _id, .stat = _stat, .allowed = IOVNIC_PF_VF_READY, \
	  .caps = _caps, .reply_words = IOVNIC_MBX_EXT_REPLY_WORDS, \
	  .handle = _fn }

static const struct iovnic_pf_mbx_handler iovnic_pf_mbx_handlers[] = {
	{ .id = IOVNIC_MBX_RESET, .stat = IOVNIC_VF_MBX_RESETS,
	  .allowed = IOVNIC_PF_VF_ANY, .no_cts = true,
	  .reply_words = IOVNIC_MBX_RESET_REPLY_WORDS,
	  .handle = iovnic_pf_mbx_handle_reset },
	IOVNIC_PF_MBX_BASE(IOVNIC_MBX_SET_MAC_ADDR, IOVNIC_VF_MBX_SET_MAC,
			   IOVNIC_PF_VF_READY, iovnic_pf_mbx_handle_set_mac),
	IOVNIC_PF_MBX_BASE(IOVNIC_MBX_SET_MULTICAST, IOVNIC_VF_MBX_SET_MC,
			   IOVNIC_PF_VF_READY,
			   iovnic_pf_mbx_handle_set_multicast),
	IOVNIC_PF_MBX_BASE(IOVNIC_MBX_SET_VLAN, IOVNIC_VF_MBX_SET_VLAN,
			   IOVNIC_PF_VF_READY, iovnic_pf_mbx_handle_set_vlan),
	IOVNIC_PF_MBX_BASE(IOVNIC_MBX_SET_LPE, IOVNIC_VF_MBX_SET_LPE,
			   IOVNIC_PF_VF_READY, iovnic_pf_mbx_handle_set_lpe),
	IOVNIC_PF_MBX_BASE(IOVNIC_MBX_SET_PROMISC, IOVNIC_VF_MBX_SET_PROMISC,
			   IOVNIC_PF_VF_READY,
			   iovnic_pf_mbx_handle_set_promisc),
	IOVNIC_PF_MBX_EXT(IOVNIC_MBX_NEGOTIATE, IOVNIC_VF_MBX_RX, 0,
			  iovnic_pf_mbx_handle_negotiate),
	IOVNIC_PF_MBX_EXT(IOVNIC_MBX_GET_QUEUES, IOVNIC_VF_MBX_RX,
			  IOVNIC_MBX_CAP_QUEUES, iovnic_pf_mbx_handle_get_queues),
	IOVNIC_PF_MBX_EXT(IOVNIC_MBX_GET_MAX_FRAME, IOVNIC_VF_MBX_RX,
			  IOVNIC_MBX_CAP_MAX_FRAME,
			  iovnic_pf_mbx_handle_get_max_frame),
};

static const struct iovnic_pf_mbx_handler *iovnic_pf_mbx_find(u16 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(iovnic_pf_mbx_handlers); i++)
		if (iovnic_pf_mbx_handlers[i].id == id)
			return &iovnic_pf_mbx_handlers[i];
	return NULL;
}

static int iovnic_pf_mbx_dispatch(struct iovnic_pf_vf *vf, u32 *msg,
				  const struct iovnic_pf_mbx_handler *h)
{
	int err;

	if (!h) {
		vf->mbx_stats[IOVNIC_VF_MBX_UNKNOWN]++;
		vf->mbx_stats[IOVNIC_VF_MBX_INVALID]++;
		iovnic_pf_vf_warn(vf, "unhandled message 0x%08x\n", msg[0]);
		return -EOPNOTSUPP;
	}
	/* RESET counts itself once served; the extensions have no row */
	if (h->stat != IOVNIC_VF_MBX_RESETS && h->stat != IOVNIC_VF_MBX_RX)
		vf->mbx_stats[h->stat]++;
	if (!(h->allowed & BIT(vf->state)) || msg[0] & IOVNIC_PF_MBX_RSVD ||
	    (vf->mbx_caps & h->caps) != h->caps) {
		vf->mbx_stats[IOVNIC_VF_MBX_INVALID]++;
		return -EPERM;
	}
	err = h->handle(vf, msg);
	/* malformed, as opposed to refused by policy or a full table */
	if (err == -EINVAL)
		vf->mbx_stats[IOVNIC_VF_MBX_INVALID]++;
	return err;
}

/*
 * Length of the reply, and its CTS bit in @msg[0]. RESET's reply never
 * carries CTS (iovnic-mailbox.rst, "Messages"); a RESET whose word 0 has
 * reserved bits set was refused before its handler ran and is answered
 * as any malformed base message: one word, with CTS.
 */
static unsigned int
iovnic_pf_mbx_reply_words(struct iovnic_pf_vf *vf, u32 *msg,
			  const struct iovnic_pf_mbx_handler *h)
{
	if (h && h->no_cts && !(msg[0] & IOVNIC_PF_MBX_RSVD))
		return h->reply_words;
	if (iovnic_pf_vf_cts(vf))
		msg[0] |= IOVNIC_MBX_CTS;
	return h && !h->no_cts ? h->reply_words : IOVNIC_MBX_REPLY_WORDS;
}

/**
 * iovnic_pf_mbx_handle_request() - read, validate, execute and answer one
 *	VF request
 * @vf: the VF, lock held
 *
 * Return: 0, or -EBUSY if the VF held the buffer (try again later).
 */
int iovnic_pf_mbx_handle_request(struct iovnic_pf_vf *vf)
{
	const struct iovnic_pf_mbx_handler *h;
	u32 msg[IOVNIC_MBX_WORDS];
	unsigned int words;
	int err;

	lockdep_assert_held(&vf->lock);
	if (iovnic_pf_mbx_read(vf, msg, IOVNIC_MBX_WORDS))
		return -EBUSY;
	/* our own earlier reply still in the buffer: nothing was asked */
	if (msg[0] & IOVNIC_MBX_REPLY_BITS) {
		iovnic_pf_mbx_release(vf);
		return 0;
	}

	vf->mbx_stats[IOVNIC_VF_MBX_RX]++;
	h = iovnic_pf_mbx_find(iovnic_mbx_id(msg[0]));
	err = iovnic_pf_mbx_dispatch(vf, msg, h);

	msg[0] |= err ? IOVNIC_MBX_NACK : IOVNIC_MBX_ACK;
	words = iovnic_pf_mbx_reply_words(vf, msg, h);
	vf->mbx_stats[err ? IOVNIC_VF_MBX_NACKED : IOVNIC_VF_MBX_ACKED]++;
	iovnic_pf_mbx_post(vf, msg, words);
	return 0;
}
