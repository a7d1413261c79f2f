// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_pf: 802.3x flow control (PAUSE frames), ethtool -a/-A.
 *
 * The MAC sends XOFF when its RX packet buffer fills past FCRTH and XON
 * when it drains below FCRTL (CTRL.TFCE), and stops transmitting while a
 * received XOFF's pause time runs (CTRL.RFCE). With autonegotiation the
 * wish is advertised in the PHY's PAUSE/ASM_DIR bits and the result is
 * resolved from both ends' advertisement once the link is up (IEEE 802.3
 * Annex 28B); otherwise the wish is forced. A reset clears CTRL, so the
 * configuration lives in struct iovnic_pf_fc and is applied again after
 * every reset (iovnic_pf_phy_restart_an) and link up. This file belongs
 * to the hardware layer: it calls only register and PHY accessors.
 */
#include <linux/bitfield.h>
#include <linux/ethtool.h>
#include <linux/mii.h>
#include <linux/netdevice.h>

#include "iovnic_pf.h"

/* largest frame any MTU can produce: thresholds need no MTU tracking */
#define IOVNIC_PF_FC_MAX_FRAME		9728
/* RXPBS reset value, used if the register reads 0 */
#define IOVNIC_PF_FC_DEF_RXPB_KB	64
#define IOVNIC_PF_FC_PAUSE_TIME		0xFFFF

/**
 * iovnic_pf_fc_init() - the board's default flow control, from the NVM
 * @pf: the PF (probe)
 *
 * NVM word 0x0F holds the default PAUSE advertisement in the same
 * PAUSE/ASM_DIR encoding as the PHY; a board that cannot say gets
 * symmetric PAUSE, as most link partners expect.
 */
void iovnic_pf_fc_init(struct iovnic_pf *pf)
{
	u16 word;
	u8 cap = FLOW_CTRL_RX | FLOW_CTRL_TX;

	if (!iovnic_pf_nvm_read(pf, IOVNIC_NVM_INIT_CTRL2, &word))
		cap = mii_resolve_flowctrl_fdx(FIELD_GET(IOVNIC_NVM_INIT_CTRL2_PAUSE,
							 word) << 10,
					       ADVERTISE_PAUSE_CAP |
					       ADVERTISE_PAUSE_ASYM);
	pf->fc.autoneg = true;
	pf->fc.rx_pause = !!(cap & FLOW_CTRL_RX);
	pf->fc.tx_pause = !!(cap & FLOW_CTRL_TX);
}

/* CTRL.RFCE/TFCE and the thresholds XOFF/XON are sent at */
static void iovnic_pf_fc_apply(struct iovnic_pf *pf, bool rx, bool tx)
{
	u32 ctrl, pb, hwm, fcrtl = 0, fcrth = 0;

	if (tx) {
		/* room above XOFF for a frame in flight each way */
		pb = FIELD_GET(IOVNIC_RXPBS_SIZE,
			       iovnic_pf_rd32(pf, IOVNIC_RXPBS));
		if (!pb)
			pb = IOVNIC_PF_FC_DEF_RXPB_KB;
		hwm = pb * 1024 - 2 * IOVNIC_PF_FC_MAX_FRAME;
		fcrth = hwm & ~0xFU;		/* 16-byte granularity */
		fcrtl = (fcrth - 16) | IOVNIC_FCRTL_XONE;
	}
	/* thresholds before TFCE: never send XOFF at a stale level */
	iovnic_pf_wr32(pf, IOVNIC_FCRTL, fcrtl);
	iovnic_pf_wr32(pf, IOVNIC_FCRTH, fcrth);

	/* CTRL: the service task (link up) and RTNL (ethtool -A) write
	 * these two bits; both only ever write what pf->fc says last.
	 */
	ctrl = (rx ? IOVNIC_CTRL_RFCE : 0) | (tx ? IOVNIC_CTRL_TFCE : 0);
	iovnic_pf_ctrl_rmw(pf, IOVNIC_CTRL,
			   IOVNIC_CTRL_RFCE | IOVNIC_CTRL_TFCE, ctrl);
	pf->fc.rx_active = rx;
	pf->fc.tx_active = tx;
}

/* the PHY's PAUSE/ASM_DIR bits from the wish (none if forced) */
static int iovnic_pf_fc_advertise(struct iovnic_pf *pf)
{
	u8 cap = 0;
	u16 anar;
	int err;

	err = iovnic_pf_phy_read(pf, IOVNIC_PHY_ANAR, &anar);
	if (err)
		return err;
	if (pf->fc.autoneg)
		cap = (pf->fc.rx_pause ? FLOW_CTRL_RX : 0) |
		      (pf->fc.tx_pause ? FLOW_CTRL_TX : 0);
	anar &= ~(ADVERTISE_PAUSE_CAP | ADVERTISE_PAUSE_ASYM);
	anar |= mii_advertise_flowctrl(cap);
	return iovnic_pf_phy_write(pf, IOVNIC_PHY_ANAR, anar);
}

