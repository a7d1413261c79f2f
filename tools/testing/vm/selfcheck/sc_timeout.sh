#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runner self-check (run --selfcheck): outlives its timeout, must be
# reported as a failure by timeout.
# timeout: 3
sleep 60; exit 0
