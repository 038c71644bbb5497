/* Descriptor tables: GDT/TSS (gdt.c) and IDT (traps.c). */
#ifndef _ASM_DESC_H
#define _ASM_DESC_H

void gdt_init(void);
void idt_init(void);
void load_sp0(unsigned long sp0);
void syscall_init(void);

#endif
