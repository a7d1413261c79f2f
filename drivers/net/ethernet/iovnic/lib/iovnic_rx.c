// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_lib: receive path. One page_pool page per descriptor; a frame
 * longer than one buffer continues on the next descriptors until EOP and
 * becomes an skb with page frags. The device always writes the advanced
 * write-back format.
 */
#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/prefetch.h>

#include "iovnic_lib_int.h"

/* pkt_info RSS types that hashed the L4 ports too */
#define IOVNIC_RSS_L4_TYPES	(BIT(1) | BIT(3) | BIT(6) | BIT(7) | BIT(8) | \
				 BIT(9))

/* what one poll of an RX ring did */
struct iovnic_rx_totals {
	unsigned int pkts;
	unsigned int bytes;
	unsigned int xdp_done;
	unsigned int csum_ok;
};

static u16 iovnic_rx_next(const struct iovnic_ring *ring, u16 i)
{
	return ++i < ring->count ? i : 0;
}

/**
 * iovnic_rx_refill() - post new buffers and tell the device once
 * @ring: RX ring
 * @count: how many descriptors to fill
 *
 * Return: true if all @count buffers could be allocated.
 */
bool iovnic_rx_refill(struct iovnic_ring *ring, u16 count)
{
	u16 i = ring->next_to_use;
	bool ok = true;

	for (; count; count--) {
		struct iovnic_rx_buf *buf = &ring->rx_buf[i];
		union iovnic_rx_desc *desc = iovnic_rx_desc(ring, i);

		if (!buf->page) {
			buf->page = page_pool_dev_alloc_pages(ring->page_pool);
			if (unlikely(!buf->page)) {
				iovnic_ring_stats_inc(ring,
						      &ring->stats.alloc_failed);
				ok = false;
				break;
			}
		}
		/* the pool synced the buffer for the device already */
		desc->read.pkt_addr =
			cpu_to_le64(page_pool_get_dma_addr(buf->page) +
				    IOVNIC_RX_HEADROOM);
		/* clears the DD bit of the previous write-back as well */
		desc->read.hdr_addr = 0;
		i = iovnic_rx_next(ring, i);
	}

	/*
	 * The slot at next_to_use is not posted, and after a failed
	 * allocation it still holds an old write-back with DD set and no
	 * page behind it: clear it so that cleaning stops there.
	 */
	iovnic_rx_desc(ring, i)->read.hdr_addr = 0;
	if (i != ring->next_to_use) {
		ring->next_to_use = i;
		/* writel orders the descriptor writes before the tail */
		writel(i, ring->tail);
	}
	return ok;
}

static void iovnic_rx_hash(const struct iovnic_ring *ring,
			   const union iovnic_rx_desc *desc, struct sk_buff *skb)
{
	u32 rss_type;

	if (!(ring->flags & IOVNIC_RING_F_RX_HASH) ||
	    !(ring->netdev->features & NETIF_F_RXHASH))
		return;

	rss_type = le32_to_cpu(desc->wb.pkt_info) & IOVNIC_RXD_RSSTYPE;
	if (!rss_type)
		return;
	skb_set_hash(skb, le32_to_cpu(desc->wb.rss_hash),
		     BIT(rss_type) & IOVNIC_RSS_L4_TYPES ? PKT_HASH_TYPE_L4 :
							 PKT_HASH_TYPE_L3);
}

static void iovnic_rx_csum(struct iovnic_ring *ring,
			   const union iovnic_rx_desc *desc, u32 staterr,
			   struct sk_buff *skb, struct iovnic_rx_totals *t)
{
	bool ip_bad, l4_bad;

	skb_checksum_none_assert(skb);
	if (!(ring->netdev->features & NETIF_F_RXCSUM))
		return;

	ip_bad = (staterr & IOVNIC_RXD_STAT_IPCS) &&
		 (staterr & IOVNIC_RXD_ERR_IPE);
	l4_bad = (staterr & (IOVNIC_RXD_STAT_L4CS | IOVNIC_RXD_STAT_UDPCS)) &&
		 (staterr & IOVNIC_RXD_ERR_L4E);
	/*
	 * 82576 erratum: L4E can be set wrongly on minimum-size SCTP frames;
	 * let the stack check those.
	 */
	if (l4_bad && skb->len == ETH_ZLEN &&
	    (le32_to_cpu(desc->wb.pkt_info) & IOVNIC_RXD_PKTTYPE_SCTP))
		return;
	if (ip_bad || l4_bad) {
		iovnic_ring_stats_inc(ring, &ring->stats.csum_err);
		return;
	}

