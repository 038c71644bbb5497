#!/bin/sh
# Emit the kernel's symbol table as assembly: sorted function addresses,
# offsets into a string table, and the names (kernel/kallsyms.c reads them).
# usage: gen-kallsyms.sh NM kernel.elf > kallsyms.S
nm=$1 elf=$2
{ [ "$elf" = /dev/null ] || $nm -n "$elf"; } | awk 'BEGIN { n = 0 }
$2 ~ /^[tTwW]$/ && $1 ~ /^ffffffff8/ { addr[n] = $1; name[n] = $3; n++ }
END {
	print "\t.section .kallsyms, \"a\""
	print "\t.balign 8"
	print "\t.globl kallsyms_num, kallsyms_addresses, kallsyms_offsets, kallsyms_names"
	printf "kallsyms_num:\t.quad %d\n", n
	print "kallsyms_addresses:"
	for (i = 0; i < n; i++) printf "\t.quad 0x%s\n", addr[i]
	print "kallsyms_offsets:"
	off = 0
	for (i = 0; i < n; i++) { printf "\t.long %d\n", off; off += length(name[i]) + 1 }
	print "kallsyms_names:"
	for (i = 0; i < n; i++) printf "\t.asciz \"%s\"\n", name[i]
}'
