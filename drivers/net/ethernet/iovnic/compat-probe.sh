#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# compat-probe.sh SRCTREE: print -D flags naming the kernel APIs the headers
# in SRCTREE provide. Kbuild passes them to every iovnic object, so that
# lib/iovnic_compat.h tests for features, not for version numbers.

inc=$1/include

# have NAME FILE PATTERN: -DIOVNIC_HAVE_NAME if FILE contains PATTERN
have() {
	if grep -qs -- "$3" "$inc/$2"; then
		printf ' -DIOVNIC_HAVE_%s' "$1"
	fi
}

if [ -f "$inc/net/page_pool/helpers.h" ]; then
	printf ' -DIOVNIC_HAVE_PAGE_POOL_HELPERS_H'
	have PAGE_POOL_NAPI net/page_pool/types.h 'struct napi_struct \*napi;'
else
	have PAGE_POOL_NAPI net/page_pool.h 'struct napi_struct \*napi;'
fi
have XDP_FEATURES net/xdp.h 'xdp_set_features_flag'
have NETDEV_STAT_OPS net/netdev_queues.h 'struct netdev_stat_ops {'
have QUEUE_SET_NAPI linux/netdevice.h 'netif_queue_set_napi'
have ETHTOOL_PUTS linux/ethtool.h 'ethtool_puts'
have DEVLINK_DRIVER_NAME_PUT net/devlink.h 'devlink_info_driver_name_put'
have RXFH_PARAM linux/ethtool.h 'struct ethtool_rxfh_param {'
have PCI_IRQ_INTX linux/pci.h 'define PCI_IRQ_INTX'
have DEVLINK_PORT_OPS net/devlink.h 'struct devlink_port_ops {'
have DEVL_RATE_LEAF_PARENT net/devlink.h 'devl_rate_leaf_create(struct devlink_port \*devlink_port, void \*priv,$'
have DEVLINK_FMSG_VOID net/devlink.h 'void devlink_fmsg_u32_pair_put'
have NETDEV_DEVLINK_PORT linux/netdevice.h 'define SET_NETDEV_DEVLINK_PORT'
have HRTIMER_SETUP linux/hrtimer.h 'hrtimer_setup('
have DEVLINK_HEALTH_OPS_PERIOD net/devlink.h 'u64 default_graceful_period;'
echo
