// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_lib: per-ring software statistics for ndo_get_stats64,
 * ethtool -S and the netdev queue-stats netlink API.
 */
#include <linux/ethtool.h>
#include <linux/netdevice.h>

#include "iovnic_lib_int.h"

#define IOVNIC_RING_STAT(_name, _field) \
	IOVNIC_STAT_DESC(_name, struct iovnic_ring_stats, _field)

static const struct iovnic_stat_desc iovnic_rx_ring_stats[] = {
	IOVNIC_RING_STAT("packets", packets),
	IOVNIC_RING_STAT("bytes", bytes),
	IOVNIC_RING_STAT("csum_unnecessary", csum_unnecessary),
	IOVNIC_RING_STAT("csum_err", csum_err),
	IOVNIC_RING_STAT("alloc_failed", alloc_failed),
	IOVNIC_RING_STAT("dropped", rx_dropped),
	IOVNIC_RING_STAT("xdp_pass", xdp_pass),
	IOVNIC_RING_STAT("xdp_drop", xdp_drop),
	IOVNIC_RING_STAT("xdp_tx", xdp_tx),
	IOVNIC_RING_STAT("xdp_redirect", xdp_redirect),
	IOVNIC_RING_STAT("xdp_aborted", xdp_aborted),
};

static const struct iovnic_stat_desc iovnic_tx_ring_stats[] = {
	IOVNIC_RING_STAT("packets", packets),
	IOVNIC_RING_STAT("bytes", bytes),
	IOVNIC_RING_STAT("tso", tx_tso),
	IOVNIC_RING_STAT("stop", tx_stop),
	IOVNIC_RING_STAT("restart", restart_queue),
	IOVNIC_RING_STAT("busy", tx_busy),
	IOVNIC_RING_STAT("linearize", tx_linearize),
	IOVNIC_RING_STAT("dma_err", tx_dma_err),
	IOVNIC_RING_STAT("xdp_tx", xdp_tx),
};

/**
 * iovnic_ring_stats_read() - take a consistent snapshot of a ring's counters
 * @ring: the ring
 * @out: the snapshot (its syncps are left untouched)
 */
void iovnic_ring_stats_read(const struct iovnic_ring *ring,
			    struct iovnic_ring_stats *out)
{
	const struct iovnic_ring_stats *s = &ring->stats;
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&s->xmit_syncp);
		out->tx_stop = s->tx_stop;
		out->tx_tso = s->tx_tso;
		out->tx_busy = s->tx_busy;
		out->tx_linearize = s->tx_linearize;
		out->tx_dma_err = s->tx_dma_err;
	} while (u64_stats_fetch_retry(&s->xmit_syncp, start));

	do {
		start = u64_stats_fetch_begin(&s->syncp);
		out->packets = s->packets;
		out->bytes = s->bytes;
		out->restart_queue = s->restart_queue;
		out->csum_err = s->csum_err;
		out->alloc_failed = s->alloc_failed;
		out->rx_dropped = s->rx_dropped;
		out->csum_unnecessary = s->csum_unnecessary;
		out->xdp_pass = s->xdp_pass;
		out->xdp_drop = s->xdp_drop;
		out->xdp_tx = s->xdp_tx;
		out->xdp_redirect = s->xdp_redirect;
		out->xdp_aborted = s->xdp_aborted;
	} while (u64_stats_fetch_retry(&s->syncp, start));
}
EXPORT_SYMBOL_GPL(iovnic_ring_stats_read);

/* add every counter of @from to @to (the syncps are left alone) */
static void iovnic_ring_stats_add(struct iovnic_ring_stats *to,
				  const struct iovnic_ring_stats *from)
{
	const u64 *src = (const u64 *)from;
	u64 *dst = (u64 *)to;
	unsigned int i;

	for (i = 0; i < offsetof(struct iovnic_ring_stats, syncp) / sizeof(u64);
	     i++)
		dst[i] += src[i];
}

/*
 * XDP drops count as rx_dropped, as the frames never reach the stack.
 * A TX DMA mapping error is in tx_dropped already: the drop path counts
 * it in the core's counter, as every TX drop.
 */
static void iovnic_ring_stats_to64(const struct iovnic_ring_stats *s,
				   bool is_rx, struct rtnl_link_stats64 *stats)
{
	if (is_rx) {
		stats->rx_packets += s->packets;
		stats->rx_bytes += s->bytes;
		stats->rx_dropped += s->rx_dropped + s->xdp_drop +
				     s->xdp_aborted;
	} else {
		stats->tx_packets += s->packets;
		stats->tx_bytes += s->bytes;
	}
}

