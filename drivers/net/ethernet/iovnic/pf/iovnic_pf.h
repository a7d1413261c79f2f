/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iovnic_pf: private state of the 82576 Physical Function driver.
 *
 * One struct iovnic_pf per PCI function. It is the devlink private area;
 * the net_device's private area only points back at it, so that the PCI
 * and devlink side outlive a netdev that is being torn down.
 */
#ifndef _IOVNIC_PF_H_
#define _IOVNIC_PF_H_

#include <linux/ethtool.h>
#include <linux/if_vlan.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/spinlock.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>

#include <iovnic/regs.h>

#include "iovnic_pf_sriov.h"

#define IOVNIC_PF_DRV_NAME		"iovnic_pf"

struct bpf_prog;
struct devlink;
struct iovnic_ring;
struct iovnic_q_vector;

/* MSI-X vector 0 carries the "other" causes (link, mailbox); 1..n queues */
#define IOVNIC_PF_OTHER_VECTOR		0
#define IOVNIC_PF_MAX_QUEUE_VECTORS	(IOVNIC_PF_MSIX_VECTORS - 1)
/* queue pairs without VFs: bounded by the queue vectors and by 16 rings */
#define IOVNIC_PF_MAX_QUEUE_PAIRS	IOVNIC_PF_MAX_QUEUE_VECTORS

/*
 * RAR split between PF and SR-IOV code: entry 0 is the PF's own MAC,
 * entries 1..IOVNIC_PF_RAR_UC_LAST hold the PF's extra unicast addresses,
 * everything above belongs to the VFs (their MACs and extra filters).
 */
#define IOVNIC_PF_RAR_UC_FIRST		1
#define IOVNIC_PF_RAR_UC_LAST		8

#define IOVNIC_PF_DEF_RING_SIZE		256	/* limits: IOVNIC_{MIN,MAX}_[RT]XD */

/* EITR raw value for the default 50 us; the register counts 0.25 us */
#define IOVNIC_PF_DEF_ITR_USECS		50

enum iovnic_pf_irq_mode {
	IOVNIC_PF_IRQ_MSIX,
	IOVNIC_PF_IRQ_MSI,
	IOVNIC_PF_IRQ_INTX,
};

/* bits of iovnic_pf::state */
enum iovnic_pf_state {
	IOVNIC_PF_DOWN,		/* datapath stopped, queues not running */
	IOVNIC_PF_RESETTING,	/* a reset or re-layout owns the device */
	IOVNIC_PF_REMOVING,	/* remove() started: schedule no new work */
	IOVNIC_PF_DETACHED,	/* device vanished or PCI error: no MMIO */
	IOVNIC_PF_RESET_REQUESTED,	/* TX timeout asked for a full reset */
	IOVNIC_PF_LINK_CHECK,	/* LSC seen, service task must look */
	IOVNIC_PF_STATE_NBITS
};

/* Clear-on-read MAC counters, accumulated by the service task. */
struct iovnic_pf_hw_stats {
	u64 crcerrs;
	u64 mpc;
	u64 rlec;
	u64 gprc;
	u64 bprc;
	u64 mprc;
	u64 gptc;
	u64 gorc;
	u64 gotc;
	u64 rnbc;
	u64 ruc;
	u64 roc;
	u64 tpr;
	u64 tpt;
	u64 mptc;
	u64 bptc;
	u64 tsctc;
};

struct iovnic_pf {
	struct pci_dev *pdev;
	struct net_device *netdev;
	struct devlink *devlink;
	u8 __iomem *hw;			/* BAR0 */
	unsigned long state[BITS_TO_LONGS(IOVNIC_PF_STATE_NBITS)];
	u8 perm_addr[ETH_ALEN];		/* from NVM words 0-2 */

	/* interrupts */
	enum iovnic_pf_irq_mode irq_mode;
	u16 num_irqs;			/* vectors allocated from the PCI core */
	u16 num_q_vectors;		/* queue vectors in use (MSI-X: 1..) */
	u32 eims_other;			/* our "other" EIMS bit (MSI-X) */
	u32 eims_queues;		/* our queue EIMS bits (MSI-X) */
	bool other_irq_requested;
	u16 ivar_queues;		/* hardware queues with our IVAR entries */
	char other_irq_name[IFNAMSIZ + 16];

