/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iovnic_vf: Virtual Function driver for the Intel 82576.
 */
#ifndef _IOVNIC_VF_H_
#define _IOVNIC_VF_H_

#include <linux/if_vlan.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/workqueue.h>

#include <iovnic/mbx.h>
#include <iovnic/regs.h>

#include "../lib/iovnic_lib.h"

#define IOVNIC_VF_DRV_NAME		"iovnic_vf"

/* MSI-X: one vector per queue pair, the last one for the mailbox */
#define IOVNIC_VF_MAX_QPAIRS		IOVNIC_VF_QUEUES
#define IOVNIC_VF_DEFAULT_QPAIRS	1

/* bytes a frame adds to the MTU as the PF counts it: header, tag, CRC */
#define IOVNIC_VF_FRAME_OVERHEAD	(ETH_HLEN + VLAN_HLEN + ETH_FCS_LEN)

/*
 * A PF reset raises no VF interrupt (RSTI/RSTD are only seen by reading
 * V2PMAILBOX), so the watchdog polls often enough to be back within 2 s
 * of the PF, and faster while the PF is away. Counters need less.
 */
#define IOVNIC_VF_WATCHDOG_PERIOD	(HZ / 4)
#define IOVNIC_VF_RECOVERY_PERIOD	(HZ / 5)
/* at most one reset per this much that the PF asked for (not a retry) */
#define IOVNIC_VF_RESET_SPACING		(HZ / 2)
#define IOVNIC_VF_STATS_PERIOD		(2 * HZ)

struct iovnic_vf_mbx_stats {
	u64 tx;
	u64 rx;
	u64 nacks;
	u64 timeouts;
	u64 lock_busy;
	u64 bad_reply;
	u64 pings;
	u64 pf_resets;
	u64 resets;
	u64 events;		/* EVENT messages understood */
	u64 events_unknown;	/* unknown or not negotiated: ignored */
};

/*
 * Where the VF stands with its PF: one state, kept by the mailbox code
 * from what the PF last wrote, instead of separate "RESET done", "CTS
 * lost" and "PF considers us initialised" flags that could disagree.
 *
 *   from        event                                 to
 *   any         probe, FLR, CTRL.RST, RSTI seen,       RESET
 *               mailbox timeout, NACK without CTS
 *   RESET       RESET answered (the reply has no CTS)  HELD
 *   HELD, CTS   a reply, ping or EVENT with CTS        CTS
 *   HELD, CTS   an ACK, ping or EVENT without CTS      HELD
 *
 * RESET: requests are refused (-EIO) and the watchdog schedules the
 * reset task. HELD: the PF keeps our state and serves requests but does
 * not let us pass traffic (its netdev is down, or the administrator
 * disabled our link): no carrier, and no reset either, so nothing is
 * lost when the PF comes back and pings us with CTS. CTS: carrier as
 * soon as STATUS.LU says the PF's link is up (and, with CAP_EVENTS, the
 * PF did not say LINK_DOWN since the last RESET).
 *
 * The reset task's own progress is two state bits because they are
 * different things: S_RESET_PENDING collapses requests until the task
 * runs, S_RESETTING keeps ndo_open away while it runs without RTNL.
 */
enum iovnic_vf_hs {
	IOVNIC_VF_HS_RESET,	/* RESET handshake to be (re)done */
	IOVNIC_VF_HS_HELD,	/* PF has our state, not clear-to-send */
	IOVNIC_VF_HS_CTS,	/* PF has our state, clear-to-send */
};

struct iovnic_vf_mbx {
	/*
	 * Serialises all use of V2PMAILBOX and the message buffer: one
	 * request/reply exchange, a link-check read or the reset handshake
	 * at a time. Also protects every field below; hs is also read
	 * without it (READ_ONCE) for the carrier and ndo_open.
	 */
	struct mutex lock;
	u32 r2c;		/* PFSTS/PFACK/RSTD seen, not yet consumed */
	enum iovnic_vf_hs hs;
	struct iovnic_vf_mbx_stats stats;
	/*
	 * IOVNIC_MBX_EVENT_* codes received, not yet acted on: set under
	 * the lock, taken by the watchdog with atomic bitops.
	 */
	unsigned long events;
};

