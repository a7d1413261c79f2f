/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iovnic_lib: the queue code shared by the iovnic PF and VF drivers.
 *
 * An 82576 queue looks the same from the PF and from a VF: only the base
 * of its register block and the PCI function doing the DMA differ. The
 * caller describes a queue with those two (plus the netdev and its queue
 * index) and this library does the rest: descriptor rings, buffers,
 * offloads, NAPI, interrupt moderation, XDP and per-queue statistics.
 *
 * Life cycle of a queue pair, as the PF and VF drivers use it (both
 * allocate the rings at open and free them at close):
 *
 *   open:   iovnic_q_vector_init() (netif_napi_add), fill ring identity
 *           fields, iovnic_q_vector_set_coalesce(), iovnic_qpair_alloc();
 *           iovnic_qpairs_configure(), iovnic_qpairs_request_irqs(),
 *           iovnic_qpairs_start(), unmask (iovnic_q_vector_irq_enable())
 *   close:  mask (iovnic_q_vector_irq_disable()), iovnic_qpairs_stop(),
 *           iovnic_qpairs_free_irqs(), iovnic_qpairs_clean(),
 *           iovnic_qpair_free()
 *
 * What stays with the caller: RCTL/TCTL, RXCSUM (IPOFLD/TUOFLD, PCSD for
 * RSS hashes), RLPML/VMOLR, IVAR/EIAC/GPIE, filters. RCTL.SECRC (strip
 * CRC) must be set: QEMU otherwise appends 4 bytes of fake FCS that the
 * RX path would pass up. A ring belongs to one q_vector, whose NAPI is the
 * only context that cleans it.
 */
#ifndef _IOVNIC_LIB_H_
#define _IOVNIC_LIB_H_

#include <linux/bpf.h>
#include <linux/device.h>
#include <linux/ethtool.h>
#include <linux/if_vlan.h>
#include <linux/interrupt.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/u64_stats_sync.h>
#include <net/xdp.h>

#include <iovnic/desc.h>

#include "iovnic_compat.h"

struct bpf_prog;
struct ethtool_coalesce;
struct ethtool_ringparam;
struct pci_dev;
struct netdev_bpf;
struct netdev_queue_stats_rx;
struct netdev_queue_stats_tx;
struct page_pool;
struct iovnic_q_vector;

/* Ring sizes (descriptors): multiples of 8 so RDLEN/TDLEN are 128 B aligned. */
#define IOVNIC_DEFAULT_TXD		256
#define IOVNIC_DEFAULT_RXD		256
/* TX: room for two worst-case frames (64 buffers + context) */
#define IOVNIC_MIN_TXD			128
#define IOVNIC_MIN_RXD			64
#define IOVNIC_MAX_TXD			4096
#define IOVNIC_MAX_RXD			4096
#define IOVNIC_RING_COUNT_ALIGN		8

/*
 * RX buffers: one page_pool page per descriptor; the device writes at
 * IOVNIC_RX_HEADROOM into it, at most IOVNIC_RX_BUF_LEN bytes (SRRCTL
 * BSIZEPACKET is in KiB). Larger frames span several descriptors.
 */
#define IOVNIC_RX_HEADROOM		XDP_PACKET_HEADROOM
#define IOVNIC_RX_BUF_LEN		2048
/* Largest MTU for which a frame (with two VLAN tags) fits one RX buffer. */
#define IOVNIC_XDP_MAX_MTU		(IOVNIC_RX_BUF_LEN - ETH_HLEN - 2 * VLAN_HLEN)

/* Ring flags (struct iovnic_ring.flags), set by the caller before use. */
#define IOVNIC_RING_F_RX_HASH		BIT(0)	/* RXCSUM.PCSD = 1: dword 1 is the RSS hash */
#define IOVNIC_RING_F_RX_DROP_EN	BIT(2)	/* set SRRCTL.DROP_EN */

