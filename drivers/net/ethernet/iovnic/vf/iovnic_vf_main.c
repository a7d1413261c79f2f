// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_vf: Virtual Function driver for the Intel 82576.
 */
#include <linux/module.h>
#include <linux/pci.h>

#include <iovnic/regs.h>

#define IOVNIC_VF_DRV_NAME "iovnic_vf"

static const struct pci_device_id iovnic_vf_pci_tbl[] = {
	{ PCI_VDEVICE(INTEL, IOVNIC_DEV_82576_VF) },
	{ }
};
MODULE_DEVICE_TABLE(pci, iovnic_vf_pci_tbl);

static int iovnic_vf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	return pcim_enable_device(pdev);
}

static void iovnic_vf_remove(struct pci_dev *pdev)
{
}

static struct pci_driver iovnic_vf_driver = {
	.name = IOVNIC_VF_DRV_NAME,
	.id_table = iovnic_vf_pci_tbl,
	.probe = iovnic_vf_probe,
	.remove = iovnic_vf_remove,
};
module_pci_driver(iovnic_vf_driver);

MODULE_DESCRIPTION("iovnic Virtual Function driver for the Intel 82576");
MODULE_LICENSE("GPL");
