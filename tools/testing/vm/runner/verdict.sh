# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
# The variables are run's globals, shared by its parts:
# shellcheck disable=SC2034,SC2154
#
# tools/testing/vm/run, part 5: the verdict, from the result directories
# the guest wrote.  Sourced by run; defines functions only.

# finish RC: keeps the run directory if asked or if RC is not 0, exits RC.
finish() {
	local rc=$1
	if [ "$keep" = 1 ] || [ "$rc" != 0 ]; then
		KEEP_RUN=1
		echo "run: logs kept in $RUN"
	fi
	exit "$rc"
}

# verdict: exits with the result of the run: the status of --cmd, --demo,
# --bench, or of the tests (0 only if none failed; --selfcheck: 0 only if
# every self-check test got the result it must).
verdict() {
	local bench_json rc pass=0 fail=0 skip=0 n=0 t name d st
	local -A got=()

	if [ "$mode" = bench ] && [ -f "$RUN/results/bench.json" ]; then
		bench_json=$TREE/bench/results/$(date +%Y-%m-%d_%H%M%S).json
		mkdir -p "$TREE/bench/results" &&
			cp "$RUN/results/bench.json" "$bench_json" &&
			echo "run: bench samples in $bench_json"
	fi

	if [ "$mode" != tests ]; then
		rc=$(cat "$RUN/results/$mode.rc" 2>/dev/null) || rc=1
		echo "run: $mode finished with status $rc in ${elapsed}s"
		finish "$rc"
	fi

	for t in $tests; do
		n=$((n + 1))
		name=$(basename "$t")
		d=$RUN/results/$(printf '%02d' $n)-$name
		st=$(cat "$d/status" 2>/dev/null) || st=missing
		got[$name]=$st
		case $st in
		pass) pass=$((pass + 1)) ;;
		skip) skip=$((skip + 1)) ;;
		fail) fail=$((fail + 1)) ;;
		*) fail=$((fail + 1))
		   echo "not ok $n selftests: iovnic: $name # no result (VM crashed or timed out)" ;;
		esac
	done
	[ -f "$RUN/qemu-abort" ] &&
		echo "# note: QEMU aborted in the first boot ($(cat "$RUN/qemu-abort")); the tests after it ran in a second boot"
	echo "# VM run took ${elapsed}s"
	echo "$pass passed, $fail failed, $skip skipped"

	[ "$selfcheck" = 1 ] && selfcheck_verdict
	[ "$fail" = 0 ] && finish 0
	finish 1
}

# selfcheck_verdict: (uses verdict's got[]) exits 0 only if the runner
# reported tools/testing/vm/selfcheck/ as it must.
selfcheck_verdict() {
	local ok=1 pair want have

	for pair in sc_pass.sh:pass sc_skip.sh:skip sc_kernel_warning.sh:fail \
		    sc_timeout.sh:fail sc_fail.sh:fail sc_qemu_abort.sh:pass; do
		want=${pair#*:}
		have=${got[${pair%%:*}]-missing}
		if [ "$have" = "$want" ]; then
			echo "selfcheck: ${pair%%:*} reported $have as expected"
		else
			echo "selfcheck: ${pair%%:*} reported $have, expected $want"
			ok=0
		fi
	done
	grep -q 'kernel log' "$RUN"/results/*-sc_kernel_warning.sh/reason 2>/dev/null || {
		echo "selfcheck: the WARNING was not attributed to the kernel log"; ok=0; }
	grep -q 'timeout' "$RUN"/results/*-sc_timeout.sh/reason 2>/dev/null || {
		echo "selfcheck: the timeout was not reported as such"; ok=0; }
	[ -f "$RUN/qemu-abort" ] || {
		echo "selfcheck: the played QEMU abort did not lead to a second boot"; ok=0; }
	if [ "$ok" = 1 ]; then
		echo "selfcheck: the runner detects failures, skips, timeouts, kernel warnings and QEMU aborts"
		finish 0
	fi
	echo "selfcheck: FAILED"
	finish 1
}