/**
 * struct iovnic_ring_stats - per-ring software counters
 * @packets: frames completed (TX) or received (RX)
 * @bytes: bytes of those frames (TX: on the wire, TSO segments counted)
 * @restart_queue: TX: times the stack queue was woken after a stop
 * @tx_stop: TX: times the stack queue was stopped for lack of descriptors
 * @tx_tso: TX: TSO skbs sent (each counts once in @packets per segment)
 * @tx_busy: TX: frames refused with NETDEV_TX_BUSY (should stay 0)
 * @tx_linearize: TX: skbs linearized because they had too many buffers
 * @tx_dma_err: TX: frames dropped because DMA mapping failed
 * @csum_err: RX: frames whose IP or L4 checksum the device found bad
 * @alloc_failed: RX: buffer allocations that failed
 * @rx_dropped: RX: frames dropped by the driver (errors, no skb)
 * @csum_unnecessary: RX: frames handed up as CHECKSUM_UNNECESSARY
 * @xdp_pass: RX: XDP_PASS verdicts
 * @xdp_drop: RX: XDP_DROP verdicts
 * @xdp_tx: RX: XDP_TX verdicts that were queued
 * @xdp_redirect: RX: XDP_REDIRECT verdicts that succeeded
 * @xdp_aborted: RX: XDP_ABORTED, invalid verdicts and failed XDP_TX/REDIRECT
 * @syncp: protects the counters NAPI writes, on 32-bit machines; every
 *	   counter sits before it (iovnic_ring_stats_add() relies on it)
 * @xmit_syncp: protects the counters the xmit path writes (tx_stop,
 *		tx_tso, tx_busy, tx_linearize, tx_dma_err): it runs
 *		concurrently with the ring's NAPI
 */
struct iovnic_ring_stats {
	u64 packets;
	u64 bytes;
	u64 restart_queue;
	u64 tx_stop;
	u64 tx_tso;
	u64 tx_busy;
	u64 tx_linearize;
	u64 tx_dma_err;
	u64 csum_err;
	u64 alloc_failed;
	u64 rx_dropped;
	u64 csum_unnecessary;
	u64 xdp_pass;
	u64 xdp_drop;
	u64 xdp_tx;
	u64 xdp_redirect;
	u64 xdp_aborted;
	struct u64_stats_sync syncp;
	struct u64_stats_sync xmit_syncp;
};

/* Queue indices a stats base covers: every queue of one 82576 function. */
#define IOVNIC_STATS_MAX_QUEUES		16

/**
 * struct iovnic_stats_base - what freed rings had counted, per queue index
 * @rx: sum of the counters of every freed RX ring of netdev queue i
 * @tx: sum of the counters of every freed TX ring of netdev queue i
 *
 * Both drivers free their rings on close, reset and channel or ring size
 * changes. Every counter of a ring is added here before it goes, so that
 * none of ndo_get_stats64, ethtool -S and the netlink queue stats ever
 * goes backwards (Documentation/networking/statistics.rst). The syncps of
 * the entries are unused. The owner serialises writers (RTNL) and readers
 * that do not hold RTNL (its stats lock).
 */
struct iovnic_stats_base {
	struct iovnic_ring_stats rx[IOVNIC_STATS_MAX_QUEUES];
	struct iovnic_ring_stats tx[IOVNIC_STATS_MAX_QUEUES];
};

/* What a TX slot holds, so completion knows how to release it. */
enum iovnic_tx_buf_type {
	IOVNIC_TX_BUF_NONE,
	IOVNIC_TX_BUF_SKB,
	IOVNIC_TX_BUF_XDP_TX,		/* page of our own page_pool */
	IOVNIC_TX_BUF_XDP_XMIT,		/* frame from ndo_xdp_xmit, mapped here */
};

/**
 * struct iovnic_tx_buf - software state of one TX descriptor
 * @skb: the skb (on the first descriptor of a frame)
 * @xdpf: the XDP frame (on the first descriptor of a frame)
 * @next_to_watch: last descriptor of the frame (first buffer only)
 * @dma: DMA address of the buffer at this slot, 0 if none
 * @len: length of the mapping at this slot
 * @type: what @skb/@xdpf hold; the mapping is a page (frag) if @is_page
 * @is_page: the mapping at this slot was made with skb_frag_dma_map()
 * @gso_segs: frames on the wire for this skb (BQL/stats)
 * @bytecount: bytes on the wire for this skb (BQL/stats)
 */