/**
 * iovnic_pf_fc_setup() - program flow control after a reset
 * @pf: the PF
 *
 * Called before autonegotiation (re)starts: PAUSE address, type and
 * time, the advertisement, and the MAC off until the link resolves.
 */
void iovnic_pf_fc_setup(struct iovnic_pf *pf)
{
	iovnic_pf_wr32(pf, IOVNIC_FCAL, IOVNIC_FC_ADDR_LOW);
	iovnic_pf_wr32(pf, IOVNIC_FCAH, IOVNIC_FC_ADDR_HIGH);
	iovnic_pf_wr32(pf, IOVNIC_FCT, IOVNIC_FC_TYPE);
	iovnic_pf_wr32(pf, IOVNIC_FCTTV, IOVNIC_PF_FC_PAUSE_TIME);
	if (iovnic_pf_fc_advertise(pf))
		dev_dbg(&pf->pdev->dev, "cannot write the PAUSE advertisement\n");
	if (pf->fc.autoneg && pf->autoneg)
		iovnic_pf_fc_apply(pf, false, false);
	else
		iovnic_pf_fc_apply(pf, pf->fc.rx_pause, pf->fc.tx_pause);
}

/**
 * iovnic_pf_fc_restart_an() - (re)start autonegotiation with our PAUSE
 *	advertisement
 * @pf: the PF
 *
 * A reset cleared flow control; the PAUSE bits go out with AN.
 *
 * Return: 0 or a PHY access error.
 */
int iovnic_pf_fc_restart_an(struct iovnic_pf *pf)
{
	iovnic_pf_fc_setup(pf);
	return iovnic_pf_phy_restart_an(pf);
}

/**
 * iovnic_pf_fc_link_up() - resolve and apply flow control on link up
 * @pf: the PF (service task)
 *
 * PAUSE needs full duplex; with both autonegotiations on, the result of
 * both ends' advertisement wins over the wish.
 */
void iovnic_pf_fc_link_up(struct iovnic_pf *pf)
{
	bool rx = pf->fc.rx_pause, tx = pf->fc.tx_pause;
	u16 lcl = 0, rmt = 0;
	u8 res;

	if (pf->link_duplex != DUPLEX_FULL) {
		rx = false;
		tx = false;
	} else if (pf->fc.autoneg && pf->autoneg) {
		if (iovnic_pf_phy_read(pf, IOVNIC_PHY_ANAR, &lcl) ||
		    iovnic_pf_phy_read(pf, IOVNIC_PHY_ANLPAR, &rmt))
			lcl = 0;
		res = mii_resolve_flowctrl_fdx(lcl, rmt);
		rx = !!(res & FLOW_CTRL_RX);
		tx = !!(res & FLOW_CTRL_TX);
	}
	iovnic_pf_fc_apply(pf, rx, tx);
}

/**
 * iovnic_pf_get_pauseparam() - ethtool_ops.get_pauseparam
 * @netdev: the PF netdev
 * @pause: the configuration (the negotiated result shows in the link
 *	   modes, see get_link_ksettings)
 */
void iovnic_pf_get_pauseparam(struct net_device *netdev,
			      struct ethtool_pauseparam *pause)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);

	pause->autoneg = pf->fc.autoneg ? AUTONEG_ENABLE : AUTONEG_DISABLE;
	pause->rx_pause = pf->fc.rx_pause;
	pause->tx_pause = pf->fc.tx_pause;
}

/**
 * iovnic_pf_set_pauseparam() - ethtool_ops.set_pauseparam
 * @netdev: the PF netdev
 * @pause: what to advertise (autoneg) or force
 *
 * Return: 0, -EINVAL for PAUSE autonegotiation without link
 * autonegotiation, or a PHY access error (nothing changed then).
 */
int iovnic_pf_set_pauseparam(struct net_device *netdev,
			     struct ethtool_pauseparam *pause)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	struct iovnic_pf_fc old = pf->fc;
	int err;

	if (pause->autoneg && !pf->autoneg) {
		netdev_info(netdev, "PAUSE autonegotiation needs link autonegotiation\n");
		return -EINVAL;
	}
	pf->fc.autoneg = !!pause->autoneg;
	pf->fc.rx_pause = !!pause->rx_pause;
	pf->fc.tx_pause = !!pause->tx_pause;
	err = iovnic_pf_fc_advertise(pf);
	if (err) {
		pf->fc = old;
		return err;
	}
	if (pf->fc.autoneg) {
		/* the partner must see the new advertisement */
		err = iovnic_pf_fc_restart_an(pf);
		if (!err)
			mod_delayed_work(system_wq, &pf->service_task, 0);
		return err;
	}
	if (pf->link_up)
		iovnic_pf_fc_link_up(pf);
	else
		iovnic_pf_fc_apply(pf, pf->fc.rx_pause, pf->fc.tx_pause);
	return 0;
}
