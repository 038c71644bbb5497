/* kmalloc: small kernel objects (tasks, VMAs, anon_vmas, file structs).
 * Sizes are rounded up to a power of two from 16 to 2048 bytes; each size
 * has a cache of one-page slabs whose free objects are chained through their
 * first word. A slab whose objects are all free goes back to the buddy
 * allocator at once, so a leak check sees exactly the pages in use.
 * Anything larger than 2048 bytes gets whole pages. */
#include <linux/mm.h>
#include <linux/slab.h>

struct kmem_cache {
	const char *name;
	size_t size;
	struct list_head partial;	/* slabs with at least one free object */
	unsigned long nr_slabs;
};

#define KMALLOC_MIN_SHIFT 4
#define KMALLOC_MAX_SHIFT 11
static struct kmem_cache kmalloc_caches[KMALLOC_MAX_SHIFT + 1];
static const char *const cache_names[] = {
	[4] = "kmalloc-16", [5] = "kmalloc-32", [6] = "kmalloc-64", [7] = "kmalloc-128",
	[8] = "kmalloc-256", [9] = "kmalloc-512", [10] = "kmalloc-1k", [11] = "kmalloc-2k",
};
static DEFINE_SPINLOCK(slab_lock);

void kmem_cache_init(void)
{
	for (int s = KMALLOC_MIN_SHIFT; s <= KMALLOC_MAX_SHIFT; s++) {
		kmalloc_caches[s].name = cache_names[s];
		kmalloc_caches[s].size = 1UL << s;
		INIT_LIST_HEAD(&kmalloc_caches[s].partial);
	}
}

static struct kmem_cache *kmalloc_slab(size_t size)
{
	int shift = KMALLOC_MIN_SHIFT;
	while ((1UL << shift) < size)
		shift++;
	return &kmalloc_caches[shift];
}

/* Make a fresh page a slab: cut into objects, all on its free list. */
static void new_slab(struct kmem_cache *s, struct page *page)
{
	char *base = page_address(page);
	size_t n = PAGE_SIZE / s->size;
	for (size_t i = 0; i < n; i++)
		*(void **)(base + i * s->size) = i + 1 < n ? base + (i + 1) * s->size : NULL;
	SetPageSlab(page);
	page->slab_cache = s;
	page->freelist = base;
	page->inuse = 0;
	list_add(&page->slab_list, &s->partial);
	s->nr_slabs++;
	mod_node_page_state(NR_SLAB_PAGES, 1);
}

static void *slab_alloc(struct kmem_cache *s, gfp_t gfp)
{
	unsigned long flags;
	struct page *page;

	spin_lock_irqsave(&slab_lock, flags);
	if (list_empty(&s->partial)) {
		/* alloc_pages may sleep to reclaim: drop the lock meanwhile */
		spin_unlock_irqrestore(&slab_lock, flags);
		struct page *fresh = alloc_pages(gfp & ~__GFP_ZERO, 0);
		spin_lock_irqsave(&slab_lock, flags);
		if (!fresh) {
			spin_unlock_irqrestore(&slab_lock, flags);
			return NULL;
		}
		new_slab(s, fresh);
	}
	page = list_first_entry(&s->partial, struct page, slab_list);
	void *obj = page->freelist;
	page->freelist = *(void **)obj;
	page->inuse++;
	if (!page->freelist)
		list_del_init(&page->slab_list);
	spin_unlock_irqrestore(&slab_lock, flags);
	return obj;
}

static void slab_free(struct page *page, void *obj)
{
	struct kmem_cache *s = page->slab_cache;
	unsigned long flags;

	spin_lock_irqsave(&slab_lock, flags);
	if (!page->freelist)
		list_add(&page->slab_list, &s->partial);
	*(void **)obj = page->freelist;
	page->freelist = obj;
	if (--page->inuse == 0) {
		list_del_init(&page->slab_list);
		ClearPageSlab(page);
		page->slab_cache = NULL;
		page->freelist = NULL;
		s->nr_slabs--;
		mod_node_page_state(NR_SLAB_PAGES, -1);
		spin_unlock_irqrestore(&slab_lock, flags);
		__free_pages(page, 0);
		return;
	}
	spin_unlock_irqrestore(&slab_lock, flags);
}

/* Allocate size bytes (zeroed with __GFP_ZERO). Returns NULL on failure. */
void *kmalloc(size_t size, gfp_t gfp)
{
	void *p;

	if (size == 0)
		size = 1;
	if (size > (1UL << KMALLOC_MAX_SHIFT)) {
		unsigned int order = 0;
		while ((PAGE_SIZE << order) < size)
			order++;
		struct page *page = alloc_pages(gfp | (order ? __GFP_COMP : 0), order);
		return page ? page_address(page) : NULL;
	}
	p = slab_alloc(kmalloc_slab(size), gfp);
	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

void kfree(const void *p)
{
	if (!p)
		return;
	struct page *page = virt_to_page(p);
	if (PageSlab(page))
		slab_free(page, (void *)p);
	else
		__free_pages(page, compound_order(page));
}

/* The usable size of an allocation. */
size_t ksize(const void *p)
{
	struct page *page = virt_to_page(p);
	return PageSlab(page) ? page->slab_cache->size : PAGE_SIZE << compound_order(page);
}
