#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the build, run and tests need, if any
# are missing: with apt-get when root, otherwise print the exact command.
set -euo pipefail

need=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_cmd qemu-system-x86_64 || need+=(qemu-system-x86)
have_cmd grub-mkrescue      || need+=(grub-common)
# without grub-pc-bin, grub-mkrescue writes an ISO that does not boot
[ -d /usr/lib/grub/i386-pc ] || need+=(grub-pc-bin)
have_cmd xorriso            || need+=(xorriso)
have_cmd mformat            || need+=(mtools)
have_cmd musl-gcc           || need+=(musl-tools)
have_cmd cpio               || need+=(cpio)
have_cmd gdb                || need+=(gdb)
have_cmd gcc                || need+=(gcc)
have_cmd make               || need+=(make)
have_cmd python3            || need+=(python3)

[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	echo "install-deps: installing ${need[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq "${need[@]}" >/dev/null
else
	echo "install-deps: missing packages. Run:"
	echo "  sudo apt-get install -y ${need[*]}"
	exit 1
fi
