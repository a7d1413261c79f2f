// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_rogue_vf: play a hostile Virtual Function against the PF's
 * mailbox server, from user space, through the BAR of a VF that no driver
 * owns. Used by sriov_hostile_vf.sh; also useful by hand:
 *
 *   iovnic_rogue_vf --vf 0000:01:10.4 --mode all --count 100000 --seed 7
 *
 * Modes (--mode, default all):
 *   random  random words, lengths and mailbox register bits
 *   ids     every message ID (base, iovnic extension range, unknown) with
 *           garbage and boundary payloads, MSGINFO values and reply bits,
 *           after claiming each --victim MAC (as its own and as a filter)
 *           and asking for more VLANs than the shared VLVF table holds
 *   order   requests before RESET, RESET twice, requests whose ACK/reply
 *           is never read, REQ without the lock, REQ while holding the
 *           lock, the lock held for --hold-ms, spurious ACKs
 *   flood   requests at full speed, never waiting for the PF
 *   regs    writes to the VF's own other registers: CTRL, interrupt
 *           registers, IVAR, EITR, queue registers, random offsets
 *   all     order, ids, random, regs (1/80 of --count each), then flood
 *           for the rest of --count and at least a second; with --seconds
 *           the sequence repeats, so the flood takes about half the time
 *   mute    the control load: flood's register writes without the
 *           doorbell (REQ), so the PF sees nothing; --count "messages"
 *   send    one well-formed request, the --word values, --count times,
 *           word --vary W plus the repetition number (distinct MACs or
 *           VLANs); prints "send: acked=N nacked=N last=0x..." (no RESET
 *           first: send 0x1 for that)
 *
 * Options: --count N messages (pokes for regs), --seconds S repeats the
 * mode until S seconds have passed, --timeout-ms for each wait on the PF
 * (default 1000, as igbvf), --hold-ms the lock hold of mode order (1500),
 * --victim MAC (up to 8) addresses of the other functions to try to steal,
 * --word W (up to 16, mode send), --vary W (mode send), --assigned (the
 * VF as a guest sees it after vfio-pci assignment: a plain function
 * without physfn; vf_in_guest_hostile.sh).
 *
 * The run is a function of --seed (and of the PF's answers). It only ever
 * maps resource0 of the function given with --vf, after checking that it
 * is an 82576 VF without a driver; it never enables bus mastering, so a
 * queue it enables with garbage ring addresses cannot DMA anywhere.
 *
 * With --pf-mbx FILE --vf-id N it plays the PF instead, against the driver
 * of VF N, through the PF driver's test-only debugfs file FILE
 * (<debugfs>/iovnic_pf/<pci>/mbx_user: the PF's BAR cannot be mapped
 * while iovnic_pf holds it). iovnic_pf stops serving VF N while the file
 * is open. Modes (used by vf_hostile_pf.sh):
 *   pf-mute     takes every request, never acknowledges one
 *   pf-stall    answers RESET properly, then goes silent mid-handshake
 *   pf-garbage  acknowledges, then replies random words, or the right ID
 *               with random flags and payload
 *   pf-short    acknowledges, then no reply, a reply of word 0 only (a
 *               RESET ACK without a MAC), or STS over the VF's own words
 *   pf-flood    serves the base protocol and floods the VF with EVENTs
 *               (link down/up, unknown), pings and a bare NACK now and
 *               then, a message every 100 us
 * for --seconds (default 5); at the end it posts a bare NACK, as a PF
 * that lost the VF's state would, and hands the VF back. Summary:
 *   rogue-pf: mode=M vf=N requests=N resets=N replies=N sent=N vf_acks=N
 *   lock_fail=N seconds=F
 *
 * SIGTERM or SIGINT ends the run early. The last line of output is the
 * summary:
 *   rogue: mode=M seed=S sent=N pf_acks=N replies=N ack=N nack=N cts=N
 *   unsolicited=N timeouts=N lock_fail=N victim_tries=N victim_acked=N
 *   resets=N pokes=N seconds=F
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

/* what the kernel-side headers expect from <linux/bits.h> and types.h */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
#define BIT(n)		(1UL << (n))
#define GENMASK(h, l)	((~0UL << (l)) & (~0UL >> (63 - (h))))

#include <iovnic/regs.h>
#include <iovnic/mbx.h>

#define ROGUE_BAR_SIZE		0x4000	/* VF CSR window, 82576 datasheet */
#define ROGUE_MAX_VICTIMS	8
#define ROGUE_PCI_COMMAND	0x04
#define ROGUE_PCI_BUS_MASTER	0x04
#define ROGUE_VLAN_FILL		40	/* more VLANs than VLVF has entries */

struct rogue_stats {
	unsigned long sent;		/* REQ doorbells rung */
	unsigned long pf_acks;		/* PFACK seen for our requests */
	unsigned long replies;		/* PF messages read (PFSTS) */
	unsigned long ack;		/* replies with ACK */
	unsigned long nack;		/* replies with NACK */
	unsigned long cts;		/* replies with CTS */
	unsigned long unsolicited;	/* read something else than our reply */
	unsigned long timeouts;		/* PFACK or PFSTS never came */
	unsigned long lock_fail;	/* VFU not granted (we went on anyway) */
	unsigned long victim_tries;	/* requests for a --victim address */
	unsigned long victim_acked;	/* ... the PF accepted */
	unsigned long resets;		/* RESET messages and CTRL.RST */
	unsigned long pokes;		/* writes to non-mailbox registers */
};

struct rogue {
	u32 *bar;		/* resource0: accessed by rogue_rd/wr only */
	int pf_fd;		/* or, playing the PF: the mbx_user file */
	unsigned int vf_id;	/* ... and the VF it serves */
	u32 seen;		/* read-to-clear V2PMAILBOX bits not consumed */
	u64 rng;
	unsigned long count;	/* messages (or pokes) to send */
	double flood_seconds;	/* flood at least that long */
	unsigned int timeout_ms;
	unsigned int hold_ms;
	double min_seconds;
	bool bus_master;
	bool assigned;		/* --assigned: a guest's VF, no physfn */
	u8 victim[ROGUE_MAX_VICTIMS][6];
	unsigned int num_victims;
	unsigned int victims_told;	/* bit per victim and sub-command */
	struct timespec start;
	struct rogue_stats st;
	u32 words[IOVNIC_MBX_WORDS];	/* mode send */
	unsigned int num_words;
	int vary;			/* mode send: word += repetition, -1 none */
};

/* SIGTERM/SIGINT (its number): finish the step, print the summary */
static volatile sig_atomic_t rogue_stop;

static void rogue_on_signal(int sig)
{
	rogue_stop = sig;
}

/* --- helpers --- */

static u64 rogue_rand(struct rogue *r)
{
	/* xorshift64*: small, seedable, good enough for fuzzing */
	r->rng ^= r->rng >> 12;
	r->rng ^= r->rng << 25;
	r->rng ^= r->rng >> 27;
	return r->rng * 0x2545F4914F6CDD1DULL;
}

static u32 rogue_rand32(struct rogue *r)
{
	return rogue_rand(r) >> 32;
}

static unsigned int rogue_below(struct rogue *r, unsigned int n)
{
	return n ? rogue_rand32(r) % n : 0;
}

static double rogue_elapsed(const struct rogue *r)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - r->start.tv_sec) +
	       (now.tv_nsec - r->start.tv_nsec) / 1e9;
}

