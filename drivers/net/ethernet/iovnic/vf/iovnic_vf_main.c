// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_vf: Virtual Function driver for the Intel 82576.
 *
 * PCI side: probe, remove, shutdown, FLR and AER recovery. The VF talks
 * to its PF (stock igb or iovnic_pf) over the mailbox only.
 */
#include <linux/bpf.h>
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/rtnetlink.h>

#include "iovnic_vf.h"

static const struct pci_device_id iovnic_vf_pci_tbl[] = {
	{ PCI_VDEVICE(INTEL, IOVNIC_DEV_82576_VF) },
	{ }
};
MODULE_DEVICE_TABLE(pci, iovnic_vf_pci_tbl);

/**
 * iovnic_vf_rd32() - read a VF register, noticing a vanished device
 * @vf: the VF
 * @reg: register offset in the VF's BAR 0
 *
 * A surprise-removed or PCI-errored function answers every read with all
 * ones. STATUS cannot read all ones (its reserved bits read zero), so an
 * all-ones value is confirmed against it; then the VF stops touching the
 * device and detaches its netdev instead of acting on garbage. A
 * function reset (FLR, PCI error recovery) gives it another chance.
 *
 * Return: the register value, or all ones once the device is gone.
 */
u32 iovnic_vf_rd32(struct iovnic_vf *vf, u32 reg)
{
	u32 val;

	if (unlikely(iovnic_vf_gone(vf)))
		return ~0U;
	val = readl(vf->hw + reg);
	if (likely(val != ~0U))
		return val;
	if (reg != IOVNIC_VF_STATUS &&
	    readl(vf->hw + IOVNIC_VF_STATUS) != ~0U)
		return val;
	if (!test_and_set_bit(IOVNIC_VF_S_GONE, &vf->state)) {
		dev_err(&vf->pdev->dev, "device reads all ones, detaching\n");
		netif_device_detach(vf->netdev);
	}
	return val;
}

/* Quiesce for a function reset or an error: rings down, no more MMIO. */
static void iovnic_vf_quiesce(struct iovnic_vf *vf)
{
	set_bit(IOVNIC_VF_S_QUIESCED, &vf->state);
	rtnl_lock();
	netif_device_detach(vf->netdev);
	if (netif_running(vf->netdev))
		iovnic_vf_close_locked(vf);
	rtnl_unlock();
	cancel_delayed_work_sync(&vf->watchdog);
	cancel_delayed_work_sync(&vf->reset_task);
	/* no mailbox MMIO during the reset; resume resends the filters */
	cancel_work_sync(&vf->rx_mode_task);
	clear_bit(IOVNIC_VF_S_RESET_PENDING, &vf->state);
}

/* After a function reset: redo the handshake and bring the rings back. */
static void iovnic_vf_resume_after_reset(struct iovnic_vf *vf)
{
	int err;

	clear_bit(IOVNIC_VF_S_QUIESCED, &vf->state);
	/* the function was reset: whether it is gone is read anew */
	clear_bit(IOVNIC_VF_S_GONE, &vf->state);
	rtnl_lock();
	err = iovnic_vf_handshake(vf);
	if (err)
		netdev_warn(vf->netdev, "handshake after reset failed (%d), retrying\n",
			    err);
	if (netif_running(vf->netdev) && !err)
		err = iovnic_vf_open_locked(vf);
	netif_device_attach(vf->netdev);
	if (err)
		iovnic_vf_request_reset(vf);
	rtnl_unlock();
	iovnic_vf_watchdog_kick(vf);
}

static int iovnic_vf_map(struct pci_dev *pdev)
{
	int err;

	err = pci_enable_device_mem(pdev);
	if (err)
		return err;
	err = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (err) {
		dev_err(&pdev->dev, "no usable DMA configuration\n");
		goto disable_device;
	}
	err = pci_request_mem_regions(pdev, IOVNIC_VF_DRV_NAME);
	if (err)
		goto disable_device;
	/* QEMU DMAs the VF's rings with the VF as requester */
	pci_set_master(pdev);
	pci_save_state(pdev);
	return 0;

disable_device:
	pci_disable_device(pdev);
	return err;
}

static void iovnic_vf_unmap(struct pci_dev *pdev)
{
	pci_release_mem_regions(pdev);
	pci_disable_device(pdev);
}

static void iovnic_vf_first_handshake(struct iovnic_vf *vf)
{
	u8 addr[ETH_ALEN];
	int err;

	rtnl_lock();
	err = iovnic_vf_handshake(vf);
	rtnl_unlock();
	if (!err)
		return;
	/* keep going: the watchdog retries once the PF answers */
	dev_warn(&vf->pdev->dev,
		 "PF did not complete the reset handshake: %s (%d); will retry\n",
		 iovnic_vf_mbx_strerror(err), err);
	if (!is_valid_ether_addr(vf->netdev->dev_addr)) {
		eth_random_addr(addr);
		eth_hw_addr_set(vf->netdev, addr);
		vf->netdev->addr_assign_type = NET_ADDR_RANDOM;
		dev_info(&vf->pdev->dev, "using random MAC %pM until the PF assigns one\n",
			 addr);
	}
}

