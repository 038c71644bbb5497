/* mem_init: build mem_map (one struct page per frame) and hand all free RAM
 * to the buddy allocator. After this, memblock is no longer used. */
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/mmzone.h>
#include <asm/setup.h>

void __free_pages_core_range(unsigned long start_pfn, unsigned long end_pfn);
unsigned long reserved_at_boot_pages;

void mem_init(void)
{
	unsigned long end_pfn = PFN_DOWN(memblock_end_of_DRAM());
	unsigned long map_size = PAGE_ALIGN(end_pfn * sizeof(struct page));
	unsigned long map_phys = memblock_phys_alloc(map_size, PAGE_SIZE);

	if (!map_phys)
		panic("mem_init: no memory for mem_map (%lu bytes)", map_size);
	mem_map = __va(map_phys);
	free_area_init(end_pfn);
	memblock_free_all();
	reserved_at_boot_pages = PFN_DOWN(memblock_end_of_DRAM()) - totalram_pages;
	extern char _text[], _etext[];
	printk(KERN_INFO "Memory: %luK/%luK available (%luK kernel code, %luK mem_map, %luK reserved)\n",
	       nr_free_pages() * 4, end_pfn * 4, (unsigned long)(_etext - _text) / 1024,
	       map_size / 1024, reserved_at_boot_pages * 4);
}
