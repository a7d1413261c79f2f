// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_pf: MAC reset, NVM, PHY and link of the 82576 port.
 */
#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/iopoll.h>
#include <linux/mii.h>

#include "iovnic_pf.h"

#define IOVNIC_PF_NVM_CHECKSUM_WORDS	0x40
#define IOVNIC_PF_NVM_CHECKSUM		0xBABA

/**
 * iovnic_pf_rd32() - read a BAR0 register, noticing a vanished device
 * @pf: the PF
 * @reg: register offset
 *
 * A surprise-removed or PCI-errored device answers every read with all
 * ones. STATUS can never legally read all ones (bits 31:20 are partly
 * reserved zero), so an all-ones value is confirmed against it; then the
 * driver stops touching the device instead of acting on garbage.
 *
 * Return: the register value, or all ones once the device is gone.
 */
u32 iovnic_pf_rd32(struct iovnic_pf *pf, u32 reg)
{
	u32 val;

	if (unlikely(test_bit(IOVNIC_PF_DETACHED, pf->state)))
		return ~0U;

	val = readl(pf->hw + reg);
	if (unlikely(val == ~0U)) {
		if (reg == IOVNIC_STATUS || readl(pf->hw + IOVNIC_STATUS) == ~0U) {
			if (!test_and_set_bit(IOVNIC_PF_DETACHED, pf->state)) {
				dev_err(&pf->pdev->dev,
					"device reads all ones, detaching\n");
				if (pf->netdev)
					netif_device_detach(pf->netdev);
			}
		}
	}
	return val;
}

/**
 * iovnic_pf_ctrl_rmw() - read-modify-write CTRL or CTRL_EXT
 * @pf: the PF
 * @reg: IOVNIC_CTRL or IOVNIC_CTRL_EXT
 * @clear: bits to clear
 * @set: bits to set
 *
 * Under pf->ctrl_lock: the mailbox server sets CTRL_EXT.PFRSTD from hard
 * IRQ context while RTNL paths and the service task change other bits.
 */
void iovnic_pf_ctrl_rmw(struct iovnic_pf *pf, u32 reg, u32 clear, u32 set)
{
	unsigned long flags;

	spin_lock_irqsave(&pf->ctrl_lock, flags);
	iovnic_pf_rmw32(pf, reg, clear, set);
	spin_unlock_irqrestore(&pf->ctrl_lock, flags);
}

/* Stop the DMA engine before a reset so that no TLP is left half done. */
static void iovnic_pf_disable_pcie_master(struct iovnic_pf *pf)
{
	u32 status;
	int err;

	iovnic_pf_ctrl_rmw(pf, IOVNIC_CTRL, 0, IOVNIC_CTRL_GIO_MASTER_DIS);
	err = iovnic_pf_poll32(pf, IOVNIC_STATUS, status,
			       !(status & IOVNIC_STATUS_GIO_MASTER_EN) ||
			       status == ~0U, 100, 80000);
	if (err)
		dev_dbg(&pf->pdev->dev, "PCIe master disable timed out\n");
}

/**
 * iovnic_pf_hw_reset() - global MAC reset (CTRL.RST)
 * @pf: the PF
 * @eimc: the extended interrupt causes to mask (iovnic_pf_irq_vectors_mask())
 *
 * Leaves all interrupts masked and all receive/transmit disabled. The
 * caller re-programs filters, PHY and queues afterwards.
 *
 * Return: 0, or -ENODEV if the device no longer answers.
 */
