// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_vf link watchdog.
 *
 * There is no link message in the igb protocol: the VF's link is up when
 * the PF's STATUS.LU is set and the PF lets the VF pass traffic (CTS in
 * what it writes to us; enum iovnic_vf_hs). The watchdog polls the
 * mailbox for that, for a PF reset (RSTI) and for a lost VF state, hands
 * the latter two to the reset task (iovnic_vf_reset.c), acts on the PF's
 * EVENTs and keeps the carrier in step.
 */
#include <linux/rtnetlink.h>

#include "iovnic_vf.h"

static bool iovnic_vf_link_ok(struct iovnic_vf *vf)
{
	u32 status = iovnic_vf_rd32(vf, IOVNIC_VF_STATUS);

	if (status == ~0U)
		return false;
	return (status & IOVNIC_STATUS_LU) &&
	       READ_ONCE(vf->mbx.hs) == IOVNIC_VF_HS_CTS && !vf->pf_link_down;
}

/*
 * While our link was down the PF may have had our transmit disabled; see
 * iovnic_ring_kick_tx(). RTNL held: qp[] is stable.
 */
static void iovnic_vf_kick_tx_rings(struct iovnic_vf *vf)
{
	unsigned int q;

	for (q = 0; q < vf->num_qpairs; q++)
		if (vf->qp[q])
			iovnic_ring_kick_tx(&vf->qp[q]->tx);
}

static void iovnic_vf_link_update(struct iovnic_vf *vf)
{
	struct net_device *netdev = vf->netdev;
	bool up = iovnic_vf_link_ok(vf);

	if (test_bit(IOVNIC_VF_S_DOWN, &vf->state) ||
	    test_bit(IOVNIC_VF_S_RESET_PENDING, &vf->state))
		up = false;

	if (up && !netif_carrier_ok(netdev)) {
		netdev_info(netdev, "link up\n");
		iovnic_vf_kick_tx_rings(vf);
		netif_carrier_on(netdev);
		netif_tx_wake_all_queues(netdev);
	} else if (!up && netif_carrier_ok(netdev)) {
		netdev_info(netdev, "link down\n");
		netif_carrier_off(netdev);
		netif_tx_stop_all_queues(netdev);
	}
}

static void iovnic_vf_watchdog(struct work_struct *work)
{
	struct iovnic_vf *vf = container_of(to_delayed_work(work),
					    struct iovnic_vf, watchdog);
	unsigned long period = IOVNIC_VF_WATCHDOG_PERIOD;

	if (test_bit(IOVNIC_VF_S_REMOVING, &vf->state) ||
	    test_bit(IOVNIC_VF_S_QUIESCED, &vf->state))
		return;

	/* a vanished device was detached by the read that found it */
	if (iovnic_vf_mbx_check_pf(vf))
		return;
	if (!iovnic_vf_mbx_ready(vf))
		iovnic_vf_request_reset(vf);

	if (time_after(jiffies, vf->last_stats + IOVNIC_VF_STATS_PERIOD)) {
		vf->last_stats = jiffies;
		iovnic_vf_update_hw_stats(vf);
	}

	/* carrier and queue wake-ups must not race with close() */
	if (!rtnl_trylock()) {
		period = IOVNIC_VF_RECOVERY_PERIOD;
		goto resched;
	}
	iovnic_vf_ext_handle_events(vf);
	iovnic_vf_link_update(vf);
	if (!netif_carrier_ok(vf->netdev) &&
	    !test_bit(IOVNIC_VF_S_DOWN, &vf->state))
		period = IOVNIC_VF_RECOVERY_PERIOD;
	rtnl_unlock();
resched:
	queue_delayed_work(system_wq, &vf->watchdog, period);
}

/**
 * iovnic_vf_watchdog_kick() - run the link check now
 * @vf: the VF
 *
 * Called from the mailbox interrupt: the PF wrote or ACKed something.
 */
void iovnic_vf_watchdog_kick(struct iovnic_vf *vf)
{
	if (!test_bit(IOVNIC_VF_S_REMOVING, &vf->state) &&
	    !test_bit(IOVNIC_VF_S_QUIESCED, &vf->state))
		mod_delayed_work(system_wq, &vf->watchdog, 0);
}

void iovnic_vf_link_init(struct iovnic_vf *vf)
{
	INIT_DELAYED_WORK(&vf->watchdog, iovnic_vf_watchdog);
	INIT_DELAYED_WORK(&vf->reset_task, iovnic_vf_reset_task);
	/* no reset yet: the first one need not wait */
	vf->reset_done = jiffies - IOVNIC_VF_RESET_SPACING;
}

/* Stop the watchdog and the reset task for good; REMOVING must be set. */
void iovnic_vf_link_stop(struct iovnic_vf *vf)
{
	cancel_delayed_work_sync(&vf->reset_task);
	cancel_delayed_work_sync(&vf->watchdog);
}
