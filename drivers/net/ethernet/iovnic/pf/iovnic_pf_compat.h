/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iovnic_pf: the devlink API differences between the supported kernels
 * (6.1 and 6.12), for the PF's devlink code only; the flags come from
 * compat-probe.sh as for lib/iovnic_compat.h.
 *
 * 6.2 let a netdev name its devlink port before registration
 * (SET_NETDEV_DEVLINK_PORT) instead of the driver setting the port type on
 * a registered netdev; 6.4 moved the port function callbacks from struct
 * devlink_ops into a per-port struct devlink_port_ops; 6.7 made the fmsg
 * helpers void (the error is kept in the message); 6.8 gave rate leaves a
 * parent node; a later kernel (6.17; 7.3 has it) moved a health
 * reporter's graceful period from devlink_health_reporter_create() into
 * its ops.
 */
#ifndef _IOVNIC_PF_COMPAT_H_
#define _IOVNIC_PF_COMPAT_H_

#include <linux/netdevice.h>
#include <net/devlink.h>

/*
 * A VF port's function address callbacks, which must be named
 * iovnic_pf_dl_hw_addr_get() and iovnic_pf_dl_hw_addr_set(): in the
 * port's ops from 6.4 on (IOVNIC_PF_COMPAT_PORT_OPS), in the instance's
 * devlink_ops before (IOVNIC_PF_COMPAT_DEVLINK_OPS), where the PF port
 * gets them too.
 */
#ifdef IOVNIC_HAVE_DEVLINK_PORT_OPS
#define iovnic_pf_compat_port_ops	devlink_port_ops
#define IOVNIC_PF_COMPAT_PORT_OPS \
	.port_fn_hw_addr_get = iovnic_pf_dl_hw_addr_get, \
	.port_fn_hw_addr_set = iovnic_pf_dl_hw_addr_set,
#define IOVNIC_PF_COMPAT_DEVLINK_OPS

static inline int
iovnic_pf_compat_port_register(struct devlink *devlink,
			       struct devlink_port *port, unsigned int index,
			       const struct iovnic_pf_compat_port_ops *ops)
{
	return devl_port_register_with_ops(devlink, port, index, ops);
}
#else
/* no per-port ops: an empty stand-in */
struct iovnic_pf_compat_port_ops {
	int unused;
};

#define IOVNIC_PF_COMPAT_PORT_OPS
#define IOVNIC_PF_COMPAT_DEVLINK_OPS \
	.port_function_hw_addr_get = iovnic_pf_dl_hw_addr_get, \
	.port_function_hw_addr_set = iovnic_pf_dl_hw_addr_set,

static inline int
iovnic_pf_compat_port_register(struct devlink *devlink,
			       struct devlink_port *port, unsigned int index,
			       const struct iovnic_pf_compat_port_ops *ops)
{
	return devl_port_register(devlink, port, index);
}
#endif

#ifdef IOVNIC_HAVE_DEVL_RATE_LEAF_PARENT
static inline int iovnic_pf_compat_rate_leaf_create(struct devlink_port *port,
						    void *priv)
{
	return devl_rate_leaf_create(port, priv, NULL);
}
#else
static inline int iovnic_pf_compat_rate_leaf_create(struct devlink_port *port,
						    void *priv)
{
	return devl_rate_leaf_create(port, priv);
}
#endif

/*
 * The PF netdev's port: before register_netdev() (set_port), after it
 * (registered) and before unregister_netdev() (unregistering).
 */
#ifdef IOVNIC_HAVE_NETDEV_DEVLINK_PORT
static inline void iovnic_pf_compat_netdev_set_port(struct net_device *netdev,
						    struct devlink_port *port)
{
	SET_NETDEV_DEVLINK_PORT(netdev, port);
}

static inline void
iovnic_pf_compat_port_netdev_registered(struct devlink_port *port,
					struct net_device *netdev)
{
}

static inline void
iovnic_pf_compat_port_netdev_unregistering(struct devlink_port *port)
{
}
#else
static inline void iovnic_pf_compat_netdev_set_port(struct net_device *netdev,
						    struct devlink_port *port)
{
}

static inline void
iovnic_pf_compat_port_netdev_registered(struct devlink_port *port,
					struct net_device *netdev)
{
	devlink_port_type_eth_set(port, netdev);
}

static inline void
iovnic_pf_compat_port_netdev_unregistering(struct devlink_port *port)
{
	devlink_port_type_clear(port);
}
#endif

/* IOVNIC_PF_COMPAT_FMSG(devlink_fmsg_..._put(...)): 0 or -errno */
#ifdef IOVNIC_HAVE_DEVLINK_FMSG_VOID
#define IOVNIC_PF_COMPAT_FMSG(call)	({ call; 0; })
#else
#define IOVNIC_PF_COMPAT_FMSG(call)	(call)
#endif

/* A health reporter with no graceful period (ops->default_graceful_period 0). */
static inline struct devlink_health_reporter *
iovnic_pf_compat_health_reporter_create(struct devlink *devlink,
					const struct devlink_health_reporter_ops *ops,
					void *priv)
{
#ifdef IOVNIC_HAVE_DEVLINK_HEALTH_OPS_PERIOD
	return devlink_health_reporter_create(devlink, ops, priv);
#else
	return devlink_health_reporter_create(devlink, ops, 0, priv);
#endif
}

#endif /* _IOVNIC_PF_COMPAT_H_ */