	if (staterr & (IOVNIC_RXD_STAT_L4CS | IOVNIC_RXD_STAT_UDPCS)) {
		skb->ip_summed = CHECKSUM_UNNECESSARY;
		/* counted once per poll, with the packets */
		t->csum_ok++;
	}
}

/*
 * The device stripped a tag. A VF's port VLAN is stripped by VMOLR.STRVLAN
 * without the VF asking: its frames belong to the untagged netdev, so only
 * VLANs the netdev joined (@active_vlans) are handed up as tagged. Without
 * a bitmap (PF: CTRL.VME strips only what the stack asked for) every
 * stripped tag goes up, whatever the features say.
 */
static void iovnic_rx_vlan(const struct iovnic_ring *ring, u16 tci,
			   struct sk_buff *skb)
{
	if (ring->active_vlans &&
	    !test_bit(tci & VLAN_VID_MASK, ring->active_vlans))
		return;
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), tci);
}

static void iovnic_rx_skb_fields(struct iovnic_ring *ring,
				 const union iovnic_rx_desc *desc, u32 staterr,
				 struct sk_buff *skb, struct iovnic_rx_totals *t)
{
	iovnic_rx_hash(ring, desc, skb);
	iovnic_rx_csum(ring, desc, staterr, skb, t);
	if (staterr & IOVNIC_RXD_STAT_VP)
		iovnic_rx_vlan(ring, le16_to_cpu(desc->wb.vlan), skb);
	skb_record_rx_queue(skb, ring->queue_index);
	skb->protocol = eth_type_trans(skb, ring->netdev);
}

/* An skb around the first buffer of a frame, as XDP (maybe) left it. */
static struct sk_buff *iovnic_rx_build_skb(const struct xdp_buff *xdp)
{
	unsigned int metasize = xdp->data - xdp->data_meta;
	struct sk_buff *skb;

	skb = napi_build_skb(xdp->data_hard_start, PAGE_SIZE);
	if (unlikely(!skb))
		return NULL;
	skb_mark_for_recycle(skb);
	skb_reserve(skb, xdp->data - xdp->data_hard_start);
	__skb_put(skb, xdp->data_end - xdp->data);
	if (metasize)
		skb_metadata_set(skb, metasize);
	return skb;
}

/* Count a frame as dropped and skip its remaining buffers up to EOP. */
static void iovnic_rx_discard_frame(struct iovnic_ring *ring)
{
	ring->rx_discard = true;
	iovnic_ring_stats_inc(ring, &ring->stats.rx_dropped);
}

/*
 * A further buffer of a frame becomes a page frag. A frame too long for
 * an skb (far above any MTU) is dropped and the rest of it, up to EOP,
 * discarded.
 *
 * Return: the skb, or NULL if it was dropped.
 */
static struct sk_buff *iovnic_rx_cont_buf(struct iovnic_ring *ring,
					  struct sk_buff *skb,
					  struct page *page, unsigned int size)
{
	unsigned int nr = skb_shinfo(skb)->nr_frags;

	if (likely(size && nr < MAX_SKB_FRAGS)) {
		skb_add_rx_frag(skb, nr, page, IOVNIC_RX_HEADROOM, size,
				PAGE_SIZE);
		return skb;
	}

	page_pool_recycle_direct(ring->page_pool, page);
	if (!size)
		return skb;
	kfree_skb(skb);
	iovnic_rx_discard_frame(ring);
	return NULL;
}

/* Finish a frame at EOP: errors, offload results, up the stack. */
static bool iovnic_rx_complete(struct iovnic_ring *ring,
			       const union iovnic_rx_desc *desc, u32 staterr,
			       struct sk_buff *skb, struct iovnic_rx_totals *t)
{
	if (unlikely((staterr & IOVNIC_RXD_ERR_RXE) || skb->len < ETH_HLEN)) {
		kfree_skb(skb);
		iovnic_ring_stats_inc(ring, &ring->stats.rx_dropped);
		return false;
	}
	iovnic_rx_skb_fields(ring, desc, staterr, skb, t);
	napi_gro_receive(&ring->q_vector->napi, skb);
	return true;
}

