#!/usr/bin/env bash
# make test-linux: the in-guest suite on Debian's own Linux 6.1 kernel.
#
# The same static test binaries that run on thpkernel (build/rootfs/bin, packed
# by scripts/mkinitramfs.sh exactly as `make all` packs them) are booted as the
# initramfs of Debian's linux-image-6.1.0-*-amd64 (scripts/fetch-linux.sh: the
# package is downloaded and unpacked under build/linux/, never installed) in
# QEMU under the same machine as thpkernel's tests (q35, -cpu max, 1 GiB, 1 CPU),
# with transparent_hugepage=madvise. /bin/init mounts /proc and /sys and runs
# /bin/runtests; when it exits Linux panics ("Attempted to kill init") and,
# with panic=-1 and -no-reboot, QEMU stops.
#
# Every test must PASS on Linux too, except those listed in
# user/tests/ours_only.txt, which must SKIP there. Output, for tests/run-all.sh:
#   PASS linux:NAME                  passed on Linux
#   FAIL linux:NAME (why)            failed, crashed, was missing, or an
#                                    ours-only test that did not skip
#   SKIP linux:NAME (reason)         skipped (ours-only, or the test itself
#                                    says this Linux lacks the behaviour)
# and a last line "test-linux: N passed, N failed, N skipped in S s". Exit 1 when
# something failed. The console is kept in build/test-logs/linux.serial.
#
# usage: scripts/test-linux.sh [NAME-substring ...]     (runtests' selection)
#        scripts/test-linux.sh --boot PROGRAM [ARGS...]  boot Linux with
#              PROGRAM as init's child, console on stdout (used by bench.sh)
# Environment: MEM (1G), SMP (1), ACCEL (auto|tcg|kvm), QEMU_EXTRA,
#   ROOTFS_EXTRA, TIMEOUT (s, default 1500), SERIAL_LOG, INITRAMFS (an already
#   packed cpio to boot instead of packing one), LINUX_APPEND (more kernel
#   command-line words).
set -uo pipefail
# The whole script is one block, read before it runs: a build that edits this
# file meanwhile cannot change a run that has started.
{
cd "$(dirname "$0")/.."

mem=${MEM:-1G} smp=${SMP:-1} accel=${ACCEL:-auto}
if [ "$accel" = auto ]; then	# the same rule as scripts/run-qemu.sh
	accel=tcg
	if grep -qw -e vmx -e svm /proc/cpuinfo 2>/dev/null && [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
		accel=kvm
	fi
fi
cpu=max
[ "$accel" = kvm ] && cpu=host

# The Linux kernel image (downloaded once, then reused).
vmlinuz=$(scripts/fetch-linux.sh | tail -n 1)
[ -f "$vmlinuz" ] || {
	echo "FAIL linux:fetch (scripts/fetch-linux.sh could not get Debian's linux-image-6.1.0-*-amd64)"
	echo "test-linux: 0 passed, 1 failed, 0 skipped"
	exit 1
}

# The initramfs: the user programs as `make all` builds and packs them. Packed
# into a file of this run's own, so that another build's `make all CMDLINE=...
# ROOTFS_EXTRA=...` or another test-linux running at the same time cannot
# change it under us.
initrd=${INITRAMFS:-}
tmp_files=()
trap 'rm -f "${tmp_files[@]}"' EXIT
if [ -z "$initrd" ]; then
	make --no-print-directory -s user >&2 || { echo "FAIL linux:build"; exit 1; }
	initrd=$(mktemp build/.test-linux-XXXXXX.cpio)
	tmp_files+=("$initrd")
	scripts/mkinitramfs.sh build/rootfs "$initrd" || { echo "FAIL linux:initramfs"; exit 1; }
fi

# The kernel command line. no5lvl: -cpu max offers LA57, and with 5-level
# paging Linux gives user space 56 address bits (TASK_SIZE 2^56) where
# thpkernel, like Linux on any 4-level CPU, gives 47: without it, an mmap
# MAP_FIXED across 0x800000000000 succeeds and munmap(0, 2^47) unmaps the whole
# program. quiet: no kernel log (segfault and OOM reports) interleaved with
# the tests' lines.
append="console=ttyS0 quiet no5lvl transparent_hugepage=madvise rdinit=/bin/init panic=-1 ${LINUX_APPEND:-}"

# boot_linux LOG CMD [ARGS...]: boots Linux running CMD, console to stdout and LOG.
boot_linux() {
	local log=$1
	shift
	mkdir -p "$(dirname "$log")"
	rm -f "$log"
	timeout --foreground -k 5 "${TIMEOUT:-1500}" qemu-system-x86_64 \
		-machine q35,accel="$accel" -cpu "$cpu" -m "$mem" -smp "$smp" \
		-display none -no-reboot -kernel "$vmlinuz" -initrd "$initrd" \
		-append "$append -- $*" \
		-chardev stdio,id=con0,signal=off,logfile="$log" -serial chardev:con0 \
		${QEMU_EXTRA:-} </dev/null
}

if [ "${1:-}" = --boot ]; then
	shift
	boot_linux "${SERIAL_LOG:-build/linux-boot.serial}" "$@"
	exit $?
fi

log_dir=build/test-logs
mkdir -p "$log_dir"
log=${SERIAL_LOG:-$log_dir/linux.serial}
# The console goes to a file of this run's own, moved to $log at the end: two
# runs at once must not read each other's lines.
run_log=$(mktemp "$log_dir/.linux-XXXXXX.serial")
tmp_files+=("$run_log")
echo "test-linux: $(basename "$vmlinuz") ($(cat build/linux/.pkg 2>/dev/null) $(cat build/linux/.version 2>/dev/null)), $accel, -m $mem" >&2
t0=$(date +%s.%N)
boot_linux "$run_log" /bin/runtests "$@" >/dev/null
rc=$?
t1=$(date +%s.%N)
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }')

# ours_only.txt: "NAME: reason" lines.
declare -A ours
while IFS= read -r line; do
	name=${line%%:*}
	name=${name//[[:space:]]/}
	[ -n "$name" ] && [ "${name:0:1}" != "#" ] && ours[$name]=1
done < <(cat user/tests/ours_only.txt 2>/dev/null)

passed=0 failed=0 skipped=0
declare -A seen
reason=""
declare -a why=()
while IFS= read -r line; do
	case "$line" in
	"SKIP: "*)
		reason=${line#SKIP: }
		continue ;;
	PASS\ *|FAIL\ *|SKIP\ *)
		verdict=${line%% *}
		rest=${line#* }
		name=${rest%% *}
		[[ "$name" == *: ]] && name=${name%:}	# "FAIL NAME: left a knob ..."
		;;
	*)
		# a test's own failure messages start with "NAME: "
		[[ "$line" =~ ^[A-Za-z0-9_]+:\  ]] && why+=("$line")
		continue ;;
	esac
	if [ -n "${seen[$name]:-}" ] && [ "$verdict" != FAIL ]; then
		continue	# runtests says FAIL NAME: ... and nothing more for this test
	fi
	detail=""	# the test's first message about itself
	for w in "${why[@]}"; do
		[[ "$w" == "$name: "* ]] && { detail="${w#"$name: "}"; break; }
	done
	case "$verdict" in
	PASS)
		if [ -n "${ours[$name]:-}" ]; then
			echo "PASS linux:$name (listed in ours_only.txt, yet passes on Linux)"
		else
			echo "PASS linux:$name"
		fi
		passed=$((passed + 1)) ;;
	SKIP)
		if [ -n "${ours[$name]:-}" ]; then
			echo "SKIP linux:$name (ours only: ${reason:-no reason printed})"
		else
			echo "SKIP linux:$name (the test says: ${reason:-no reason printed})"
		fi
		skipped=$((skipped + 1)) ;;
	FAIL)
		[ -n "${seen[$name]:-}" ] && continue
		how=${rest#"$name"}
		how=${how#:}; how=${how# }; how=${how#(}; how=${how%)}
		echo "FAIL linux:$name ($how${detail:+: $detail})"
		failed=$((failed + 1)) ;;
	esac
	seen[$name]=1
	reason=""
	why=()
done < <(tr -d '\r' <"$run_log" | grep -v '^\[ *[0-9]*\.[0-9]*\]')

# Every selected test must have a result line: every test in the initramfs
# that was booted (not in build/rootfs, where another build may have added
# one since).
if [ $# -eq 0 ]; then
	for t in $(cpio -it --quiet <"$initrd" | sed 's|^\./||' | grep '^bin/tests/[^/]*$' | grep -v '\.txt$'); do
		name=$(basename "$t")
		if [ -z "${seen[$name]:-}" ]; then
			echo "FAIL linux:$name (no result: Linux stopped before it, see $log)"
			failed=$((failed + 1))
		fi
	done
fi
if ! tr -d '\r' <"$run_log" | grep -cE '^[0-9]+ passed, [0-9]+ failed' >/dev/null; then
	echo "FAIL linux:boot (runtests did not finish: QEMU exit $rc; last lines of $log:)"
	tail -n 15 "$run_log" | sed 's/^/    /'
	failed=$((failed + 1))
fi
mv -f "$run_log" "$log"
echo "test-linux: $passed passed, $failed failed, $skipped skipped in $secs s ($(basename "$vmlinuz"), $accel)"
[ "$failed" -eq 0 ]
exit
}
