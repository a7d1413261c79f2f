// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic PF: SR-IOV enable/disable, per-VF statistics, debugfs and the
 * PF reset hooks. A VF's own state and its resets are in iovnic_pf_vf.c.
 *
 * Lock order: RTNL -> sriov.cfg_lock -> sriov.mbx_lock -> vf->lock ->
 * sriov.switch_lock -> sriov.timer_lock. sriov.num_vfs and sriov.vfs
 * change only with RTNL, cfg_lock and switch_lock held, so holding any is
 * enough to use them; the mailbox server runs in hard IRQ context and
 * takes neither RTNL nor cfg_lock: it uses them only while sriov.mbx_on,
 * under mbx_lock. vf->lock is a spinlock for that reason, taken with
 * interrupts off everywhere else.
 */
#include <linux/debugfs.h>
#include <linux/etherdevice.h>
#include <linux/pci.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "iovnic_pf.h"
#include "iovnic_pf_vf.h"

#define IOVNIC_PF_VF_STATS_PERIOD	(2 * HZ)

/* the names of a VF's mailbox counters in ethtool -S and devlink health */
const char * const iovnic_pf_vf_mbx_stat_names[IOVNIC_VF_MBX_NSTATS] = {
	[IOVNIC_VF_MBX_RX]		= "rx",
	[IOVNIC_VF_MBX_ACKED]		= "acked",
	[IOVNIC_VF_MBX_NACKED]		= "nacked",
	[IOVNIC_VF_MBX_INVALID]		= "invalid",
	[IOVNIC_VF_MBX_RATE_LIMITED]	= "rate_limited",
	[IOVNIC_VF_MBX_RESETS]		= "reset",
	[IOVNIC_VF_MBX_FLRS]		= "flr",
	[IOVNIC_VF_MBX_SET_MAC]		= "set_mac",
	[IOVNIC_VF_MBX_SET_MC]		= "set_multicast",
	[IOVNIC_VF_MBX_SET_VLAN]	= "set_vlan",
	[IOVNIC_VF_MBX_SET_LPE]		= "set_lpe",
	[IOVNIC_VF_MBX_SET_PROMISC]	= "set_promisc",
	[IOVNIC_VF_MBX_UNKNOWN]		= "unknown",
	[IOVNIC_VF_MBX_PINGS]		= "pings",
	[IOVNIC_VF_MBX_TX_BUSY]		= "tx_busy",
	[IOVNIC_VF_MBX_NEGOTIATED]	= "negotiated",
	[IOVNIC_VF_MBX_EVENTS]		= "events",
	[IOVNIC_VF_MBX_MAC_TAKEN]	= "mac_taken",
	[IOVNIC_VF_MBX_MAC_REFUSED]	= "mac_filter_refused",
	[IOVNIC_VF_MBX_VLAN_REFUSED]	= "vlan_refused",
	[IOVNIC_VF_MBX_ALLMULTI_REFUSED] = "allmulti_refused",
	[IOVNIC_VF_MBX_SPOOFED]		= "spoofed",
};

/* --- per-pool statistics --- */

/*
 * Fold the pool's 32-bit free-running counters (the same registers and
 * table the VF driver reads through its own BAR); @resync only takes the
 * current readings as the new base.
 */
static void iovnic_pf_vf_update_hw_stats(struct iovnic_pf_vf *vf, bool resync)
{
	struct iovnic_pf *pf = vf->pf;
	u32 raw[IOVNIC_POOL_NSTATS];
	unsigned int i;

	for (i = 0; i < IOVNIC_POOL_NSTATS; i++)
		raw[i] = iovnic_pf_rd32(pf, IOVNIC_PF_VFSTATS(vf->id) +
					iovnic_pool_stat_regs[i]);
	spin_lock_bh(&vf->stats_lock);
	iovnic_pool_stats_fold(&vf->hw_stats, raw, resync);
	spin_unlock_bh(&vf->stats_lock);
}