/**
 * iovnic_ring_add_stats64() - add a ring's counters to netdev statistics
 * @ring: the ring
 * @is_rx: @ring is an RX ring
 * @stats: ndo_get_stats64 result to add to
 */
void iovnic_ring_add_stats64(const struct iovnic_ring *ring, bool is_rx,
			     struct rtnl_link_stats64 *stats)
{
	struct iovnic_ring_stats s;

	iovnic_ring_stats_read(ring, &s);
	iovnic_ring_stats_to64(&s, is_rx, stats);
}
EXPORT_SYMBOL_GPL(iovnic_ring_add_stats64);

/**
 * iovnic_stats_base_save() - move a ring's counters into the base
 * @base: the owner's base (its writers are serialised, see the struct)
 * @ring: the ring, stopped; its queue_index picks the entry
 * @is_rx: @ring is an RX ring
 *
 * The ring's counters read zero afterwards: a reader that sees the ring
 * and the base between this call and the ring's removal counts nothing
 * twice.
 */
void iovnic_stats_base_save(struct iovnic_stats_base *base,
			    struct iovnic_ring *ring, bool is_rx)
{
	size_t len = offsetof(struct iovnic_ring_stats, syncp);
	struct iovnic_ring_stats *rs = &ring->stats;
	struct iovnic_ring_stats s;

	if (WARN_ON_ONCE(ring->queue_index >= IOVNIC_STATS_MAX_QUEUES))
		return;
	iovnic_ring_stats_read(ring, &s);
	iovnic_ring_stats_add(is_rx ? &base->rx[ring->queue_index] :
			      &base->tx[ring->queue_index], &s);
	u64_stats_update_begin(&rs->syncp);
	u64_stats_update_begin(&rs->xmit_syncp);
	memset(rs, 0, len);
	u64_stats_update_end(&rs->xmit_syncp);
	u64_stats_update_end(&rs->syncp);
}
EXPORT_SYMBOL_GPL(iovnic_stats_base_save);

/**
 * iovnic_stats_base_add64() - add what freed rings counted to netdev stats
 * @base: the base
 * @stats: ndo_get_stats64 result to add to
 */
void iovnic_stats_base_add64(const struct iovnic_stats_base *base,
			     struct rtnl_link_stats64 *stats)
{
	unsigned int q;

	for (q = 0; q < IOVNIC_STATS_MAX_QUEUES; q++) {
		iovnic_ring_stats_to64(&base->rx[q], true, stats);
		iovnic_ring_stats_to64(&base->tx[q], false, stats);
	}
}
EXPORT_SYMBOL_GPL(iovnic_stats_base_add64);

/**
 * iovnic_ring_ethtool_count() - ethtool -S values per ring
 * @is_rx: for an RX ring
 *
 * Return: number of strings/values one ring emits.
 */
unsigned int iovnic_ring_ethtool_count(bool is_rx)
{
	return is_rx ? ARRAY_SIZE(iovnic_rx_ring_stats) :
		       ARRAY_SIZE(iovnic_tx_ring_stats);
}
EXPORT_SYMBOL_GPL(iovnic_ring_ethtool_count);

/**
 * iovnic_ring_ethtool_strings() - emit one ring's ethtool -S names
 * @is_rx: for an RX ring
 * @queue: queue number in the names ("rx0_packets")
 * @data: ETH_GSTRING_LEN buffer cursor, advanced
 */
void iovnic_ring_ethtool_strings(bool is_rx, unsigned int queue, u8 **data)
{
	const struct iovnic_stat_desc *d;
	unsigned int i, n;

	d = is_rx ? iovnic_rx_ring_stats : iovnic_tx_ring_stats;
	n = iovnic_ring_ethtool_count(is_rx);
	for (i = 0; i < n; i++)
		ethtool_sprintf(data, "%s%u_%s", is_rx ? "rx" : "tx", queue,
				d[i].name);
}
EXPORT_SYMBOL_GPL(iovnic_ring_ethtool_strings);

/**
 * iovnic_ring_ethtool_stats() - emit one queue's ethtool -S values
 * @base: what freed rings of this queue counted, added in
 * @queue: the queue number
 * @ring: its ring (may be NULL while the interface is down)
 * @is_rx: @ring is an RX ring
 * @data: value cursor, advanced
 */