struct iovnic_tx_buf {
	union {
		struct sk_buff *skb;
		struct xdp_frame *xdpf;
	};
	struct iovnic_tx_desc *next_to_watch;
	dma_addr_t dma;
	u32 len;
	u8 type;
	u8 is_page;
	u16 gso_segs;
	u32 bytecount;
};

/**
 * struct iovnic_rx_buf - software state of one RX descriptor
 * @page: page_pool page posted at this slot (NULL if none)
 */
struct iovnic_rx_buf {
	struct page *page;
};

/**
 * struct iovnic_ring - one TX or RX descriptor ring
 *
 * Set by the caller before iovnic_ring_alloc_*():
 * @netdev: netdev the queue belongs to
 * @dev: DMA device: the PCI function that owns the queue (a VF's own
 *	 &pci_dev.dev for VF queues)
 * @regs: base of this queue's register block (hw + IOVNIC_PF_RXQ_BASE(q),
 *	  IOVNIC_VF_TXQ_BASE(q), ...)
 * @q_vector: the vector whose NAPI serves this ring
 * @count: number of descriptors (multiple of IOVNIC_RING_COUNT_ALIGN)
 * @queue_index: netdev queue index
 * @flags: IOVNIC_RING_F_*
 * @active_vlans: RX rings: VLANs the netdev joined (VLAN_N_VID bits, owned
 *		  by the caller), or NULL. A port VLAN is stripped by the
 *		  hardware without the function asking, so with a bitmap set a
 *		  stripped tag is only handed to the stack when its VID is in
 *		  it; otherwise the frame goes up untagged
 *
 * Owned by the library:
 * @desc: descriptor memory (coherent DMA)
 * @dma: bus address of @desc
 * @size: bytes of @desc
 * @tx_buf: TX slot state (TX rings)
 * @rx_buf: RX slot state (RX rings)
 * @tail: tail register (RDT or TDT) inside @regs
 * @next_to_use: next slot the driver fills
 * @next_to_clean: next slot the driver reclaims
 * @page_pool: RX buffers (RX rings)
 * @xdp_prog: XDP program run on this RX ring (READ_ONCE in NAPI; written
 *	      by iovnic_xdp_setup(); freed by bpf after an RCU grace period)
 * @rx_skb: frame being assembled across descriptors (and across polls)
 * @rx_discard: dropping the rest of a frame until its EOP descriptor
 * @tx_ctx: the context descriptor last given to the queue (TX rings),
 *	    valid while @tx_ctx_valid
 * @tx_ctx_valid: the queue holds @tx_ctx; cleared whenever it may not
 * @xdp_rxq: XDP RX queue info (RX rings)
 * @stats: software counters
 */
struct iovnic_ring {
	struct net_device *netdev;
	struct device *dev;
	void __iomem *regs;
	struct iovnic_q_vector *q_vector;
	u16 count;
	u16 queue_index;
	u32 flags;
	const unsigned long *active_vlans;

	void *desc;
	dma_addr_t dma;
	unsigned int size;
	union {
		struct iovnic_tx_buf *tx_buf;
		struct iovnic_rx_buf *rx_buf;
	};
	void __iomem *tail;
	u16 next_to_use;
	u16 next_to_clean;

	struct page_pool *page_pool;
	struct bpf_prog *xdp_prog;
	struct sk_buff *rx_skb;
	bool rx_discard;
	struct iovnic_tx_ctx_desc tx_ctx;
	bool tx_ctx_valid;
	struct xdp_rxq_info xdp_rxq;

	struct iovnic_ring_stats stats;
} ____cacheline_internodealigned_in_smp;