static void iovnic_pf_sriov_stats_work(struct work_struct *work)
{
	struct iovnic_pf_sriov *sriov = container_of(to_delayed_work(work),
						     struct iovnic_pf_sriov,
						     stats_work);
	struct iovnic_pf *pf = container_of(sriov, struct iovnic_pf, sriov);
	unsigned int v;

	mutex_lock(&sriov->cfg_lock);
	if (!sriov->num_vfs || iovnic_pf_removed(pf)) {
		mutex_unlock(&sriov->cfg_lock);
		return;
	}
	if (!sriov->resetting)
		for (v = 0; v < sriov->num_vfs; v++)
			iovnic_pf_vf_update_hw_stats(&sriov->vfs[v], false);
	mutex_unlock(&sriov->cfg_lock);
	/* 32-bit octet counters wrap in ~34 s at line rate: stay well below */
	queue_delayed_work(system_unbound_wq, &sriov->stats_work,
			   IOVNIC_PF_VF_STATS_PERIOD);
}

int iovnic_pf_ndo_get_vf_stats(struct net_device *netdev, int vf_id,
			       struct ifla_vf_stats *st)
{
	struct iovnic_pf *pf = iovnic_pf_from_netdev(netdev);
	struct iovnic_pf_vf *vf = iovnic_pf_sriov_get_vf(pf, vf_id);
	const struct iovnic_stat_counter *c;

	if (!vf)
		return -EINVAL;
	if (!pf->sriov.resetting)
		iovnic_pf_vf_update_hw_stats(vf, false);
	spin_lock_bh(&vf->stats_lock);
	c = vf->hw_stats.c;
	st->rx_packets = c[IOVNIC_POOL_RX_PACKETS].value;
	st->tx_packets = c[IOVNIC_POOL_TX_PACKETS].value;
	st->rx_bytes = c[IOVNIC_POOL_RX_BYTES].value;
	st->tx_bytes = c[IOVNIC_POOL_TX_BYTES].value;
	st->multicast = c[IOVNIC_POOL_RX_MULTICAST].value;
	spin_unlock_bh(&vf->stats_lock);
	return 0;
}

/* --- ethtool -S: vf<N>_mbx_<counter> --- */

int iovnic_pf_sriov_get_sset_count(struct iovnic_pf *pf)
{
	return pf->sriov.num_vfs * IOVNIC_VF_MBX_NSTATS;
}

void iovnic_pf_sriov_get_strings(struct iovnic_pf *pf, u8 **data)
{
	unsigned int v, i;

	for (v = 0; v < pf->sriov.num_vfs; v++)
		for (i = 0; i < IOVNIC_VF_MBX_NSTATS; i++)
			ethtool_sprintf(data, "vf%u_mbx_%s", v,
					iovnic_pf_vf_mbx_stat_names[i]);
}

void iovnic_pf_sriov_get_stats(struct iovnic_pf *pf, u64 **data)
{
	unsigned int v, i;

	for (v = 0; v < pf->sriov.num_vfs; v++)
		for (i = 0; i < IOVNIC_VF_MBX_NSTATS; i++)
			*(*data)++ = i == IOVNIC_VF_MBX_SPOOFED ?
				atomic_read(&pf->sriov.spoofed[v]) :
				READ_ONCE(pf->sriov.vfs[v].mbx_stats[i]);
}

/* --- debugfs while VFs exist: <debugfs>/iovnic_pf/<pci>/{switch,vfs} --- */

