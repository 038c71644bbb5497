#!/usr/bin/env bash
# Fetch Debian's own Linux 6.1 kernel image, WITHOUT installing it: the package
# is downloaded with `apt-get download` and unpacked with `dpkg -x` into
# build/linux/, which then holds build/linux/boot/vmlinuz-<version>.
# It is what `make test-linux` and `make bench` boot beside thpkernel.
#
#   LINUX_PKG=linux-image-6.1.0-N-amd64[-unsigned]   a given package (default:
#                                 the newest linux-image-6.1.0-N-amd64 in the apt
#                                 cache, its -unsigned variant when there is one)
#   LINUX_DIR=build/linux         where to unpack
#
# Prints the path of the vmlinuz on its last line. Does nothing (but print it)
# when a kernel is already unpacked there, unless LINUX_PKG names another one.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${LINUX_DIR:-build/linux}

have_vmlinuz() {	# the unpacked image, if any (newest version first)
	ls -1 "$dir"/boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1
}

existing=$(have_vmlinuz || true)
if [ -n "$existing" ] && { [ -z "${LINUX_PKG:-}" ] || [ "$(cat "$dir/.pkg" 2>/dev/null)" = "$LINUX_PKG" ]; }; then
	echo "$existing"
	exit 0
fi

command -v apt-get >/dev/null && command -v dpkg >/dev/null || {
	echo "fetch-linux: needs apt-get and dpkg (a Debian or Ubuntu host)" >&2; exit 1; }

# The newest linux-image-6.1.0-N-amd64 the apt cache knows; refresh the cache
# once if it knows none (a fresh machine has an empty cache).
newest() {
	apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-amd64(-unsigned)?$' 2>/dev/null |
		awk '{print $1}' | sed 's/-unsigned$//' | sort -uV | tail -n 1
}
pkg=${LINUX_PKG:-}
if [ -z "$pkg" ]; then
	base=$(newest)
	if [ -z "$base" ]; then
		if [ "$(id -u)" -eq 0 ]; then
			echo "fetch-linux: apt cache has no linux-image-6.1.0-*-amd64; running apt-get update" >&2
			apt-get update -qq >&2 || true
		else
			echo "fetch-linux: apt cache has no linux-image-6.1.0-*-amd64: run 'sudo apt-get update'" >&2
			exit 1
		fi
		base=$(newest)
	fi
	[ -n "$base" ] || { echo "fetch-linux: no linux-image-6.1.0-*-amd64 package found" >&2; exit 1; }
	# The unsigned image is the same kernel without the Secure Boot signature.
	pkg=$base
	policy=$(apt-cache policy "$base-unsigned" 2>/dev/null || true)
	if [[ "$policy" == *"Candidate: "[0-9]* ]]; then
		pkg=$base-unsigned
	fi
fi

dl=$(mktemp -d)
trap 'rm -rf "$dl"' EXIT
chmod 777 "$dl"	# apt's download sandbox user (_apt) writes there
echo "fetch-linux: apt-get download $pkg" >&2
(cd "$dl" && apt-get download -q "$pkg" >&2) || {
	echo "fetch-linux: apt-get download $pkg failed" >&2; exit 1; }
deb=$(ls "$dl"/*.deb | head -n 1)
rm -rf "$dir.tmp"
mkdir -p "$dir.tmp"
dpkg -x "$deb" "$dir.tmp"
ls "$dir.tmp"/boot/vmlinuz-* >/dev/null 2>&1 || {
	echo "fetch-linux: $pkg has no boot/vmlinuz-*" >&2; rm -rf "$dir.tmp"; exit 1; }
# Keep only what is booted: the image and its config (the modules are not
# needed: 8250 serial, initramfs and THP are built in).
mkdir -p "$dir.tmp/keep"
mv "$dir.tmp"/boot "$dir.tmp/keep/boot"
rm -rf "$dir"
mv "$dir.tmp/keep" "$dir"
rm -rf "$dir.tmp"
printf '%s\n' "$pkg" >"$dir/.pkg"
dpkg-deb -f "$deb" Version >"$dir/.version"
echo "fetch-linux: $pkg $(cat "$dir/.version") unpacked into $dir" >&2
have_vmlinuz
