// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_vf mailbox client: the VF side of the igb <-> igbvf protocol.
 *
 * One request is outstanding at a time: lock the buffer, write it, ring
 * REQ, wait for PFACK, wait for PFSTS, lock again and read the reply in
 * place, then ACK (which releases the buffer). Reading V2PMAILBOX clears
 * PFSTS, PFACK and RSTD, so every read goes through
 * iovnic_vf_mbx_read_ctl(), which keeps what it saw until it is consumed.
 */
#include <linux/etherdevice.h>
#include <linux/iopoll.h>
#include <linux/delay.h>

#include "iovnic_vf.h"

#define IOVNIC_VF_MBX_POLL_US		500
/* igbvf: 200 polls, 5 us apart, for the PF to leave reset */
#define IOVNIC_VF_RSTI_POLL_US		5
#define IOVNIC_VF_RSTI_TIMEOUT_US	1000
/* the PF needs a moment after ACKing RESET to program the VF */
#define IOVNIC_VF_RESET_REPLY_DELAY_MS	10

static u32 iovnic_vf_mbx_read_ctl(struct iovnic_vf *vf)
{
	u32 v2p = iovnic_vf_rd32(vf, IOVNIC_V2PMAILBOX);

	/* gone (callers check), or not confirmed by STATUS: nothing seen */
	if (v2p == ~0U)
		return 0;
	vf->mbx.r2c |= v2p & IOVNIC_V2PMAILBOX_R2C_BITS;
	return v2p;
}

/* Consume one remembered read-to-clear bit; true if it was set. */
static bool iovnic_vf_mbx_take(struct iovnic_vf *vf, u32 bit)
{
	iovnic_vf_mbx_read_ctl(vf);
	if (iovnic_vf_gone(vf))
		return true;	/* ends any poll; callers check iovnic_vf_gone() */
	if (!(vf->mbx.r2c & bit))
		return false;
	vf->mbx.r2c &= ~bit;
	return true;
}

static int iovnic_vf_mbx_wait(struct iovnic_vf *vf, u32 bit)
{
	bool seen;
	int err;

	err = read_poll_timeout(iovnic_vf_mbx_take, seen, seen,
				IOVNIC_VF_MBX_POLL_US, IOVNIC_MBX_TIMEOUT_US,
				false, vf, bit);
	if (iovnic_vf_gone(vf))
		return -ENODEV;
	if (err) {
		netdev_dbg(vf->netdev, "mailbox: no %s from the PF\n",
			   bit == IOVNIC_V2PMAILBOX_PFACK ? "ACK" : "message");
		vf->mbx.stats.timeouts++;
		/* like igbvf: no more posted messages until a reset works */
		WRITE_ONCE(vf->mbx.hs, IOVNIC_VF_HS_RESET);
		return -ETIMEDOUT;
	}
	return 0;
}

static int iovnic_vf_mbx_lock(struct iovnic_vf *vf)
{
	int i;

	for (i = 0; i < IOVNIC_MBX_LOCK_TRIES; i++) {
		iovnic_vf_wr32(vf, IOVNIC_V2PMAILBOX, IOVNIC_V2PMAILBOX_VFU);
		if (iovnic_vf_mbx_read_ctl(vf) & IOVNIC_V2PMAILBOX_VFU)
			return 0;
		if (iovnic_vf_gone(vf))
			return -ENODEV;
		usleep_range(IOVNIC_MBX_LOCK_DELAY_US,
			     IOVNIC_MBX_LOCK_DELAY_US + 200);
	}
	vf->mbx.stats.lock_busy++;
	return -EBUSY;
}

/* Copy the buffer out and ACK it; the ACK write releases the lock. */
static int iovnic_vf_mbx_read_locked(struct iovnic_vf *vf, u32 *msg, int words)
{
	int err, i;

	err = iovnic_vf_mbx_lock(vf);
	if (err)
		return err;
	for (i = 0; i < words; i++)
		msg[i] = iovnic_vf_rd32(vf, IOVNIC_VF_VMBMEM + 4 * i);
	iovnic_vf_wr32(vf, IOVNIC_V2PMAILBOX, IOVNIC_V2PMAILBOX_ACK);
	vf->mbx.stats.rx++;
	return 0;
}