static int iovnic_pf_sriov_switch_show(struct seq_file *m, void *unused)
{
	struct iovnic_pf *pf = m->private;

	mutex_lock(&pf->sriov.cfg_lock);
	if (!iovnic_pf_removed(pf))
		iovnic_pf_switch_dump(pf, m);
	mutex_unlock(&pf->sriov.cfg_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(iovnic_pf_sriov_switch);

static const char *iovnic_pf_vf_state_name(enum iovnic_pf_vf_state state)
{
	return state == IOVNIC_VF_STATE_READY ? "ready" : "resetting";
}

static int iovnic_pf_sriov_vfs_show(struct seq_file *m, void *unused)
{
	struct iovnic_pf *pf = m->private;
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned int v;

	mutex_lock(&sriov->cfg_lock);
	for (v = 0; v < sriov->num_vfs; v++) {
		struct iovnic_pf_vf *vf = &sriov->vfs[v];

		spin_lock_irq(&vf->lock);
		seq_printf(m, "vf %u state %s cts %d mac %pM admin_mac %d trust %d spoofchk %d link_state %d vlan %u qos %u max_tx_rate %u mc %u mc_promisc %d max_frame %u mac_filters %u mbx_version %u mbx_caps 0x%x queue_pairs %u rttbcnrc 0x%08x vlans %u admin_addr %pM reserved_mac %pM\n",
			   v, iovnic_pf_vf_state_name(vf->state),
			   iovnic_pf_vf_cts(vf), vf->mac,
			   !is_zero_ether_addr(vf->admin_mac),
			   vf->trusted, vf->spoofchk, vf->link_state,
			   vf->port_vlan, vf->port_qos, vf->max_tx_rate,
			   vf->num_mc_hashes, vf->mc_promisc, vf->max_frame,
			   vf->num_mac_filters, vf->mbx_version, vf->mbx_caps,
			   iovnic_pf_vf_queue_pairs(vf), vf->rttbcnrc,
			   bitmap_weight(vf->vlans, VLAN_N_VID), vf->admin_mac,
			   vf->reserved_mac);
		spin_unlock_irq(&vf->lock);
	}
	mutex_unlock(&sriov->cfg_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(iovnic_pf_sriov_vfs);

/*
 * Test only: "mbx_user" hands one VF's mailbox to user space, which then
 * plays a hostile PF against that VF's driver (selftest vf_hostile_pf.sh).
 * It reads and writes 32-bit registers at their BAR 0 offsets, but only a
 * VF's P2VMAILBOX, its VMBMEM words and its bits of MBVFICR: the BAR
 * cannot be mapped from user space while we hold it (IO_STRICT_DEVMEM).
 * The first access to a VF's registers takes that VF for the open file;
 * the server leaves it alone until the file is closed.
 */
static int iovnic_pf_mbx_user_vf(struct iovnic_pf *pf, loff_t off, int taken)
{
	unsigned int n = pf->sriov.num_vfs;

	if (off == IOVNIC_MBVFICR)
		return taken;
	if (off >= IOVNIC_P2VMAILBOX(0) && off < IOVNIC_P2VMAILBOX(n))
		return ((u32)off - IOVNIC_P2VMAILBOX(0)) / 4;
	if (off >= IOVNIC_VMBMEM(0) && off < IOVNIC_VMBMEM(n))
		return ((u32)off - IOVNIC_VMBMEM(0)) /
		       (IOVNIC_VMBMEM(1) - IOVNIC_VMBMEM(0));
	return -EINVAL;
}

static int iovnic_pf_mbx_user_access(struct file *file, loff_t off, u32 *val,
				     bool write)
{
	struct iovnic_pf *pf = file_inode(file)->i_private;
	int taken = (long)file->private_data - 1;
	u32 mask = ~0U;
	int v;

	if (off & 3)
		return -EINVAL;
	v = iovnic_pf_mbx_user_vf(pf, off, taken);
	if (v < 0)
		return -EINVAL;
	if (v != taken) {
		if (taken >= 0)
			return -EPERM;
		if (cmpxchg(&pf->sriov.mbx_user, -1, v) != -1)
			return -EBUSY;
		file->private_data = (void *)(long)(v + 1);
	}
	if (off == IOVNIC_MBVFICR)
		mask = IOVNIC_MBVFICR_VFREQ(v) | IOVNIC_MBVFICR_VFACK(v);
	if (iovnic_pf_removed(pf))
		return -ENODEV;
	if (write)
		iovnic_pf_wr32(pf, off, *val & mask);
	else
		*val = iovnic_pf_rd32(pf, off) & mask;
	return 0;
}

static ssize_t iovnic_pf_mbx_user_read(struct file *file, char __user *buf,
				       size_t len, loff_t *ppos)
{
	u32 val;
	int err;

	if (len != sizeof(val))
		return -EINVAL;
	err = iovnic_pf_mbx_user_access(file, *ppos, &val, false);
	if (err)
		return err;
	if (copy_to_user(buf, &val, sizeof(val)))
		return -EFAULT;
	return sizeof(val);
}

static ssize_t iovnic_pf_mbx_user_write(struct file *file,
					const char __user *buf, size_t len,
					loff_t *ppos)
{
	u32 val;
	int err;

	if (len != sizeof(val))
		return -EINVAL;
	if (copy_from_user(&val, buf, sizeof(val)))
		return -EFAULT;
	err = iovnic_pf_mbx_user_access(file, *ppos, &val, true);
	return err ? err : sizeof(val);
}

/* Give the VF back to the server, which serves what it posted meanwhile. */
static int iovnic_pf_mbx_user_release(struct inode *inode, struct file *file)
{
	struct dentry *dentry = file->f_path.dentry;
	struct iovnic_pf *pf = inode->i_private;

	/* VFs disabled since: the next enable starts without a user */
	if (!file->private_data || debugfs_file_get(dentry))
		return 0;
	WRITE_ONCE(pf->sriov.mbx_user, -1);
	if (!iovnic_pf_removed(pf))
		iovnic_pf_wr32(pf, IOVNIC_ICS, IOVNIC_ICR_VMMB);
	debugfs_file_put(dentry);
	return 0;
}

static const struct file_operations iovnic_pf_mbx_user_fops = {
	.owner = THIS_MODULE,
	.read = iovnic_pf_mbx_user_read,
	.write = iovnic_pf_mbx_user_write,
	.release = iovnic_pf_mbx_user_release,
	.llseek = default_llseek,
};

static void iovnic_pf_sriov_debugfs_init(struct iovnic_pf *pf)
{
	pf->sriov.debugfs = debugfs_create_dir(pci_name(pf->pdev),
					       iovnic_pf_debugfs_root);
	debugfs_create_file("switch", 0400, pf->sriov.debugfs, pf,
			    &iovnic_pf_sriov_switch_fops);
	debugfs_create_file("vfs", 0400, pf->sriov.debugfs, pf,
			    &iovnic_pf_sriov_vfs_fops);
	pf->sriov.mbx_user = -1;
	debugfs_create_file("mbx_user", 0600, pf->sriov.debugfs, pf,
			    &iovnic_pf_mbx_user_fops);
}

/**
 * iovnic_pf_sriov_signal_reset_done() - tell the VFs' mailboxes that the
 *	PF is ready (clears RSTI, sets RSTD)
 * @pf: the PF; any context
 */
void iovnic_pf_sriov_signal_reset_done(struct iovnic_pf *pf)
{
	iovnic_pf_ctrl_rmw(pf, IOVNIC_CTRL_EXT, 0, IOVNIC_CTRL_EXT_PFRSTD);
}

/* Publish @vfs and move the PF to pool @n. RTNL held. */
static int iovnic_pf_sriov_publish(struct iovnic_pf *pf,
				   struct iovnic_pf_vf *vfs, unsigned int n)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned long flags;
	unsigned int v;
	int err;

	mutex_lock(&sriov->cfg_lock);
	/* the MTA rewrite walks vfs[num_vfs] under switch_lock alone */
	spin_lock_irqsave(&sriov->switch_lock, flags);
	sriov->vfs = vfs;
	WRITE_ONCE(sriov->num_vfs, n);
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
	iovnic_pf_switch_enable(pf);
	iovnic_pf_irq_mbx_enable(pf);
	for (v = 0; v < n; v++)
		iovnic_pf_vf_update_hw_stats(&vfs[v], true);
	iovnic_pf_mbx_start(pf);
	mutex_unlock(&sriov->cfg_lock);

	/* no PF ring may stay in a VF's pool when the VF appears */
	err = iovnic_pf_reconfigure_queues(pf);
	if (err)
		return err;
	iovnic_pf_sriov_signal_reset_done(pf);
	return 0;
}

/* Withdraw the VF state and give the PF all queues again. RTNL held. */
static struct iovnic_pf_vf *iovnic_pf_sriov_unpublish(struct iovnic_pf *pf)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned int old = sriov->num_vfs;
	struct iovnic_pf_vf *vfs;
	unsigned long flags;

	mutex_lock(&sriov->cfg_lock);
	/* no mailbox pass runs or starts from here on */
	iovnic_pf_mbx_stop(pf);
	iovnic_pf_irq_mbx_disable(pf);
	spin_lock_irqsave(&sriov->switch_lock, flags);
	vfs = sriov->vfs;
	WRITE_ONCE(sriov->num_vfs, 0);
	sriov->vfs = NULL;
	spin_unlock_irqrestore(&sriov->switch_lock, flags);
	iovnic_pf_switch_disable(pf, old);
	mutex_unlock(&sriov->cfg_lock);

	/* the work sees num_vfs == 0 and stops; wait for a running one */
	cancel_delayed_work_sync(&sriov->stats_work);
	if (pf->netdev && pf->netdev->reg_state == NETREG_REGISTERED &&
	    iovnic_pf_reconfigure_queues(pf))
		netdev_err(pf->netdev, "could not restore queues after disabling VFs\n");
	return vfs;
}

static int iovnic_pf_sriov_enable(struct iovnic_pf *pf, int num_vfs)
{
	struct pci_dev *pdev = pf->pdev;
	struct iovnic_pf_vf *vfs;
	int v, err;

	vfs = kcalloc(num_vfs, sizeof(*vfs), GFP_KERNEL);
	if (!vfs)
		return -ENOMEM;
	for (v = 0; v < num_vfs; v++)
		iovnic_pf_vf_init(pf, &vfs[v], v);

	rtnl_lock();
	err = iovnic_pf_sriov_publish(pf, vfs, num_vfs);
	rtnl_unlock();
	if (err)
		goto unpublish;

	/* not under RTNL: the VF drivers probe from here and take it */
	err = pci_enable_sriov(pdev, num_vfs);
	if (err) {
		dev_err(&pdev->dev, "enabling %d VFs failed: %d\n", num_vfs, err);
		goto unpublish;
	}
	/* the stock PF signals reset done once the VFs exist; so do we */
	iovnic_pf_sriov_signal_reset_done(pf);
	queue_delayed_work(system_unbound_wq, &pf->sriov.stats_work,
			   IOVNIC_PF_VF_STATS_PERIOD);
	iovnic_pf_sriov_debugfs_init(pf);
	iovnic_pf_devlink_vf_ports_create(pf);
	dev_info(&pdev->dev, "%d VFs enabled, PF in pool %d\n", num_vfs,
		 num_vfs);
	return num_vfs;

unpublish:
	rtnl_lock();
	vfs = iovnic_pf_sriov_unpublish(pf);
	rtnl_unlock();
	kfree(vfs);
	return err;
}

static void iovnic_pf_sriov_teardown(struct iovnic_pf *pf)
{
	struct pci_dev *pdev = pf->pdev;
	struct iovnic_pf_vf *vfs;

	iovnic_pf_devlink_vf_ports_destroy(pf);
	debugfs_remove_recursive(pf->sriov.debugfs);
	pf->sriov.debugfs = NULL;
	/* VF drivers unbind here; their last messages are still served */
	pci_disable_sriov(pdev);

	rtnl_lock();
	vfs = iovnic_pf_sriov_unpublish(pf);
	rtnl_unlock();
	kfree(vfs);
	dev_info(&pdev->dev, "VFs disabled\n");
}

static int iovnic_pf_sriov_disable(struct iovnic_pf *pf)
{
	if (!pf->sriov.num_vfs)
		return 0;
	if (pci_vfs_assigned(pf->pdev)) {
		dev_err(&pf->pdev->dev,
			"VFs are assigned to guests: detach them before disabling SR-IOV\n");
		return -EPERM;
	}
	iovnic_pf_sriov_teardown(pf);
	return 0;
}

/**
 * iovnic_pf_sriov_configure() - .sriov_configure: sysfs sriov_numvfs
 * @pdev: the PF
 * @num_vfs: wanted VFs, 0 to disable
 *
 * The PCI core already refuses to change a non-zero count to another
 * non-zero one (-EBUSY) and counts above sriov_totalvfs.
 *
 * Return: the number of VFs enabled, 0 when disabled, or -errno.
 */
int iovnic_pf_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	struct iovnic_pf *pf = pci_get_drvdata(pdev);

	if (!pf || iovnic_pf_removed(pf) ||
	    test_bit(IOVNIC_PF_REMOVING, pf->state))
		return -ENODEV;
	if (!num_vfs)
		return iovnic_pf_sriov_disable(pf);
	if (num_vfs > IOVNIC_MAX_VFS)
		return -ERANGE;
	if (pf->sriov.num_vfs)
		return -EBUSY;
	/* only GPIE.MSIX_MODE routes interrupt causes to the VFs at all */
	if (pf->irq_mode != IOVNIC_PF_IRQ_MSIX) {
		dev_err(&pdev->dev,
			"SR-IOV needs MSI-X on the PF; it runs with MSI or INTx\n");
		return -EOPNOTSUPP;
	}
	return iovnic_pf_sriov_enable(pf, num_vfs);
}

/* --- hooks from the PF core --- */

/*
 * Served right here, in the hard IRQ handler: a VF driver busy-waits for
 * our answer (igbvf spins for up to a second with bottom halves off),
 * possibly on every CPU at once.
 */
void iovnic_pf_sriov_handle_irq(struct iovnic_pf *pf)
{
	if (READ_ONCE(pf->sriov.num_vfs))
		iovnic_pf_mbx_serve(pf);
}

void iovnic_pf_sriov_link_changed(struct iovnic_pf *pf)
{
	if (!READ_ONCE(pf->sriov.num_vfs))
		return;
	atomic_set(&pf->sriov.ping_all, 1);
	iovnic_pf_mbx_serve(pf);
}

/**
 * iovnic_pf_sriov_prepare_reset() - the PF is about to reset the MAC
 * @pf: the PF (RTNL held)
 *
 * Every VF loses clear-to-send and is told so by a ping without CTS (it
 * reports carrier off); VF RX/TX stops. The VFs find RSTI in their mailbox
 * and reset themselves once the PF signals reset done.
 */
void iovnic_pf_sriov_prepare_reset(struct iovnic_pf *pf)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned int v;

	if (!sriov->num_vfs)
		return;
	mutex_lock(&sriov->cfg_lock);
	for (v = 0; v < sriov->num_vfs; v++) {
		struct iovnic_pf_vf *vf = &sriov->vfs[v];

		spin_lock_irq(&vf->lock);
		iovnic_pf_vf_reset(vf, IOVNIC_PF_VF_RESET_PF);
		spin_unlock_irq(&vf->lock);
		/* the reset zeroes the counters: keep what they said so far */
		iovnic_pf_vf_update_hw_stats(vf, false);
	}
	iovnic_pf_wr32(pf, IOVNIC_VFRE, 0);
	iovnic_pf_wr32(pf, IOVNIC_VFTE, 0);
	sriov->resetting = true;
	/* the reset must not meet a mailbox pass */
	iovnic_pf_mbx_stop(pf);
	mutex_unlock(&sriov->cfg_lock);
}