static void rogue_sleep_us(unsigned int us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000L };

	nanosleep(&ts, NULL);
}

/* user space has no readl()/writel(): volatile is what they boil down to */
static u32 rogue_rd(struct rogue *r, u32 off)
{
	u32 val = ~0U;

	if (r->pf_fd < 0)
		return *(volatile u32 *)(r->bar + off / 4);
	if (pread(r->pf_fd, &val, sizeof(val), off) != sizeof(val))
		rogue_stop = -1;	/* SR-IOV gone under us */
	return val;
}

static void rogue_wr(struct rogue *r, u32 off, u32 val)
{
	if (r->pf_fd < 0)
		*(volatile u32 *)(r->bar + off / 4) = val;
	else if (pwrite(r->pf_fd, &val, sizeof(val), off) != sizeof(val))
		rogue_stop = -1;
}

static bool rogue_done(struct rogue *r, unsigned long n)
{
	return n >= r->count || rogue_stop;
}

/* --- mailbox, VF side (iovnic-mailbox.rst, "Transport") --- */

/* Reading V2PMAILBOX clears PFSTS/PFACK/RSTD: remember what we saw. */
static u32 rogue_mbx_status(struct rogue *r)
{
	u32 v = rogue_rd(r, IOVNIC_V2PMAILBOX);

	r->seen |= v & IOVNIC_V2PMAILBOX_R2C_BITS;
	return v | r->seen;
}

static bool rogue_mbx_consume(struct rogue *r, u32 bit)
{
	rogue_mbx_status(r);
	if (!(r->seen & bit))
		return false;
	r->seen &= ~bit;
	return true;
}

static bool rogue_mbx_wait(struct rogue *r, u32 bit)
{
	struct timespec t0, now;
	long ms;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (rogue_mbx_consume(r, bit))
			return true;
		clock_gettime(CLOCK_MONOTONIC, &now);
		ms = (now.tv_sec - t0.tv_sec) * 1000 +
		     (now.tv_nsec - t0.tv_nsec) / 1000000;
		if (ms >= r->timeout_ms) {
			r->st.timeouts++;
			return false;
		}
		/* a polite poll: the PF answers in milliseconds anyway */
		rogue_sleep_us(50);
	}
}

static bool rogue_mbx_lock(struct rogue *r)
{
	int i;

	for (i = 0; i < IOVNIC_MBX_LOCK_TRIES; i++) {
		rogue_wr(r, IOVNIC_V2PMAILBOX, IOVNIC_V2PMAILBOX_VFU);
		if (rogue_rd(r, IOVNIC_V2PMAILBOX) & IOVNIC_V2PMAILBOX_VFU)
			return true;
		rogue_sleep_us(IOVNIC_MBX_LOCK_DELAY_US);
	}
	r->st.lock_fail++;
	return false;
}

static void rogue_mbx_write(struct rogue *r, const u32 *msg, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n && i < IOVNIC_MBX_WORDS; i++)
		rogue_wr(r, IOVNIC_VF_VMBMEM + 4 * i, msg[i]);
}

/* Post a request; a rogue writes even if the lock was refused. */
static void rogue_mbx_post(struct rogue *r, const u32 *msg, unsigned int n)
{
	rogue_mbx_status(r);
	r->seen &= ~(IOVNIC_V2PMAILBOX_PFACK | IOVNIC_V2PMAILBOX_PFSTS);
	rogue_mbx_lock(r);
	rogue_mbx_write(r, msg, n);
	rogue_wr(r, IOVNIC_V2PMAILBOX, IOVNIC_V2PMAILBOX_REQ);
	r->st.sent++;
}

static void rogue_count_reply(struct rogue *r, u32 req, u32 w0)
{
	r->st.replies++;
	if ((w0 & IOVNIC_MBX_MSG_ID) != (req & IOVNIC_MBX_MSG_ID) ||
	    !(w0 & IOVNIC_MBX_REPLY_BITS)) {
		r->st.unsolicited++;
		return;
	}
	if (w0 & IOVNIC_MBX_ACK)
		r->st.ack++;
	if (w0 & IOVNIC_MBX_NACK)
		r->st.nack++;
	if (w0 & IOVNIC_MBX_CTS)
		r->st.cts++;
}

/* Read the PF's message (PFSTS already consumed) and ACK it. */
static u32 rogue_mbx_read(struct rogue *r, u32 req, u32 *reply,
			  unsigned int n)
{
	unsigned int i;

	rogue_mbx_lock(r);
	for (i = 0; i < n && i < IOVNIC_MBX_WORDS; i++)
		reply[i] = rogue_rd(r, IOVNIC_VF_VMBMEM + 4 * i);
	rogue_wr(r, IOVNIC_V2PMAILBOX, IOVNIC_V2PMAILBOX_ACK);
	rogue_count_reply(r, req, reply[0]);
	return reply[0];
}

/**
 * rogue_transact() - one request/reply exchange as igbvf does it
 * @r: state
 * @msg: request, @n words
 * @n: request length
 *
 * Return: reply word 0, or 0 if the PF did not (or was not to) answer.
 */
