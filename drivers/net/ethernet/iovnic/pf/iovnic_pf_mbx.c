// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic PF: mailbox transport towards the VFs and the server that
 * answers them (Documentation/networking/device_drivers/ethernet/
 * iovnic-mailbox.rst).
 *
 * The server runs in the PF's hard IRQ handler for the "other" vector, as
 * igb's does: a VF driver waits for our answer spinning with bottom halves
 * off (igbvf, up to a second), and two of them in the PF's own kernel
 * keep every CPU from running a workqueue or an IRQ thread, but not a hard
 * IRQ. A pass is a handful of MMIO accesses per VF, bounded by the token
 * buckets. The PF never waits on a VF: it takes the buffer lock once and,
 * if a VF holds it, tries again on a later pass, for which a hard-IRQ
 * hrtimer raises the interrupt again. Per VF, events are handled in the
 * order the protocol requires: VFLR, ACK, request.
 */
#include <linux/etherdevice.h>
#include <linux/jiffies.h>

#include "../lib/iovnic_compat.h"
#include "iovnic_pf.h"
#include "iovnic_pf_vf.h"

/* Token bucket per VF: IOVNIC_PF_MBX_BURST requests, then one every 5 ms */
#define IOVNIC_PF_MBX_TOKEN_MS		5
/* Reset events: IOVNIC_PF_MBX_FLR_BURST, then one every 100 ms */
#define IOVNIC_PF_MBX_FLR_TOKEN_MS	100
/* a VF holding its buffer is tried again this much later */
#define IOVNIC_PF_MBX_BUSY_MS		1
/* an owed ping waits for the VF to read our reply, polled this often */
#define IOVNIC_PF_MBX_UNREAD_MS		100
/*
 * CTRL_EXT.PFRSTD for a ping at most this often: it raises RSTD in every
 * VF, each of which then reads and ACKs its buffer. igbvf polls every 2 s,
 * so a ping is still seen within a watchdog period.
 */
#define IOVNIC_PF_MBX_RSTD_MS		500

/* Timer lock held: run a pass at @when unless one is due before. */
static void iovnic_pf_mbx_arm(struct iovnic_pf_sriov *sriov, ktime_t when)
{
	struct hrtimer *timer = &sriov->mbx_timer;

	lockdep_assert_held(&sriov->timer_lock);
	if (!hrtimer_is_queued(timer) ||
	    ktime_before(when, hrtimer_get_expires(timer)))
		hrtimer_start(timer, when, HRTIMER_MODE_ABS_HARD);
}

/* Run a pass @ms from now, or earlier if one is due before (never later). */
static void iovnic_pf_mbx_later(struct iovnic_pf *pf, unsigned int ms)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned long flags;

	spin_lock_irqsave(&sriov->timer_lock, flags);
	iovnic_pf_mbx_arm(sriov, ktime_add_ms(ktime_get(), ms));
	spin_unlock_irqrestore(&sriov->timer_lock, flags);
}

/*
 * QEMU raises a VF's mailbox interrupt on the wrong vector, so igbvf only
 * looks at its mailbox when its watchdog sees RSTD. Re-signalling reset
 * done (every VF just re-checks its link) makes a ping seen within the
 * watchdog period there, too. But each write makes every VF read and ACK
 * its buffer: pings share one write, at most every IOVNIC_PF_MBX_RSTD_MS.
 * @owed adds a ping; what is left is written by a later pass.
 */
static void iovnic_pf_mbx_signal_rstd(struct iovnic_pf *pf, bool owed)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned long next, flags;
	bool write = false;
	unsigned int ms;

	spin_lock_irqsave(&sriov->timer_lock, flags);
	sriov->rstd_owed |= owed;
	next = sriov->rstd_stamp + msecs_to_jiffies(IOVNIC_PF_MBX_RSTD_MS);
	if (sriov->rstd_owed && time_after_eq(jiffies, next)) {
		sriov->rstd_owed = false;
		sriov->rstd_stamp = jiffies;
		write = true;
	} else if (sriov->rstd_owed) {
		ms = jiffies_to_msecs(next - jiffies);
		iovnic_pf_mbx_arm(sriov, ktime_add_ms(ktime_get(), ms));
	}
	spin_unlock_irqrestore(&sriov->timer_lock, flags);
	if (write)
		iovnic_pf_sriov_signal_reset_done(pf);
}

