// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_lib: the life cycle of a set of queue pairs, as the PF and the VF
 * both run it. A queue pair is one q_vector with its TX and RX ring
 * (q_vector->tx_ring, ->rx_ring); a set is an array of them, vector i
 * serving netdev queue i. The driver allocates the structures, fills their
 * identity fields and picks the MSI-X vectors; this file does the rest in
 * the same order on both sides:
 *
 *   up:   iovnic_qpair_alloc() each, iovnic_qpairs_configure(),
 *         iovnic_qpairs_request_irqs(), iovnic_qpairs_start(), unmask
 *   down: mask, iovnic_qpairs_stop(), iovnic_qpairs_free_irqs(),
 *         iovnic_qpairs_clean(), iovnic_qpair_free() each
 */
#include <linux/interrupt.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/smp.h>

#include "iovnic_lib_int.h"

/**
 * iovnic_qpair_alloc() - allocate the rings of a queue pair
 * @qv: vector after iovnic_q_vector_init(), with ->tx_ring and ->rx_ring
 *	filled in as iovnic_ring_alloc_tx/rx() expect
 *
 * Return: 0 or -errno; on error neither ring holds memory.
 */
int iovnic_qpair_alloc(struct iovnic_q_vector *qv)
{
	int err;

	err = iovnic_ring_alloc_tx(qv->tx_ring);
	if (err)
		return err;
	err = iovnic_ring_alloc_rx(qv->rx_ring);
	if (err)
		iovnic_ring_free_tx(qv->tx_ring);
	return err;
}
EXPORT_SYMBOL_GPL(iovnic_qpair_alloc);

/**
 * iovnic_qpair_free() - free the rings of a queue pair and its NAPI context
 * @qv: vector, NAPI disabled; rings may be missing or never allocated
 */
void iovnic_qpair_free(struct iovnic_q_vector *qv)
{
	if (qv->tx_ring)
		iovnic_ring_free_tx(qv->tx_ring);
	if (qv->rx_ring)
		iovnic_ring_free_rx(qv->rx_ring);
	if (qv->napi.poll)
		iovnic_q_vector_deinit(qv);
}
EXPORT_SYMBOL_GPL(iovnic_qpair_free);

/**
 * iovnic_qpairs_configure() - program and enable the rings of a set
 * @qv: the vectors
 * @n: number of @qv
 */
void iovnic_qpairs_configure(struct iovnic_q_vector *const *qv,
			     unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		iovnic_ring_configure_tx(qv[i]->tx_ring);
		iovnic_ring_configure_rx(qv[i]->rx_ring);
	}
}
EXPORT_SYMBOL_GPL(iovnic_qpairs_configure);

/**
 * iovnic_qpairs_clean() - stop the rings of a set and release their buffers
 * @qv: the vectors, NAPI disabled
 * @n: number of @qv
 */
void iovnic_qpairs_clean(struct iovnic_q_vector *const *qv, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		iovnic_ring_disable_tx(qv[i]->tx_ring);
		iovnic_ring_disable_rx(qv[i]->rx_ring);
		iovnic_ring_clean_tx(qv[i]->tx_ring);
		iovnic_ring_clean_rx(qv[i]->rx_ring);
	}
}
EXPORT_SYMBOL_GPL(iovnic_qpairs_clean);

/**
 * iovnic_qpairs_request_irqs() - request one MSI-X vector per queue pair
 * @qv: the vectors
 * @n: number of @qv
 * @pdev: the function whose MSI-X table holds the vectors
 * @first: MSI-X entry of @qv[0]; @qv[i] uses @first + i
 *
 * The interrupt is named "<netdev>-TxRx-<i>" and recorded in the NAPI
 * context for the netdev netlink family.
 *
 * Return: 0 or -errno (nothing left requested).
 */