/*
 * What the PF agreed to in NEGOTIATE and the queries that follow it;
 * all zero (base protocol) with the stock igb. Written by the RESET
 * handshake under RTNL (caps also read under the mailbox lock). Shown
 * in debugfs (negotiated), not in ethtool -S: they are no counters.
 */
struct iovnic_vf_ext {
	u64 version;		/* 0: base protocol only */
	u64 caps;		/* IOVNIC_MBX_CAP_* granted */
	u64 pf_qpairs;		/* queue pairs the PF grants */
	u64 rss;		/* the PF spreads RX over the pairs */
	u64 max_frame;		/* largest SET_LPE frame; 0: not said */
};

enum iovnic_vf_state_bits {
	IOVNIC_VF_S_DOWN,		/* interface is not running */
	IOVNIC_VF_S_RESET_PENDING,	/* reset task scheduled */
	IOVNIC_VF_S_REMOVING,		/* no more work may be queued */
	IOVNIC_VF_S_RESETTING,		/* reset task between close and open */
	IOVNIC_VF_S_QUIESCED,		/* FLR or PCI error in progress */
	IOVNIC_VF_S_GONE,		/* reads all ones: no more MMIO */
};

/* One MSI-X vector with the TX and RX ring it serves. */
struct iovnic_vf_qpair {
	struct iovnic_q_vector qv;
	struct iovnic_ring tx;
	struct iovnic_ring rx;
};

struct iovnic_vf {
	struct net_device *netdev;
	struct pci_dev *pdev;
	u8 __iomem *hw;

	struct iovnic_vf_mbx mbx;
	struct iovnic_vf_ext ext;

	unsigned long state;
	struct delayed_work watchdog;
	struct delayed_work reset_task;
	struct work_struct rx_mode_task;
	unsigned long last_stats;	/* jiffies of the last counter fold */
	unsigned int reset_failures;
	unsigned long reset_backoff;	/* delay before the next attempt */
	unsigned long reset_done;	/* jiffies of the last reset that worked */

	/* queues: iovnic_lib rings and vectors */
	unsigned int num_qpairs;	/* in use */
	unsigned int max_qpairs;	/* the PF grants and vectors allow */
	unsigned int vec_qpairs;	/* the MSI-X vectors allow */
	unsigned int num_vectors;	/* MSI-X vectors allocated */
	u32 tx_ring_count;
	u32 rx_ring_count;
	struct iovnic_coalesce coal;	/* ethtool -C; RTNL */
	/* allocated while the interface is up; see stats_lock */
	struct iovnic_vf_qpair *qp[IOVNIC_VF_MAX_QPAIRS];
	/* &qp[q]->qv while qp[q] exists, for the iovnic_qpairs_*() calls */
	struct iovnic_q_vector *q_vectors[IOVNIC_VF_MAX_QPAIRS];
	char mbx_irq_name[IFNAMSIZ + 8];
	struct bpf_prog *xdp_prog;

	u8 pf_addr[ETH_ALEN];		/* the MAC the PF gave us, if any */
	/* the PF said LINK_DOWN (CAP_EVENTS) since the last RESET */
	bool pf_link_down;
	unsigned long active_vlans[BITS_TO_LONGS(VLAN_N_VID)];
	bool allmulti_on;		/* PF granted multicast promiscuous */
	bool promisc_warned;
	u32 max_frame;

	/*
	 * Protects hw_stats and closed_stats, and qp[] against readers that
	 * do not hold RTNL (ndo_get_stats64): close clears qp[] under it.
	 */
	spinlock_t stats_lock;
	struct iovnic_pool_stats hw_stats;	/* the pool's own counters */
	struct iovnic_stats_base closed_stats;	/* of freed rings */
	u64 reset_count;

	struct dentry *debugfs;			/* iovnic_vf/<PCI name> */
};

/* iovnic_vf_main.c */
u32 iovnic_vf_rd32(struct iovnic_vf *vf, u32 reg);

/* Writes to a device that is gone would only reach nothing, slowly. */
static inline void iovnic_vf_wr32(struct iovnic_vf *vf, u32 reg, u32 val)
{
	if (likely(!test_bit(IOVNIC_VF_S_GONE, &vf->state)))
		writel(val, vf->hw + reg);
}