static bool iovnic_pf_mbx_lock(struct iovnic_pf_vf *vf)
{
	struct iovnic_pf *pf = vf->pf;

	iovnic_pf_wr32(pf, IOVNIC_P2VMAILBOX(vf->id), IOVNIC_P2VMAILBOX_PFU);
	return iovnic_pf_rd32(pf, IOVNIC_P2VMAILBOX(vf->id)) &
	       IOVNIC_P2VMAILBOX_PFU;
}

void iovnic_pf_mbx_release(struct iovnic_pf_vf *vf)
{
	iovnic_pf_wr32(vf->pf, IOVNIC_P2VMAILBOX(vf->id), 0);
}

/**
 * iovnic_pf_mbx_read() - take the buffer and read a VF request
 * @vf: the VF
 * @msg: where the words go
 * @words: how many to read
 *
 * Acknowledges the request and keeps the buffer locked for the reply,
 * which iovnic_pf_mbx_post() or iovnic_pf_mbx_release() must follow.
 *
 * Return: 0, or -EBUSY if the VF holds the buffer.
 */
int iovnic_pf_mbx_read(struct iovnic_pf_vf *vf, u32 *msg, unsigned int words)
{
	struct iovnic_pf *pf = vf->pf;
	unsigned int i;

	if (!iovnic_pf_mbx_lock(vf))
		return -EBUSY;
	/* holding the buffer, the VF cannot post again before our reply */
	iovnic_pf_wr32(pf, IOVNIC_MBVFICR, IOVNIC_MBVFICR_VFREQ(vf->id));
	for (i = 0; i < words; i++)
		msg[i] = iovnic_pf_rd32(pf, IOVNIC_VMBMEM(vf->id) + 4 * i);
	iovnic_pf_wr32(pf, IOVNIC_P2VMAILBOX(vf->id),
		       IOVNIC_P2VMAILBOX_ACK | IOVNIC_P2VMAILBOX_PFU);
	return 0;
}

/**
 * iovnic_pf_mbx_post() - write a message into the held buffer and ring STS
 * @vf: the VF; the PF holds its buffer (iovnic_pf_mbx_read() or a send)
 * @msg: the message; for a reply, word 0 already carries ACK/NACK and CTS
 * @words: words to write; the rest of the buffer keeps what it held
 *
 * Ringing STS drops the PF's hold on the buffer.
 */
void iovnic_pf_mbx_post(struct iovnic_pf_vf *vf, const u32 *msg,
			unsigned int words)
{
	struct iovnic_pf *pf = vf->pf;
	unsigned int i;

	for (i = 0; i < words; i++)
		iovnic_pf_wr32(pf, IOVNIC_VMBMEM(vf->id) + 4 * i, msg[i]);
	/* the VF's ACK of anything older is of no interest any more */
	iovnic_pf_wr32(pf, IOVNIC_MBVFICR, IOVNIC_MBVFICR_VFACK(vf->id));
	iovnic_pf_wr32(pf, IOVNIC_P2VMAILBOX(vf->id), IOVNIC_P2VMAILBOX_STS);
	vf->unread = true;
	vf->posted_at = jiffies;
}

/*
 * Unsolicited message (ping, event, bare NACK). Never overwrites a request
 * the VF has posted but the PF has not read yet: that is checked while
 * holding the buffer, so no request can slip in between.
 *
 * Return: 0, -EBUSY if the VF holds the buffer, -EAGAIN if a request of
 * the VF is pending (it is answered first; its reply carries CTS state).
 */
static int iovnic_pf_mbx_send_msg(struct iovnic_pf_vf *vf, const u32 *msg,
				  unsigned int words)
{
	struct iovnic_pf *pf = vf->pf;

	if (!iovnic_pf_mbx_lock(vf)) {
		vf->mbx_stats[IOVNIC_VF_MBX_TX_BUSY]++;
		return -EBUSY;
	}
	if (iovnic_pf_rd32(pf, IOVNIC_MBVFICR) & IOVNIC_MBVFICR_VFREQ(vf->id)) {
		iovnic_pf_mbx_release(vf);
		return -EAGAIN;
	}
	iovnic_pf_mbx_post(vf, msg, words);
	return 0;
}

/**
 * iovnic_pf_mbx_send() - unsolicited one-word message (ping, bare NACK)
 * @vf: the VF
 * @word0: the word
 *
 * Return: see iovnic_pf_mbx_send_msg().
 */
int iovnic_pf_mbx_send(struct iovnic_pf_vf *vf, u32 word0)
{
	return iovnic_pf_mbx_send_msg(vf, &word0, 1);
}

/*
 * Which capability a VF needs to be told an event instead of pinged; the
 * link events supersede each other, so only the newest is kept.
 */
