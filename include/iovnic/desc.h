/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * 82576 advanced receive and transmit descriptors (16 bytes each).
 * The same layouts serve PF and VF queues.
 */
#ifndef _IOVNIC_DESC_H_
#define _IOVNIC_DESC_H_

#include <linux/bits.h>
#include <linux/types.h>

/* RX, read format (driver to device) */
struct iovnic_rx_desc_read {
	__le64 pkt_addr;
	__le64 hdr_addr;	/* bit 0 overlaps DD: keep it 0 */
};

/* RX, write-back format (device to driver) */
struct iovnic_rx_desc_wb {
	__le32 pkt_info;	/* RSS type 3:0, packet type 15:4 */
	__le32 rss_hash;	/* with RXCSUM.PCSD */
	__le32 status_error;	/* status 19:0, errors 31:20 */
	__le16 length;
	__le16 vlan;
};

union iovnic_rx_desc {
	struct iovnic_rx_desc_read read;
	struct iovnic_rx_desc_wb wb;
};

#define IOVNIC_RXD_RSSTYPE		GENMASK(3, 0)
#define IOVNIC_RXD_PKTTYPE_IPV4		BIT(4)
#define IOVNIC_RXD_PKTTYPE_IPV6		BIT(6)
#define IOVNIC_RXD_PKTTYPE_TCP		BIT(8)
#define IOVNIC_RXD_PKTTYPE_UDP		BIT(9)
#define IOVNIC_RXD_PKTTYPE_SCTP		BIT(10)

#define IOVNIC_RXD_STAT_DD		BIT(0)
#define IOVNIC_RXD_STAT_EOP		BIT(1)
#define IOVNIC_RXD_STAT_VP		BIT(3)
#define IOVNIC_RXD_STAT_UDPCS		BIT(4)
#define IOVNIC_RXD_STAT_L4CS		BIT(5)
#define IOVNIC_RXD_STAT_IPCS		BIT(6)
#define IOVNIC_RXD_STAT_PIF		BIT(7)
#define IOVNIC_RXD_STAT_LB		BIT(18)
#define IOVNIC_RXD_ERR_HBO		BIT(23)
#define IOVNIC_RXD_ERR_L4E		BIT(29)
#define IOVNIC_RXD_ERR_IPE		BIT(30)
#define IOVNIC_RXD_ERR_RXE		BIT(31)

/* TX data and context descriptors */
struct iovnic_tx_desc {
	__le64 buffer_addr;
	__le32 cmd_type_len;
	__le32 olinfo_status;
};

struct iovnic_tx_ctx_desc {
	__le32 vlan_macip_lens;
	__le32 seqnum_seed;
	__le32 type_tucmd_mlhl;
	__le32 mss_l4len_idx;
};

/* cmd_type_len */
#define IOVNIC_TXD_DTALEN		GENMASK(15, 0)
#define IOVNIC_TXD_DTYP_DATA		(0x3 << 20)
#define IOVNIC_TXD_DTYP_CTXT		(0x2 << 20)
#define IOVNIC_TXD_CMD_EOP		BIT(24)
#define IOVNIC_TXD_CMD_IFCS		BIT(25)
#define IOVNIC_TXD_CMD_RS		BIT(27)
#define IOVNIC_TXD_CMD_DEXT		BIT(29)
#define IOVNIC_TXD_CMD_VLE		BIT(30)
#define IOVNIC_TXD_CMD_TSE		BIT(31)
/* olinfo_status */
#define IOVNIC_TXD_STAT_DD		BIT(0)
#define IOVNIC_TXD_IDX_SHIFT		4
#define IOVNIC_TXD_POPTS_IXSM		BIT(8)
#define IOVNIC_TXD_POPTS_TXSM		BIT(9)
#define IOVNIC_TXD_PAYLEN_SHIFT		14
/* context descriptor */
#define IOVNIC_TXCTX_IPLEN		GENMASK(8, 0)
#define IOVNIC_TXCTX_MACLEN_SHIFT	9
#define IOVNIC_TXCTX_VLAN_SHIFT		16
#define IOVNIC_TXCTX_TUCMD_IPV4		BIT(10)
#define IOVNIC_TXCTX_TUCMD_L4T_UDP	(0x0 << 11)
#define IOVNIC_TXCTX_TUCMD_L4T_TCP	(0x1 << 11)
#define IOVNIC_TXCTX_TUCMD_L4T_SCTP	(0x2 << 11)
#define IOVNIC_TXCTX_L4LEN_SHIFT	8
#define IOVNIC_TXCTX_MSS_SHIFT		16

/* Most buffers one packet may use; QEMU drops packets with more than 64. */
#define IOVNIC_TX_MAX_BUFS_PER_PKT	64

#endif /* _IOVNIC_DESC_H_ */
