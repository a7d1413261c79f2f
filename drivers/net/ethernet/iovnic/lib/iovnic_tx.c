// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_lib: transmit path (skb to advanced data descriptors) and TX
 * completion.
 */
#include <linux/dma-mapping.h>
#include <linux/error-injection.h>
#include <linux/netdevice.h>
#include <net/xdp.h>

#include "iovnic_lib_int.h"

static struct netdev_queue *iovnic_ring_txq(const struct iovnic_ring *ring)
{
	return netdev_get_tx_queue(ring->netdev, ring->queue_index);
}

/* Descriptors the data of @skb needs, not counting a context descriptor. */
static unsigned int iovnic_tx_data_descs(const struct sk_buff *skb)
{
	unsigned int count, f;

	count = DIV_ROUND_UP(skb_headlen(skb), IOVNIC_TX_MAX_DATA_PER_TXD);
	for (f = 0; f < skb_shinfo(skb)->nr_frags; f++)
		count += DIV_ROUND_UP(skb_frag_size(&skb_shinfo(skb)->frags[f]),
				      IOVNIC_TX_MAX_DATA_PER_TXD);
	return count;
}

static int __iovnic_maybe_stop_tx(struct iovnic_ring *ring, u16 size)
{
	netif_stop_subqueue(ring->netdev, ring->queue_index);

	/*
	 * Pairs with the smp_mb() in iovnic_clean_tx_irq(): either we see
	 * the room it freed, or it sees the queue stopped and wakes it.
	 */
	smp_mb();
	if (likely(iovnic_ring_unused(ring) < size)) {
		/* counted only when it sticks; wakes count in restart_queue */
		iovnic_ring_stats_inc_xmit(ring, &ring->stats.tx_stop);
		return -EBUSY;
	}

	netif_start_subqueue(ring->netdev, ring->queue_index);
	return 0;
}

static int iovnic_maybe_stop_tx(struct iovnic_ring *ring, u16 size)
{
	if (likely(iovnic_ring_unused(ring) >= size))
		return 0;
	return __iovnic_maybe_stop_tx(ring, size);
}

/**
 * iovnic_tx_unmap_buf() - undo the DMA mapping held by one TX slot
 * @ring: TX ring
 * @buf: slot; its mapping fields are cleared
 */
void iovnic_tx_unmap_buf(struct iovnic_ring *ring, struct iovnic_tx_buf *buf)
{
	if (buf->len) {
		if (buf->is_page)
			dma_unmap_page(ring->dev, buf->dma, buf->len,
				       DMA_TO_DEVICE);
		else
			dma_unmap_single(ring->dev, buf->dma, buf->len,
					 DMA_TO_DEVICE);
	}
	buf->dma = 0;
	buf->len = 0;
	buf->is_page = 0;
}

static u16 iovnic_tx_next(const struct iovnic_ring *ring, u16 i)
{
	return ++i < ring->count ? i : 0;
}

/* Unmap everything written since @first and give the slots back. */
static void iovnic_tx_unwind(struct iovnic_ring *ring, u16 first, u16 last)
{
	u16 i = first;

	for (;;) {
		iovnic_tx_unmap_buf(ring, &ring->tx_buf[i]);
		if (i == last)
			break;
		i = iovnic_tx_next(ring, i);
	}
	ring->next_to_use = first;
}

/*
 * Where fail_function exists, the mapping of a TX buffer is a function of
 * its own that the tests can make fail
 * (Documentation/fault-injection/fault-injection.rst); elsewhere it is
 * inlined away and the datapath is the dma_map call it wraps.
 */
#ifdef CONFIG_FUNCTION_ERROR_INJECTION
#define IOVNIC_TX_MAP_FN	__fix_address	/* noinline, not cloned */
#else
#define IOVNIC_TX_MAP_FN	__always_inline
#endif

/* Map the head (@frag NULL) or a fragment of @skb. */
static IOVNIC_TX_MAP_FN int iovnic_tx_map_buf(struct device *dev,
					      struct sk_buff *skb,
					      const skb_frag_t *frag,
					      dma_addr_t *dma)
{
	if (frag)
		*dma = skb_frag_dma_map(dev, frag, 0, skb_frag_size(frag),
					DMA_TO_DEVICE);
	else
		*dma = dma_map_single(dev, skb->data, skb_headlen(skb),
				      DMA_TO_DEVICE);
	return dma_mapping_error(dev, *dma);
}
ALLOW_ERROR_INJECTION(iovnic_tx_map_buf, ERRNO);