static bool iovnic_pf_mbx_event_wanted(struct iovnic_pf_vf *vf,
				       unsigned int event)
{
	switch (event) {
	case IOVNIC_MBX_EVENT_LINK_UP:
	case IOVNIC_MBX_EVENT_LINK_DOWN:
		if (!(vf->mbx_caps & IOVNIC_MBX_CAP_EVENTS))
			return false;
		__clear_bit(IOVNIC_MBX_EVENT_LINK_UP, &vf->events);
		__clear_bit(IOVNIC_MBX_EVENT_LINK_DOWN, &vf->events);
		return true;
	case IOVNIC_MBX_EVENT_ADMIN_CHANGE:
		return vf->mbx_caps & IOVNIC_MBX_CAP_LIVE_ADMIN;
	default:
		return false;
	}
}

/**
 * iovnic_pf_mbx_notify() - tell the VF about @event
 * @vf: the VF, lock held
 * @event: IOVNIC_MBX_EVENT_*
 *
 * A VF that negotiated the matching capability gets an EVENT message,
 * any other a ping (which makes it re-check link and CTS).
 *
 * Return: true if an EVENT is on its way, false if only a ping.
 */
bool iovnic_pf_mbx_notify(struct iovnic_pf_vf *vf, unsigned int event)
{
	bool wanted;

	lockdep_assert_held(&vf->lock);
	wanted = iovnic_pf_mbx_event_wanted(vf, event);
	if (wanted)
		__set_bit(event, &vf->events);
	iovnic_pf_mbx_ping(vf);
	return wanted;
}

/* Build the next owed message: the oldest event, or a ping. */
static unsigned int iovnic_pf_mbx_next_msg(struct iovnic_pf_vf *vf, u32 *msg,
					   unsigned int *event)
{
	u32 cts = iovnic_pf_vf_cts(vf) ? IOVNIC_MBX_CTS : 0;

	*event = find_first_bit(&vf->events, BITS_PER_LONG);
	if (*event >= BITS_PER_LONG) {
		msg[0] = iovnic_mbx_hdr(IOVNIC_MBX_PF_CONTROL, 0) | cts;
		return IOVNIC_MBX_PING_WORDS;
	}
	msg[0] = iovnic_mbx_hdr(IOVNIC_MBX_EVENT, 0) | cts;
	msg[1] = *event;
	return IOVNIC_MBX_EVENT_WORDS;
}

/**
 * iovnic_pf_mbx_ping() - send what is owed to the VF: events, else a ping
 * @vf: the VF, lock held
 *
 * If it cannot go out now it stays owed, and a later pass of the server
 * sends it after serving the VF's pending request or once the VF read our
 * last message.
 */
void iovnic_pf_mbx_ping(struct iovnic_pf_vf *vf)
{
	unsigned int words, event;
	u32 msg[IOVNIC_MBX_EVENT_WORDS];

	lockdep_assert_held(&vf->lock);
	vf->ping_pending = true;
	/*
	 * The buffer is shared: a ping would overwrite a reply the VF has not
	 * read yet (igbvf reads its RESET reply 10 ms after the ACK). Wait
	 * for its ACK, or a second if it never comes.
	 */
	if (vf->unread && time_before(jiffies, vf->posted_at + HZ)) {
		iovnic_pf_mbx_later(vf->pf, IOVNIC_PF_MBX_UNREAD_MS);
		return;
	}
	words = iovnic_pf_mbx_next_msg(vf, msg, &event);
	if (iovnic_pf_mbx_send_msg(vf, msg, words)) {
		iovnic_pf_mbx_later(vf->pf, IOVNIC_PF_MBX_BUSY_MS);
		return;
	}
	if (words == IOVNIC_MBX_EVENT_WORDS) {
		__clear_bit(event, &vf->events);
		vf->mbx_stats[IOVNIC_VF_MBX_EVENTS]++;
		/* the rest follows once the VF has read this one */
		vf->ping_pending = vf->events != 0;
		return;
	}
	vf->ping_pending = false;
	vf->mbx_stats[IOVNIC_VF_MBX_PINGS]++;
	iovnic_pf_mbx_signal_rstd(vf->pf, true);
}

/* Take a token from a bucket refilled by one per @ms up to @burst. */
static bool iovnic_pf_mbx_take(unsigned int *tokens, unsigned long *stamp,
			       unsigned int ms, unsigned int burst)
{
	unsigned int refill = jiffies_to_msecs(jiffies - *stamp) / ms;

	if (refill) {
		*tokens = min(*tokens + refill, burst);
		*stamp = jiffies;
	}
	if (!*tokens)
		return false;
	(*tokens)--;
	return true;
}

