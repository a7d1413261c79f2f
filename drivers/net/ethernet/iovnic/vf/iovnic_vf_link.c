// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_vf link watchdog and reset task.
 *
 * There is no link message in the igb protocol: the VF's link is up when
 * the PF's STATUS.LU is set and the PF lets the VF pass traffic (CTS in
 * what it writes to us; enum iovnic_vf_hs). A PF reset shows up as RSTI,
 * a lost VF state as a NACK without CTS (RSTD only asks for a re-check:
 * a PF may re-signal it with pings); both are repaired by the
 * reset task, which redoes the RESET handshake and reprograms everything
 * the PF and the VF registers forgot, without reloading the driver.
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>

#include "iovnic_vf.h"

/* back-off between failed reset attempts: the PF may still be away */
#define IOVNIC_VF_RESET_RETRY_MIN	(HZ / 10)
#define IOVNIC_VF_RESET_RETRY_MAX	(HZ / 2)

static bool iovnic_vf_link_ok(struct iovnic_vf *vf)
{
	u32 status = readl(vf->hw + IOVNIC_VF_STATUS);

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

	if (iovnic_vf_mbx_check_pf(vf)) {
		netdev_err(vf->netdev, "device vanished, detaching\n");
		netif_device_detach(vf->netdev);
		return;
	}
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
 * iovnic_vf_watchdog_kick - run the link check now
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

/**
 * iovnic_vf_request_reset - schedule the reset task
 * @vf: the VF
 *
 * Safe from any context; several requests before the task runs collapse
 * into one reset.
 */
void iovnic_vf_request_reset(struct iovnic_vf *vf)
{
	unsigned long delay = 0;

	if (test_bit(IOVNIC_VF_S_REMOVING, &vf->state) ||
	    test_bit(IOVNIC_VF_S_QUIESCED, &vf->state) ||
	    test_and_set_bit(IOVNIC_VF_S_RESET_PENDING, &vf->state))
		return;
	if (vf->reset_failures)
		delay = vf->reset_backoff;
	queue_delayed_work(system_wq, &vf->reset_task, delay);
}

/* Our address changed behind the stack's back: tell it. */
static void iovnic_vf_set_addr(struct iovnic_vf *vf, const u8 *addr)
{
	struct net_device *netdev = vf->netdev;

	eth_hw_addr_set(netdev, addr);
	if (netdev->reg_state == NETREG_REGISTERED)
		call_netdevice_notifiers(NETDEV_CHANGEADDR, netdev);
}

/*
 * The PF's MAC for us changed since the last RESET: the administrator set
 * a new one (ADMIN_CHANGE, or with the stock igb, before a reset). It
 * replaces ours even on a trusted VF, which could otherwise keep an
 * address of its own choosing.
 */
static bool iovnic_vf_admin_mac_changed(struct iovnic_vf *vf,
					const u8 *pf_addr)
{
	return !ether_addr_equal(pf_addr, vf->pf_addr) &&
	       !ether_addr_equal(pf_addr, vf->netdev->dev_addr);
}

static void iovnic_vf_adopt_mac(struct iovnic_vf *vf, const u8 *pf_addr)
{
	struct net_device *netdev = vf->netdev;
	u8 addr[ETH_ALEN];

	if (is_valid_ether_addr(pf_addr)) {
		if (!is_valid_ether_addr(netdev->dev_addr)) {
			eth_hw_addr_set(netdev, pf_addr);
			ether_addr_copy(netdev->perm_addr, pf_addr);
		} else if (iovnic_vf_admin_mac_changed(vf, pf_addr)) {
			netdev_info(netdev, "PF assigned MAC %pM, using it\n",
				    pf_addr);
			iovnic_vf_set_addr(vf, pf_addr);
		}
		ether_addr_copy(vf->pf_addr, pf_addr);
		return;
	}
	eth_zero_addr(vf->pf_addr);
	if (is_valid_ether_addr(netdev->dev_addr))
		return;
	eth_random_addr(addr);
	eth_hw_addr_set(netdev, addr);
	netdev->addr_assign_type = NET_ADDR_RANDOM;
	netdev_info(netdev,
		    "PF assigned no MAC address to this VF, using random %pM\n",
		    addr);
}

/*
 * Our address after a reset: keep the one in use if the PF lets us,
 * otherwise fall back to what the PF assigned (an administrator's MAC on
 * an untrusted VF wins).
 */
static int iovnic_vf_sync_mac(struct iovnic_vf *vf)
{
	struct net_device *netdev = vf->netdev;
	int err;

	err = iovnic_vf_mbx_set_mac(vf, netdev->dev_addr);
	if (err != -EPERM)
		return err;
	if (!is_valid_ether_addr(vf->pf_addr)) {
		netdev_err(netdev, "PF refused MAC %pM and assigned none\n",
			   netdev->dev_addr);
		return err;
	}
	netdev_info(netdev, "PF refused MAC %pM, using assigned %pM\n",
		    netdev->dev_addr, vf->pf_addr);
	iovnic_vf_set_addr(vf, vf->pf_addr);
	return 0;
}

/*
 * Second half of the handshake, once RESET is answered: what the PF
 * offers beyond igb, our MAC, filters and frame size back into the PF,
 * interrupt routing back into the VF.
 */
static int iovnic_vf_handshake_finish(struct iovnic_vf *vf, const u8 *pf_addr)
{
	int err;

	ASSERT_RTNL();
	err = iovnic_vf_ext_negotiate(vf);
	if (err)
		return err;
	iovnic_vf_irq_configure(vf);
	iovnic_vf_adopt_mac(vf, pf_addr);
	err = iovnic_vf_sync_mac(vf);
	if (err)
		return err;
	err = iovnic_vf_restore_filters(vf);
	if (err)
		return err;
	iovnic_vf_rebase_hw_stats(vf);
	vf->reset_count++;
	return 0;
}

/**
 * iovnic_vf_handshake - reset the VF and bring the PF's state back
 * @vf: the VF
 *
 * CTRL.RST, RESET message, MAC, filters, max frame. The VF's queue
 * registers are reset too: the caller reprograms the rings.
 *
 * Return: 0 on success, -EAGAIN if the PF is still resetting, or another
 * negative errno.
 */
int iovnic_vf_handshake(struct iovnic_vf *vf)
{
	u8 pf_addr[ETH_ALEN];
	int err;

	ASSERT_RTNL();
	err = iovnic_vf_mbx_reset(vf, pf_addr);
	if (err)
		return err;
	return iovnic_vf_handshake_finish(vf, pf_addr);
}

/*
 * The slow part (waiting for the PF, up to a second per message) runs
 * without RTNL; RESETTING keeps ndo_open from bringing rings up under it.
 */
static void iovnic_vf_reset_task(struct work_struct *work)
{
	struct iovnic_vf *vf = container_of(to_delayed_work(work),
					    struct iovnic_vf, reset_task);
	struct net_device *netdev = vf->netdev;
	u8 pf_addr[ETH_ALEN];
	int err;

	rtnl_lock();
	if (test_bit(IOVNIC_VF_S_REMOVING, &vf->state) ||
	    test_bit(IOVNIC_VF_S_QUIESCED, &vf->state)) {
		rtnl_unlock();
		return;
	}
	set_bit(IOVNIC_VF_S_RESETTING, &vf->state);
	clear_bit(IOVNIC_VF_S_RESET_PENDING, &vf->state);
	iovnic_vf_close_locked(vf);
	rtnl_unlock();

	err = iovnic_vf_mbx_reset(vf, pf_addr);

	rtnl_lock();
	if (test_bit(IOVNIC_VF_S_REMOVING, &vf->state) ||
	    test_bit(IOVNIC_VF_S_QUIESCED, &vf->state)) {
		/* remove or an FLR took over while we talked to the PF */
		clear_bit(IOVNIC_VF_S_RESETTING, &vf->state);
		rtnl_unlock();
		return;
	}
	if (!err)
		err = iovnic_vf_handshake_finish(vf, pf_addr);
	if (!err && netif_running(netdev))
		err = iovnic_vf_open_locked(vf);
	clear_bit(IOVNIC_VF_S_RESETTING, &vf->state);
	if (err) {
		if (!vf->reset_failures)
			netdev_warn(netdev, "VF reset failed (%d), will retry\n",
				    err);
		vf->reset_failures++;
		/*
		 * A PF still in reset costs one register read to re-check;
		 * a PF that does not answer costs seconds of mailbox
		 * timeouts, so back off.
		 */
		if (err == -EAGAIN)
			vf->reset_backoff = IOVNIC_VF_RESET_RETRY_MIN;
		else
			vf->reset_backoff = min_t(unsigned long,
						  IOVNIC_VF_RESET_RETRY_MAX,
						  IOVNIC_VF_RESET_RETRY_MIN *
						  vf->reset_failures);
		/* the interface stays closed until an attempt succeeds */
		iovnic_vf_request_reset(vf);
	} else if (vf->reset_failures) {
		netdev_info(netdev, "VF reset done after %u retries\n",
			    vf->reset_failures);
		vf->reset_failures = 0;
	}
	rtnl_unlock();
	iovnic_vf_watchdog_kick(vf);
}

void iovnic_vf_link_init(struct iovnic_vf *vf)
{
	INIT_DELAYED_WORK(&vf->watchdog, iovnic_vf_watchdog);
	INIT_DELAYED_WORK(&vf->reset_task, iovnic_vf_reset_task);
}

/* Stop the watchdog and the reset task for good; REMOVING must be set. */
void iovnic_vf_link_stop(struct iovnic_vf *vf)
{
	cancel_delayed_work_sync(&vf->reset_task);
	cancel_delayed_work_sync(&vf->watchdog);
}