/* A small frame in an skb of its own; the page stays with the pool. */
static struct sk_buff *iovnic_rx_copy_skb(struct iovnic_ring *ring,
					  const struct xdp_buff *xdp,
					  struct page *page)
{
	unsigned int len = xdp->data_end - xdp->data;
	struct sk_buff *skb;

	skb = napi_alloc_skb(&ring->q_vector->napi, len);
	if (unlikely(!skb))
		return NULL;
	skb_put_data(skb, xdp->data, len);
	page_pool_recycle_direct(ring->page_pool, page);
	return skb;
}

/*
 * First buffer of a frame: run XDP on single-buffer frames, else (or on
 * XDP_PASS) wrap the buffer in an skb, or copy a small frame into one;
 * the skb is left NULL if that fails.
 */
static unsigned int iovnic_rx_first_buf(struct iovnic_ring *ring,
					struct bpf_prog *prog,
					struct xdp_buff *xdp, struct page *page,
					unsigned int size, u32 staterr,
					struct sk_buff **skb)
{
	unsigned int verdict = IOVNIC_XDP_PASS;

	xdp_prepare_buff(xdp, page_address(page), IOVNIC_RX_HEADROOM, size,
			 true);
	net_prefetch(xdp->data);
	if (prog)
		verdict = iovnic_run_xdp(ring, prog, xdp);
	if (verdict != IOVNIC_XDP_PASS)
		return verdict;
	/* XDP may have added metadata, which only the page can carry */
	if ((staterr & IOVNIC_RXD_STAT_EOP) && !prog &&
	    size <= IOVNIC_RX_COPYBREAK)
		*skb = iovnic_rx_copy_skb(ring, xdp, page);
	else
		*skb = iovnic_rx_build_skb(xdp);
	return verdict;
}

/*
 * Whether a buffer must be dropped whole, with the rest of its frame:
 * the device writes at most one buffer, so a longer length is never
 * trusted; a frame spanning buffers never sees XDP (the MTU check keeps
 * such frames out), so with a program loaded it is dropped rather than
 * let by, decided on its first buffer since continuations may be empty.
 */
static bool iovnic_rx_buf_rejected(const struct iovnic_ring *ring,
				   const struct bpf_prog *prog,
				   const struct sk_buff *skb,
				   unsigned int size, u32 staterr)
{
	if (unlikely(size > IOVNIC_RX_BUF_LEN))
		return true;
	return unlikely(prog && !skb && !ring->rx_discard &&
			!(staterr & IOVNIC_RXD_STAT_EOP));
}

/*
 * One written-back buffer: dropped whole if rejected, added to the frame
 * being assembled, skipped while discarding the rest of a frame, or the
 * first buffer of a frame (through XDP, if loaded).
 *
 * Return: false when the first buffer found no skb: the buffer stays in
 * its slot and the poll stops, to retry it on the next one.
 */
static bool iovnic_rx_buf(struct iovnic_ring *ring, struct bpf_prog *prog,
			  struct xdp_buff *xdp, struct page *page,
			  unsigned int size, u32 staterr, struct sk_buff **skb,
			  struct iovnic_rx_totals *t)
{
	unsigned int verdict;

	if (iovnic_rx_buf_rejected(ring, prog, *skb, size, staterr)) {
		page_pool_recycle_direct(ring->page_pool, page);
		kfree_skb(*skb);
		*skb = NULL;
		if (!ring->rx_discard)
			iovnic_rx_discard_frame(ring);
		return true;
	}
	dma_sync_single_range_for_cpu(ring->dev, page_pool_get_dma_addr(page),
				      IOVNIC_RX_HEADROOM, size,
				      page_pool_get_dma_dir(ring->page_pool));

	if (*skb) {
		*skb = iovnic_rx_cont_buf(ring, *skb, page, size);
	} else if (unlikely(ring->rx_discard)) {
		page_pool_recycle_direct(ring->page_pool, page);
	} else {
		verdict = iovnic_rx_first_buf(ring, prog, xdp, page, size,
					      staterr, skb);
		if (verdict != IOVNIC_XDP_PASS) {
			t->xdp_done |= verdict;
			t->pkts++;
			t->bytes += size;
		} else if (unlikely(!*skb)) {
			iovnic_ring_stats_inc(ring, &ring->stats.alloc_failed);
			return false;
		}
	}
	return true;
}