/*
 * What a word from the PF says about us (see enum iovnic_vf_hs): CTS
 * means clear-to-send; a NACK without it that the PF lost our state
 * (igb's answer to anything from a VF that did not RESET); anything else
 * without it that the PF keeps our state but holds our traffic (a PF
 * whose netdev is down still serves the mailbox). Mailbox lock held.
 */
static void iovnic_vf_mbx_note_cts(struct iovnic_vf *vf, u32 word0)
{
	if (vf->mbx.hs == IOVNIC_VF_HS_RESET)
		return;		/* only a RESET gets us out of there */
	if (word0 & IOVNIC_MBX_CTS) {
		WRITE_ONCE(vf->mbx.hs, IOVNIC_VF_HS_CTS);
	} else if (word0 & IOVNIC_MBX_NACK) {
		dev_info_ratelimited(&vf->pdev->dev,
				     "mailbox: the PF lost our state, resetting\n");
		WRITE_ONCE(vf->mbx.hs, IOVNIC_VF_HS_RESET);
	} else {
		WRITE_ONCE(vf->mbx.hs, IOVNIC_VF_HS_HELD);
	}
}

/*
 * A message the PF sent on its own (ping, EVENT or bare NACK), read with
 * the mailbox lock held: count it, note an EVENT for the watchdog, and
 * what it says about our state.
 */
static void iovnic_vf_mbx_note_unsolicited(struct iovnic_vf *vf,
					   const u32 *msg)
{
	vf->mbx.stats.pings++;
	iovnic_vf_ext_note_msg(vf, msg);
	iovnic_vf_mbx_note_cts(vf, msg[0]);
}

/*
 * A PF message we have not read yet (a ping or an EVENT) is in the buffer
 * we hold and are about to overwrite: take note of it and ACK it first,
 * or an event would be lost.
 */
static void iovnic_vf_mbx_read_unread(struct iovnic_vf *vf)
{
	u32 msg[2];

	if (!(vf->mbx.r2c & IOVNIC_V2PMAILBOX_PFSTS))
		return;
	msg[0] = iovnic_vf_rd32(vf, IOVNIC_VF_VMBMEM);
	msg[1] = iovnic_vf_rd32(vf, IOVNIC_VF_VMBMEM + 4);
	/* ACK without dropping VFU: we keep the buffer for our request */
	iovnic_vf_wr32(vf, IOVNIC_V2PMAILBOX,
		       IOVNIC_V2PMAILBOX_ACK | IOVNIC_V2PMAILBOX_VFU);
	vf->mbx.stats.rx++;
	iovnic_vf_mbx_note_unsolicited(vf, msg);
}

static int iovnic_vf_mbx_post(struct iovnic_vf *vf, const u32 *msg, int words)
{
	int err, i;

	err = iovnic_vf_mbx_lock(vf);
	if (err)
		return err;
	iovnic_vf_mbx_read_unread(vf);
	/* stale notifications must not satisfy this request's waits */
	vf->mbx.r2c &= ~(IOVNIC_V2PMAILBOX_PFSTS | IOVNIC_V2PMAILBOX_PFACK);
	for (i = 0; i < words; i++)
		iovnic_vf_wr32(vf, IOVNIC_VF_VMBMEM + 4 * i, msg[i]);
	/* REQ also drops VFU */
	iovnic_vf_wr32(vf, IOVNIC_V2PMAILBOX, IOVNIC_V2PMAILBOX_REQ);
	vf->mbx.stats.tx++;
	return iovnic_vf_mbx_wait(vf, IOVNIC_V2PMAILBOX_PFACK);
}

static int iovnic_vf_mbx_exchange(struct iovnic_vf *vf, u32 *msg,
				  int req_words, int reply_words)
{
	int err;

	lockdep_assert_held(&vf->mbx.lock);

	err = iovnic_vf_mbx_post(vf, msg, req_words);
	if (err)
		return err;
	err = iovnic_vf_mbx_wait(vf, IOVNIC_V2PMAILBOX_PFSTS);
	if (err)
		return err;
	return iovnic_vf_mbx_read_locked(vf, msg, reply_words);
}

