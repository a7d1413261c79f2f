// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic PF: the 82576's embedded layer-2 switch in VMDq mode.
 *
 * Pool p is VF p for p < num_vfs and the PF for p == num_vfs. The PF pool is
 * the default pool for unmatched wire unicast. The switch state lives in
 * registers a PF reset wipes, so everything here is also replayable from
 * the shadows by iovnic_pf_switch_enable().
 */
#include <linux/bitfield.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/ratelimit.h>
#include <linux/seq_file.h>

#include "iovnic_pf.h"
#include "iovnic_pf_vf.h"

/* --- VLVF: one table shared by all pools; entry 0 is VLAN 0 --- */

static int iovnic_pf_vlvf_find(struct iovnic_pf_sriov *sriov, u16 vid)
{
	int i;

	if (!vid)
		return 0;
	for (i = 1; i < IOVNIC_VLVF_ENTRIES; i++)
		if ((sriov->vlvf[i] & IOVNIC_VLVF_VI_EN) &&
		    FIELD_GET(IOVNIC_VLVF_VID, sriov->vlvf[i]) == vid)
			return i;
	return -ENOENT;
}

static int iovnic_pf_vlvf_alloc(struct iovnic_pf_sriov *sriov, u16 vid)
{
	int i = iovnic_pf_vlvf_find(sriov, vid);

	if (i >= 0)
		return i;
	/* allocate from the top, like the stock driver, to keep 0 for VID 0 */
	for (i = IOVNIC_VLVF_ENTRIES - 1; i > 0; i--) {
		if (!(sriov->vlvf[i] & IOVNIC_VLVF_VI_EN)) {
			sriov->vlvf[i] = IOVNIC_VLVF_VI_EN |
					 FIELD_PREP(IOVNIC_VLVF_VID, vid);
			return i;
		}
	}
	return -ENOSPC;
}

/* VFTA = the PF's VLANs plus every VLAN in use in the VLVF table. */
static void iovnic_pf_write_vfta(struct iovnic_pf *pf)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	u32 vfta[IOVNIC_VFTA_REGS];
	int i;

	lockdep_assert_held(&sriov->switch_lock);
	bitmap_to_arr32(vfta, sriov->pf_vlans, VLAN_N_VID);
	for (i = 0; i < IOVNIC_VLVF_ENTRIES; i++) {
		u32 v = sriov->vlvf[i];
		u16 vid = FIELD_GET(IOVNIC_VLVF_VID, v);

		if ((v & IOVNIC_VLVF_VI_EN) && (v & IOVNIC_VLVF_POOLSEL))
			vfta[vid / 32] |= BIT(vid % 32);
	}
	for (i = 0; i < IOVNIC_VFTA_REGS; i++)
		iovnic_pf_wr32(pf, IOVNIC_VFTA(i), vfta[i]);
}

/* Caller holds switch_lock. Return: 0, or -ENOSPC when the table is full */
static int iovnic_pf_vlvf_set_pool(struct iovnic_pf *pf, u16 vid,
				   unsigned int pool, bool add)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	u32 bit = BIT(IOVNIC_VLVF_POOLSEL_SHIFT + pool);
	int i;

	lockdep_assert_held(&sriov->switch_lock);
	i = add ? iovnic_pf_vlvf_alloc(sriov, vid) :
		  iovnic_pf_vlvf_find(sriov, vid);
	if (i < 0)
		return add ? i : 0;

	if (add)
		sriov->vlvf[i] |= bit;
	else
		sriov->vlvf[i] &= ~bit;
	/* an entry nobody uses any more is freed (entry 0 stays VID 0) */
	if (i && !(sriov->vlvf[i] & IOVNIC_VLVF_POOLSEL))
		sriov->vlvf[i] = 0;
	else if (!i)
		sriov->vlvf[0] |= IOVNIC_VLVF_VI_EN;
	iovnic_pf_wr32(pf, IOVNIC_VLVF(i), sriov->vlvf[i]);
	return 0;
}

/* Drop @pool from every VLVF entry. Caller holds switch_lock. */
static void iovnic_pf_vlvf_clear_pool(struct iovnic_pf *pf, unsigned int pool)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	u32 bit = BIT(IOVNIC_VLVF_POOLSEL_SHIFT + pool);
	int i;

	for (i = 0; i < IOVNIC_VLVF_ENTRIES; i++) {
		if (!(sriov->vlvf[i] & IOVNIC_VLVF_VI_EN) ||
		    !(sriov->vlvf[i] & bit))
			continue;
		iovnic_pf_vlvf_set_pool(pf, FIELD_GET(IOVNIC_VLVF_VID,
						      sriov->vlvf[i]),
					pool, false);
	}
}

/**
 * iovnic_pf_switch_set_pf_vlan() - the PF netdev joins or leaves a VLAN
 * @pf: the PF
 * @vid: VLAN ID
 * @add: join or leave
 *
 * Return: 0, or -ENOSPC when VFs are enabled and the VLVF table is full.
 */
int iovnic_pf_switch_set_pf_vlan(struct iovnic_pf *pf, u16 vid, bool add)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned long flags;
	int err = 0;

	if (vid >= VLAN_N_VID)
		return -EINVAL;
	spin_lock_irqsave(&sriov->switch_lock, flags);
	if (sriov->num_vfs)
		err = iovnic_pf_vlvf_set_pool(pf, vid, sriov->num_vfs, add);
	if (!err) {
		if (add)
			__set_bit(vid, sriov->pf_vlans);
		else
			__clear_bit(vid, sriov->pf_vlans);
		iovnic_pf_write_vfta(pf);
	}
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
	return err;
}