/*
 * Map the head and frags and write the data descriptors. A buffer longer
 * than IOVNIC_TX_MAX_DATA_PER_TXD is split over several descriptors that
 * share one mapping, recorded in the slot of its first descriptor.
 */
static int iovnic_tx_map(struct iovnic_ring *ring, struct iovnic_tx_buf *first,
			 u16 first_idx, u32 cmd, u32 olinfo)
{
	struct sk_buff *skb = first->skb;
	unsigned int f, nr_frags = skb_shinfo(skb)->nr_frags;
	unsigned int size = skb_headlen(skb);
	u16 i = ring->next_to_use;
	struct iovnic_tx_desc *desc;
	struct iovnic_tx_buf *buf;
	dma_addr_t dma;
	int err;

	cmd |= IOVNIC_TXD_DTYP_DATA | IOVNIC_TXD_CMD_DEXT | IOVNIC_TXD_CMD_IFCS;
	err = iovnic_tx_map_buf(ring->dev, skb, NULL, &dma);

	for (f = 0;; f++) {
		if (err)
			goto dma_error;
		buf = &ring->tx_buf[i];
		buf->dma = dma;
		buf->len = size;
		buf->is_page = f > 0;

		for (;;) {
			unsigned int chunk = min(size, IOVNIC_TX_MAX_DATA_PER_TXD);

			desc = iovnic_tx_desc(ring, i);
			desc->buffer_addr = cpu_to_le64(dma);
			desc->olinfo_status = cpu_to_le32(olinfo);
			olinfo = 0;	/* POPTS/PAYLEN only on the first one */
			size -= chunk;
			dma += chunk;
			if (!size && f == nr_frags) {
				desc->cmd_type_len = cpu_to_le32(cmd | chunk |
								 IOVNIC_TXD_CMD_EOP |
								 IOVNIC_TXD_CMD_RS);
				goto done;
			}
			desc->cmd_type_len = cpu_to_le32(cmd | chunk);
			i = iovnic_tx_next(ring, i);
			if (!size)
				break;
		}

		size = skb_frag_size(&skb_shinfo(skb)->frags[f]);
		err = iovnic_tx_map_buf(ring->dev, skb,
					&skb_shinfo(skb)->frags[f], &dma);
	}

done:
	skb_tx_timestamp(skb);
	/* descriptors complete before completion may look at them */
	dma_wmb();
	WRITE_ONCE(first->next_to_watch, desc);
	ring->next_to_use = iovnic_tx_next(ring, i);
	return 0;

dma_error:
	iovnic_tx_unwind(ring, first_idx, i);
	return -ENOMEM;
}

static void iovnic_tx_drop(struct iovnic_ring *ring, struct iovnic_tx_buf *first,
			   u16 first_idx)
{
	ring->next_to_use = first_idx;
	/* a context written for this frame was taken back with it */
	ring->tx_ctx_valid = false;
	dev_kfree_skb_any(first->skb);
	first->skb = NULL;
	first->type = IOVNIC_TX_BUF_NONE;
	dev_core_stats_tx_dropped_inc(ring->netdev);
}

/**
 * iovnic_xmit_frame() - queue one skb on a TX ring
 * @skb: frame from the stack
 * @ring: stack TX ring picked by the caller (matching the skb's queue)
 *
 * Writes an optional context descriptor and one data descriptor per
 * buffer, accounts the bytes to BQL and writes the tail unless more
 * frames follow (netdev_xmit_more()). Must run under the netdev queue's
 * TX lock, as ndo_start_xmit does.
 *
 * Return: NETDEV_TX_OK, or NETDEV_TX_BUSY if the ring was full (which the
 * queue stop logic normally prevents).
 */