	/* queues: index i is the netdev's queue i, see queue_reg_index() */
	u16 num_queue_pairs;		/* in use */
	u16 req_queue_pairs;		/* wanted by the user, 0 = default */
	u32 tx_ring_count;		/* descriptors per TX ring */
	u32 rx_ring_count;		/* descriptors per RX ring */
	struct iovnic_q_vector *q_vectors[IOVNIC_PF_MAX_QUEUE_VECTORS];
	struct iovnic_ring *tx_rings[IOVNIC_PF_MAX_QUEUE_PAIRS];
	struct iovnic_ring *rx_rings[IOVNIC_PF_MAX_QUEUE_PAIRS];
	struct bpf_prog *xdp_prog;	/* holds the reference; RTNL */

	/* interrupt moderation, microseconds; 0 = adaptive off and no delay */
	u16 rx_itr_usecs;
	u16 tx_itr_usecs;
	bool rx_adaptive;
	bool tx_adaptive;

	/* RSS (used only without VFs: QEMU does no RSS in VMDq mode) */
	u8 rss_key[IOVNIC_RSS_KEY_BYTES];
	u8 reta[IOVNIC_RETA_ENTRIES];	/* queue pair index, not register index */
	bool reta_user_set;		/* keep the table across channel changes */

	/* VLANs the stack asked for; re-applied after every reset. The
	 * shared VFTA/VLVF/MTA tables themselves are written by the switch
	 * code (iovnic_pf_switch_*), which merges the VFs' entries.
	 */
	unsigned long active_vlans[BITS_TO_LONGS(VLAN_N_VID)];
	/* scratch MTA image of set_rx_mode; netif_addr_lock protects it */
	unsigned long rx_mode_mta[BITS_TO_LONGS(IOVNIC_MTA_REGS * 32)];

	/* link */
	bool link_up;
	u32 link_speed;			/* Mb/s */
	u8 link_duplex;
	bool autoneg;

	/* periodic link watchdog and statistics */
	struct delayed_work service_task;
	struct work_struct reset_task;
	unsigned long tx_timeout_count;
	unsigned long reset_count;

	/* protects hw_stats against the service task and ndo_get_stats64 */
	spinlock_t stats_lock;
	struct iovnic_pf_hw_stats hw_stats;
	/* totals of rings already freed; written under RTNL */
	struct rtnl_link_stats64 closed_stats;

	/* protects the MDIC register: PHY access from ethtool and the watchdog */
	struct mutex phy_lock;

	struct iovnic_pf_sriov sriov;
};

/* what the netdev private area holds */
struct iovnic_pf_priv {
	struct iovnic_pf *pf;
};

static inline struct iovnic_pf *iovnic_pf_from_netdev(struct net_device *nd)
{
	return ((struct iovnic_pf_priv *)netdev_priv(nd))->pf;
}

/* MMIO. A read of all ones from a register that can't hold it means the
 * device went away (surprise removal, PCI error): detach, don't spin.
 */
u32 iovnic_pf_rd32(struct iovnic_pf *pf, u32 reg);

static inline void iovnic_pf_wr32(struct iovnic_pf *pf, u32 reg, u32 val)
{
	if (likely(!test_bit(IOVNIC_PF_DETACHED, pf->state)))
		writel(val, pf->hw + reg);
}

static inline void iovnic_pf_flush(struct iovnic_pf *pf)
{
	iovnic_pf_rd32(pf, IOVNIC_STATUS);
}

static inline bool iovnic_pf_removed(struct iovnic_pf *pf)
{
	return test_bit(IOVNIC_PF_DETACHED, pf->state);
}

/* --- queue layout: one function of num_vfs (hardware.md §3, §4) --- */

/**
 * iovnic_pf_pool() - VMDq pool the PF lives in
 * @pf: the PF
 *
 * Return: the number of enabled VFs; pools below it belong to VFs.
 */
static inline u16 iovnic_pf_pool(const struct iovnic_pf *pf)
{
	return pf->sriov.num_vfs;
}

extern struct dentry *iovnic_pf_debugfs_root;

u16 iovnic_pf_queue_reg_index(const struct iovnic_pf *pf, u16 qp);
u16 iovnic_pf_max_queue_pairs(const struct iovnic_pf *pf);
u16 iovnic_pf_usable_vectors(const struct iovnic_pf *pf);

