/* kmalloc/kfree: small kernel objects carved from whole pages (mm/slab.c). */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>

void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void kfree(const void *p);
void kmem_cache_init(void);
size_t ksize(const void *p);

#endif
