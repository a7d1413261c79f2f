# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
# The variables are run's globals, shared by its parts:
# shellcheck disable=SC2034,SC2154
#
# tools/testing/vm/run, part 2: the modules the guest loads, in the run's
# own directory (never shared with another run).  Sourced by run; defines
# functions only.

# prepare_modules: fills $RUN/modules (built, or copied from --moddir;
# empty for --selfcheck, which needs no driver); exits on failure.
prepare_modules() {
	local buildargs

	if [ "$selfcheck" = 1 ]; then
		# The runner's own check does not depend on the build.
		mkdir -p "$RUN/modules"
	elif [ -n "$moddir" ]; then
		mkdir -p "$RUN/modules"
		cp "$moddir"/*.ko "$RUN/modules/" || { echo "run: no modules in $moddir"; exit 1; }
	else
		buildargs=(--out "$RUN/modules" -q)
		[ -n "$kdir" ] && buildargs+=(--kdir "$kdir")
		"$VMDIR/build" "${buildargs[@]}" || { echo "run: module build failed"; exit 1; }
	fi
}

# prepare_sources: what tests read from the kernel's source package: the
# ynl CLI and netlink specs (always) and, when a kernel_drv_tests.sh entry
# is in the list, the kernel's generic driver tests and their tools.
prepare_sources() {
	"$TREE/tools/testing/vm/linux-source.sh" >/dev/null ||
		echo "run: linux-source is not available; netlink tests will skip"
	case " $tests " in
	*" kernel_drv_tests.sh"*)
		"$VMDIR/kernel-tests-prep.sh" >/dev/null ;;
	esac
}
