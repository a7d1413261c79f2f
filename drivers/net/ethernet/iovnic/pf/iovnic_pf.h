/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iovnic_pf: private state of the 82576 Physical Function driver.
 *
 * One struct iovnic_pf per PCI function. It is the devlink private area;
 * the net_device's private area only points back at it, so that the PCI
 * and devlink side outlive a netdev that is being torn down.
 *
 * Layers, each calling only the ones below it (and lib/):
 *  1. hw: MMIO accessors, MAC reset, NVM, PHY, RAR, link and speed
 *     registers (iovnic_pf_hw.c). Calls nothing else in pf/; what it
 *     needs from above (the EIMC mask) comes as an argument, what it
 *     finds (a link change) goes back as a return value.
 *  2. blocks, each the only writer of its registers: irq (ICR/IMS/EIMS,
 *     MBVFIMR, IVAR, EITR), fc (PAUSE, CTRL.RFCE/TFCE), rss, stats,
 *     rx_mode (the PF's filters), switch (VMOLR, VLVF/VFTA/MTA, VFRE/VFTE,
 *     DTXSWC, the VFs' RAR entries; the PF core's own pool settings go
 *     through iovnic_pf_switch_pf_*()).
 *  3. SR-IOV: sriov (enable/disable), vf (one VF's state), mbx and
 *     mbx_handlers (the mailbox server), vf_ndo. They share
 *     iovnic_pf_vf.h; the rest of pf/ sees iovnic_pf_sriov.h only.
 *  4. core: main (probe/remove), netdev, service (link watchdog, reset),
 *     ethtool, devlink; they call into the SR-IOV hooks of
 *     iovnic_pf_sriov.h. SR-IOV calls back into the core for three
 *     things only: iovnic_pf_reconfigure_queues() (the PF's rings leave
 *     the VFs' pools), the devlink VF ports, and the mailbox storm check
 *     of the devlink "mbx" reporter.
 * The "other" interrupt handler (irq) calls up into the SR-IOV hook
 * iovnic_pf_sriov_handle_irq() and schedules the service task: an
 * interrupt is delivered upwards, it does not make irq depend on them.
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
#include <net/devlink.h>

#include <iovnic/regs.h>

#include "../lib/iovnic_lib.h"
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
/* ICR causes that run the datapath in MSI/INTx mode */
#define IOVNIC_PF_ICR_QUEUE_CAUSES	(IOVNIC_ICR_RXT0 | IOVNIC_ICR_TXDW | \
					 IOVNIC_ICR_RXDMT0 | IOVNIC_ICR_RXO)

/*
 * RAR split between PF and SR-IOV code: entry 0 is the PF's own MAC,
 * entries 1..IOVNIC_PF_RAR_UC_LAST hold the PF's extra unicast addresses,
 * everything above belongs to the VFs (their MACs and extra filters).
 */
#define IOVNIC_PF_RAR_UC_FIRST		1
#define IOVNIC_PF_RAR_UC_LAST		8

#define IOVNIC_PF_DEF_RING_SIZE		256	/* limits: IOVNIC_{MIN,MAX}_[RT]XD */

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

/*
 * The MAC counters the PF keeps (all clear on read), by where they are
 * reported: ndo_get_stats64, the standard ethtool groups (eth-mac,
 * eth-ctrl, rmon, pause) or, for the few no standard names, ethtool -S.
 * PRC and PTC are six size buckets each, in register order.
 */
enum iovnic_pf_mac_stat {
	IOVNIC_MAC_CRCERRS,
	IOVNIC_MAC_ALGNERRC,
	IOVNIC_MAC_RXERRC,
	IOVNIC_MAC_MPC,
	IOVNIC_MAC_SCC,
	IOVNIC_MAC_ECOL,
	IOVNIC_MAC_MCC,
	IOVNIC_MAC_LATECOL,
	IOVNIC_MAC_COLC,
	IOVNIC_MAC_DC,
	IOVNIC_MAC_TNCRS,
	IOVNIC_MAC_CEXTERR,
	IOVNIC_MAC_RLEC,
	IOVNIC_MAC_XONRXC,
	IOVNIC_MAC_XONTXC,
	IOVNIC_MAC_XOFFRXC,
	IOVNIC_MAC_XOFFTXC,
	IOVNIC_MAC_FCRUC,
	IOVNIC_MAC_PRC64,
	IOVNIC_MAC_PRC1522 = IOVNIC_MAC_PRC64 + 5,
	IOVNIC_MAC_GPRC,
	IOVNIC_MAC_BPRC,
	IOVNIC_MAC_MPRC,
	IOVNIC_MAC_GPTC,
	IOVNIC_MAC_GORC,	/* 64 bits: GORCL then GORCH */
	IOVNIC_MAC_GOTC,	/* 64 bits: GOTCL then GOTCH */
	IOVNIC_MAC_RNBC,
	IOVNIC_MAC_RUC,
	IOVNIC_MAC_RFC,
	IOVNIC_MAC_ROC,
	IOVNIC_MAC_RJC,
	IOVNIC_MAC_TPR,
	IOVNIC_MAC_TPT,
	IOVNIC_MAC_PTC64,
	IOVNIC_MAC_PTC1522 = IOVNIC_MAC_PTC64 + 5,
	IOVNIC_MAC_MPTC,
	IOVNIC_MAC_BPTC,
	IOVNIC_MAC_TSCTC,
	IOVNIC_PF_MAC_NSTATS
};

/* The MAC counters, folded by the service task and by every reader. */
struct iovnic_pf_hw_stats {
	struct iovnic_stat_counter mac[IOVNIC_PF_MAC_NSTATS];
};

/* 802.3x PAUSE as ethtool -A set it; applied on link up and after reset */
struct iovnic_pf_fc {
	bool autoneg;		/* resolve from both ends' advertisement */
	bool rx_pause;		/* wanted (autoneg) or forced */
	bool tx_pause;
	bool rx_active;		/* CTRL.RFCE as last programmed */
	bool tx_active;		/* CTRL.TFCE as last programmed */
};

/**
 * struct iovnic_pf_dl_vf - devlink side of one VF
 * @port: its port of flavour pcivf, with a rate leaf
 * @pf: the PF
 * @id: VF number
 * @mbx_bad: refused mailbox messages (NACKed, invalid, rate limited) of
 *	the VF when @mbx_stamp was taken; kept across VF disable/enable,
 *	written under sriov.cfg_lock
 * @mbx_stamp: jiffies of the last storm check of this VF
 */
struct iovnic_pf_dl_vf {
	struct devlink_port port;
	struct iovnic_pf *pf;
	unsigned int id;
	u64 mbx_bad;
	unsigned long mbx_stamp;
};

/**
 * struct iovnic_pf_dl - devlink ports and health reporters of the PF
 * @pf_port: port of flavour pcipf, the PF netdev's
 * @pf_port_registered: @pf_port is registered
 * @vfs: one per VF while VFs exist
 * @num_vf_ports: entries of @vfs registered
 * @mbx: health reporter "mbx"
 * @tx_timeout: health reporter "tx_timeout"
 * @lock: protects @mbx_pending, @mbx_counters and @txq
 * @mbx_pending: VFs whose storm is still to be reported (bit per VF)
 * @mbx_counters: the mailbox counters of each VF when its storm was seen
 * @txq: TX queue of the last timeout
 * @mbx_work: reports the storms (not under the mailbox server's locks)
 * @tx_timeout_work: reports a TX timeout (ndo_tx_timeout is atomic)
 */
struct iovnic_pf_dl {
	struct devlink_port pf_port;
	bool pf_port_registered;
	struct iovnic_pf_dl_vf vfs[IOVNIC_MAX_VFS];
	unsigned int num_vf_ports;
	struct devlink_health_reporter *mbx;
	struct devlink_health_reporter *tx_timeout;
	spinlock_t lock;		/* the pending reports */
	unsigned long mbx_pending;
	u64 mbx_counters[IOVNIC_MAX_VFS][IOVNIC_VF_MBX_NSTATS];
	unsigned int txq;
	struct work_struct mbx_work;
	struct work_struct tx_timeout_work;
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

	struct iovnic_coalesce coal;	/* ethtool -C; RTNL */

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
	struct iovnic_pf_fc fc;

	/* periodic link watchdog and statistics */
	struct delayed_work service_task;
	struct work_struct reset_task;
	unsigned long tx_timeout_count;
	unsigned long reset_count;

	/*
	 * Protects hw_stats against the service task and ndo_get_stats64,
	 * and closed_stats (written under RTNL too) against readers that
	 * do not hold RTNL (ndo_get_stats64).
	 */
	spinlock_t stats_lock;
	struct iovnic_pf_hw_stats hw_stats;
	/* counters of rings already freed, per queue */
	struct iovnic_stats_base closed_stats;

	/* protects the MDIC register: PHY access from ethtool and the watchdog */
	struct mutex phy_lock;
	/*
	 * Read-modify-writes of CTRL and CTRL_EXT (iovnic_pf_ctrl_rmw()):
	 * RTNL paths, the service task and the mailbox server in hard IRQ
	 * context each change other bits of them.
	 */
	spinlock_t ctrl_lock;

	struct iovnic_pf_sriov sriov;
	struct iovnic_pf_dl dl;
};

/* what the netdev private area holds */
struct iovnic_pf_priv {
	struct iovnic_pf *pf;
};

static inline struct iovnic_pf *iovnic_pf_from_netdev(struct net_device *nd)
{
	return ((struct iovnic_pf_priv *)netdev_priv(nd))->pf;
}

/*
 * MMIO: every BAR0 access of pf/ goes through these. A read of all ones
 * from a register that can't hold it means the device went away
 * (surprise removal, PCI error): detach, don't spin; writes then stop.
 */
u32 iovnic_pf_rd32(struct iovnic_pf *pf, u32 reg);

static inline void iovnic_pf_wr32(struct iovnic_pf *pf, u32 reg, u32 val)
{
	if (likely(!test_bit(IOVNIC_PF_DETACHED, pf->state)))
		writel(val, pf->hw + reg);
}

/*
 * Read-modify-write of @reg: clear the bits of @clear, then set those of
 * @set. The caller owns @reg: it holds the lock that covers it (the
 * switch tables: sriov.switch_lock) or is the register's only writer.
 * CTRL and CTRL_EXT go through iovnic_pf_ctrl_rmw() instead.
 */
static inline void iovnic_pf_rmw32(struct iovnic_pf *pf, u32 reg, u32 clear,
				   u32 set)
{
	iovnic_pf_wr32(pf, reg, (iovnic_pf_rd32(pf, reg) & ~clear) | set);
}

void iovnic_pf_ctrl_rmw(struct iovnic_pf *pf, u32 reg, u32 clear, u32 set);

/* poll @reg until @cond (of @val) holds, sleeping @delay_us between reads */
#define iovnic_pf_poll32(pf, reg, val, cond, delay_us, timeout_us) \
	read_poll_timeout(iovnic_pf_rd32, val, cond, delay_us, timeout_us, \
			  false, pf, reg)

static inline void iovnic_pf_flush(struct iovnic_pf *pf)
{
	iovnic_pf_rd32(pf, IOVNIC_STATUS);
}

static inline bool iovnic_pf_removed(struct iovnic_pf *pf)
{
	return test_bit(IOVNIC_PF_DETACHED, pf->state);
}

/* --- queue layout: one function of num_vfs (see iovnic.rst, SR-IOV) --- */

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
int iovnic_pf_hw_reset(struct iovnic_pf *pf, u32 eimc);
int iovnic_pf_nvm_read(struct iovnic_pf *pf, u16 word, u16 *data);
int iovnic_pf_read_perm_addr(struct iovnic_pf *pf);
int iovnic_pf_phy_read(struct iovnic_pf *pf, u32 reg, u16 *val);
int iovnic_pf_phy_write(struct iovnic_pf *pf, u32 reg, u16 val);
int iovnic_pf_phy_restart_an(struct iovnic_pf *pf);
int iovnic_pf_hw_force_speed(struct iovnic_pf *pf, u32 speed, u8 duplex);
void iovnic_pf_hw_unforce_speed(struct iovnic_pf *pf);
int iovnic_pf_hw_link_read(struct iovnic_pf *pf);
void iovnic_pf_hw_init_filters(struct iovnic_pf *pf);
void iovnic_pf_write_rar(struct iovnic_pf *pf, u32 idx, const u8 *addr,
			 u32 pool_mask);
void iovnic_pf_clear_rar(struct iovnic_pf *pf, u32 idx);

/* iovnic_pf_irq.c */
u32 iovnic_pf_irq_vectors_mask(const struct iovnic_pf *pf);
void iovnic_pf_irq_mbx_enable(struct iovnic_pf *pf);
void iovnic_pf_irq_mbx_disable(struct iovnic_pf *pf);
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
int iovnic_pf_reconfigure(struct iovnic_pf *pf, u16 req_queue_pairs,
			  u32 tx_count, u32 rx_count);

/* iovnic_pf_service.c */
void iovnic_pf_service_init(struct iovnic_pf *pf);
void iovnic_pf_link_update(struct iovnic_pf *pf);
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
void iovnic_pf_read_mac_stats(struct iovnic_pf *pf,
			      u64 out[IOVNIC_PF_MAC_NSTATS]);
void iovnic_pf_get_eth_mac_stats(struct net_device *netdev,
				 struct ethtool_eth_mac_stats *s);
void iovnic_pf_get_eth_ctrl_stats(struct net_device *netdev,
				  struct ethtool_eth_ctrl_stats *s);
void iovnic_pf_get_rmon_stats(struct net_device *netdev,
			      struct ethtool_rmon_stats *s,
			      const struct ethtool_rmon_hist_range **ranges);
void iovnic_pf_get_pause_stats(struct net_device *netdev,
			       struct ethtool_pause_stats *s);

/* iovnic_pf_fc.c */
void iovnic_pf_fc_init(struct iovnic_pf *pf);
void iovnic_pf_fc_setup(struct iovnic_pf *pf);
int iovnic_pf_fc_restart_an(struct iovnic_pf *pf);
void iovnic_pf_fc_link_up(struct iovnic_pf *pf);
void iovnic_pf_get_pauseparam(struct net_device *netdev,
			      struct ethtool_pauseparam *pause);
int iovnic_pf_set_pauseparam(struct net_device *netdev,
			     struct ethtool_pauseparam *pause);

/* iovnic_pf_ethtool.c */
void iovnic_pf_set_ethtool_ops(struct net_device *netdev);
void iovnic_pf_set_stat_ops(struct net_device *netdev);

/* iovnic_pf_devlink.c */
struct iovnic_pf *iovnic_pf_devlink_alloc(struct pci_dev *pdev);
void iovnic_pf_devlink_free(struct iovnic_pf *pf);
void iovnic_pf_devlink_register(struct iovnic_pf *pf);
void iovnic_pf_devlink_unregister(struct iovnic_pf *pf);
int iovnic_pf_devlink_port_create(struct iovnic_pf *pf);
void iovnic_pf_devlink_port_link(struct iovnic_pf *pf);
void iovnic_pf_devlink_port_unlink(struct iovnic_pf *pf);
void iovnic_pf_devlink_port_destroy(struct iovnic_pf *pf);
void iovnic_pf_devlink_vf_ports_create(struct iovnic_pf *pf);
void iovnic_pf_devlink_vf_ports_destroy(struct iovnic_pf *pf);

/* iovnic_pf_devlink_health.c */
void iovnic_pf_devlink_health_create(struct iovnic_pf *pf);
void iovnic_pf_devlink_health_destroy(struct iovnic_pf *pf);
void iovnic_pf_devlink_mbx_check(struct iovnic_pf *pf);
void iovnic_pf_devlink_tx_timeout(struct iovnic_pf *pf, unsigned int txq);

#endif /* _IOVNIC_PF_H_ */
