// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_vf reset task and RESET handshake.
 *
 * A PF reset (RSTI) or a lost VF state (a NACK without CTS; RSTD only
 * asks for a re-check: a PF may re-signal it with pings) is repaired by
 * the reset task, which redoes the RESET handshake and reprograms
 * everything the PF and the VF registers forgot, without reloading the
 * driver; the MAC the PF assigns is adopted on the way.
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>

#include "iovnic_vf.h"

/* back-off between failed reset attempts: the PF may still be away */
#define IOVNIC_VF_RESET_RETRY_MIN	(HZ / 10)
#define IOVNIC_VF_RESET_RETRY_MAX	(HZ / 2)

/**
 * iovnic_vf_request_reset() - schedule the reset task
 * @vf: the VF
 *
 * Safe from any context; several requests before the task runs collapse
 * into one reset.
 */
void iovnic_vf_request_reset(struct iovnic_vf *vf)
{
	unsigned long delay = 0, next;

	if (test_bit(IOVNIC_VF_S_REMOVING, &vf->state) ||
	    test_bit(IOVNIC_VF_S_QUIESCED, &vf->state) || iovnic_vf_gone(vf) ||
	    test_and_set_bit(IOVNIC_VF_S_RESET_PENDING, &vf->state))
		return;
	if (vf->reset_failures) {
		delay = vf->reset_backoff;
	} else {
		/*
		 * A PF that keeps saying it lost our state (a bare NACK, a
		 * reset event) gets a handshake per IOVNIC_VF_RESET_SPACING,
		 * not as many as it can send.
		 */
		next = READ_ONCE(vf->reset_done) + IOVNIC_VF_RESET_SPACING;
		if (time_before(jiffies, next))
			delay = next - jiffies;
	}
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
 * iovnic_vf_handshake() - reset the VF and bring the PF's state back
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

/**
 * iovnic_vf_reset_task() - redo the handshake and reopen the rings
 * @work: the VF's reset_task
 *
 * The slow part (waiting for the PF, up to a second per message) runs
 * without RTNL; RESETTING keeps ndo_open from bringing rings up under it.
 */
void iovnic_vf_reset_task(struct work_struct *work)
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
			netdev_warn(netdev, "VF reset failed: %s (%d), will retry with back-off\n",
				    iovnic_vf_mbx_strerror(err), err);
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
	} else {
		WRITE_ONCE(vf->reset_done, jiffies);
		if (vf->reset_failures)
			netdev_info(netdev, "VF reset done after %u retries\n",
				    vf->reset_failures);
		vf->reset_failures = 0;
	}
	rtnl_unlock();
	iovnic_vf_watchdog_kick(vf);
}