netdev_tx_t iovnic_xmit_frame(struct sk_buff *skb, struct iovnic_ring *ring)
{
	struct iovnic_tx_buf *first;
	unsigned int count;
	u32 cmd = 0, olinfo = 0;
	u16 first_idx;

	count = iovnic_tx_data_descs(skb);
	if (unlikely(count > IOVNIC_TX_MAX_BUFS_PER_PKT)) {
		/* QEMU silently drops frames with more than 64 buffers */
		if (skb_linearize(skb))
			goto drop_skb;
		count = iovnic_tx_data_descs(skb);
		iovnic_ring_stats_inc_xmit(ring, &ring->stats.tx_linearize);
	}

	/* data + context + one slot kept free for head == tail */
	if (iovnic_maybe_stop_tx(ring, count + 2)) {
		iovnic_ring_stats_inc_xmit(ring, &ring->stats.tx_busy);
		return NETDEV_TX_BUSY;
	}

	first_idx = ring->next_to_use;
	first = &ring->tx_buf[first_idx];
	first->skb = skb;
	first->type = IOVNIC_TX_BUF_SKB;
	first->bytecount = max_t(unsigned int, skb->len, ETH_ZLEN);
	first->gso_segs = 1;

	if (iovnic_tx_offload(ring, first, &cmd, &olinfo)) {
		iovnic_tx_drop(ring, first, first_idx);
		return NETDEV_TX_OK;
	}

	if (iovnic_tx_map(ring, first, first_idx, cmd, olinfo)) {
		iovnic_ring_stats_inc_xmit(ring, &ring->stats.tx_dma_err);
		iovnic_tx_drop(ring, first, first_idx);
		return NETDEV_TX_OK;
	}

	iovnic_maybe_stop_tx(ring, IOVNIC_TX_DESC_NEEDED);

	/* the tail write orders the descriptor writes before it (writel) */
	if (__netdev_tx_sent_queue(iovnic_ring_txq(ring), first->bytecount,
				   netdev_xmit_more()))
		writel(ring->next_to_use, ring->tail);
	return NETDEV_TX_OK;

drop_skb:
	dev_kfree_skb_any(skb);
	dev_core_stats_tx_dropped_inc(ring->netdev);
	return NETDEV_TX_OK;
}
EXPORT_SYMBOL_GPL(iovnic_xmit_frame);

/* Give back what one finished frame held; @napi_budget 0 means not NAPI. */
static void iovnic_tx_release(struct iovnic_tx_buf *first, int napi_budget,
			      unsigned int *bql_pkts, unsigned int *bql_bytes)
{
	switch (first->type) {
	case IOVNIC_TX_BUF_SKB:
		(*bql_pkts)++;
		*bql_bytes += first->bytecount;
		napi_consume_skb(first->skb, napi_budget);
		break;
	case IOVNIC_TX_BUF_XDP_TX:
		/* our own RX page, completed in the NAPI owning its pool */
		if (napi_budget)
			xdp_return_frame_rx_napi(first->xdpf);
		else
			xdp_return_frame(first->xdpf);
		break;
	case IOVNIC_TX_BUF_XDP_XMIT:
		xdp_return_frame(first->xdpf);
		break;
	}
	first->skb = NULL;
	first->type = IOVNIC_TX_BUF_NONE;
}

static void iovnic_tx_maybe_wake(struct iovnic_ring *ring)
{
	if (!netif_carrier_ok(ring->netdev) ||
	    iovnic_ring_unused(ring) < iovnic_tx_wake_threshold(ring))
		return;

	/* pairs with the smp_mb() in __iovnic_maybe_stop_tx() */
	smp_mb();
	if (__netif_subqueue_stopped(ring->netdev, ring->queue_index)) {
		netif_wake_subqueue(ring->netdev, ring->queue_index);
		iovnic_ring_stats_inc(ring, &ring->stats.restart_queue);
	}
}

/**
 * iovnic_clean_tx_irq() - reclaim the descriptors of frames the device sent
 * @ring: TX ring
 * @napi_budget: NAPI budget, 0 from netpoll
 * @packets: incremented by frames completed (for moderation)
 * @bytes: incremented by bytes completed (for moderation)
 *
 * Return: true if the ring was cleaned completely within the work limit.
 */
