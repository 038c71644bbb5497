/* Boot-time memory map and allocator, used before the buddy allocator
 * exists (mm/memblock.c): it records usable RAM from the multiboot2 map and
 * what is already taken (the kernel, GRUB's data, the initramfs). */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>

#define MEMBLOCK_MAX_REGIONS 64

struct memblock_region {
	unsigned long base;
	unsigned long size;
};

struct memblock_type {
	unsigned long cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

struct memblock {
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

int memblock_add(unsigned long base, unsigned long size);
int memblock_reserve(unsigned long base, unsigned long size);
/* Physical address of size free bytes aligned to align, reserved; 0 if none. */
unsigned long memblock_phys_alloc(unsigned long size, unsigned long align);
unsigned long memblock_end_of_DRAM(void);
unsigned long memblock_reserved_size(void);
void memblock_free_all(void);

#endif
