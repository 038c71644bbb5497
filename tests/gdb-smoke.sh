#!/usr/bin/env bash
# The GDB smoke test (run by tests/run-all.sh): real GDB in batch mode drives
# the kernel in QEMU while the in-guest tests khugepaged_collapse_8mb and
# thp_partial_munmap_splits_pmd run, and checks the helpers of scripts/gdb/thp.py:
#   - a breakpoint on kmain is hit and bt shows its source line;
#   - at collapse_huge_page, thp-pt shows a PMD that points to a PTE table,
#     and after `finish` a huge PMD with one more deposited PTE table;
#   - at a huge-page fault, the stop hook explains the fault;
#   - at __split_huge_pmd_locked, thp-pt shows a huge PMD, and after `finish`
#     a PTE table with one deposited table fewer;
#   - thp-ps, thp-vmas, thp-page and thp-stat print what they should, and
#     bad arguments give one-line errors, not a dead GDB.
# Prints "PASS name" / "FAIL name: ..." per check. GDB starts QEMU itself
# (-gdb stdio), so no TCP port is shared with anyone; everything runs under
# timeout. The ISO is copied to build/gdb-smoke.iso (and its own kernel,
# /boot/kernel.debug with its debug information, taken out of it) so that
# another build replacing build/thpkernel.iso cannot change what this test
# boots or the symbols it reads.
set -uo pipefail
cd "$(dirname "$0")/.."

cmdline='debug_vm init=/bin/runtests khugepaged_collapse_8mb thp_partial_munmap'
iso=build/gdb-smoke.iso elf=build/gdb-smoke.elf
out=build/gdb-smoke.out serial=build/gdb-serial.log
t0=$(date +%s)
mkdir -p build

fail() { echo "FAIL $1: $2"; }
pass() { echo "PASS $1"; }

# Build the image and take a private copy of it; retry if another build
# swapped in an ISO with a different command line in between.
for attempt in 1 2 3; do
	if ! timeout 180 make -s -j2 all CMDLINE="$cmdline" >build/gdb-smoke-build.log 2>&1; then
		fail gdb_smoke_build "make all failed (see build/gdb-smoke-build.log)"
		exit 1
	fi
	cp build/thpkernel.iso "$iso.tmp" && mv -f "$iso.tmp" "$iso"
	rm -f "$elf" build/gdb-smoke.cfg
	timeout 60 xorriso -osirrox on -indev "$iso" -extract /boot/kernel.debug "$elf" \
		-extract /boot/grub/grub.cfg build/gdb-smoke.cfg >/dev/null 2>&1
	grep -qF "$cmdline" build/gdb-smoke.cfg 2>/dev/null && [ -s "$elf" ] && break
	[ "$attempt" = 3 ] && { fail gdb_smoke_build "the ISO does not carry the command line '$cmdline'"; exit 1; }
done

qemu="qemu-system-x86_64 -machine q35,accel=tcg -cpu max -m 1G -display none -no-reboot -boot d"
qemu+=" -cdrom $iso -device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial file:$serial -gdb stdio -S"