/* MTA = the PF's hashes plus every VF's. Caller holds switch_lock. */
static void iovnic_pf_write_mta_locked(struct iovnic_pf *pf)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	u32 mta[IOVNIC_MTA_REGS];
	unsigned int v, i;

	lockdep_assert_held(&sriov->switch_lock);
	bitmap_to_arr32(mta, sriov->pf_mta, IOVNIC_MTA_REGS * 32);
	for (v = 0; v < sriov->num_vfs; v++) {
		struct iovnic_pf_vf *vf = &sriov->vfs[v];

		for (i = 0; i < vf->num_mc_hashes; i++) {
			u16 h = vf->mc_hashes[i];

			mta[h >> 5] |= BIT(h & 31);
		}
	}
	for (i = 0; i < IOVNIC_MTA_REGS; i++)
		iovnic_pf_wr32(pf, IOVNIC_MTA(i), mta[i]);
}

/**
 * iovnic_pf_switch_pf_pool_rx() - the PF pool's receive limits with VFs
 * @pf: the PF, in VMDq mode
 * @max_frame: largest frame, FCS and one VLAN tag included
 * @strip: strip VLAN tags (NETIF_F_HW_VLAN_CTAG_RX)
 *
 * With VFs the pool limits apply: RLPML is opened fully, VMOLR limits the
 * PF like any pool. Atomic context allowed.
 */
void iovnic_pf_switch_pf_pool_rx(struct iovnic_pf *pf, u32 max_frame,
				 bool strip)
{
	u32 set = FIELD_PREP(IOVNIC_VMOLR_RLPML, max_frame) |
		  IOVNIC_VMOLR_LPE | IOVNIC_VMOLR_AUPE | IOVNIC_VMOLR_BAM |
		  IOVNIC_VMOLR_ROMPE;
	unsigned long flags;

	if (strip)
		set |= IOVNIC_VMOLR_STRVLAN;
	spin_lock_irqsave(&pf->sriov.switch_lock, flags);
	iovnic_pf_rmw32(pf, IOVNIC_VMOLR(iovnic_pf_pool(pf)),
			IOVNIC_VMOLR_RLPML | IOVNIC_VMOLR_STRVLAN, set);
	spin_unlock_irqrestore(&pf->sriov.switch_lock, flags);
}

/**
 * iovnic_pf_switch_pf_promisc() - the PF pool's promiscuous modes with VFs
 * @pf: the PF, in VMDq mode
 * @uc: all unicast (VMOLR.ROPE)
 * @mc: all multicast (VMOLR.MPME)
 *
 * In VMDq mode RCTL.UPE/MPE do not reach the pools: the PF's VMOLR does.
 * Atomic context allowed (ndo_set_rx_mode).
 */
void iovnic_pf_switch_pf_promisc(struct iovnic_pf *pf, bool uc, bool mc)
{
	unsigned long flags;

	spin_lock_irqsave(&pf->sriov.switch_lock, flags);
	iovnic_pf_rmw32(pf, IOVNIC_VMOLR(iovnic_pf_pool(pf)),
			IOVNIC_VMOLR_ROPE | IOVNIC_VMOLR_MPME,
			(uc ? IOVNIC_VMOLR_ROPE : 0) |
			(mc ? IOVNIC_VMOLR_MPME : 0));
	spin_unlock_irqrestore(&pf->sriov.switch_lock, flags);
}

/**
 * iovnic_pf_switch_write_mta() - new PF multicast list
 * @pf: the PF
 * @pf_mta: the PF netdev's hashes as a 4096-bit map (type-0 hash)
 */
void iovnic_pf_switch_write_mta(struct iovnic_pf *pf,
				const unsigned long *pf_mta)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned long flags;

	spin_lock_irqsave(&sriov->switch_lock, flags);
	bitmap_copy(sriov->pf_mta, pf_mta, IOVNIC_MTA_REGS * 32);
	iovnic_pf_write_mta_locked(pf);
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
}

/* --- per-pool receive options --- */

static u32 iovnic_pf_vf_base_vmolr(const struct iovnic_pf_vf *vf)
{
	u32 frame = vf->max_frame ? vf->max_frame : IOVNIC_PF_VF_DEF_FRAME;
	u32 vmolr = IOVNIC_VMOLR_BAM | IOVNIC_VMOLR_STRCRC | IOVNIC_VMOLR_LPE |
		    FIELD_PREP(IOVNIC_VMOLR_RLPML, frame);

	/* with a port VLAN the VF only sees its VLAN, untagged */
	if (vf->port_vlan)
		vmolr |= IOVNIC_VMOLR_STRVLAN;
	else
		vmolr |= IOVNIC_VMOLR_AUPE;
	if (vf->num_mc_hashes)
		vmolr |= IOVNIC_VMOLR_ROMPE;
	if (vf->mc_promisc)
		vmolr |= IOVNIC_VMOLR_MPME;
	if (iovnic_pf_vf_queue_pairs(vf) > 1)
		vmolr |= IOVNIC_VMOLR_RSSE;
	return vmolr;
}