static u32 rogue_transact(struct rogue *r, const u32 *msg, unsigned int n)
{
	u32 reply[IOVNIC_MBX_WORDS];

	rogue_mbx_post(r, msg, n);
	if (!rogue_mbx_wait(r, IOVNIC_V2PMAILBOX_PFACK))
		return 0;
	r->st.pf_acks++;
	/* word 0 with ACK/NACK looks like the PF's old reply: no answer */
	if (msg[0] & IOVNIC_MBX_REPLY_BITS)
		return 0;
	if (!rogue_mbx_wait(r, IOVNIC_V2PMAILBOX_PFSTS))
		return 0;
	return rogue_mbx_read(r, msg[0], reply, IOVNIC_MBX_RESET_REPLY_WORDS);
}

/* Pick up whatever the PF has said meanwhile, without waiting. */
static void rogue_mbx_drain(struct rogue *r, u32 req)
{
	u32 reply[1];

	if (rogue_mbx_consume(r, IOVNIC_V2PMAILBOX_PFACK))
		r->st.pf_acks++;
	if (rogue_mbx_consume(r, IOVNIC_V2PMAILBOX_PFSTS))
		rogue_mbx_read(r, req, reply, 1);
}

/* VF software reset, then wait for the PF to be out of reset (§4). */
static void rogue_vf_reset(struct rogue *r)
{
	int i;

	rogue_wr(r, IOVNIC_VF_CTRL, IOVNIC_VF_CTRL_RST);
	r->st.resets++;
	for (i = 0; i < 200; i++) {
		if (!(rogue_mbx_status(r) & IOVNIC_V2PMAILBOX_RSTI))
			break;
		rogue_sleep_us(5);
	}
	r->seen &= ~IOVNIC_V2PMAILBOX_RSTD;
}

static u32 rogue_reset_handshake(struct rogue *r)
{
	u32 msg = iovnic_mbx_hdr(IOVNIC_MBX_RESET, 0);

	r->st.resets++;
	return rogue_transact(r, &msg, IOVNIC_MBX_RESET_WORDS);
}

/* --- mode: ids --- */

static const u16 rogue_ids[] = {
	0x0000, IOVNIC_MBX_RESET, IOVNIC_MBX_SET_MAC_ADDR,
	IOVNIC_MBX_SET_MULTICAST, IOVNIC_MBX_SET_VLAN, IOVNIC_MBX_SET_LPE,
	IOVNIC_MBX_SET_PROMISC, 0x0007, 0x0008, 0x0009, 0x000A, 0x000B,
	0x000C, 0x000D, 0x0010, 0x0011, 0x0012, 0x00FF, IOVNIC_MBX_PF_CONTROL,
	0x0700, 0x070F, IOVNIC_MBX_NEGOTIATE, IOVNIC_MBX_GET_QUEUES,
	IOVNIC_MBX_GET_MAX_FRAME, 0x0713, 0x071F, IOVNIC_MBX_EVENT, 0x0721,
	0x07FF, 0x0800, 0x7FFF, 0x8000, 0xFFFF,
};

static const u8 rogue_msginfos[] = { 0, 1, 2, 3, 0x1E, 0x1F, 0x20, 0xFF };

/* payload words that sit on a boundary of some handler's check */
static const u32 rogue_edges[] = {
	0, 1, 59, 60, 1518, 1522, 0x0FFF, 0x1000, 4094, 4095, 4096,
	IOVNIC_MAX_FRAME, IOVNIC_MAX_FRAME + 1, 0x3F00, 0x3F01, 0xFFFF,
	0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
	IOVNIC_MBX_VERSION, IOVNIC_MBX_VERSION + 1, IOVNIC_MBX_CAPS_V1,
};

#define ROGUE_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static void rogue_fill_payload(struct rogue *r, u32 *msg, unsigned int kind)
{
	unsigned int i;

	for (i = 1; i < IOVNIC_MBX_WORDS; i++) {
		switch (kind) {
		case 0:
			msg[i] = 0;
			break;
		case 1:
			msg[i] = ~0U;
			break;
		case 2:
			msg[i] = rogue_edges[rogue_below(r, ROGUE_ARRAY_SIZE(rogue_edges))];
			break;
		default:
			msg[i] = rogue_rand32(r);
			break;
		}
	}
}

/* Try to take a victim's address as our own MAC or as a MAC filter. */
static void rogue_claim_victims(struct rogue *r)
{
	u32 msg[IOVNIC_MBX_MAC_WORDS], w0;
	unsigned int i, sub;

	for (i = 0; i < r->num_victims; i++) {
		for (sub = IOVNIC_MBX_MAC_SET; sub <= IOVNIC_MBX_MAC_FILTER_ADD;
		     sub += IOVNIC_MBX_MAC_FILTER_ADD) {
			msg[0] = iovnic_mbx_hdr(IOVNIC_MBX_SET_MAC_ADDR, sub);
			iovnic_mbx_put_mac(msg, r->victim[i]);
			r->st.victim_tries++;
			w0 = rogue_transact(r, msg, IOVNIC_MBX_MAC_WORDS);
			if (!(w0 & IOVNIC_MBX_ACK))
				continue;
			r->st.victim_acked++;
			/* say it once per address and sub-command */
			if (r->victims_told & BIT(2 * i + sub / 2))
				continue;
			r->victims_told |= BIT(2 * i + sub / 2);
			printf("victim %02x:%02x:%02x:%02x:%02x:%02x",
			       r->victim[i][0], r->victim[i][1], r->victim[i][2],
			       r->victim[i][3], r->victim[i][4], r->victim[i][5]);
			printf(" accepted (msginfo %u, reply 0x%08x)\n", sub, w0);
		}
	}
}

/* SET_VLAN add for more VIDs than the shared VLVF table holds. */
static void rogue_fill_vlans(struct rogue *r)
{
	u32 msg[IOVNIC_MBX_VLAN_WORDS];
	unsigned int vid;

	for (vid = 1; vid <= ROGUE_VLAN_FILL; vid++) {
		msg[0] = iovnic_mbx_hdr(IOVNIC_MBX_SET_VLAN, 1);
		msg[1] = 3000 + vid;
		rogue_transact(r, msg, IOVNIC_MBX_VLAN_WORDS);
	}
}

