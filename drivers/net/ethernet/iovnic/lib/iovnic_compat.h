/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iovnic: the kernel API differences between the supported kernels
 * (6.1 and 6.12), in one place so that .c files carry no version checks.
 *
 * The IOVNIC_HAVE_* flags come from compat-probe.sh, which Kbuild runs on
 * the headers it builds against: features are detected, not versions.
 */
#ifndef _IOVNIC_COMPAT_H_
#define _IOVNIC_COMPAT_H_

#include <linux/netdevice.h>
#include <net/xdp.h>

#ifdef IOVNIC_HAVE_PAGE_POOL_HELPERS_H
#include <net/page_pool/helpers.h>
#else
#include <net/page_pool.h>
#endif

/* page_pool_params.napi (6.5+) enables lockless recycling from the stack. */
#ifdef IOVNIC_HAVE_PAGE_POOL_NAPI
static inline void iovnic_pp_params_set_napi(struct page_pool_params *pp,
					     struct napi_struct *napi)
{
	pp->napi = napi;
}
#else
static inline void iovnic_pp_params_set_napi(struct page_pool_params *pp,
					     struct napi_struct *napi)
{
}
#endif

/* netdev->xdp_features (6.3+): what XDP the device does, for netlink. */
#ifdef IOVNIC_HAVE_XDP_FEATURES
static inline void iovnic_compat_set_xdp_features(struct net_device *netdev)
{
	xdp_set_features_flag(netdev, NETDEV_XDP_ACT_BASIC |
				      NETDEV_XDP_ACT_REDIRECT |
				      NETDEV_XDP_ACT_NDO_XMIT);
}
#else
static inline void iovnic_compat_set_xdp_features(struct net_device *netdev)
{
}
#endif

/* struct netdev_stat_ops, per-queue stats over netlink (6.9+). */
#ifdef IOVNIC_HAVE_NETDEV_STAT_OPS
#define IOVNIC_HAVE_QUEUE_STATS		1
#include <net/netdev_queues.h>
#else
#define IOVNIC_HAVE_QUEUE_STATS		0
#endif

/*
 * NAPI <-> IRQ and queue <-> NAPI links, reported over the netdev netlink
 * family (6.8+). Added for the VF driver; no-ops on older kernels.
 */
#ifdef IOVNIC_HAVE_QUEUE_SET_NAPI
#define iovnic_compat_napi_set_irq(napi, irq)	netif_napi_set_irq(napi, irq)
#define iovnic_compat_queue_set_napi_rx(dev, q, napi) \
	netif_queue_set_napi(dev, q, NETDEV_QUEUE_TYPE_RX, napi)
#define iovnic_compat_queue_set_napi_tx(dev, q, napi) \
	netif_queue_set_napi(dev, q, NETDEV_QUEUE_TYPE_TX, napi)
#else
#include <linux/netdevice.h>
static inline void iovnic_compat_napi_set_irq(struct napi_struct *napi,
					      int irq)
{
}

static inline void iovnic_compat_queue_set_napi_rx(struct net_device *dev,
						   unsigned int q,
						   struct napi_struct *napi)
{
}

static inline void iovnic_compat_queue_set_napi_tx(struct net_device *dev,
						   unsigned int q,
						   struct napi_struct *napi)
{
}
#endif

/* ethtool_puts() (6.8+); added for the VF driver. */
#ifndef IOVNIC_HAVE_ETHTOOL_PUTS
#include <linux/ethtool.h>
static inline void ethtool_puts(u8 **data, const char *str)
{
	strscpy((char *)*data, str, ETH_GSTRING_LEN);
	*data += ETH_GSTRING_LEN;
}
#endif

/*
 * --- PF driver (pf/) additions ---
 * devlink fills the driver name itself from 6.2 on; ethtool's rxfh ops
 * take a struct ethtool_rxfh_param from 6.8 on.
 */
#ifndef IOVNIC_HAVE_DEVLINK_DRIVER_NAME_PUT
struct devlink_info_req;

static inline int
iovnic_compat_devlink_info_driver_name_put(struct devlink_info_req *req,
					   const char *name)
{
	return 0;
}
#else
#include <net/devlink.h>

static inline int
iovnic_compat_devlink_info_driver_name_put(struct devlink_info_req *req,
					   const char *name)
{
	return devlink_info_driver_name_put(req, name);
}
#endif

#ifndef IOVNIC_HAVE_RXFH_PARAM
#define IOVNIC_HAVE_RXFH_PARAM		0
#endif

/* PCI_IRQ_LEGACY was renamed PCI_IRQ_INTX in 6.8. */
#ifndef IOVNIC_HAVE_PCI_IRQ_INTX
#define PCI_IRQ_INTX			PCI_IRQ_LEGACY
#endif

/* hrtimer_setup() (6.13+) replaced hrtimer_init() and setting ->function. */
#ifndef IOVNIC_HAVE_HRTIMER_SETUP
#include <linux/hrtimer.h>

static inline void
hrtimer_setup(struct hrtimer *timer,
	      enum hrtimer_restart (*function)(struct hrtimer *),
	      clockid_t clock_id, enum hrtimer_mode mode)
{
	hrtimer_init(timer, clock_id, mode);
	timer->function = function;
}
#endif

#endif /* _IOVNIC_COMPAT_H_ */
