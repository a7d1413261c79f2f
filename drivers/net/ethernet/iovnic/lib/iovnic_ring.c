// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_lib: descriptor ring memory and RX page pools.
 */
#include <linux/dma-mapping.h>
#include <linux/slab.h>

#include "iovnic_lib_int.h"

static int iovnic_ring_check_count(const struct iovnic_ring *ring,
				   u16 min, u16 max)
{
	if (!ring->netdev || !ring->dev || !ring->regs || !ring->q_vector)
		return -EINVAL;
	if (ring->count < min || ring->count > max ||
	    !IS_ALIGNED(ring->count, IOVNIC_RING_COUNT_ALIGN))
		return -EINVAL;
	return 0;
}

static int iovnic_ring_alloc_desc(struct iovnic_ring *ring, size_t desc_size)
{
	/* RDLEN/TDLEN need 128-byte multiples, guaranteed by the count check */
	ring->size = ring->count * desc_size;
	ring->desc = dma_alloc_coherent(ring->dev, ring->size, &ring->dma,
					GFP_KERNEL);
	if (!ring->desc)
		return -ENOMEM;
	ring->next_to_use = 0;
	ring->next_to_clean = 0;
	return 0;
}

static void iovnic_ring_free_desc(struct iovnic_ring *ring)
{
	if (!ring->desc)
		return;
	dma_free_coherent(ring->dev, ring->size, ring->desc, ring->dma);
	ring->desc = NULL;
}

/**
 * iovnic_ring_alloc_tx() - allocate the memory of a TX ring
 * @ring: ring whose identity fields (netdev, dev, regs, q_vector, count,
 *	  queue_index, flags) are set
 *
 * Return: 0, -EINVAL for a bad description or -ENOMEM.
 */
int iovnic_ring_alloc_tx(struct iovnic_ring *ring)
{
	int err;

	err = iovnic_ring_check_count(ring, IOVNIC_MIN_TXD, IOVNIC_MAX_TXD);
	if (err)
		return err;

	ring->tx_buf = kvcalloc(ring->count, sizeof(*ring->tx_buf), GFP_KERNEL);
	if (!ring->tx_buf)
		return -ENOMEM;

	err = iovnic_ring_alloc_desc(ring, sizeof(struct iovnic_tx_desc));
	if (err)
		goto free_buf_info;

	u64_stats_init(&ring->stats.syncp);
	u64_stats_init(&ring->stats.xmit_syncp);
	return 0;

free_buf_info:
	kvfree(ring->tx_buf);
	ring->tx_buf = NULL;
	return err;
}
EXPORT_SYMBOL_GPL(iovnic_ring_alloc_tx);

/**
 * iovnic_ring_free_tx() - free a TX ring and every buffer it still holds
 * @ring: ring, allocated or not
 */
void iovnic_ring_free_tx(struct iovnic_ring *ring)
{
	if (!ring->tx_buf)
		return;
	iovnic_ring_clean_tx(ring);
	iovnic_ring_free_desc(ring);
	kvfree(ring->tx_buf);
	ring->tx_buf = NULL;
}
EXPORT_SYMBOL_GPL(iovnic_ring_free_tx);

static int iovnic_ring_create_page_pool(struct iovnic_ring *ring)
{
	struct page_pool_params pp = {
		.flags = PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV,
		.order = 0,
		.pool_size = ring->count,
		.nid = dev_to_node(ring->dev),
		.dev = ring->dev,
		/* XDP_TX sends straight from these pages */
		.dma_dir = DMA_BIDIRECTIONAL,
		.max_len = IOVNIC_RX_BUF_LEN,
		.offset = IOVNIC_RX_HEADROOM,
	};
	struct page_pool *pool;

	iovnic_pp_params_set_napi(&pp, &ring->q_vector->napi);
	pool = page_pool_create(&pp);
	if (IS_ERR(pool))
		return PTR_ERR(pool);
	ring->page_pool = pool;
	return 0;
}

/**
 * iovnic_ring_alloc_rx() - allocate the memory, page pool and XDP RX queue
 *			  info of an RX ring
 * @ring: ring whose identity fields are set; its q_vector's NAPI must be
 *	  added already
 *
 * Return: 0, -EINVAL for a bad description or -ENOMEM.
 */
int iovnic_ring_alloc_rx(struct iovnic_ring *ring)
{
	int err;

	err = iovnic_ring_check_count(ring, IOVNIC_MIN_RXD, IOVNIC_MAX_RXD);
	if (err)
		return err;

	ring->rx_buf = kvcalloc(ring->count, sizeof(*ring->rx_buf), GFP_KERNEL);
	if (!ring->rx_buf)
		return -ENOMEM;

	err = iovnic_ring_alloc_desc(ring, sizeof(union iovnic_rx_desc));
	if (err)
		goto free_buf_info;

	err = iovnic_ring_create_page_pool(ring);
	if (err)
		goto free_desc;

	err = xdp_rxq_info_reg(&ring->xdp_rxq, ring->netdev, ring->queue_index,
			       ring->q_vector->napi.napi_id);
	if (err)
		goto destroy_page_pool;

	err = xdp_rxq_info_reg_mem_model(&ring->xdp_rxq, MEM_TYPE_PAGE_POOL,
					 ring->page_pool);
	if (err)
		goto unreg_rxq;

	ring->rx_skb = NULL;
	ring->rx_discard = false;
	u64_stats_init(&ring->stats.syncp);
	u64_stats_init(&ring->stats.xmit_syncp);
	return 0;

unreg_rxq:
	xdp_rxq_info_unreg(&ring->xdp_rxq);
destroy_page_pool:
	page_pool_destroy(ring->page_pool);
	ring->page_pool = NULL;
free_desc:
	iovnic_ring_free_desc(ring);
free_buf_info:
	kvfree(ring->rx_buf);
	ring->rx_buf = NULL;
	return err;
}
EXPORT_SYMBOL_GPL(iovnic_ring_alloc_rx);

/**
 * iovnic_ring_free_rx() - free an RX ring and every buffer it still holds
 * @ring: ring, allocated or not
 */
void iovnic_ring_free_rx(struct iovnic_ring *ring)
{
	if (!ring->rx_buf)
		return;
	iovnic_ring_clean_rx(ring);
	/* the memory model holds its own reference on the pool */
	xdp_rxq_info_unreg(&ring->xdp_rxq);
	page_pool_destroy(ring->page_pool);
	ring->page_pool = NULL;
	iovnic_ring_free_desc(ring);
	kvfree(ring->rx_buf);
	ring->rx_buf = NULL;
}
EXPORT_SYMBOL_GPL(iovnic_ring_free_rx);
