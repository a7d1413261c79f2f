/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Intel 82576 register map, as the iovnic PF and VF drivers use it.
 *
 * Offsets are bytes into BAR0 of the PF or of a VF; every register is
 * 32 bits wide and must be accessed with 32-bit MMIO.
 */
#ifndef _IOVNIC_REGS_H_
#define _IOVNIC_REGS_H_

#include <linux/bits.h>
#include <linux/types.h>

/* PCI identity */
#define IOVNIC_VENDOR_INTEL		0x8086
#define IOVNIC_DEV_82576		0x10C9
#define IOVNIC_DEV_82576_FIBER		0x10E6
#define IOVNIC_DEV_82576_SERDES		0x10E7
#define IOVNIC_DEV_82576_QUAD_COPPER	0x10E8
#define IOVNIC_DEV_82576_QUAD_CU_ET2	0x1526
#define IOVNIC_DEV_82576_NS		0x150A
#define IOVNIC_DEV_82576_NS_SERDES	0x1518
#define IOVNIC_DEV_82576_SERDES_QUAD	0x150D
#define IOVNIC_DEV_82576_VF		0x10CA

/* Resource counts */
#define IOVNIC_MAX_QUEUES		16
#define IOVNIC_NUM_POOLS		8
#define IOVNIC_MAX_VFS			7	/* an 8th VF would steal PF vectors */
#define IOVNIC_PF_MSIX_VECTORS		10
#define IOVNIC_VF_MSIX_VECTORS		3
#define IOVNIC_VF_QUEUES		2
#define IOVNIC_RAR_ENTRIES		24
#define IOVNIC_MTA_REGS			128
#define IOVNIC_VFTA_REGS		128
#define IOVNIC_VLVF_ENTRIES		32
#define IOVNIC_RETA_ENTRIES		128
#define IOVNIC_RSS_KEY_BYTES		40
#define IOVNIC_EICR_BITS		25

/* Pool p owns PF queues p and p + 8. */
#define IOVNIC_POOL_QUEUE(pool, n)	((pool) + 8 * (n))

/* General control and status */
#define IOVNIC_CTRL			0x0000
#define   IOVNIC_CTRL_FD		BIT(0)
#define   IOVNIC_CTRL_GIO_MASTER_DIS	BIT(2)
#define   IOVNIC_CTRL_SLU		BIT(6)
#define   IOVNIC_CTRL_SPD_SEL		GENMASK(9, 8)
#define   IOVNIC_CTRL_FRCSPD		BIT(11)
#define   IOVNIC_CTRL_FRCDPX		BIT(12)
#define   IOVNIC_CTRL_RST		BIT(26)
#define   IOVNIC_CTRL_RFCE		BIT(27)	/* honour received PAUSE */
#define   IOVNIC_CTRL_TFCE		BIT(28)	/* send PAUSE (XOFF/XON) */
#define   IOVNIC_CTRL_VME		BIT(30)
#define   IOVNIC_CTRL_PHY_RST		BIT(31)
#define IOVNIC_STATUS			0x0008
#define   IOVNIC_STATUS_FD		BIT(0)
#define   IOVNIC_STATUS_LU		BIT(1)
#define   IOVNIC_STATUS_SPEED		GENMASK(7, 6)
#define   IOVNIC_STATUS_SPEED_1000	2
#define   IOVNIC_STATUS_SPEED_100	1
#define   IOVNIC_STATUS_PHYRA		BIT(10)
#define   IOVNIC_STATUS_NUM_VFS		GENMASK(17, 14)
#define   IOVNIC_STATUS_IOV_MODE	BIT(18)
#define   IOVNIC_STATUS_GIO_MASTER_EN	BIT(19)
#define IOVNIC_EECD			0x0010
#define   IOVNIC_EECD_PRES		BIT(8)
#define   IOVNIC_EECD_AUTO_RD		BIT(9)
#define IOVNIC_EERD			0x0014
#define   IOVNIC_EERD_START		BIT(0)
#define   IOVNIC_EERD_DONE		BIT(1)
#define   IOVNIC_EERD_ADDR		GENMASK(15, 2)
#define   IOVNIC_EERD_DATA		GENMASK(31, 16)
#define IOVNIC_CTRL_EXT			0x0018
#define   IOVNIC_CTRL_EXT_PFRSTD	BIT(14)
#define   IOVNIC_CTRL_EXT_EXT_VLAN	BIT(26)
#define   IOVNIC_CTRL_EXT_DRV_LOAD	BIT(28)
#define IOVNIC_MDIC			0x0020
#define   IOVNIC_MDIC_DATA		GENMASK(15, 0)
#define   IOVNIC_MDIC_REG		GENMASK(20, 16)
#define   IOVNIC_MDIC_PHY		GENMASK(25, 21)
#define   IOVNIC_MDIC_OP_WRITE		BIT(26)
#define   IOVNIC_MDIC_OP_READ		BIT(27)
#define   IOVNIC_MDIC_READY		BIT(28)
#define   IOVNIC_MDIC_ERROR		BIT(30)
#define IOVNIC_VET			0x0038

