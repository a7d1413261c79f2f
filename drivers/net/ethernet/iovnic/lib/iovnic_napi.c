// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_lib: per-vector NAPI polling, MSI-X handler and adaptive
 * interrupt moderation (EITR).
 */
#include <linux/bitfield.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/netdevice.h>
#include <linux/sched/clock.h>

#include <iovnic/regs.h>

#include "iovnic_lib_int.h"

/* what the traffic seen between two interrupts says about latency */
#define IOVNIC_ITR_TRICKLE_PPS		10000
#define IOVNIC_ITR_BULK_BYTES		24000
#define IOVNIC_ITR_BULK_AVG_SIZE	1200
/*
 * Adaptive moderation decides over this many completed polls, or over a
 * jiffy if fewer come: one interrupt's count of frames is noise, and an
 * interval steered by it never settles.
 */
#define IOVNIC_ITR_WINDOW_POLLS		8

/**
 * iovnic_q_vector_irq_enable() - unmask a vector (EIMS)
 * @q_vector: the vector
 */
void iovnic_q_vector_irq_enable(struct iovnic_q_vector *q_vector)
{
	writel(q_vector->eims_mask, q_vector->eims_reg);
}
EXPORT_SYMBOL_GPL(iovnic_q_vector_irq_enable);

/**
 * iovnic_q_vector_irq_disable() - mask a vector (EIMC)
 * @q_vector: the vector
 *
 * Does not wait for a running handler: use synchronize_irq() for that.
 */
void iovnic_q_vector_irq_disable(struct iovnic_q_vector *q_vector)
{
	writel(q_vector->eims_mask, q_vector->eimc_reg);
}
EXPORT_SYMBOL_GPL(iovnic_q_vector_irq_disable);

static void iovnic_q_vector_write_itr(struct iovnic_q_vector *q_vector,
				      u16 usecs)
{
	if (!q_vector->eitr_reg || usecs == q_vector->cur_itr_usecs)
		return;
	q_vector->cur_itr_usecs = usecs;
	/* the interval counts microseconds at bits 14:2 on silicon */
	writel(FIELD_PREP(IOVNIC_EITR_INTERVAL, usecs), q_vector->eitr_reg);
}

/**
 * iovnic_q_vector_set_itr() - set fixed or adaptive moderation
 * @q_vector: the vector
 * @rx_usecs: RX interval in microseconds, 0 for adaptive
 * @tx_usecs: TX interval in microseconds, 0 for adaptive
 *
 * A vector has one EITR: with both fixed, the shorter interval wins.
 */
void iovnic_q_vector_set_itr(struct iovnic_q_vector *q_vector,
			     u16 rx_usecs, u16 tx_usecs)
{
	u16 usecs;

	q_vector->rx_itr_usecs = min_t(u16, rx_usecs, IOVNIC_ITR_MAX_USECS);
	q_vector->tx_itr_usecs = min_t(u16, tx_usecs, IOVNIC_ITR_MAX_USECS);
	memset(&q_vector->rx_itr, 0, sizeof(q_vector->rx_itr));
	memset(&q_vector->tx_itr, 0, sizeof(q_vector->tx_itr));
	q_vector->itr_polls = 0;

	if (q_vector->rx_itr_usecs && q_vector->tx_itr_usecs)
		usecs = min(q_vector->rx_itr_usecs, q_vector->tx_itr_usecs);
	else if (q_vector->rx_itr_usecs || q_vector->tx_itr_usecs)
		usecs = max(q_vector->rx_itr_usecs, q_vector->tx_itr_usecs);
	else
		usecs = IOVNIC_ITR_LOW_LATENCY;
	/* force the write: the register may have been reset meanwhile */
	q_vector->cur_itr_usecs = U16_MAX;
	iovnic_q_vector_write_itr(q_vector, usecs);
}
EXPORT_SYMBOL_GPL(iovnic_q_vector_set_itr);

