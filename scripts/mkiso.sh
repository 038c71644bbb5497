#!/usr/bin/env bash
# Stage iso/ (GRUB config with the kernel command line, the kernel, the
# initramfs) and pack it into a bootable ISO with grub-mkrescue.
# GRUB's multiboot2 loader reads every section of the kernel's ELF file,
# debug information included (1.1 of its 1.3 MB, some 70 ms of each boot
# under TCG): the ISO boots a stripped copy, /boot/kernel.elf, and carries
# the whole file as /boot/kernel.debug, which only GDB reads.
# usage: mkiso.sh KERNEL.elf INITRAMFS.cpio OUT.iso     (CMDLINE from the environment)
set -euo pipefail
kernel=$1 initrd=$2 out=$3
# Several builds may run at once (tests beside an interactive run): the
# staging tree is shared, so take turns, and replace the ISO atomically.
exec 9>build/.mkiso.lock
flock 9
if [ ! -d /usr/lib/grub/i386-pc ]; then
	echo "mkiso: /usr/lib/grub/i386-pc is missing: apt-get install grub-pc-bin" >&2
	echo "       (without it grub-mkrescue writes an ISO that does not boot)" >&2
	exit 1
fi
mkdir -p iso/boot/grub
${STRIP:-strip} --strip-all -o iso/boot/kernel.elf "$kernel"
cp "$kernel" iso/boot/kernel.debug
cp "$initrd" iso/boot/initramfs.cpio
# GRUB's own shell syntax treats $ ; & | < > quotes and braces specially:
# escape each such character so the kernel gets the line as written.
# Double quotes stay: GRUB keeps "a b" as one argument, as the kernel does.
cmdline=$(printf '%s' "${CMDLINE:-}" | sed 's/[]\\$;&|<>'"'"'{}()[]/\\&/g')
cat > iso/boot/grub/grub.cfg <<CFG
set timeout=0
set default=0
menuentry "thpkernel" {
	multiboot2 /boot/kernel.elf ${cmdline}
	module2 /boot/initramfs.cpio initramfs
	boot
}
CFG
grub-mkrescue -o "$out.tmp" iso \
	--install-modules="multiboot2 normal part_msdos iso9660 serial terminal" \
	--fonts= --locales= --themes= >/dev/null 2>&1 \
	|| { echo "mkiso: grub-mkrescue failed" >&2; exit 1; }
mv -f "$out.tmp" "$out"
