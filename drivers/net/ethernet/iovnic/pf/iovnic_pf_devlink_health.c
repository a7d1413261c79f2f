// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_pf: devlink health reporters
 * (Documentation/networking/devlink/devlink-health.rst).
 *
 * "mbx": a VF that keeps sending the mailbox server messages it refuses
 * (NACKed, invalid, rate limited) at IOVNIC_PF_DL_MBX_STORM or more per
 * second. The server already contains such a VF (token bucket, NACKs);
 * the reporter tells the administrator which VF it is. No recover: there
 * is nothing to repair on the PF. The dump holds the VF's mailbox
 * counters at the time; a dump asked for by hand holds every VF's.
 *
 * "tx_timeout": the stack's TX watchdog fired on a PF queue. Recover is
 * the full PF reset that a TX timeout always triggered; an administrator
 * who turns auto_recover off gets the report and decides. "devlink health
 * test" raises a test event that takes the same path.
 *
 * Both report from a work item: ndo_tx_timeout runs in atomic context, and
 * the mailbox server in the PF's hard IRQ handler; dl.lock, which they
 * share with the work, is taken with interrupts off.
 */
#include <net/devlink.h>

#include "../lib/iovnic_lib.h"
#include "iovnic_pf.h"
#include "iovnic_pf_compat.h"
#include "iovnic_pf_vf.h"

/* refused mailbox messages per second that make a storm */
#define IOVNIC_PF_DL_MBX_STORM		50

/* what a storm report carries to the dump */
struct iovnic_pf_dl_mbx_ctx {
	unsigned int vf;
	u64 counters[IOVNIC_VF_MBX_NSTATS];
};

static int iovnic_pf_dl_u32(struct devlink_fmsg *fmsg, const char *name,
			    u32 val)
{
	return IOVNIC_PF_COMPAT_FMSG(devlink_fmsg_u32_pair_put(fmsg, name, val));
}

static int iovnic_pf_dl_u64(struct devlink_fmsg *fmsg, const char *name,
			    u64 val)
{
	return IOVNIC_PF_COMPAT_FMSG(devlink_fmsg_u64_pair_put(fmsg, name, val));
}

static int iovnic_pf_dl_mbx_put_vf(struct devlink_fmsg *fmsg, unsigned int vf,
				   const u64 *counters)
{
	unsigned int i;
	int err;

	err = IOVNIC_PF_COMPAT_FMSG(devlink_fmsg_obj_nest_start(fmsg));
	if (err)
		return err;
	err = iovnic_pf_dl_u32(fmsg, "vf", vf);
	for (i = 0; i < IOVNIC_VF_MBX_NSTATS && !err; i++)
		err = iovnic_pf_dl_u64(fmsg, iovnic_pf_vf_mbx_stat_names[i],
				       counters[i]);
	if (err)
		return err;
	return IOVNIC_PF_COMPAT_FMSG(devlink_fmsg_obj_nest_end(fmsg));
}

/* every VF's counters now (a dump asked for by hand) */
static int iovnic_pf_dl_mbx_put_all(struct iovnic_pf *pf,
				    struct devlink_fmsg *fmsg)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	u64 counters[IOVNIC_VF_MBX_NSTATS];
	unsigned int v, i;
	int err = 0;

	mutex_lock(&sriov->cfg_lock);
	for (v = 0; v < sriov->num_vfs && !err; v++) {
		for (i = 0; i < IOVNIC_VF_MBX_NSTATS; i++)
			counters[i] = READ_ONCE(sriov->vfs[v].mbx_stats[i]);
		err = iovnic_pf_dl_mbx_put_vf(fmsg, v, counters);
	}
	mutex_unlock(&sriov->cfg_lock);
	return err;
}

static int iovnic_pf_dl_mbx_dump(struct devlink_health_reporter *reporter,
				 struct devlink_fmsg *fmsg, void *priv_ctx,
				 struct netlink_ext_ack *extack)
{
	struct iovnic_pf *pf = devlink_health_reporter_priv(reporter);
	struct iovnic_pf_dl_mbx_ctx *ctx = priv_ctx;
	int err;

	err = IOVNIC_PF_COMPAT_FMSG(devlink_fmsg_arr_pair_nest_start(fmsg, "vfs"));
	if (err)
		return err;
	if (ctx)
		err = iovnic_pf_dl_mbx_put_vf(fmsg, ctx->vf, ctx->counters);
	else
		err = iovnic_pf_dl_mbx_put_all(pf, fmsg);
	if (err)
		return err;
	return IOVNIC_PF_COMPAT_FMSG(devlink_fmsg_arr_pair_nest_end(fmsg));
}

static int iovnic_pf_dl_mbx_diagnose(struct devlink_health_reporter *reporter,
				     struct devlink_fmsg *fmsg,
				     struct netlink_ext_ack *extack)
{
	struct iovnic_pf *pf = devlink_health_reporter_priv(reporter);

	int err;

	err = iovnic_pf_dl_u32(fmsg, "storm_threshold_per_s",
			       IOVNIC_PF_DL_MBX_STORM);
	if (err)
		return err;
	return iovnic_pf_dl_u32(fmsg, "num_vfs", READ_ONCE(pf->sriov.num_vfs));
}