/**
 * struct iovnic_itr - adaptive interrupt moderation state of one direction
 * @packets: frames seen since the last moderation decision
 * @bytes: bytes seen since the last moderation decision
 */
struct iovnic_itr {
	unsigned int packets;
	unsigned int bytes;
};

/* Interrupt intervals, in microseconds of real silicon. */
#define IOVNIC_ITR_LOWEST_LATENCY	12	/* ~80k interrupts/s */
#define IOVNIC_ITR_LOW_LATENCY		50	/* ~20k interrupts/s */
#define IOVNIC_ITR_BULK			250	/* ~4k interrupts/s */
#define IOVNIC_ITR_MAX_USECS		4095	/* ethtool -C limit (field: 8191) */

/**
 * struct iovnic_q_vector - one MSI-X vector serving a queue pair
 * @napi: NAPI context
 * @tx_ring: stack TX ring cleaned by this vector, or NULL
 * @rx_ring: RX ring served by this vector, or NULL
 * @eims_reg: EIMS register (0x1524 in PF and VF BAR0): writing
 *	      @eims_mask re-enables the vector
 * @eimc_reg: EIMC register (0x1528): writing @eims_mask masks the vector
 * @eims_mask: this vector's bit in the function's EICR space
 * @eitr_reg: this vector's EITR register, or NULL for no moderation
 * @mask_in_irq: mask the vector in its handler and unmask it when the
 *		 poll is done (a level-style cause, e.g. MSI/INTx through ICR)
 * @rx_itr_usecs: RX interval; 0 = adaptive, else fixed (ethtool -C)
 * @tx_itr_usecs: TX interval; 0 = adaptive, else fixed (ethtool -C)
 * @cur_itr_usecs: interval last written to EITR
 * @itr_updated_ns: local_clock() of the last adaptive decision
 * @itr_next: jiffies by which the next adaptive decision is due
 * @itr_polls: polls completed since the last adaptive decision
 * @rx_itr: adaptive RX state
 * @tx_itr: adaptive TX state
 * @name: interrupt name for request_irq()
 */
struct iovnic_q_vector {
	struct napi_struct napi;
	struct iovnic_ring *tx_ring;
	struct iovnic_ring *rx_ring;

	void __iomem *eims_reg;
	void __iomem *eimc_reg;
	u32 eims_mask;
	void __iomem *eitr_reg;
	bool mask_in_irq;

	u16 rx_itr_usecs;
	u16 tx_itr_usecs;
	u16 cur_itr_usecs;
	u64 itr_updated_ns;
	unsigned long itr_next;
	unsigned int itr_polls;
	struct iovnic_itr rx_itr;
	struct iovnic_itr tx_itr;

	char name[IFNAMSIZ + 16];
};

/**
 * struct iovnic_stat_desc - one named u64 counter for ethtool -S
 * @name: the row's name
 * @offset: where the counter sits in the structure the table describes
 */
struct iovnic_stat_desc {
	char name[ETH_GSTRING_LEN];
	size_t offset;
};

#define IOVNIC_STAT_DESC(_name, _type, _field) \
	{ .name = _name, .offset = offsetof(_type, _field) }

/**
 * struct iovnic_coalesce - interrupt moderation as ethtool -C sets it
 * @rx_usecs: RX interval in microseconds, used while @rx_adaptive is off
 *	      (0: the shortest the device has)
 * @tx_usecs: TX interval, likewise
 * @rx_adaptive: RX interval chosen from the traffic
 * @tx_adaptive: TX interval chosen from the traffic
 */
struct iovnic_coalesce {
	u16 rx_usecs;
	u16 tx_usecs;
	bool rx_adaptive;
	bool tx_adaptive;
};

/*
 * Rings: memory. The caller fills the identity fields of struct iovnic_ring
 * (netdev, dev, regs, q_vector, count, queue_index, flags) first; for an RX
 * ring the q_vector's NAPI must already be added (iovnic_q_vector_init())
 * because the XDP RX queue info records its NAPI id. Return 0 or -errno.
 * The free functions release buffers too and accept a never-allocated ring.
 */
