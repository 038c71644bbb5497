/* Shared anonymous mappings: a page array shared by every VMA that maps the
 * object. See include/linux/shmem.h. */
#include <linux/shmem.h>
#include <linux/slab.h>
#include <linux/errno.h>

int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct shmem_object *obj = kzalloc(sizeof(*obj), GFP_KERNEL);
	if (!obj)
		return -ENOMEM;
	obj->nr_pages = vma_pages(vma);
	obj->pages = kzalloc(obj->nr_pages * sizeof(struct page *), GFP_KERNEL);
	if (!obj->pages) {
		kfree(obj);
		return -ENOMEM;
	}
	atomic_set(&obj->refcount, 1);
	vma->vm_private_data = obj;
	return 0;
}

void shmem_vma_get(struct vm_area_struct *vma)
{
	struct shmem_object *obj = vma->vm_private_data;
	if (obj)
		atomic_inc(&obj->refcount);
}

/* The last VMA is gone: drop the object's own reference on every page. */
void shmem_vma_put(struct vm_area_struct *vma)
{
	struct shmem_object *obj = vma->vm_private_data;
	if (!obj || !atomic_dec_and_test(&obj->refcount))
		return;
	for (unsigned long i = 0; i < obj->nr_pages; i++)
		if (obj->pages[i]) {
			put_page(obj->pages[i]);
			mod_node_page_state(NR_SHMEM, -1);
		}
	kfree(obj->pages);
	kfree(obj);
}

struct page *shmem_get_page(struct vm_area_struct *vma, unsigned long address)
{
	struct shmem_object *obj = vma->vm_private_data;
	unsigned long idx = linear_page_index(vma, address);
	struct page *page;

	if (idx >= obj->nr_pages)
		return NULL;
	page = obj->pages[idx];
	if (!page) {
		page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
		if (!page)
			return NULL;
		if (obj->pages[idx]) {		/* someone else won while we slept */
			put_page(page);
			page = obj->pages[idx];
		} else {
			obj->pages[idx] = page;	/* the object's reference */
			mod_node_page_state(NR_SHMEM, 1);
		}
	}
	get_page(page);				/* the mapping's reference */
	return page;
}