/* A PF that answers with garbage is worth a line in the log, not more. */
static void iovnic_vf_mbx_bad_reply(struct iovnic_vf *vf, u32 id, u32 word0)
{
	vf->mbx.stats.bad_reply++;
	dev_warn_ratelimited(&vf->pdev->dev,
			     "mailbox: malformed reply %#010x from the PF to request %#x\n",
			     word0, id);
}

/* PF -> VF messages that are not replies: pings and EVENTs */
static bool iovnic_vf_mbx_is_unsolicited(const u32 *msg)
{
	u16 id = iovnic_mbx_id(msg[0]);

	return id == IOVNIC_MBX_PF_CONTROL || id == IOVNIC_MBX_EVENT;
}

/* bounds the wait for a reply behind a run of pings and events */
#define IOVNIC_VF_MBX_MAX_UNSOLICITED	4

/*
 * The PF took our request (PFACK) but a ping or an event got into the
 * buffer before its reply: note it, the reply is still to come. Return:
 * 0 with what came last in @msg, or a negative errno.
 */
static int iovnic_vf_mbx_skip_unsolicited(struct iovnic_vf *vf, u32 *msg,
					  int words)
{
	int err, n = 0;

	while (iovnic_vf_mbx_is_unsolicited(msg) &&
	       n++ < IOVNIC_VF_MBX_MAX_UNSOLICITED) {
		iovnic_vf_mbx_note_unsolicited(vf, msg);
		err = iovnic_vf_mbx_wait(vf, IOVNIC_V2PMAILBOX_PFSTS);
		if (!err)
			err = iovnic_vf_mbx_read_locked(vf, msg, words);
		if (err)
			return err;
	}
	return 0;
}

/**
 * iovnic_vf_mbx_request() - send a request and classify the reply
 * @vf: the VF
 * @msg: request in, reply out; at least @req_words, @reply_words and 2
 *	words long
 * @req_words: words to send
 * @reply_words: words of the reply to read back
 *
 * An ACK without CTS is a success too: the PF took the request but holds
 * our traffic (its netdev is down); the carrier stays off until it sends
 * CTS again.
 *
 * Return: 0 for ACK, -EPERM for NACK|CTS (the PF refused), -ECONNRESET
 * for a NACK without CTS (the PF lost our state: a reset is scheduled),
 * another negative errno when the PF did not answer (also schedules a
 * reset).
 */
int iovnic_vf_mbx_request(struct iovnic_vf *vf, u32 *msg, int req_words,
			  int reply_words)
{
	u16 id = iovnic_mbx_id(msg[0]);
	int err;

	/* an EVENT in place of the reply carries its code in word 1 */
	reply_words = max(reply_words, IOVNIC_MBX_EVENT_WORDS);
	mutex_lock(&vf->mbx.lock);
	if (vf->mbx.hs == IOVNIC_VF_HS_RESET) {
		err = -EIO;
		goto unlock;
	}
	err = iovnic_vf_mbx_exchange(vf, msg, req_words, reply_words);
	if (!err)
		err = iovnic_vf_mbx_skip_unsolicited(vf, msg, reply_words);
	if (err)
		goto unlock;

	if (iovnic_mbx_id(msg[0]) != id) {
		iovnic_vf_mbx_bad_reply(vf, id, msg[0]);
		err = -EPROTO;
		goto unlock;
	}
	iovnic_vf_mbx_note_cts(vf, msg[0]);
	if (vf->mbx.hs == IOVNIC_VF_HS_RESET) {
		vf->mbx.stats.nacks++;
		err = -ECONNRESET;
	} else if (msg[0] & IOVNIC_MBX_NACK) {
		vf->mbx.stats.nacks++;
		err = -EPERM;
	} else if (!(msg[0] & IOVNIC_MBX_ACK)) {
		iovnic_vf_mbx_bad_reply(vf, id, msg[0]);
		err = -EPROTO;
	}
unlock:
	mutex_unlock(&vf->mbx.lock);
	if (err && err != -EPERM) {
		netdev_dbg(vf->netdev, "mailbox: request %#x failed (%d)\n",
			   id, err);
		iovnic_vf_request_reset(vf);
	}
	return err;
}

