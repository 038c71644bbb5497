#!/usr/bin/env bash
# Boot the ISO in QEMU with the serial console on this terminal, and exit
# with init's exit status (DESIGN.md §4).
#   MEM (1G), SMP (1), ACCEL (auto|tcg|kvm), QEMU_EXTRA, TIMEOUT (seconds, 0 = none)
# When stdin is not a terminal, its contents are typed into the console and
# then an end-of-file (^D), so `make run </dev/null` always ends.
# The console is also logged to build/serial.log.
set -uo pipefail
iso=$1
log=${SERIAL_LOG:-build/serial.log}
mem=${MEM:-1G} smp=${SMP:-1} accel=${ACCEL:-auto}

if [ "$accel" = auto ]; then
	accel=tcg
	# /dev/kvm may exist without hardware virtualization (kvm_pvm): check the CPU
	if grep -qw -e vmx -e svm /proc/cpuinfo 2>/dev/null && [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
		accel=kvm
	fi
fi
cpu=max
[ "$accel" = kvm ] && cpu=host

args=(-machine q35,accel="$accel" -cpu "$cpu" -m "$mem" -smp "$smp"
      -display none -no-reboot -boot d -cdrom "$iso"
      -device isa-debug-exit,iobase=0xf4,iosize=0x04)
rm -f "$log"
mkdir -p "$(dirname "$log")"

timeout_cmd=()
[ "${TIMEOUT:-0}" != 0 ] && timeout_cmd=(timeout --foreground -k 5 "$TIMEOUT")

if [ -t 0 ]; then
	# Interactive: ^C goes to the guest; quit QEMU with ^A x.
	"${timeout_cmd[@]}" qemu-system-x86_64 "${args[@]}" \
		-chardev stdio,id=con0,mux=on,signal=off,logfile="$log" \
		-serial chardev:con0 -mon chardev=con0 ${QEMU_EXTRA:-}
	rc=$?
else
	{ cat; printf '\004'; } | "${timeout_cmd[@]}" qemu-system-x86_64 "${args[@]}" \
		-chardev stdio,id=con0,signal=off,logfile="$log" -serial chardev:con0 ${QEMU_EXTRA:-}
	rc=${PIPESTATUS[1]}
fi

# QEMU keeps only 8 bits of isa-debug-exit's (status << 1) | 1, so the
# status comes from the kernel's last words when they are there.
status=$(tr -d '\r' <"$log" 2>/dev/null | sed -n 's/^init exited: \([0-9]*\)$/\1/p' | tail -n 1)
if [ -n "$status" ]; then
	exit "$status"
fi
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	echo "run-qemu: timed out after ${TIMEOUT}s" >&2
	exit 124
fi
if [ $((rc & 1)) -eq 1 ]; then
	exit $((rc >> 1))
fi
echo "run-qemu: the guest stopped without powering off (QEMU exit $rc: a triple fault or a crash?)" >&2
exit 125
