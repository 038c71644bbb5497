#!/usr/bin/env bash
# make fuzz: boot thpkernel with the system-call fuzzer as init (debug_vm on) and
# report what it found.
#   scripts/fuzz.sh SEED CALLS [PROCS]
# Environment: FUZZ_ARGS (fuzz options before SEED: "-v" prints every call on the
# console, "-w N" runs worker N alone, "-o mmap,fork" only those operations),
# CMDLINE (more kernel words, before init=), TIMEOUT (s; default 120 + CALLS/200),
# ICOUNT=N (QEMU counts instructions, -icount shift=N,sleep=off: the guest's clock
# and every timer interrupt follow the instructions executed, so one seed gives one
# interleaving, and a race it finds happens again on every boot), and what
# scripts/run-qemu.sh takes (MEM, SMP, ACCEL, QEMU_EXTRA, ROOTFS_EXTRA).
# The image is packed under a name of its own (build/fuzz-SEED-PID.iso), so that
# other builds cannot change it under the run; the console is kept in
# build/fuzz-SEED.serial. Exit status: the fuzzer's (0: nothing wrong), 124 on a
# timeout, 125/126 when the kernel crashed.
set -uo pipefail
cd "$(dirname "$0")/.."
seed=${1:-1} calls=${2:-20000} procs=${3:-4}
tag=fuzz-$seed-$$
serial=build/fuzz-$seed.serial
timeout=${TIMEOUT:-$((120 + calls / 200))}
[ -n "${ICOUNT:-}" ] && export QEMU_EXTRA="${QEMU_EXTRA:-} -icount shift=$ICOUNT,sleep=off"
trap 'rm -f build/$tag.cpio build/$tag.iso' EXIT

make --no-print-directory -s kernel user || exit 1
scripts/mkinitramfs.sh build/rootfs "build/$tag.cpio" || exit 1
CMDLINE="debug_vm ${CMDLINE:-} init=/bin/fuzz ${FUZZ_ARGS:-} $seed $calls $procs" \
	scripts/mkiso.sh build/kernel.elf "build/$tag.cpio" "build/$tag.iso" || exit 1

echo "fuzz.sh: booting with init=/bin/fuzz ${FUZZ_ARGS:-}$seed $calls $procs${ICOUNT:+, -icount shift=$ICOUNT} (timeout ${timeout} s, console in $serial)"
start=$(date +%s)
SERIAL_LOG=$serial TIMEOUT=$timeout scripts/run-qemu.sh "build/$tag.iso" </dev/null >/dev/null 2>&1
rc=$?
echo "fuzz.sh: QEMU ran $(( $(date +%s) - start )) s"

# The fuzzer's own report (its per-call table is left in the console log)
tr -d '\r' <"$serial" | sed -n '/^fuzz: seed /,$p' | grep -v '^  [a-z_0-9]* [0-9]*/[0-9]*' |
	grep -v '^fuzz: calls per system call'
if tr -d '\r' <"$serial" | grep -c -e 'kernel exception' -e 'Kernel panic' -e '^Call Trace' -e 'BUG' >/dev/null; then
	echo "fuzz.sh: FAIL the kernel crashed; the end of the console:"
	tr -d '\r' <"$serial" | tail -n 40 | sed 's/^/    /'
	echo "fuzz.sh: replay: make fuzz SEED=$seed CALLS=$calls PROCS=$procs${ICOUNT:+ ICOUNT=$ICOUNT} FUZZ_ARGS='-v'"
	[ "$rc" -eq 0 ] && rc=126
elif [ "$rc" -eq 124 ]; then
	echo "fuzz.sh: FAIL timed out after ${timeout} s (a hang?); the end of the console:"
	tr -d '\r' <"$serial" | tail -n 20 | sed 's/^/    /'
	echo "fuzz.sh: replay: make fuzz SEED=$seed CALLS=$calls PROCS=$procs${ICOUNT:+ ICOUNT=$ICOUNT} FUZZ_ARGS='-v'"
fi
exit "$rc"