# One GDB session; "echo @@ NAME" lines cut its output into sections. At
# collapse_huge_page (inlined into hpage_collapse_scan_pmd unless the kernel
# says noinline) the first `finish` only leaves the inline frame: finish the
# caller too, whose return comes after the collapse.
gdb_cmds=(
	-ex 'set pagination off' -ex 'set confirm off'
	-ex 'source scripts/gdb/thp.py'
	-ex 'echo @@ kmain\n' -ex 'hbreak kmain' -ex 'continue' -ex 'bt'
	-ex 'delete' -ex 'break collapse_huge_page' -ex 'continue' -ex 'delete'
	-ex 'set $a = address' -ex 'set $pid = mm->owner->pid'
	-ex 'echo @@ collapse-before\n' -ex 'thp-pt $a $pid'
	-ex 'python if gdb.selected_frame().type() == gdb.INLINE_FRAME: gdb.execute("finish")'
	-ex 'finish'
	-ex 'echo @@ collapse-after\n' -ex 'thp-pt $a $pid'
	-ex 'break thp_range_record' -ex 'continue' -ex 'delete' -ex 'finish'
	-ex 'echo @@ thp-ranges\n' -ex 'thp-ranges $pid'
	-ex 'echo @@ fault\n' -ex 'break do_huge_pmd_anonymous_page' -ex 'continue' -ex 'delete'
	-ex 'echo @@ fault-command\n' -ex 'thp-fault'
	-ex 'echo @@ split-stop\n' -ex 'break __split_huge_pmd_locked' -ex 'continue' -ex 'delete'
	-ex 'set $h = haddr'
	-ex 'echo @@ split-before\n' -ex 'thp-pt $h'
	-ex 'finish'
	-ex 'echo @@ split-after\n' -ex 'thp-pt $h'
	-ex 'echo @@ thp-ps\n' -ex 'thp-ps'
	-ex 'echo @@ thp-vmas\n' -ex 'thp-vmas'
	-ex 'echo @@ thp-page\n' -ex 'thp-page $thp_pfn'
	-ex 'echo @@ thp-stat\n' -ex 'thp-stat'
	-ex 'echo @@ bad-input\n' -ex 'thp-pt' -ex 'thp-pt no_such_symbol' -ex 'thp-vmas 99999'
	-ex 'thp-page 0xfffffffffffff000' -ex 'thp-pt 0x8000000000000000' -ex 'thp-ps extra' -ex 'thp-page $never_set'
	-ex 'echo @@ end\n' -ex 'echo gdb still alive\n'
	-ex 'kill'
)
timeout -k 5 120 gdb -q -batch -nx "$elf" -ex "target remote | exec $qemu" "${gdb_cmds[@]}" >"$out" 2>&1
rc=$?
[ $rc -eq 124 ] && echo "gdb-smoke: GDB timed out after 120 s (output in $out)"

section() {	# the output between "@@ $1" and the next "@@ " line
	awk -v s="@@ $1" '$0 == s { on = 1; next } /^@@ / { on = 0 } on' "$out"
}
deposits() {	# the deposited-table count thp-pt printed
	sed -n 's/.*: \([0-9][0-9]*\) deposited PTE table.*/\1/p' | head -n 1
}
pmd_kind() {	# "huge", "table" or "?" from thp-pt's PMD line
	local line
	line=$(grep '^  PMD\[' | head -n 1)
	case "$line" in
	*"huge (PS)"*) echo huge ;;
	*"-> PTE table"*) echo table ;;
	*) echo "?" ;;
	esac
}
show() { sed 's/^/    /' | head -n "${1:-12}"; }

# 1. kmain
s=$(section kmain)
if grep -q '^#0 .*kmain (.*) at kernel/main.c:[0-9]' <<<"$s"; then
	pass gdb_kmain_backtrace
else
	fail gdb_kmain_backtrace "expected '#0 kmain (...) at kernel/main.c:N' in bt, saw:"; show <<<"$s"
fi

# 2. collapse_huge_page: PTE table -> huge PMD, one more deposited table
b=$(section collapse-before) a=$(section collapse-after)
kb=$(pmd_kind <<<"$b") ka=$(pmd_kind <<<"$a") db=$(deposits <<<"$b") da=$(deposits <<<"$a")
if [ "$kb" = table ] && [ "$ka" = huge ] && [ -n "$db" ] && [ "$da" = $((db + 1)) ]; then
	pass gdb_collapse_makes_pmd_huge
else
	fail gdb_collapse_makes_pmd_huge "expected PMD table->huge and deposits n->n+1, saw PMD $kb->$ka, deposits ${db:-?}->${da:-?}"
	{ echo "before:"; echo "$b"; echo "after:"; echo "$a"; } | show 30
fi

# 3. the fault hook (at a stop inside do_page_fault) and thp-fault
f=$(section fault) fc=$(section fault-command)
re='^page fault at 0x[0-9a-f]+ \(.*\), error 0x[0-9a-f]+ \(not-present write user\)'
if grep -Eq "$re" <<<"$f" && grep -Eq '^  in pid [0-9]+ \(thp_partial_mun.*VMA .* hg.*THP yes' <<<"$f" \
		&& grep -Eq "$re" <<<"$fc"; then
	pass gdb_fault_hook_explains_fault
else
	fail gdb_fault_hook_explains_fault "expected 'page fault at ADDR ..., error 0x6 (not-present write user)' and its VMA (hg, THP yes) from the hook and from thp-fault, saw:"
	{ echo "$f"; echo "$fc"; } | show 20
