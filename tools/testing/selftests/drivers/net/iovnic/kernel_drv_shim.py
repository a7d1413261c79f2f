#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Run one of the kernel's drivers/net Python selftests unchanged.

usage: kernel_drv_shim.py TEST.py [ARGS...]

6.12's hw/csum.py reads cfg.remote_ifname, which its NetDrvEpEnv never
sets (later kernels resolve it from the remote address).  This supplies
it from the REMOTE_IFNAME variable of the environment (set by
kernel_drv_tests.sh) when the library lacks it, then runs the test as its
own __main__, so the test file itself stays the kernel's.
"""

import os
import runpy
import sys

test = os.path.abspath(sys.argv[1])
# The kselftest library names the test cases after sys.argv[0] and finds
# "lib.py" next to the test.
sys.argv = [test] + sys.argv[2:]
sys.path[0] = os.path.dirname(test)

from lib.py import NetDrvEpEnv  # noqa: E402  (needs the sys.path above)

if not hasattr(NetDrvEpEnv, "remote_ifname"):
    NetDrvEpEnv.remote_ifname = property(
        lambda self: self.env.get("REMOTE_IFNAME"))

runpy.run_path(test, run_name="__main__")