/* A VF read something while not clear-to-send: push it into a reset. */
static void iovnic_pf_mbx_handle_ack(struct iovnic_pf_vf *vf)
{
	if (!iovnic_pf_vf_nack_due(vf))
		return;
	if (!iovnic_pf_mbx_send(vf, IOVNIC_MBX_NACK))
		iovnic_pf_vf_nack_sent(vf);
}

/*
 * VF reset event (VFLRE): forget the VF's setup. Rate limited per VF, as
 * each one rewrites shared tables; what arrives meanwhile is one event
 * (VFLRE is a sticky bit), and the VF's requests wait behind it.
 *
 * Return: false if the VF must wait for a later pass.
 */
static bool iovnic_pf_mbx_handle_flr(struct iovnic_pf_vf *vf)
{
	struct iovnic_pf *pf = vf->pf;

	if (!iovnic_pf_mbx_take(&vf->flr_tokens, &vf->flr_stamp,
				IOVNIC_PF_MBX_FLR_TOKEN_MS,
				IOVNIC_PF_MBX_FLR_BURST)) {
		vf->mbx_stats[IOVNIC_VF_MBX_RATE_LIMITED]++;
		dev_warn_ratelimited(&pf->pdev->dev,
				     "VF %u: reset flood, rate limited\n", vf->id);
		return false;
	}
	iovnic_pf_wr32(pf, IOVNIC_VFLRE, BIT(vf->id));
	iovnic_pf_vf_reset(vf, IOVNIC_PF_VF_RESET_FLR);
	return true;
}

/* Return: true if the VF has to be served again on a later pass */
static bool iovnic_pf_mbx_service_vf(struct iovnic_pf_vf *vf, u32 mbvficr,
				     u32 vflre, bool ping)
{
	struct iovnic_pf *pf = vf->pf;
	bool deferred = false;

	/* test only: user space plays the PF for this VF (debugfs mbx_user) */
	if ((int)vf->id == READ_ONCE(pf->sriov.mbx_user))
		return false;
	spin_lock(&vf->lock);
	if (vflre & BIT(vf->id) && !iovnic_pf_mbx_handle_flr(vf)) {
		spin_unlock(&vf->lock);
		return true;
	}
	/*
	 * An ACK in this snapshot was for a message posted before it, so it
	 * is taken before the request: taken after, it would mark the reply
	 * we are about to post as read, and a ping would overwrite it.
	 */
	if (mbvficr & IOVNIC_MBVFICR_VFACK(vf->id)) {
		iovnic_pf_wr32(pf, IOVNIC_MBVFICR, IOVNIC_MBVFICR_VFACK(vf->id));
		vf->unread = false;
		iovnic_pf_mbx_handle_ack(vf);
	}
	if (mbvficr & IOVNIC_MBVFICR_VFREQ(vf->id)) {
		if (iovnic_pf_mbx_take(&vf->tokens, &vf->tokens_stamp,
				       IOVNIC_PF_MBX_TOKEN_MS,
				       IOVNIC_PF_MBX_BURST)) {
			/* VF holds the buffer: its request is not complete */
			if (iovnic_pf_mbx_handle_request(vf))
				deferred = true;
		} else {
			/* leave VFREQ set: the request waits in the buffer */
			vf->mbx_stats[IOVNIC_VF_MBX_RATE_LIMITED]++;
			dev_warn_ratelimited(&pf->pdev->dev,
					     "VF %u: mailbox flood, rate limited\n",
					     vf->id);
			deferred = true;
		}
	}
	if (ping) {
		/* the rate factor is relative to the link speed */
		iovnic_pf_switch_vf_rate(vf);
		iovnic_pf_mbx_notify(vf, iovnic_pf_sriov_vf_link_up(vf) ?
					 IOVNIC_MBX_EVENT_LINK_UP :
					 IOVNIC_MBX_EVENT_LINK_DOWN);
	} else if (vf->ping_pending) {
		iovnic_pf_mbx_ping(vf);
	}
	spin_unlock(&vf->lock);
	return deferred;
}

/**
 * iovnic_pf_mbx_serve() - serve every pending VF mailbox event, one pass
 * @pf: the PF
 *
 * Called from the "other" interrupt and from process context; passes never
 * overlap. One request per VF per pass, so a busy VF cannot starve the
 * others: the interrupt comes again for what arrived meanwhile, and the
 * timer raises it for what was held back.
 */
