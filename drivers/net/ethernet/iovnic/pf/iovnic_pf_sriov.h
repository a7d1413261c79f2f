/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iovnic PF: SR-IOV, the embedded switch and the PF side of the PF/VF
 * mailbox. This header is the contract between the PF core (probe,
 * netdev, interrupts, reset) and the SR-IOV half of the driver.
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

/*
 * Protocol state of one VF, used as the allowlist index: a VF in
 * IOVNIC_VF_STATE_RESETTING may only send RESET; IOVNIC_VF_STATE_READY is
 * "clear to send" in igb terms and may send every base message.
 */
enum iovnic_pf_vf_state {
	IOVNIC_VF_STATE_RESETTING,	/* after enable, VFLR or PF reset */
	IOVNIC_VF_STATE_READY,		/* completed RESET: CTS in replies */
	IOVNIC_VF_STATE_NUM
};

/**
 * struct iovnic_pf_vf - PF-side state of one Virtual Function
 * @pf: owning PF
 * @id: VF number, also its VMDq pool number
 * @lock: serialises all PF<->VF mailbox traffic of this VF and protects
 *	every field below except @hw_stats; @mc_hashes, @num_mc_hashes and
 *	@mc_promisc are written holding sriov.switch_lock too, so the MTA
 *	rewrite can read every VF's hashes under that lock alone. A spinlock
 *	because the mailbox server takes it in the PF's hard IRQ handler.
 * @state: protocol state (allowlist index)
 * @mac: the VF's MAC now, in its RAR entry and given to it at RESET (the
 *	administrator's, or the last one the VF set)
 * @admin_mac: the administrator's MAC for the VF (zero: none); a trusted VF
 *	may use another as @mac, but never changes this one
 * @reserved_mac: a MAC the VF chose and lost by an FLR (or a trust
 *	revoke): no other function may take it until this VF sets another,
 *	the administrator sets one, or VFs are disabled; written holding
 *	sriov.switch_lock too, so other VFs' checks read it under that lock
 * @trusted: administrator allows overriding @mac and extra MAC filters
 * @spoofchk: MAC/VLAN anti-spoofing enabled for this pool
 * @link_state: IFLA_VF_LINK_STATE_{AUTO,ENABLE,DISABLE}
 * @port_vlan: administrative port VLAN (0 = none)
 * @port_qos: priority inserted with @port_vlan
 * @max_tx_rate: TX rate limit in Mb/s (0 = none)
 * @rttbcnrc: rate limiter value last written for each of the VF's queues
 *	(QEMU has no such register to read back); written under
 *	sriov.switch_lock
 * @mc_hashes: multicast hashes the VF asked for (type-0 hash)
 * @num_mc_hashes: entries used in @mc_hashes
 * @mc_promisc: VF asked for all multicast (VMOLR.MPME)
 * @max_frame: VF's max frame (SET_LPE), 0 = default
 * @vlans: VLANs the VF joined through SET_VLAN
 * @num_mac_filters: extra unicast filters (MAC_FILTER_ADD) in use; written
 *	under sriov.switch_lock (a PF reset drops them all)
 * @tokens: mailbox token bucket fill (requests)
 * @tokens_stamp: jiffies of the last refill
 * @flr_tokens: token bucket fill for reset events (VFLRE)
 * @flr_stamp: jiffies of the last refill of @flr_tokens
 * @last_nack: jiffies of the last unsolicited NACK to a not-ready VF
 * @ping_pending: a ping is owed (the buffer was busy or unread)
 * @unread: the VF has not yet acknowledged our last message
 * @posted_at: jiffies of our last message
 * @mbx_version: extension protocol version agreed (0 = base protocol only)
 * @mbx_caps: IOVNIC_MBX_CAP_* granted by NEGOTIATE since the last RESET
 * @events: IOVNIC_MBX_EVENT_* codes owed to the VF (bit per code)
 * @mbx_stats: counters, see enum iovnic_pf_vf_mbx_stat
 * @stats_lock: protects @hw_stats against concurrent refreshes (the
 *	stats work and ndo_get_vf_stats)
 * @hw_stats: per-pool traffic counters
 * @warn_rs: log budget of this VF's refusals (iovnic_pf_vf_warn())
 * @probe_tokens: "address in use" answers the VF may still get now
 * @probe_stamp: jiffies of the last @probe_tokens refill
 */
struct iovnic_pf_vf {
	struct iovnic_pf *pf;
	unsigned int id;

	spinlock_t lock;		/* PF<->VF traffic, fields below */
	enum iovnic_pf_vf_state state;
	u8 mac[ETH_ALEN];
	u8 admin_mac[ETH_ALEN];
	u8 reserved_mac[ETH_ALEN];
	bool trusted;
	bool spoofchk;
	int link_state;
	u16 port_vlan;
	u8 port_qos;
	u32 max_tx_rate;
	u32 rttbcnrc;
	u16 mc_hashes[IOVNIC_MBX_MAX_MC_HASHES];
	unsigned int num_mc_hashes;
	bool mc_promisc;
	u32 max_frame;
	DECLARE_BITMAP(vlans, VLAN_N_VID);
	unsigned int num_mac_filters;
	unsigned int tokens;
	unsigned long tokens_stamp;
	unsigned int flr_tokens;
	unsigned long flr_stamp;
	unsigned long last_nack;
	bool ping_pending;
	bool unread;
	unsigned long posted_at;
	u32 mbx_version;
	u32 mbx_caps;
	unsigned long events;
	u64 mbx_stats[IOVNIC_VF_MBX_NSTATS];

