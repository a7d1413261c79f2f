# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
# The variables are run's globals, shared by its parts:
# shellcheck disable=SC2034,SC2154
#
# tools/testing/vm/run, part 3: the busybox initramfs that mounts the host
# root over 9p (cached, rebuilt when its inputs change).  Sourced by run;
# defines functions only.

# ninep_modules: prints the 9p modules the guest kernel needs, dependencies
# first.
ninep_modules() {
	local -A seen=()
	local order=() m

	visit() {
		local m=$1 d deps f
		[ -n "${seen[$m]-}" ] && return
		seen[$m]=1
		f=$(modinfo ${modroot:+-b "$modroot"} -k "$kver" -F filename "$m" 2>/dev/null) || return
		case $f in
		""|"(builtin)") return ;;
		esac
		deps=$(modinfo ${modroot:+-b "$modroot"} -k "$kver" -F depends "$m" 2>/dev/null | tr ',' ' ')
		for d in $deps; do visit "$d"; done
		order+=("$m")
	}
	for m in virtio virtio_ring virtio_pci netfs 9pnet 9pnet_virtio 9p; do
		visit "$m"
	done
	echo "${order[@]}"
}

# make_initramfs: builds (or reuses) .vm-build/<kver>/initramfs.cpio.gz and
# links it into the run directory.
make_initramfs() {
	local dir=$VMB/$kver key mods m f tmp busybox
	busybox=$(command -v busybox) || { echo "run: busybox missing" >&2; return 1; }
	mkdir -p "$dir" || return 1
	mods=$(ninep_modules)
	key=$({
		echo "$kver $mods"
		sha256sum "$VMDIR/initramfs-init.sh" "$VMDIR/runner/initramfs.sh" "$busybox"
		for m in $mods; do sha256sum "$(modinfo ${modroot:+-b "$modroot"} -k "$kver" -F filename "$m")"; done
	} | sha256sum | cut -c1-20)
	(
		flock 9
		if [ -f "$dir/initramfs.cpio.gz" ] && [ "$(cat "$dir/initramfs.key" 2>/dev/null)" = "$key" ]; then
			exit 0
		fi
		tmp=$(mktemp -d "$dir/initramfs.XXXXXX") || exit 1
		mkdir -p "$tmp/root/bin" "$tmp/root/dev" "$tmp/root/proc" "$tmp/root/sys" \
			"$tmp/root/modules" "$tmp/root/newroot"
		cp "$busybox" "$tmp/root/bin/busybox"
		ln -s busybox "$tmp/root/bin/sh"
		cp "$VMDIR/initramfs-init.sh" "$tmp/root/init"
		chmod 755 "$tmp/root/init"
		mknod "$tmp/root/dev/console" c 5 1 2>/dev/null
		for m in $mods; do
			f=$(modinfo ${modroot:+-b "$modroot"} -k "$kver" -F filename "$m")
			case $f in
			*.xz) xz -dc "$f" >"$tmp/root/modules/$m.ko" ;;
			*.zst) zstd -qdc "$f" >"$tmp/root/modules/$m.ko" ;;
			*.gz) gzip -dc "$f" >"$tmp/root/modules/$m.ko" ;;
			*) cp "$f" "$tmp/root/modules/$m.ko" ;;
			esac || exit 1
		done
		echo "$mods" >"$tmp/root/modules/order"
		(cd "$tmp/root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -1) \
			>"$tmp/initramfs.cpio.gz" || exit 1
		mv -f "$tmp/initramfs.cpio.gz" "$dir/initramfs.cpio.gz"
		echo "$key" >"$dir/initramfs.key"
		rm -rf "$tmp"
	) 9>"$dir/initramfs.lock" || return 1
	# Each run keeps its own hard link, so a rebuild by a concurrent run
	# never changes the file under a booting VM.
	ln -f "$dir/initramfs.cpio.gz" "$RUN/initramfs.cpio.gz" 2>/dev/null ||
		cp "$dir/initramfs.cpio.gz" "$RUN/initramfs.cpio.gz"
}
