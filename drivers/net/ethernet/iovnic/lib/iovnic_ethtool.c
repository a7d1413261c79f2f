// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_lib: what ethtool -G and -C mean, once for the PF and the VF.
 *
 * Ring sizes: a request outside IOVNIC_{MIN,MAX}_[RT]XD or not a multiple
 * of IOVNIC_RING_COUNT_ALIGN is refused with an extack message, never
 * rounded or clamped behind the user's back.
 *
 * Coalescing: each direction has an interval and a separate adaptive
 * flag. With adaptive off the interval is fixed, and 0 asks for the
 * shortest one the device has; the interval is kept while adaptive is on
 * and applies again when it is turned off.
 */
#include <linux/ethtool.h>
#include <linux/netlink.h>
#include <linux/stringify.h>

#include "iovnic_lib_int.h"

/**
 * iovnic_ringparam_get() - report ring sizes and their limits (ethtool -g)
 * @ring: what to fill in
 * @tx_count: descriptors per TX ring now
 * @rx_count: descriptors per RX ring now
 */
void iovnic_ringparam_get(struct ethtool_ringparam *ring, u32 tx_count,
			  u32 rx_count)
{
	ring->rx_max_pending = IOVNIC_MAX_RXD;
	ring->tx_max_pending = IOVNIC_MAX_TXD;
	ring->rx_pending = rx_count;
	ring->tx_pending = tx_count;
}
EXPORT_SYMBOL_GPL(iovnic_ringparam_get);

/* 0 if @count is in @min..@max and a multiple of IOVNIC_RING_COUNT_ALIGN */
static int iovnic_ring_count_check(u32 count, u32 min, u32 max)
{
	if (count < min || count > max)
		return -ERANGE;
	return IS_ALIGNED(count, IOVNIC_RING_COUNT_ALIGN) ? 0 : -EINVAL;
}

/**
 * iovnic_ringparam_check() - validate an ethtool -G request
 * @ring: the request, filled by the core with the current settings first
 * @extack: where to say what is wrong
 *
 * Return: 0 if @ring->tx_pending and @ring->rx_pending can be used as
 * they are, else -EINVAL and nothing must change.
 */
int iovnic_ringparam_check(const struct ethtool_ringparam *ring,
			   struct netlink_ext_ack *extack)
{
	int rx, tx;

	if (ring->rx_mini_pending || ring->rx_jumbo_pending) {
		NL_SET_ERR_MSG_MOD(extack, "no mini or jumbo RX rings");
		return -EINVAL;
	}
	rx = iovnic_ring_count_check(ring->rx_pending, IOVNIC_MIN_RXD,
				     IOVNIC_MAX_RXD);
	tx = iovnic_ring_count_check(ring->tx_pending, IOVNIC_MIN_TXD,
				     IOVNIC_MAX_TXD);
	if (rx == -ERANGE) {
		NL_SET_ERR_MSG_MOD(extack, "RX ring size out of range "
				   __stringify(IOVNIC_MIN_RXD) ".."
				   __stringify(IOVNIC_MAX_RXD));
		return -EINVAL;
	}
	if (tx == -ERANGE) {
		NL_SET_ERR_MSG_MOD(extack, "TX ring size out of range "
				   __stringify(IOVNIC_MIN_TXD) ".."
				   __stringify(IOVNIC_MAX_TXD));
		return -EINVAL;
	}
	if (rx || tx) {
		NL_SET_ERR_MSG_MOD(extack, "ring sizes must be multiples of "
				   __stringify(IOVNIC_RING_COUNT_ALIGN));
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(iovnic_ringparam_check);

/**
 * iovnic_coalesce_init() - the default moderation: adaptive both ways
 * @c: the settings to initialise
 */
void iovnic_coalesce_init(struct iovnic_coalesce *c)
{
	c->rx_usecs = IOVNIC_ITR_LOW_LATENCY;
	c->tx_usecs = IOVNIC_ITR_LOW_LATENCY;
	c->rx_adaptive = true;
	c->tx_adaptive = true;
}
EXPORT_SYMBOL_GPL(iovnic_coalesce_init);

/**
 * iovnic_coalesce_get() - report the moderation settings (ethtool -c)
 * @c: the settings
 * @ec: what to fill in
 */
void iovnic_coalesce_get(const struct iovnic_coalesce *c,
			 struct ethtool_coalesce *ec)
{
	ec->rx_coalesce_usecs = c->rx_usecs;
	ec->tx_coalesce_usecs = c->tx_usecs;
	ec->use_adaptive_rx_coalesce = c->rx_adaptive;
	ec->use_adaptive_tx_coalesce = c->tx_adaptive;
}
EXPORT_SYMBOL_GPL(iovnic_coalesce_get);

/**
 * iovnic_coalesce_set() - validate and store an ethtool -C request
 * @c: the settings, changed only on success
 * @ec: the request, filled by the core with the current settings first
 * @extack: where to say what is wrong
 *
 * An interval given while adaptive moderation stays on would be silently
 * ignored, so it is refused instead. The caller then applies @c to its
 * vectors with iovnic_q_vector_set_coalesce().
 *
 * Return: 0 or -EINVAL (nothing changed).
 */
int iovnic_coalesce_set(struct iovnic_coalesce *c,
			const struct ethtool_coalesce *ec,
			struct netlink_ext_ack *extack)
{
	if (ec->rx_coalesce_usecs > IOVNIC_ITR_MAX_USECS ||
	    ec->tx_coalesce_usecs > IOVNIC_ITR_MAX_USECS) {
		NL_SET_ERR_MSG_MOD(extack, "interval above 4095 us");
		return -EINVAL;
	}
	if ((ec->use_adaptive_rx_coalesce &&
	     ec->rx_coalesce_usecs != c->rx_usecs) ||
	    (ec->use_adaptive_tx_coalesce &&
	     ec->tx_coalesce_usecs != c->tx_usecs)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "turn adaptive moderation off to set an interval");
		return -EINVAL;
	}
	c->rx_usecs = ec->rx_coalesce_usecs;
	c->tx_usecs = ec->tx_coalesce_usecs;
	c->rx_adaptive = ec->use_adaptive_rx_coalesce;
	c->tx_adaptive = ec->use_adaptive_tx_coalesce;
	return 0;
}
EXPORT_SYMBOL_GPL(iovnic_coalesce_set);

/**
 * iovnic_q_vector_set_coalesce() - apply the moderation settings to a vector
 * @q_vector: the vector
 * @c: the settings
 *
 * A fixed interval of 0 becomes 1 us, the shortest the device has: the
 * vector-level 0 means adaptive.
 */
void iovnic_q_vector_set_coalesce(struct iovnic_q_vector *q_vector,
				  const struct iovnic_coalesce *c)
{
	u16 rx = c->rx_adaptive ? 0 : max_t(u16, c->rx_usecs, 1);
	u16 tx = c->tx_adaptive ? 0 : max_t(u16, c->tx_usecs, 1);

	iovnic_q_vector_set_itr(q_vector, rx, tx);
}
EXPORT_SYMBOL_GPL(iovnic_q_vector_set_coalesce);
