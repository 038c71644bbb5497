#!/usr/bin/env bash
# make grade [LAB=N]: score the labs of docs/labs/ the way 6.S081's grader does.
# Builds this tree, boots it with the lab's tests as init (/bin/runtests NAME...,
# with the kernel's debug_vm self-checks on), and prints one line per test and
# "Score: N/M". A failed test's console output is saved in build/grade/labN-NAME.log.
# A test that crashes or hangs the kernel fails (the boot has a time limit);
# the tests after it run in a new boot.
#
# usage: scripts/grade.sh [N ...]
#   no N: the lab of a student tree (its .lab file, written by `make lab N`),
#         else all five labs
# environment: GRADE_TIMEOUT  seconds one boot may take (default 600)
#              TEST_TIMEOUT   seconds one test may take in the guest (default 120)
#              GRADE_QUIET=1  only the Score lines (tests/labs.sh)
#              GRADE_ONLY="NAME ..."  grade only these of the labs' tests
# build/grade/results.txt gets one line per test: LAB NAME OK|FAIL POINTS REASON.
set -uo pipefail
cd "$(dirname "$0")/.."

# ---- the graded tests: NAME:POINTS, per lab ---------------------------------
lab_title[1]="page tables and the fault path"
lab_tests[1]="stack_growth:10 mprotect_then_write_segv:10 madvise_dontneed_zeroes:10
	mmap_basic:5 write_bad_pointer_efault:5 null_deref_sigsegv:5 pagemap_present_pfn:5
	cow_isolation_after_fork:5 fork_50_no_leak:5"
lab_title[2]="VMAs, madvise and hugepage_vma_check"
lab_tests[2]="thp_eligible_smaps:10 thp_nohugepage_under_always:10 thp_never_mode:10
	thp_always_mode:5 thp_no_madvise_none:5 prctl_thp_disable:5
	thp_enabled_write_garbage_einval:5 mprotect_split_merge:5 madvise_enomem_hole:5"
lab_title[3]="the huge-PMD fault and the deposited PTE table"
lab_tests[3]="thp_madvise_16mb:10 thp_fork_shares_huge:10 deposit_count_tracks_huge_pmds:10
	thp_partial_munmap_splits_pmd:5 thp_cow_write:5 thp_dontneed_whole_zaps:5
	thp_seed_pattern_64mb:5 trace_thp_fault_split:5 thp_fallback_fragmented:5"
lab_title[4]="khugepaged: the scan conditions and the collapse"
lab_tests[4]="khugepaged_collapse_8mb:10 khugepaged_readonly_not_collapsed:10
	khugepaged_not_young:10 madv_collapse:10 khugepaged_max_ptes_none:5
	khugepaged_max_ptes_shared:5 khugepaged_concurrent_writes:5 trace_scan_pmd_pid:5
	khugepaged_knobs_validation:5"
lab_title[5]="splitting: one PMD, the deferred split queue, the page itself"
lab_tests[5]="seed_split_scenario:10 deferred_split_many:10 split_while_huge_mapped:10
	thp_partial_munmap_splits_pmd:5 thp_fork_shares_huge:5 rmap_fork_tree:5"

grade_timeout=${GRADE_TIMEOUT:-600}
test_timeout=${TEST_TIMEOUT:-120}
quiet=${GRADE_QUIET:-0}
out_dir=build/grade

say() { [ "$quiet" = 1 ] || echo "$@"; }

