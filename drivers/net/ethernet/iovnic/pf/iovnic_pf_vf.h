/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iovnic PF: the life cycle of one VF's state (iovnic_pf_vf.c). Private to
 * the SR-IOV files (sriov, mbx, mbx_handlers, vf_ndo); the PF core goes
 * through iovnic_pf_sriov.h.
 */
#ifndef _IOVNIC_PF_VF_H_
#define _IOVNIC_PF_VF_H_

#include <linux/bits.h>
#include <linux/jiffies.h>

#include "iovnic_pf.h"

/**
 * enum iovnic_pf_vf_reset_flags - why iovnic_pf_vf_reset() is called
 * @IOVNIC_PF_VF_RESET_FLR: VFLRE: an FLR or the VF's CTRL.RST
 * @IOVNIC_PF_VF_RESET_MSG: the VF sent RESET (it is ready afterwards)
 * @IOVNIC_PF_VF_RESET_ADMIN: the administrator changed what the VF must
 *	learn by a new handshake
 * @IOVNIC_PF_VF_RESET_PF: the PF is about to reset the MAC
 */
enum iovnic_pf_vf_reset_flags {
	IOVNIC_PF_VF_RESET_FLR		= BIT(0),
	IOVNIC_PF_VF_RESET_MSG		= BIT(1),
	IOVNIC_PF_VF_RESET_ADMIN	= BIT(2),
	IOVNIC_PF_VF_RESET_PF		= BIT(3),
};

/* a VF without CTS that ACKs gets a bare NACK at most this often */
#define IOVNIC_PF_VF_NACK_HOLDOFF	(2 * HZ)

void iovnic_pf_vf_init(struct iovnic_pf *pf, struct iovnic_pf_vf *vf,
		       unsigned int id);
void iovnic_pf_vf_reset(struct iovnic_pf_vf *vf, unsigned int flags);
bool iovnic_pf_vf_nack_due(const struct iovnic_pf_vf *vf);
void iovnic_pf_vf_nack_sent(struct iovnic_pf_vf *vf);
bool iovnic_pf_vf_mac_taken(struct iovnic_pf_vf *vf, const u8 *addr);
void iovnic_pf_vf_set_mac(struct iovnic_pf_vf *vf, const u8 *addr);
void iovnic_pf_vf_revoke_trust(struct iovnic_pf_vf *vf);

#endif /* _IOVNIC_PF_VF_H_ */