int iovnic_pf_hw_reset(struct iovnic_pf *pf, u32 eimc)
{
	u32 eecd;
	int err;

	iovnic_pf_wr32(pf, IOVNIC_IMC, ~0U);
	iovnic_pf_wr32(pf, IOVNIC_EIMC, eimc);
	iovnic_pf_wr32(pf, IOVNIC_RCTL, 0);
	iovnic_pf_wr32(pf, IOVNIC_TCTL, IOVNIC_TCTL_PSP);
	iovnic_pf_flush(pf);
	/* let in-flight descriptors and DMA drain */
	usleep_range(10000, 20000);

	iovnic_pf_disable_pcie_master(pf);
	iovnic_pf_ctrl_rmw(pf, IOVNIC_CTRL, 0, IOVNIC_CTRL_RST);
	usleep_range(1000, 2000);

	/* Silicon reloads the NVM and sets AUTO_RD; QEMU never sets it.
	 * Linux only logs a timeout too: nothing depends on it.
	 */
	err = iovnic_pf_poll32(pf, IOVNIC_EECD, eecd,
			       eecd & IOVNIC_EECD_AUTO_RD, 100, 10000);
	if (err)
		dev_dbg(&pf->pdev->dev, "NVM auto-read not signalled\n");

	iovnic_pf_wr32(pf, IOVNIC_IMC, ~0U);
	iovnic_pf_rd32(pf, IOVNIC_ICR);

	if (iovnic_pf_rd32(pf, IOVNIC_STATUS) == ~0U)
		return -ENODEV;

	/* SLU: let the MAC follow the PHY link; tell firmware a driver runs */
	iovnic_pf_ctrl_rmw(pf, IOVNIC_CTRL,
			   IOVNIC_CTRL_FRCSPD | IOVNIC_CTRL_FRCDPX,
			   IOVNIC_CTRL_SLU);
	iovnic_pf_ctrl_rmw(pf, IOVNIC_CTRL_EXT, 0, IOVNIC_CTRL_EXT_DRV_LOAD);
	return 0;
}

/**
 * iovnic_pf_nvm_read() - read one 16-bit NVM word through EERD
 * @pf: the PF
 * @word: word address
 * @data: where the word goes
 *
 * Return: 0, or -ETIMEDOUT/-ENODEV.
 */
int iovnic_pf_nvm_read(struct iovnic_pf *pf, u16 word, u16 *data)
{
	u32 eerd;
	int err;

	iovnic_pf_wr32(pf, IOVNIC_EERD,
		       FIELD_PREP(IOVNIC_EERD_ADDR, word) | IOVNIC_EERD_START);
	err = iovnic_pf_poll32(pf, IOVNIC_EERD, eerd,
			       eerd & IOVNIC_EERD_DONE, 5, 10000);
	if (eerd == ~0U)
		return -ENODEV;
	if (err)
		return err;
	*data = FIELD_GET(IOVNIC_EERD_DATA, eerd);
	return 0;
}

static void iovnic_pf_nvm_check(struct iovnic_pf *pf)
{
	u16 sum = 0, val;
	u16 i;

	for (i = 0; i < IOVNIC_PF_NVM_CHECKSUM_WORDS; i++) {
		if (iovnic_pf_nvm_read(pf, i, &val))
			return;
		sum += val;
	}
	if (sum != IOVNIC_PF_NVM_CHECKSUM)
		dev_warn(&pf->pdev->dev, "NVM checksum 0x%04x is invalid\n", sum);
}

/**
 * iovnic_pf_read_perm_addr() - fetch the permanent MAC address
 * @pf: the PF
 *
 * Port 0 reads NVM words 0-2. On multi-port parts the other ports' MACs are
 * derived by the NVM loader into RAR0, so those take RAR0 after reset.
 *
 * Return: 0, or -EADDRNOTAVAIL when neither source holds a valid address.
 */
int iovnic_pf_read_perm_addr(struct iovnic_pf *pf)
{
	u8 *addr = pf->perm_addr;
	u32 ral, rah;
	u16 w;
	int i;

	iovnic_pf_nvm_check(pf);

	if (PCI_FUNC(pf->pdev->devfn) == 0) {
		for (i = 0; i < 3; i++) {
			if (iovnic_pf_nvm_read(pf, i, &w))
				break;
			addr[2 * i] = w & 0xff;
			addr[2 * i + 1] = w >> 8;
		}
		if (i == 3 && is_valid_ether_addr(addr))
			return 0;
	}

	ral = iovnic_pf_rd32(pf, IOVNIC_RAL(0));
	rah = iovnic_pf_rd32(pf, IOVNIC_RAH(0));
	put_unaligned_le32(ral, addr);
	put_unaligned_le16(rah & 0xffff, addr + 4);
	if ((rah & IOVNIC_RAH_AV) && is_valid_ether_addr(addr))
		return 0;

	eth_zero_addr(addr);
	return -EADDRNOTAVAIL;
}

/**
 * iovnic_pf_write_rar() - program one receive address register
 * @pf: the PF
 * @idx: RAR entry, 0..23
 * @addr: MAC address
 * @pool_mask: VMDq pools (bit n = pool n) that receive frames to @addr
 */