labs=("$@")
if [ ${#labs[@]} -eq 0 ]; then
	if [ -f .lab ]; then
		labs=("$(cat .lab)")
	else
		labs=(1 2 3 4 5)
	fi
fi
for n in "${labs[@]}"; do
	[ -n "${lab_tests[$n]:-}" ] || { echo "grade: no lab '$n' (labs are 1 to 5)" >&2; exit 2; }
done

# ---- build ----------------------------------------------------------------------
mkdir -p "$out_dir"
rm -f "$out_dir/results.txt"
say "\$ make kernel user"
t0=$(date +%s)
if ! make -s -j2 kernel user >"$out_dir/build.log" 2>&1; then
	grep -E 'error|Error' "$out_dir/build.log" | head -n 20
	echo "grade: the build failed (all of it: $out_dir/build.log)"
	grand_total=0
	for n in "${labs[@]}"; do
		total=0
		for t in ${lab_tests[$n]}; do
			total=$((total + ${t#*:}))
			echo "$n ${t%%:*} FAIL ${t#*:} the build failed" >>"$out_dir/results.txt"
		done
		echo "Lab $n score: 0/$total"
		grand_total=$((grand_total + total))
	done
	echo "Score: 0/$grand_total"
	exit 1
fi
grep -q 'warning:' "$out_dir/build.log" && [ "$quiet" != 1 ] &&
	grep 'warning:' "$out_dir/build.log" | sed 's/^/  /'
say "($(( $(date +%s) - t0 ))s)"

# ---- boots: the given tests, in runtests' order; sets result, ms, reason ------------
# run_tests TAG NAME...   boots until every NAME has a result: a crash or a hang ends
# a boot, the test that was running fails, and the tests after it get a new boot.
declare -A result ms reason
run_tests() {
	local tag=$1; shift
	local left=("$@") round=0 t
	scripts/mkinitramfs.sh build/rootfs "build/grade-$tag.cpio" || return 1
	while [ ${#left[@]} -gt 0 ]; do
		round=$((round + 1))
		local iso="build/grade-$tag.iso" serial="build/grade-$tag.serial"
		[ $round -gt 1 ] && serial="build/grade-$tag.$round.serial"
		CMDLINE="debug_vm HOME=/ TERM=linux PATH=/bin TEST_TIMEOUT=$test_timeout init=/bin/runtests ${left[*]}" \
			scripts/mkiso.sh build/kernel.elf "build/grade-$tag.cpio" "$iso" || return 1
		local b0 rc
		b0=$(date +%s)
		SERIAL_LOG="$serial" TIMEOUT="$grade_timeout" scripts/run-qemu.sh "$iso" </dev/null >/dev/null 2>&1
		rc=$?
		say "(boot $round: $(( $(date +%s) - b0 ))s; console: $serial)"
		if ! tr -d '\r' <"$serial" 2>/dev/null | grep -c '^runtests: [0-9]* tests on ' >/dev/null; then
			for t in "${left[@]}"; do
				result[$t]=FAIL; reason[$t]="the kernel did not get to /bin/runtests (QEMU exit $rc)"
				tr -d '\r' <"$serial" 2>/dev/null | tail -n 60 >"$out_dir/log-$t"
			done
			break
		fi
		parse_log "$serial" "$rc" "${left[@]}"
		local next=()
		for t in "${left[@]}"; do
			[ -z "${result[$t]:-}" ] && next+=("$t")
		done
		[ ${#next[@]} -eq ${#left[@]} ] && break	# no progress: give up
		left=("${next[@]}")
	done
	for t in "$@"; do
		[ -n "${result[$t]:-}" ] || { result[$t]=FAIL; reason[$t]="did not run (no boot got to it)"; }
	done
}

# The tests runtests runs for these arguments: every test whose name contains one
# of them, sorted as runtests sorts them (strcmp).
selected_tests() {
	local f name a
	for f in user/tests/*.c; do
		name=$(basename "$f" .c)
		for a in "$@"; do
			if [[ $name == *"$a"* ]]; then
				echo "$name"
				break
			fi
		done
	done | LC_ALL=C sort
}

# parse_log SERIAL QEMU_RC NAME...: the result of each NAME that got one in this boot,
# and its share of the console (from the previous test's result lines to its own) in
# $out_dir/log-NAME. The test running when the boot ended without runtests' summary
# line fails as a crash or a timeout.
parse_log() {
	local serial=$1 rc=$2; shift 2
	local seg="$out_dir/seg" order name st t
	order=$(selected_tests "$@" | tr '\n' ' ')
	rm -rf "$seg" && mkdir -p "$seg"
	tr -d '\r' <"$serial" | awk -v order="$order" -v segdir="$seg" '
		BEGIN { n = split(order, names, " "); for (i = 1; i <= n; i++) idx[names[i]] = i
			cur = 1; started = 0; summary = 0 }
		function emit(line) { if (cur <= n) print line >> (segdir "/" names[cur]) }
		!started { if ($0 ~ /^runtests: [0-9]+ tests on /) started = 1; next }
		/^[0-9]+ passed, [0-9]+ failed/ { summary = 1; next }
		/^(PASS|FAIL|SKIP) [^ :]+/ {
			name = $2; sub(/:$/, "", name)
			if (name in idx) {
				cur = idx[name]; done[cur] = 1; emit($0)
				if ($1 == "PASS") {
					st[cur] = "PASS"; t = $0
					sub(/^[^(]*\(/, "", t); sub(/ ms\).*/, "", t); tm[cur] = t
				} else if ($1 == "SKIP" && st[cur] == "") st[cur] = "SKIP"
				else if ($1 == "FAIL") st[cur] = "FAIL"
				next
			}
		}
		{ if (done[cur]) cur++; emit($0) }
		END {
			running = cur + (done[cur] ? 1 : 0)
			for (i = 1; i <= n; i++) {
				if (st[i] != "") print names[i], st[i], (tm[i] == "" ? "-" : tm[i])
				else if (!summary && i == running) print names[i], "CRASH", "-"
			}
		}' >"$seg/.results"
	while read -r name st t; do
		[[ " $* " == *" $name "* ]] || continue	# an extra test the arguments selected
		case $st in
		PASS) result[$name]=PASS; ms[$name]=$t ;;
		SKIP) result[$name]=FAIL; reason[$name]="skipped (a graded test must run)" ;;
		FAIL) result[$name]=FAIL; reason[$name]="" ;;
		CRASH)
			result[$name]=FAIL
			if [ "$rc" = 124 ]; then
				reason[$name]="the boot timed out (${grade_timeout}s) during this test"
			elif tr -d '\r' <"$serial" | grep -c 'kernel exception\|Kernel panic\|^panic' >/dev/null; then
				reason[$name]="the kernel crashed during this test"
			else
				reason[$name]="the boot ended during this test (QEMU exit $rc)"
			fi
			echo "--- grade: ${reason[$name]}" >>"$seg/$name"
			;;
		esac
		[ -f "$seg/$name" ] && mv -f "$seg/$name" "$out_dir/log-$name"
	done <"$seg/.results"
	rm -rf "$seg"
}

# ---- grade each lab -----------------------------------------------------------------
grand=0 grand_total=0
for n in "${labs[@]}"; do
	names=() points=()
	for t in ${lab_tests[$n]}; do
		[ -n "${GRADE_ONLY:-}" ] && [[ " $GRADE_ONLY " != *" ${t%%:*} "* ]] && continue
		names+=("${t%%:*}")
		points+=("${t#*:}")
	done
	[ ${#names[@]} -gt 0 ] || continue
	say ""
	say "== Lab $n: ${lab_title[$n]} =="
	runnable=()
	for t in "${names[@]}"; do
		rm -f "$out_dir/lab$n-$t.log" "$out_dir/log-$t"
		unset "result[$t]" "ms[$t]" "reason[$t]"
		if [ -f "user/tests/$t.c" ]; then
			runnable+=("$t")
		else
			result[$t]=FAIL; reason[$t]="no such test (user/tests/$t.c)"
		fi
	done
	[ ${#runnable[@]} -gt 0 ] && run_tests "lab$n" "${runnable[@]}"
	score=0 total=0
	for i in "${!names[@]}"; do
		t=${names[$i]} p=${points[$i]}
		total=$((total + p))
		if [ "${result[$t]:-}" = PASS ]; then
			score=$((score + p))
			rm -f "$out_dir/log-$t"
			echo "$n $t OK $p" >>"$out_dir/results.txt"
			say "$(printf '  %-40s OK    %2d/%-2d  (%s ms)' "$t:" "$p" "$p" "${ms[$t]:-}")"
			continue
		fi
		say "$(printf '  %-40s FAIL   0/%-2d' "$t:" "$p")"
		echo "$n $t FAIL $p ${reason[$t]:-}" >>"$out_dir/results.txt"
		[ -n "${reason[$t]:-}" ] && say "      ${reason[$t]}"
		if [ -f "$out_dir/log-$t" ]; then
			mv -f "$out_dir/log-$t" "$out_dir/lab$n-$t.log"
			# the test's own complaints ("NAME: ..." lines) and the runner's FAIL lines;
			# without complaints, what the kernel said about the test's processes
			# ("NAME[PID]: segfault at ...", the name cut to 15 characters as in Linux)
			if [ "$quiet" != 1 ]; then
				log=$out_dir/lab$n-$t.log
				{ grep -q "^$t: " "$log" || grep -F "${t:0:15}[" "$log" | head -n 3
				  grep -E "^($t: |FAIL $t)" "$log"; } | head -n 6 | sed 's/^/      /'
			fi
			say "      console log: $out_dir/lab$n-$t.log"
		fi
	done
	echo "Lab $n score: $score/$total"
	grand=$((grand + score)) grand_total=$((grand_total + total))
done
echo "Score: $grand/$grand_total"
[ "$grand" -eq "$grand_total" ]
