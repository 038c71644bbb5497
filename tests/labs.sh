#!/usr/bin/env bash
# The labs' machinery (docs/labs/), one PASS/FAIL line per check:
#   labs:full-tree-lab-N       this tree scores full marks on lab N (scripts/grade.sh)
#   labs:student-tree-lab-N    `make lab N` writes a tree that builds, boots, scores less
#                              than full marks on lab N, and fails its tests cleanly
#                              (no crash, no hang of the kernel)
# The student trees are written to build/labs-test/lab-N. To keep this quick, each
# is built on top of a copy of this tree's build/ (mklab keeps the files'
# modification times, so only the stubbed files are compiled again), and graded
# on a subset of its lab's tests (quick[N] below): in a student tree the tests of
# khugepaged and of reclaim wait for something that never comes, up to a minute or
# two each. `make grade` in a student tree runs them all.
# usage: tests/labs.sh [N ...]     (default: all five labs)
set -uo pipefail
cd "$(dirname "$0")/.."
labs=("$@")
[ ${#labs[@]} -gt 0 ] || labs=(1 2 3 4 5)
work=build/labs-test
quick[1]="stack_growth mprotect_then_write_segv madvise_dontneed_zeroes mmap_basic cow_isolation_after_fork"
quick[2]="thp_eligible_smaps thp_nohugepage_under_always thp_never_mode thp_always_mode prctl_thp_disable thp_no_madvise_none"
quick[3]="thp_madvise_16mb thp_fork_shares_huge deposit_count_tracks_huge_pmds thp_cow_write thp_partial_munmap_splits_pmd"
quick[4]="madv_collapse khugepaged_knobs_validation"
quick[5]="thp_partial_munmap_splits_pmd thp_fork_shares_huge rmap_fork_tree"
mkdir -p "$work"
t_start=$(date +%s)
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

# ---- the full tree: full marks -------------------------------------------------
GRADE_QUIET=1 scripts/grade.sh "${labs[@]}" >"$work/full.out" 2>&1
cp -f build/grade/results.txt "$work/full.results" 2>/dev/null || : >"$work/full.results"
for n in "${labs[@]}"; do
	line=$(grep "^Lab $n score: " "$work/full.out")
	score=${line#Lab $n score: }
	if [ -n "$line" ] && [ "${score%/*}" = "${score#*/}" ]; then
		echo "PASS labs:full-tree-lab-$n ($score)"
	else
		failed=$(awk -v n="$n" '$1 == n && $3 == "FAIL" { printf "%s%s", sep, $2; sep = ", " }' "$work/full.results")
		fail "labs:full-tree-lab-$n: expected full marks, saw ${score:-no score} (failed: ${failed:-?}; logs in build/grade/)"
	fi
done

# ---- each student tree: builds, boots, less than full marks, cleanly -------------
for n in "${labs[@]}"; do
	dir=$work/lab-$n
	t0=$(date +%s)
	if ! scripts/mklab.sh "$n" "$dir" >"$work/mklab-$n.out" 2>&1; then
		fail "labs:student-tree-lab-$n: make lab $n failed: $(tail -n 1 "$work/mklab-$n.out")"
		continue
	fi
	mkdir -p "$dir/build"
	for d in boot arch kernel lib mm rootfs make-exit.so; do
		[ -e "build/$d" ] && cp -a "build/$d" "$dir/build/"
	done
	(cd "$dir" && GRADE_QUIET=1 GRADE_ONLY="${quick[$n]}" scripts/grade.sh) >"$work/student-$n.out" 2>&1
	results=$dir/build/grade/results.txt
	line=$(grep "^Lab $n score: " "$work/student-$n.out")
	score=${line#Lab $n score: }
	secs=$(( $(date +%s) - t0 ))
	if grep -q 'grade: the build failed' "$work/student-$n.out"; then
		fail "labs:student-tree-lab-$n: it does not build (see $dir/build/grade/build.log)"
	elif grep -q 'did not get to /bin/runtests' "$results" 2>/dev/null; then
		fail "labs:student-tree-lab-$n: it does not boot (see $dir/build/grade-lab$n.serial)"
	elif [ -z "$line" ] || [ "${score%/*}" = "${score#*/}" ]; then
		fail "labs:student-tree-lab-$n: expected less than full marks on lab $n, saw ${score:-no score}"
	elif unclean=$(grep -E 'crashed|timed out|boot ended' "$results"); [ -n "$unclean" ]; then
		fail "labs:student-tree-lab-$n: a stub does not fail cleanly: $(echo "$unclean" | head -n 1)"
	else
		failed=$(awk '$3 == "FAIL" { printf "%s%s", sep, $2; sep = " " }' "$results")
		echo "PASS labs:student-tree-lab-$n ($score in ${secs}s; failing: $failed)"
	fi
done
echo "labs: $(( $(date +%s) - t_start ))s"
[ "$fails" -eq 0 ]
