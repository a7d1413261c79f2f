// SPDX-License-Identifier: GPL-2.0-only
/*
 * XDP programs for vf_xdp_redirect.sh. Built at test time with
 * clang -target bpf -DREDIRECT_IFINDEX=N -DREDIRECT_DADDR=0xAABBCCDD
 * (the address in host order); needs only the UAPI headers.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>

#define SEC(name) __attribute__((section(name), used))

#ifndef REDIRECT_IFINDEX
#define REDIRECT_IFINDEX 0
#endif
#ifndef REDIRECT_DADDR
#define REDIRECT_DADDR 0
#endif

static long (*bpf_redirect)(__u32 ifindex, __u64 flags) =
	(void *)BPF_FUNC_redirect;

SEC("xdp_pass")
int xdp_pass_all(struct xdp_md *ctx)
{
	return XDP_PASS;
}

/* Everything to REDIRECT_IFINDEX (that device's ndo_xdp_xmit). */
SEC("xdp_redirect_all")
int xdp_redirect_everything(struct xdp_md *ctx)
{
	return bpf_redirect(REDIRECT_IFINDEX, 0);
}

/* IPv4 to REDIRECT_DADDR goes to REDIRECT_IFINDEX, the rest up the stack. */
SEC("xdp_redirect_daddr")
int xdp_redirect_to_daddr(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct iphdr *iph;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != __builtin_bswap16(ETH_P_IP))
		return XDP_PASS;
	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end ||
	    iph->daddr != __builtin_bswap32(REDIRECT_DADDR))
		return XDP_PASS;
	return bpf_redirect(REDIRECT_IFINDEX, 0);
}

char _license[] SEC("license") = "GPL";
