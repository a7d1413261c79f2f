// SPDX-License-Identifier: GPL-2.0-only
/*
 * iovnic_lib: the queue code the iovnic PF and VF drivers share.
 */
#include <linux/module.h>

MODULE_DESCRIPTION("iovnic shared ring and NAPI code for the Intel 82576");
MODULE_LICENSE("GPL");