static void rogue_mode_ids(struct rogue *r)
{
	u32 msg[IOVNIC_MBX_WORDS];
	unsigned long n = 0;
	unsigned int c = 0;

	rogue_reset_handshake(r);
	rogue_claim_victims(r);
	rogue_fill_vlans(r);
	while (!rogue_done(r, n)) {
		unsigned int id = c % ROGUE_ARRAY_SIZE(rogue_ids);
		unsigned int v = c / ROGUE_ARRAY_SIZE(rogue_ids);
		u32 info = rogue_msginfos[v % ROGUE_ARRAY_SIZE(rogue_msginfos)];

		rogue_fill_payload(r, msg, v % 4);
		msg[0] = iovnic_mbx_hdr(rogue_ids[id], info);
		/* every 5th round also sets reserved or reply bits */
		if (v % 5 == 4)
			msg[0] |= (u32)BIT(24 + rogue_below(r, 8));
		/* length as the PF will never expect it: 1..16 words */
		rogue_transact(r, msg, 1 + rogue_below(r, IOVNIC_MBX_WORDS));
		/* stay READY so the handlers are exercised, not the allowlist */
		if (rogue_ids[id] == 0x0000 && v % 3 == 0)
			rogue_reset_handshake(r);
		c++;
		n++;
	}
}

/* --- mode: random --- */

static void rogue_mode_random(struct rogue *r)
{
	u32 msg[IOVNIC_MBX_WORDS];
	unsigned long n;
	unsigned int i, len;

	for (n = 0; !rogue_done(r, n); n++) {
		len = 1 + rogue_below(r, IOVNIC_MBX_WORDS);
		for (i = 0; i < len; i++)
			msg[i] = rogue_rand32(r);
		/* half of them look like a request, half are pure noise */
		if (rogue_below(r, 2))
			msg[0] = (msg[0] & ~(IOVNIC_MBX_MSG_ID | GENMASK(31, 24))) |
				 rogue_ids[rogue_below(r, ROGUE_ARRAY_SIZE(rogue_ids))];
		switch (rogue_below(r, 8)) {
		case 0:
		case 1:
			rogue_transact(r, msg, len);
			break;
		case 2:
			/* any low bits of the mailbox register, then drain */
			rogue_wr(r, IOVNIC_V2PMAILBOX, rogue_rand32(r) & 0xFF);
			rogue_mbx_drain(r, msg[0]);
			break;
		default:
			rogue_mbx_post(r, msg, len);
			rogue_mbx_drain(r, msg[0]);
			break;
		}
	}
}

/* --- mode: order --- */

static void rogue_order_step(struct rogue *r, unsigned int step, bool first)
{
	u32 lpe[2] = { IOVNIC_MBX_SET_LPE, 1522 };
	u32 unknown = 0x0777;
	u32 reply[1];

	switch (step) {
	case 0:		/* requests before RESET: NACK without CTS */
		rogue_vf_reset(r);
		rogue_transact(r, lpe, 2);
		rogue_transact(r, &unknown, 1);
		break;
	case 1:		/* RESET twice */
		rogue_reset_handshake(r);
		rogue_reset_handshake(r);
		break;
	case 2:		/* three requests, no waiting, then read once */
		rogue_mbx_post(r, lpe, 2);
		rogue_mbx_post(r, &unknown, 1);
		rogue_mbx_post(r, lpe, 2);
		if (rogue_mbx_wait(r, IOVNIC_V2PMAILBOX_PFSTS))
			rogue_mbx_read(r, lpe[0], reply, 1);
		break;
	case 3:		/* the PF ACKs, we never read its reply */
		rogue_mbx_post(r, lpe, 2);
		if (rogue_mbx_wait(r, IOVNIC_V2PMAILBOX_PFACK))
			r->st.pf_acks++;
		rogue_mbx_post(r, &unknown, 1);
		break;
	case 4:		/* REQ without the lock and without new words */
		rogue_wr(r, IOVNIC_V2PMAILBOX, IOVNIC_V2PMAILBOX_REQ);
		r->st.sent++;
		break;
	case 5:		/* REQ while keeping the lock, held for hold_ms once */
		rogue_mbx_lock(r);
		rogue_mbx_write(r, lpe, 2);
		rogue_wr(r, IOVNIC_V2PMAILBOX,
			 IOVNIC_V2PMAILBOX_REQ | IOVNIC_V2PMAILBOX_VFU);
		r->st.sent++;
		rogue_sleep_us((first ? r->hold_ms : 10) * 1000);
		rogue_wr(r, IOVNIC_V2PMAILBOX, 0);
		break;
	case 6:		/* spurious ACKs, nothing was sent to us */
		rogue_wr(r, IOVNIC_V2PMAILBOX, IOVNIC_V2PMAILBOX_ACK);
		rogue_wr(r, IOVNIC_V2PMAILBOX, IOVNIC_V2PMAILBOX_ACK);
		break;
	default:	/* a well-formed exchange must still work */
		rogue_mbx_drain(r, lpe[0]);
		rogue_transact(r, lpe, 2);
		break;
	}
}

static void rogue_mode_order(struct rogue *r)
{
	unsigned long n = 0, before;
	unsigned int step = 0;

	while (!rogue_done(r, n)) {
		before = r->st.sent;
		rogue_order_step(r, step % 8, step < 8);
		step++;
		n += r->st.sent - before;
	}
	/* leave the VF clear-to-send for the modes after us */
	rogue_mbx_drain(r, 0);
	rogue_reset_handshake(r);
}

/* --- mode: flood --- */

static bool rogue_flood_more(struct rogue *r, unsigned long n, double end)
{
	if (!rogue_done(r, n))
		return true;
	/* reading the clock costs more than a message: only now and then */
	return !rogue_stop && r->flood_seconds > 0 &&
	       (n % 4096 || rogue_elapsed(r) < end);
}