static inline bool iovnic_vf_gone(struct iovnic_vf *vf)
{
	return test_bit(IOVNIC_VF_S_GONE, &vf->state);
}

/* iovnic_vf_mbx.c */
void iovnic_vf_mbx_init(struct iovnic_vf *vf);
void iovnic_vf_mbx_destroy(struct iovnic_vf *vf);
int iovnic_vf_mbx_reset(struct iovnic_vf *vf, u8 *addr);
int iovnic_vf_mbx_set_mac(struct iovnic_vf *vf, const u8 *addr);
int iovnic_vf_mbx_set_multicast(struct iovnic_vf *vf, const u16 *hashes,
				unsigned int count);
int iovnic_vf_mbx_set_vlan(struct iovnic_vf *vf, u16 vid, bool add);
int iovnic_vf_mbx_set_max_frame(struct iovnic_vf *vf, u32 max_frame);
int iovnic_vf_mbx_set_promisc(struct iovnic_vf *vf, bool allmulti);
int iovnic_vf_mbx_check_pf(struct iovnic_vf *vf);
bool iovnic_vf_mbx_ready(struct iovnic_vf *vf);
const char *iovnic_vf_mbx_strerror(int err);
int iovnic_vf_mbx_request(struct iovnic_vf *vf, u32 *msg, int req_words,
			  int reply_words);

/* iovnic_vf_mbx_ext.c */
int iovnic_vf_ext_negotiate(struct iovnic_vf *vf);
void iovnic_vf_ext_note_msg(struct iovnic_vf *vf, const u32 *msg);
void iovnic_vf_ext_handle_events(struct iovnic_vf *vf);
u32 iovnic_vf_ext_frame(struct iovnic_vf *vf, int mtu);

/* iovnic_vf_irq.c */
int iovnic_vf_irq_alloc(struct iovnic_vf *vf);
void iovnic_vf_irq_free(struct iovnic_vf *vf);
int iovnic_vf_irq_request_mbx(struct iovnic_vf *vf);
void iovnic_vf_irq_free_mbx(struct iovnic_vf *vf);
void iovnic_vf_irq_configure(struct iovnic_vf *vf);

/* iovnic_vf_watchdog.c */
void iovnic_vf_link_init(struct iovnic_vf *vf);
void iovnic_vf_link_stop(struct iovnic_vf *vf);
void iovnic_vf_watchdog_kick(struct iovnic_vf *vf);

/* iovnic_vf_reset.c */
void iovnic_vf_request_reset(struct iovnic_vf *vf);
int iovnic_vf_handshake(struct iovnic_vf *vf);
void iovnic_vf_reset_task(struct work_struct *work);

/* iovnic_vf_netdev.c */
void iovnic_vf_netdev_setup(struct net_device *netdev);
int iovnic_vf_open_locked(struct iovnic_vf *vf);
void iovnic_vf_close_locked(struct iovnic_vf *vf);
int iovnic_vf_reconfigure(struct iovnic_vf *vf, unsigned int qpairs,
			  u32 tx_count, u32 rx_count);
void iovnic_vf_update_hw_stats(struct iovnic_vf *vf);
void iovnic_vf_rebase_hw_stats(struct iovnic_vf *vf);

/* iovnic_vf_filters.c */
void iovnic_vf_filters_init(struct iovnic_vf *vf);
int iovnic_vf_restore_filters(struct iovnic_vf *vf);
void iovnic_vf_set_rx_mode(struct net_device *netdev);
int iovnic_vf_vlan_rx_add_vid(struct net_device *netdev, __be16 proto,
			      u16 vid);
int iovnic_vf_vlan_rx_kill_vid(struct net_device *netdev, __be16 proto,
			       u16 vid);
int iovnic_vf_set_mac_address(struct net_device *netdev, void *p);
int iovnic_vf_change_mtu(struct net_device *netdev, int new_mtu);

/* iovnic_vf_ethtool.c */
void iovnic_vf_set_ethtool_ops(struct net_device *netdev);

/* iovnic_vf_debugfs.c */
void iovnic_vf_debugfs_init(void);
void iovnic_vf_debugfs_exit(void);
void iovnic_vf_debugfs_add(struct iovnic_vf *vf);
void iovnic_vf_debugfs_remove(struct iovnic_vf *vf);

#endif /* _IOVNIC_VF_H_ */
