// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_pf: devlink instance. struct iovnic_pf lives in its private area.
 *
 * devlink is the interface for per-VF administration that new tools use
 * (Documentation/networking/devlink/devlink-port.rst): a port of flavour
 * pcipf for the PF netdev, one of flavour pcivf per VF while VFs exist,
 * with the VF's MAC as the port function's hw_addr and a rate leaf whose
 * tx_max is the VF's transmit limit. Both reach the same code as the
 * legacy "ip link set <pf> vf N" calls, so either shows what the other
 * set. The e-switch stays in legacy mode: there are no representors.
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <net/devlink.h>

#include "../lib/iovnic_lib.h"
#include "iovnic_pf.h"
#include "iovnic_pf_compat.h"

/* NVM word holding the image version (major 15:12, minor 11:4) */
#define IOVNIC_PF_NVM_VERSION_WORD	0x05

static int iovnic_pf_devlink_info_get(struct devlink *devlink,
				      struct devlink_info_req *req,
				      struct netlink_ext_ack *extack)
{
	struct iovnic_pf *pf = devlink_priv(devlink);
	char buf[32];
	u64 dsn;
	u16 ver;
	int err;

	err = iovnic_compat_devlink_info_driver_name_put(req,
							 IOVNIC_PF_DRV_NAME);
	if (err)
		return err;

	dsn = pci_get_dsn(pf->pdev);
	if (dsn)
		snprintf(buf, sizeof(buf), "%016llx", dsn);
	else
		snprintf(buf, sizeof(buf), "%pM", pf->perm_addr);
	err = devlink_info_serial_number_put(req, buf);
	if (err)
		return err;

	snprintf(buf, sizeof(buf), "0x%04x", pf->pdev->device);
	err = devlink_info_version_fixed_put(req,
					     DEVLINK_INFO_VERSION_GENERIC_ASIC_ID,
					     buf);
	if (err)
		return err;
	snprintf(buf, sizeof(buf), "%u", pf->pdev->revision);
	err = devlink_info_version_fixed_put(req,
					     DEVLINK_INFO_VERSION_GENERIC_ASIC_REV,
					     buf);
	if (err)
		return err;

	if (iovnic_pf_removed(pf) ||
	    iovnic_pf_nvm_read(pf, IOVNIC_PF_NVM_VERSION_WORD, &ver))
		return 0;
	snprintf(buf, sizeof(buf), "%u.%u", ver >> 12, (ver >> 4) & 0xff);
	return devlink_info_version_running_put(req,
						DEVLINK_INFO_VERSION_GENERIC_FW,
						buf);
}

static int iovnic_pf_devlink_eswitch_mode_get(struct devlink *devlink,
					      u16 *mode)
{
	*mode = DEVLINK_ESWITCH_MODE_LEGACY;
	return 0;
}

static int iovnic_pf_devlink_eswitch_mode_set(struct devlink *devlink,
					      u16 mode,
					      struct netlink_ext_ack *extack)
{
	if (mode == DEVLINK_ESWITCH_MODE_LEGACY)
		return 0;
	NL_SET_ERR_MSG_MOD(extack,
			   "only legacy mode: iovnic_pf has no VF representors");
	return -EOPNOTSUPP;
}

/*
 * The VF administration devlink reaches: the very functions behind
 * "ip link set <pf> vf N mac|max_tx_rate" (ndo_set_vf_*), so that both
 * interfaces share one code path and one state. RTNL held.
 */
static int iovnic_pf_dl_vf_set_mac(struct iovnic_pf *pf, unsigned int vf,
				   u8 *mac)
{
	return iovnic_pf_ndo_set_vf_mac(pf->netdev, vf, mac);
}

static int iovnic_pf_dl_vf_set_rate(struct iovnic_pf *pf, unsigned int vf,
				    u32 mbps)
{
	return iovnic_pf_ndo_set_vf_rate(pf->netdev, vf, 0, mbps);
}

static int iovnic_pf_dl_vf_get_mac(struct iovnic_pf *pf, unsigned int vf,
				   u8 *mac)
{
	struct ifla_vf_info ivi = {};
	int err;

	err = iovnic_pf_ndo_get_vf_config(pf->netdev, vf, &ivi);
	if (!err)
		ether_addr_copy(mac, ivi.mac);
	return err;
}

/* the VF behind a port; before 6.4 the PF port gets these calls too */
static struct iovnic_pf_dl_vf *
iovnic_pf_dl_port_vf(struct devlink_port *port, struct netlink_ext_ack *extack)
{
	if (port->attrs.flavour != DEVLINK_PORT_FLAVOUR_PCI_VF) {
		NL_SET_ERR_MSG_MOD(extack, "only a VF port has a function address");
		return NULL;
	}
	return container_of(port, struct iovnic_pf_dl_vf, port);
}

