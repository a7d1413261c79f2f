// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_lib: TX offloads. The advanced context descriptor tells the
 * device where the L3/L4 headers are (checksum insertion, TSO) and which
 * VLAN tag to insert; the data descriptors then ask for them with
 * DCMD.TSE/VLE and POPTS.TXSM/IXSM.
 */
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/sctp.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip6_checksum.h>

#include "iovnic_lib_int.h"

/* context descriptor field limits */
#define IOVNIC_TXCTX_MACLEN_MAX		127
#define IOVNIC_TXCTX_IPLEN_MAX		511

static void iovnic_tx_ctx_desc(struct iovnic_ring *ring, u32 vlan_macip_lens,
			       u32 type_tucmd, u32 mss_l4len_idx)
{
	const struct iovnic_tx_ctx_desc ctx = {
		.vlan_macip_lens = cpu_to_le32(vlan_macip_lens),
		.type_tucmd_mlhl = cpu_to_le32(type_tucmd | IOVNIC_TXD_CMD_DEXT |
					       IOVNIC_TXD_DTYP_CTXT),
		.mss_l4len_idx = cpu_to_le32(mss_l4len_idx),
	};
	u16 i = ring->next_to_use;

	/*
	 * The queue keeps the last context (slot 0, IDX 0) until it is
	 * reset: a stream of like frames needs it written once, not once
	 * per frame.
	 */
	if (ring->tx_ctx_valid && !memcmp(&ring->tx_ctx, &ctx, sizeof(ctx)))
		return;
	ring->tx_ctx = ctx;
	ring->tx_ctx_valid = true;

	*(struct iovnic_tx_ctx_desc *)iovnic_tx_desc(ring, i) = ctx;
	i++;
	ring->next_to_use = i < ring->count ? i : 0;
}

static u32 iovnic_tx_vlan(const struct sk_buff *skb, u32 *cmd)
{
	if (!skb_vlan_tag_present(skb))
		return 0;
	*cmd |= IOVNIC_TXD_CMD_VLE;
	return (u32)skb_vlan_tag_get(skb) << IOVNIC_TXCTX_VLAN_SHIFT;
}

static u32 iovnic_tx_macip_lens(const struct sk_buff *skb,
				const unsigned char *l4_hdr)
{
	return (u32)(l4_hdr - skb_network_header(skb)) |
	       (u32)skb_network_offset(skb) << IOVNIC_TXCTX_MACLEN_SHIFT;
}

/*
 * TSO: the device rebuilds IP total length/ID/checksum and the TCP
 * checksum of every segment, so those fields are cleared and the TCP
 * checksum is left holding the pseudo-header sum without the length.
 */
static int iovnic_tx_tso(struct iovnic_ring *ring, struct iovnic_tx_buf *first,
			 u32 vlan, u32 *cmd, u32 *olinfo)
{
	struct sk_buff *skb = first->skb;
	u32 type_tucmd = IOVNIC_TXCTX_TUCMD_L4T_TCP;
	unsigned int l4_offset, l4len, hdr_len;
	unsigned char *l4_hdr;
	struct tcphdr *th;
	int err;

	err = skb_cow_head(skb, 0);
	if (err < 0)
		return err;

	l4_hdr = skb_checksum_start(skb);
	th = (struct tcphdr *)l4_hdr;
	if (ip_hdr(skb)->version == 4) {
		struct iphdr *iph = ip_hdr(skb);

		iph->tot_len = 0;
		iph->check = 0;
		type_tucmd |= IOVNIC_TXCTX_TUCMD_IPV4;
		*olinfo |= IOVNIC_TXD_POPTS_IXSM;
	} else {
		ipv6_hdr(skb)->payload_len = 0;
	}

	l4_offset = l4_hdr - skb->data;
	csum_replace_by_diff(&th->check,
			     (__force __wsum)htonl(skb->len - l4_offset));
	l4len = th->doff * 4;
	hdr_len = l4_offset + l4len;

	first->gso_segs = skb_shinfo(skb)->gso_segs;
	first->bytecount += (first->gso_segs - 1) * hdr_len;
	iovnic_ring_stats_inc_xmit(ring, &ring->stats.tx_tso);

	*cmd |= IOVNIC_TXD_CMD_TSE;
	*olinfo |= IOVNIC_TXD_POPTS_TXSM |
		   (skb->len - hdr_len) << IOVNIC_TXD_PAYLEN_SHIFT;

	iovnic_tx_ctx_desc(ring, iovnic_tx_macip_lens(skb, l4_hdr) | vlan,
			   type_tucmd,
			   l4len << IOVNIC_TXCTX_L4LEN_SHIFT |
			   (u32)skb_shinfo(skb)->gso_size << IOVNIC_TXCTX_MSS_SHIFT);
	return 1;
}