/**
 * iovnic_pf_vf_queue_pairs() - queue pairs a VF may use
 * @vf: the VF
 *
 * A pool owns two queue pairs, but only a VF that asked through the
 * queue extension knows about the second one; the base protocol has
 * one.
 *
 * Return: 1 or 2.
 */
unsigned int iovnic_pf_vf_queue_pairs(const struct iovnic_pf_vf *vf)
{
	if (!(vf->mbx_caps & IOVNIC_MBX_CAP_QUEUES))
		return 1;
	return IOVNIC_PF_VF_QUEUE_PAIRS;
}

/*
 * PF IVAR bytes 2 (RX) and 3 (TX) of VF n's second queue, n + 8. The VF
 * programs its own IVAR for silicon, but QEMU ignores a VF's entries for
 * queue 1 and routes by the PF table alone, where an entry names the PF
 * EICR bit that QEMU forwards to the VF: 22 - 3n + v is VF n's vector v.
 * Vector 1 serves the VF's second queue pair.
 */
static u32 iovnic_pf_vf_q1_ivar(unsigned int vf_id)
{
	u32 entry = IOVNIC_IVAR_VALID | (23 - 3 * vf_id);

	return entry << 16 | entry << 24;
}

/**
 * iovnic_pf_switch_vf_queues() - apply the VF's queue grant to its pool
 * @vf: the VF, lock held
 *
 * For a VF with two queue pairs: RSS inside the pool (VMOLR.RSSE) and the
 * interrupt routing of its second queue; both go again with the grant.
 */
void iovnic_pf_switch_vf_queues(struct iovnic_pf_vf *vf)
{
	struct iovnic_pf_sriov *sriov = &vf->pf->sriov;
	bool two = iovnic_pf_vf_queue_pairs(vf) > 1;
	unsigned long flags;

	spin_lock_irqsave(&sriov->switch_lock, flags);
	iovnic_pf_rmw32(vf->pf, IOVNIC_VMOLR(vf->id), IOVNIC_VMOLR_RSSE,
			two ? IOVNIC_VMOLR_RSSE : 0);
	/* bytes 1:0 are the VF's first queue, which the VF itself routes */
	iovnic_pf_rmw32(vf->pf, IOVNIC_IVAR(vf->id), GENMASK(31, 16),
			two ? iovnic_pf_vf_q1_ivar(vf->id) : 0);
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
	/* the rate is shared by the queues in use */
	iovnic_pf_switch_vf_rate(vf);
}

/* --- whole-switch setup --- */

static void iovnic_pf_switch_write_vf(struct iovnic_pf_vf *vf)
{
	struct iovnic_pf *pf = vf->pf;
	u32 vmvir = 0;

	iovnic_pf_wr32(pf, IOVNIC_VMOLR(vf->id), iovnic_pf_vf_base_vmolr(vf));
	if (vf->port_vlan)
		vmvir = IOVNIC_VMVIR_ALWAYS_INSERT |
			FIELD_PREP(IOVNIC_VMVIR_TAG,
				   vf->port_vlan | (vf->port_qos << VLAN_PRIO_SHIFT));
	iovnic_pf_wr32(pf, IOVNIC_VMVIR(vf->id), vmvir);
	iovnic_pf_switch_vf_write_mac(vf);
}

static u32 iovnic_pf_dtxswc(struct iovnic_pf *pf)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	u32 val = IOVNIC_DTXSWC_VMDQ_LOOPBACK;
	unsigned int v;

	for (v = 0; v < sriov->num_vfs; v++)
		if (sriov->vfs[v].spoofchk)
			val |= IOVNIC_DTXSWC_MAC_SPOOF(v) |
			       IOVNIC_DTXSWC_VLAN_SPOOF(v);
	return val;
}

/**
 * iovnic_pf_switch_enable() - program VMDq mode for sriov.num_vfs VFs
 * @pf: the PF
 *
 * Writes every switch register from the software state, so it serves both
 * the first enable and the replay after a PF reset. VF RX/TX stays off
 * until each VF completes its RESET handshake.
 */