static int iovnic_pf_dl_hw_addr_get(struct devlink_port *port, u8 *hw_addr,
				    int *hw_addr_len,
				    struct netlink_ext_ack *extack)
{
	struct iovnic_pf_dl_vf *dvf = iovnic_pf_dl_port_vf(port, extack);
	int err;

	if (!dvf)
		return -EOPNOTSUPP;
	rtnl_lock();
	err = iovnic_pf_dl_vf_get_mac(dvf->pf, dvf->id, hw_addr);
	rtnl_unlock();
	if (err)
		return err;
	*hw_addr_len = ETH_ALEN;
	return 0;
}

static int iovnic_pf_dl_hw_addr_set(struct devlink_port *port,
				    const u8 *hw_addr, int hw_addr_len,
				    struct netlink_ext_ack *extack)
{
	struct iovnic_pf_dl_vf *dvf = iovnic_pf_dl_port_vf(port, extack);
	u8 mac[ETH_ALEN];
	int err;

	if (!dvf)
		return -EOPNOTSUPP;
	if (hw_addr_len != ETH_ALEN) {
		NL_SET_ERR_MSG_MOD(extack, "a VF address is 6 bytes");
		return -EINVAL;
	}
	ether_addr_copy(mac, hw_addr);
	if (!is_zero_ether_addr(mac) && !is_valid_ether_addr(mac)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "not a unicast address (00:00:00:00:00:00 removes the administrative MAC)");
		return -EINVAL;
	}
	rtnl_lock();
	err = iovnic_pf_dl_vf_set_mac(dvf->pf, dvf->id, mac);
	rtnl_unlock();
	if (err)
		NL_SET_ERR_MSG_MOD(extack, "the VF refused the address");
	return err;
}

/* devlink rates are in bytes/s, the VF limit in Mb/s (ndo_set_vf_rate) */
#define IOVNIC_PF_DL_BYTES_PER_MBIT	(1000000 / BITS_PER_BYTE)

static int iovnic_pf_dl_tx_max_set(struct devlink_rate *rate, void *priv,
				   u64 tx_max, struct netlink_ext_ack *extack)
{
	struct iovnic_pf_dl_vf *dvf = priv;
	u64 mbps;
	int err;

	if (tx_max % IOVNIC_PF_DL_BYTES_PER_MBIT) {
		NL_SET_ERR_MSG_MOD(extack,
				   "tx_max must be a whole number of Mbit/s (a multiple of 125000 bytes/s)");
		return -EINVAL;
	}
	mbps = div_u64(tx_max, IOVNIC_PF_DL_BYTES_PER_MBIT);
	if (mbps > SPEED_1000) {
		NL_SET_ERR_MSG_MOD(extack,
				   "tx_max above the 1 Gbit/s of the port");
		return -EINVAL;
	}
	rtnl_lock();
	err = iovnic_pf_dl_vf_set_rate(dvf->pf, dvf->id, mbps);
	rtnl_unlock();
	if (err)
		NL_SET_ERR_MSG_MOD(extack, "the VF rate limit was refused");
	return err;
}

static int iovnic_pf_dl_tx_share_set(struct devlink_rate *rate, void *priv,
				     u64 tx_share,
				     struct netlink_ext_ack *extack)
{
	if (!tx_share)
		return 0;
	NL_SET_ERR_MSG_MOD(extack,
			   "the 82576 limits a VF's maximum rate only: no tx_share (guaranteed rate)");
	return -EOPNOTSUPP;
}

static const struct devlink_ops iovnic_pf_devlink_ops = {
	.info_get = iovnic_pf_devlink_info_get,
	.eswitch_mode_get = iovnic_pf_devlink_eswitch_mode_get,
	.eswitch_mode_set = iovnic_pf_devlink_eswitch_mode_set,
	.rate_leaf_tx_max_set = iovnic_pf_dl_tx_max_set,
	.rate_leaf_tx_share_set = iovnic_pf_dl_tx_share_set,
	IOVNIC_PF_COMPAT_DEVLINK_OPS
};

static const struct iovnic_pf_compat_port_ops iovnic_pf_dl_vf_port_ops = {
	IOVNIC_PF_COMPAT_PORT_OPS
};

/**
 * iovnic_pf_devlink_alloc() - allocate the devlink instance holding the PF
 * @pdev: the PCI function
 *
 * Return: the zeroed PF private structure, or NULL.
 */
struct iovnic_pf *iovnic_pf_devlink_alloc(struct pci_dev *pdev)
{
	struct devlink *devlink;
	struct iovnic_pf *pf;

	devlink = devlink_alloc(&iovnic_pf_devlink_ops, sizeof(*pf), &pdev->dev);
	if (!devlink)
		return NULL;
	pf = devlink_priv(devlink);
	pf->devlink = devlink;
	pf->pdev = pdev;
	iovnic_pf_devlink_health_create(pf);
	return pf;
}

void iovnic_pf_devlink_free(struct iovnic_pf *pf)
{
	iovnic_pf_devlink_health_destroy(pf);
	devlink_free(pf->devlink);
}

