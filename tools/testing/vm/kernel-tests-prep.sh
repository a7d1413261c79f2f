#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# kernel-tests-prep.sh: host-side preparation, once, for the kernel's own
# generic driver selftests (tools/testing/selftests/drivers/net/ of the
# Debian linux-source; kernel_drv_tests.sh runs them in the VM):
#
#   - the selftests and their libraries, extracted by linux-source.sh;
#   - net/lib/csum, the helper program of hw/csum.py, compiled;
#   - a newer ethtool (the tests call `ethtool --json` on options bookworm's
#     6.1 lacks): trixie's package, fetched through a private apt state
#     whose source list is derived at run time from the machine's own
#     Debian source (no host name is written by this project) and unpacked
#     with dpkg -x, never installed;
#   - mausezahn (netsniff-ng) with the libraries it needs, unpacked the
#     same way from bookworm (the forwarding library's packet generator).
#
# Everything goes to .vm-build/ksft-tools/; bin/ there is put first on PATH
# by kernel_drv_tests.sh only. Prints the directory. What cannot be
# fetched (no network) is reported; the tests that need it then skip.
# Safe to run concurrently.
set -u

TREE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
OUT=$TREE/.vm-build/ksft-tools
STAMP=$OUT/.complete-1

src=$("$TREE/tools/testing/vm/linux-source.sh") || exit 1
mkdir -p "$OUT" || exit 1

# fetch_debs DIR SUITE PKG...: downloads PKGs of SUITE into DIR with apt's
# state kept under $OUT/apt-SUITE.
fetch_debs() {
	local dir=$1 suite=$2 st uri
	shift 2
	st=$OUT/apt-$suite
	mkdir -p "$st/lists/partial" "$st/cache/archives/partial" "$st/parts" "$dir" || return 1
	uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
	[ -n "$uri" ] || { echo "kernel-tests-prep: no URIs: line in debian.sources" >&2; return 1; }
	printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
		"$uri" "$suite" >"$st/parts/$suite.sources"
	local opts=(-o "Dir::State=$st" -o "Dir::State::Lists=$st/lists"
		-o Dir::State::status=/var/lib/dpkg/status -o Dir::Etc::SourceList=/dev/null
		-o "Dir::Etc::SourceParts=$st/parts" -o "Dir::Cache=$st/cache"
		-o Debug::NoLocking=1 -o APT::Sandbox::User=root)
	apt-get -qq "${opts[@]}" update >/dev/null || return 1
	(cd "$dir" && apt-get -qq "${opts[@]}" download "$@") >/dev/null
}

(
	flock 9
	[ -f "$STAMP" ] && exit 0
	rc=0
	# hw/csum.py runs ../../../net/lib/csum on both ends.
	sdir=$src/tools/testing/selftests
	gcc -Wall -O2 -I"$sdir" -o "$sdir/net/lib/csum" "$sdir/net/lib/csum.c" ||
		{ echo "kernel-tests-prep: cannot build net/lib/csum" >&2; rc=1; }

	rm -rf "${OUT:?}/debs" "${OUT:?}/root" "${OUT:?}/bin"
	mkdir -p "$OUT/root" "$OUT/bin"
	if fetch_debs "$OUT/debs" trixie ethtool &&
	   fetch_debs "$OUT/debs" bookworm netsniff-ng libcli1.10 libnet1 libpcap0.8; then
		for d in "$OUT"/debs/*.deb; do
			dpkg -x "$d" "$OUT/root" || rc=1
		done
		ln -s ../root/usr/sbin/ethtool "$OUT/bin/ethtool"
		# mausezahn finds its libraries in the unpacked tree only.
		cat >"$OUT/bin/mausezahn" <<EOF
#!/bin/sh
LD_LIBRARY_PATH=$OUT/root/usr/lib/x86_64-linux-gnu exec $OUT/root/usr/sbin/mausezahn "\$@"
EOF
		chmod 755 "$OUT/bin/mausezahn"
		"$OUT/bin/ethtool" --version >/dev/null &&
			"$OUT/bin/mausezahn" -h 2>&1 | grep -q "^mausezahn" ||
			{ echo "kernel-tests-prep: the unpacked ethtool or mausezahn does not run" >&2; rc=1; }
	else
		echo "kernel-tests-prep: cannot fetch ethtool/mausezahn packages" >&2
		rc=1
	fi
	[ "$rc" = 0 ] && touch "$STAMP"
	exit "$rc"
) 9>"$OUT.lock" || echo "kernel-tests-prep: incomplete; the tests that need what is missing skip" >&2
echo "$OUT"