void iovnic_pf_switch_enable(struct iovnic_pf *pf)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned int pool = sriov->num_vfs, v, vid;
	unsigned long flags;
	int i;

	spin_lock_irqsave(&sriov->switch_lock, flags);
	iovnic_pf_rmw32(pf, IOVNIC_VT_CTL,
			IOVNIC_VT_CTL_DEF_PL | IOVNIC_VT_CTL_DIS_DEF_POOL,
			FIELD_PREP(IOVNIC_VT_CTL_DEF_PL, pool) |
			IOVNIC_VT_CTL_REPL_EN);
	iovnic_pf_rss_configure_pools(pf);
	iovnic_pf_rmw32(pf, IOVNIC_RPLOLR, 0, IOVNIC_RPLOLR_STRVLAN);
	/* a full VF queue drops its packets instead of stalling everyone */
	iovnic_pf_wr32(pf, IOVNIC_QDE, GENMASK(IOVNIC_MAX_QUEUES - 1, 0));
	iovnic_pf_wr32(pf, IOVNIC_DTXSWC, iovnic_pf_dtxswc(pf));

	/*
	 * VLVF: the admin's port VLANs first, then the PF's own VLANs; the
	 * VFs' requests are quota-bound so that both fit (see
	 * iovnic_pf_vf_vlan_quota()). Anything that still does not fit is
	 * said, never dropped silently.
	 */
	if (!(sriov->vlvf[0] & IOVNIC_VLVF_VI_EN))
		sriov->vlvf[0] = IOVNIC_VLVF_VI_EN;
	for (v = 0; v < sriov->num_vfs; v++) {
		struct iovnic_pf_vf *vf = &sriov->vfs[v];

		/*
		 * IVAR v maps queues v and v + 8, VF v's. The VF's own IVAR
		 * writes are OR-ed into it (QEMU), so an entry the PF left
		 * there from before would misroute the VF's interrupts.
		 */
		iovnic_pf_wr32(pf, IOVNIC_IVAR(v), 0);
		if (iovnic_pf_vlvf_set_pool(pf, vf->port_vlan, v, true))
			dev_warn(&pf->pdev->dev,
				 "VF %u: port VLAN %u: VLVF table full\n",
				 v, vf->port_vlan);
		iovnic_pf_switch_write_vf(vf);
	}
	iovnic_pf_vlvf_set_pool(pf, 0, pool, true);
	for_each_set_bit(vid, sriov->pf_vlans, VLAN_N_VID)
		if (vid && iovnic_pf_vlvf_set_pool(pf, vid, pool, true))
			netdev_warn(pf->netdev, "VLAN %u: VLVF table full\n",
				    vid);
	for (i = 0; i < IOVNIC_RAR_ENTRIES; i++) {
		if (!sriov->rar_owner[i])
			continue;
		/* shared filters are dropped on a PF reset: VFs re-add them */
		sriov->rar_owner[i] = 0;
		iovnic_pf_clear_rar(pf, i);
	}
	for (v = 0; v < sriov->num_vfs; v++)
		sriov->vfs[v].num_mac_filters = 0;
	for (i = 0; i < IOVNIC_VLVF_ENTRIES; i++)
		iovnic_pf_wr32(pf, IOVNIC_VLVF(i), sriov->vlvf[i]);
	iovnic_pf_write_vfta(pf);
	iovnic_pf_write_mta_locked(pf);

	/* the PF pool receives and sends; VFs wait for their RESET */
	iovnic_pf_wr32(pf, IOVNIC_VFRE, BIT(pool));
	iovnic_pf_wr32(pf, IOVNIC_VFTE, BIT(pool));
	iovnic_pf_rmw32(pf, IOVNIC_RCTL, 0, IOVNIC_RCTL_VFE);
	spin_unlock_irqrestore(&sriov->switch_lock, flags);

	for (v = 0; v < sriov->num_vfs; v++)
		iovnic_pf_switch_vf_rate(&sriov->vfs[v]);
}

/**
 * iovnic_pf_switch_disable() - leave VMDq mode, forget every VF filter
 * @pf: the PF; sriov.num_vfs is already 0
 * @old_num_vfs: how many VFs there were
 */
void iovnic_pf_switch_disable(struct iovnic_pf *pf, unsigned int old_num_vfs)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned long flags;
	unsigned int v;
	int i;

	spin_lock_irqsave(&sriov->switch_lock, flags);
	iovnic_pf_wr32(pf, IOVNIC_DTXSWC, 0);
	iovnic_pf_rmw32(pf, IOVNIC_VT_CTL,
			IOVNIC_VT_CTL_DEF_PL | IOVNIC_VT_CTL_REPL_EN, 0);
	iovnic_pf_rmw32(pf, IOVNIC_MRQC, IOVNIC_MRQC_MODE, 0);
	for (v = 0; v < old_num_vfs; v++) {
		iovnic_pf_wr32(pf, IOVNIC_VMVIR(v), 0);
		iovnic_pf_wr32(pf, IOVNIC_RTTDQSEL, v);
		iovnic_pf_wr32(pf, IOVNIC_RTTBCNRC, 0);
		iovnic_pf_wr32(pf, IOVNIC_RTTDQSEL, v + IOVNIC_NUM_POOLS);
		iovnic_pf_wr32(pf, IOVNIC_RTTBCNRC, 0);
		iovnic_pf_clear_rar(pf, IOVNIC_PF_VF_RAR(v));
	}
	for (i = 0; i < IOVNIC_RAR_ENTRIES; i++) {
		if (sriov->rar_owner[i])
			iovnic_pf_clear_rar(pf, i);
		sriov->rar_owner[i] = 0;
	}
	memset(sriov->vlvf, 0, sizeof(sriov->vlvf));
	for (i = 0; i < IOVNIC_VLVF_ENTRIES; i++)
		iovnic_pf_wr32(pf, IOVNIC_VLVF(i), 0);
	for (v = 0; v < IOVNIC_NUM_POOLS; v++)
		atomic_set(&sriov->spoofed[v], 0);
	iovnic_pf_write_vfta(pf);
	iovnic_pf_write_mta_locked(pf);
	/* reset values: every pool enabled, as the non-VMDq PF expects */
	iovnic_pf_wr32(pf, IOVNIC_VFRE, GENMASK(IOVNIC_NUM_POOLS - 1, 0));
	iovnic_pf_wr32(pf, IOVNIC_VFTE, GENMASK(IOVNIC_NUM_POOLS - 1, 0));
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
}

/* --- per-VF operations; caller holds vf->lock --- */

/**
 * iovnic_pf_switch_vf_reset() - VF state as after a VFLR (iovnic-mailbox.rst)
 * @vf: the VF; its software state has already been cleared
 */