static void rogue_mode_flood(struct rogue *r)
{
	static const u32 reqs[][2] = {
		{ IOVNIC_MBX_SET_LPE, 1522 },
		{ IOVNIC_MBX_SET_MULTICAST | 1 << IOVNIC_MBX_MSGINFO_SHIFT, 0x123 },
		{ IOVNIC_MBX_RESET, 0 },
		{ 0x0777, 0 },
		{ IOVNIC_MBX_SET_VLAN, 0x10064 },
	};
	double end = rogue_elapsed(r) + r->flood_seconds;
	unsigned long n;
	unsigned int k;

	for (n = 0; rogue_flood_more(r, n, end); n++) {
		k = rogue_below(r, ROGUE_ARRAY_SIZE(reqs));
		/* no lock round trip, no waiting: as fast as MMIO goes */
		rogue_wr(r, IOVNIC_V2PMAILBOX, IOVNIC_V2PMAILBOX_VFU);
		rogue_mbx_write(r, reqs[k], 2);
		rogue_wr(r, IOVNIC_V2PMAILBOX, IOVNIC_V2PMAILBOX_REQ);
		r->st.sent++;
		if (k == 2)
			r->st.resets++;
		if (n % 256 == 255)
			rogue_mbx_drain(r, reqs[k][0]);
	}
}

/* --- mode: regs --- */

/* RX and TX offsets mixed: both queue bases get all of them */
static const u32 rogue_queue_regs[] = {
	IOVNIC_RDBAL, IOVNIC_RDBAH, IOVNIC_RDLEN, IOVNIC_SRRCTL, IOVNIC_RDH,
	IOVNIC_RDT, IOVNIC_RXDCTL, IOVNIC_TDWBAL, IOVNIC_TDWBAH, IOVNIC_TXCTL,
};

static u32 rogue_pick_reg(struct rogue *r)
{
	static const u32 fixed[] = {
		IOVNIC_VF_CTRL, IOVNIC_VF_STATUS, IOVNIC_VF_EICS,
		IOVNIC_VF_EIMS, IOVNIC_VF_EIMC, IOVNIC_VF_EIAC, IOVNIC_VF_EIAM,
		IOVNIC_VF_EICR, IOVNIC_VF_EITR(0), IOVNIC_VF_EITR(1),
		IOVNIC_VF_EITR(2), IOVNIC_VF_IVAR0, IOVNIC_VF_IVAR_MISC,
		IOVNIC_VF_VFSTATS + IOVNIC_VFGPRC,
		IOVNIC_VF_VFSTATS + IOVNIC_VFGPTC,
	};
	unsigned int q = rogue_below(r, IOVNIC_VF_QUEUES);
	u32 reg = rogue_queue_regs[rogue_below(r, ROGUE_ARRAY_SIZE(rogue_queue_regs))];

	switch (rogue_below(r, 4)) {
	case 0:
		return fixed[rogue_below(r, ROGUE_ARRAY_SIZE(fixed))];
	case 1:
		return IOVNIC_VF_RXQ_BASE(q) + reg;
	case 2:
		return IOVNIC_VF_TXQ_BASE(q) + reg;
	default:
		/* anywhere in our own window, the mailbox excepted */
		return rogue_below(r, ROGUE_BAR_SIZE / 4) * 4;
	}
}

static void rogue_mode_regs(struct rogue *r)
{
	u32 reg, val;
	unsigned long n;

	for (n = 0; !rogue_done(r, n); n++) {
		reg = rogue_pick_reg(r);
		if (reg == IOVNIC_V2PMAILBOX ||
		    (reg >= IOVNIC_VF_VMBMEM &&
		     reg < IOVNIC_VF_VMBMEM + 4 * IOVNIC_MBX_WORDS))
			continue;
		val = rogue_rand32(r);
		/* a queue may run only while no DMA can leave the function */
		if (r->bus_master)
			val &= ~IOVNIC_XDCTL_ENABLE;
		rogue_rd(r, reg);
		rogue_wr(r, reg, val);
		r->st.pokes++;
		if (reg == IOVNIC_VF_CTRL && (val & IOVNIC_VF_CTRL_RST))
			r->st.resets++;
	}
	/* queues and interrupts back to reset state, then talk again */
	rogue_vf_reset(r);
	rogue_reset_handshake(r);
}

/* --- mode: mute --- */

/*
 * Under an emulator, MMIO at full speed costs the whole machine something
 * by itself. This load has flood's writes minus the doorbell: that cost
 * and nothing else, as the baseline for measuring what the PF's handling
 * of a flood costs others.
 */
static void rogue_mode_mute(struct rogue *r)
{
	static const u32 msg[IOVNIC_MBX_LPE_WORDS] = { IOVNIC_MBX_SET_LPE, 1522 };
	unsigned long n;

	for (n = 0; !rogue_done(r, n); n++) {
		rogue_wr(r, IOVNIC_V2PMAILBOX, IOVNIC_V2PMAILBOX_VFU);
		rogue_mbx_write(r, msg, IOVNIC_MBX_LPE_WORDS);
		/* drops the lock, rings nothing */
		rogue_wr(r, IOVNIC_V2PMAILBOX, 0);
	}
}

/* --- mode: send --- */

static void rogue_mode_send(struct rogue *r)
{
	unsigned long n, acked = 0, nacked = 0;
	u32 msg[IOVNIC_MBX_WORDS], w0 = 0;

	for (n = 0; !rogue_done(r, n) && r->num_words; n++) {
		memcpy(msg, r->words, sizeof(msg));
		if (r->vary > 0)
			msg[r->vary] += n;
		w0 = rogue_transact(r, msg, r->num_words);
		acked += !!(w0 & IOVNIC_MBX_ACK);
		nacked += !!(w0 & IOVNIC_MBX_NACK);
	}
	printf("send: acked=%lu nacked=%lu last=0x%08x\n", acked, nacked, w0);
}


/* --- PF side, through the PF's mbx_user debugfs file --- */

struct rogue_pf_stats {
	unsigned long requests;		/* VF requests taken (VFREQ) */
	unsigned long resets;		/* ... of them RESET */
	unsigned long replies;		/* replies posted (STS) */
	unsigned long sent;		/* unsolicited messages posted */
	unsigned long vf_acks;		/* the VF read what we posted */
	unsigned long lock_fail;	/* VF held its buffer (we went on) */
};

static struct rogue_pf_stats rogue_pf_st;

