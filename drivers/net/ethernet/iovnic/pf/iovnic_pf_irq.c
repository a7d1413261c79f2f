// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_pf: interrupt vectors of the PF.
 *
 * MSI-X: vector 0 takes the "other" causes (link change, VF mailbox), vector
 * 1 + i serves queue pair i. The 25-bit EICR space is shared with the VFs
 * (82576 datasheet, MSI-X in VMDq mode), so every EICR/EIMS/EIMC/EIAC access here touches only
 * the PF's own bits, and the PF never reads EICR in MSI-X mode because that
 * read would clear the VFs' causes too. The VF mailbox is served right in
 * vector 0's hard IRQ handler (iovnic_pf_sriov_handle_irq()).
 *
 * MSI and INTx: one vector for everything; the causes come from ICR and
 * there is a single queue pair.
 */
#include <linux/bitfield.h>

#include "../lib/iovnic_lib.h"
#include "iovnic_pf.h"

/* ICR causes the "other" path cares about */
#define IOVNIC_PF_ICR_OTHER_CAUSES	(IOVNIC_ICR_LSC | IOVNIC_ICR_VMMB | \
					 IOVNIC_ICR_DOUTSYNC | IOVNIC_ICR_DRSTA)

/**
 * iovnic_pf_usable_vectors() - PF MSI-X vectors that do not collide with VFs
 * @pf: the PF
 *
 * VF n's three vectors are EICR bits 22-3n..24-3n, so with k VFs the PF
 * keeps bits 0..24-3k, and never more than its 10 table entries.
 *
 * Return: number of usable vectors, counting from 0.
 */
u16 iovnic_pf_usable_vectors(const struct iovnic_pf *pf)
{
	int vf_free = IOVNIC_EICR_BITS - 3 * (int)pf->sriov.num_vfs;
	int n = min3(vf_free, (int)IOVNIC_PF_MSIX_VECTORS,
		     pf->num_irqs ? (int)pf->num_irqs : IOVNIC_PF_MSIX_VECTORS);

	return max(n, 1);
}

/**
 * iovnic_pf_irq_vectors_mask() - EIMS/EIMC bits of every vector the PF uses
 * @pf: the PF
 *
 * Return: bits 0..iovnic_pf_usable_vectors() - 1.
 */
u32 iovnic_pf_irq_vectors_mask(const struct iovnic_pf *pf)
{
	return GENMASK(iovnic_pf_usable_vectors(pf) - 1, 0);
}

/**
 * iovnic_pf_irq_mbx_enable() - let the VFs' mailboxes interrupt the PF
 * @pf: the PF, VMDq mode programmed (iovnic_pf_switch_enable())
 *
 * MBVFIMR lets every VF's mailbox events through, IMS.VMMB their summary.
 */
void iovnic_pf_irq_mbx_enable(struct iovnic_pf *pf)
{
	iovnic_pf_wr32(pf, IOVNIC_MBVFIMR, GENMASK(IOVNIC_NUM_POOLS - 1, 0));
	iovnic_pf_wr32(pf, IOVNIC_IMS, IOVNIC_ICR_VMMB);
}

/**
 * iovnic_pf_irq_mbx_disable() - mask every VF's mailbox events
 * @pf: the PF, before leaving VMDq mode
 *
 * IMS.VMMB stays set: the SR-IOV code ignores it while no VF exists.
 */
void iovnic_pf_irq_mbx_disable(struct iovnic_pf *pf)
{
	iovnic_pf_wr32(pf, IOVNIC_MBVFIMR, 0);
}

/**
 * iovnic_pf_irq_alloc() - allocate MSI-X vectors, else MSI, else INTx
 * @pf: the PF
 *
 * All ten MSI-X vectors are taken once at probe; how many are used depends
 * on the number of VFs (iovnic_pf_usable_vectors()), so enabling SR-IOV
 * needs no re-allocation.
 *
 * Return: 0 or -errno.
 */