/*
 * A slow trickle of frames is request/response traffic that wants the
 * lowest latency. Large frames are a bulk stream: received, they batch
 * well at @bulk_usecs; sent, their completions should come back sooner,
 * since TCP small queues holds a sender back until they do. A fast stream
 * of small frames gets an interval that moves towards @target frames per
 * interrupt: small frames cost per frame, so batching them is where
 * interrupts are saved, and the target keeps the ring from filling before
 * the interrupt comes. Steering by the frames actually seen rather than by
 * the rate alone keeps this right whatever unit the device counts EITR in
 * (QEMU's is four times the datasheet's).
 */
static u16 iovnic_itr_adapt(const struct iovnic_itr *itr, u64 elapsed_ns,
			    unsigned int polls, u16 cur, unsigned int target,
			    u16 bulk_usecs)
{
	unsigned int usecs;

	if (!itr->packets)
		return 0;
	if (itr->bytes >= IOVNIC_ITR_BULK_BYTES * polls &&
	    itr->bytes / itr->packets >= IOVNIC_ITR_BULK_AVG_SIZE)
		return bulk_usecs;
	if ((u64)itr->packets * NSEC_PER_SEC <
	    (u64)IOVNIC_ITR_TRICKLE_PPS * elapsed_ns)
		return IOVNIC_ITR_LOWEST_LATENCY;

	/*
	 * At most double or halve per step, as one odd interval is noise;
	 * and leave a near miss alone rather than write EITR every time.
	 */
	cur = max_t(u16, cur, IOVNIC_ITR_LOWEST_LATENCY);
	usecs = DIV_ROUND_UP(cur * target * polls, itr->packets);
	if (usecs + cur / 8U >= cur && usecs <= cur + cur / 8U)
		return cur;
	usecs = clamp(usecs, cur / 2U, cur * 2U);
	return clamp_t(unsigned int, usecs, IOVNIC_ITR_LOWEST_LATENCY,
		       IOVNIC_ITR_BULK);
}

static void iovnic_itr_update(struct iovnic_q_vector *q_vector)
{
	u16 cur = q_vector->cur_itr_usecs;
	u16 rx = q_vector->rx_itr_usecs;
	u16 tx = q_vector->tx_itr_usecs;
	unsigned int polls;
	u64 now, elapsed;
	u16 usecs;

	/* both fixed: iovnic_q_vector_set_itr() wrote the interval */
	if (rx && tx)
		return;
	polls = ++q_vector->itr_polls;
	if (polls < IOVNIC_ITR_WINDOW_POLLS &&
	    time_before(jiffies, q_vector->itr_next))
		return;
	q_vector->itr_polls = 0;
	q_vector->itr_next = jiffies + 1;
	now = local_clock();
	elapsed = now - q_vector->itr_updated_ns;
	q_vector->itr_updated_ns = now;
	/* a quarter of the RX ring; a small frame takes two TX descriptors */
	if (!rx && q_vector->rx_ring)
		rx = iovnic_itr_adapt(&q_vector->rx_itr, elapsed, polls, cur,
				      q_vector->rx_ring->count / 4,
				      IOVNIC_ITR_BULK);
	if (!tx && q_vector->tx_ring)
		tx = iovnic_itr_adapt(&q_vector->tx_itr, elapsed, polls, cur,
				      q_vector->tx_ring->count / 8,
				      IOVNIC_ITR_LOW_LATENCY);
	memset(&q_vector->rx_itr, 0, sizeof(q_vector->rx_itr));
	memset(&q_vector->tx_itr, 0, sizeof(q_vector->tx_itr));

	/* the direction asking for the shorter interval decides */
	if (rx && tx)
		usecs = min(rx, tx);
	else
		usecs = max(rx, tx);
	if (usecs)
		iovnic_q_vector_write_itr(q_vector, usecs);
}

