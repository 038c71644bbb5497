/* The kernel page table (init_mm.pgd), replacing the boot tables:
 *  - the direct map: all RAM at PAGE_OFFSET + phys, with 1 GiB pages when
 *    the CPU has them, 2 MiB pages otherwise; read-write, never executable;
 *  - the kernel image at __START_KERNEL_map + phys, with 4 KiB pages so each
 *    section gets its own rights: text read-only and executable, rodata
 *    read-only, data and bss writable but not executable (W^X).
 * Before the switch, new table pages are reached through the boot tables'
 * mapping of the first 1 GiB at __START_KERNEL_map. */
#include <linux/mm.h>
#include <linux/memblock.h>
#include <asm/processor.h>
#include <asm/setup.h>

extern struct mm_struct init_mm;
extern char _text[], _etext[], _erodata[], _edata[], _end[];
static bool direct_map_ready;

static void *table_va(unsigned long phys)
{
	return direct_map_ready ? __va(phys) : (void *)(phys + __START_KERNEL_map);
}

static unsigned long alloc_table(void)
{
	unsigned long phys = memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE);
	if (!phys || phys >= PUD_SIZE)
		panic("paging_init: no memory for page tables");
	memset(table_va(phys), 0, PAGE_SIZE);
	return phys;
}

/* The next-level table under *entry, created if absent. */
static unsigned long *next_table(unsigned long *entry)
{
	if (!(*entry & _PAGE_PRESENT))
		*entry = alloc_table() | _KERNPG_TABLE;
	return table_va(*entry & PTE_PFN_MASK);
}

static void map_page(unsigned long *pgd, unsigned long va, unsigned long pa, pgprot_t prot)
{
	unsigned long *pud = next_table(&pgd[pgd_index(va)]);
	unsigned long *pmd = next_table(&pud[pud_index(va)]);
	unsigned long *pte = next_table(&pmd[pmd_index(va)]);
	unsigned long p = pgprot_val(prot);
	if (!cpu_has_nx)
		p &= ~_PAGE_NX;
	pte[pte_index(va)] = pa | p;
}

static void map_direct(unsigned long *pgd, unsigned long end)
{
	unsigned long prot = pgprot_val(PAGE_KERNEL) | _PAGE_PSE;
	if (!cpu_has_nx)
		prot &= ~_PAGE_NX;
	for (unsigned long pa = 0; pa < end; ) {
		unsigned long va = PAGE_OFFSET + pa;
		unsigned long *pud = next_table(&pgd[pgd_index(va)]);
		if (cpu_has_gbpages) {
			pud[pud_index(va)] = pa | prot;
			pa += PUD_SIZE;
		} else {
			unsigned long *pmd = next_table(&pud[pud_index(va)]);
			pmd[pmd_index(va)] = pa | prot;
			pa += PMD_SIZE;
		}
	}
}

void paging_init(void)
{
	unsigned long pgd_phys = alloc_table();
	unsigned long *pgd = table_va(pgd_phys);

	map_direct(pgd, ALIGN(memblock_end_of_DRAM(), PMD_SIZE));
	for (unsigned long va = (unsigned long)_text; va < (unsigned long)_end; va += PAGE_SIZE) {
		pgprot_t prot = va < (unsigned long)_etext ? PAGE_KERNEL_EXEC :
				va < (unsigned long)_erodata ? PAGE_KERNEL_RO : PAGE_KERNEL;
		map_page(pgd, va, __pa((void *)va), prot);
	}
	/* Pre-create every kernel-half top-level entry (PGD 256..511) so that
	 * processes, which copy them once, see all later kernel mappings. */
	for (int i = PTRS_PER_PGD / 2; i < PTRS_PER_PGD; i++)
		next_table(&pgd[i]);
	write_cr3(pgd_phys);
	direct_map_ready = true;
	init_mm.pgd = __va(pgd_phys);
}