int iovnic_pf_irq_alloc(struct iovnic_pf *pf)
{
	struct pci_dev *pdev = pf->pdev;
	int n;

	n = pci_alloc_irq_vectors(pdev, 2, IOVNIC_PF_MSIX_VECTORS,
				  PCI_IRQ_MSIX);
	if (n > 0) {
		pf->irq_mode = IOVNIC_PF_IRQ_MSIX;
		pf->num_irqs = n;
		return 0;
	}
	dev_info(&pdev->dev, "MSI-X unavailable (%d), trying MSI/INTx\n", n);

	n = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI | PCI_IRQ_INTX);
	if (n < 0)
		return n;
	pf->irq_mode = pdev->msi_enabled ? IOVNIC_PF_IRQ_MSI :
					   IOVNIC_PF_IRQ_INTX;
	pf->num_irqs = 1;
	return 0;
}

void iovnic_pf_irq_free(struct iovnic_pf *pf)
{
	pci_free_irq_vectors(pf->pdev);
	pf->num_irqs = 0;
}

/* Work the "other" causes of an ICR value: link and mailbox. */
static void iovnic_pf_handle_other_causes(struct iovnic_pf *pf, u32 icr)
{
	if (icr & IOVNIC_ICR_LSC) {
		set_bit(IOVNIC_PF_LINK_CHECK, pf->state);
		if (!test_bit(IOVNIC_PF_REMOVING, pf->state))
			mod_delayed_work(system_wq, &pf->service_task, 0);
	}
	if (icr & IOVNIC_ICR_VMMB)
		iovnic_pf_sriov_handle_irq(pf);
	/* in VMDq mode DOUTSYNC reports a VF's spoofed frames (WVBR) */
	if (icr & IOVNIC_ICR_DOUTSYNC)
		iovnic_pf_switch_spoof_irq(pf);
}

static irqreturn_t iovnic_pf_msix_other(int irq, void *data)
{
	struct iovnic_pf *pf = data;
	u32 icr;

	/* reading ICR clears the causes; GPIE.NSICR makes that safe */
	icr = iovnic_pf_rd32(pf, IOVNIC_ICR);
	if (icr == ~0U)
		return IRQ_HANDLED;
	iovnic_pf_handle_other_causes(pf, icr);

	/* EIAM is not honoured everywhere: re-arm our bit explicitly */
	iovnic_pf_wr32(pf, IOVNIC_EIMS, pf->eims_other);
	return IRQ_HANDLED;
}

/* MSI/INTx: one vector for everything, causes in ICR. */
static irqreturn_t iovnic_pf_intr(int irq, void *data)
{
	struct iovnic_pf *pf = data;
	struct iovnic_q_vector *qv;
	u32 icr;

	icr = iovnic_pf_rd32(pf, IOVNIC_ICR);
	if (icr == ~0U)
		return IRQ_NONE;
	/* a shared INTx line: not ours unless the device asserted it */
	if (pf->irq_mode == IOVNIC_PF_IRQ_INTX &&
	    !(icr & IOVNIC_ICR_INT_ASSERTED))
		return IRQ_NONE;

	iovnic_pf_handle_other_causes(pf, icr);

	qv = pf->q_vectors[0];
	if (qv && (icr & IOVNIC_PF_ICR_QUEUE_CAUSES) &&
	    !test_bit(IOVNIC_PF_DOWN, pf->state))
		/* masks IMS (our eimc_reg) and schedules NAPI */
		return iovnic_msix_ring_irq(irq, qv);
	return IRQ_HANDLED;
}

/**
 * iovnic_pf_request_other_irq() - request the link/mailbox interrupt
 * @pf: the PF
 *
 * Requested once at probe and kept while the netdev is down, so that link
 * changes and VF mailbox requests are served regardless of the PF's state.
 * In MSI/INTx mode this is the only vector, and it also drives queue pair
 * 0 (pf->q_vectors[0], when the netdev is up).
 *
 * Return: 0 or -errno.
 */
