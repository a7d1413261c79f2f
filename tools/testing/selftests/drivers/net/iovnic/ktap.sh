#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The one KTAP writer of the iovnic selftests (sourced by lib.sh, so every
# test and helper library has it): a test prints "TAP version 13", a plan,
# one "ok"/"not ok" line per case (with "# SKIP" or "# XFAIL" and a reason
# where it applies), diagnostics as "# " lines, and a Totals line, and
# exits as kselftest does: 0 pass, 1 fail, 4 skip.

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

KTAP_CNT_PASS=0
KTAP_CNT_FAIL=0
KTAP_CNT_SKIP=0
KTAP_CNT_XFAIL=0
KTAP_TESTNO=0

# ktap_header: prints the KTAP version line; call once at the start.
ktap_header() {
	echo "TAP version 13"
}

# ktap_plan N: announces N test cases.
ktap_plan() {
	echo "1..$1"
}

# ktap_info TEXT...: a diagnostic line (does not change the result).
ktap_info() {
	echo "# $*"
}

# ktap_ok NAME: records a passed case.
ktap_ok() {
	KTAP_TESTNO=$((KTAP_TESTNO + 1))
	KTAP_CNT_PASS=$((KTAP_CNT_PASS + 1))
	echo "ok $KTAP_TESTNO $*"
}

# ktap_fail NAME [REASON]: records a failed case, with the reason after "#".
ktap_fail() {
	local name=$1
	shift
	KTAP_TESTNO=$((KTAP_TESTNO + 1))
	KTAP_CNT_FAIL=$((KTAP_CNT_FAIL + 1))
	echo "not ok $KTAP_TESTNO $name${1:+ # $*}"
}

# ktap_skip NAME REASON: records a skipped case and why.
ktap_skip() {
	local name=$1
	shift
	KTAP_TESTNO=$((KTAP_TESTNO + 1))
	KTAP_CNT_SKIP=$((KTAP_CNT_SKIP + 1))
	echo "ok $KTAP_TESTNO $name # SKIP $*"
}

# ktap_xfail NAME REASON: records a case that failed as expected, and why
# (KTAP "ok ... # XFAIL"; it does not fail the test).
ktap_xfail() {
	local name=$1
	shift
	KTAP_TESTNO=$((KTAP_TESTNO + 1))
	KTAP_CNT_XFAIL=$((KTAP_CNT_XFAIL + 1))
	echo "ok $KTAP_TESTNO $name # XFAIL $*"
}

# ktap_check NAME COMMAND...: runs COMMAND, ok if it succeeds, not ok otherwise.
ktap_check() {
	local name=$1
	shift
	if "$@"; then
		ktap_ok "$name"
	else
		ktap_fail "$name" "failed: $*"
	fi
}

# ktap_result NAME STATUS [REASON]: ok if STATUS (a command's exit
# status) is 0, else not ok with REASON.
ktap_result() {
	if [ "$2" -eq 0 ]; then ktap_ok "$1"; else ktap_fail "$1" "${3:-}"; fi
}

# ktap_finished: prints the totals and exits 1 if any case failed, 4 if all
# cases were skipped, else 0 (kselftest's convention).
ktap_finished() {
	echo "# Totals: pass:$KTAP_CNT_PASS fail:$KTAP_CNT_FAIL xfail:$KTAP_CNT_XFAIL xpass:0 skip:$KTAP_CNT_SKIP error:0"
	if [ "$KTAP_CNT_FAIL" -gt 0 ]; then
		exit $KSFT_FAIL
	fi
	if [ "$((KTAP_CNT_PASS + KTAP_CNT_XFAIL))" -eq 0 ] && [ "$KTAP_CNT_SKIP" -gt 0 ]; then
		exit $KSFT_SKIP
	fi
	exit $KSFT_PASS
}

# skip REASON: the whole test is skipped (prints the reason, exits 4).
skip() {
	echo "# SKIP $*"
	exit $KSFT_SKIP
}

# fail REASON: the whole test fails now (prints the reason, exits 1).
fail() {
	echo "# FAIL $*"
	exit $KSFT_FAIL
}
