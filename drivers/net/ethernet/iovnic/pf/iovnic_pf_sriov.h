/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iovnic PF: SR-IOV, the embedded switch and the PF side of the PF/VF
 * mailbox. This header is the contract between the PF core (probe,
 * netdev, interrupts, reset) and the SR-IOV half of the driver; what the
 * SR-IOV files share among themselves is in iovnic_pf_vf.h.
 *
 * Calling contexts:
 *  - iovnic_pf_sriov_handle_irq() and iovnic_pf_sriov_link_changed() may be
 *    called from any context (hard IRQ included): they run one pass of the
 *    mailbox server at once, which sleeps nowhere.
 *  - a VF's @lock is a spinlock that the mailbox server takes in hard IRQ
 *    context: hold it with interrupts off and never sleep under it.
 *  - iovnic_pf_switch_write_mta() and iovnic_pf_switch_set_pf_vlan() may be
 *    called in atomic context (e.g. from ndo_set_rx_mode).
 *  - iovnic_pf_sriov_init() must run at probe before anything else here.
 *  - everything else sleeps and is called from process context; the
 *    ndo_* callbacks run under RTNL as usual.
 */
#ifndef _IOVNIC_PF_SRIOV_H_
#define _IOVNIC_PF_SRIOV_H_

#include <linux/atomic.h>
#include <linux/bitmap.h>
#include <linux/hrtimer.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/if_vlan.h>
#include <linux/mutex.h>
#include <linux/ratelimit_types.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include <iovnic/mbx.h>
#include <iovnic/regs.h>

struct iovnic_pf;
struct iovnic_pf_vf;
struct net_device;
struct ifla_vf_info;
struct netlink_ext_ack;
struct ifla_vf_stats;
struct pci_dev;
struct dentry;
struct seq_file;

/* Mailbox counters of one VF, exported as ethtool -S rows vf<N>_mbx_<name> */
enum iovnic_pf_vf_mbx_stat {
	IOVNIC_VF_MBX_RX,		/* requests read from the VF */
	IOVNIC_VF_MBX_ACKED,		/* replied ACK */
	IOVNIC_VF_MBX_NACKED,		/* replied NACK (any reason) */
	IOVNIC_VF_MBX_INVALID,		/* malformed / unknown / not allowed now */
	IOVNIC_VF_MBX_RATE_LIMITED,	/* request or VFLRE held back by a bucket */
	IOVNIC_VF_MBX_RESETS,		/* RESET requests served */
	IOVNIC_VF_MBX_FLRS,		/* VFLRE events (FLR or VF CTRL.RST) */
	IOVNIC_VF_MBX_SET_MAC,		/* per message type, from here on */
	IOVNIC_VF_MBX_SET_MC,
	IOVNIC_VF_MBX_SET_VLAN,
	IOVNIC_VF_MBX_SET_LPE,
	IOVNIC_VF_MBX_SET_PROMISC,
	IOVNIC_VF_MBX_UNKNOWN,
	IOVNIC_VF_MBX_PINGS,		/* PF -> VF control messages */
	IOVNIC_VF_MBX_TX_BUSY,		/* PF write skipped: buffer held by VF */
	IOVNIC_VF_MBX_NEGOTIATED,	/* NEGOTIATE requests answered ACK */
	IOVNIC_VF_MBX_EVENTS,		/* EVENT messages sent (extension) */
	IOVNIC_VF_MBX_MAC_TAKEN,	/* NACK: address of another function */
	IOVNIC_VF_MBX_MAC_REFUSED,	/* MAC filter refused: quota or full */
	IOVNIC_VF_MBX_VLAN_REFUSED,	/* VLAN refused: quota or table full */
	IOVNIC_VF_MBX_ALLMULTI_REFUSED,	/* all-multicast asked, not trusted */
	IOVNIC_VF_MBX_SPOOFED,		/* spoofed frames dropped (WVBR) */
	IOVNIC_VF_MBX_NSTATS
};