/* Flow control (802.3x PAUSE) */
#define IOVNIC_FCAL			0x0028	/* PAUSE destination, low */
#define IOVNIC_FCAH			0x002C	/* PAUSE destination, high */
#define IOVNIC_FCT			0x0030	/* PAUSE EtherType */
#define IOVNIC_FCTTV			0x0170	/* pause time sent in XOFF */
#define IOVNIC_FCRTL			0x2160	/* XON threshold (RX buffer) */
#define   IOVNIC_FCRTL_XONE		BIT(31)	/* send XON below it */
#define IOVNIC_FCRTH			0x2168	/* XOFF threshold (RX buffer) */
/* 01:80:C2:00:00:01 as FCAL/FCAH hold it, and the MAC Control type */
#define IOVNIC_FC_ADDR_LOW		0x00C28001
#define IOVNIC_FC_ADDR_HIGH		0x0100
#define IOVNIC_FC_TYPE			0x8808
#define IOVNIC_SWSM			0x5B50
#define IOVNIC_FWSM			0x5B54
#define IOVNIC_SW_FW_SYNC		0x5B5C

/* PHY (MDIO, address 1 on the 82576 copper port) */
#define IOVNIC_PHY_ADDR			1
#define IOVNIC_PHY_BMCR			0x00
#define IOVNIC_PHY_BMSR			0x01
#define IOVNIC_PHY_ID1			0x02
#define IOVNIC_PHY_ID2			0x03
#define IOVNIC_PHY_ANAR			0x04
#define IOVNIC_PHY_ANLPAR		0x05
#define IOVNIC_PHY_1000T_CTRL		0x09
#define IOVNIC_PHY_1000T_STATUS		0x0A
/* NVM word 0x0F (Initialization Control 2): the board's default PAUSE */
#define IOVNIC_NVM_INIT_CTRL2		0x0F
#define   IOVNIC_NVM_INIT_CTRL2_PAUSE	GENMASK(13, 12)	/* ADVERTISE_PAUSE_* >> 2 */

/* Interrupts: "other" causes */
#define IOVNIC_ICR			0x00C0
#define IOVNIC_ICS			0x00C8
#define IOVNIC_IMS			0x00D0
#define IOVNIC_IMC			0x00D8
#define IOVNIC_IAM			0x00E0
#define   IOVNIC_ICR_TXDW		BIT(0)
#define   IOVNIC_ICR_LSC		BIT(2)
#define   IOVNIC_ICR_RXDMT0		BIT(4)
#define   IOVNIC_ICR_RXO		BIT(6)
#define   IOVNIC_ICR_RXT0		BIT(7)
#define   IOVNIC_ICR_VMMB		BIT(8)
#define   IOVNIC_ICR_MDAC		BIT(9)
#define   IOVNIC_ICR_DOUTSYNC		BIT(28)
#define   IOVNIC_ICR_DRSTA		BIT(30)
#define   IOVNIC_ICR_INT_ASSERTED	BIT(31)

/* Interrupts: per-vector (extended) causes */
#define IOVNIC_GPIE			0x1514
#define   IOVNIC_GPIE_NSICR		BIT(0)
#define   IOVNIC_GPIE_MSIX_MODE		BIT(4)
#define   IOVNIC_GPIE_EIAME		BIT(30)
#define   IOVNIC_GPIE_PBA		BIT(31)
#define IOVNIC_EICS			0x1520
#define IOVNIC_EIMS			0x1524
#define IOVNIC_EIMC			0x1528
#define IOVNIC_EIAC			0x152C
#define IOVNIC_EIAM			0x1530
#define IOVNIC_EICR			0x1580
#define IOVNIC_EITR(n)			(0x1680 + 4 * (n))
#define   IOVNIC_EITR_INTERVAL		GENMASK(14, 2)
#define   IOVNIC_EITR_CNT_IGNR		BIT(31)
#define IOVNIC_IVAR(i)			(0x1700 + 4 * (i))
#define   IOVNIC_IVAR_VALID		BIT(7)
#define IOVNIC_IVAR_MISC		0x1740
#define IOVNIC_PBACLR			0x5B68

