# make test-linux: the in-guest suite on Debian's own Linux 6.1 kernel
# (fetched with apt-get download and unpacked under build/linux/, never
# installed), booted in QEMU with the same initramfs; see scripts/test-linux.sh.
#   make fetch-linux      only download and unpack the kernel
#   make test-linux       PASS/FAIL/SKIP linux:NAME lines and a summary
#   make test-linux T='madv khugepaged'   only the tests whose names contain a word
.PHONY: test-linux fetch-linux

fetch-linux:
	@scripts/fetch-linux.sh

test-linux: deps
	@scripts/test-linux.sh $(T)
