/* Reading what GRUB hands over (the multiboot2 information block): the
 * command line, the memory map and the initramfs module. The block is
 * copied first: GRUB may have put it in a gap of the kernel's own image. */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <asm/page.h>
#include <asm/setup.h>
#include <asm/boot.h>

#define MULTIBOOT2_BOOTLOADER_MAGIC 0x36d76289
#define MB2_TAG_END	0
#define MB2_TAG_CMDLINE	1
#define MB2_TAG_MODULE	3
#define MB2_TAG_MMAP	6
#define MB2_MEMORY_AVAILABLE 1

struct mb2_tag {
	u32 type;
	u32 size;
};

struct mb2_mmap_entry {
	u64 addr;
	u64 len;
	u32 type;
	u32 zero;
};

char boot_command_line[COMMAND_LINE_SIZE];
unsigned long initrd_start_phys, initrd_size;
static u8 mb_info_copy[8192] __aligned(8);

extern char _text[], _end[];

void parse_multiboot(unsigned long magic, unsigned long info_phys)
{
	if (magic != MULTIBOOT2_BOOTLOADER_MAGIC)
		panic("not booted by a multiboot2 loader (magic %#lx)", magic);
	/* the boot page tables map the first 1 GiB at __START_KERNEL_map */
	u8 *info = (u8 *)(info_phys + __START_KERNEL_map);
	u32 total = *(u32 *)info;
	if (total > sizeof(mb_info_copy))
		panic("multiboot2 information too large (%u bytes)", total);
	memcpy(mb_info_copy, info, total);

	for (u8 *p = mb_info_copy + 8; p < mb_info_copy + total;
	     p += ALIGN(((struct mb2_tag *)p)->size, 8)) {
		struct mb2_tag *tag = (struct mb2_tag *)p;
		if (tag->type == MB2_TAG_END)
			break;
		if (tag->type == MB2_TAG_CMDLINE) {
			strlcpy(boot_command_line, (char *)(tag + 1), sizeof(boot_command_line));
		} else if (tag->type == MB2_TAG_MODULE) {
			u32 *m = (u32 *)(tag + 1);
			if (!initrd_size) {
				initrd_start_phys = m[0];
				initrd_size = m[1] - m[0];
			}
		} else if (tag->type == MB2_TAG_MMAP) {
			u32 esize = ((u32 *)(tag + 1))[0];
			for (u8 *e = (u8 *)(tag + 1) + 8; e + esize <= p + tag->size; e += esize) {
				struct mb2_mmap_entry *me = (struct mb2_mmap_entry *)e;
				if (me->type == MB2_MEMORY_AVAILABLE) {
					unsigned long b = PAGE_ALIGN(me->addr);
					unsigned long end = ALIGN_DOWN(me->addr + me->len, PAGE_SIZE);
					if (end > b)
						memblock_add(b, end - b);
				}
				printk(KERN_INFO "BIOS-e820: [mem %#018lx-%#018lx] %s\n", me->addr,
				       me->addr + me->len - 1, me->type == 1 ? "usable" : "reserved");
			}
		}
	}
	/* Taken before anyone allocates: the kernel image and the initramfs. */
	memblock_reserve(KERNEL_PHYS, __pa(_end) - KERNEL_PHYS);
	if (initrd_size)
		memblock_reserve(initrd_start_phys & PAGE_MASK,
				 PAGE_ALIGN(initrd_start_phys + initrd_size) - (initrd_start_phys & PAGE_MASK));
}
