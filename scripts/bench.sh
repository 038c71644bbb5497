#!/usr/bin/env bash
# make bench: the benchmarks of user/bench_*.c on thpkernel and on Debian's
# Linux 6.1 (scripts/fetch-linux.sh), in the same QEMU machine, one boot per
# benchmark per kernel, RUNS rounds (default 3) that alternate which kernel
# goes first; then the tables of scripts/bench-table.py: thpkernel next to
# Linux; the median and 99th percentile of one THP fault, collapse and split
# (thpkernel's /sys/kernel/debug/thp/latency, read by the benchmarks after
# each part: "BENCH lat_*" lines; Linux has no such file); and
# thp_policy=linux next to thp_policy=reserve (bench_policies: "BENCH
# policy_*" lines). Timing is reported, never judged: this is not a test.
#
# Each boot runs one program, /bin/bench_NAME, as init's child (thpkernel:
# init=/bin/bench_NAME; Linux: rdinit=/bin/init -- /bin/bench_NAME) and reads
# its "BENCH name value unit" lines from the serial console. boot_to_init is
# measured here, on the host: from the start of QEMU to the program's first
# line ("bench: NAME on ..."), for every boot.
#
# Every boot uses -mem-prealloc (DESIGN.md section 4: without it, QEMU's own
# first touch of guest RAM adds 40 to 540 ms to first-touch timings).
#
# usage: scripts/bench.sh [NAME ...]     (default: every user/bench_*.c)
#        scripts/bench.sh --profile NAME  thpkernel only: sample the guest's RIP
#              through QEMU's monitor (about every 5 ms) during one boot of
#              bench_NAME and print where the time went, by kernel function
#              ("<user>" for ring 3, which includes QEMU's page walks of user
#              accesses), for each timed phase (the program's "PHASE name"
#              lines). A profile from outside that needs no guest support.
# Environment: RUNS (3), MEM (1G), SMP (1), ACCEL (auto|tcg|kvm), QEMU_EXTRA,
#   ROOTFS_EXTRA, TIMEOUT (per boot, s, default 600), KERNELS ("thpkernel linux"),
#   CPU (QEMU -cpu model for both kernels; default max under TCG, host under
#   KVM). Under TCG, -cpu max offers ERMS, so Linux clears and copies pages
#   with "rep stosb"/"rep movsb", which TCG runs one byte at a time (Linux's
#   256 MiB THP first touch: about 1.7 s with it, 0.25 s with CPU=max,erms=off);
#   thpkernel uses "rep stosq" either way. docs/performance.md shows both.
#   BENCH_OUT (build/bench): where everything below goes.
#   THP_KERNEL=path/to/kernel.elf: measure that thpkernel build instead of
#   building the tree's (to compare two kernels, e.g. before and after a fix,
#   run twice with KERNELS=thpkernel).
# Results: build/bench/results.tsv (one line per value), the console of every
# boot in build/bench/*.serial, the tables in build/bench/table.md.
set -uo pipefail
# The whole script is one block, read before it runs: a build that edits this
# file meanwhile cannot change a run that has started.
{
cd "$(dirname "$0")/.."

runs=${RUNS:-3} mem=${MEM:-1G} smp=${SMP:-1} accel=${ACCEL:-auto}
kernels=${KERNELS:-thpkernel linux}
if [ "$accel" = auto ]; then	# the rule of scripts/run-qemu.sh
	accel=tcg
	if grep -qw -e vmx -e svm /proc/cpuinfo 2>/dev/null && [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
		accel=kvm
	fi
fi
cpu=max
[ "$accel" = kvm ] && cpu=host
cpu=${CPU:-$cpu}

profile=0
if [ "${1:-}" = --profile ]; then
	profile=1
	shift
	[ $# -eq 1 ] || { echo "usage: scripts/bench.sh --profile NAME" >&2; exit 2; }
	kernels=thpkernel
fi
if [ $# -gt 0 ]; then
	benches=("$@")
else
	benches=()
	for f in user/bench_*.c; do
		n=$(basename "$f" .c)
		benches+=("${n#bench_}")
	done
fi

out=${BENCH_OUT:-build/bench}
mkdir -p "$out"

# ---- build: a private copy of the kernel, the initramfs and one ISO per
# benchmark, so that other builds running at the same time (make all
# CMDLINE=...) cannot change what is measured.
echo "bench: building" >&2
if [ -n "${THP_KERNEL:-}" ]; then
	make --no-print-directory -s user >&2 || { echo "bench: build failed" >&2; exit 1; }
	cp "$THP_KERNEL" "$out/kernel.elf" || exit 1
	thp_name="$THP_KERNEL"
else
	make --no-print-directory -s kernel user >&2 || { echo "bench: build failed" >&2; exit 1; }
	cp build/kernel.elf "$out/kernel.elf"
	thp_name="$(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD -- arch boot kernel mm lib include linker.ld 2>/dev/null || echo ' with uncommitted kernel changes')"
fi
scripts/mkinitramfs.sh build/rootfs "$out/initramfs.cpio" || exit 1
for b in "${benches[@]}"; do
	[ -x "build/rootfs/bin/bench_$b" ] || { echo "bench: no /bin/bench_$b (user/bench_$b.c)" >&2; exit 1; }
	if [[ " $kernels " == *" thpkernel "* ]]; then
		CMDLINE="init=/bin/bench_$b" scripts/mkiso.sh "$out/kernel.elf" "$out/initramfs.cpio" "$out/thp-$b.iso" ||
			exit 1
	fi
done
if [[ " $kernels " == *" linux "* ]]; then
	vmlinuz=$(scripts/fetch-linux.sh | tail -n 1) || exit 1
	linux_name="$(basename "$vmlinuz" | sed 's/^vmlinuz-//') ($(cat build/linux/.version 2>/dev/null))"
fi

# The same machine for both kernels.
machine=(-machine q35,accel="$accel" -cpu "$cpu" -m "$mem" -smp "$smp" -display none -no-reboot -mem-prealloc)
# Linux: as in scripts/test-linux.sh (no5lvl: the 47-bit user address space
# thpkernel has; quiet: no kernel log on the console).
linux_append="console=ttyS0 quiet no5lvl transparent_hugepage=madvise rdinit=/bin/init panic=-1"

results=$out/results.tsv
: >"$results"
failures=()

# boot KERNEL BENCH RUN: one boot; appends its values to $results.
boot() {
	local k=$1 b=$2 r=$3 log="$out/$1-$2-$3.serial" args line t0 t first="" n=0 rc
	if [ "$k" = thpkernel ]; then
		args=(-boot d -cdrom "$out/thp-$b.iso" -device isa-debug-exit,iobase=0xf4,iosize=0x04)
	else
		args=(-kernel "$vmlinuz" -initrd "$out/initramfs.cpio" -append "$linux_append -- /bin/bench_$b")
	fi
	rm -f "$log"
	# Other work on the host slows the guest's clock-measured times: keep the
	# load average at the start of every boot with the results.
	local load
	read -r load _ </proc/loadavg
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$k" "$r" host_load "$load" load1 "$accel" >>"$results"
	t0=$EPOCHREALTIME
	while IFS= read -r line; do
		line=${line%$'\r'}
		t=$EPOCHREALTIME
		case "$line" in
		"bench: "*)
			[ -z "$first" ] && first=$(awk -v a="$t0" -v b="$t" 'BEGIN { printf "%.0f", (b - a) * 1000 }') ;;
		"BENCH "*)
			read -r _ name value unit <<<"$line"
			printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$k" "$r" "$name" "$value" "$unit" "$accel" >>"$results"
			n=$((n + 1)) ;;
		esac
	done < <(timeout --foreground -k 5 "${TIMEOUT:-600}" qemu-system-x86_64 "${machine[@]}" "${args[@]}" \
			-chardev stdio,id=con0,signal=off,logfile="$log" -serial chardev:con0 ${QEMU_EXTRA:-} </dev/null 2>&1)
	if [ -n "$first" ]; then
		printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$k" "$r" boot_to_init "$first" ms "$accel" >>"$results"
	fi
	printf 'bench: run %s %-10s %-14s %2d values, boot_to_init %5s ms, host load %s\n' "$r" "$k" "$b" "$n" "${first:-?}" "$load" >&2
	if [ "$n" -eq 0 ]; then
		failures+=("$k $b run $r: no BENCH line (see $log)")
		tail -n 15 "$log" 2>/dev/null | sed 's/^/    /' >&2
	fi
}

# profile NAME: samples thpkernel's RIP during one boot of bench_NAME.
profile() {
	python3 - "$out/kernel.elf" "$out/profile-$1" "${machine[@]}" -boot d -cdrom "$out/thp-$1.iso" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 ${QEMU_EXTRA:-} <<'PY'
import bisect, collections, os, re, socket, subprocess, sys, time
elf, base, args = sys.argv[1], sys.argv[2], sys.argv[3:]
sock = base + ".sock"
if os.path.exists(sock):
    os.unlink(sock)
q = subprocess.Popen(["qemu-system-x86_64"] + args + ["-monitor", f"unix:{sock},server,nowait",
                      "-serial", f"file:{base}.serial"], stdin=subprocess.DEVNULL)
for _ in range(500):
    if os.path.exists(sock):
        break
    time.sleep(0.01)
s = socket.socket(socket.AF_UNIX)
s.connect(sock)
s.settimeout(10)

def reply():
    buf = b""
    while not buf.endswith(b"(qemu) "):
        d = s.recv(65536)
        if not d:
            raise EOFError
        buf += d
    return buf.decode(errors="replace")

samples = []
phase, pos, serial = "boot", 0, base + ".serial"

def current_phase():
    """The phase the console names last: "PHASE x" starts x, "PHASE -" ends it."""
    global phase, pos
    try:
        with open(serial, "rb") as f:
            f.seek(pos)
            data = f.read()
    except OSError:
        return phase
    cut = data.rfind(b"\n") + 1
    pos += cut
    for line in data[:cut].decode(errors="replace").splitlines():
        line = line.strip()
        if line.startswith("PHASE "):
            phase = line.split()[1]
            if phase == "-":
                phase = "(untimed)"
        elif line.startswith("bench:"):
            phase = "(untimed)"
    return phase

try:
    reply()
    while q.poll() is None:
        s.sendall(b"info registers\n")
        r = reply()
        rip, cpl = re.search(r"RIP=([0-9a-f]+)", r), re.search(r"CPL=(\d)", r)
        if rip:
            samples.append((current_phase(), int(rip.group(1), 16), cpl.group(1) if cpl else "?"))
        time.sleep(0.002)
except (EOFError, OSError):
    pass
q.wait()
syms = []
for line in subprocess.run(["nm", "-n", elf], capture_output=True, text=True).stdout.splitlines():
    f = line.split()
    if len(f) == 3 and f[1] in "tTwW":
        syms.append((int(f[0], 16), f[2]))
addrs = [a for a, _ in syms]
hist = collections.defaultdict(collections.Counter)
for ph, rip, cpl in samples:
    if cpl == "3":
        name = "<user>"
    else:
        i = bisect.bisect_right(addrs, rip) - 1
        name = syms[i][1] if i >= 0 else hex(rip)
    hist[ph][name] += 1
print(f"profile: {len(samples)} samples of RIP in all; console in {serial}")
for ph, h in hist.items():
    n = sum(h.values())
    print(f"\n== {ph}: {n} samples")
    for name, c in h.most_common(15):
        print(f"{100 * c / n:6.1f}% {c:6d}  {name}")
print()
with open(serial, errors="replace") as f:
    for line in f:
        if line.startswith(("BENCH", "INFO")):
            print(line.rstrip())
PY
}
if [ $profile -eq 1 ]; then
	profile "${benches[0]}"
	exit $?
fi

echo "bench: ${benches[*]} on: $kernels; $runs rounds; $accel, -m $mem -smp $smp -cpu $cpu, -mem-prealloc" >&2
for ((r = 1; r <= runs; r++)); do
	order=($kernels)
	if [ $((r % 2)) -eq 0 ] && [ ${#order[@]} -eq 2 ]; then
		order=("${order[1]}" "${order[0]}")
	fi
	for b in "${benches[@]}"; do
		for k in "${order[@]}"; do
			boot "$k" "$b" "$r"
		done
	done
done

{
	echo "Host: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) CPUs; $(date -u '+%Y-%m-%d %H:%M UTC'); QEMU $(qemu-system-x86_64 --version | sed -n '1s/.*version \([^ ]*\).*/\1/p')"
	echo "Guest: -m $mem -smp $smp -cpu $cpu, $accel, -mem-prealloc; thpkernel ${thp_name:-not run}; Linux ${linux_name:-not run}; $runs rounds"
	echo
	python3 scripts/bench-table.py "$results"
} >"$out/table.md"
cat "$out/table.md"
for f in "${failures[@]}"; do
	echo "bench: FAILED $f" >&2
done
[ ${#failures[@]} -eq 0 ]
exit
}
