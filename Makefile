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

# The VM suite (or T=...) on bookworm's own 6.1 kernel, with its own
# igb/igbvf: its image is installed by versioned name if missing.
check-61: setup
	@rel=$$(bash $(VM)/kernel-61.sh) && \
		IOVNIC_KERNEL_RELEASE=$$rel bash $(VM)/run --tests "$(T)"

demo: setup
	@bash $(VM)/run --demo

bench: setup
	@bash $(VM)/run --bench

# Instructions, MMIO accesses and interrupts per packet, stock against ours,
# counted by a QEMU TCG plugin in one VM boot: tools/testing/pktcost/README.md.
# ARGS="--exact", ARGS="--rounds 5 --scenarios udp64" ...
pktcost: setup
	@bash tools/testing/pktcost/pktcost $(ARGS)
