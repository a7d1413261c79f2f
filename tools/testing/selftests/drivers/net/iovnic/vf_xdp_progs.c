// SPDX-License-Identifier: GPL-2.0-only
/*
 * XDP programs for vf_xdp_drop_tx_pass.sh. Built at test time with
 * clang -target bpf; needs only the UAPI headers (no libbpf headers).
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>

#define SEC(name) __attribute__((section(name), used))

SEC("xdp_pass")
int xdp_pass_all(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("xdp_drop")
int xdp_drop_all(struct xdp_md *ctx)
{
	return XDP_DROP;
}

/* Send every IPv4 ICMP frame back where it came from (MACs swapped). */
SEC("xdp_tx")
int xdp_reflect_icmp(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	unsigned char tmp[ETH_ALEN];
	struct iphdr *iph;
	int i;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != __builtin_bswap16(ETH_P_IP))
		return XDP_PASS;
	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end || iph->protocol != IPPROTO_ICMP)
		return XDP_PASS;
	for (i = 0; i < ETH_ALEN; i++) {
		tmp[i] = eth->h_dest[i];
		eth->h_dest[i] = eth->h_source[i];
		eth->h_source[i] = tmp[i];
	}
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
