// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_pf: Physical Function driver for the Intel 82576.
 */
#include <linux/module.h>
#include <linux/pci.h>

#include <iovnic/regs.h>

#define IOVNIC_PF_DRV_NAME "iovnic_pf"

static const struct pci_device_id iovnic_pf_pci_tbl[] = {
	{ PCI_VDEVICE(INTEL, IOVNIC_DEV_82576) },
	{ PCI_VDEVICE(INTEL, IOVNIC_DEV_82576_FIBER) },
	{ PCI_VDEVICE(INTEL, IOVNIC_DEV_82576_SERDES) },
	{ PCI_VDEVICE(INTEL, IOVNIC_DEV_82576_QUAD_COPPER) },
	{ PCI_VDEVICE(INTEL, IOVNIC_DEV_82576_QUAD_CU_ET2) },
	{ PCI_VDEVICE(INTEL, IOVNIC_DEV_82576_NS) },
	{ PCI_VDEVICE(INTEL, IOVNIC_DEV_82576_NS_SERDES) },
	{ PCI_VDEVICE(INTEL, IOVNIC_DEV_82576_SERDES_QUAD) },
	{ }
};
MODULE_DEVICE_TABLE(pci, iovnic_pf_pci_tbl);

static int iovnic_pf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	return pcim_enable_device(pdev);
}

static void iovnic_pf_remove(struct pci_dev *pdev)
{
}

static struct pci_driver iovnic_pf_driver = {
	.name = IOVNIC_PF_DRV_NAME,
	.id_table = iovnic_pf_pci_tbl,
	.probe = iovnic_pf_probe,
	.remove = iovnic_pf_remove,
};
module_pci_driver(iovnic_pf_driver);

MODULE_DESCRIPTION("iovnic Physical Function driver for the Intel 82576");
MODULE_LICENSE("GPL");
