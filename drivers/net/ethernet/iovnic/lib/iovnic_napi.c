// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_lib: per-vector NAPI polling, MSI-X handler and adaptive
 * interrupt moderation (EITR).
 */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/netdevice.h>

#include <iovnic/regs.h>

#include "iovnic_lib_int.h"

/* moderation classes by the traffic seen between two interrupts */
#define IOVNIC_ITR_FEW_PACKETS		4
#define IOVNIC_ITR_BULK_BYTES		24000
#define IOVNIC_ITR_BULK_AVG_SIZE	1200

/**
 * iovnic_q_vector_irq_enable - unmask a vector (EIMS)
 * @q_vector: the vector
 */
void iovnic_q_vector_irq_enable(struct iovnic_q_vector *q_vector)
{
	writel(q_vector->eims_mask, q_vector->eims_reg);
}
EXPORT_SYMBOL_GPL(iovnic_q_vector_irq_enable);

/**
 * iovnic_q_vector_irq_disable - mask a vector (EIMC)
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
	writel(((u32)usecs << q_vector->eitr_shift) & IOVNIC_EITR_INTERVAL,
	       q_vector->eitr_reg);
}

/**
 * iovnic_q_vector_set_itr - set fixed or adaptive moderation
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
 * Few frames per interrupt means request/response traffic that wants
 * low latency; many large frames mean a bulk stream where fewer
 * interrupts cost nothing; anything else gets the middle setting.
 */
static u16 iovnic_itr_class(const struct iovnic_itr *itr)
{
	if (!itr->packets)
		return 0;
	if (itr->packets <= IOVNIC_ITR_FEW_PACKETS &&
	    itr->bytes < IOVNIC_ITR_BULK_BYTES)
		return IOVNIC_ITR_LOWEST_LATENCY;
	if (itr->bytes >= IOVNIC_ITR_BULK_BYTES &&
	    itr->bytes / itr->packets >= IOVNIC_ITR_BULK_AVG_SIZE)
		return IOVNIC_ITR_BULK;
	return IOVNIC_ITR_LOW_LATENCY;
}

static void iovnic_itr_update(struct iovnic_q_vector *q_vector)
{
	u16 rx, tx, usecs;

	rx = q_vector->rx_itr_usecs ?: iovnic_itr_class(&q_vector->rx_itr);
	tx = q_vector->tx_itr_usecs ?: iovnic_itr_class(&q_vector->tx_itr);
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
 * iovnic_napi_poll - NAPI poll of a queue vector
 * @napi: the vector's NAPI context
 * @budget: frames the RX ring may process; 0 from netpoll (TX only)
 *
 * Cleans the TX (and XDP TX) ring, receives on the RX ring, and when all
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

	if (q_vector->tx_ring)
		clean_complete &= iovnic_clean_tx_irq(q_vector->tx_ring, budget,
						      &tx_itr->packets,
						      &tx_itr->bytes);
	if (q_vector->xdp_ring)
		clean_complete &= iovnic_clean_tx_irq(q_vector->xdp_ring, budget,
						      &tx_itr->packets,
						      &tx_itr->bytes);
	if (unlikely(budget <= 0))
		return budget;

	if (q_vector->rx_ring) {
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
		iovnic_q_vector_irq_enable(q_vector);
	}
	return work_done;
}
EXPORT_SYMBOL_GPL(iovnic_napi_poll);

/**
 * iovnic_msix_ring_irq - MSI-X handler of a queue vector
 * @irq: interrupt number
 * @data: the struct iovnic_q_vector
 *
 * QEMU does not auto-mask (no EIAM), so the vector is masked here and
 * unmasked by the poll once it is done; on silicon this is redundant.
 *
 * Return: IRQ_HANDLED.
 */
irqreturn_t iovnic_msix_ring_irq(int irq, void *data)
{
	struct iovnic_q_vector *q_vector = data;

	writel(q_vector->eims_mask, q_vector->eimc_reg);
	napi_schedule_irqoff(&q_vector->napi);
	return IRQ_HANDLED;
}
EXPORT_SYMBOL_GPL(iovnic_msix_ring_irq);

/**
 * iovnic_q_vector_init - prepare a vector and add its NAPI context
 * @q_vector: zeroed vector; the caller sets rings and registers after
 * @netdev: netdev the NAPI context belongs to
 *
 * Moderation starts adaptive with silicon EITR units.
 */
void iovnic_q_vector_init(struct iovnic_q_vector *q_vector,
			  struct net_device *netdev)
{
	q_vector->eitr_shift = IOVNIC_EITR_SHIFT_SILICON;
	q_vector->rx_itr_usecs = 0;
	q_vector->tx_itr_usecs = 0;
	q_vector->cur_itr_usecs = 0;
	netif_napi_add(netdev, &q_vector->napi, iovnic_napi_poll);
}
EXPORT_SYMBOL_GPL(iovnic_q_vector_init);

/**
 * iovnic_q_vector_deinit - remove a vector's NAPI context
 * @q_vector: vector, NAPI disabled
 */
void iovnic_q_vector_deinit(struct iovnic_q_vector *q_vector)
{
	netif_napi_del(&q_vector->napi);
}
EXPORT_SYMBOL_GPL(iovnic_q_vector_deinit);