void iovnic_ring_ethtool_stats(const struct iovnic_stats_base *base,
			       unsigned int queue,
			       const struct iovnic_ring *ring, bool is_rx,
			       u64 **data)
{
	const struct iovnic_stat_desc *d;
	struct iovnic_ring_stats s = {};
	unsigned int i, n;

	if (ring)
		iovnic_ring_stats_read(ring, &s);
	if (queue < IOVNIC_STATS_MAX_QUEUES)
		iovnic_ring_stats_add(&s, is_rx ? &base->rx[queue] :
				      &base->tx[queue]);
	d = is_rx ? iovnic_rx_ring_stats : iovnic_tx_ring_stats;
	n = iovnic_ring_ethtool_count(is_rx);
	for (i = 0; i < n; i++)
		*(*data)++ = *(const u64 *)((const u8 *)&s + d[i].offset);
}
EXPORT_SYMBOL_GPL(iovnic_ring_ethtool_stats);

#if IOVNIC_HAVE_QUEUE_STATS
static void iovnic_qstats_fill_rx(const struct iovnic_ring_stats *s,
				  struct netdev_queue_stats_rx *stats)
{
	stats->packets = s->packets;
	stats->bytes = s->bytes;
	stats->alloc_fail = s->alloc_failed;
	stats->csum_unnecessary = s->csum_unnecessary;
	stats->csum_bad = s->csum_err;
}

static void iovnic_qstats_fill_tx(const struct iovnic_ring_stats *s,
				  struct netdev_queue_stats_tx *stats)
{
	stats->packets = s->packets;
	stats->bytes = s->bytes;
	stats->stop = s->tx_stop;
	stats->wake = s->restart_queue;
}

/**
 * iovnic_ring_qstats_rx() - fill netdev queue stats of an RX ring
 * @ring: RX ring
 * @stats: netdev_stat_ops result
 */
void iovnic_ring_qstats_rx(const struct iovnic_ring *ring,
			   struct netdev_queue_stats_rx *stats)
{
	struct iovnic_ring_stats s;

	iovnic_ring_stats_read(ring, &s);
	iovnic_qstats_fill_rx(&s, stats);
}
EXPORT_SYMBOL_GPL(iovnic_ring_qstats_rx);

/**
 * iovnic_ring_qstats_tx() - fill netdev queue stats of a TX ring
 * @ring: TX ring
 * @stats: netdev_stat_ops result
 */
void iovnic_ring_qstats_tx(const struct iovnic_ring *ring,
			   struct netdev_queue_stats_tx *stats)
{
	struct iovnic_ring_stats s;

	iovnic_ring_stats_read(ring, &s);
	iovnic_qstats_fill_tx(&s, stats);
}
EXPORT_SYMBOL_GPL(iovnic_ring_qstats_tx);

/**
 * iovnic_qstats_base() - netlink base stats: what freed rings had counted
 * @base: counters of every ring that no longer exists
 * @rx: base RX stats (netdev_stat_ops.get_base_stats)
 * @tx: base TX stats
 *
 * Every field the queues report is in the base too, so the device totals
 * the netlink core sums (base + live queues) never go backwards.
 */
void iovnic_qstats_base(const struct iovnic_stats_base *base,
			struct netdev_queue_stats_rx *rx,
			struct netdev_queue_stats_tx *tx)
{
	struct iovnic_ring_stats srx = {}, stx = {};
	unsigned int q;

	for (q = 0; q < IOVNIC_STATS_MAX_QUEUES; q++) {
		iovnic_ring_stats_add(&srx, &base->rx[q]);
		iovnic_ring_stats_add(&stx, &base->tx[q]);
	}
	iovnic_qstats_fill_rx(&srx, rx);
	iovnic_qstats_fill_tx(&stx, tx);
}
EXPORT_SYMBOL_GPL(iovnic_qstats_base);
#else
void iovnic_ring_qstats_rx(const struct iovnic_ring *ring,
			   struct netdev_queue_stats_rx *stats)
{
}
EXPORT_SYMBOL_GPL(iovnic_ring_qstats_rx);

void iovnic_ring_qstats_tx(const struct iovnic_ring *ring,
			   struct netdev_queue_stats_tx *stats)
{
}
EXPORT_SYMBOL_GPL(iovnic_ring_qstats_tx);
#endif