void iovnic_pf_switch_vf_reset(struct iovnic_pf_vf *vf)
{
	struct iovnic_pf *pf = vf->pf;
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	u32 vlvf[IOVNIC_VLVF_ENTRIES];
	unsigned long flags;
	bool had_mc;
	int i;

	spin_lock_irqsave(&sriov->switch_lock, flags);
	iovnic_pf_rmw32(pf, IOVNIC_VFRE, BIT(vf->id), 0);
	iovnic_pf_rmw32(pf, IOVNIC_VFTE, BIT(vf->id), 0);
	memcpy(vlvf, sriov->vlvf, sizeof(vlvf));
	iovnic_pf_vlvf_clear_pool(pf, vf->id);
	if (iovnic_pf_vlvf_set_pool(pf, vf->port_vlan, vf->id, true))
		dev_warn_ratelimited(&pf->pdev->dev,
				     "VF %u: no VLVF entry left for port VLAN %u\n",
				     vf->id, vf->port_vlan);
	/*
	 * A VF resetting in a loop (FLR, then RESET) changes nothing the
	 * second time: skip the 128-register VFTA and MTA rewrites then.
	 */
	if (memcmp(vlvf, sriov->vlvf, sizeof(vlvf)))
		iovnic_pf_write_vfta(pf);
	for (i = 0; i < IOVNIC_RAR_ENTRIES; i++) {
		if (sriov->rar_owner[i] == vf->id + 1) {
			sriov->rar_owner[i] = 0;
			iovnic_pf_clear_rar(pf, i);
		}
	}
	vf->num_mac_filters = 0;
	had_mc = vf->num_mc_hashes;
	vf->num_mc_hashes = 0;
	vf->mc_promisc = false;
	if (had_mc)
		iovnic_pf_write_mta_locked(pf);
	iovnic_pf_switch_write_vf(vf);
	/* the queue grant is gone with the negotiation */
	iovnic_pf_rmw32(pf, IOVNIC_IVAR(vf->id), GENMASK(31, 16), 0);
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
	iovnic_pf_switch_vf_rate(vf);
}

/* RAR 23-n: the VF's own address (or nothing if it has none yet) */
void iovnic_pf_switch_vf_write_mac(struct iovnic_pf_vf *vf)
{
	unsigned int idx = IOVNIC_PF_VF_RAR(vf->id);

	if (is_valid_ether_addr(vf->mac))
		iovnic_pf_write_rar(vf->pf, idx, vf->mac, BIT(vf->id));
	else
		iovnic_pf_clear_rar(vf->pf, idx);
}

/* Does enabled RAR entry @i hold @addr? Caller holds switch_lock. */
static bool iovnic_pf_rar_holds(struct iovnic_pf *pf, int i, const u8 *addr)
{
	u32 rah = iovnic_pf_rd32(pf, IOVNIC_RAH(i));

	return (rah & IOVNIC_RAH_AV) &&
	       (rah & 0xFFFF) == get_unaligned_le16(addr + 4) &&
	       iovnic_pf_rd32(pf, IOVNIC_RAL(i)) == get_unaligned_le32(addr);
}

/**
 * iovnic_pf_switch_mac_taken() - is @addr another function's address?
 * @vf: the VF that wants @addr as its MAC or as a filter
 * @addr: unicast address
 *
 * An enabled RAR entry with @addr that steers to any pool but @vf's own
 * belongs to the PF or to another VF: a VF given that address would
 * receive their unicast traffic. The PF's own MAC counts even while the
 * PF is down.
 *
 * Return: true if @addr is in use by another function.
 */
bool iovnic_pf_switch_mac_taken(struct iovnic_pf_vf *vf, const u8 *addr)
{
	u32 own = FIELD_PREP(IOVNIC_RAH_POOL, BIT(vf->id));
	struct iovnic_pf *pf = vf->pf;
	unsigned long flags;
	bool taken = false;
	int i;

	if (pf->netdev && ether_addr_equal(addr, pf->netdev->dev_addr))
		return true;
	spin_lock_irqsave(&pf->sriov.switch_lock, flags);
	for (i = 0; i < IOVNIC_RAR_ENTRIES && !taken; i++)
		if (iovnic_pf_rar_holds(pf, i, addr))
			taken = (iovnic_pf_rd32(pf, IOVNIC_RAH(i)) &
				 IOVNIC_RAH_POOL) != own;
	spin_unlock_irqrestore(&pf->sriov.switch_lock, flags);
	return taken;
}

/**
 * iovnic_pf_vf_mac_filter_quota() - shared MAC filters an untrusted VF may use
 * @num_vfs: VFs enabled (at least 1)
 *
 * The shared entries sit between the PF's (1..IOVNIC_PF_RAR_UC_LAST) and
 * the VFs' own (23 - n): 15 - num_vfs of them. Each untrusted VF gets an
 * equal share, so no VF can take another's: 14 with one VF, 1 with seven.
 *
 * Return: the per-VF quota, at least 1.
 */
unsigned int iovnic_pf_vf_mac_filter_quota(unsigned int num_vfs)
{
	unsigned int shared = IOVNIC_PF_VF_RAR(num_vfs - 1) -
			      IOVNIC_PF_RAR_UC_LAST - 1;

	return max(shared / num_vfs, 1U);
}