bool iovnic_clean_tx_irq(struct iovnic_ring *ring, int napi_budget,
			 unsigned int *packets, unsigned int *bytes)
{
	unsigned int total_pkts = 0, total_bytes = 0;
	unsigned int bql_pkts = 0, bql_bytes = 0;
	unsigned int work = ring->count / 2;
	u16 i = ring->next_to_clean;

	for (; work; work--) {
		struct iovnic_tx_buf *first = &ring->tx_buf[i];
		struct iovnic_tx_desc *eop = READ_ONCE(first->next_to_watch);

		if (!eop)
			break;
		/* read next_to_watch before the status it points to */
		smp_rmb();
		if (!(READ_ONCE(eop->olinfo_status) &
		      cpu_to_le32(IOVNIC_TXD_STAT_DD)))
			break;

		first->next_to_watch = NULL;
		total_pkts += first->gso_segs;
		total_bytes += first->bytecount;
		iovnic_tx_release(first, napi_budget, &bql_pkts, &bql_bytes);

		for (;;) {
			iovnic_tx_unmap_buf(ring, &ring->tx_buf[i]);
			if (iovnic_tx_desc(ring, i) == eop)
				break;
			i = iovnic_tx_next(ring, i);
		}
		i = iovnic_tx_next(ring, i);
	}

	WRITE_ONCE(ring->next_to_clean, i);
	if (!total_pkts)
		return !!work;

	u64_stats_update_begin(&ring->stats.syncp);
	ring->stats.packets += total_pkts;
	ring->stats.bytes += total_bytes;
	u64_stats_update_end(&ring->stats.syncp);
	*packets += total_pkts;
	*bytes += total_bytes;

	netdev_tx_completed_queue(iovnic_ring_txq(ring), bql_pkts, bql_bytes);
	iovnic_tx_maybe_wake(ring);

	return !!work;
}

/**
 * iovnic_ring_clean_tx() - release every buffer still on a TX ring
 * @ring: TX ring, stopped in hardware, NAPI disabled
 *
 * Also resets the BQL state of a stack ring so that it can be restarted.
 */
void iovnic_ring_clean_tx(struct iovnic_ring *ring)
{
	unsigned int bql_pkts = 0, bql_bytes = 0;
	u16 i;

	if (!ring->tx_buf)
		return;

	for (i = 0; i < ring->count; i++) {
		struct iovnic_tx_buf *buf = &ring->tx_buf[i];

		iovnic_tx_unmap_buf(ring, buf);
		if (buf->type != IOVNIC_TX_BUF_NONE)
			iovnic_tx_release(buf, 0, &bql_pkts, &bql_bytes);
		buf->next_to_watch = NULL;
	}
	ring->next_to_use = 0;
	ring->next_to_clean = 0;
	netdev_tx_reset_queue(iovnic_ring_txq(ring));
}
EXPORT_SYMBOL_GPL(iovnic_ring_clean_tx);

/*
 * XDP_TX and ndo_xdp_xmit share the stack's TX rings with ndo_start_xmit:
 * take the queue's TX lock.
 */
void iovnic_tx_ring_lock(struct iovnic_ring *ring)
{
	__netif_tx_lock(netdev_get_tx_queue(ring->netdev, ring->queue_index),
			smp_processor_id());
}

void iovnic_tx_ring_unlock(struct iovnic_ring *ring)
{
	struct netdev_queue *txq;

	txq = netdev_get_tx_queue(ring->netdev, ring->queue_index);
	/* XDP traffic counts as TX progress for the watchdog */
	txq_trans_cond_update(txq);
	__netif_tx_unlock(txq);
}

/**
 * iovnic_ring_kick_tx() - write a TX ring's tail again, unchanged
 * @ring: a TX ring of a running interface
 *
 * QEMU's model ignores tail writes while the pool's transmit is disabled
 * (VFTE) and does not look at the ring again when it is re-enabled: what
 * was queued meanwhile stays until the next tail write, which BQL may
 * never allow. The silicon resumes by itself; there this is a no-op.
 * Process context.
 */
void iovnic_ring_kick_tx(struct iovnic_ring *ring)
{
	local_bh_disable();
	iovnic_tx_ring_lock(ring);
	writel(ring->next_to_use, ring->tail);
	iovnic_tx_ring_unlock(ring);
	local_bh_enable();
}
EXPORT_SYMBOL_GPL(iovnic_ring_kick_tx);