int iovnic_qpairs_request_irqs(struct iovnic_q_vector *const *qv,
			       unsigned int n, struct pci_dev *pdev,
			       unsigned int first)
{
	unsigned int i;
	int irq, err;

	for (i = 0; i < n; i++) {
		irq = pci_irq_vector(pdev, first + i);
		snprintf(qv[i]->name, sizeof(qv[i]->name), "%s-TxRx-%u",
			 qv[i]->napi.dev->name, i);
		err = request_irq(irq, iovnic_msix_ring_irq, 0, qv[i]->name,
				  qv[i]);
		if (err)
			goto free_requested;
		iovnic_compat_napi_set_irq(&qv[i]->napi, irq);
	}
	return 0;

free_requested:
	iovnic_qpairs_free_irqs(qv, i, pdev, first);
	return err;
}
EXPORT_SYMBOL_GPL(iovnic_qpairs_request_irqs);

/**
 * iovnic_qpairs_free_irqs() - free what iovnic_qpairs_request_irqs() took
 * @qv: the vectors
 * @n: number of @qv
 * @pdev: the function whose MSI-X table holds the vectors
 * @first: MSI-X entry of @qv[0]
 */
void iovnic_qpairs_free_irqs(struct iovnic_q_vector *const *qv,
			     unsigned int n, struct pci_dev *pdev,
			     unsigned int first)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		iovnic_compat_napi_set_irq(&qv[i]->napi, -1);
		free_irq(pci_irq_vector(pdev, first + i), qv[i]);
	}
}
EXPORT_SYMBOL_GPL(iovnic_qpairs_free_irqs);

/**
 * iovnic_qpairs_start() - enable NAPI and link it to the netdev queues
 * @qv: the vectors; @qv[i] serves RX and TX queue i
 * @n: number of @qv
 *
 * The caller unmasks the vectors afterwards.
 */
void iovnic_qpairs_start(struct iovnic_q_vector *const *qv, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		napi_enable(&qv[i]->napi);
		iovnic_compat_queue_set_napi_rx(qv[i]->napi.dev, i,
						&qv[i]->napi);
		iovnic_compat_queue_set_napi_tx(qv[i]->napi.dev, i,
						&qv[i]->napi);
	}
}
EXPORT_SYMBOL_GPL(iovnic_qpairs_start);

/**
 * iovnic_qpairs_stop() - unlink NAPI from the netdev queues and disable it
 * @qv: the vectors, masked
 * @n: number of @qv
 */
void iovnic_qpairs_stop(struct iovnic_q_vector *const *qv, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		iovnic_compat_queue_set_napi_rx(qv[i]->napi.dev, i, NULL);
		iovnic_compat_queue_set_napi_tx(qv[i]->napi.dev, i, NULL);
		napi_disable(&qv[i]->napi);
	}
}
EXPORT_SYMBOL_GPL(iovnic_qpairs_stop);

/**
 * iovnic_qpairs_xdp_xmit() - ndo_xdp_xmit over a set of queue pairs
 * @qv: the vectors; the caller frees none before an RCU grace period
 *	after it stopped publishing them
 * @n: number of @qv, 0 if none
 * @nframes: number of @frames
 * @frames: the frames
 * @flags: XDP_XMIT_*
 *
 * Redirected frames go out on the TX ring of the vector picked by the
 * sending CPU, under that queue's TX lock.
 *
 * Return: frames queued, or -errno.
 */
int iovnic_qpairs_xdp_xmit(struct iovnic_q_vector *const *qv, unsigned int n,
			   int nframes, struct xdp_frame **frames, u32 flags)
{
	struct iovnic_q_vector *v;

	if (!n)
		return -ENETDOWN;
	v = READ_ONCE(qv[smp_processor_id() % n]);
	if (unlikely(!v || !v->tx_ring))
		return -ENXIO;
	return iovnic_xdp_xmit(v->tx_ring, nframes, frames, flags);
}
EXPORT_SYMBOL_GPL(iovnic_qpairs_xdp_xmit);
