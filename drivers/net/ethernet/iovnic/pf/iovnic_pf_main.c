// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_pf: Physical Function driver for the Intel 82576 — PCI probe,
 * remove, shutdown and PCI error recovery.
 */
#include <linux/aer.h>
#include <linux/debugfs.h>
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/rtnetlink.h>
#include <linux/workqueue.h>

#include "../lib/iovnic_lib.h"
#include "iovnic_pf.h"

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

static void iovnic_pf_init_sw(struct iovnic_pf *pf)
{
	spin_lock_init(&pf->stats_lock);
	mutex_init(&pf->phy_lock);
	spin_lock_init(&pf->ctrl_lock);
	set_bit(IOVNIC_PF_DOWN, pf->state);
	pf->tx_ring_count = IOVNIC_PF_DEF_RING_SIZE;
	pf->rx_ring_count = IOVNIC_PF_DEF_RING_SIZE;
	iovnic_coalesce_init(&pf->coal);
	pf->autoneg = true;
	pf->link_speed = SPEED_UNKNOWN;
	pf->link_duplex = DUPLEX_UNKNOWN;
	iovnic_pf_service_init(pf);
}

static int iovnic_pf_map_bar(struct iovnic_pf *pf)
{
	struct pci_dev *pdev = pf->pdev;
	int err;

	err = pcim_iomap_regions(pdev, BIT(0), IOVNIC_PF_DRV_NAME);
	if (err)
		return err;
	pf->hw = pcim_iomap_table(pdev)[0];
	return pf->hw ? 0 : -ENOMEM;
}

/* Reset, then bring the hardware to the state the netdev expects. */
static int iovnic_pf_init_hw(struct iovnic_pf *pf)
{
	int err;

	err = iovnic_pf_hw_reset(pf, iovnic_pf_irq_vectors_mask(pf));
	if (err)
		return err;
	err = iovnic_pf_read_perm_addr(pf);
	if (err) {
		dev_warn(&pf->pdev->dev, "no valid MAC in NVM, using a random one\n");
		eth_random_addr(pf->perm_addr);
	}
	iovnic_pf_fc_init(pf);
	iovnic_pf_hw_init_filters(pf);
	return 0;
}

static int iovnic_pf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct iovnic_pf *pf;
	int err;

	err = pcim_enable_device(pdev);
	if (err)
		return err;
	err = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (err) {
		dev_err(&pdev->dev, "no usable DMA configuration\n");
		return err;
	}

	pf = iovnic_pf_devlink_alloc(pdev);
	if (!pf)
		return -ENOMEM;
	pci_set_drvdata(pdev, pf);
	iovnic_pf_init_sw(pf);

	err = iovnic_pf_map_bar(pf);
	if (err)
		goto free_devlink;
	pci_set_master(pdev);
	pci_save_state(pdev);

	err = iovnic_pf_init_hw(pf);
	if (err)
		goto free_devlink;

	err = iovnic_pf_irq_alloc(pf);
	if (err)
		goto reset_hw;
	iovnic_pf_sriov_init(pf);
	err = iovnic_pf_request_other_irq(pf);
	if (err)
		goto free_vectors;

	err = iovnic_pf_netdev_create(pf);
	if (err)
		goto free_other_irq;

	/* link and mailbox interrupts run from here on, netdev up or not */
	iovnic_pf_irq_configure(pf);
	iovnic_pf_set_rx_ctrl(pf);
	iovnic_pf_rss_configure(pf);
	iovnic_pf_irq_enable(pf);
	if (iovnic_pf_fc_restart_an(pf))
		dev_warn(&pdev->dev, "PHY does not answer, link will stay down\n");

	iovnic_pf_devlink_register(pf);
	schedule_delayed_work(&pf->service_task, HZ);

	dev_info(&pdev->dev, "%s: %pM, %s, %u queue pairs\n",
		 pf->netdev->name, pf->netdev->dev_addr,
		 pf->irq_mode == IOVNIC_PF_IRQ_MSIX ? "MSI-X" :
		 pf->irq_mode == IOVNIC_PF_IRQ_MSI ? "MSI" : "INTx",
		 pf->num_queue_pairs);
	return 0;

free_other_irq:
	iovnic_pf_irq_disable(pf);
	iovnic_pf_free_other_irq(pf);
free_vectors:
	iovnic_pf_irq_free(pf);
reset_hw:
	iovnic_pf_hw_reset(pf, iovnic_pf_irq_vectors_mask(pf));
free_devlink:
	iovnic_pf_devlink_free(pf);
	return err;
}

/* Stop everything that could touch the device or re-arm itself. */
static void iovnic_pf_quiesce(struct iovnic_pf *pf)
{
	set_bit(IOVNIC_PF_REMOVING, pf->state);
	iovnic_pf_mbx_stop(pf);
	cancel_delayed_work_sync(&pf->service_task);
	cancel_work_sync(&pf->reset_task);
}