static bool rogue_pf_lock(struct rogue *r)
{
	u32 reg = IOVNIC_P2VMAILBOX(r->vf_id);

	rogue_wr(r, reg, IOVNIC_P2VMAILBOX_PFU);
	if (rogue_rd(r, reg) & IOVNIC_P2VMAILBOX_PFU)
		return true;
	rogue_pf_st.lock_fail++;
	return false;
}

/* Write @n words and ring STS; a hostile PF writes even without the lock. */
static void rogue_pf_post(struct rogue *r, const u32 *msg, unsigned int n)
{
	unsigned int i;

	rogue_pf_lock(r);
	for (i = 0; i < n && i < IOVNIC_MBX_WORDS; i++)
		rogue_wr(r, IOVNIC_VMBMEM(r->vf_id) + 4 * i, msg[i]);
	rogue_wr(r, IOVNIC_MBVFICR, IOVNIC_MBVFICR_VFACK(r->vf_id));
	rogue_wr(r, IOVNIC_P2VMAILBOX(r->vf_id), IOVNIC_P2VMAILBOX_STS);
}

/* A request of the VF, if one is pending: read it, leave it unanswered. */
static bool rogue_pf_take(struct rogue *r, u32 *msg)
{
	u32 icr = rogue_rd(r, IOVNIC_MBVFICR);
	unsigned int i;

	if (icr & IOVNIC_MBVFICR_VFACK(r->vf_id)) {
		rogue_wr(r, IOVNIC_MBVFICR, IOVNIC_MBVFICR_VFACK(r->vf_id));
		rogue_pf_st.vf_acks++;
	}
	if (!(icr & IOVNIC_MBVFICR_VFREQ(r->vf_id)))
		return false;
	rogue_pf_lock(r);
	rogue_wr(r, IOVNIC_MBVFICR, IOVNIC_MBVFICR_VFREQ(r->vf_id));
	for (i = 0; i < IOVNIC_MBX_WORDS; i++)
		msg[i] = rogue_rd(r, IOVNIC_VMBMEM(r->vf_id) + 4 * i);
	rogue_pf_st.requests++;
	if ((msg[0] & IOVNIC_MBX_MSG_ID) == IOVNIC_MBX_RESET)
		rogue_pf_st.resets++;
	return true;
}

/* PFACK: the request was taken; we keep the buffer for the reply. */
static void rogue_pf_ack(struct rogue *r)
{
	rogue_wr(r, IOVNIC_P2VMAILBOX(r->vf_id),
		 IOVNIC_P2VMAILBOX_ACK | IOVNIC_P2VMAILBOX_PFU);
}

/* Let go of the buffer without a reply: the VF may lock it again. */
static void rogue_pf_release(struct rogue *r)
{
	rogue_wr(r, IOVNIC_P2VMAILBOX(r->vf_id), 0);
}

static void rogue_pf_reply(struct rogue *r, const u32 *msg, unsigned int n)
{
	rogue_pf_post(r, msg, n);
	rogue_pf_st.replies++;
}

/* What a well-behaved PF says: RESET gets a MAC, extensions a NACK. */
static void rogue_pf_serve(struct rogue *r, u32 *msg)
{
	u32 id = msg[0] & IOVNIC_MBX_MSG_ID;
	u8 mac[6] = { 0x02, 0x1e, 0x5a, 0xfe, 0x00, r->vf_id };

	rogue_pf_ack(r);
	if (id == IOVNIC_MBX_RESET) {
		msg[0] = IOVNIC_MBX_RESET | IOVNIC_MBX_ACK;
		iovnic_mbx_put_mac(msg, mac);
		rogue_pf_reply(r, msg, IOVNIC_MBX_RESET_REPLY_WORDS);
		return;
	}
	if (id >= IOVNIC_MBX_NEGOTIATE && id != IOVNIC_MBX_PF_CONTROL)
		msg[0] = id | IOVNIC_MBX_NACK | IOVNIC_MBX_CTS;
	else
		msg[0] = id | IOVNIC_MBX_ACK | IOVNIC_MBX_CTS;
	rogue_pf_reply(r, msg, 1);
}

static void rogue_pf_garbage(struct rogue *r, u32 *msg)
{
	u32 id = msg[0] & IOVNIC_MBX_MSG_ID;
	unsigned int i;

	rogue_pf_ack(r);
	for (i = 0; i < IOVNIC_MBX_WORDS; i++)
		msg[i] = rogue_rand32(r);
	/* half the time the right ID, so the payload gets looked at */
	if (rogue_below(r, 2))
		msg[0] = id | (msg[0] & ~IOVNIC_MBX_MSG_ID);
	rogue_pf_reply(r, msg, IOVNIC_MBX_WORDS);
}

static void rogue_pf_short(struct rogue *r, u32 *msg)
{
	u32 id = msg[0] & IOVNIC_MBX_MSG_ID;

	rogue_pf_ack(r);
	switch (rogue_below(r, 3)) {
	case 0:		/* ACK, then nothing */
		rogue_pf_release(r);
		break;
	case 1:		/* word 0 only, the rest zero: no MAC, no payload */
		memset(msg, 0, IOVNIC_MBX_WORDS * sizeof(*msg));
		msg[0] = id | IOVNIC_MBX_ACK | IOVNIC_MBX_CTS;
		rogue_pf_reply(r, msg, IOVNIC_MBX_WORDS);
		break;
	default:	/* STS over the VF's own words */
		rogue_pf_reply(r, msg, 0);
		break;
	}
}

/* One unsolicited message of the flood. */
static void rogue_pf_flood_one(struct rogue *r, unsigned long n)
{
	static const u32 events[] = {
		IOVNIC_MBX_EVENT_LINK_DOWN, IOVNIC_MBX_EVENT_LINK_UP,
		IOVNIC_MBX_EVENT_ADMIN_CHANGE, 0, 31, 64, 0xFFFFFFFF,
	};
	u32 msg[2];

	if (n % 256 == 255) {
		msg[0] = IOVNIC_MBX_NACK;	/* "I lost your state" */
	} else if (n % 8 == 7) {
		msg[0] = IOVNIC_MBX_PF_CONTROL | IOVNIC_MBX_CTS;
	} else {
		msg[0] = IOVNIC_MBX_EVENT | IOVNIC_MBX_CTS;
		msg[1] = events[n % ROGUE_ARRAY_SIZE(events)];
	}
	rogue_pf_post(r, msg, 2);
	rogue_pf_st.sent++;
}

