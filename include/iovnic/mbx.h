/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PF <-> VF mailbox protocol of the 82576, wire compatible with the
 * stock igb (PF) and igbvf (VF) drivers, plus iovnic's negotiated
 * extensions. Documentation/networking/device_drivers/ethernet/
 * iovnic-mailbox.rst is the specification; this header is its code form.
 */
#ifndef _IOVNIC_MBX_H_
#define _IOVNIC_MBX_H_

#include <linux/bits.h>

#define IOVNIC_MBX_WORDS		16	/* 64-byte buffer per VF */

/* Word 0 */
#define IOVNIC_MBX_MSG_ID		GENMASK(15, 0)
#define IOVNIC_MBX_MSGINFO		GENMASK(23, 16)
#define IOVNIC_MBX_MSGINFO_SHIFT	16
#define IOVNIC_MBX_CTS			BIT(29)
#define IOVNIC_MBX_NACK			BIT(30)
#define IOVNIC_MBX_ACK			BIT(31)
#define IOVNIC_MBX_REPLY_BITS		(IOVNIC_MBX_ACK | IOVNIC_MBX_NACK)

/* Base message IDs (igb/igbvf) */
#define IOVNIC_MBX_RESET		0x01
#define IOVNIC_MBX_SET_MAC_ADDR		0x02
#define IOVNIC_MBX_SET_MULTICAST	0x03
#define IOVNIC_MBX_SET_VLAN		0x04
#define IOVNIC_MBX_SET_LPE		0x05
#define IOVNIC_MBX_SET_PROMISC		0x06
#define IOVNIC_MBX_PF_CONTROL		0x0100	/* PF -> VF ping */

/* SET_MAC_ADDR sub-commands (MSGINFO) */
#define IOVNIC_MBX_MAC_SET		0
#define IOVNIC_MBX_MAC_FILTER_CLR	1
#define IOVNIC_MBX_MAC_FILTER_ADD	2

/* SET_PROMISC flags (MSGINFO) */
#define IOVNIC_MBX_PROMISC_UNICAST	0x01	/* not supported by igb */
#define IOVNIC_MBX_PROMISC_MULTICAST	0x02

/* SET_MULTICAST: at most 30 16-bit hashes, two per word from word 1 */
#define IOVNIC_MBX_MAX_MC_HASHES	30

/* Reply lengths in words, as igbvf reads them */
#define IOVNIC_MBX_RESET_REPLY_WORDS	3

/*
 * iovnic extensions (protocol version 1). Stock igb NACKs unknown IDs,
 * which is the feature probe: a VF that gets NACK to NEGOTIATE speaks the
 * base protocol only. IDs and capability bits are never reused or
 * renumbered; new ones are only appended, and a new version only adds.
 *
 * NEGOTIATE (VF -> PF, after every RESET; a RESET forgets the result):
 *   w1 = highest version the VF speaks, w2 = capabilities it wants.
 *   Reply ACK (3 words): w1 = version both use (the lower of the two),
 *   w2 = capabilities granted, a subset of w2 asked. Unknown bits are
 *   ignored by both sides.
 * GET_QUEUES (CAP_QUEUES): reply w1 = queue pairs the VF may use (1..2),
 *   w2 = IOVNIC_MBX_QUEUES_* flags.
 * GET_MAX_FRAME (CAP_MAX_FRAME): reply w1 = largest frame SET_LPE
 *   accepts, counted as SET_LPE counts it (MTU + ETH_HLEN + ETH_FCS_LEN);
 *   larger SET_LPE requests are NACKed.
 * EVENT (PF -> VF, unsolicited like a ping, CTS as in a ping):
 *   w1 = IOVNIC_MBX_EVENT_*. LINK_UP/LINK_DOWN need CAP_EVENTS (PF link
 *   or "ip link set <pf> vf N state"); ADMIN_CHANGE needs CAP_LIVE_ADMIN:
 *   the administrator changed this VF's MAC or port VLAN or revoked its
 *   trust, and the VF redoes its RESET handshake, taking the MAC the RESET
 *   reply gives if that changed (granting trust needs no event). A VF
 *   without the capability gets a plain ping.
 */
#define IOVNIC_MBX_NEGOTIATE		0x0710
#define IOVNIC_MBX_GET_QUEUES		0x0711
#define IOVNIC_MBX_GET_MAX_FRAME	0x0712
#define IOVNIC_MBX_EVENT		0x0720

#define IOVNIC_MBX_EXT_REPLY_WORDS	3

#define IOVNIC_MBX_VERSION		1

#define IOVNIC_MBX_CAP_QUEUES		BIT(0)
#define IOVNIC_MBX_CAP_EVENTS		BIT(1)
#define IOVNIC_MBX_CAP_LIVE_ADMIN	BIT(2)
#define IOVNIC_MBX_CAP_MAX_FRAME	BIT(3)
#define IOVNIC_MBX_CAPS_V1		GENMASK(3, 0)

#define IOVNIC_MBX_QUEUES_RSS		BIT(0)	/* RX spread over the pairs */

#define IOVNIC_MBX_EVENT_LINK_UP	1
#define IOVNIC_MBX_EVENT_LINK_DOWN	2
#define IOVNIC_MBX_EVENT_ADMIN_CHANGE	3

/* Timing of the stock drivers, which both our sides follow */
#define IOVNIC_MBX_LOCK_TRIES		11
#define IOVNIC_MBX_LOCK_DELAY_US	1000
#define IOVNIC_MBX_TIMEOUT_US		1000000

/* Multicast hash type 0 (RCTL.MO = 0): bits 47:36 of the address */
static inline u16 iovnic_mta_hash(const u8 *addr)
{
	return ((addr[5] << 8 | addr[4]) >> 4) & 0xFFF;
}

#endif /* _IOVNIC_MBX_H_ */