static const struct devlink_health_reporter_ops iovnic_pf_dl_mbx_ops = {
	.name = "mbx",
	.dump = iovnic_pf_dl_mbx_dump,
	.diagnose = iovnic_pf_dl_mbx_diagnose,
};

static u64 iovnic_pf_dl_mbx_bad(const struct iovnic_pf_vf *vf)
{
	return READ_ONCE(vf->mbx_stats[IOVNIC_VF_MBX_NACKED]) +
	       READ_ONCE(vf->mbx_stats[IOVNIC_VF_MBX_INVALID]) +
	       READ_ONCE(vf->mbx_stats[IOVNIC_VF_MBX_RATE_LIMITED]);
}

/* Note a storm of VF @vf for the report work; sriov.mbx_lock held. */
static void iovnic_pf_dl_mbx_note(struct iovnic_pf *pf,
				  const struct iovnic_pf_vf *vf)
{
	struct iovnic_pf_dl *dl = &pf->dl;
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&dl->lock, flags);
	for (i = 0; i < IOVNIC_VF_MBX_NSTATS; i++)
		dl->mbx_counters[vf->id][i] = READ_ONCE(vf->mbx_stats[i]);
	__set_bit(vf->id, &dl->mbx_pending);
	spin_unlock_irqrestore(&dl->lock, flags);
	schedule_work(&dl->mbx_work);
}

/**
 * iovnic_pf_devlink_mbx_check() - look for VFs flooding the mailbox
 * @pf: the PF; called by the mailbox server (hard IRQ) with
 *	sriov.mbx_lock held
 *
 * Once a second per VF at most: a VF whose refused messages grew by
 * IOVNIC_PF_DL_MBX_STORM per second or more since the last look is
 * reported to the "mbx" health reporter. The state it keeps per VF
 * number outlives the VFs; counters that went down belong to new VFs.
 */
void iovnic_pf_devlink_mbx_check(struct iovnic_pf *pf)
{
	unsigned int v, n = min_t(unsigned int, pf->sriov.num_vfs,
				  IOVNIC_MAX_VFS);

	lockdep_assert_held(&pf->sriov.mbx_lock);
	if (!pf->dl.mbx)
		return;
	for (v = 0; v < n; v++) {
		struct iovnic_pf_dl_vf *dvf = &pf->dl.vfs[v];
		const struct iovnic_pf_vf *vf = &pf->sriov.vfs[v];
		unsigned long elapsed = jiffies - dvf->mbx_stamp;
		u64 bad;

		if (elapsed < HZ)
			continue;
		bad = iovnic_pf_dl_mbx_bad(vf);
		/* fewer than last time: new VFs, start from here */
		if (bad >= dvf->mbx_bad &&
		    (bad - dvf->mbx_bad) * HZ >=
		    (u64)IOVNIC_PF_DL_MBX_STORM * elapsed)
			iovnic_pf_dl_mbx_note(pf, vf);
		dvf->mbx_bad = bad;
		dvf->mbx_stamp = jiffies;
	}
}

static void iovnic_pf_dl_mbx_work(struct work_struct *work)
{
	struct iovnic_pf *pf = container_of(work, struct iovnic_pf,
					    dl.mbx_work);
	struct iovnic_pf_dl *dl = &pf->dl;
	struct iovnic_pf_dl_mbx_ctx ctx;
	char msg[64];
	unsigned int v;

	for (v = 0; v < IOVNIC_MAX_VFS; v++) {
		spin_lock_irq(&dl->lock);
		if (!__test_and_clear_bit(v, &dl->mbx_pending)) {
			spin_unlock_irq(&dl->lock);
			continue;
		}
		ctx.vf = v;
		memcpy(ctx.counters, dl->mbx_counters[v], sizeof(ctx.counters));
		spin_unlock_irq(&dl->lock);
		snprintf(msg, sizeof(msg),
			 "VF %u: mailbox storm, %llu messages refused", v,
			 ctx.counters[IOVNIC_VF_MBX_NACKED] +
			 ctx.counters[IOVNIC_VF_MBX_INVALID] +
			 ctx.counters[IOVNIC_VF_MBX_RATE_LIMITED]);
		devlink_health_report(dl->mbx, msg, &ctx);
	}
}

/* --- tx_timeout --- */

static int iovnic_pf_dl_tx_recover(struct devlink_health_reporter *reporter,
				   void *priv_ctx,
				   struct netlink_ext_ack *extack)
{
	struct iovnic_pf *pf = devlink_health_reporter_priv(reporter);

	if (test_bit(IOVNIC_PF_REMOVING, pf->state) || iovnic_pf_removed(pf)) {
		NL_SET_ERR_MSG_MOD(extack, "the device is going away");
		return -ENODEV;
	}
	iovnic_pf_schedule_reset(pf);
	return 0;
}

static int iovnic_pf_dl_tx_diagnose(struct devlink_health_reporter *reporter,
				    struct devlink_fmsg *fmsg,
				    struct netlink_ext_ack *extack)
{
	struct iovnic_pf *pf = devlink_health_reporter_priv(reporter);
	unsigned int txq;
	int err;