/**
 * iovnic_clean_rx_irq() - receive up to @budget frames from an RX ring
 * @ring: RX ring
 * @budget: NAPI budget (frames)
 * @packets: incremented by frames received (for moderation)
 * @bytes: incremented by bytes received (for moderation)
 *
 * Return: frames processed; @budget when buffer allocation failed, so
 * that NAPI polls again instead of waiting for an interrupt that an
 * empty ring would never raise.
 */
int iovnic_clean_rx_irq(struct iovnic_ring *ring, int budget,
			unsigned int *packets, unsigned int *bytes)
{
	struct bpf_prog *prog = READ_ONCE(ring->xdp_prog);
	struct iovnic_rx_totals t = {};
	struct sk_buff *skb = ring->rx_skb;
	bool alloc_ok = true;
	struct xdp_buff xdp;
	u16 cleaned = 0;

	xdp_init_buff(&xdp, PAGE_SIZE, &ring->xdp_rxq);

	while (t.pkts < budget) {
		u16 ntc = ring->next_to_clean;
		union iovnic_rx_desc *desc = iovnic_rx_desc(ring, ntc);
		struct iovnic_rx_buf *buf = &ring->rx_buf[ntc];
		unsigned int size;
		u32 staterr;

		if (cleaned >= IOVNIC_RX_REFILL_BATCH) {
			alloc_ok &= iovnic_rx_refill(ring,
						     iovnic_ring_unused(ring));
			cleaned = 0;
		}

		staterr = le32_to_cpu(READ_ONCE(desc->wb.status_error));
		if (!(staterr & IOVNIC_RXD_STAT_DD))
			break;
		/* read the rest of the write-back only after DD */
		dma_rmb();

		/* a slot without a buffer was never posted: stop there */
		if (unlikely(!buf->page))
			break;
		if (!iovnic_rx_buf(ring, prog, &xdp, buf->page,
				   le16_to_cpu(desc->wb.length), staterr, &skb,
				   &t)) {
			alloc_ok = false;
			break;
		}
		buf->page = NULL;
		ring->next_to_clean = iovnic_rx_next(ring, ntc);
		cleaned++;

		if (!(staterr & IOVNIC_RXD_STAT_EOP))
			continue;
		ring->rx_discard = false;
		if (!skb)
			continue;

		size = skb->len;
		if (iovnic_rx_complete(ring, desc, staterr, skb, &t)) {
			t.pkts++;
			t.bytes += size;
		}
		skb = NULL;
	}

	ring->rx_skb = skb;
	if (t.xdp_done)
		iovnic_xdp_finish(ring, t.xdp_done);
	/*
	 * Refill, and write the tail, once a batch is free: per poll would
	 * be a tail write per interrupt. Slots an earlier failed allocation
	 * left empty count too and are retried here.
	 */
	if (iovnic_ring_unused(ring) >= IOVNIC_RX_REFILL_BATCH)
		alloc_ok &= iovnic_rx_refill(ring, iovnic_ring_unused(ring));

	u64_stats_update_begin(&ring->stats.syncp);
	ring->stats.packets += t.pkts;
	ring->stats.bytes += t.bytes;
	ring->stats.csum_unnecessary += t.csum_ok;
	u64_stats_update_end(&ring->stats.syncp);
	*packets += t.pkts;
	*bytes += t.bytes;

	return alloc_ok ? t.pkts : budget;
}

/**
 * iovnic_ring_clean_rx() - give back every buffer an RX ring holds
 * @ring: RX ring, stopped in hardware, NAPI disabled
 */
void iovnic_ring_clean_rx(struct iovnic_ring *ring)
{
	u16 i;

	if (!ring->rx_buf)
		return;

	if (ring->rx_skb) {
		dev_kfree_skb_any(ring->rx_skb);
		ring->rx_skb = NULL;
	}
	ring->rx_discard = false;
	for (i = 0; i < ring->count; i++) {
		struct iovnic_rx_buf *buf = &ring->rx_buf[i];

		if (!buf->page)
			continue;
		page_pool_put_full_page(ring->page_pool, buf->page, false);
		buf->page = NULL;
	}
	ring->next_to_use = 0;
	ring->next_to_clean = 0;
}
EXPORT_SYMBOL_GPL(iovnic_ring_clean_rx);