static int iovnic_vf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct net_device *netdev;
	struct iovnic_vf *vf;
	int err;

	err = iovnic_vf_map(pdev);
	if (err)
		return err;

	netdev = alloc_etherdev_mq(sizeof(*vf), IOVNIC_VF_MAX_QPAIRS);
	if (!netdev) {
		err = -ENOMEM;
		goto unmap;
	}
	SET_NETDEV_DEV(netdev, &pdev->dev);
	pci_set_drvdata(pdev, netdev);
	vf = netdev_priv(netdev);
	vf->netdev = netdev;
	vf->pdev = pdev;
	vf->hw = pci_iomap(pdev, 0, 0);
	if (!vf->hw) {
		err = -EIO;
		goto free_netdev;
	}

	iovnic_vf_netdev_setup(netdev);
	iovnic_vf_mbx_init(vf);
	iovnic_vf_link_init(vf);
	iovnic_vf_filters_init(vf);

	err = iovnic_vf_irq_alloc(vf);
	if (err)
		goto unmap_bar;

	iovnic_vf_first_handshake(vf);
	iovnic_vf_irq_configure(vf);
	err = iovnic_vf_irq_request_mbx(vf);
	if (err)
		goto stop_work;

	netif_carrier_off(netdev);
	err = register_netdev(netdev);
	if (err)
		goto free_mbx_irq;

	netdev_info(netdev, "82576 VF at %s, MAC %pM, %u of %u queue pairs\n",
		    pci_name(pdev), netdev->dev_addr, vf->num_qpairs,
		    vf->max_qpairs);
	iovnic_vf_debugfs_add(vf);
	queue_delayed_work(system_wq, &vf->watchdog, 0);
	return 0;

free_mbx_irq:
	iovnic_vf_irq_free_mbx(vf);
stop_work:
	/* a failed handshake may have queued the reset task */
	set_bit(IOVNIC_VF_S_REMOVING, &vf->state);
	iovnic_vf_link_stop(vf);
	cancel_work_sync(&vf->rx_mode_task);
	iovnic_vf_irq_free(vf);
unmap_bar:
	iovnic_vf_mbx_destroy(vf);
	pci_iounmap(pdev, vf->hw);
free_netdev:
	free_netdev(netdev);
unmap:
	iovnic_vf_unmap(pdev);
	return err;
}

static void iovnic_vf_remove(struct pci_dev *pdev)
{
	struct net_device *netdev = pci_get_drvdata(pdev);
	struct iovnic_vf *vf = netdev_priv(netdev);

	iovnic_vf_debugfs_remove(vf);
	set_bit(IOVNIC_VF_S_REMOVING, &vf->state);
	iovnic_vf_irq_free_mbx(vf);
	iovnic_vf_link_stop(vf);
	unregister_netdev(netdev);
	cancel_work_sync(&vf->rx_mode_task);
	iovnic_vf_irq_free(vf);
	if (vf->xdp_prog)
		bpf_prog_put(vf->xdp_prog);
	iovnic_vf_mbx_destroy(vf);
	pci_iounmap(pdev, vf->hw);
	free_netdev(netdev);
	iovnic_vf_unmap(pdev);
}

static void iovnic_vf_shutdown(struct pci_dev *pdev)
{
	struct net_device *netdev = pci_get_drvdata(pdev);
	struct iovnic_vf *vf = netdev_priv(netdev);

	set_bit(IOVNIC_VF_S_REMOVING, &vf->state);
	iovnic_vf_quiesce(vf);
	pci_disable_device(pdev);
}

static void iovnic_vf_reset_prepare(struct pci_dev *pdev)
{
	iovnic_vf_quiesce(netdev_priv(pci_get_drvdata(pdev)));
}

static void iovnic_vf_reset_done(struct pci_dev *pdev)
{
	pci_set_master(pdev);
	iovnic_vf_resume_after_reset(netdev_priv(pci_get_drvdata(pdev)));
}

static pci_ers_result_t iovnic_vf_error_detected(struct pci_dev *pdev,
						 pci_channel_state_t state)
{
	iovnic_vf_quiesce(netdev_priv(pci_get_drvdata(pdev)));
	if (state == pci_channel_io_perm_failure)
		return PCI_ERS_RESULT_DISCONNECT;
	pci_disable_device(pdev);
	return PCI_ERS_RESULT_NEED_RESET;
}

static pci_ers_result_t iovnic_vf_slot_reset(struct pci_dev *pdev)
{
	if (pci_enable_device_mem(pdev)) {
		dev_err(&pdev->dev, "cannot re-enable the VF after reset\n");
		return PCI_ERS_RESULT_DISCONNECT;
	}
	pci_set_master(pdev);
	pci_restore_state(pdev);
	pci_save_state(pdev);
	return PCI_ERS_RESULT_RECOVERED;
}

static void iovnic_vf_io_resume(struct pci_dev *pdev)
{
	iovnic_vf_resume_after_reset(netdev_priv(pci_get_drvdata(pdev)));
}

static const struct pci_error_handlers iovnic_vf_err_handlers = {
	.error_detected	= iovnic_vf_error_detected,
	.slot_reset	= iovnic_vf_slot_reset,
	.resume		= iovnic_vf_io_resume,
	.reset_prepare	= iovnic_vf_reset_prepare,
	.reset_done	= iovnic_vf_reset_done,
};

static struct pci_driver iovnic_vf_driver = {
	.name		= IOVNIC_VF_DRV_NAME,
	.id_table	= iovnic_vf_pci_tbl,
	.probe		= iovnic_vf_probe,
	.remove		= iovnic_vf_remove,
	.shutdown	= iovnic_vf_shutdown,
	.err_handler	= &iovnic_vf_err_handlers,
};

static int __init iovnic_vf_init(void)
{
	int err;

	iovnic_vf_debugfs_init();
	err = pci_register_driver(&iovnic_vf_driver);
	if (err)
		iovnic_vf_debugfs_exit();
	return err;
}
module_init(iovnic_vf_init);

static void __exit iovnic_vf_exit(void)
{
	pci_unregister_driver(&iovnic_vf_driver);
	iovnic_vf_debugfs_exit();
}
module_exit(iovnic_vf_exit);

MODULE_DESCRIPTION("iovnic Virtual Function driver for the Intel 82576");
MODULE_LICENSE("GPL");