int iovnic_ring_alloc_tx(struct iovnic_ring *ring);
int iovnic_ring_alloc_rx(struct iovnic_ring *ring);
void iovnic_ring_free_tx(struct iovnic_ring *ring);
void iovnic_ring_free_rx(struct iovnic_ring *ring);

/*
 * Rings: hardware. configure_* programs base/length/SRRCTL/head/tail,
 * enables the queue and (RX) posts buffers and writes the tail once.
 * The global RCTL.EN/TCTL.EN, RXCSUM, RLPML, IVAR and VMDq setup stay with
 * the caller. disable_* clears the ENABLE bit and waits for it to read 0.
 * clean_* releases every buffer still owned by the ring (after disable,
 * with NAPI disabled) and resets TX BQL state.
 */
void iovnic_ring_configure_tx(struct iovnic_ring *ring);
void iovnic_ring_configure_rx(struct iovnic_ring *ring);
void iovnic_ring_disable_tx(struct iovnic_ring *ring);
void iovnic_ring_disable_rx(struct iovnic_ring *ring);
void iovnic_ring_clean_tx(struct iovnic_ring *ring);
void iovnic_ring_clean_rx(struct iovnic_ring *ring);

/*
 * Datapath. iovnic_xmit_frame() is the body of ndo_start_xmit once the
 * caller picked the ring (skb_get_queue_mapping()). iovnic_features_check()
 * can be used as (or called from) ndo_features_check. Offloads the netdev
 * may advertise: NETIF_F_SG, NETIF_F_IP_CSUM, NETIF_F_IPV6_CSUM,
 * NETIF_F_TSO, NETIF_F_TSO6, NETIF_F_HW_VLAN_CTAG_TX/RX, NETIF_F_RXCSUM,
 * NETIF_F_RXHASH (only with IOVNIC_RING_F_RX_HASH), NETIF_F_SCTP_CRC.
 */
netdev_tx_t iovnic_xmit_frame(struct sk_buff *skb, struct iovnic_ring *ring);
void iovnic_ring_kick_tx(struct iovnic_ring *ring);
netdev_features_t iovnic_features_check(struct sk_buff *skb,
					struct net_device *netdev,
					netdev_features_t features);

/*
 * NAPI and interrupts. iovnic_q_vector_init() adds the NAPI context with
 * iovnic_napi_poll() and sets adaptive moderation; the caller sets the
 * register pointers, mask and rings. Pass the q_vector as dev_id of
 * request_irq(..., iovnic_msix_ring_irq, ...): the handler masks the
 * vector (EIMC) and schedules NAPI; the poll re-enables it (EIMS) when
 * done. The caller still needs EIAC for the vector (QEMU: else EICR blocks
 * the vector). iovnic_q_vector_set_itr(): 0 = adaptive.
 */
void iovnic_q_vector_init(struct iovnic_q_vector *q_vector,
			  struct net_device *netdev);
void iovnic_q_vector_deinit(struct iovnic_q_vector *q_vector);
int iovnic_napi_poll(struct napi_struct *napi, int budget);
irqreturn_t iovnic_msix_ring_irq(int irq, void *data);
void iovnic_q_vector_irq_enable(struct iovnic_q_vector *q_vector);
void iovnic_q_vector_irq_disable(struct iovnic_q_vector *q_vector);
void iovnic_q_vector_set_itr(struct iovnic_q_vector *q_vector,
			     u16 rx_usecs, u16 tx_usecs);

/*
 * Queue pairs (iovnic_qpair.c): one q_vector with its tx_ring and rx_ring,
 * as both drivers bring them up and down; a set is an array of vectors,
 * vector i serving netdev queue i and MSI-X entry first + i. See the file
 * comment for the order of the calls.
 */
int iovnic_qpair_alloc(struct iovnic_q_vector *qv);
void iovnic_qpair_free(struct iovnic_q_vector *qv);
void iovnic_qpairs_configure(struct iovnic_q_vector *const *qv,
			     unsigned int n);
