// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_lib: programming a queue's register block (base, length, buffer
 * layout, head/tail, enable). The offsets inside the block are the same
 * for PF queues, the PF's legacy aliases and VF queues.
 */
#include <linux/bitfield.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/netdevice.h>

#include <iovnic/regs.h>

#include "iovnic_lib_int.h"

/*
 * Prefetch/host thresholds as igb uses them with MSI-X on the 82576;
 * WTHRESH 1 writes each RS descriptor back at once, which keeps TX
 * completion latency low. QEMU ignores all three.
 */
#define IOVNIC_TXDCTL_DEFAULT	(FIELD_PREP(IOVNIC_XDCTL_PTHRESH, 8) | \
				 FIELD_PREP(IOVNIC_XDCTL_HTHRESH, 1) | \
				 FIELD_PREP(IOVNIC_XDCTL_WTHRESH, 1))
#define IOVNIC_RXDCTL_DEFAULT	(FIELD_PREP(IOVNIC_XDCTL_PTHRESH, 8) | \
				 FIELD_PREP(IOVNIC_XDCTL_HTHRESH, 8) | \
				 FIELD_PREP(IOVNIC_XDCTL_WTHRESH, 1))

#define IOVNIC_QUEUE_DISABLE_TIMEOUT_US	10000

static void iovnic_ring_write_base(struct iovnic_ring *ring)
{
	/* RDBAL/TDBAL .. RDLEN/TDLEN sit at the same offsets */
	iovnic_ring_wr32(ring, IOVNIC_RDBAL, lower_32_bits(ring->dma));
	iovnic_ring_wr32(ring, IOVNIC_RDBAH, upper_32_bits(ring->dma));
	iovnic_ring_wr32(ring, IOVNIC_RDLEN, ring->size);
}

static void iovnic_ring_wait_disabled(struct iovnic_ring *ring, u32 reg)
{
	u32 val;
	int err;

	err = read_poll_timeout(iovnic_ring_rd32, val,
				val == U32_MAX || !(val & IOVNIC_XDCTL_ENABLE),
				10, IOVNIC_QUEUE_DISABLE_TIMEOUT_US, false,
				ring, reg);
	if (err || val == U32_MAX)
		netdev_warn(ring->netdev, "queue %u did not stop (0x%08x)\n",
			    ring->queue_index, val);
}

static void iovnic_ring_disable(struct iovnic_ring *ring, u32 reg)
{
	u32 val = iovnic_ring_rd32(ring, reg);

	if (val == U32_MAX)	/* device gone: nothing to stop */
		return;
	iovnic_ring_wr32(ring, reg, val & ~IOVNIC_XDCTL_ENABLE);
	iovnic_ring_wait_disabled(ring, reg);
}

/**
 * iovnic_ring_disable_tx() - stop a TX queue in hardware
 * @ring: ring whose queue was configured
 *
 * Waits (sleeping) up to 10 ms for TXDCTL.ENABLE to read back clear.
 */
void iovnic_ring_disable_tx(struct iovnic_ring *ring)
{
	iovnic_ring_disable(ring, IOVNIC_TXDCTL);
}
EXPORT_SYMBOL_GPL(iovnic_ring_disable_tx);

/**
 * iovnic_ring_disable_rx() - stop an RX queue in hardware
 * @ring: ring whose queue was configured
 *
 * Waits (sleeping) up to 10 ms for RXDCTL.ENABLE to read back clear.
 */
void iovnic_ring_disable_rx(struct iovnic_ring *ring)
{
	iovnic_ring_disable(ring, IOVNIC_RXDCTL);
}
EXPORT_SYMBOL_GPL(iovnic_ring_disable_rx);

/**
 * iovnic_ring_configure_tx() - program and enable a TX queue
 * @ring: allocated TX ring, holding no buffers
 *
 * The queue starts empty (head = tail = 0). Head write-back stays off:
 * completions are found by the DD bit of the last descriptor of a frame.
 */
void iovnic_ring_configure_tx(struct iovnic_ring *ring)
{
	iovnic_ring_disable(ring, IOVNIC_TXDCTL);

	memset(ring->desc, 0, ring->size);
	ring->next_to_use = 0;
	ring->next_to_clean = 0;
	ring->tail = ring->regs + IOVNIC_TDT;
	ring->tx_ctx_valid = false;
	/* no frame is in flight: BQL starts from zero as well */
	netdev_tx_reset_queue(netdev_get_tx_queue(ring->netdev,
						  ring->queue_index));

	iovnic_ring_write_base(ring);
	iovnic_ring_wr32(ring, IOVNIC_TDWBAL, 0);
	iovnic_ring_wr32(ring, IOVNIC_TDWBAH, 0);
	iovnic_ring_wr32(ring, IOVNIC_TDH, 0);
	iovnic_ring_wr32(ring, IOVNIC_TDT, 0);
	iovnic_ring_wr32(ring, IOVNIC_TXDCTL,
			 IOVNIC_TXDCTL_DEFAULT | IOVNIC_XDCTL_ENABLE);
}
EXPORT_SYMBOL_GPL(iovnic_ring_configure_tx);

/**
 * iovnic_ring_configure_rx() - program and enable an RX queue, post buffers
 * @ring: allocated RX ring, holding no buffers
 *
 * Uses advanced one-buffer descriptors with IOVNIC_RX_BUF_LEN buffers.
 * Posts as many buffers as the page pool gives (count - 1 at most) and
 * writes the tail once. The caller must keep RLPML/VMOLR.RLPML in line
 * with the MTU; frames longer than a buffer span several descriptors.
 */
void iovnic_ring_configure_rx(struct iovnic_ring *ring)
{
	u32 srrctl;

	iovnic_ring_disable(ring, IOVNIC_RXDCTL);

	memset(ring->desc, 0, ring->size);
	ring->next_to_use = 0;
	ring->next_to_clean = 0;
	ring->tail = ring->regs + IOVNIC_RDT;

	iovnic_ring_write_base(ring);
	srrctl = FIELD_PREP(IOVNIC_SRRCTL_BSIZEPKT, IOVNIC_RX_BUF_LEN / SZ_1K) |
		 FIELD_PREP(IOVNIC_SRRCTL_DESCTYPE,
			    IOVNIC_SRRCTL_DESCTYPE_ADV_1BUF);
	if (ring->flags & IOVNIC_RING_F_RX_DROP_EN)
		srrctl |= IOVNIC_SRRCTL_DROP_EN;
	iovnic_ring_wr32(ring, IOVNIC_SRRCTL, srrctl);
	iovnic_ring_wr32(ring, IOVNIC_RDH, 0);
	iovnic_ring_wr32(ring, IOVNIC_RDT, 0);
	iovnic_ring_wr32(ring, IOVNIC_RXDCTL,
			 IOVNIC_RXDCTL_DEFAULT | IOVNIC_XDCTL_ENABLE);

	if (!iovnic_rx_refill(ring, iovnic_ring_unused(ring)))
		netdev_warn(ring->netdev, "rx%u: posted only %u buffers\n",
			    ring->queue_index, ring->count - 1 -
			    iovnic_ring_unused(ring));
}
EXPORT_SYMBOL_GPL(iovnic_ring_configure_rx);