static int rogue_pf_run(struct rogue *r, const char *mode)
{
	bool stalled = false;
	u32 msg[IOVNIC_MBX_WORDS];
	unsigned long n = 0;

	if (strncmp(mode, "pf-", 3) ||
	    (strcmp(mode, "pf-mute") && strcmp(mode, "pf-stall") &&
	     strcmp(mode, "pf-garbage") && strcmp(mode, "pf-short") &&
	     strcmp(mode, "pf-flood")))
		return -1;
	while (!rogue_stop && rogue_elapsed(r) < r->min_seconds) {
		if (rogue_pf_take(r, msg)) {
			if (!strcmp(mode, "pf-stall") && !stalled &&
			    (msg[0] & IOVNIC_MBX_MSG_ID) == IOVNIC_MBX_RESET) {
				rogue_pf_serve(r, msg);
				stalled = true;	/* and not a word more */
			} else if (!strcmp(mode, "pf-garbage")) {
				rogue_pf_garbage(r, msg);
			} else if (!strcmp(mode, "pf-short")) {
				rogue_pf_short(r, msg);
			} else if (!strcmp(mode, "pf-flood")) {
				rogue_pf_serve(r, msg);
			} else {
				rogue_pf_release(r);	/* mute */
			}
			continue;
		}
		/* the flood leaves the VF time to lock its buffer too */
		if (!strcmp(mode, "pf-flood"))
			rogue_pf_flood_one(r, n++);
		rogue_sleep_us(100);
	}
	/* a PF that comes back without the VF's state says so */
	msg[0] = IOVNIC_MBX_NACK;
	rogue_pf_post(r, msg, 1);
	return 0;
}

static int rogue_pf_main(struct rogue *r, const char *file, const char *mode)
{
	const struct rogue_pf_stats *s = &rogue_pf_st;
	u32 v;

	r->pf_fd = open(file, O_RDWR);
	if (r->pf_fd < 0) {
		perror(file);
		return 1;
	}
	/* the first access takes the VF from the PF driver's server */
	if (pread(r->pf_fd, &v, sizeof(v), IOVNIC_P2VMAILBOX(r->vf_id)) !=
	    sizeof(v)) {
		fprintf(stderr, "cannot take VF %u: %s\n", r->vf_id,
			strerror(errno));
		return 1;
	}
	if (!r->min_seconds)
		r->min_seconds = 5;
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGTERM, rogue_on_signal);
	signal(SIGINT, rogue_on_signal);
	printf("pf: took VF %u\n", r->vf_id);
	clock_gettime(CLOCK_MONOTONIC, &r->start);
	if (rogue_pf_run(r, mode)) {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("rogue-pf: mode=%s vf=%u requests=%lu resets=%lu replies=%lu",
	       mode, r->vf_id, s->requests, s->resets, s->replies);
	printf(" sent=%lu vf_acks=%lu lock_fail=%lu seconds=%.1f\n",
	       s->sent, s->vf_acks, s->lock_fail, rogue_elapsed(r));
	/* closing the file hands the VF back */
	close(r->pf_fd);
	return rogue_stop == -1 ? 1 : 0;
}

/* --- setup --- */

static int rogue_sysfs_read(const char *vf, const char *attr, char *buf,
			    size_t len)
{
	char path[PATH_MAX];
	ssize_t got;
	int fd;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/%s", vf, attr);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	got = read(fd, buf, len - 1);
	close(fd);
	if (got < 0)
		return -errno;
	buf[got] = '\0';
	return 0;
}

/* Only an 82576 VF that no driver owns is fair game. */
static int rogue_check_vf(struct rogue *r, const char *vf)
{
	char path[PATH_MAX], buf[64];
	unsigned char cmd[8];
	int fd;

	if (rogue_sysfs_read(vf, "device", buf, sizeof(buf)) ||
	    strtoul(buf, NULL, 16) != IOVNIC_DEV_82576_VF) {
		fprintf(stderr, "%s is not an 82576 VF\n", vf);
		return -1;
	}
	/* a guest sees its assigned VF as a plain function: no physfn */
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/physfn", vf);
	if (!r->assigned && access(path, F_OK)) {
		fprintf(stderr, "%s has no physfn: not a VF\n", vf);
		return -1;
	}
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/driver", vf);
	if (!access(path, F_OK)) {
		fprintf(stderr, "%s has a driver: unbind it first\n", vf);
		return -1;
	}
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/config", vf);
	fd = open(path, O_RDONLY);
	if (fd < 0 || pread(fd, cmd, sizeof(cmd), 0) != sizeof(cmd)) {
		fprintf(stderr, "cannot read the config space of %s\n", vf);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	r->bus_master = cmd[ROGUE_PCI_COMMAND] & ROGUE_PCI_BUS_MASTER;
	return 0;
}

static int rogue_enable_vf(const char *vf)
{
	char path[PATH_MAX];
	int fd, ok;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/enable", vf);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	ok = write(fd, "1", 1) == 1;
	close(fd);
	return ok ? 0 : -EIO;
}

static int rogue_map(struct rogue *r, const char *vf)
{
	char path[PATH_MAX];
	void *p;
	int fd;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource0", vf);
	fd = open(path, O_RDWR | O_SYNC);
	if (fd < 0) {
		perror(path);
		return -1;
	}
	p = mmap(NULL, ROGUE_BAR_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
		 fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		perror("mmap resource0");
		return -1;
	}
	r->bar = p;
	return 0;
}

static int rogue_parse_mac(const char *s, u8 *mac)
{
	unsigned int b[6], i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3],
		   &b[4], &b[5]) != 6)
		return -1;
	for (i = 0; i < 6; i++) {
		if (b[i] > 0xFF)
			return -1;
		mac[i] = b[i];
	}
	return 0;
}

static void rogue_usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s --vf BDF [--mode all|random|ids|order|flood|regs|mute|send]\n"
		"       %s --pf-mbx FILE --vf-id N --mode pf-mute|pf-stall|pf-garbage|pf-short|pf-flood\n"
		"          [--seed N] [--count N] [--seconds S] [--timeout-ms N]\n"
		"          [--hold-ms N] [--victim MAC]... [--word W]... [--vary W]\n"
		"          [--assigned]\n",
		prog, prog);
}