void iovnic_pf_write_rar(struct iovnic_pf *pf, u32 idx, const u8 *addr,
			 u32 pool_mask)
{
	u32 ral = get_unaligned_le32(addr);
	u32 rah = get_unaligned_le16(addr + 4);

	rah |= (pool_mask << IOVNIC_RAH_POOL_SHIFT) & IOVNIC_RAH_POOL;
	rah |= IOVNIC_RAH_AV;
	/* clear AV first so no half-written address ever matches */
	iovnic_pf_wr32(pf, IOVNIC_RAH(idx), 0);
	iovnic_pf_wr32(pf, IOVNIC_RAL(idx), ral);
	iovnic_pf_wr32(pf, IOVNIC_RAH(idx), rah);
}

void iovnic_pf_clear_rar(struct iovnic_pf *pf, u32 idx)
{
	iovnic_pf_wr32(pf, IOVNIC_RAH(idx), 0);
	iovnic_pf_wr32(pf, IOVNIC_RAL(idx), 0);
}

/**
 * iovnic_pf_hw_init_filters() - bring the address/VLAN filters to a known state
 * @pf: the PF
 *
 * After a reset: the PF's own MAC in RAR0, every other filter empty. The
 * SR-IOV code restores the VFs' entries from its reset_done hook.
 */
void iovnic_pf_hw_init_filters(struct iovnic_pf *pf)
{
	int i;

	iovnic_pf_write_rar(pf, 0, pf->netdev ? pf->netdev->dev_addr :
			    pf->perm_addr, BIT(iovnic_pf_pool(pf)));
	for (i = 1; i < IOVNIC_RAR_ENTRIES; i++)
		iovnic_pf_clear_rar(pf, i);
	for (i = 0; i < IOVNIC_MTA_REGS; i++)
		iovnic_pf_wr32(pf, IOVNIC_MTA(i), 0);
	for (i = 0; i < IOVNIC_VFTA_REGS; i++)
		iovnic_pf_wr32(pf, IOVNIC_VFTA(i), 0);
	for (i = 0; i < IOVNIC_MTA_REGS; i++)
		iovnic_pf_wr32(pf, IOVNIC_UTA(i), 0);
	for (i = 0; i < IOVNIC_VLVF_ENTRIES; i++)
		iovnic_pf_wr32(pf, IOVNIC_VLVF(i), 0);
}

static int iovnic_pf_mdic(struct iovnic_pf *pf, u32 cmd, u16 *val)
{
	u32 mdic;
	int err;

	lockdep_assert_held(&pf->phy_lock);

	cmd |= FIELD_PREP(IOVNIC_MDIC_PHY, IOVNIC_PHY_ADDR);
	iovnic_pf_wr32(pf, IOVNIC_MDIC, cmd);
	err = iovnic_pf_poll32(pf, IOVNIC_MDIC, mdic,
			       mdic & (IOVNIC_MDIC_READY | IOVNIC_MDIC_ERROR),
			       50, 100000);
	if (mdic == ~0U)
		return -ENODEV;
	if (err)
		return err;
	if (mdic & IOVNIC_MDIC_ERROR)
		return -EIO;
	if (val)
		*val = FIELD_GET(IOVNIC_MDIC_DATA, mdic);
	return 0;
}

/**
 * iovnic_pf_phy_read() - read a PHY register over MDIO
 * @pf: the PF
 * @reg: PHY register (0..31)
 * @val: the value read
 *
 * Return: 0, -EIO if the PHY refused, -ETIMEDOUT or -ENODEV.
 */
int iovnic_pf_phy_read(struct iovnic_pf *pf, u32 reg, u16 *val)
{
	int err;

	mutex_lock(&pf->phy_lock);
	err = iovnic_pf_mdic(pf, FIELD_PREP(IOVNIC_MDIC_REG, reg) |
			     IOVNIC_MDIC_OP_READ, val);
	mutex_unlock(&pf->phy_lock);
	return err;
}

/**
 * iovnic_pf_phy_write() - write a PHY register over MDIO
 * @pf: the PF
 * @reg: PHY register (0..31)
 * @val: value
 *
 * Return: 0, -EIO if the PHY refused, -ETIMEDOUT or -ENODEV.
 */