void iovnic_pf_mbx_serve(struct iovnic_pf *pf)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	bool deferred = false, ping;
	unsigned long flags;
	u32 mbvficr, vflre;
	unsigned int v;

	spin_lock_irqsave(&sriov->mbx_lock, flags);
	if (!sriov->mbx_on || iovnic_pf_removed(pf))
		goto unlock;

	ping = atomic_xchg(&sriov->ping_all, 0);
	/*
	 * MBVFICR before VFLRE: a VF reset landing between the two reads is
	 * then handled before the RESET request that follows it, never after.
	 */
	mbvficr = iovnic_pf_rd32(pf, IOVNIC_MBVFICR);
	vflre = iovnic_pf_rd32(pf, IOVNIC_VFLRE);
	for (v = 0; v < sriov->num_vfs; v++)
		deferred |= iovnic_pf_mbx_service_vf(&sriov->vfs[v], mbvficr,
						     vflre, ping);
	if (deferred)
		iovnic_pf_mbx_later(pf, IOVNIC_PF_MBX_TOKEN_MS);
	iovnic_pf_mbx_signal_rstd(pf, false);
	iovnic_pf_devlink_mbx_check(pf);
unlock:
	spin_unlock_irqrestore(&sriov->mbx_lock, flags);
}

/*
 * A hard hrtimer, as softirqs wait behind the same spinning VF drivers.
 * It takes no lock (spinlock_t sleeps there on PREEMPT_RT): it raises the
 * mailbox cause, and the interrupt handler runs the pass.
 */
static enum hrtimer_restart iovnic_pf_mbx_timer(struct hrtimer *timer)
{
	struct iovnic_pf_sriov *sriov = container_of(timer,
						     struct iovnic_pf_sriov,
						     mbx_timer);
	struct iovnic_pf *pf = container_of(sriov, struct iovnic_pf, sriov);

	if (READ_ONCE(sriov->mbx_on) && !iovnic_pf_removed(pf))
		iovnic_pf_wr32(pf, IOVNIC_ICS, IOVNIC_ICR_VMMB);
	return HRTIMER_NORESTART;
}

/**
 * iovnic_pf_mbx_start() - let the server run: VFs published or reset over
 * @pf: the PF (sriov.cfg_lock held)
 */
void iovnic_pf_mbx_start(struct iovnic_pf *pf)
{
	unsigned long flags;

	spin_lock_irqsave(&pf->sriov.mbx_lock, flags);
	WRITE_ONCE(pf->sriov.mbx_on, true);
	spin_unlock_irqrestore(&pf->sriov.mbx_lock, flags);
	/*
	 * The pings owed since the stop (a PF reset tells every VF) need not
	 * wait for the PFRSTD rate limit: that limit is against VFs making
	 * the PF write it, and the PF decided this itself.
	 */
	spin_lock_irqsave(&pf->sriov.timer_lock, flags);
	pf->sriov.rstd_stamp = jiffies -
			       msecs_to_jiffies(IOVNIC_PF_MBX_RSTD_MS);
	spin_unlock_irqrestore(&pf->sriov.timer_lock, flags);
}

/**
 * iovnic_pf_mbx_stop() - no pass runs or starts once this returns
 * @pf: the PF (process context)
 *
 * Before the VFs are unpublished, a PF reset, and at remove once the
 * interrupt is freed. A pass that runs later (the interrupt, a ping of
 * the admin path arming the timer) finds the server off and does nothing,
 * and the timer no longer raises the interrupt.
 */
void iovnic_pf_mbx_stop(struct iovnic_pf *pf)
{
	unsigned long flags;

	spin_lock_irqsave(&pf->sriov.mbx_lock, flags);
	WRITE_ONCE(pf->sriov.mbx_on, false);
	spin_unlock_irqrestore(&pf->sriov.mbx_lock, flags);
	hrtimer_cancel(&pf->sriov.mbx_timer);
}

/**
 * iovnic_pf_mbx_init() - set up the server's locks and timer at probe
 * @pf: the PF
 */
void iovnic_pf_mbx_init(struct iovnic_pf *pf)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;

	spin_lock_init(&sriov->mbx_lock);
	spin_lock_init(&sriov->timer_lock);
	hrtimer_setup(&sriov->mbx_timer, iovnic_pf_mbx_timer, CLOCK_MONOTONIC,
		      HRTIMER_MODE_ABS_HARD);
	sriov->rstd_stamp = jiffies - msecs_to_jiffies(IOVNIC_PF_MBX_RSTD_MS);
}