void iovnic_qpairs_clean(struct iovnic_q_vector *const *qv, unsigned int n);
int iovnic_qpairs_request_irqs(struct iovnic_q_vector *const *qv,
			       unsigned int n, struct pci_dev *pdev,
			       unsigned int first);
void iovnic_qpairs_free_irqs(struct iovnic_q_vector *const *qv,
			     unsigned int n, struct pci_dev *pdev,
			     unsigned int first);
void iovnic_qpairs_start(struct iovnic_q_vector *const *qv, unsigned int n);
void iovnic_qpairs_stop(struct iovnic_q_vector *const *qv, unsigned int n);
int iovnic_qpairs_xdp_xmit(struct iovnic_q_vector *const *qv, unsigned int n,
			   int nframes, struct xdp_frame **frames, u32 flags);

/*
 * ethtool -G and -C semantics (iovnic_ethtool.c), the same for PF and VF:
 * out-of-range or unaligned ring sizes are refused with an extack
 * message; moderation has an interval and an adaptive flag per direction.
 */
void iovnic_ringparam_get(struct ethtool_ringparam *ring, u32 tx_count,
			  u32 rx_count);
int iovnic_ringparam_check(const struct ethtool_ringparam *ring,
			   struct netlink_ext_ack *extack);
void iovnic_coalesce_init(struct iovnic_coalesce *c);
void iovnic_coalesce_get(const struct iovnic_coalesce *c,
			 struct ethtool_coalesce *ec);
int iovnic_coalesce_set(struct iovnic_coalesce *c,
			const struct ethtool_coalesce *ec,
			struct netlink_ext_ack *extack);
void iovnic_q_vector_set_coalesce(struct iovnic_q_vector *q_vector,
				  const struct iovnic_coalesce *c);

/*
 * XDP. iovnic_xdp_setup() handles XDP_SETUP_PROG for ndo_bpf: it refuses
 * an MTU above IOVNIC_XDP_MAX_MTU, swaps *dev_prog (the caller's
 * netdev-wide pointer, which holds the program reference) and publishes
 * the program to every RX ring. No ring restart is needed: buffers always
 * have XDP headroom. iovnic_xdp_xmit() is the body of ndo_xdp_xmit once
 * the caller picked a TX ring (it takes the netdev queue's TX lock).
 * Return: frames queued.
 */
int iovnic_xdp_setup(struct net_device *netdev, struct bpf_prog **dev_prog,
		     struct iovnic_ring *const *rx_rings, unsigned int num_rx,
		     struct netdev_bpf *bpf);
int iovnic_xdp_xmit(struct iovnic_ring *ring, int n,
		    struct xdp_frame **frames, u32 flags);

/*
 * Statistics. add_stats64 adds a ring's packets/bytes/drops/errors to the
 * rx_* or tx_* fields of @stats (ndo_get_stats64). The ethtool helpers
 * emit iovnic_ring_ethtool_count() strings/values per ring, with names
 * like "rx0_packets"; they advance *data, and the values include what
 * the freed rings of that queue counted (@base). qstats_* fill
 * netdev_stat_ops queue stats; wire up .stat_ops only
 * #if IOVNIC_HAVE_QUEUE_STATS (iovnic_compat.h, included here).
 */
void iovnic_ring_stats_read(const struct iovnic_ring *ring,
			    struct iovnic_ring_stats *out);
void iovnic_ring_add_stats64(const struct iovnic_ring *ring, bool is_rx,
			     struct rtnl_link_stats64 *stats);
unsigned int iovnic_ring_ethtool_count(bool is_rx);
void iovnic_ring_ethtool_strings(bool is_rx, unsigned int queue, u8 **data);
void iovnic_ring_ethtool_stats(const struct iovnic_stats_base *base,
			       unsigned int queue,
			       const struct iovnic_ring *ring, bool is_rx,
			       u64 **data);
void iovnic_ring_qstats_rx(const struct iovnic_ring *ring,
			   struct netdev_queue_stats_rx *stats);
