// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_vf debugfs: what the PF negotiated with this VF, one "name:
 * value" line each, in /sys/kernel/debug/iovnic_vf/<PCI name>/negotiated.
 * Configuration is no counter, so it stays out of ethtool -S
 * (Documentation/networking/statistics.rst); all zero under the stock igb.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "iovnic_vf.h"

static struct dentry *iovnic_vf_debugfs_root;

static int iovnic_vf_negotiated_show(struct seq_file *m, void *unused)
{
	struct iovnic_vf *vf = m->private;

	/* No RTNL here: the PF may remove VFs while holding it, and the
	 * removal waits for this reader. A handshake in progress shows.
	 */
	seq_printf(m, "mbx_version: %llu\n", vf->ext.version);
	seq_printf(m, "mbx_caps: %#llx\n", vf->ext.caps);
	seq_printf(m, "pf_queue_pairs: %llu\n", vf->ext.pf_qpairs);
	seq_printf(m, "pf_rss: %llu\n", vf->ext.rss);
	seq_printf(m, "pf_max_frame: %llu\n", vf->ext.max_frame);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(iovnic_vf_negotiated);

/**
 * iovnic_vf_debugfs_init() - create the driver's debugfs directory
 */
void iovnic_vf_debugfs_init(void)
{
	iovnic_vf_debugfs_root = debugfs_create_dir(IOVNIC_VF_DRV_NAME, NULL);
}

/**
 * iovnic_vf_debugfs_exit() - remove it, with whatever is left below
 */
void iovnic_vf_debugfs_exit(void)
{
	debugfs_remove_recursive(iovnic_vf_debugfs_root);
}

/**
 * iovnic_vf_debugfs_add() - the VF's directory and files
 * @vf: the VF (probe)
 */
void iovnic_vf_debugfs_add(struct iovnic_vf *vf)
{
	vf->debugfs = debugfs_create_dir(pci_name(vf->pdev),
					 iovnic_vf_debugfs_root);
	debugfs_create_file("negotiated", 0400, vf->debugfs, vf,
			    &iovnic_vf_negotiated_fops);
}

/**
 * iovnic_vf_debugfs_remove() - remove the VF's directory
 * @vf: the VF (remove, before its state goes)
 */
void iovnic_vf_debugfs_remove(struct iovnic_vf *vf)
{
	debugfs_remove_recursive(vf->debugfs);
	vf->debugfs = NULL;
}