/* Receive and transmit control */
#define IOVNIC_RCTL			0x0100
#define   IOVNIC_RCTL_EN		BIT(1)
#define   IOVNIC_RCTL_SBP		BIT(2)
#define   IOVNIC_RCTL_UPE		BIT(3)
#define   IOVNIC_RCTL_MPE		BIT(4)
#define   IOVNIC_RCTL_LPE		BIT(5)
#define   IOVNIC_RCTL_LBM		GENMASK(7, 6)
#define   IOVNIC_RCTL_RDMTS		GENMASK(9, 8)
#define   IOVNIC_RCTL_MO		GENMASK(13, 12)
#define   IOVNIC_RCTL_BAM		BIT(15)
#define   IOVNIC_RCTL_BSIZE		GENMASK(17, 16)
#define   IOVNIC_RCTL_VFE		BIT(18)
#define   IOVNIC_RCTL_CFIEN		BIT(19)
#define   IOVNIC_RCTL_DPF		BIT(22)
#define   IOVNIC_RCTL_PMCF		BIT(23)
#define   IOVNIC_RCTL_BSEX		BIT(25)
#define   IOVNIC_RCTL_SECRC		BIT(26)
#define IOVNIC_TCTL			0x0400
#define   IOVNIC_TCTL_EN		BIT(1)
#define   IOVNIC_TCTL_PSP		BIT(3)
#define   IOVNIC_TCTL_CT		GENMASK(11, 4)	/* collision threshold */
#define   IOVNIC_TCTL_COLD		GENMASK(21, 12)	/* collision distance */
#define   IOVNIC_TCTL_RTLC		BIT(24)	/* retransmit on late collision */
#define IOVNIC_RXPBS			0x2404
#define   IOVNIC_RXPBS_SIZE		GENMASK(6, 0)	/* KiB */
#define IOVNIC_QDE			0x2408
#define IOVNIC_TXPBS			0x3404
#define IOVNIC_RXCSUM			0x5000
#define   IOVNIC_RXCSUM_IPOFLD		BIT(8)
#define   IOVNIC_RXCSUM_TUOFLD		BIT(9)
#define   IOVNIC_RXCSUM_CRCOFL		BIT(11)
#define   IOVNIC_RXCSUM_PCSD		BIT(13)
#define IOVNIC_RLPML			0x5004
#define IOVNIC_RFCTL			0x5008
#define   IOVNIC_RFCTL_IPV6_XSUM_DIS	BIT(11)

/*
 * Queue registers. PF queue q (0-15) lives at 0xC000/0xE000 + 0x40 * q.
 * A VF sees its two queues only at the legacy alias layout, 0x2800/0x3800
 * + 0x100 * q; the PF may use the aliases for q < 4 too. The ring code
 * takes a per-queue base so that one implementation serves both.
 */