/**
 * iovnic_vf_mbx_set_mac() - ask the PF to give us a unicast address
 * @vf: the VF
 * @addr: the address
 *
 * Return: 0 on success, -EPERM if the PF refused (administrator's MAC on
 * an untrusted VF, invalid address), another negative errno otherwise.
 */
int iovnic_vf_mbx_set_mac(struct iovnic_vf *vf, const u8 *addr)
{
	u32 msg[IOVNIC_MBX_MAC_WORDS] = { IOVNIC_MBX_SET_MAC_ADDR };

	iovnic_mbx_put_mac(msg, addr);
	/* the reply is one word; reading the MAC words back costs nothing */
	return iovnic_vf_mbx_request(vf, msg, IOVNIC_MBX_MAC_WORDS,
				     IOVNIC_MBX_MAC_WORDS);
}

/**
 * iovnic_vf_mbx_set_multicast() - program our multicast hash list
 * @vf: the VF
 * @hashes: type-0 MTA hashes
 * @count: number of hashes; more than IOVNIC_MBX_MAX_MC_HASHES asks the PF
 *	for all-multicast (only the first 30 are carried)
 *
 * Return: 0 on success or a negative errno.
 */
int iovnic_vf_mbx_set_multicast(struct iovnic_vf *vf, const u16 *hashes,
				unsigned int count)
{
	u32 msg[IOVNIC_MBX_WORDS] = {};
	unsigned int i, n;

	n = min_t(unsigned int, count, IOVNIC_MBX_MAX_MC_HASHES);
	/* igb treats a count > 30 as "all multicast" (VMOLR.MPME) */
	msg[0] = iovnic_mbx_hdr(IOVNIC_MBX_SET_MULTICAST,
				min_t(u32, count, U8_MAX));
	for (i = 0; i < n; i++)
		iovnic_mbx_put_mc_hash(msg, i, hashes[i]);
	return iovnic_vf_mbx_request(vf, msg, IOVNIC_MBX_MC_WORDS(n),
				     IOVNIC_MBX_REPLY_WORDS);
}

/**
 * iovnic_vf_mbx_set_vlan() - add or remove a VLAN filter for this VF
 * @vf: the VF
 * @vid: VLAN ID
 * @add: true to add, false to remove
 *
 * Return: 0 on success, -EPERM when refused (port VLAN set by the
 * administrator, VLVF table full), another negative errno otherwise.
 */
int iovnic_vf_mbx_set_vlan(struct iovnic_vf *vf, u16 vid, bool add)
{
	u32 msg[IOVNIC_MBX_VLAN_WORDS];

	msg[0] = iovnic_mbx_hdr(IOVNIC_MBX_SET_VLAN, add);
	msg[1] = vid & VLAN_VID_MASK;
	return iovnic_vf_mbx_request(vf, msg, IOVNIC_MBX_VLAN_WORDS,
				     IOVNIC_MBX_VLAN_WORDS);
}

/**
 * iovnic_vf_mbx_set_max_frame() - set the largest frame the pool accepts
 * @vf: the VF
 * @max_frame: bytes, including one VLAN tag and the CRC
 *
 * Return: 0 on success or a negative errno.
 */
int iovnic_vf_mbx_set_max_frame(struct iovnic_vf *vf, u32 max_frame)
{
	u32 msg[IOVNIC_MBX_LPE_WORDS] = { IOVNIC_MBX_SET_LPE, max_frame };

	return iovnic_vf_mbx_request(vf, msg, IOVNIC_MBX_LPE_WORDS,
				     IOVNIC_MBX_REPLY_WORDS);
}

/**
 * iovnic_vf_mbx_set_promisc() - switch multicast promiscuous mode
 * @vf: the VF
 * @allmulti: true for all multicast, false for the hash list only
 *
 * The PF honours this for trusted VFs only; a refusal leaves the hash
 * list in place, which is what the caller falls back to.
 *
 * Return: 0 on success, -EPERM when refused, another negative errno.
 */