	spinlock_t stats_lock;		/* @hw_stats */
	struct iovnic_pool_stats hw_stats;

	struct ratelimit_state warn_rs;
	unsigned int probe_tokens;
	unsigned long probe_stamp;
};

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

/*
 * Below: shared between the SR-IOV files only (sriov, mbx, mbx_handlers,
 * switch, vf_ndo); the PF core does not call these.
 */

/* RAR entry of VF n's own MAC; shared VF filters sit below the last one */
#define IOVNIC_PF_VF_RAR(n)		(IOVNIC_RAR_ENTRIES - 1 - (n))
/* default per-pool max frame: 1500 + Ethernet header + CRC + one tag */
#define IOVNIC_PF_VF_DEF_FRAME		1522
/* mailbox token bucket depth: a VF's whole reset sequence fits */
#define IOVNIC_PF_MBX_BURST		64
/* reset events (VFLRE) handled at once before one per 100 ms */
#define IOVNIC_PF_MBX_FLR_BURST		4
/* a pool owns queues n and n + 8 */
#define IOVNIC_PF_VF_QUEUE_PAIRS	2
/*
 * VLANs one VF may join besides VID 0, at most: the 32-entry VLVF table is
 * shared by the PF and all VFs, and no VF may fill it for the others; with
 * more VFs the quota is smaller (iovnic_pf_vf_vlan_quota()).
 */
#define IOVNIC_PF_VF_MAX_VLANS		8
/* VLVF entries the VFs' own requests leave for the PF's VLANs */
#define IOVNIC_PF_VLVF_PF_RESERVE	4
/* igbvf's own upper bound for SET_LPE */
#define IOVNIC_PF_VF_MAX_LPE		0x3F00

bool iovnic_pf_vf_cts(const struct iovnic_pf_vf *vf);
struct iovnic_pf_vf *iovnic_pf_sriov_get_vf(struct iovnic_pf *pf, int vf);
void iovnic_pf_sriov_apply_link(struct iovnic_pf_vf *vf);
bool iovnic_pf_sriov_vf_link_up(const struct iovnic_pf_vf *vf);

/* iovnic_pf_mbx.c: transport */
int iovnic_pf_mbx_read(struct iovnic_pf_vf *vf, u32 *msg, unsigned int words);
void iovnic_pf_mbx_post(struct iovnic_pf_vf *vf, const u32 *msg,
			unsigned int words);
void iovnic_pf_mbx_release(struct iovnic_pf_vf *vf);
int iovnic_pf_mbx_send(struct iovnic_pf_vf *vf, u32 word0);
void iovnic_pf_mbx_ping(struct iovnic_pf_vf *vf);
bool iovnic_pf_mbx_notify(struct iovnic_pf_vf *vf, unsigned int event);
void iovnic_pf_mbx_init(struct iovnic_pf *pf);
void iovnic_pf_mbx_serve(struct iovnic_pf *pf);
void iovnic_pf_mbx_start(struct iovnic_pf *pf);
void iovnic_pf_mbx_stop(struct iovnic_pf *pf);

/* iovnic_pf_mbx_handlers.c: the server */
int iovnic_pf_mbx_handle_request(struct iovnic_pf_vf *vf);

/* iovnic_pf_switch.c: the embedded switch */
void iovnic_pf_switch_enable(struct iovnic_pf *pf);
void iovnic_pf_switch_disable(struct iovnic_pf *pf, unsigned int old_num_vfs);
void iovnic_pf_switch_vf_reset(struct iovnic_pf_vf *vf);
void iovnic_pf_switch_vf_write_mac(struct iovnic_pf_vf *vf);
int iovnic_pf_switch_vf_add_mac_filter(struct iovnic_pf_vf *vf,
				       const u8 *addr);
void iovnic_pf_switch_vf_clear_mac_filters(struct iovnic_pf_vf *vf);
bool iovnic_pf_switch_mac_taken(struct iovnic_pf_vf *vf, const u8 *addr);
int iovnic_pf_switch_vf_vlan(struct iovnic_pf_vf *vf, u16 vid, bool add);
int iovnic_pf_switch_vf_port_vlan(struct iovnic_pf_vf *vf, u16 vid, u8 qos);
void iovnic_pf_switch_vf_vlan_strip(struct iovnic_pf_vf *vf, bool strip);
unsigned int iovnic_pf_vf_queue_pairs(const struct iovnic_pf_vf *vf);
void iovnic_pf_switch_vf_queues(struct iovnic_pf_vf *vf);
void iovnic_pf_switch_vf_set_mc(struct iovnic_pf_vf *vf, const u16 *hashes,
				unsigned int n, bool promisc);
void iovnic_pf_switch_vf_set_lpe(struct iovnic_pf_vf *vf, u32 max_frame);
void iovnic_pf_switch_vf_rxtx(struct iovnic_pf_vf *vf, bool enable);
void iovnic_pf_switch_vf_spoofchk(struct iovnic_pf_vf *vf);
void iovnic_pf_switch_vf_rate(struct iovnic_pf_vf *vf);
void iovnic_pf_switch_dump(struct iovnic_pf *pf, struct seq_file *m);
void iovnic_pf_switch_init(struct iovnic_pf *pf);
unsigned int iovnic_pf_vf_mac_filter_quota(unsigned int num_vfs);
unsigned int iovnic_pf_vf_vlan_quota(unsigned int num_vfs);

#endif /* _IOVNIC_PF_SRIOV_H_ */
