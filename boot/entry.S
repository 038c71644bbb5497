/* From GRUB to kmain: the 32-bit entry, the switch to long mode, and the jump
 * to the higher half.
 *
 * GRUB leaves us in 32-bit protected mode, paging off, with
 *   EAX = 0x36d76289 (multiboot2 magic), EBX = physical address of its info.
 * To run 64-bit code we need PAE paging with long mode enabled. The first
 * page tables map the first 1 GiB twice with 2 MiB pages:
 *   virtual 0                  -> physical 0   (identity, while we switch)
 *   virtual 0xffffffff80000000 -> physical 0   (where the kernel is linked)
 * kmain then builds the real kernel page table (arch/x86_64/init_64.c). */

#include <asm/boot.h>

	.section .boot.text, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	movl $boot_stack_top, %esp
	movl %eax, %edi			/* magic: first argument of kmain */
	movl %ebx, %esi			/* info:  second argument */

	/* Long mode needs CPUID leaf 0x80000001, bit 29 (LM). */
	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb no_long_mode
	movl $0x80000001, %eax
	cpuid
	btl $29, %edx
	jnc no_long_mode

	/* PML4[0] and PML4[511] -> one PDPT each; both point at one PD. */
	movl $boot_pdpt_low, %eax
	orl $0x3, %eax			/* present | writable */
	movl %eax, boot_pml4
	movl $boot_pdpt_high, %eax
	orl $0x3, %eax
	movl %eax, boot_pml4 + 511*8
	movl $boot_pd, %eax
	orl $0x3, %eax
	movl %eax, boot_pdpt_low
	movl %eax, boot_pdpt_high + 510*8	/* -2 GiB is PDPT slot 510 */

	/* PD: 512 entries of 2 MiB, present | writable | PS */
	xorl %ecx, %ecx
1:	movl %ecx, %eax
	shll $21, %eax
	orl $0x83, %eax
	movl %eax, boot_pd(,%ecx,8)
	incl %ecx
	cmpl $512, %ecx
	jne 1b

	movl %cr4, %eax
	orl $(1 << 5), %eax		/* CR4.PAE */
	movl %eax, %cr4
	movl $boot_pml4, %eax
	movl %eax, %cr3
	movl $0xc0000080, %ecx		/* EFER */
	rdmsr
	orl $(1 << 8), %eax		/* EFER.LME */
	wrmsr
	movl %cr0, %eax
	orl $0x80010001, %eax		/* CR0.PG | CR0.WP | CR0.PE */
	movl %eax, %cr0

	lgdt boot_gdt_ptr
	ljmp $0x08, $long_mode_entry

no_long_mode:
	/* Nothing to print with yet but the serial port: say why and stop. */
	movl $no_lm_msg, %esi
2:	lodsb
	testb %al, %al
	jz 3f
	movw $0x3f8, %dx
	outb %al, %dx
	jmp 2b
3:	hlt
	jmp 3b

	.code64
long_mode_entry:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movabsq $higher_half, %rax
	jmp *%rax

	.section .boot.data, "aw"
	.balign 4096
boot_pml4:	.skip 4096
boot_pdpt_low:	.skip 4096
boot_pdpt_high:	.skip 4096
boot_pd:	.skip 4096
	.balign 16
	.skip 4096
boot_stack_top:

boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff		/* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff		/* 0x10: data */
boot_gdt_end:
boot_gdt_ptr:
	.short boot_gdt_end - boot_gdt - 1
	.long boot_gdt
no_lm_msg:
	.asciz "thpkernel: this CPU has no long mode (x86-64); cannot boot\r\n"

	/* Now running at the linked (higher-half) address. */
	.section .text.entry, "ax"
	.code64
higher_half:
	movabsq $init_stack_top, %rsp
	xorl %ebp, %ebp			/* the backtrace ends here */
	/* rdi = magic, rsi = info: zero-extend the 32-bit values */
	movl %edi, %edi
	movl %esi, %esi
	call kmain
4:	cli
	hlt
	jmp 4b

	.section .bss
	.balign 16384
	.globl init_stack
init_stack:
	.skip KERNEL_STACK_SIZE
	.globl init_stack_top
init_stack_top:
