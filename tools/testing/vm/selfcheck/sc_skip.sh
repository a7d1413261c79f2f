#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runner self-check (run --selfcheck): must be reported as a skip.
echo "TAP version 13"; echo "1..1"; echo "ok 1 thing # SKIP selfcheck skip"; exit 4