void iovnic_pf_devlink_register(struct iovnic_pf *pf)
{
	devlink_register(pf->devlink);
}

void iovnic_pf_devlink_unregister(struct iovnic_pf *pf)
{
	devlink_unregister(pf->devlink);
}

/* PF number in the port names (pf0vf1 ...): the PCI function */
static u16 iovnic_pf_dl_pf_num(const struct iovnic_pf *pf)
{
	return PCI_FUNC(pf->pdev->devfn);
}

/**
 * iovnic_pf_devlink_port_create() - register the PF netdev's devlink port
 * @pf: the PF; pf->netdev allocated, not yet registered
 *
 * Return: 0 or -errno.
 */
int iovnic_pf_devlink_port_create(struct iovnic_pf *pf)
{
	struct devlink_port *port = &pf->dl.pf_port;
	int err;

	devlink_port_attrs_pci_pf_set(port, 0, iovnic_pf_dl_pf_num(pf), false);
	devl_lock(pf->devlink);
	err = iovnic_pf_compat_port_register(pf->devlink, port, 0, NULL);
	devl_unlock(pf->devlink);
	if (err)
		return err;
	pf->dl.pf_port_registered = true;
	iovnic_pf_compat_netdev_set_port(pf->netdev, port);
	return 0;
}

/**
 * iovnic_pf_devlink_port_link() - the PF netdev was registered
 * @pf: the PF
 */
void iovnic_pf_devlink_port_link(struct iovnic_pf *pf)
{
	iovnic_pf_compat_port_netdev_registered(&pf->dl.pf_port, pf->netdev);
}

/**
 * iovnic_pf_devlink_port_unlink() - the PF netdev is about to go
 * @pf: the PF
 */
void iovnic_pf_devlink_port_unlink(struct iovnic_pf *pf)
{
	iovnic_pf_compat_port_netdev_unregistering(&pf->dl.pf_port);
}

/**
 * iovnic_pf_devlink_port_destroy() - unregister the PF netdev's port
 * @pf: the PF; its netdev is unregistered (or was never)
 */
void iovnic_pf_devlink_port_destroy(struct iovnic_pf *pf)
{
	if (!pf->dl.pf_port_registered)
		return;
	devl_lock(pf->devlink);
	devl_port_unregister(&pf->dl.pf_port);
	devl_unlock(pf->devlink);
	pf->dl.pf_port_registered = false;
}

static int iovnic_pf_dl_vf_port_add(struct iovnic_pf *pf, unsigned int v)
{
	struct iovnic_pf_dl_vf *dvf = &pf->dl.vfs[v];
	int err;

	memset(&dvf->port, 0, sizeof(dvf->port));
	dvf->pf = pf;
	dvf->id = v;
	devlink_port_attrs_pci_vf_set(&dvf->port, 0, iovnic_pf_dl_pf_num(pf),
				      v, false);
	/* index 0 is the PF's port */
	err = iovnic_pf_compat_port_register(pf->devlink, &dvf->port, v + 1,
					     &iovnic_pf_dl_vf_port_ops);
	if (err)
		return err;
	err = iovnic_pf_compat_rate_leaf_create(&dvf->port, dvf);
	if (err)
		devl_port_unregister(&dvf->port);
	return err;
}

/**
 * iovnic_pf_devlink_vf_ports_create() - a pcivf port per VF just enabled
 * @pf: the PF; sriov.num_vfs VFs exist, no lock held
 *
 * A VF without a port is still administered through ip link; a failure
 * here is logged and leaves the VFs enabled.
 */
void iovnic_pf_devlink_vf_ports_create(struct iovnic_pf *pf)
{
	unsigned int v, n = min_t(unsigned int, pf->sriov.num_vfs,
				  IOVNIC_MAX_VFS);
	int err = 0;

	devl_lock(pf->devlink);
	for (v = 0; v < n && !err; v++) {
		err = iovnic_pf_dl_vf_port_add(pf, v);
		if (!err)
			pf->dl.num_vf_ports = v + 1;
	}
	devl_unlock(pf->devlink);
	if (err)
		dev_warn(&pf->pdev->dev,
			 "no devlink port for VF %u and above: %d\n", v - 1,
			 err);
}

/**
 * iovnic_pf_devlink_vf_ports_destroy() - remove the VF ports
 * @pf: the PF; the VFs are still enabled, no lock held
 */
void iovnic_pf_devlink_vf_ports_destroy(struct iovnic_pf *pf)
{
	unsigned int v;

	devl_lock(pf->devlink);
	for (v = pf->dl.num_vf_ports; v-- > 0;) {
		devl_rate_leaf_destroy(&pf->dl.vfs[v].port);
		devl_port_unregister(&pf->dl.vfs[v].port);
	}
	pf->dl.num_vf_ports = 0;
	devl_unlock(pf->devlink);
}