int iovnic_vf_mbx_set_promisc(struct iovnic_vf *vf, bool allmulti)
{
	/* room for an EVENT that arrives in place of the reply */
	u32 msg[IOVNIC_MBX_EVENT_WORDS] = {};

	msg[0] = iovnic_mbx_hdr(IOVNIC_MBX_SET_PROMISC,
				allmulti ? IOVNIC_MBX_PROMISC_MULTICAST : 0);
	return iovnic_vf_mbx_request(vf, msg, IOVNIC_MBX_PROMISC_WORDS,
				     IOVNIC_MBX_REPLY_WORDS);
}

/* Wait for the PF to be out of reset; RSTI set means it is still busy. */
static int iovnic_vf_mbx_wait_pf_ready(struct iovnic_vf *vf)
{
	u32 v2p;
	int err;

	err = read_poll_timeout_atomic(iovnic_vf_mbx_read_ctl, v2p,
				       !(v2p & IOVNIC_V2PMAILBOX_RSTI) ||
				       iovnic_vf_gone(vf),
				       IOVNIC_VF_RSTI_POLL_US,
				       IOVNIC_VF_RSTI_TIMEOUT_US, false, vf);
	if (iovnic_vf_gone(vf))
		return -ENODEV;
	return err ? -EAGAIN : 0;
}

/**
 * iovnic_vf_mbx_reset() - reset the VF and redo the RESET handshake
 * @vf: the VF
 * @addr: filled with the MAC the PF assigned, or zeroed if it has none
 *
 * Resets the VF's queues and interrupts (CTRL.RST), waits for the PF to be
 * out of reset, and sends RESET. On success the mailbox accepts requests
 * again.
 *
 * Return: 0 with the PF's MAC, 0 with a zero @addr when the PF has no MAC
 * for us (it NACKed), -EAGAIN when the PF is still resetting, another
 * negative errno when the PF did not answer.
 */
int iovnic_vf_mbx_reset(struct iovnic_vf *vf, u8 *addr)
{
	u32 msg[IOVNIC_MBX_RESET_REPLY_WORDS] = { IOVNIC_MBX_RESET };
	int err;

	eth_zero_addr(addr);
	mutex_lock(&vf->mbx.lock);
	WRITE_ONCE(vf->mbx.hs, IOVNIC_VF_HS_RESET);
	/* PF still in reset: no point resetting ourselves yet */
	if (iovnic_vf_mbx_read_ctl(vf) & IOVNIC_V2PMAILBOX_RSTI) {
		err = -EAGAIN;
		goto unlock;
	}
	iovnic_vf_wr32(vf, IOVNIC_VF_CTRL, IOVNIC_VF_CTRL_RST);
	err = iovnic_vf_mbx_wait_pf_ready(vf);
	if (err)
		goto unlock;
	/* a reset done that we are acting on now is consumed */
	vf->mbx.r2c &= ~IOVNIC_V2PMAILBOX_RSTD;

	err = iovnic_vf_mbx_post(vf, msg, IOVNIC_MBX_RESET_WORDS);
	if (err)
		goto unlock;
	msleep(IOVNIC_VF_RESET_REPLY_DELAY_MS);
	err = iovnic_vf_mbx_wait(vf, IOVNIC_V2PMAILBOX_PFSTS);
	if (err)
		goto unlock;
	err = iovnic_vf_mbx_read_locked(vf, msg, IOVNIC_MBX_RESET_REPLY_WORDS);
	if (!err)
		err = iovnic_vf_mbx_skip_unsolicited(vf, msg,
						     IOVNIC_MBX_RESET_REPLY_WORDS);
	if (err)
		goto unlock;

	/* the RESET reply carries no CTS (iovnic-mailbox.rst, "Reset handshake") */
	switch (msg[0] & ~IOVNIC_MBX_CTS) {
	case IOVNIC_MBX_RESET | IOVNIC_MBX_ACK:
		iovnic_mbx_get_mac(msg, addr);
		if (!is_valid_ether_addr(addr))
			eth_zero_addr(addr);
		break;
	case IOVNIC_MBX_RESET | IOVNIC_MBX_NACK:
		break;
	default:
		iovnic_vf_mbx_bad_reply(vf, IOVNIC_MBX_RESET, msg[0]);
		err = -EPROTO;
		goto unlock;
	}
	/* the RESET reply says nothing about CTS: the next word will */
	WRITE_ONCE(vf->mbx.hs, IOVNIC_VF_HS_HELD);
	vf->mbx.stats.resets++;
unlock:
	mutex_unlock(&vf->mbx.lock);
	return err;
}

