#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runner self-check (run --selfcheck): passes by exit code; only the kernel
# log can fail it, and must.
echo "<4>WARNING: CPU: 0 PID: $$ at iovnic_selfcheck.c:1 iovnic_selfcheck+0x0/0x10" >/dev/kmsg
echo "TAP version 13"; echo "1..1"; echo "ok 1 wrote a WARNING line to /dev/kmsg"; exit 0