/**
 * iovnic_pf_sriov_reset_done() - the PF is configured again after a reset
 * @pf: the PF (RTNL held)
 *
 * Replays the switch from the software state and signals PFRSTD.
 */
void iovnic_pf_sriov_reset_done(struct iovnic_pf *pf)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;
	unsigned int v;

	if (!sriov->num_vfs)
		return;
	mutex_lock(&sriov->cfg_lock);
	iovnic_pf_switch_enable(pf);
	iovnic_pf_irq_mbx_enable(pf);
	for (v = 0; v < sriov->num_vfs; v++)
		iovnic_pf_vf_update_hw_stats(&sriov->vfs[v], true);
	sriov->resetting = false;
	iovnic_pf_sriov_signal_reset_done(pf);
	iovnic_pf_mbx_start(pf);
	mutex_unlock(&sriov->cfg_lock);
	/* what the VFs asked meanwhile, and the pings owed */
	iovnic_pf_mbx_serve(pf);
}

/**
 * iovnic_pf_sriov_init() - set up the SR-IOV state at probe
 * @pf: the PF, registers mapped
 */
void iovnic_pf_sriov_init(struct iovnic_pf *pf)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;

	mutex_init(&sriov->cfg_lock);
	spin_lock_init(&sriov->switch_lock);
	iovnic_pf_switch_init(pf);
	iovnic_pf_mbx_init(pf);
	INIT_DELAYED_WORK(&sriov->stats_work, iovnic_pf_sriov_stats_work);
	/* until the netdev is first opened */
	sriov->pf_down = true;
	/* QEMU and the silicon offer 8; an 8th VF would take PF vectors */
	pci_sriov_set_totalvfs(pf->pdev, IOVNIC_MAX_VFS);
}

/**
 * iovnic_pf_sriov_remove() - at remove: tear down the VFs
 * @pf: the PF; called before the netdev is unregistered
 */
void iovnic_pf_sriov_remove(struct iovnic_pf *pf)
{
	struct iovnic_pf_sriov *sriov = &pf->sriov;

	if (sriov->num_vfs) {
		if (pci_vfs_assigned(pf->pdev))
			dev_warn(&pf->pdev->dev,
				 "removing while VFs are assigned to guests\n");
		iovnic_pf_sriov_teardown(pf);
	}
}

/**
 * iovnic_pf_sriov_fini() - at remove, once the netdev is gone
 * @pf: the PF
 *
 * Closing the netdev (unregister) still takes cfg_lock (set_pf_down), so
 * the lock is destroyed only after that.
 */
void iovnic_pf_sriov_fini(struct iovnic_pf *pf)
{
	mutex_destroy(&pf->sriov.cfg_lock);
}