	spin_lock_irq(&pf->dl.lock);
	txq = pf->dl.txq;
	spin_unlock_irq(&pf->dl.lock);
	err = iovnic_pf_dl_u64(fmsg, "tx_timeout_count",
			       READ_ONCE(pf->tx_timeout_count));
	if (!err)
		err = iovnic_pf_dl_u32(fmsg, "last_txq", txq);
	if (!err)
		err = iovnic_pf_dl_u64(fmsg, "reset_count",
				       READ_ONCE(pf->reset_count));
	return err;
}

/* queue number of a "devlink health test" event */
#define IOVNIC_PF_DL_TX_TEST		UINT_MAX

static void iovnic_pf_dl_tx_note(struct iovnic_pf *pf, unsigned int txq)
{
	unsigned long flags;

	spin_lock_irqsave(&pf->dl.lock, flags);
	pf->dl.txq = txq;
	spin_unlock_irqrestore(&pf->dl.lock, flags);
	schedule_work(&pf->dl.tx_timeout_work);
}

/*
 * "devlink health test": the path of a real timeout from the report on
 * (the devlink lock is held here, so the report comes from the work).
 */
static int iovnic_pf_dl_tx_test(struct devlink_health_reporter *reporter,
				struct netlink_ext_ack *extack)
{
	iovnic_pf_dl_tx_note(devlink_health_reporter_priv(reporter),
			     IOVNIC_PF_DL_TX_TEST);
	return 0;
}

static const struct devlink_health_reporter_ops iovnic_pf_dl_tx_ops = {
	.name = "tx_timeout",
	.recover = iovnic_pf_dl_tx_recover,
	.diagnose = iovnic_pf_dl_tx_diagnose,
	.test = iovnic_pf_dl_tx_test,
};

static void iovnic_pf_dl_tx_timeout_work(struct work_struct *work)
{
	struct iovnic_pf *pf = container_of(work, struct iovnic_pf,
					    dl.tx_timeout_work);
	unsigned int txq;
	char msg[48];

	spin_lock_irq(&pf->dl.lock);
	txq = pf->dl.txq;
	spin_unlock_irq(&pf->dl.lock);
	if (txq == IOVNIC_PF_DL_TX_TEST)
		snprintf(msg, sizeof(msg), "test event");
	else
		snprintf(msg, sizeof(msg), "TX queue %u timed out", txq);
	devlink_health_report(pf->dl.tx_timeout, msg, NULL);
}

/**
 * iovnic_pf_devlink_tx_timeout() - ndo_tx_timeout: report, reset on recover
 * @pf: the PF
 * @txq: the queue that timed out
 *
 * Atomic context. Without a reporter the reset is scheduled right away,
 * as before devlink health.
 */
void iovnic_pf_devlink_tx_timeout(struct iovnic_pf *pf, unsigned int txq)
{
	if (!pf->dl.tx_timeout) {
		iovnic_pf_schedule_reset(pf);
		return;
	}
	iovnic_pf_dl_tx_note(pf, txq);
}

static struct devlink_health_reporter *
iovnic_pf_dl_reporter(struct iovnic_pf *pf,
		      const struct devlink_health_reporter_ops *ops)
{
	struct devlink_health_reporter *r;

	r = iovnic_pf_compat_health_reporter_create(pf->devlink, ops, pf);
	if (!IS_ERR(r))
		return r;
	dev_warn(&pf->pdev->dev, "no devlink health reporter %s: %ld\n",
		 ops->name, PTR_ERR(r));
	return NULL;
}

/**
 * iovnic_pf_devlink_health_create() - the health reporters, at probe
 * @pf: the PF, just allocated with its devlink instance
 *
 * A reporter that cannot be created is logged and left out.
 */
void iovnic_pf_devlink_health_create(struct iovnic_pf *pf)
{
	spin_lock_init(&pf->dl.lock);
	INIT_WORK(&pf->dl.mbx_work, iovnic_pf_dl_mbx_work);
	INIT_WORK(&pf->dl.tx_timeout_work, iovnic_pf_dl_tx_timeout_work);
	pf->dl.mbx = iovnic_pf_dl_reporter(pf, &iovnic_pf_dl_mbx_ops);
	pf->dl.tx_timeout = iovnic_pf_dl_reporter(pf, &iovnic_pf_dl_tx_ops);
}

/**
 * iovnic_pf_devlink_health_destroy() - at remove, after the netdev is gone
 * @pf: the PF; no VF and no TX queue can report any more
 */
void iovnic_pf_devlink_health_destroy(struct iovnic_pf *pf)
{
	cancel_work_sync(&pf->dl.mbx_work);
	cancel_work_sync(&pf->dl.tx_timeout_work);
	if (pf->dl.tx_timeout)
		devlink_health_reporter_destroy(pf->dl.tx_timeout);
	if (pf->dl.mbx)
		devlink_health_reporter_destroy(pf->dl.mbx);
	pf->dl.tx_timeout = NULL;
	pf->dl.mbx = NULL;
}
