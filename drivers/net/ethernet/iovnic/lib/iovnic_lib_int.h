/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iovnic_lib internals: what the library's files share with each other
 * but not with the PF and VF drivers.
 */
#ifndef _IOVNIC_LIB_INT_H_
#define _IOVNIC_LIB_INT_H_

#include <linux/io.h>
#include <linux/sizes.h>

#include "iovnic_lib.h"

/*
 * A queue's register block, for ring bring-up and teardown; the per-packet
 * paths write ring->tail themselves. A device that is gone reads all ones,
 * which callers check for; the PF's and VF's own accessors latch it on
 * their next access.
 */
static inline u32 iovnic_ring_rd32(const struct iovnic_ring *ring, u32 reg)
{
	return readl(ring->regs + reg);
}

static inline void iovnic_ring_wr32(const struct iovnic_ring *ring, u32 reg,
				    u32 val)
{
	writel(val, ring->regs + reg);
}

/* The device reads at most 64 buffers per frame; 32 KiB each keeps TSO simple. */
#define IOVNIC_TX_MAX_DATA_PER_TXD	SZ_32K
/* Worst case for one skb after linearizing: context + head + gap. */
#define IOVNIC_TX_DESC_NEEDED		(IOVNIC_TX_MAX_BUFS_PER_PKT + 3)
/* RX: write the tail after this many refilled descriptors at most. */
#define IOVNIC_RX_REFILL_BATCH		16
/*
 * Frames up to this size are copied into a small skb and their page goes
 * straight back to the pool: a page-sized truesize per 64-byte datagram
 * would fill a socket's receive buffer 16 times too early.
 */
#define IOVNIC_RX_COPYBREAK		256

/* verdict of the XDP program, as the RX path needs it */
#define IOVNIC_XDP_PASS			0
#define IOVNIC_XDP_CONSUMED		BIT(0)	/* buffer given back to the pool */
#define IOVNIC_XDP_TX			BIT(1)	/* buffer now owned by a TX ring */
#define IOVNIC_XDP_REDIR		BIT(2)	/* buffer now owned by the target */

static inline union iovnic_rx_desc *iovnic_rx_desc(const struct iovnic_ring *ring,
						   u16 i)
{
	return &((union iovnic_rx_desc *)ring->desc)[i];
}

static inline struct iovnic_tx_desc *iovnic_tx_desc(const struct iovnic_ring *ring,
						    u16 i)
{
	return &((struct iovnic_tx_desc *)ring->desc)[i];
}

/*
 * Whether a poll of a TX ring has anything to look at: a vector serves a
 * TX and an RX ring, and most interrupts are for one of them only.
 */
static inline bool iovnic_tx_pending(const struct iovnic_ring *ring)
{
	return READ_ONCE(ring->tx_buf[ring->next_to_clean].next_to_watch);
}

/* The same for RX: a written-back descriptor, or a batch to refill. */
static inline bool iovnic_rx_pending(const struct iovnic_ring *ring)
{
	const union iovnic_rx_desc *desc = iovnic_rx_desc(ring,
							  ring->next_to_clean);

	return (READ_ONCE(desc->wb.status_error) &
		cpu_to_le32(IOVNIC_RXD_STAT_DD)) ||
	       iovnic_ring_unused(ring) >= IOVNIC_RX_REFILL_BATCH;
}

/*
 * Wake a stopped queue with room for two worst-case frames, or half the
 * ring on small rings, but never below what the stop check demands.
 */
static inline u16 iovnic_tx_wake_threshold(const struct iovnic_ring *ring)
{
	return max_t(u16, IOVNIC_TX_DESC_NEEDED,
		     min_t(u16, 2 * IOVNIC_TX_DESC_NEEDED, ring->count / 2));
}

/* a counter written from the ring's NAPI (or with NAPI disabled) */
static inline void iovnic_ring_stats_inc(struct iovnic_ring *ring, u64 *counter)
{
	u64_stats_update_begin(&ring->stats.syncp);
	(*counter)++;
	u64_stats_update_end(&ring->stats.syncp);
}

/* a counter written from the xmit path, under the netdev queue lock */
static inline void iovnic_ring_stats_inc_xmit(struct iovnic_ring *ring,
					      u64 *counter)
{
	u64_stats_update_begin(&ring->stats.xmit_syncp);
	(*counter)++;
	u64_stats_update_end(&ring->stats.xmit_syncp);
}

/* iovnic_tx_offload.c */
int iovnic_tx_offload(struct iovnic_ring *ring, struct iovnic_tx_buf *first,
		      u32 *cmd, u32 *olinfo);

/* iovnic_tx.c */
bool iovnic_clean_tx_irq(struct iovnic_ring *ring, int napi_budget,
			 unsigned int *packets, unsigned int *bytes);
void iovnic_tx_unmap_buf(struct iovnic_ring *ring, struct iovnic_tx_buf *buf);
void iovnic_tx_ring_lock(struct iovnic_ring *ring);
void iovnic_tx_ring_unlock(struct iovnic_ring *ring);

/* iovnic_rx.c */
int iovnic_clean_rx_irq(struct iovnic_ring *ring, int budget,
			unsigned int *packets, unsigned int *bytes);
bool iovnic_rx_refill(struct iovnic_ring *ring, u16 count);

/* iovnic_xdp.c */
unsigned int iovnic_run_xdp(struct iovnic_ring *rx_ring,
			    struct bpf_prog *prog, struct xdp_buff *xdp);
void iovnic_xdp_finish(struct iovnic_ring *rx_ring, unsigned int xdp_done);

#endif /* _IOVNIC_LIB_INT_H_ */