static void rogue_summary(const struct rogue *r, const char *mode,
			  u64 seed)
{
	const struct rogue_stats *s = &r->st;

	/* one line, for the test to parse */
	printf("rogue: mode=%s seed=%llu sent=%lu pf_acks=%lu replies=%lu",
	       mode, seed, s->sent, s->pf_acks, s->replies);
	printf(" ack=%lu nack=%lu cts=%lu unsolicited=%lu timeouts=%lu",
	       s->ack, s->nack, s->cts, s->unsolicited, s->timeouts);
	printf(" lock_fail=%lu victim_tries=%lu victim_acked=%lu",
	       s->lock_fail, s->victim_tries, s->victim_acked);
	printf(" resets=%lu pokes=%lu seconds=%.1f\n",
	       s->resets, s->pokes, rogue_elapsed(r));
}

static void rogue_phase(struct rogue *r, const char *mode,
			void (*run)(struct rogue *r))
{
	printf("phase %s at %.1f s, sent %lu\n", mode, rogue_elapsed(r),
	       r->st.sent);
	run(r);
}

static void rogue_run_all(struct rogue *r)
{
	unsigned long total = r->count, sent = r->st.sent;

	/* the protocol-aware modes are slow (rate limited): 5% for them */
	r->count = total / 80 ? total / 80 : 1;
	rogue_phase(r, "order", rogue_mode_order);
	rogue_phase(r, "ids", rogue_mode_ids);
	rogue_phase(r, "random", rogue_mode_random);
	rogue_phase(r, "regs", rogue_mode_regs);
	sent = r->st.sent - sent;
	r->count = total > sent ? total - sent : 0;
	r->flood_seconds = 1.0;
	rogue_phase(r, "flood", rogue_mode_flood);
	r->flood_seconds = 0;
	r->count = total;
}

static int rogue_run(struct rogue *r, const char *mode)
{
	static const struct {
		const char *name;
		void (*run)(struct rogue *r);
	} modes[] = {
		{ "all", rogue_run_all }, { "random", rogue_mode_random },
		{ "ids", rogue_mode_ids }, { "order", rogue_mode_order },
		{ "flood", rogue_mode_flood }, { "regs", rogue_mode_regs },
		{ "mute", rogue_mode_mute }, { "send", rogue_mode_send },
	};
	unsigned int i;

	for (i = 0; i < ROGUE_ARRAY_SIZE(modes); i++) {
		if (strcmp(mode, modes[i].name))
			continue;
		do {
			modes[i].run(r);
		} while (!rogue_stop && rogue_elapsed(r) < r->min_seconds);
		return 0;
	}
	return -1;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "vf", required_argument, NULL, 'v' },
		{ "mode", required_argument, NULL, 'm' },
		{ "seed", required_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'c' },
		{ "seconds", required_argument, NULL, 'S' },
		{ "timeout-ms", required_argument, NULL, 't' },
		{ "hold-ms", required_argument, NULL, 'H' },
		{ "victim", required_argument, NULL, 'V' },
		{ "word", required_argument, NULL, 'w' },
		{ "vary", required_argument, NULL, 'y' },
		{ "pf-mbx", required_argument, NULL, 'P' },
		{ "vf-id", required_argument, NULL, 'i' },
		{ "assigned", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	struct rogue r = { .count = 1000, .timeout_ms = 1000, .hold_ms = 1500,
			   .vary = -1, .pf_fd = -1 };
	const char *vf = NULL, *mode = "all", *pf_mbx = NULL;
	u64 seed = 1;
	int c;

	while ((c = getopt_long(argc, argv, "v:m:s:c:S:t:H:V:w:y:P:i:ah", opts,
				NULL)) != -1) {
		switch (c) {
		case 'v':
			vf = optarg;
			break;
		case 'm':
			mode = optarg;
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'c':
			r.count = strtoul(optarg, NULL, 0);
			break;
		case 'S':
			r.min_seconds = strtod(optarg, NULL);
			break;
		case 't':
			r.timeout_ms = strtoul(optarg, NULL, 0);
			break;
		case 'H':
			r.hold_ms = strtoul(optarg, NULL, 0);
			break;
		case 'V':
			if (r.num_victims == ROGUE_MAX_VICTIMS ||
			    rogue_parse_mac(optarg, r.victim[r.num_victims])) {
				fprintf(stderr, "bad or too many --victim\n");
				return 2;
			}
			r.num_victims++;
			break;
		case 'w':
			if (r.num_words == IOVNIC_MBX_WORDS) {
				fprintf(stderr, "too many --word\n");
				return 2;
			}
			r.words[r.num_words++] = strtoul(optarg, NULL, 0);
			break;
		case 'y':
			r.vary = strtol(optarg, NULL, 0);
			if (r.vary >= IOVNIC_MBX_WORDS)
				r.vary = -1;
			break;
		case 'P':
			pf_mbx = optarg;
			break;
		case 'i':
			r.vf_id = strtoul(optarg, NULL, 0);
			break;
		case 'a':
			r.assigned = true;
			break;
		default:
			rogue_usage(argv[0]);
			return c == 'h' ? 0 : 2;
		}
	}
	/* xorshift must not start at 0 */
	r.rng = seed * 0x9E3779B97F4A7C15ULL + 1;
	if (pf_mbx)
		return rogue_pf_main(&r, pf_mbx, mode);
	if (!vf) {
		rogue_usage(argv[0]);
		return 2;
	}

	if (rogue_check_vf(&r, vf))
		return 1;
	if (rogue_enable_vf(vf)) {
		fprintf(stderr, "cannot enable %s\n", vf);
		return 1;
	}
	if (rogue_map(&r, vf))
		return 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGTERM, rogue_on_signal);
	signal(SIGINT, rogue_on_signal);
	clock_gettime(CLOCK_MONOTONIC, &r.start);
	if (rogue_run(&r, mode)) {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	rogue_summary(&r, mode, seed);
	munmap(r.bar, ROGUE_BAR_SIZE);
	return 0;
}
