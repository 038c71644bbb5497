#!/usr/bin/env bash
# Pack the initramfs (cpio "newc", what the kernel unpacks into its ramfs):
# the built user programs (ROOTDIR/bin) stripped, user/etc as /etc, and the
# files of $ROOTFS_EXTRA at the same relative paths, mode bits kept.
# The programs go in without their debug information (14 MB -> 8 MB): GRUB
# reads every byte of the archive from the emulated CD-ROM at each boot,
# about 50 ms per MB under TCG. GDB reads the unstripped ones in ROOTDIR.
# usage: mkinitramfs.sh ROOTDIR OUT.cpio
set -euo pipefail
root=$1 out=$2
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,etc,tmp,proc,sys,dev}
cp -a "$root"/bin/. "$stage"/bin/
elves=()
while IFS= read -r -d '' f; do
	[ "$(head -c 4 "$f")" = $'\x7fELF' ] && elves+=("$f")
done < <(find "$stage"/bin -type f -print0)
[ ${#elves[@]} -eq 0 ] || ${STRIP:-strip} --strip-all --preserve-dates "${elves[@]}"
[ -d user/etc ] && cp -a user/etc/. "$stage"/etc/
if [ -n "${ROOTFS_EXTRA:-}" ]; then
	[ -d "$ROOTFS_EXTRA" ] || { echo "mkinitramfs: ROOTFS_EXTRA=$ROOTFS_EXTRA is not a directory" >&2; exit 1; }
	cp -a "$ROOTFS_EXTRA"/. "$stage"/
fi
chmod 1777 "$stage"/tmp
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet) > "$out.tmp.$$"
mv -f "$out.tmp.$$" "$out"
