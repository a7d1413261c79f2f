/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iovnic PF: one VF's state and what the SR-IOV files share about it.
 * Private to the SR-IOV files (sriov, vf, vf_ndo, mbx, mbx_handlers,
 * switch) and to the devlink mailbox reporter that reads the per-VF
 * counters; the PF core (iovnic_pf.h) includes only iovnic_pf_sriov.h.
 */
#ifndef _IOVNIC_PF_VF_H_
#define _IOVNIC_PF_VF_H_

#include <linux/bits.h>
#include <linux/jiffies.h>

#include "iovnic_pf.h"

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

/* Shared between the SR-IOV files only; the PF core does not call these. */

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
void iovnic_pf_sriov_signal_reset_done(struct iovnic_pf *pf);
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

/**
 * enum iovnic_pf_vf_reset_flags - why iovnic_pf_vf_reset() is called
 * @IOVNIC_PF_VF_RESET_FLR: VFLRE: an FLR or the VF's CTRL.RST
 * @IOVNIC_PF_VF_RESET_MSG: the VF sent RESET (it is ready afterwards)
 * @IOVNIC_PF_VF_RESET_ADMIN: the administrator changed what the VF must
 *	learn by a new handshake
 * @IOVNIC_PF_VF_RESET_PF: the PF is about to reset the MAC
 */
enum iovnic_pf_vf_reset_flags {
	IOVNIC_PF_VF_RESET_FLR		= BIT(0),
	IOVNIC_PF_VF_RESET_MSG		= BIT(1),
	IOVNIC_PF_VF_RESET_ADMIN	= BIT(2),
	IOVNIC_PF_VF_RESET_PF		= BIT(3),
};

/* a VF without CTS that ACKs gets a bare NACK at most this often */
#define IOVNIC_PF_VF_NACK_HOLDOFF	(2 * HZ)

void iovnic_pf_vf_init(struct iovnic_pf *pf, struct iovnic_pf_vf *vf,
		       unsigned int id);
void iovnic_pf_vf_reset(struct iovnic_pf_vf *vf, unsigned int flags);
bool iovnic_pf_vf_nack_due(const struct iovnic_pf_vf *vf);
void iovnic_pf_vf_nack_sent(struct iovnic_pf_vf *vf);
bool iovnic_pf_vf_mac_taken(struct iovnic_pf_vf *vf, const u8 *addr);
void iovnic_pf_vf_set_mac(struct iovnic_pf_vf *vf, const u8 *addr);
void iovnic_pf_vf_revoke_trust(struct iovnic_pf_vf *vf);

#endif /* _IOVNIC_PF_VF_H_ */