/**
 * iovnic_pf_switch_vf_add_mac_filter() - extra unicast address for a VF
 * @vf: the VF
 * @addr: validated unicast address
 *
 * An address the VF already has in a shared entry is not added twice: the
 * request succeeds and takes no slot. An untrusted VF may hold at most
 * iovnic_pf_vf_mac_filter_quota() entries; a trusted one may use any free
 * entry.
 *
 * Return: 0, -EDQUOT when the VF used up its quota, or -ENOSPC when the
 * shared VF filter entries are all taken.
 */
int iovnic_pf_switch_vf_add_mac_filter(struct iovnic_pf_vf *vf, const u8 *addr)
{
	struct iovnic_pf *pf = vf->pf;
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned int last = IOVNIC_PF_VF_RAR(sriov->num_vfs - 1) - 1;
	unsigned int quota = iovnic_pf_vf_mac_filter_quota(sriov->num_vfs);
	unsigned int used = 0;
	unsigned long flags;
	int i, free = -1;
	int err = 0;

	spin_lock_irqsave(&sriov->switch_lock, flags);
	for (i = IOVNIC_PF_RAR_UC_LAST + 1; i <= last; i++) {
		if (sriov->rar_owner[i] == vf->id + 1) {
			if (iovnic_pf_rar_holds(pf, i, addr))
				goto out;	/* already there: nothing to do */
			used++;
		} else if (!sriov->rar_owner[i] && free < 0) {
			free = i;
		}
	}
	/* the count comes from the table, so it cannot drift */
	vf->num_mac_filters = used;
	if (!vf->trusted && used >= quota) {
		err = -EDQUOT;
	} else if (free < 0) {
		err = -ENOSPC;
	} else {
		sriov->rar_owner[free] = vf->id + 1;
		vf->num_mac_filters++;
		iovnic_pf_write_rar(pf, free, addr, BIT(vf->id));
	}
out:
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
	return err;
}

void iovnic_pf_switch_vf_clear_mac_filters(struct iovnic_pf_vf *vf)
{
	struct iovnic_pf_sriov *sriov = &vf->pf->sriov;
	unsigned long flags;
	int i;

	spin_lock_irqsave(&sriov->switch_lock, flags);
	for (i = 0; i < IOVNIC_RAR_ENTRIES; i++) {
		if (sriov->rar_owner[i] == vf->id + 1) {
			sriov->rar_owner[i] = 0;
			iovnic_pf_clear_rar(vf->pf, i);
		}
	}
	vf->num_mac_filters = 0;
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
}

/**
 * iovnic_pf_vf_vlan_quota() - VLANs one VF may join besides VID 0
 * @num_vfs: VFs enabled (at least 1)
 *
 * Of the 31 VLVF entries besides VID 0's, IOVNIC_PF_VLVF_PF_RESERVE are
 * kept for the PF's own VLANs and one per VF for an admin port VLAN; the
 * VFs share the rest equally, at most IOVNIC_PF_VF_MAX_VLANS each. So the
 * VFs together can never fill the table: 8 each with up to 3 VFs, 5 with
 * 4, 2 with 7.
 *
 * Return: the per-VF quota, at least 1.
 */
unsigned int iovnic_pf_vf_vlan_quota(unsigned int num_vfs)
{
	unsigned int left = IOVNIC_VLVF_ENTRIES - 1 - IOVNIC_PF_VLVF_PF_RESERVE -
			    num_vfs;

	return clamp(left / num_vfs, 1U, (unsigned int)IOVNIC_PF_VF_MAX_VLANS);
}

/**
 * iovnic_pf_switch_vf_vlan() - add or remove the VF's pool in a VLAN
 * @vf: the VF
 * @vid: VLAN ID, 1..4094 (0: remove is a no-op, add joins entry 0)
 * @add: join or leave
 *
 * Return: 0, or -ENOSPC when the shared VLVF table is full.
 */
int iovnic_pf_switch_vf_vlan(struct iovnic_pf_vf *vf, u16 vid, bool add)
{
	struct iovnic_pf *pf = vf->pf;
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned long flags;
	int err;

	if (!vid && !add)
		return 0;
	spin_lock_irqsave(&sriov->switch_lock, flags);
	err = iovnic_pf_vlvf_set_pool(pf, vid, vf->id, add);
	iovnic_pf_write_vfta(pf);
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
	return err;
}

/**
 * iovnic_pf_switch_vf_port_vlan() - set or clear the administrative VLAN
 * @vf: the VF; vf->port_vlan/port_qos still hold the old setting
 * @vid: new port VLAN, 0 = none
 * @qos: priority inserted with @vid
 *
 * The VF's own VLANs are dropped: with a port VLAN it may not have any,
 * and without one it re-announces them on its next reset.
 *
 * Return: 0, or -ENOSPC (nothing changed) when the VLVF table is full.
 */
int iovnic_pf_switch_vf_port_vlan(struct iovnic_pf_vf *vf, u16 vid, u8 qos)
{
	struct iovnic_pf *pf = vf->pf;
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned long flags;
	int err;

	spin_lock_irqsave(&sriov->switch_lock, flags);
	err = iovnic_pf_vlvf_set_pool(pf, vid, vf->id, true);
	if (!err) {
		int i;

		for (i = 0; i < IOVNIC_VLVF_ENTRIES; i++) {
			u16 v = FIELD_GET(IOVNIC_VLVF_VID, sriov->vlvf[i]);

			if ((sriov->vlvf[i] & IOVNIC_VLVF_VI_EN) && v != vid)
				iovnic_pf_vlvf_set_pool(pf, v, vf->id, false);
		}
		bitmap_zero(vf->vlans, VLAN_N_VID);
		vf->port_vlan = vid;
		vf->port_qos = vid ? qos : 0;
		iovnic_pf_write_vfta(pf);
		iovnic_pf_switch_write_vf(vf);
	}
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
	return err;
}

