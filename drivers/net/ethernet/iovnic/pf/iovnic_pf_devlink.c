// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_pf: devlink instance. struct iovnic_pf lives in its private area.
 */
#include <net/devlink.h>

#include "../lib/iovnic_lib.h"
#include "iovnic_pf.h"

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

static const struct devlink_ops iovnic_pf_devlink_ops = {
	.info_get = iovnic_pf_devlink_info_get,
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
	return pf;
}

void iovnic_pf_devlink_free(struct iovnic_pf *pf)
{
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
