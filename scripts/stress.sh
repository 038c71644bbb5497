#!/usr/bin/env bash
# make stress: boot thpkernel with thpstress as init (debug_vm on) and print its
# outcome lines.
#   scripts/stress.sh SECONDS [PROCS] [SEED]
#   scripts/stress.sh --replay SECONDS [PROCS] [SEED]
# --replay boots the same run twice (same SEED, same jitter=JITTER on the kernel
# command line, each process doing exactly OPS operations, QEMU counting
# instructions) and compares the event counts the two runs print.
# Environment: JITTER (kernel jitter seed; default SEED), ICOUNT=N (QEMU runs with
# -icount shift=N,sleep=off: the guest's clock and every timer interrupt follow the
# instructions executed, so one seed gives one interleaving; --replay uses 5 unless
# ICOUNT=0), OPS (operations per process, --replay only; default 4000),
# STRESS_ARGS (more thpstress options, e.g. "-H": no memory hog), CMDLINE (more
# kernel words, before init=), TIMEOUT (s per boot; default SECONDS + 300), and
# what scripts/run-qemu.sh takes (MEM, SMP, ACCEL, QEMU_EXTRA). Consoles are kept
# in SERIAL_PREFIX[-N].serial (default build/stress-SEED).
set -uo pipefail
cd "$(dirname "$0")/.."
replay=0
if [ "${1:-}" = --replay ]; then
	replay=1
	shift
fi
seconds=${1:-60} procs=${2:-4} seed=${3:-1}
jitter=${JITTER:-$seed}
[ "$replay" -eq 1 ] && icount=${ICOUNT:-5} || icount=${ICOUNT:-0}
[ "$icount" != 0 ] && export QEMU_EXTRA="${QEMU_EXTRA:-} -icount shift=$icount,sleep=off"
tag=stress-$seed-$$
serial=${SERIAL_PREFIX:-build/stress-$seed}
timeout=${TIMEOUT:-$((seconds + 300))}
trap 'rm -f build/$tag.cpio build/$tag*.iso' EXIT

make --no-print-directory -s kernel user || exit 1
scripts/mkinitramfs.sh build/rootfs "build/$tag.cpio" || exit 1

# boot ARGS SERIAL: one run of thpstress ARGS; prints its outcome lines
boot() {
	local args=$1 serial=$2 rc start
	CMDLINE="debug_vm jitter=$jitter ${CMDLINE:-} init=/bin/thpstress $args" \
		scripts/mkiso.sh build/kernel.elf "build/$tag.cpio" "build/$tag.iso" || return 1
	echo "stress.sh: booting with jitter=$jitter init=/bin/thpstress $args$([ "$icount" != 0 ] && echo ", -icount shift=$icount") (console in $serial)"
	start=$(date +%s)
	SERIAL_LOG=$serial TIMEOUT=$timeout scripts/run-qemu.sh "build/$tag.iso" </dev/null >/dev/null 2>&1
	rc=$?
	tr -d '\r' <"$serial" | grep '^thpstress: '
	if tr -d '\r' <"$serial" | grep -c -e 'kernel exception' -e 'Kernel panic' -e '^Call Trace' >/dev/null; then
		echo "stress.sh: FAIL the kernel crashed; the end of the console:"
		tr -d '\r' <"$serial" | tail -n 40 | sed 's/^/    /'
		[ "$rc" -eq 0 ] && rc=126
	elif [ "$rc" -eq 124 ]; then
		echo "stress.sh: FAIL timed out after ${timeout} s; the end of the console:"
		tr -d '\r' <"$serial" | tail -n 20 | sed 's/^/    /'
	fi
	echo "stress.sh: QEMU ran $(( $(date +%s) - start )) s, exit $rc"
	return "$rc"
}

if [ "$replay" -eq 0 ]; then
	boot "${STRESS_ARGS:-} $seconds $procs $seed" "$serial.serial"
	exit $?
fi

ops=${OPS:-4000}
args="-n $ops ${STRESS_ARGS:-} $seconds $procs $seed"
rc=0
boot "$args" "$serial-1.serial" || rc=1
boot "$args" "$serial-2.serial" || rc=1
events() { tr -d '\r' <"$1" | sed -n 's/^thpstress: events: //p' | tr ' ' '\n'; }
ops_line() { tr -d '\r' <"$1" | sed -n 's/^thpstress: operations [0-9]* in [0-9.]* s: //p'; }
echo "stress.sh: replay of seed $seed, jitter=$jitter, $ops operations per process$([ "$icount" != 0 ] && echo ", -icount shift=$icount" || echo ", no icount"):"
if [ "$(ops_line "$serial-1.serial")" = "$(ops_line "$serial-2.serial")" ]; then
	echo "  operations: the same in both runs"
else
	echo "  operations: DIFFER (run 1: $(ops_line "$serial-1.serial"); run 2: $(ops_line "$serial-2.serial"))"
	rc=1
fi
same=0 differ=0
while IFS='=' read -r name v1; do
	v2=$(events "$serial-2.serial" | sed -n "s/^$name=//p")
	if [ "$v1" = "$v2" ]; then
		same=$((same + 1))
	else
		differ=$((differ + 1))
		printf '  %-26s run 1: %-8s run 2: %s\n' "$name" "$v1" "$v2"
	fi
done < <(events "$serial-1.serial")
if [ "$differ" -eq 0 ] && [ "$same" -gt 0 ]; then
	echo "stress.sh: replay: all $same event counts match"
else
	echo "stress.sh: replay: $differ of $((same + differ)) event counts differ (listed above)"
	rc=1
fi
exit "$rc"