void iovnic_pf_switch_vf_vlan_strip(struct iovnic_pf_vf *vf, bool strip)
{
	struct iovnic_pf_sriov *sriov = &vf->pf->sriov;
	unsigned long flags;

	spin_lock_irqsave(&sriov->switch_lock, flags);
	iovnic_pf_rmw32(vf->pf, IOVNIC_VMOLR(vf->id),
			IOVNIC_VMOLR_STRVLAN,
			strip ? IOVNIC_VMOLR_STRVLAN : 0);
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
}

/**
 * iovnic_pf_switch_vf_set_mc() - store a VF's multicast hashes
 * @vf: the VF
 * @hashes: validated 12-bit type-0 hashes, or NULL to keep the stored ones
 * @n: number of @hashes (at most IOVNIC_MBX_MAX_MC_HASHES; ignored if NULL)
 * @promisc: the VF gets all multicast (VMOLR.MPME)
 */
void iovnic_pf_switch_vf_set_mc(struct iovnic_pf_vf *vf, const u16 *hashes,
				unsigned int n, bool promisc)
{
	struct iovnic_pf *pf = vf->pf;
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned long flags;
	u32 set = 0;

	spin_lock_irqsave(&sriov->switch_lock, flags);
	if (hashes) {
		memcpy(vf->mc_hashes, hashes, n * sizeof(*hashes));
		vf->num_mc_hashes = n;
	}
	vf->mc_promisc = promisc;
	if (vf->num_mc_hashes)
		set |= IOVNIC_VMOLR_ROMPE;
	if (promisc)
		set |= IOVNIC_VMOLR_MPME;
	iovnic_pf_rmw32(pf, IOVNIC_VMOLR(vf->id),
			IOVNIC_VMOLR_ROMPE | IOVNIC_VMOLR_ROPE |
			IOVNIC_VMOLR_MPME, set);
	iovnic_pf_write_mta_locked(pf);
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
}

void iovnic_pf_switch_vf_set_lpe(struct iovnic_pf_vf *vf, u32 max_frame)
{
	struct iovnic_pf_sriov *sriov = &vf->pf->sriov;
	unsigned long flags;

	spin_lock_irqsave(&sriov->switch_lock, flags);
	vf->max_frame = max_frame;
	iovnic_pf_rmw32(vf->pf, IOVNIC_VMOLR(vf->id), IOVNIC_VMOLR_RLPML,
			IOVNIC_VMOLR_LPE |
			FIELD_PREP(IOVNIC_VMOLR_RLPML, max_frame));
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
}

void iovnic_pf_switch_vf_rxtx(struct iovnic_pf_vf *vf, bool enable)
{
	struct iovnic_pf_sriov *sriov = &vf->pf->sriov;
	u32 bit = BIT(vf->id);
	unsigned long flags;

	spin_lock_irqsave(&sriov->switch_lock, flags);
	iovnic_pf_rmw32(vf->pf, IOVNIC_VFRE, bit, enable ? bit : 0);
	iovnic_pf_rmw32(vf->pf, IOVNIC_VFTE, bit, enable ? bit : 0);
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
}

void iovnic_pf_switch_vf_spoofchk(struct iovnic_pf_vf *vf)
{
	struct iovnic_pf_sriov *sriov = &vf->pf->sriov;
	u32 bits = IOVNIC_DTXSWC_MAC_SPOOF(vf->id) |
		   IOVNIC_DTXSWC_VLAN_SPOOF(vf->id);
	unsigned long flags;

	spin_lock_irqsave(&sriov->switch_lock, flags);
	iovnic_pf_rmw32(vf->pf, IOVNIC_DTXSWC, bits,
			vf->spoofchk ? bits : 0);
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
}

/* RTTBCNRC for @rate Mb/s on a @speed Mb/s link: RS_ENA | 14.14 factor */
static u32 iovnic_pf_rate_factor(u32 speed, u32 rate)
{
	u32 rf_int, rf_dec;

	if (!rate || rate >= speed)
		return 0;
	rf_int = speed / rate;
	rf_dec = ((speed - rf_int * rate) << 14) / rate;
	return IOVNIC_RTTBCNRC_RS_ENA |
	       FIELD_PREP(IOVNIC_RTTBCNRC_RF_INT, rf_int) |
	       FIELD_PREP(IOVNIC_RTTBCNRC_RF_DEC, rf_dec);
}

/*
 * TX rate limit of the VF: the 82576 limits per queue, so each of the
 * pool's two queues gets half the VF's rate, whatever it was granted: a
 * VF can enable its second queue without asking, so only half on each
 * keeps the sum within the limit. Rounded up, so that a small rate never
 * becomes 0, which the hardware reads as "no limit". QEMU does not
 * implement these registers, so the value written is kept for debugfs.
 */