extern const char * const iovnic_pf_vf_mbx_stat_names[IOVNIC_VF_MBX_NSTATS];

/**
 * struct iovnic_pf_sriov - SR-IOV state embedded in struct iovnic_pf
 * @num_vfs: VFs currently enabled (0 = VMDq off, PF alone)
 * @vfs: array of @num_vfs VF states, NULL when none
 * @cfg_lock: serialises enable/disable against the admin ndo calls and the
 *	stats work; protects @num_vfs and @vfs, which are also published
 *	and withdrawn under @switch_lock, so code holding only @switch_lock
 *	(the MTA rewrite from ndo_set_rx_mode) sees both or neither; the
 *	mailbox server uses them only while @mbx_on
 * @switch_lock: protects the shared filter tables and their shadows
 *	(@pf_mta, @pf_vlans, @vlvf, @rar_owner, the VFs' multicast hashes)
 *	and read-modify-writes of VMOLR, DTXSWC, VFRE, VFTE, RCTL.VFE; taken
 *	inside a VF's @lock, never the other way round; always with
 *	interrupts off (the mailbox server takes it in hard IRQ context)
 * @pf_mta: the PF netdev's multicast hashes (image of the 4096-bit MTA)
 * @pf_vlans: VLANs the PF netdev joined
 * @vlvf: shadow of the 32 VLVF registers
 * @rar_owner: for the shared RAR entries, owning VF + 1 (0 = free)
 * @mbx_lock: serialises the passes of the mailbox server (hard IRQ and
 *	process context alike) and protects @mbx_on; taken before any VF's
 *	@lock
 * @mbx_on: the server may run: @vfs is published and the PF is not in
 *	reset
 * @mbx_timer: runs a pass later (a request held back by its bucket, a
 *	busy buffer, an owed ping, PFRSTD); a hard hrtimer that
 *	raises the mailbox interrupt (ICS.VMMB) for it
 * @timer_lock: arming @mbx_timer (the earliest wanted pass wins) and
 *	@rstd_owed, @rstd_stamp; innermost lock
 * @rstd_owed: a ping went out that igbvf only notices with RSTD
 * @rstd_stamp: jiffies of the last CTRL_EXT.PFRSTD write for a ping
 * @stats_work: folds the 32-bit per-pool counters into 64 bits in time
 * @ping_all: a link change asked to ping all VFs (atomic flag)
 * @resetting: the PF is between prepare_reset and reset_done
 * @pf_down: the PF netdev is not open; VFs that follow the port lose CTS
 * @debugfs: per-PF debugfs directory with the switch dump
 * @mbx_user: VF whose mailbox user space serves (test only, debugfs
 *	mbx_user), or -1; the server skips it
 * @spoofed: spoofed frames dropped per pool (WVBR), counted in any context
 * @spoof_rs: log budget per pool for spoof events
 */
struct iovnic_pf_sriov {
	unsigned int num_vfs;
	struct iovnic_pf_vf *vfs;
	struct mutex cfg_lock;		/* @num_vfs, @vfs vs. the works */

	spinlock_t switch_lock;		/* shared filter tables */
	DECLARE_BITMAP(pf_mta, IOVNIC_MTA_REGS * 32);
	DECLARE_BITMAP(pf_vlans, VLAN_N_VID);
	u32 vlvf[IOVNIC_VLVF_ENTRIES];
	u8 rar_owner[IOVNIC_RAR_ENTRIES];

	spinlock_t mbx_lock;		/* server passes, @mbx_on */
	bool mbx_on;
	struct hrtimer mbx_timer;
	spinlock_t timer_lock;		/* @mbx_timer, @rstd_* */
	bool rstd_owed;
	unsigned long rstd_stamp;
	struct delayed_work stats_work;
	atomic_t ping_all;
	bool resetting;
	bool pf_down;
	struct dentry *debugfs;
	int mbx_user;
	atomic_t spoofed[IOVNIC_NUM_POOLS];
	struct ratelimit_state spoof_rs[IOVNIC_NUM_POOLS];
};