/**
 * iovnic_napi_poll() - NAPI poll of a queue vector
 * @napi: the vector's NAPI context
 * @budget: frames the RX ring may process; 0 from netpoll (TX only)
 *
 * Cleans the TX ring, receives on the RX ring, and when all
 * is done completes NAPI, updates the moderation and unmasks the vector.
 *
 * Return: work done, or @budget to be polled again.
 */
int iovnic_napi_poll(struct napi_struct *napi, int budget)
{
	struct iovnic_q_vector *q_vector =
		container_of(napi, struct iovnic_q_vector, napi);
	struct iovnic_itr *rx_itr = &q_vector->rx_itr;
	struct iovnic_itr *tx_itr = &q_vector->tx_itr;
	bool clean_complete = true;
	int work_done = 0;

	/* a vector serves both rings: the one without news costs nothing */
	if (q_vector->tx_ring && iovnic_tx_pending(q_vector->tx_ring))
		clean_complete &= iovnic_clean_tx_irq(q_vector->tx_ring, budget,
						      &tx_itr->packets,
						      &tx_itr->bytes);
	if (unlikely(budget <= 0))
		return budget;

	if (q_vector->rx_ring && iovnic_rx_pending(q_vector->rx_ring)) {
		work_done = iovnic_clean_rx_irq(q_vector->rx_ring, budget,
						&rx_itr->packets,
						&rx_itr->bytes);
		if (work_done >= budget)
			clean_complete = false;
	}

	if (!clean_complete)
		return budget;

	work_done = min(work_done, budget - 1);
	if (likely(napi_complete_done(napi, work_done))) {
		iovnic_itr_update(q_vector);
		if (q_vector->mask_in_irq)
			iovnic_q_vector_irq_enable(q_vector);
	}
	return work_done;
}
EXPORT_SYMBOL_GPL(iovnic_napi_poll);

/**
 * iovnic_msix_ring_irq() - MSI-X handler of a queue vector
 * @irq: interrupt number
 * @data: the struct iovnic_q_vector
 *
 * An MSI-X vector stays unmasked: EIAC clears its cause on delivery and
 * EITR spaces its messages, so one that comes while NAPI still polls only
 * makes NAPI look once more, and masking it here and unmasking it in the
 * poll would cost two register writes per interrupt (EIAM is not set, on
 * silicon nor in QEMU). A vector with @mask_in_irq (the PF's shared
 * MSI/INTx vector, whose queue causes stay asserted) is masked until the
 * poll is done.
 *
 * Return: IRQ_HANDLED.
 */
irqreturn_t iovnic_msix_ring_irq(int irq, void *data)
{
	struct iovnic_q_vector *q_vector = data;

	if (q_vector->mask_in_irq)
		writel(q_vector->eims_mask, q_vector->eimc_reg);
	napi_schedule_irqoff(&q_vector->napi);
	return IRQ_HANDLED;
}
EXPORT_SYMBOL_GPL(iovnic_msix_ring_irq);

/**
 * iovnic_q_vector_init() - prepare a vector and add its NAPI context
 * @q_vector: zeroed vector; the caller sets rings and registers after
 * @netdev: netdev the NAPI context belongs to
 *
 * Moderation starts adaptive.
 */
void iovnic_q_vector_init(struct iovnic_q_vector *q_vector,
			  struct net_device *netdev)
{
	q_vector->rx_itr_usecs = 0;
	q_vector->tx_itr_usecs = 0;
	q_vector->cur_itr_usecs = 0;
	netif_napi_add(netdev, &q_vector->napi, iovnic_napi_poll);
}
EXPORT_SYMBOL_GPL(iovnic_q_vector_init);

/**
 * iovnic_q_vector_deinit() - remove a vector's NAPI context
 * @q_vector: vector, NAPI disabled
 */
void iovnic_q_vector_deinit(struct iovnic_q_vector *q_vector)
{
	netif_napi_del(&q_vector->napi);
}
EXPORT_SYMBOL_GPL(iovnic_q_vector_deinit);