void iovnic_pf_switch_vf_rate(struct iovnic_pf_vf *vf)
{
	struct iovnic_pf *pf = vf->pf;
	u32 speed = pf->link_up && pf->link_speed != (u32)SPEED_UNKNOWN ?
		    pf->link_speed : SPEED_1000;
	u32 rate = DIV_ROUND_UP(vf->max_tx_rate, IOVNIC_PF_VF_QUEUE_PAIRS);
	u32 val = iovnic_pf_rate_factor(speed, rate);
	unsigned long flags;
	unsigned int q;

	spin_lock_irqsave(&pf->sriov.switch_lock, flags);
	for (q = vf->id; q < IOVNIC_MAX_QUEUES; q += IOVNIC_NUM_POOLS) {
		/* RTTDQSEL selects the queue the next two writes apply to */
		iovnic_pf_wr32(pf, IOVNIC_RTTDQSEL, q);
		/* let the full 9728-byte jumbo frame through the limiter */
		iovnic_pf_wr32(pf, IOVNIC_RTTBCNRM, 0x14);
		iovnic_pf_wr32(pf, IOVNIC_RTTBCNRC, val);
	}
	vf->rttbcnrc = val;
	spin_unlock_irqrestore(&pf->sriov.switch_lock, flags);
}

/**
 * iovnic_pf_switch_init() - at probe: the switch's own bookkeeping
 * @pf: the PF
 */
void iovnic_pf_switch_init(struct iovnic_pf *pf)
{
	unsigned int n;

	/* one log budget per VF: a VF that spoofs a lot hides nobody else */
	for (n = 0; n < IOVNIC_NUM_POOLS; n++)
		ratelimit_state_init(&pf->sriov.spoof_rs[n],
				     DEFAULT_RATELIMIT_INTERVAL,
				     DEFAULT_RATELIMIT_BURST);
}

/**
 * iovnic_pf_switch_spoof_irq() - count and log the VFs' spoofed frames
 * @pf: the PF
 *
 * With anti-spoofing on, the switch drops a frame a VF sends with a source
 * MAC or VLAN it may not use, raises ICR.DOUTSYNC and sets bit n (MAC) or
 * n + 8 (VLAN) of the read-to-clear WVBR for VF n. Any context.
 */
void iovnic_pf_switch_spoof_irq(struct iovnic_pf *pf)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned int n, num_vfs = READ_ONCE(sriov->num_vfs);
	u32 wvbr;

	if (!num_vfs)
		return;
	wvbr = iovnic_pf_rd32(pf, IOVNIC_WVBR);
	if (wvbr == ~0U)
		return;
	for (n = 0; n < num_vfs; n++) {
		bool mac = wvbr & BIT(n), vlan = wvbr & BIT(n + 8);

		if (!mac && !vlan)
			continue;
		atomic_inc(&sriov->spoofed[n]);
		if (__ratelimit(&sriov->spoof_rs[n]))
			dev_warn(&pf->pdev->dev,
				 "VF %u: spoofed frame dropped (%s%s%s)\n", n,
				 mac ? "source MAC" : "",
				 mac && vlan ? ", " : "", vlan ? "VLAN" : "");
	}
}

/* The debugfs "switch" file: what the hardware holds right now. */
void iovnic_pf_switch_dump(struct iovnic_pf *pf, struct seq_file *m)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned int pool;
	int i;

	seq_printf(m, "num_vfs %u\n", sriov->num_vfs);
	seq_printf(m, "MRQC 0x%08x\nVT_CTL 0x%08x\nRCTL 0x%08x\n",
		   iovnic_pf_rd32(pf, IOVNIC_MRQC),
		   iovnic_pf_rd32(pf, IOVNIC_VT_CTL),
		   iovnic_pf_rd32(pf, IOVNIC_RCTL));
	seq_printf(m, "DTXSWC 0x%08x\nVFRE 0x%08x\nVFTE 0x%08x\nRPLOLR 0x%08x\n",
		   iovnic_pf_rd32(pf, IOVNIC_DTXSWC),
		   iovnic_pf_rd32(pf, IOVNIC_VFRE),
		   iovnic_pf_rd32(pf, IOVNIC_VFTE),
		   iovnic_pf_rd32(pf, IOVNIC_RPLOLR));
	for (pool = 0; pool < IOVNIC_NUM_POOLS; pool++)
		seq_printf(m, "VMOLR%u 0x%08x\nVMVIR%u 0x%08x\nIVAR%u 0x%08x\n",
			   pool, iovnic_pf_rd32(pf, IOVNIC_VMOLR(pool)),
			   pool, iovnic_pf_rd32(pf, IOVNIC_VMVIR(pool)),
			   pool, iovnic_pf_rd32(pf, IOVNIC_IVAR(pool)));
	for (i = 0; i < IOVNIC_VLVF_ENTRIES; i++) {
		u32 v = iovnic_pf_rd32(pf, IOVNIC_VLVF(i));

		if (v)
			seq_printf(m, "VLVF%d 0x%08x\n", i, v);
	}
	for (i = 0; i < IOVNIC_RAR_ENTRIES; i++) {
		u32 rah = iovnic_pf_rd32(pf, IOVNIC_RAH(i));

		if (rah & IOVNIC_RAH_AV)
			seq_printf(m, "RAR%d 0x%08x 0x%08x\n", i,
				   iovnic_pf_rd32(pf, IOVNIC_RAL(i)), rah);
	}
}