#define IOVNIC_PF_RXQ_BASE(q)		(0xC000 + 0x40 * (q))
#define IOVNIC_PF_TXQ_BASE(q)		(0xE000 + 0x40 * (q))
#define IOVNIC_VF_RXQ_BASE(q)		(0x2800 + 0x100 * (q))
#define IOVNIC_VF_TXQ_BASE(q)		(0x3800 + 0x100 * (q))
/* offsets relative to a queue base */
#define IOVNIC_RDBAL			0x00
#define IOVNIC_RDBAH			0x04
#define IOVNIC_RDLEN			0x08
#define IOVNIC_SRRCTL			0x0C
#define   IOVNIC_SRRCTL_BSIZEPKT	GENMASK(6, 0)	/* KiB */
#define   IOVNIC_SRRCTL_BSIZEHDR	GENMASK(11, 8)	/* 64 B units */
#define   IOVNIC_SRRCTL_RDMTS		GENMASK(24, 20)
#define   IOVNIC_SRRCTL_DESCTYPE	GENMASK(27, 25)
#define   IOVNIC_SRRCTL_DESCTYPE_ADV_1BUF	1
#define   IOVNIC_SRRCTL_DROP_EN		BIT(31)
#define IOVNIC_RDH			0x10
#define IOVNIC_RDT			0x18
#define IOVNIC_RXDCTL			0x28
#define IOVNIC_RQDPC			0x30
#define IOVNIC_TDBAL			0x00
#define IOVNIC_TDBAH			0x04
#define IOVNIC_TDLEN			0x08
#define IOVNIC_TDH			0x10
#define IOVNIC_TXCTL			0x14
#define IOVNIC_TDT			0x18
#define IOVNIC_TXDCTL			0x28
#define IOVNIC_TDWBAL			0x38
#define IOVNIC_TDWBAH			0x3C
/* RXDCTL and TXDCTL share their layout */
#define   IOVNIC_XDCTL_PTHRESH		GENMASK(4, 0)
#define   IOVNIC_XDCTL_HTHRESH		GENMASK(12, 8)
#define   IOVNIC_XDCTL_WTHRESH		GENMASK(20, 16)
#define   IOVNIC_XDCTL_ENABLE		BIT(25)
#define   IOVNIC_TXDCTL_SWFLSH		BIT(26)

/* RSS and multiple receive queues */
#define IOVNIC_MRQC			0x5818
#define   IOVNIC_MRQC_MODE		GENMASK(2, 0)
#define   IOVNIC_MRQC_MODE_RSS		2
#define   IOVNIC_MRQC_MODE_VMDQ		3
#define   IOVNIC_MRQC_MODE_VMDQ_RSS	5
#define   IOVNIC_MRQC_TCP_IPV4		BIT(16)
#define   IOVNIC_MRQC_IPV4		BIT(17)
#define   IOVNIC_MRQC_TCP_IPV6_EX	BIT(18)
#define   IOVNIC_MRQC_IPV6_EX		BIT(19)
#define   IOVNIC_MRQC_IPV6		BIT(20)
#define   IOVNIC_MRQC_TCP_IPV6		BIT(21)
#define   IOVNIC_MRQC_UDP_IPV4		BIT(22)
#define   IOVNIC_MRQC_UDP_IPV6		BIT(23)
#define   IOVNIC_MRQC_UDP_IPV6_EX	BIT(24)
#define IOVNIC_RETA(i)			(0x5C00 + 4 * (i))	/* 32 regs */
#define IOVNIC_RSSRK(i)			(0x5C80 + 4 * (i))	/* 10 regs */

/* Address filters: RAR entries 0-15 and 16-23 live in separate blocks */
static inline u32 iovnic_rar_low_reg(unsigned int i)
{
	return i < 16 ? 0x5400 + 8 * i : 0x54E0 + 8 * (i - 16);
}

#define IOVNIC_RAL(i)	iovnic_rar_low_reg(i)
#define IOVNIC_RAH(i)	(iovnic_rar_low_reg(i) + 4)
#define   IOVNIC_RAH_ASEL		GENMASK(17, 16)
#define   IOVNIC_RAH_POOL_SHIFT		18
#define   IOVNIC_RAH_POOL		GENMASK(25, 18)
#define   IOVNIC_RAH_AV			BIT(31)
#define IOVNIC_MTA(i)			(0x5200 + 4 * (i))
#define IOVNIC_UTA(i)			(0xA000 + 4 * (i))
#define IOVNIC_VFTA(i)			(0x5600 + 4 * (i))
#define IOVNIC_VLVF(i)			(0x5D00 + 4 * (i))
#define   IOVNIC_VLVF_VID		GENMASK(11, 0)
#define   IOVNIC_VLVF_POOLSEL_SHIFT	12
#define   IOVNIC_VLVF_POOLSEL		GENMASK(19, 12)
#define   IOVNIC_VLVF_VI_EN		BIT(31)

