#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runner self-check (run --selfcheck): must be reported as a failure.
echo "not ok 1 deliberately"; exit 1
