#!/usr/bin/env bash
# Pack the initramfs (cpio "newc", what the kernel unpacks into its ramfs):
# the built user programs (ROOTDIR/bin), user/etc as /etc, and the files of
# $ROOTFS_EXTRA at the same relative paths, mode bits kept.
# usage: mkinitramfs.sh ROOTDIR OUT.cpio
set -euo pipefail
root=$1 out=$2
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,etc,tmp,proc,sys,dev}
cp -a "$root"/bin/. "$stage"/bin/
[ -d user/etc ] && cp -a user/etc/. "$stage"/etc/
if [ -n "${ROOTFS_EXTRA:-}" ]; then
	[ -d "$ROOTFS_EXTRA" ] || { echo "mkinitramfs: ROOTFS_EXTRA=$ROOTFS_EXTRA is not a directory" >&2; exit 1; }
	cp -a "$ROOTFS_EXTRA"/. "$stage"/
fi
chmod 1777 "$stage"/tmp
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet) > "$out.tmp.$$"
mv -f "$out.tmp.$$" "$out"