/* Hooks called by the PF core (pf/iovnic_pf_main.c and friends) */
void iovnic_pf_sriov_init(struct iovnic_pf *pf);	/* at probe, before register_netdev */
int iovnic_pf_sriov_configure(struct pci_dev *pdev, int num_vfs); /* .sriov_configure */
void iovnic_pf_sriov_handle_irq(struct iovnic_pf *pf);	/* ICR.VMMB seen */
void iovnic_pf_sriov_link_changed(struct iovnic_pf *pf);	/* ping VFs */
void iovnic_pf_switch_spoof_irq(struct iovnic_pf *pf);	/* ICR.DOUTSYNC seen */
void iovnic_pf_sriov_set_pf_down(struct iovnic_pf *pf, bool down); /* ndo_stop/open */
void iovnic_pf_sriov_prepare_reset(struct iovnic_pf *pf);
void iovnic_pf_sriov_reset_done(struct iovnic_pf *pf);
void iovnic_pf_sriov_remove(struct iovnic_pf *pf);
void iovnic_pf_sriov_fini(struct iovnic_pf *pf);	/* after the netdev is gone */
void iovnic_pf_mbx_stop(struct iovnic_pf *pf);	/* no mailbox pass from now on */

/* ethtool -S rows vf<N>_mbx_<name>, for the core's ethtool code */
int iovnic_pf_sriov_get_sset_count(struct iovnic_pf *pf);
void iovnic_pf_sriov_get_strings(struct iovnic_pf *pf, u8 **data);
void iovnic_pf_sriov_get_stats(struct iovnic_pf *pf, u64 **data);

/*
 * The shared filter tables (MTA, VFTA, VLVF) are written only by the switch
 * code, which merges the PF netdev's entries with the VFs'. The PF core
 * passes its own state through these two (atomic context allowed).
 */
void iovnic_pf_switch_write_mta(struct iovnic_pf *pf,
				const unsigned long *pf_mta);
int iovnic_pf_switch_set_pf_vlan(struct iovnic_pf *pf, u16 vid, bool add);
/* VMOLR is written by the switch code only, the PF pool's too */
void iovnic_pf_switch_pf_pool_rx(struct iovnic_pf *pf, u32 max_frame,
				 bool strip);
void iovnic_pf_switch_pf_promisc(struct iovnic_pf *pf, bool uc, bool mc);

/*
 * The administrator's MAC for a VF, for the ndo and devlink paths alike
 * (RTNL held); see iovnic_pf_vf.c.
 */
int iovnic_pf_vf_set_admin_mac(struct iovnic_pf *pf, int vf, const u8 *mac,
			       struct netlink_ext_ack *extack);

/* net_device_ops for VF administration */
int iovnic_pf_ndo_set_vf_mac(struct net_device *netdev, int vf, u8 *mac);
int iovnic_pf_ndo_set_vf_vlan(struct net_device *netdev, int vf, u16 vlan,
			      u8 qos, __be16 proto);
int iovnic_pf_ndo_set_vf_spoofchk(struct net_device *netdev, int vf,
				  bool enable);
int iovnic_pf_ndo_set_vf_trust(struct net_device *netdev, int vf,
			       bool enable);
int iovnic_pf_ndo_set_vf_link_state(struct net_device *netdev, int vf,
				    int state);
int iovnic_pf_ndo_set_vf_rate(struct net_device *netdev, int vf,
			      int min_tx_rate, int max_tx_rate);
int iovnic_pf_ndo_get_vf_config(struct net_device *netdev, int vf,
				struct ifla_vf_info *ivi);
int iovnic_pf_ndo_get_vf_stats(struct net_device *netdev, int vf,
			       struct ifla_vf_stats *vf_stats);

#endif /* _IOVNIC_PF_SRIOV_H_ */