/* Which L4 checksum the stack asks for, from where it wants it stored. */
static int iovnic_tx_csum_l4t(struct sk_buff *skb, u32 *type_tucmd)
{
	switch (skb->csum_offset) {
	case offsetof(struct tcphdr, check):
		*type_tucmd = IOVNIC_TXCTX_TUCMD_L4T_TCP;
		return 0;
	case offsetof(struct udphdr, check):
		*type_tucmd = IOVNIC_TXCTX_TUCMD_L4T_UDP;
		return 0;
	case offsetof(struct sctphdr, checksum):
		if (skb_csum_is_sctp(skb)) {
			*type_tucmd = IOVNIC_TXCTX_TUCMD_L4T_SCTP;
			return 0;
		}
		return -EOPNOTSUPP;
	default:
		return -EOPNOTSUPP;
	}
}

static int iovnic_tx_csum(struct iovnic_ring *ring, struct iovnic_tx_buf *first,
			  u32 vlan, u32 *olinfo)
{
	struct sk_buff *skb = first->skb;
	u32 type_tucmd = 0;
	int err;

	if (skb->ip_summed != CHECKSUM_PARTIAL)
		goto vlan_only;

	if (iovnic_tx_csum_l4t(skb, &type_tucmd) ||
	    skb_network_offset(skb) > IOVNIC_TXCTX_MACLEN_MAX ||
	    skb_checksum_start(skb) - skb_network_header(skb) >
	    IOVNIC_TXCTX_IPLEN_MAX) {
		/* the device cannot do it: checksum in software */
		err = skb_checksum_help(skb);
		if (err)
			return err;
		goto vlan_only;
	}

	if (vlan_get_protocol(skb) == htons(ETH_P_IP))
		type_tucmd |= IOVNIC_TXCTX_TUCMD_IPV4;
	*olinfo |= IOVNIC_TXD_POPTS_TXSM;
	iovnic_tx_ctx_desc(ring, iovnic_tx_macip_lens(skb, skb_checksum_start(skb)) |
			   vlan, type_tucmd, 0);
	return 0;

vlan_only:
	if (vlan)
		iovnic_tx_ctx_desc(ring, vlan | (u32)skb_network_offset(skb) <<
				   IOVNIC_TXCTX_MACLEN_SHIFT, 0, 0);
	return 0;
}

/**
 * iovnic_tx_offload() - write the context descriptor a frame needs, if any
 * @ring: TX ring, with room for the context descriptor
 * @first: TX slot holding the skb; gso_segs/bytecount get updated for TSO
 * @cmd: data descriptor DCMD bits to extend (TSE, VLE)
 * @olinfo: first data descriptor's olinfo_status to extend (POPTS, PAYLEN)
 *
 * Return: 0 on success (PAYLEN is set for TSO only), or -errno when the
 * skb cannot be prepared (then nothing was written to the ring).
 */
int iovnic_tx_offload(struct iovnic_ring *ring, struct iovnic_tx_buf *first,
		      u32 *cmd, u32 *olinfo)
{
	struct sk_buff *skb = first->skb;
	u32 vlan = iovnic_tx_vlan(skb, cmd);
	int ret;

	if (skb_is_gso(skb)) {
		if (skb->ip_summed != CHECKSUM_PARTIAL ||
		    !(skb_shinfo(skb)->gso_type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6)))
			return -EOPNOTSUPP;
		ret = iovnic_tx_tso(ring, first, vlan, cmd, olinfo);
		return ret < 0 ? ret : 0;
	}

	*olinfo |= skb->len << IOVNIC_TXD_PAYLEN_SHIFT;
	return iovnic_tx_csum(ring, first, vlan, olinfo);
}

/**
 * iovnic_features_check() - drop offloads the descriptors cannot describe
 * @skb: frame about to be sent
 * @netdev: its netdev
 * @features: offloads the stack would use
 *
 * The context descriptor holds MACLEN in 7 bits and IPLEN in 9 bits.
 *
 * Return: the offloads usable for @skb.
 */
netdev_features_t iovnic_features_check(struct sk_buff *skb,
					struct net_device *netdev,
					netdev_features_t features)
{
	if (skb_network_offset(skb) > IOVNIC_TXCTX_MACLEN_MAX)
		return features & ~(NETIF_F_CSUM_MASK | NETIF_F_SCTP_CRC |
				    NETIF_F_GSO_MASK | NETIF_F_HW_VLAN_CTAG_TX);

	if (skb->ip_summed == CHECKSUM_PARTIAL &&
	    skb_checksum_start(skb) - skb_network_header(skb) >
	    IOVNIC_TXCTX_IPLEN_MAX)
		return features & ~(NETIF_F_CSUM_MASK | NETIF_F_SCTP_CRC |
				    NETIF_F_GSO_MASK);

	return vlan_features_check(skb, features);
}
EXPORT_SYMBOL_GPL(iovnic_features_check);