int iovnic_pf_phy_write(struct iovnic_pf *pf, u32 reg, u16 val)
{
	int err;

	mutex_lock(&pf->phy_lock);
	err = iovnic_pf_mdic(pf, FIELD_PREP(IOVNIC_MDIC_REG, reg) |
			     FIELD_PREP(IOVNIC_MDIC_DATA, val) |
			     IOVNIC_MDIC_OP_WRITE, NULL);
	mutex_unlock(&pf->phy_lock);
	return err;
}

/**
 * iovnic_pf_phy_restart_an() - (re)start autonegotiation
 * @pf: the PF
 *
 * The link never comes up after a reset until this is done; LSC follows
 * when negotiation completes. Callers go through iovnic_pf_fc_restart_an(),
 * which first puts the PAUSE advertisement in place.
 *
 * Return: 0 or a PHY access error.
 */
int iovnic_pf_phy_restart_an(struct iovnic_pf *pf)
{
	u16 bmcr;
	int err;

	err = iovnic_pf_phy_read(pf, IOVNIC_PHY_BMCR, &bmcr);
	if (err)
		return err;
	bmcr |= BMCR_ANENABLE | BMCR_ANRESTART;
	bmcr &= ~BMCR_PDOWN;
	return iovnic_pf_phy_write(pf, IOVNIC_PHY_BMCR, bmcr);
}

/**
 * iovnic_pf_hw_force_speed() - force 10/100 in the PHY and the MAC
 * @pf: the PF
 * @speed: SPEED_10 or SPEED_100 (1000BASE-T needs autonegotiation)
 * @duplex: DUPLEX_HALF or DUPLEX_FULL
 *
 * Return: 0 or a PHY access error.
 */
int iovnic_pf_hw_force_speed(struct iovnic_pf *pf, u32 speed, u8 duplex)
{
	u32 ctrl = IOVNIC_CTRL_FRCSPD | IOVNIC_CTRL_FRCDPX |
		   FIELD_PREP(IOVNIC_CTRL_SPD_SEL, speed == SPEED_100 ? 1 : 0);
	u16 bmcr = 0;

	if (speed == SPEED_100)
		bmcr |= BMCR_SPEED100;
	if (duplex == DUPLEX_FULL) {
		bmcr |= BMCR_FULLDPLX;
		ctrl |= IOVNIC_CTRL_FD;
	}
	iovnic_pf_ctrl_rmw(pf, IOVNIC_CTRL,
			   IOVNIC_CTRL_SPD_SEL | IOVNIC_CTRL_FD, ctrl);
	return iovnic_pf_phy_write(pf, IOVNIC_PHY_BMCR, bmcr);
}

/**
 * iovnic_pf_hw_unforce_speed() - let the MAC take speed and duplex from
 *	the PHY again
 * @pf: the PF
 */
void iovnic_pf_hw_unforce_speed(struct iovnic_pf *pf)
{
	iovnic_pf_ctrl_rmw(pf, IOVNIC_CTRL,
			   IOVNIC_CTRL_FRCSPD | IOVNIC_CTRL_FRCDPX, 0);
}

/**
 * iovnic_pf_hw_link_read() - read STATUS into link_up, link_speed and
 *	link_duplex
 * @pf: the PF
 *
 * Return: 1 if link_up changed, 0 if not, -ENODEV if the device is gone
 * (nothing updated).
 */
int iovnic_pf_hw_link_read(struct iovnic_pf *pf)
{
	bool was_up = pf->link_up;
	u32 status;

	status = iovnic_pf_rd32(pf, IOVNIC_STATUS);
	if (status == ~0U)
		return -ENODEV;

	pf->link_up = !!(status & IOVNIC_STATUS_LU);
	if (pf->link_up) {
		switch (FIELD_GET(IOVNIC_STATUS_SPEED, status)) {
		case IOVNIC_STATUS_SPEED_1000:
			pf->link_speed = SPEED_1000;
			break;
		case IOVNIC_STATUS_SPEED_100:
			pf->link_speed = SPEED_100;
			break;
		default:
			pf->link_speed = SPEED_10;
			break;
		}
		pf->link_duplex = (status & IOVNIC_STATUS_FD) ? DUPLEX_FULL :
								DUPLEX_HALF;
	} else {
		pf->link_speed = SPEED_UNKNOWN;
		pf->link_duplex = DUPLEX_UNKNOWN;
	}
	return was_up != pf->link_up;
}