fi
others=$(section kmain; section split-stop; section collapse-after)
if grep -q '^page fault at' <<<"$others"; then
	fail gdb_fault_hook_quiet_elsewhere "the hook spoke at a stop outside the fault path:"; grep '^page fault at' <<<"$others" | show
else
	pass gdb_fault_hook_quiet_elsewhere
fi

# 4. __split_huge_pmd_locked: huge PMD -> PTE table, one deposited table fewer
b=$(section split-before) a=$(section split-after)
kb=$(pmd_kind <<<"$b") ka=$(pmd_kind <<<"$a") db=$(deposits <<<"$b") da=$(deposits <<<"$a")
if grep -q '^Breakpoint .*__split_huge_pmd_locked' <<<"$(section split-stop)" && [ "$kb" = huge ] && [ "$ka" = table ] \
		&& [ -n "$db" ] && [ "$da" = $((db - 1)) ]; then
	pass gdb_split_pmd_withdraws_table
else
	fail gdb_split_pmd_withdraws_table "expected PMD huge->table and deposits n->n-1, saw PMD $kb->$ka, deposits ${db:-?}->${da:-?}"
	{ echo "stop:"; section split-stop; echo "before:"; echo "$b"; echo "after:"; echo "$a"; } | show 30
fi

# 5. the other commands, on the kernel stopped in the munmap
check() {	# name section description regex...
	local name=$1 sec=$2 what=$3 text
	shift 3
	text=$(section "$sec")
	for re in "$@"; do
		if ! grep -Eq -- "$re" <<<"$text"; then
			fail "$name" "expected $what (/$re/), saw:"; show 20 <<<"$text"
			return
		fi
	done
	if grep -Eq 'Python Exception|Traceback|internal error' <<<"$text"; then
		fail "$name" "a Python error:"; show 20 <<<"$text"
		return
	fi
	pass "$name"
}
check gdb_thp_ps thp-ps "the task list with the current test process and khugepaged" \
	'^ +PID ST COMM' '^\* +[0-9]+ R +thp_partial_mun +0x[0-9a-f]+ +[0-9]+ kB' '^ +[0-9]+ [RS] +khugepaged +- '
check gdb_thp_vmas thp-vmas "the test's VMAs with its madvised 2 MiB-aligned range eligible" \
	'^pid [0-9]+ \(thp_partial_mun\), mm 0x' ' rd wr mr mw me .*hg +0x[0-9a-f]+ +yes$' 'no: too-small$'
check gdb_thp_page thp-page "the THP's head page, anonymous, PTE-mapped after the split" \
	'^page pfn 0x[0-9a-f]+' 'compound +head page of a THP' '_mapcount +0 \(PTE maps 1\)' \
	'compound_mapcount -1 \(PMD maps 0\)' 'anon +yes: anon_vma 0x'
check gdb_thp_stat thp-stat "the THP counters and khugepaged's state" \
	'^THP: enabled madvise' 'thp_fault_alloc +[1-9]' 'thp_split_pmd +[1-9]' 'nr_pgtable_deposited +[0-9]' \
	'pages_collapsed [1-9]' 'SCAN_SUCCEED [1-9]' '^deferred split queue: [0-9]+ THPs'
check gdb_thp_ranges thp-ranges "khugepaged's SCAN_SUCCEED for the range it just collapsed" \
	'^pid [0-9]+ \(' '^  [0-9a-f]{16} SCAN_SUCCEED +[0-9]+\.[0-9]{6}  khugepaged$'
check gdb_bad_input_is_an_error bad-input "one-line errors for bad arguments" \
	'^thp-pt: usage: thp-pt ADDR \[PID\]' '^thp-pt: bad number or expression' '^thp-vmas: no task with pid 99999' \
	'^thp-page: .*max_pfn' '^thp-pt: .* is not a canonical' '^thp-ps: usage' \
	'^thp-page: .* has no value'
if grep -q '^gdb still alive' <<<"$(section end)"; then
	pass gdb_survives_bad_input
else
	fail gdb_survives_bad_input "GDB did not reach the end of its commands (exit $rc); last lines:"; tail -n 15 "$out" | show 15
fi

echo "gdb-smoke: $(($(date +%s) - t0)) s (GDB output in $out, console in $serial)"