/**
 * iovnic_vf_mbx_check_pf() - poll the PF's view of us, for the link check
 * @vf: the VF
 *
 * Reads V2PMAILBOX for a PF in reset (RSTI) and, if the PF has written
 * something since we last looked, the message: a ping, EVENT (noted for
 * the watchdog) or reply updates the handshake state (enum iovnic_vf_hs).
 * Reading the buffer ACKs it, which is what makes a PF that lost our
 * state send its bare NACK.
 *
 * Return: 0, or -ENODEV if the device vanished.
 */
int iovnic_vf_mbx_check_pf(struct iovnic_vf *vf)
{
	u32 v2p, msg[2];
	int err = 0;

	mutex_lock(&vf->mbx.lock);
	v2p = iovnic_vf_mbx_read_ctl(vf);
	if (iovnic_vf_gone(vf)) {
		err = -ENODEV;
		goto unlock;
	}
	if (v2p & IOVNIC_V2PMAILBOX_RSTI) {
		vf->mbx.stats.pf_resets++;
		WRITE_ONCE(vf->mbx.hs, IOVNIC_VF_HS_RESET);
		goto unlock;
	}
	/*
	 * RSTD alone only asks for a re-check, as igbvf takes it: a PF may
	 * re-signal it with pings (ours does, QEMU routing the mailbox
	 * interrupt to the wrong vector), and resetting on it would bounce
	 * every VF on every ping. A PF that really lost our state pings
	 * without CTS and NACKs our ACK of that: the NACK resets us.
	 */
	vf->mbx.r2c &= ~IOVNIC_V2PMAILBOX_RSTD;
	if (vf->mbx.hs == IOVNIC_VF_HS_RESET ||
	    !(vf->mbx.r2c & IOVNIC_V2PMAILBOX_PFSTS))
		goto unlock;
	vf->mbx.r2c &= ~IOVNIC_V2PMAILBOX_PFSTS;
	if (!iovnic_vf_mbx_read_locked(vf, msg, 2))
		iovnic_vf_mbx_note_unsolicited(vf, msg);
unlock:
	mutex_unlock(&vf->mbx.lock);
	return err;
}

/**
 * iovnic_vf_mbx_strerror() - what a mailbox error says about the PF
 * @err: a negative errno from iovnic_vf_mbx_reset() or a request
 *
 * Return: a short text for the log.
 */
const char *iovnic_vf_mbx_strerror(int err)
{
	switch (err) {
	case -ETIMEDOUT:
		return "the PF did not answer";
	case -EPROTO:
		return "the PF sent a malformed reply";
	case -ECONNRESET:
		return "the PF lost our state";
	case -EAGAIN:
		return "the PF is resetting";
	case -EBUSY:
		return "the mailbox stayed locked";
	case -EIO:
		return "a request failed before";
	case -ENODEV:
		return "the device is gone";
	default:
		return "request refused or failed";
	}
}

/**
 * iovnic_vf_mbx_ready() - may requests be sent
 * @vf: the VF
 *
 * Return: false until the RESET handshake is done, or when it must be
 * redone; requests would fail with -EIO then.
 */
bool iovnic_vf_mbx_ready(struct iovnic_vf *vf)
{
	return READ_ONCE(vf->mbx.hs) != IOVNIC_VF_HS_RESET;
}

void iovnic_vf_mbx_init(struct iovnic_vf *vf)
{
	mutex_init(&vf->mbx.lock);
	vf->mbx.r2c = 0;
	vf->mbx.hs = IOVNIC_VF_HS_RESET;
}

void iovnic_vf_mbx_destroy(struct iovnic_vf *vf)
{
	mutex_destroy(&vf->mbx.lock);
}
