#!/bin/sh
# Host unit tests: the kernel's pure logic (buddy allocator, red-black tree,
# command line, memblock, VMAs, number parsing and formatting, memset and
# memcpy) compiled from the real sources with the host gcc and run without
# QEMU.
#
# Every test case prints one line, "PASS name" or "FAIL name: expected X,
# saw Y". A program that cannot be built or that crashes prints one FAIL
# line for itself. Exits non-zero if anything failed.
# Usage (from anywhere): scripts/host-tests.sh      UNIT_VERBOSE=1 shows printk
set -u
cd "$(dirname "$0")/.." || exit 1

CC=${HOSTCC:-gcc}
OUT=build/host-tests
U=tests/unit
CFLAGS="-std=gnu11 -O1 -g -Wall -Wextra -Wno-unused-parameter -fno-omit-frame-pointer -fno-strict-aliasing"
# kernel sources and the test files that include kernel headers
KFLAGS="-DHOST_TEST -Iinclude -Iarch/x86_64/include -I$U -fno-builtin"
# lib/vsprintf.c would replace libc's snprintf that the harness uses
VSPRINTF_RENAME="-Dvsnprintf=k_vsnprintf -Dsnprintf=k_snprintf -Dscnprintf=k_scnprintf"
# and lib/string.c libc's memcpy, strlen, ...
STRING_RENAME=""
for f in memset memcpy memmove memcmp strlen strnlen strcmp strncmp strchr strrchr strlcpy strcpy \
	 memchr_inv_zero clear_page copy_page; do
	STRING_RENAME="$STRING_RENAME -D$f=k_$f"
done

mkdir -p "$OUT" || exit 1

# AddressSanitizer and UBSan when this host can build and run them.
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
printf 'int main(void) { return 0; }\n' > "$OUT/probe.c"
if ! $CC $SAN "$OUT/probe.c" -o "$OUT/probe" 2>/dev/null || ! "$OUT/probe" 2>/dev/null; then
	echo "host-tests: sanitizers unavailable, building without them" >&2
	SAN=""
fi
# A sanitizer report must not look like "some test failed" (status 1).
# The caller's own options come last and win.
export ASAN_OPTIONS="detect_leaks=0:exitcode=99${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=98${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

# The programs: name, then its files. "k:FILE" is compiled with the kernel's
# headers, "h:FILE" with the host's only, "v:FILE" is lib/vsprintf.c renamed,
# "s:FILE" lib/string.c renamed.
PROGRAMS="
page_alloc	k:$U/test_page_alloc.c k:mm/page_alloc.c k:mm/vmstat.c
rbtree		k:$U/test_rbtree.c k:lib/rbtree.c
cmdline		k:$U/test_cmdline.c k:kernel/cmdline.c
memblock	k:$U/test_memblock.c k:mm/memblock.c
vma		k:$U/test_vma.c k:mm/mmap.c k:mm/mprotect.c k:mm/madvise.c k:lib/rbtree.c
kstrtox		k:$U/test_kstrtox.c k:lib/kstrtox.c
vsprintf	h:$U/test_vsprintf.c v:lib/vsprintf.c
string		h:$U/test_string.c s:lib/string.c
"

# Is obj older than its source or any header it used (from gcc -MMD)?
stale() {
	obj=$1
	[ -f "$obj" ] && [ -f "${obj%.o}.d" ] || return 0
	for dep in $(sed -e 's/^[^:]*://' -e 's/\\$//' "${obj%.o}.d"); do
		[ "$dep" -nt "$obj" ] && return 0
	done
	return 1
}

# build NAME FILES...: objects in $OUT/obj/NAME/ (only stale ones are
# recompiled), the program at $OUT/NAME, compiler messages in $OUT/NAME.log.
build() {
	name=$1
	shift
	mkdir -p "$OUT/obj/$name"
	objs=""
	for f in h:$U/harness.c "$@"; do
		kind=${f%%:*}
		src=${f#*:}
		obj=$OUT/obj/$name/$(echo "$src" | tr / _ | sed 's/\.c$//').o
		case $kind in
		k) flags=$KFLAGS ;;
		v) flags="$KFLAGS $VSPRINTF_RENAME" ;;
		s) flags="$KFLAGS $STRING_RENAME" ;;
		*) flags="-I$U" ;;
		esac
		if stale "$obj"; then
			$CC $CFLAGS $SAN $flags -MMD -c "$src" -o "$obj" || return 1
		fi
		objs="$objs $obj"
	done
	$CC $SAN $objs -o "$OUT/$name"
}

# Objects built with other flags (or another compiler) are thrown away.
echo "$CC $CFLAGS $SAN" > "$OUT/flags.new"
if cmp -s "$OUT/flags.new" "$OUT/flags"; then
	rm -f "$OUT/flags.new"
else
	rm -rf "$OUT/obj"
	mv "$OUT/flags.new" "$OUT/flags"
fi

# Build every program in parallel.
echo "$PROGRAMS" | {
	while read -r name files; do
		[ -n "$name" ] || continue
		rm -f "$OUT/$name" "$OUT/$name.built"
		( build "$name" $files > "$OUT/$name.log" 2>&1 && touch "$OUT/$name.built" ) &
	done
	wait
}

failed=0
for name in $(echo "$PROGRAMS" | awk 'NF { print $1 }'); do
	if [ -s "$OUT/$name.log" ]; then
		sed "s/^/$name: /" "$OUT/$name.log" >&2
	fi
	if [ ! -f "$OUT/$name.built" ]; then
		echo "FAIL build_$name: expected $name to compile and link, saw errors (above, and in $OUT/$name.log)"
		failed=1
		continue
	fi
	timeout 120 "$OUT/$name" > "$OUT/$name.out" 2> "$OUT/$name.err"
	rc=$?
	cat "$OUT/$name.out"
	grep -q '^FAIL ' "$OUT/$name.out" && failed=1
	# 0: all passed, 1: some failed; anything else is a crash or a timeout
	if [ $rc -gt 1 ]; then
		echo "FAIL run_$name: expected it to run to the end, saw exit status $rc after $(grep -c '' "$OUT/$name.out") results"
		tail -n 30 "$OUT/$name.err" >&2
		failed=1
	fi
done
exit $failed