/* VMDq and the embedded switch */
#define IOVNIC_VT_CTL			0x581C
#define   IOVNIC_VT_CTL_DEF_PL		GENMASK(9, 7)
#define   IOVNIC_VT_CTL_IGNORE_MAC	BIT(28)
#define   IOVNIC_VT_CTL_DIS_DEF_POOL	BIT(29)
#define   IOVNIC_VT_CTL_REPL_EN		BIT(30)
#define IOVNIC_VMOLR(n)			(0x5AD0 + 4 * (n))
#define   IOVNIC_VMOLR_RLPML		GENMASK(13, 0)
#define   IOVNIC_VMOLR_LPE		BIT(16)
#define   IOVNIC_VMOLR_RSSE		BIT(17)
#define   IOVNIC_VMOLR_AUPE		BIT(24)
#define   IOVNIC_VMOLR_ROMPE		BIT(25)
#define   IOVNIC_VMOLR_ROPE		BIT(26)
#define   IOVNIC_VMOLR_BAM		BIT(27)
#define   IOVNIC_VMOLR_MPME		BIT(28)
#define   IOVNIC_VMOLR_STRVLAN		BIT(30)
#define   IOVNIC_VMOLR_STRCRC		BIT(31)
#define IOVNIC_RPLOLR			0x5AF0
#define   IOVNIC_RPLOLR_STRVLAN		BIT(30)
#define   IOVNIC_RPLOLR_STRCRC		BIT(31)
#define IOVNIC_VMVIR(n)			(0x3700 + 4 * (n))
#define   IOVNIC_VMVIR_TAG		GENMASK(15, 0)
#define   IOVNIC_VMVIR_ALWAYS_INSERT	BIT(30)
#define   IOVNIC_VMVIR_NEVER_INSERT	BIT(31)
#define IOVNIC_DTXSWC			0x3500
#define   IOVNIC_DTXSWC_MAC_SPOOF(n)	BIT(n)
#define   IOVNIC_DTXSWC_VLAN_SPOOF(n)	BIT(8 + (n))
#define   IOVNIC_DTXSWC_LLE(n)		BIT(16 + (n))
#define   IOVNIC_DTXSWC_VMDQ_LOOPBACK	BIT(31)
#define IOVNIC_WVBR			0x3554
#define IOVNIC_DTXCTL			0x3590
#define IOVNIC_VFRE			0x0C8C
#define IOVNIC_VFTE			0x0C90
#define IOVNIC_VFLRE			0x0C88
#define IOVNIC_IOVCTL			0x5BBC

/* TX rate limiting */
#define IOVNIC_RTTDQSEL			0x3604
#define IOVNIC_RTTBCNRM			0x3690
#define IOVNIC_RTTBCNRC			0x36B0
#define   IOVNIC_RTTBCNRC_RS_ENA	BIT(31)
#define   IOVNIC_RTTBCNRC_RF_INT	GENMASK(27, 14)
#define   IOVNIC_RTTBCNRC_RF_DEC	GENMASK(13, 0)

/* Mailbox, PF side */
#define IOVNIC_VMBMEM(n)		(0x0800 + 0x40 * (n))
#define IOVNIC_P2VMAILBOX(n)		(0x0C00 + 4 * (n))
#define   IOVNIC_P2VMAILBOX_STS		BIT(0)
#define   IOVNIC_P2VMAILBOX_ACK		BIT(1)
#define   IOVNIC_P2VMAILBOX_VFU		BIT(2)
#define   IOVNIC_P2VMAILBOX_PFU		BIT(3)
#define   IOVNIC_P2VMAILBOX_RVFU	BIT(4)
#define IOVNIC_MBVFICR			0x0C80
#define   IOVNIC_MBVFICR_VFREQ(n)	BIT(n)
#define   IOVNIC_MBVFICR_VFACK(n)	BIT(16 + (n))
#define IOVNIC_MBVFIMR			0x0C84

