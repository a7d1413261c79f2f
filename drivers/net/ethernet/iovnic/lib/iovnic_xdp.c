// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_lib: XDP. Programs run on single-buffer frames in the RX path;
 * XDP_TX goes out on the vector's stack TX ring under that queue's TX
 * lock; ndo_xdp_xmit frames likewise.
 */
#include <linux/bpf.h>
#include <linux/bpf_trace.h>
#include <linux/dma-mapping.h>
#include <linux/filter.h>
#include <linux/netdevice.h>
#include <net/xdp.h>

#include "iovnic_lib_int.h"

/* Queue one single-buffer frame; the caller holds the ring lock. */
static int iovnic_xdp_tx_frame(struct iovnic_ring *ring,
			       struct xdp_frame *xdpf,
			       enum iovnic_tx_buf_type type)
{
	u16 i = ring->next_to_use;
	struct iovnic_tx_buf *buf = &ring->tx_buf[i];
	struct iovnic_tx_desc *desc = iovnic_tx_desc(ring, i);
	u32 len = xdpf->len;
	dma_addr_t dma;

	if (unlikely(!iovnic_ring_unused(ring)))
		return -ENOSPC;

	if (type == IOVNIC_TX_BUF_XDP_TX) {
		struct page *page = virt_to_page(xdpf->data);

		/* a page of our pool: mapped already, only sync the frame */
		dma = page_pool_get_dma_addr(page) + offset_in_page(xdpf->data);
		dma_sync_single_for_device(ring->dev, dma, len,
					   DMA_BIDIRECTIONAL);
	} else {
		dma = dma_map_single(ring->dev, xdpf->data, len, DMA_TO_DEVICE);
		if (dma_mapping_error(ring->dev, dma))
			return -ENOMEM;
		buf->dma = dma;
		buf->len = len;
		buf->is_page = 0;
	}

	buf->xdpf = xdpf;
	buf->type = type;
	buf->bytecount = len;
	buf->gso_segs = 1;

	desc->buffer_addr = cpu_to_le64(dma);
	desc->cmd_type_len = cpu_to_le32(IOVNIC_TXD_DTYP_DATA |
					 IOVNIC_TXD_CMD_DEXT |
					 IOVNIC_TXD_CMD_IFCS |
					 IOVNIC_TXD_CMD_EOP |
					 IOVNIC_TXD_CMD_RS | len);
	desc->olinfo_status = cpu_to_le32(len << IOVNIC_TXD_PAYLEN_SHIFT);

	/* descriptor complete before completion may look at it */
	dma_wmb();
	WRITE_ONCE(buf->next_to_watch, desc);
	ring->next_to_use = ++i < ring->count ? i : 0;
	return 0;
}

static int iovnic_xdp_tx_buff(struct iovnic_ring *rx_ring,
			      struct xdp_buff *xdp)
{
	struct iovnic_ring *ring = rx_ring->q_vector->tx_ring;
	struct xdp_frame *xdpf;
	int err;

	if (unlikely(!ring))
		return -ENXIO;
	xdpf = xdp_convert_buff_to_frame(xdp);
	if (unlikely(!xdpf))
		return -EOVERFLOW;

	iovnic_tx_ring_lock(ring);
	err = iovnic_xdp_tx_frame(ring, xdpf, IOVNIC_TX_BUF_XDP_TX);
	iovnic_tx_ring_unlock(ring);
	return err;
}

/**
 * iovnic_run_xdp() - run the XDP program on one received buffer
 * @rx_ring: RX ring the buffer came from
 * @prog: the program
 * @xdp: the buffer (one page of @rx_ring's pool)
 *
 * Return: IOVNIC_XDP_PASS (the caller builds an skb from @xdp) or what
 * happened to the page: recycled, queued for TX, or redirected.
 */
unsigned int iovnic_run_xdp(struct iovnic_ring *rx_ring, struct bpf_prog *prog,
			    struct xdp_buff *xdp)
{
	struct page *page = virt_to_page(xdp->data_hard_start);
	struct net_device *netdev = rx_ring->netdev;
	u64 *counter;
	u32 act;

