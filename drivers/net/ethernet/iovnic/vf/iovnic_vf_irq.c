// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_vf interrupts. A VF has MSI-X only (no INTx, no MSI): vector q
 * serves queue pair q and the last vector the mailbox. The queue to vector
 * map is fixed for the life of the device because VF IVAR writes are OR-ed
 * into the PF's table (QEMU) and cannot be taken back; only which vectors
 * are unmasked changes with the number of queue pairs in use.
 */
#include <linux/interrupt.h>

#include "iovnic_vf.h"

static u32 iovnic_vf_ivar_entry(unsigned int vector)
{
	return vector | IOVNIC_IVAR_VALID;
}

/**
 * iovnic_vf_irq_configure() - program IVAR, auto-clear and the mailbox mask
 * @vf: the VF
 *
 * Needed after every VF reset, which clears the VF's interrupt setup on
 * silicon. The values never change, so rewriting them is harmless where
 * they survived.
 */
void iovnic_vf_irq_configure(struct iovnic_vf *vf)
{
	unsigned int mbx = vf->num_vectors - 1;
	u32 ivar = 0;
	unsigned int q;

	/*
	 * byte 0 RX q0, byte 1 TX q0, byte 2 RX q1, byte 3 TX q1. Every pair
	 * the vectors allow, granted or not: the map must not change.
	 */
	for (q = 0; q < vf->vec_qpairs; q++) {
		ivar |= iovnic_vf_ivar_entry(q) << (16 * q);
		ivar |= iovnic_vf_ivar_entry(q) << (16 * q + 8);
	}
	iovnic_vf_wr32(vf, IOVNIC_VF_IVAR0, ivar);
	iovnic_vf_wr32(vf, IOVNIC_VF_IVAR_MISC, iovnic_vf_ivar_entry(mbx));

	/*
	 * Auto-clear EICR when a vector fires; without it QEMU keeps the
	 * cause set and the vector never fires again.
	 */
	iovnic_vf_wr32(vf, IOVNIC_VF_EIAC, GENMASK(mbx, 0));
	iovnic_vf_wr32(vf, IOVNIC_VF_EIMS, BIT(mbx));
}

static irqreturn_t iovnic_vf_mbx_irq(int irq, void *data)
{
	struct iovnic_vf *vf = data;

	/* the PF wrote or ACKed: re-check it from process context */
	iovnic_vf_watchdog_kick(vf);
	/* silicon may have auto-masked the vector (EIAM) */
	iovnic_vf_wr32(vf, IOVNIC_VF_EIMS, BIT(vf->num_vectors - 1));
	return IRQ_HANDLED;
}

/**
 * iovnic_vf_irq_alloc() - allocate the MSI-X vectors
 * @vf: the VF
 *
 * Return: 0 or a negative errno; sets num_vectors and max_qpairs.
 */
int iovnic_vf_irq_alloc(struct iovnic_vf *vf)
{
	int nvec;

	nvec = pci_alloc_irq_vectors(vf->pdev, 2, IOVNIC_VF_MSIX_VECTORS,
				     PCI_IRQ_MSIX);
	if (nvec < 0) {
		dev_err(&vf->pdev->dev, "MSI-X unavailable (%d); a VF needs it\n",
			nvec);
		return nvec;
	}
	vf->num_vectors = nvec;
	vf->vec_qpairs = min_t(unsigned int, nvec - 1, IOVNIC_VF_MAX_QPAIRS);
	/*
	 * The stock igb grants one pair (no VMOLR.RSSE, and in QEMU queue 1
	 * TX completions interrupt nobody unless the PF routes them, see
	 * iovnic.rst, "Emulation (QEMU) note"). iovnic_vf_ext_negotiate() raises this to what an
	 * iovnic PF grants.
	 */
	vf->max_qpairs = min_t(unsigned int, vf->vec_qpairs,
			       IOVNIC_VF_DEFAULT_QPAIRS);
	return 0;
}

void iovnic_vf_irq_free(struct iovnic_vf *vf)
{
	pci_free_irq_vectors(vf->pdev);
}

int iovnic_vf_irq_request_mbx(struct iovnic_vf *vf)
{
	snprintf(vf->mbx_irq_name, sizeof(vf->mbx_irq_name), "%s-mbx",
		 pci_name(vf->pdev));
	return request_irq(pci_irq_vector(vf->pdev, vf->num_vectors - 1),
			   iovnic_vf_mbx_irq, 0, vf->mbx_irq_name, vf);
}

void iovnic_vf_irq_free_mbx(struct iovnic_vf *vf)
{
	iovnic_vf_wr32(vf, IOVNIC_VF_EIMC, BIT(vf->num_vectors - 1));
	free_irq(pci_irq_vector(vf->pdev, vf->num_vectors - 1), vf);
}
