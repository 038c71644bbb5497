/* What boot hands to the rest of the kernel. */
#ifndef _ASM_SETUP_H
#define _ASM_SETUP_H

#define COMMAND_LINE_SIZE 2048

extern char boot_command_line[COMMAND_LINE_SIZE];
extern unsigned long initrd_start_phys, initrd_size;

void parse_multiboot(unsigned long magic, unsigned long info_phys);
void paging_init(void);
void mem_init(void);

#endif
