#!/usr/bin/env bash
# make test: every test this project has, one summary line at the end.
#   1. host unit tests of pure logic (scripts/host-tests.sh)
#   2. the boot self-tests (CMDLINE=selftest): buddy, kmalloc, kernel threads
#   3. the in-guest suite: /bin/runtests as init, with the kernel's debug_vm
#      self-checks on (every test a static musl program; see user/tests/)
#   4. the GDB smoke test (tests/gdb-smoke.sh)
#   5. the labs: the full tree scores full marks, each student tree less
#   6. determinism: two boots with one seed give the same THP event counts
#   7. conformance: the in-guest suite on Debian's Linux 6.1 (tests/linux.sh)
# Each check prints "PASS name" or "FAIL name"; a crash or a timeout of a
# boot is a failure and prints the end of its console log.
set -uo pipefail
cd "$(dirname "$0")/.."
passed=0 failed=0
log_dir=build/test-logs
mkdir -p "$log_dir"

count() {	# count PASS/FAIL lines of a log, echo the FAIL lines
	local p f
	p=$(grep -c '^PASS ' "$1" || true)
	f=$(grep -c '^FAIL ' "$1" || true)
	passed=$((passed + p)); failed=$((failed + f))
	grep '^FAIL ' "$1" || true
}

boot_failed() {	# name log: a boot that did not finish
	echo "FAIL $1: the boot did not complete (see $2); last lines:"
	tail -n 25 "$2" | sed 's/^/    /'
	failed=$((failed + 1))
}

echo "== host unit tests"
if scripts/host-tests.sh >"$log_dir/host.log" 2>&1; then :; fi
count "$log_dir/host.log"
grep -q '^PASS \|^FAIL ' "$log_dir/host.log" || boot_failed host-tests "$log_dir/host.log"

echo "== building"
make -s -j2 all CMDLINE= >"$log_dir/build.log" 2>&1 || { cat "$log_dir/build.log"; echo "0 passed, 1 failed"; exit 1; }

echo "== boot self-tests"
# each boot gets its own copy of the ISO: a later build cannot change it
make -s all CMDLINE="selftest" >/dev/null 2>&1 && cp build/thpkernel.iso build/test-selftest.iso
SERIAL_LOG="$log_dir/selftest.serial" TIMEOUT=300 scripts/run-qemu.sh build/test-selftest.iso </dev/null >/dev/null 2>&1
tr -d '\r' <"$log_dir/selftest.serial" | sed -n 's/^selftest: \(PASS\|FAIL\) /\1 selftest:/p' >"$log_dir/selftest.log"
count "$log_dir/selftest.log"
grep -q '^selftest: [0-9]* failed' <(tr -d '\r' <"$log_dir/selftest.serial") || boot_failed selftest "$log_dir/selftest.serial"

echo "== kernel stack overflow is caught"
make -s all CMDLINE="stack_overflow_test" >/dev/null 2>&1 && cp build/thpkernel.iso build/test-overflow.iso
SERIAL_LOG="$log_dir/overflow.serial" TIMEOUT=120 scripts/run-qemu.sh build/test-overflow.iso </dev/null >/dev/null 2>&1
if tr -d '\r' <"$log_dir/overflow.serial" | grep -c 'double fault (kernel stack overflow?)' >/dev/null &&
   tr -d '\r' <"$log_dir/overflow.serial" | grep -c ' recurse+' >/dev/null; then
	echo "PASS stack_overflow_hits_guard_page_and_reports" >"$log_dir/overflow.log"
else
	echo "FAIL stack_overflow_hits_guard_page_and_reports: no double-fault report with a backtrace (see $log_dir/overflow.serial)" >"$log_dir/overflow.log"
fi
count "$log_dir/overflow.log"

echo "== in-guest suite"
make -s all CMDLINE="debug_vm init=/bin/runtests" >/dev/null 2>&1 && cp build/thpkernel.iso build/test-guest.iso
SERIAL_LOG="$log_dir/guest.serial" TIMEOUT=1500 scripts/run-qemu.sh build/test-guest.iso </dev/null >/dev/null 2>&1
tr -d '\r' <"$log_dir/guest.serial" | grep -E '^(PASS|FAIL|SKIP) ' >"$log_dir/guest.log"
count "$log_dir/guest.log"
tr -d '\r' <"$log_dir/guest.serial" | grep -cE '^[0-9]+ passed, [0-9]+ failed' >/dev/null || boot_failed in-guest-suite "$log_dir/guest.serial"

if [ -x tests/gdb-smoke.sh ]; then
	echo "== GDB smoke test"
	tests/gdb-smoke.sh >"$log_dir/gdb.log" 2>&1
	count "$log_dir/gdb.log"
	grep -q '^PASS \|^FAIL ' "$log_dir/gdb.log" || boot_failed gdb-smoke "$log_dir/gdb.log"
fi

if [ -x tests/labs.sh ]; then
	echo "== labs: full marks on the full tree, less on each student tree"
	tests/labs.sh >"$log_dir/labs.log" 2>&1
	count "$log_dir/labs.log"
	grep -q '^PASS \|^FAIL ' "$log_dir/labs.log" || boot_failed labs "$log_dir/labs.log"
fi

if [ -x tests/replay.sh ]; then
	echo "== determinism: the same seed gives the same THP events (jitter=, QEMU -icount)"
	tests/replay.sh >"$log_dir/replay.log" 2>&1
	count "$log_dir/replay.log"
	grep -q '^PASS \|^FAIL ' "$log_dir/replay.log" || boot_failed replay "$log_dir/replay.log"
fi

if [ -x tests/linux.sh ]; then
	echo "== conformance: the in-guest suite on Debian's Linux 6.1"
	tests/linux.sh >"$log_dir/linux.log" 2>&1
	count "$log_dir/linux.log"
	grep -q '^PASS \|^FAIL ' "$log_dir/linux.log" || boot_failed linux-conformance "$log_dir/linux.log"
fi

make -s all CMDLINE= >/dev/null 2>&1	# leave the default image behind
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
