// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_pf: deferred work — the periodic service task (link watchdog,
 * MAC counter accumulation) and the full device reset that a TX timeout,
 * ethtool --reset or PCI error recovery asks for.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/workqueue.h>

#include "iovnic_pf.h"

/**
 * iovnic_pf_reset_hw_locked() - full reset; the device state is re-built
 * from software state
 * @pf: the PF (RTNL held)
 *
 * Used by the reset work, ethtool --reset and PCI error recovery.
 */
void iovnic_pf_reset_hw_locked(struct iovnic_pf *pf)
{
	struct net_device *netdev = pf->netdev;
	bool running = netif_running(netdev);

	ASSERT_RTNL();
	set_bit(IOVNIC_PF_RESETTING, pf->state);
	pf->reset_count++;
	if (running)
		iovnic_pf_down(pf);

	iovnic_pf_sriov_prepare_reset(pf);
	iovnic_pf_irq_disable(pf);
	if (iovnic_pf_hw_reset(pf, iovnic_pf_irq_vectors_mask(pf))) {
		netdev_err(netdev, "reset failed, device unusable\n");
		goto out;
	}
	iovnic_pf_hw_init_filters(pf);
	iovnic_pf_irq_configure(pf);
	iovnic_pf_set_rx_ctrl(pf);
	iovnic_pf_rss_configure(pf);
	pf->link_up = false;
	iovnic_pf_fc_restart_an(pf);
	iovnic_pf_irq_enable(pf);

	if (running && iovnic_pf_open(netdev))
		netdev_err(netdev, "could not reopen after reset\n");
	iovnic_pf_sriov_reset_done(pf);
out:
	clear_bit(IOVNIC_PF_RESETTING, pf->state);
}

static void iovnic_pf_reset_work(struct work_struct *work)
{
	struct iovnic_pf *pf = container_of(work, struct iovnic_pf, reset_task);

	rtnl_lock();
	if (test_and_clear_bit(IOVNIC_PF_RESET_REQUESTED, pf->state) &&
	    !test_bit(IOVNIC_PF_REMOVING, pf->state) && !iovnic_pf_removed(pf)) {
		netdev_warn(pf->netdev, "resetting the device\n");
		iovnic_pf_reset_hw_locked(pf);
	}
	rtnl_unlock();
}

/**
 * iovnic_pf_schedule_reset() - ask for a full device reset from a work item
 * @pf: the PF
 */
void iovnic_pf_schedule_reset(struct iovnic_pf *pf)
{
	if (test_bit(IOVNIC_PF_REMOVING, pf->state))
		return;
	set_bit(IOVNIC_PF_RESET_REQUESTED, pf->state);
	schedule_work(&pf->reset_task);
}

/**
 * iovnic_pf_link_update() - read STATUS.LU and follow it with the carrier
 * @pf: the PF
 *
 * Called from the service task after LSC and periodically as a watchdog,
 * so a lost interrupt only delays a change; on a change flow control is
 * resolved and the VFs are told.
 */
void iovnic_pf_link_update(struct iovnic_pf *pf)
{
	struct net_device *netdev = pf->netdev;
	int changed;

	changed = iovnic_pf_hw_link_read(pf);
	if (changed < 0)
		return;
	if (changed && pf->link_up)
		iovnic_pf_fc_link_up(pf);

	if (!netdev || test_bit(IOVNIC_PF_DOWN, pf->state))
		goto out;

	if (pf->link_up && !netif_carrier_ok(netdev)) {
		netdev_info(netdev, "link up, %u Mb/s, %s duplex\n",
			    pf->link_speed,
			    pf->link_duplex == DUPLEX_FULL ? "full" : "half");
		netif_carrier_on(netdev);
	} else if (!pf->link_up && netif_carrier_ok(netdev)) {
		netdev_info(netdev, "link down\n");
		netif_carrier_off(netdev);
	}
out:
	if (changed)
		iovnic_pf_sriov_link_changed(pf);
}

static void iovnic_pf_service_task(struct work_struct *work)
{
	struct iovnic_pf *pf = container_of(to_delayed_work(work),
					    struct iovnic_pf, service_task);

	if (iovnic_pf_removed(pf))
		return;

	clear_bit(IOVNIC_PF_LINK_CHECK, pf->state);
	iovnic_pf_link_update(pf);
	iovnic_pf_update_hw_stats(pf);

	if (!test_bit(IOVNIC_PF_REMOVING, pf->state))
		schedule_delayed_work(&pf->service_task,
				      pf->link_up ? 2 * HZ : HZ);
}

/**
 * iovnic_pf_service_init() - set up the service task and the reset work
 * @pf: the PF
 */
void iovnic_pf_service_init(struct iovnic_pf *pf)
{
	INIT_DELAYED_WORK(&pf->service_task, iovnic_pf_service_task);
	INIT_WORK(&pf->reset_task, iovnic_pf_reset_work);
}