int iovnic_pf_request_other_irq(struct iovnic_pf *pf)
{
	struct pci_dev *pdev = pf->pdev;
	irq_handler_t handler;
	unsigned long flags;
	int err;

	snprintf(pf->other_irq_name, sizeof(pf->other_irq_name), "%s-%s",
		 IOVNIC_PF_DRV_NAME, pci_name(pdev));
	if (pf->irq_mode == IOVNIC_PF_IRQ_MSIX) {
		handler = iovnic_pf_msix_other;
		flags = 0;
	} else {
		handler = iovnic_pf_intr;
		flags = pf->irq_mode == IOVNIC_PF_IRQ_INTX ? IRQF_SHARED : 0;
	}
	err = request_irq(pci_irq_vector(pdev, IOVNIC_PF_OTHER_VECTOR),
			  handler, flags, pf->other_irq_name, pf);
	if (err)
		return err;
	pf->other_irq_requested = true;
	return 0;
}

void iovnic_pf_free_other_irq(struct iovnic_pf *pf)
{
	if (!pf->other_irq_requested)
		return;
	free_irq(pci_irq_vector(pf->pdev, IOVNIC_PF_OTHER_VECTOR), pf);
	pf->other_irq_requested = false;
}

/**
 * iovnic_pf_request_queue_irqs() - request one MSI-X vector per queue pair
 * @pf: the PF
 *
 * Nothing to do in MSI/INTx mode: the single vector is already requested.
 *
 * Return: 0 or -errno.
 */
int iovnic_pf_request_queue_irqs(struct iovnic_pf *pf)
{
	if (pf->irq_mode != IOVNIC_PF_IRQ_MSIX)
		return 0;
	return iovnic_qpairs_request_irqs(pf->q_vectors, pf->num_q_vectors,
					  pf->pdev, IOVNIC_PF_OTHER_VECTOR + 1);
}

/**
 * iovnic_pf_free_queue_irqs() - free the vectors of the queue pairs
 * @pf: the PF
 */
void iovnic_pf_free_queue_irqs(struct iovnic_pf *pf)
{
	if (pf->irq_mode != IOVNIC_PF_IRQ_MSIX)
		return;
	iovnic_qpairs_free_irqs(pf->q_vectors, pf->num_q_vectors, pf->pdev,
				IOVNIC_PF_OTHER_VECTOR + 1);
}

/* IVAR: register r & 7; bytes RX r, TX r, RX r+8, TX r+8 (82576 datasheet) */
static void iovnic_pf_write_ivar(struct iovnic_pf *pf, u16 reg_idx, bool tx,
				 u8 entry)
{
	u32 shift = (reg_idx & 8 ? 16 : 0) + (tx ? 8 : 0);

	iovnic_pf_rmw32(pf, IOVNIC_IVAR(reg_idx & 7), 0xffU << shift,
			(u32)entry << shift);
}

static void iovnic_pf_map_queue(struct iovnic_pf *pf, u16 qp, u8 vector)
{
	u16 r = iovnic_pf_queue_reg_index(pf, qp);

	iovnic_pf_write_ivar(pf, r, false, vector | IOVNIC_IVAR_VALID);
	iovnic_pf_write_ivar(pf, r, true, vector | IOVNIC_IVAR_VALID);
	pf->ivar_queues |= BIT(r);
}

/*
 * Forget the queues of the previous layout. QEMU ORs a VF's own IVAR
 * writes into this table, so a stale PF entry on what is now a VF queue
 * would corrupt that VF's vector number. Re-layouts happen before VFs
 * appear, so only PF entries are cleared here.
 */
static void iovnic_pf_unmap_queues(struct iovnic_pf *pf)
{
	unsigned long old = pf->ivar_queues;
	unsigned int r;

	for_each_set_bit(r, &old, IOVNIC_MAX_QUEUES) {
		iovnic_pf_write_ivar(pf, r, false, 0);
		iovnic_pf_write_ivar(pf, r, true, 0);
	}
	pf->ivar_queues = 0;
}

/**
 * iovnic_pf_irq_configure() - program GPIE, IVAR, EIAC and ITR
 * @pf: the PF
 *
 * Called after every reset and every queue re-layout, with the PF's
 * interrupts masked.
 */
