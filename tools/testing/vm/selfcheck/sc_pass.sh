#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runner self-check (run --selfcheck): must be reported as a pass.
echo "TAP version 13"; echo "1..1"; echo "ok 1 nothing to see"; exit 0
