#!/usr/bin/env bash
# make debug / make gdb.
#   debug.sh qemu ISO   start QEMU halted, with its GDB stub on a per-user port
#   debug.sh gdb ELF    start GDB with the kernel's symbols, connected to it
# The port is 25000 + uid % 5000 (xv6's trick: students sharing one machine
# do not collide). GDB's commands go in .gdbinit-thpkernel, written here, so
# no auto-load-safe-path setting is needed.
set -euo pipefail
port=$((25000 + $(id -u) % 5000))
gdbinit=.gdbinit-thpkernel

case "$1" in
qemu)
	cat > "$gdbinit" <<GDB
set architecture i386:x86-64
file build/kernel.elf
target remote localhost:$port
source scripts/gdb/thp.py
GDB
	echo "QEMU is halted, waiting for GDB on port $port: run 'make gdb' in another terminal."
	QEMU_EXTRA="${QEMU_EXTRA:-} -S -gdb tcp::$port" exec scripts/run-qemu.sh "$2"
	;;
gdb)
	[ -f "$gdbinit" ] || { echo "run 'make debug' first (in another terminal)"; exit 1; }
	exec gdb -q -x "$gdbinit"
	;;
*)
	echo "usage: $0 qemu ISO | gdb ELF" >&2
	exit 2
	;;
esac
