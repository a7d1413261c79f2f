# SPDX-License-Identifier: GPL-2.0-only
#
# Out-of-tree build, test bed and packaging for iovnic.
# See README.md for the targets a user needs: make demo, make check.

# The kernel to build against: the running kernel's build tree if there is
# one, else the newest installed Debian headers.
RUNNING_KDIR := /lib/modules/$(shell uname -r)/build
NEWEST_HDRS := $(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64)))
KDIR ?= $(if $(wildcard $(RUNNING_KDIR)/Makefile),$(RUNNING_KDIR),$(NEWEST_HDRS))

VM := tools/testing/vm
VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)

.PHONY: all modules clean setup check check-long check-debug check-61 test compat-check \
	compat-check-newest dkms-check demo bench pktcost checkpatch vm-kdir

all: modules

modules:
	@test -n "$(KDIR)" || { echo "no kernel headers found: run make setup or set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=$(W) modules

clean:
	@for k in $(wildcard /usr/src/linux-headers-*-amd64) $(wildcard $(RUNNING_KDIR)); do \
		test -f $$k/Makefile && $(MAKE) -s -C $$k M=$(CURDIR) clean && break; \
	done; true
	rm -rf .vm-build

setup:
	@bash $(VM)/setup.sh

# Build against every supported header set with W=1; any warning fails:
# 6.1, 6.12 and the newest kernel Debian has, in a chroot under
# .vm-build/chroot-<suite>/ with the compiler it wants (made the first time).
compat-check:
	@bash $(VM)/compat-check.sh

# The newest kernel alone, after looking again for a newer one.
compat-check-newest:
	@bash $(VM)/newest-kernel.sh --update

dkms-check:
	@bash $(VM)/dkms-check.sh $(VERSION)

checkpatch:
	@bash $(VM)/checkpatch.sh

# The whole suite in the VM. T=<test>.sh runs one test alone.
test:
	@bash $(VM)/run --tests "$(T)"

check: setup
	@bash $(VM)/check.sh

check-long: setup
	@IOVNIC_LONG=1 bash $(VM)/check.sh

# The VM suite (or T=...) on a debug kernel: KASAN, lockdep, atomic-sleep,
# debug objects, kmemleak and fault injection, built once from Debian's
# linux-source-6.12 and cached under .vm-build/debug-kernel/.
check-debug: setup
	@kb=$$(bash $(VM)/debug-kernel.sh) && \
		IOVNIC_KERNEL_BUILD=$$kb IOVNIC_TIMEOUT_SCALE=$${IOVNIC_TIMEOUT_SCALE:-4} \
		bash $(VM)/run --tests "$(T)"

# A stated subset of the VM suite (or T=...) on bookworm's own 6.1
# kernel, with its own igb/igbvf: its image is installed by versioned
# name if missing.  CHECK61= (empty) runs the whole suite (~45 min).
CHECK61 ?= modules_load_bind_unload.sh pf_ping_wire.sh pf_iperf3_tcp.sh \
	pf_mtu9000.sh pf_rss_spread.sh pf_ethtool_channels_rings.sh \
	pf_vlan_subif.sh pf_link_flap.sh pf_offloads_off.sh pf_stats_agree.sh \
	pf_pause.sh pf_reset_recovers.sh pf_aer_recovery.sh pf_intx_fallback.sh \
	pf_xdp_drop_pass.sh pf_unload_under_traffic.sh pf_vs_stock_igb.sh \
	netdev_netlink_queues.sh stats_never_backwards.sh vf_ping_switch.sh \
	vf_rss_queues.sh vf_xdp_drop_tx_pass.sh vf_pf_down_orders.sh \
	vf_iperf3_tcp.sh@pf=iovnic vf_mtu9000.sh@pf=iovnic \
	vf_vlan_subif.sh@pf=iovnic vf_pf_reset_recovery.sh@pf=iovnic \
	vf_xdp_redirect.sh@pf=iovnic vf_multicast_filter.sh@pf=iovnic \
	sriov_enable_1_4_7.sh sriov_interop.sh sriov_interop.sh@pf=iovnic,vf=iovnic \
	sriov_vf_pf_traffic.sh sriov_hostile_vf.sh sriov_mbx_malformed.sh \
	sriov_admin_mac_live.sh sriov_vf_flr.sh@vf=iovnic \
	sriov_port_vlan_isolation.sh@vf=iovnic sriov_switch_quotas.sh \
	sriov_mac_reserved.sh sriov_unload_with_vfs.sh sriov_vf_state.sh@vf=iovnic \
	sriov_spoofchk.sh sriov_vf_rate.sh sriov_pf_reset_vfs_busy.sh \
	devlink_ports_rate.sh kernel_drv_tests.sh@target=iovnic_pf
check-61: setup
	@rel=$$(bash $(VM)/kernel-61.sh) && \
		IOVNIC_KERNEL_RELEASE=$$rel bash $(VM)/run --tests "$(or $(T),$(CHECK61))"

demo: setup
	@bash $(VM)/run --demo

bench: setup
	@bash $(VM)/run --bench

# Instructions, MMIO accesses and interrupts per packet, stock against ours,
# counted by a QEMU TCG plugin in one VM boot: tools/testing/pktcost/README.md.
# ARGS="--exact", ARGS="--rounds 5 --scenarios udp64" ...
pktcost: setup
	@bash tools/testing/pktcost/pktcost $(ARGS)