void iovnic_ring_qstats_tx(const struct iovnic_ring *ring,
			   struct netdev_queue_stats_tx *stats);
void iovnic_stats_base_save(struct iovnic_stats_base *base,
			    struct iovnic_ring *ring, bool is_rx);
void iovnic_stats_base_add64(const struct iovnic_stats_base *base,
			     struct rtnl_link_stats64 *stats);
void iovnic_qstats_base(const struct iovnic_stats_base *base,
			struct netdev_queue_stats_rx *rx,
			struct netdev_queue_stats_tx *tx);

/**
 * struct iovnic_stat_counter - one hardware counter widened to 64 bits
 * @value: running total; survives resets of the register
 * @last: last raw reading of a free-running register (unused for
 *	  clear-on-read ones)
 *
 * The 82576 has two kinds of counters: the MAC's, which clear on read,
 * and the per-pool ones (VFGPRC...), which run free and wrap at 32 bits.
 * Both are folded into @value often enough that no wrap is missed; a
 * reset of the device only moves @last (iovnic_stat_rebase32()), so the
 * totals never go backwards.
 */
struct iovnic_stat_counter {
	u64 value;
	u32 last;
};

/**
 * iovnic_stat_add_cor() - fold a clear-on-read register reading
 * @c: the counter
 * @raw: what the register held since the previous read
 */
static inline void iovnic_stat_add_cor(struct iovnic_stat_counter *c, u64 raw)
{
	c->value += raw;
}

/**
 * iovnic_stat_update32() - fold a free-running 32-bit register reading
 * @c: the counter
 * @raw: the register now; the difference to @c->last wraps correctly
 */
static inline void iovnic_stat_update32(struct iovnic_stat_counter *c, u32 raw)
{
	c->value += (u32)(raw - c->last);
	c->last = raw;
}

/**
 * iovnic_stat_rebase32() - restart a free-running counter's deltas
 * @c: the counter
 * @raw: the register now (after a reset zeroed it); @c->value is kept
 */
static inline void iovnic_stat_rebase32(struct iovnic_stat_counter *c, u32 raw)
{
	c->last = raw;
}

/*
 * The five per-pool counters of one VF. The VF reads them in its own BAR
 * at IOVNIC_VF_VFSTATS, the PF reads the same registers of VF n at
 * IOVNIC_PF_VFSTATS(n); iovnic_pool_stat_regs[] gives each one's offset
 * from that base, so both keep a struct iovnic_pool_stats.
 */
enum iovnic_pool_stat {
	IOVNIC_POOL_RX_PACKETS,		/* VFGPRC */
	IOVNIC_POOL_TX_PACKETS,		/* VFGPTC */
	IOVNIC_POOL_RX_BYTES,		/* VFGORC */
	IOVNIC_POOL_TX_BYTES,		/* VFGOTC */
	IOVNIC_POOL_RX_MULTICAST,	/* VFMPRC */
	IOVNIC_POOL_NSTATS
};

/**
 * struct iovnic_pool_stats - the per-pool counters of one VF
 * @c: indexed by enum iovnic_pool_stat
 */
struct iovnic_pool_stats {
	struct iovnic_stat_counter c[IOVNIC_POOL_NSTATS];
};

extern const u32 iovnic_pool_stat_regs[IOVNIC_POOL_NSTATS];

void iovnic_pool_stats_fold(struct iovnic_pool_stats *s,
			    const u32 raw[IOVNIC_POOL_NSTATS], bool rebase);

/**
 * iovnic_ring_unused() - free descriptors of a ring
 * @ring: the ring
 *
 * One slot always stays empty: head == tail means "empty" to the device.
 *
 * Return: how many descriptors the driver can still fill.
 */
static inline u16 iovnic_ring_unused(const struct iovnic_ring *ring)
{
	u16 ntc = READ_ONCE(ring->next_to_clean);
	u16 ntu = ring->next_to_use;

	return ((ntc > ntu) ? 0 : ring->count) + ntc - ntu - 1;
}

#endif /* _IOVNIC_LIB_H_ */