/* iovnic_pf_hw.c */
int iovnic_pf_hw_reset(struct iovnic_pf *pf);
int iovnic_pf_nvm_read(struct iovnic_pf *pf, u16 word, u16 *data);
int iovnic_pf_read_perm_addr(struct iovnic_pf *pf);
int iovnic_pf_phy_read(struct iovnic_pf *pf, u32 reg, u16 *val);
int iovnic_pf_phy_write(struct iovnic_pf *pf, u32 reg, u16 val);
int iovnic_pf_phy_restart_an(struct iovnic_pf *pf);
void iovnic_pf_hw_init_filters(struct iovnic_pf *pf);
void iovnic_pf_link_update(struct iovnic_pf *pf);
void iovnic_pf_write_rar(struct iovnic_pf *pf, u32 idx, const u8 *addr,
			 u32 pool_mask);
void iovnic_pf_clear_rar(struct iovnic_pf *pf, u32 idx);

/* iovnic_pf_irq.c */
int iovnic_pf_irq_alloc(struct iovnic_pf *pf);
void iovnic_pf_irq_free(struct iovnic_pf *pf);
int iovnic_pf_request_other_irq(struct iovnic_pf *pf);
void iovnic_pf_free_other_irq(struct iovnic_pf *pf);
int iovnic_pf_request_queue_irqs(struct iovnic_pf *pf);
void iovnic_pf_free_queue_irqs(struct iovnic_pf *pf);
void iovnic_pf_irq_configure(struct iovnic_pf *pf);
void iovnic_pf_irq_enable(struct iovnic_pf *pf);
void iovnic_pf_irq_disable(struct iovnic_pf *pf);
void iovnic_pf_queue_irqs_disable(struct iovnic_pf *pf);
void iovnic_pf_irq_synchronize(struct iovnic_pf *pf);
void iovnic_pf_write_itr(struct iovnic_pf *pf);

/* iovnic_pf_netdev.c */
int iovnic_pf_netdev_create(struct iovnic_pf *pf);
void iovnic_pf_netdev_destroy(struct iovnic_pf *pf);
int iovnic_pf_open(struct net_device *netdev);
int iovnic_pf_close(struct net_device *netdev);
void iovnic_pf_down(struct iovnic_pf *pf);
int iovnic_pf_up(struct iovnic_pf *pf);
int iovnic_pf_reinit_locked(struct iovnic_pf *pf);
int iovnic_pf_reconfigure_queues(struct iovnic_pf *pf);
void iovnic_pf_set_rx_ctrl(struct iovnic_pf *pf);
int iovnic_pf_set_queue_pairs(struct iovnic_pf *pf, u16 count);

/* iovnic_pf_service.c */
void iovnic_pf_service_init(struct iovnic_pf *pf);
void iovnic_pf_schedule_reset(struct iovnic_pf *pf);
void iovnic_pf_reset_hw_locked(struct iovnic_pf *pf);

/* iovnic_pf_rx_mode.c */
void iovnic_pf_set_rx_mode(struct net_device *netdev);
void iovnic_pf_restore_filters(struct iovnic_pf *pf);
int iovnic_pf_vlan_rx_add_vid(struct net_device *netdev, __be16 proto, u16 vid);
int iovnic_pf_vlan_rx_kill_vid(struct net_device *netdev, __be16 proto,
			       u16 vid);
void iovnic_pf_set_vlan_strip(struct iovnic_pf *pf, bool strip);

/* iovnic_pf_rss.c */
void iovnic_pf_rss_init(struct iovnic_pf *pf);
void iovnic_pf_rss_configure(struct iovnic_pf *pf);
void iovnic_pf_rss_configure_pools(struct iovnic_pf *pf);
void iovnic_pf_rss_write_reta(struct iovnic_pf *pf);
void iovnic_pf_rss_write_key(struct iovnic_pf *pf);

/* iovnic_pf_stats.c */
void iovnic_pf_update_hw_stats(struct iovnic_pf *pf);
void iovnic_pf_get_stats64(struct net_device *netdev,
			   struct rtnl_link_stats64 *stats);
void iovnic_pf_save_ring_stats(struct iovnic_pf *pf);

/* iovnic_pf_ethtool.c */
void iovnic_pf_set_ethtool_ops(struct net_device *netdev);
void iovnic_pf_set_stat_ops(struct net_device *netdev);

/* iovnic_pf_devlink.c */
struct iovnic_pf *iovnic_pf_devlink_alloc(struct pci_dev *pdev);
void iovnic_pf_devlink_free(struct iovnic_pf *pf);
void iovnic_pf_devlink_register(struct iovnic_pf *pf);
void iovnic_pf_devlink_unregister(struct iovnic_pf *pf);

#endif /* _IOVNIC_PF_H_ */