static void iovnic_pf_remove(struct pci_dev *pdev)
{
	struct iovnic_pf *pf = pci_get_drvdata(pdev);

	iovnic_pf_devlink_unregister(pf);
	iovnic_pf_sriov_remove(pf);
	iovnic_pf_quiesce(pf);
	iovnic_pf_netdev_destroy(pf);
	iovnic_pf_sriov_fini(pf);

	iovnic_pf_irq_disable(pf);
	iovnic_pf_free_other_irq(pf);
	/* with the interrupt gone, no mailbox pass can start again */
	iovnic_pf_mbx_stop(pf);
	iovnic_pf_irq_free(pf);
	if (!iovnic_pf_removed(pf)) {
		iovnic_pf_hw_reset(pf, iovnic_pf_irq_vectors_mask(pf));
		iovnic_pf_ctrl_rmw(pf, IOVNIC_CTRL_EXT,
				   IOVNIC_CTRL_EXT_DRV_LOAD, 0);
	}
	iovnic_pf_devlink_free(pf);
}

static void iovnic_pf_shutdown(struct pci_dev *pdev)
{
	struct iovnic_pf *pf = pci_get_drvdata(pdev);

	iovnic_pf_quiesce(pf);
	rtnl_lock();
	netif_device_detach(pf->netdev);
	if (netif_running(pf->netdev))
		iovnic_pf_down(pf);
	rtnl_unlock();
	iovnic_pf_irq_disable(pf);
	if (!iovnic_pf_removed(pf))
		iovnic_pf_hw_reset(pf, iovnic_pf_irq_vectors_mask(pf));
	if (system_state == SYSTEM_POWER_OFF) {
		pci_wake_from_d3(pdev, false);
		pci_set_power_state(pdev, PCI_D3hot);
	}
}

static pci_ers_result_t iovnic_pf_io_error_detected(struct pci_dev *pdev,
						    pci_channel_state_t state)
{
	struct iovnic_pf *pf = pci_get_drvdata(pdev);

	dev_warn(&pdev->dev, "PCI error detected, state %d\n", state);
	rtnl_lock();
	netif_device_detach(pf->netdev);
	if (state == pci_channel_io_perm_failure) {
		set_bit(IOVNIC_PF_DETACHED, pf->state);
		rtnl_unlock();
		return PCI_ERS_RESULT_DISCONNECT;
	}
	/* no MMIO until slot_reset says the link is back */
	set_bit(IOVNIC_PF_DETACHED, pf->state);
	if (netif_running(pf->netdev))
		iovnic_pf_down(pf);
	rtnl_unlock();
	/* the device stays enabled: pcim owns that, and a failed recovery
	 * must not leave remove() a second disable to do
	 */
	return PCI_ERS_RESULT_NEED_RESET;
}

static pci_ers_result_t iovnic_pf_io_slot_reset(struct pci_dev *pdev)
{
	struct iovnic_pf *pf = pci_get_drvdata(pdev);

	/* a link reset wiped the config space: command register, BARs, MSI-X */
	pci_restore_state(pdev);
	pci_save_state(pdev);
	pci_set_master(pdev);

	clear_bit(IOVNIC_PF_DETACHED, pf->state);
	if (iovnic_pf_rd32(pf, IOVNIC_STATUS) == ~0U)
		return PCI_ERS_RESULT_DISCONNECT;
	return PCI_ERS_RESULT_RECOVERED;
}

static void iovnic_pf_io_resume(struct pci_dev *pdev)
{
	struct iovnic_pf *pf = pci_get_drvdata(pdev);

	rtnl_lock();
	/* iovnic_pf_reset_hw_locked() re-opens the netdev if it was up */
	iovnic_pf_reset_hw_locked(pf);
	netif_device_attach(pf->netdev);
	rtnl_unlock();
	dev_info(&pdev->dev, "recovered from PCI error\n");
}

static const struct pci_error_handlers iovnic_pf_err_handler = {
	.error_detected = iovnic_pf_io_error_detected,
	.slot_reset = iovnic_pf_io_slot_reset,
	.resume = iovnic_pf_io_resume,
};

static struct pci_driver iovnic_pf_driver = {
	.name = IOVNIC_PF_DRV_NAME,
	.id_table = iovnic_pf_pci_tbl,
	.probe = iovnic_pf_probe,
	.remove = iovnic_pf_remove,
	.shutdown = iovnic_pf_shutdown,
	.sriov_configure = iovnic_pf_sriov_configure,
	.err_handler = &iovnic_pf_err_handler,
};

/* <debugfs>/iovnic_pf/: one directory per PF with VFs, see iovnic_pf_sriov.c */
struct dentry *iovnic_pf_debugfs_root;

static int __init iovnic_pf_init(void)
{
	int err;

	iovnic_pf_debugfs_root = debugfs_create_dir(IOVNIC_PF_DRV_NAME, NULL);
	err = pci_register_driver(&iovnic_pf_driver);
	if (err)
		debugfs_remove(iovnic_pf_debugfs_root);
	return err;
}
module_init(iovnic_pf_init);

static void __exit iovnic_pf_exit(void)
{
	pci_unregister_driver(&iovnic_pf_driver);
	debugfs_remove(iovnic_pf_debugfs_root);
}
module_exit(iovnic_pf_exit);

MODULE_DESCRIPTION("iovnic Physical Function driver for the Intel 82576");
MODULE_LICENSE("GPL");
