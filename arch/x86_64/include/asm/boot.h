/* Constants shared by the boot code, the linker map and C. */
#ifndef _ASM_BOOT_H
#define _ASM_BOOT_H

#define KERNEL_STACK_SIZE	16384	/* every task's kernel stack, 4 pages */
#define KERNEL_PHYS		0x100000UL

#endif
