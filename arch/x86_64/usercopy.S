/* The only instructions that read or write user memory. Each may fault on
 * an unmapped user address: its __ex_table entry names the fixup that
 * returns how many bytes were left (arch/x86_64/extable.c). */

	.text

/* unsigned long copy_user_generic(void *to, const void *from, unsigned long len) */
	.globl copy_user_generic
copy_user_generic:
	movq %rdx, %rcx
	cmpb $0, cpu_has_smap(%rip)
	je 1f
	stac
1:	rep movsb
2:	cmpb $0, cpu_has_smap(%rip)
	je 3f
	clac
3:	movq %rcx, %rax			/* 0 when everything was copied */
	ret

/* unsigned long clear_user_generic(void *to, unsigned long len) */
	.globl clear_user_generic
clear_user_generic:
	movq %rsi, %rcx
	xorl %eax, %eax
	cmpb $0, cpu_has_smap(%rip)
	je 4f
	stac
4:	rep stosb
5:	cmpb $0, cpu_has_smap(%rip)
	je 6f
	clac
6:	movq %rcx, %rax
	ret

	/* A fault inside "rep movsb/stosb" leaves rcx = bytes not done:
	 * continue right after the instruction. */
	.section __ex_table, "a"
	.balign 8
	.quad 1b, 2b
	.quad 4b, 5b

	.text
/* int probe_user_read_nosmap(const void *addr): read one byte of user memory
 * WITHOUT lifting SMAP, as a buggy kernel path would. Returns the byte, or
 * -1 when the access faulted (which SMAP guarantees). Boot self-test only. */
	.globl probe_user_read_nosmap
probe_user_read_nosmap:
7:	movzbl (%rdi), %eax
	ret
8:	movl $-1, %eax
	ret
	.section __ex_table, "a"
	.balign 8
	.quad 7b, 8b
