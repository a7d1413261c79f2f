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
#ifdef __KERNEL__
#include <linux/build_bug.h>
#include <linux/types.h>
#else
/*
 * User space (the selftests' iovnic_rogue_vf) includes this header too,
 * after defining u8/u16/u32, BIT() and GENMASK(): everything below is
 * plain C with no kernel helper beyond those.
 */
#include <assert.h>
#endif

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

/*
 * Message lengths in words, word 0 included (iovnic-mailbox.rst,
 * "Messages"). A reply is one word except where a length is given here;
 * words the PF does not rewrite keep the request's content.
 */
#define IOVNIC_MBX_REPLY_WORDS		1	/* base replies but RESET's */
#define IOVNIC_MBX_RESET_WORDS		1
#define IOVNIC_MBX_RESET_REPLY_WORDS	3	/* ACK + MAC, or NACK */
#define IOVNIC_MBX_MAC_WORDS		3	/* SET_MAC_ADDR: MAC in w1-w2 */
#define IOVNIC_MBX_VLAN_WORDS		2	/* SET_VLAN: VID in w1 */
#define IOVNIC_MBX_LPE_WORDS		2	/* SET_LPE: frame size in w1 */
#define IOVNIC_MBX_PROMISC_WORDS	1
#define IOVNIC_MBX_PING_WORDS		1	/* PF_CONTROL */
/* SET_MULTICAST carrying @n hashes, two per word */
#define IOVNIC_MBX_MC_WORDS(n)		(1 + ((n) + 1) / 2)

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

#define IOVNIC_MBX_NEGOTIATE_WORDS	3	/* w1 version, w2 caps */
#define IOVNIC_MBX_QUERY_WORDS		1	/* GET_QUEUES, GET_MAX_FRAME */
#define IOVNIC_MBX_EXT_REPLY_WORDS	3
#define IOVNIC_MBX_EVENT_WORDS		2	/* w1 event code */

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

static_assert(IOVNIC_MBX_WORDS * 4 == 0x40, "VMBMEM(n) is 64 bytes apart");
static_assert(IOVNIC_MBX_MC_WORDS(IOVNIC_MBX_MAX_MC_HASHES) ==
	      IOVNIC_MBX_WORDS, "30 hashes fill the buffer");
static_assert(IOVNIC_MBX_MAX_MC_HASHES < (IOVNIC_MBX_MSGINFO >>
					  IOVNIC_MBX_MSGINFO_SHIFT),
	      "MSGINFO can count more than 30 hashes (all multicast)");
static_assert((IOVNIC_MBX_MAC_WORDS - 1) * 4 >= 6, "a MAC fits w1-w2");
static_assert(IOVNIC_MBX_RESET_REPLY_WORDS == IOVNIC_MBX_MAC_WORDS,
	      "the RESET reply carries the MAC as SET_MAC_ADDR does");
static_assert(IOVNIC_MBX_EXT_REPLY_WORDS <= IOVNIC_MBX_WORDS,
	      "extension replies fit the buffer");
static_assert(IOVNIC_MBX_EXT_REPLY_WORDS >= IOVNIC_MBX_NEGOTIATE_WORDS,
	      "a NEGOTIATE reply overwrites the whole request");
static_assert((IOVNIC_MBX_EVENT & IOVNIC_MBX_MSG_ID) == IOVNIC_MBX_EVENT &&
	      (IOVNIC_MBX_PF_CONTROL & IOVNIC_MBX_MSG_ID) ==
	      IOVNIC_MBX_PF_CONTROL, "IDs fit bits 15:0");
static_assert(!(IOVNIC_MBX_MSG_ID & IOVNIC_MBX_MSGINFO) &&
	      !((IOVNIC_MBX_MSG_ID | IOVNIC_MBX_MSGINFO) &
		(IOVNIC_MBX_CTS | IOVNIC_MBX_REPLY_BITS)),
	      "word 0 fields do not overlap");

/* --- word 0 --- */