	act = bpf_prog_run_xdp(prog, xdp);
	switch (act) {
	case XDP_PASS:
		iovnic_ring_stats_inc(rx_ring, &rx_ring->stats.xdp_pass);
		return IOVNIC_XDP_PASS;
	case XDP_TX:
		if (iovnic_xdp_tx_buff(rx_ring, xdp))
			goto failure;
		iovnic_ring_stats_inc(rx_ring, &rx_ring->stats.xdp_tx);
		return IOVNIC_XDP_TX;
	case XDP_REDIRECT:
		if (xdp_do_redirect(netdev, xdp, prog))
			goto failure;
		iovnic_ring_stats_inc(rx_ring, &rx_ring->stats.xdp_redirect);
		return IOVNIC_XDP_REDIR;
	case XDP_DROP:
		counter = &rx_ring->stats.xdp_drop;
		goto recycle;
	default:
		bpf_warn_invalid_xdp_action(netdev, prog, act);
		fallthrough;
	case XDP_ABORTED:
		goto failure;
	}

failure:
	trace_xdp_exception(netdev, prog, act);
	counter = &rx_ring->stats.xdp_aborted;
recycle:
	iovnic_ring_stats_inc(rx_ring, counter);
	page_pool_recycle_direct(rx_ring->page_pool, page);
	return IOVNIC_XDP_CONSUMED;
}

/**
 * iovnic_xdp_finish() - end-of-poll work for the XDP verdicts of a batch
 * @rx_ring: RX ring that ran the program
 * @xdp_done: OR of the verdicts returned by iovnic_run_xdp()
 *
 * Flushes redirect maps and writes the XDP TX tail once per batch.
 */
void iovnic_xdp_finish(struct iovnic_ring *rx_ring, unsigned int xdp_done)
{
	struct iovnic_ring *ring;

	if (xdp_done & IOVNIC_XDP_REDIR)
		xdp_do_flush();

	if (!(xdp_done & IOVNIC_XDP_TX))
		return;
	ring = rx_ring->q_vector->tx_ring;
	iovnic_tx_ring_lock(ring);
	writel(ring->next_to_use, ring->tail);
	iovnic_tx_ring_unlock(ring);
}

/**
 * iovnic_xdp_xmit() - send frames redirected to this device
 * @ring: TX ring picked by the caller (e.g. by CPU); configured and up
 * @n: number of frames
 * @frames: the frames (single buffer)
 * @flags: XDP_XMIT_FLUSH to write the tail now
 *
 * Return: frames queued (the core frees the rest), or -errno.
 */
int iovnic_xdp_xmit(struct iovnic_ring *ring, int n,
		    struct xdp_frame **frames, u32 flags)
{
	int nxmit;

	if (unlikely(flags & ~XDP_XMIT_FLAGS_MASK))
		return -EINVAL;
	if (unlikely(!ring || !ring->tx_buf ||
		     !netif_carrier_ok(ring->netdev)))
		return -ENETDOWN;

	iovnic_tx_ring_lock(ring);
	for (nxmit = 0; nxmit < n; nxmit++)
		if (iovnic_xdp_tx_frame(ring, frames[nxmit],
					IOVNIC_TX_BUF_XDP_XMIT))
			break;
	if (flags & XDP_XMIT_FLUSH)
		writel(ring->next_to_use, ring->tail);
	iovnic_tx_ring_unlock(ring);

	return nxmit;
}
EXPORT_SYMBOL_GPL(iovnic_xdp_xmit);

/**
 * iovnic_xdp_setup() - attach or detach an XDP program (XDP_SETUP_PROG)
 * @netdev: the netdev
 * @dev_prog: the caller's netdev-wide program pointer; it owns the
 *	      reference bpf gave us
 * @rx_rings: every RX ring of @netdev (NULL entries are skipped)
 * @num_rx: number of @rx_rings
 * @bpf: the ndo_bpf request
 *
 * The caller's ndo_change_mtu must refuse an MTU above IOVNIC_XDP_MAX_MTU
 * while *@dev_prog is set.
 *
 * Return: 0 or -EOPNOTSUPP (MTU too large for single-buffer XDP).
 */
int iovnic_xdp_setup(struct net_device *netdev, struct bpf_prog **dev_prog,
		     struct iovnic_ring *const *rx_rings, unsigned int num_rx,
		     struct netdev_bpf *bpf)
{
	struct bpf_prog *prog = bpf->prog, *old;
	unsigned int i;

	if (prog && netdev->mtu > IOVNIC_XDP_MAX_MTU) {
		NL_SET_ERR_MSG_MOD(bpf->extack,
				   "MTU too large for XDP (single buffer only)");
		return -EOPNOTSUPP;
	}

	old = xchg(dev_prog, prog);
	for (i = 0; i < num_rx; i++)
		if (rx_rings[i])
			WRITE_ONCE(rx_rings[i]->xdp_prog, prog);
	/* NAPI polls still running the old program hold RCU (BH) */
	if (old)
		bpf_prog_put(old);
	return 0;
}
EXPORT_SYMBOL_GPL(iovnic_xdp_setup);
