/* Kernel stacks in their own virtual area, each with unmapped guard pages
 * below it (Linux's CONFIG_VMAP_STACK): a task that overflows its 16 KiB
 * stack touches a guard page, the CPU cannot push the fault's frame there
 * either, and the resulting double fault runs on its own IST stack and
 * reports "kernel stack overflow" instead of silently corrupting memory.
 *
 *   KSTACK_AREA + slot * 32 KiB:  [ 16 KiB guard, unmapped ][ 16 KiB stack ]
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <asm/boot.h>
#include <asm/processor.h>

#define KSTACK_AREA	0xffffc90000000000UL	/* Linux's VMALLOC_START */
#define KSTACK_SLOT	(2 * KERNEL_STACK_SIZE)
#define KSTACK_SLOTS	4096

static unsigned long slot_used[KSTACK_SLOTS / 64];
static DEFINE_SPINLOCK(kstack_lock);

/* The kernel PTE for addr in init_mm's tables, creating tables as needed
 * (the top-level entry exists: paging_init made all kernel-half ones). */
static pte_t *kernel_pte(unsigned long addr, bool create)
{
	pgd_t *pgd = init_mm.pgd + pgd_index(addr);
	pud_t *pud = pud_offset(pgd, addr);
	if (!pud_present(*pud)) {
		if (!create)
			return NULL;
		unsigned long t = get_zeroed_page(GFP_KERNEL);
		if (!t)
			return NULL;
		set_pud(pud, __pud(__pa((void *)t) | _KERNPG_TABLE));
	}
	pmd_t *pmd = pmd_offset(pud, addr);
	if (pmd_none(*pmd)) {
		if (!create)
			return NULL;
		unsigned long t = get_zeroed_page(GFP_KERNEL);
		if (!t)
			return NULL;
		set_pmd(pmd, __pmd(__pa((void *)t) | _KERNPG_TABLE));
	}
	return pte_offset_kernel(pmd, addr);
}

/* A 16 KiB kernel stack with a guard below it; NULL when out of memory. */
void *vmap_stack_alloc(void)
{
	unsigned long flags, slot;
	int npages = KERNEL_STACK_SIZE / PAGE_SIZE;

	spin_lock_irqsave(&kstack_lock, flags);
	for (slot = 0; slot < KSTACK_SLOTS; slot++)
		if (!test_and_set_bit(slot % 64, &slot_used[slot / 64]))
			break;
	spin_unlock_irqrestore(&kstack_lock, flags);
	if (slot == KSTACK_SLOTS)
		return NULL;

	unsigned long base = KSTACK_AREA + slot * KSTACK_SLOT + KERNEL_STACK_SIZE;
	for (int i = 0; i < npages; i++) {
		/* zeroed: besides hygiene, under QEMU's TCG a page that still
		 * holds old code makes every store to it take a slow path */
		struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
		pte_t *pte = page ? kernel_pte(base + i * PAGE_SIZE, true) : NULL;
		if (!pte) {
			if (page)
				__free_page(page);
			vmap_stack_free((void *)base);
			return NULL;
		}
		unsigned long prot = pgprot_val(PAGE_KERNEL);
		if (!cpu_has_nx)
			prot &= ~_PAGE_NX;
		set_pte(pte, pfn_pte(page_to_pfn(page), __pgprot(prot)));
	}
	return (void *)base;
}

void vmap_stack_free(void *stack)
{
	unsigned long base = (unsigned long)stack, flags;
	unsigned long slot = (base - KERNEL_STACK_SIZE - KSTACK_AREA) / KSTACK_SLOT;

	for (unsigned long a = base; a < base + KERNEL_STACK_SIZE; a += PAGE_SIZE) {
		pte_t *pte = kernel_pte(a, false);
		if (!pte || pte_none(*pte))
			continue;
		struct page *page = pte_page(*pte);
		pte_clear(pte);
		__flush_tlb_one(a);
		__free_page(page);
	}
	spin_lock_irqsave(&kstack_lock, flags);
	clear_bit(slot % 64, &slot_used[slot / 64]);
	spin_unlock_irqrestore(&kstack_lock, flags);
}