/**
 * iovnic_mbx_hdr() - build word 0 of a request or an unsolicited message
 * @id: message ID (IOVNIC_MBX_RESET...)
 * @info: MSGINFO, the message's argument, count or sub-command
 *
 * Return: word 0, without ACK, NACK or CTS.
 */
static inline u32 iovnic_mbx_hdr(u16 id, u8 info)
{
	return id | (u32)info << IOVNIC_MBX_MSGINFO_SHIFT;
}

/**
 * iovnic_mbx_id() - message ID of word 0
 * @w0: word 0
 *
 * Return: bits 15:0.
 */
static inline u16 iovnic_mbx_id(u32 w0)
{
	return w0 & IOVNIC_MBX_MSG_ID;
}

/**
 * iovnic_mbx_info() - MSGINFO of word 0
 * @w0: word 0
 *
 * Return: bits 23:16.
 */
static inline u8 iovnic_mbx_info(u32 w0)
{
	return (w0 & IOVNIC_MBX_MSGINFO) >> IOVNIC_MBX_MSGINFO_SHIFT;
}

/**
 * iovnic_mbx_set_info() - replace the MSGINFO of word 0
 * @w0: word 0
 * @info: new MSGINFO
 *
 * Return: @w0 with bits 23:16 set to @info, the rest unchanged.
 */
static inline u32 iovnic_mbx_set_info(u32 w0, u8 info)
{
	return (w0 & ~IOVNIC_MBX_MSGINFO) |
	       (u32)info << IOVNIC_MBX_MSGINFO_SHIFT;
}

/* --- payload --- */

/**
 * iovnic_mbx_put_mac() - store a MAC in words 1-2
 * @msg: the message, at least IOVNIC_MBX_MAC_WORDS long
 * @addr: six bytes; byte 0 is the low byte of word 1, bytes 4-5 the low
 *	half of word 2 (whose high half becomes zero)
 */
static inline void iovnic_mbx_put_mac(u32 *msg, const u8 *addr)
{
	msg[1] = addr[0] | addr[1] << 8 | addr[2] << 16 | (u32)addr[3] << 24;
	msg[2] = addr[4] | addr[5] << 8;
}

/**
 * iovnic_mbx_get_mac() - read the MAC of words 1-2
 * @msg: the message, at least IOVNIC_MBX_MAC_WORDS long
 * @addr: six bytes to fill; the high half of word 2 is ignored
 */
static inline void iovnic_mbx_get_mac(const u32 *msg, u8 *addr)
{
	addr[0] = msg[1];
	addr[1] = msg[1] >> 8;
	addr[2] = msg[1] >> 16;
	addr[3] = msg[1] >> 24;
	addr[4] = msg[2];
	addr[5] = msg[2] >> 8;
}

/**
 * iovnic_mbx_put_mc_hash() - add hash @i of a SET_MULTICAST
 * @msg: the message, zeroed beforehand
 * @i: index, below IOVNIC_MBX_MAX_MC_HASHES
 * @hash: 16-bit hash; even indices go in the low half of a word
 */
static inline void iovnic_mbx_put_mc_hash(u32 *msg, unsigned int i, u16 hash)
{
	msg[1 + i / 2] |= (u32)hash << (16 * (i & 1));
}

/**
 * iovnic_mbx_get_mc_hash() - hash @i of a SET_MULTICAST
 * @msg: the message
 * @i: index, below IOVNIC_MBX_MAX_MC_HASHES
 *
 * Return: the 16-bit field as sent (a valid hash is at most 0xFFF).
 */
static inline u16 iovnic_mbx_get_mc_hash(const u32 *msg, unsigned int i)
{
	return msg[1 + i / 2] >> (16 * (i & 1));
}

/* Multicast hash type 0 (RCTL.MO = 0): bits 47:36 of the address */
static inline u16 iovnic_mta_hash(const u8 *addr)
{
	return ((addr[5] << 8 | addr[4]) >> 4) & 0xFFF;
}

#endif /* _IOVNIC_MBX_H_ */
