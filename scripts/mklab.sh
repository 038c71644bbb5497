#!/usr/bin/env bash
# make lab N: write the student tree of lab N, a copy of this tree's sources in
# which every region of lab N's solution is replaced by its stub. In the kernel
# source a region reads
#	/* LAB N BEGIN: what the student writes */
#	/* LAB N STUB
#	code the student tree gets instead (may be empty)
#	*/
#	the solution
#	/* LAB N END */
# and becomes the BEGIN line, the stub's lines and the END line. The other labs'
# regions are left as they are.
#
# usage: scripts/mklab.sh N [DIR]     DIR defaults to build/lab-N
# The copy takes the files git knows (tracked, and new ones not ignored) as they
# are in the working tree, with their modification times. Writing over an earlier
# student tree (it has a .lab file) replaces its sources and keeps its build/.
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-}
case $n in
[1-5]) ;;
*) echo "usage: make lab N   (N = 1..5; see docs/labs/README.md)" >&2; exit 2 ;;
esac
dir=${2:-build/lab-$n}

if [ -e "$dir" ] && [ ! -f "$dir/.lab" ]; then
	echo "mklab: $dir exists and is not a student tree (no .lab file): not touching it" >&2
	exit 1
fi

# the file list, NUL-separated
list=$(mktemp)
trap 'rm -f "$list"' EXIT
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\0' "$f"; done >"$list"
else
	find . \( -path ./build -o -path ./iso -o -path ./.git \) -prune -o -type f -printf '%P\0' >"$list"
fi

# Stubbing one file: awk exits 1 on a malformed region, naming file and line.
stub_file() {	# FILE (in the student tree)
	awk -v lab="$n" -v file="$1" '
		function fail(msg) { printf "mklab: %s:%d: %s\n", file, NR, msg > "/dev/stderr"; bad = 1; exit 1 }
		BEGIN { begin_re = "^[ \t]*/\\* LAB " lab " BEGIN(:.*)? \\*/[ \t]*$"
			stub_re = "^[ \t]*/\\* LAB " lab " STUB[ \t]*$"
			end_re = "^[ \t]*/\\* LAB " lab " END \\*/[ \t]*$"
			state = 0 }
		state == 0 && $0 ~ begin_re { print; state = 1; regions++; next }
		state == 0 && $0 ~ end_re { fail("END without BEGIN") }
		state == 0 { print; next }
		state == 1 { if ($0 !~ stub_re) fail("BEGIN not followed by a STUB comment"); state = 2; next }
		state == 2 && $0 ~ /^[ \t]*\*\/[ \t]*$/ { state = 3; next }
		state == 2 { print; next }
		state == 3 && $0 ~ /\/\* LAB [0-9]+ BEGIN/ { fail("a region inside a region") }
		state == 3 && $0 ~ end_re { print; state = 0; next }
		state == 3 { next }
		END { if (bad) exit 1
		      if (state != 0) { printf "mklab: %s: region not closed (no END)\n", file > "/dev/stderr"; exit 1 }
		      printf "%d\n", regions > "/dev/stderr" }
	' "$1" 2>"$1.regions" >"$1.stubbed" || { cat "$1.regions" >&2; rm -f "$1.regions" "$1.stubbed"; return 1; }
	mv -f "$1.stubbed" "$1"
	cat "$1.regions"
	rm -f "$1.regions"
}

if [ -d "$dir" ]; then
	# an earlier student tree: its sources go, its build/ and iso/ stay
	find "$dir" -mindepth 1 -maxdepth 1 ! -name build ! -name iso -exec rm -rf {} +
fi
mkdir -p "$dir"
tar --null -T "$list" -cf - | tar -xpf - -C "$dir"

total=0
while IFS= read -r -d '' f; do
	grep -q "/\* LAB $n BEGIN" "$dir/$f" 2>/dev/null || continue
	case $f in *.c|*.h|*.S) ;; *) continue ;; esac
	k=$(stub_file "$dir/$f") || exit 1
	total=$((total + k))
	fns=$(grep -n "/\* LAB $n BEGIN" "$f" | cut -d: -f1 | while read -r line; do
		# the function the region is in: the last line before it that starts one
		head -n "$line" "$f" | grep -E '^[a-z].*\(' | tail -n 1 | sed -E 's/^.*[ *]([a-z_0-9]+)\(.*$/\1/'
	done | tr '\n' ' ')
	echo "  $f: $k region(s): $fns"
done <"$list"
if [ "$total" -eq 0 ]; then
	echo "mklab: no region of lab $n in this tree (/* LAB $n BEGIN ... */)" >&2
	exit 1
fi
echo "$n" >"$dir/.lab"
echo "lab $n: $total region(s) replaced by their stubs in $dir"
echo "next: cd $dir && make grade       (the handout: docs/labs/lab$n.md)"