void iovnic_pf_irq_configure(struct iovnic_pf *pf)
{
	u32 old_mask = pf->eims_other | pf->eims_queues;
	u16 i;

	pf->eims_other = 0;
	pf->eims_queues = 0;
	iovnic_pf_unmap_queues(pf);

	if (pf->irq_mode != IOVNIC_PF_IRQ_MSIX) {
		/* TX completions only raise TXDW with a valid IVAR entry */
		for (i = 0; i < pf->num_queue_pairs; i++)
			iovnic_pf_map_queue(pf, i, 0);
		return;
	}

	/* MSIX_MODE is also what lets any VF receive an interrupt at all */
	iovnic_pf_wr32(pf, IOVNIC_GPIE, IOVNIC_GPIE_MSIX_MODE | IOVNIC_GPIE_PBA |
		       IOVNIC_GPIE_EIAME | IOVNIC_GPIE_NSICR);
	iovnic_pf_wr32(pf, IOVNIC_IVAR_MISC,
		       (IOVNIC_PF_OTHER_VECTOR | IOVNIC_IVAR_VALID) << 8);
	pf->eims_other = BIT(IOVNIC_PF_OTHER_VECTOR);

	for (i = 0; i < pf->num_q_vectors; i++) {
		iovnic_pf_map_queue(pf, i, i + 1);
		pf->eims_queues |= BIT(i + 1);
	}

	/* auto-clear our causes on delivery; drop bits we no longer own */
	iovnic_pf_rmw32(pf, IOVNIC_EIAC, old_mask,
			pf->eims_other | pf->eims_queues);
	iovnic_pf_write_itr(pf);
}

/**
 * iovnic_pf_write_itr() - push the ethtool moderation to every queue vector
 * @pf: the PF
 */
void iovnic_pf_write_itr(struct iovnic_pf *pf)
{
	int i;

	for (i = 0; i < pf->num_q_vectors; i++)
		if (pf->q_vectors[i])
			iovnic_q_vector_set_coalesce(pf->q_vectors[i],
						     &pf->coal);
}

/**
 * iovnic_pf_irq_enable() - unmask the PF's causes
 * @pf: the PF
 *
 * IMS gets the "other" causes (and, in MSI/INTx mode, the queue causes).
 * VMMB is always enabled: the SR-IOV code ignores it while no VF exists.
 */
void iovnic_pf_irq_enable(struct iovnic_pf *pf)
{
	u32 ims = IOVNIC_PF_ICR_OTHER_CAUSES;

	if (pf->irq_mode == IOVNIC_PF_IRQ_MSIX) {
		iovnic_pf_wr32(pf, IOVNIC_EIMS, pf->eims_other |
			       (test_bit(IOVNIC_PF_DOWN, pf->state) ? 0 :
				pf->eims_queues));
	} else if (!test_bit(IOVNIC_PF_DOWN, pf->state)) {
		ims |= IOVNIC_PF_ICR_QUEUE_CAUSES;
	}
	iovnic_pf_wr32(pf, IOVNIC_IMS, ims);
	iovnic_pf_flush(pf);
}

/**
 * iovnic_pf_irq_disable() - mask every PF cause (never a VF's)
 * @pf: the PF
 */
void iovnic_pf_irq_disable(struct iovnic_pf *pf)
{
	if (pf->irq_mode == IOVNIC_PF_IRQ_MSIX)
		iovnic_pf_wr32(pf, IOVNIC_EIMC,
			       pf->eims_other | pf->eims_queues);
	iovnic_pf_wr32(pf, IOVNIC_IMC, ~0U);
	iovnic_pf_flush(pf);
}

/**
 * iovnic_pf_queue_irqs_disable() - mask only the queue vectors
 * @pf: the PF
 *
 * Link and mailbox keep working while the netdev is down.
 */
void iovnic_pf_queue_irqs_disable(struct iovnic_pf *pf)
{
	if (pf->irq_mode == IOVNIC_PF_IRQ_MSIX)
		iovnic_pf_wr32(pf, IOVNIC_EIMC, pf->eims_queues);
	else
		iovnic_pf_wr32(pf, IOVNIC_IMC, IOVNIC_PF_ICR_QUEUE_CAUSES);
	iovnic_pf_flush(pf);
}

void iovnic_pf_irq_synchronize(struct iovnic_pf *pf)
{
	int i;

	for (i = 0; i < pf->num_irqs; i++)
		synchronize_irq(pci_irq_vector(pf->pdev, i));
}