/* Global statistics (clear on read) */
#define IOVNIC_CRCERRS			0x4000
#define IOVNIC_ALGNERRC			0x4004
#define IOVNIC_SYMERRS			0x4008
#define IOVNIC_RXERRC			0x400C
#define IOVNIC_MPC			0x4010
#define IOVNIC_SCC			0x4014
#define IOVNIC_ECOL			0x4018
#define IOVNIC_MCC			0x401C
#define IOVNIC_LATECOL			0x4020
#define IOVNIC_COLC			0x4028
#define IOVNIC_DC			0x4030
#define IOVNIC_TNCRS			0x4034
#define IOVNIC_CEXTERR			0x403C
#define IOVNIC_RLEC			0x4040
#define IOVNIC_XONRXC			0x4048
#define IOVNIC_XONTXC			0x404C
#define IOVNIC_XOFFRXC			0x4050
#define IOVNIC_XOFFTXC			0x4054
#define IOVNIC_FCRUC			0x4058
#define IOVNIC_PRC64			0x405C	/* then 127, 255, 511, 1023, 1522 */
#define IOVNIC_PRC(i)			(IOVNIC_PRC64 + 4 * (i))
#define IOVNIC_GPRC			0x4074
#define IOVNIC_BPRC			0x4078
#define IOVNIC_MPRC			0x407C
#define IOVNIC_GPTC			0x4080
#define IOVNIC_GORCL			0x4088
#define IOVNIC_GORCH			0x408C
#define IOVNIC_GOTCL			0x4090
#define IOVNIC_GOTCH			0x4094
#define IOVNIC_RNBC			0x40A0
#define IOVNIC_RUC			0x40A4
#define IOVNIC_RFC			0x40A8
#define IOVNIC_ROC			0x40AC
#define IOVNIC_RJC			0x40B0
#define IOVNIC_TPR			0x40D0
#define IOVNIC_TPT			0x40D4
#define IOVNIC_PTC64			0x40D8	/* then 127, 255, 511, 1023, 1522 */
#define IOVNIC_PTC(i)			(IOVNIC_PTC64 + 4 * (i))
#define IOVNIC_MPTC			0x40F0
#define IOVNIC_BPTC			0x40F4
#define IOVNIC_TSCTC			0x40F8

/* Per-pool statistics: free running, 32 bits, not cleared on read */
#define IOVNIC_PF_VFSTATS(n)		(0x10000 + 0x100 * (n))
#define IOVNIC_VF_VFSTATS		0x0F00
/* offsets relative to a per-pool statistics base */
#define IOVNIC_VFGPRC			0x10
#define IOVNIC_VFGPTC			0x14
#define IOVNIC_VFGORC			0x18
#define IOVNIC_VFGOTC			0x34
#define IOVNIC_VFMPRC			0x3C
#define IOVNIC_VFGPRLBC			0x40
#define IOVNIC_VFGPTLBC			0x44
#define IOVNIC_VFGORLBC			0x48
#define IOVNIC_VFGOTLBC			0x50

/* VF window (VF BAR0) */
#define IOVNIC_VF_CTRL			0x0000
#define   IOVNIC_VF_CTRL_RST		BIT(26)
#define IOVNIC_VF_STATUS		0x0008
#define IOVNIC_VF_EICS			0x1520
#define IOVNIC_VF_EIMS			0x1524
#define IOVNIC_VF_EIMC			0x1528
#define IOVNIC_VF_EIAC			0x152C
#define IOVNIC_VF_EIAM			0x1530
#define IOVNIC_VF_EICR			0x1580
#define IOVNIC_VF_EITR(k)		(0x1680 + 4 * (k))
#define IOVNIC_VF_IVAR0			0x1700
#define IOVNIC_VF_IVAR_MISC		0x1740
#define IOVNIC_VF_VMBMEM		0x0800
#define IOVNIC_V2PMAILBOX		0x0C40
#define   IOVNIC_V2PMAILBOX_REQ		BIT(0)
#define   IOVNIC_V2PMAILBOX_ACK		BIT(1)
#define   IOVNIC_V2PMAILBOX_VFU		BIT(2)
#define   IOVNIC_V2PMAILBOX_PFU		BIT(3)
#define   IOVNIC_V2PMAILBOX_PFSTS	BIT(4)
#define   IOVNIC_V2PMAILBOX_PFACK	BIT(5)
#define   IOVNIC_V2PMAILBOX_RSTI	BIT(6)
#define   IOVNIC_V2PMAILBOX_RSTD	BIT(7)
/* the read-to-clear bits a VF must remember once seen */
#define   IOVNIC_V2PMAILBOX_R2C_BITS	(IOVNIC_V2PMAILBOX_PFSTS | \
					 IOVNIC_V2PMAILBOX_PFACK | \
					 IOVNIC_V2PMAILBOX_RSTD)

/*
 * Interrupt numbering in the shared 25-bit EICR space: VF n's vector k is
 * PF EICR bit 22 - 3n + k. The PF must never touch those bits.
 */
#define IOVNIC_VF_EICR_BIT(vf, k)	(22 - 3 * (vf) + (k))

/* Largest frame the hardware accepts (bytes, including CRC). */
#define IOVNIC_MAX_FRAME		9728
#define IOVNIC_MAX_MTU			9216
#define IOVNIC_MIN_MTU			68

#endif /* _IOVNIC_REGS_H_ */
