/* Augmented red-black trees, with Linux's interface: every node also keeps a
 * value computed from its subtree (for VMAs, rb_subtree_gap: the largest free
 * gap below any VMA of the subtree), and the tree calls back whenever a
 * rotation or an erase changes a subtree, so that the value stays right at
 * O(log n) cost per change. Used by mm/mmap.c for get_unmapped_area. */
#ifndef _LINUX_RBTREE_AUGMENTED_H
#define _LINUX_RBTREE_AUGMENTED_H

#include <linux/rbtree.h>

struct rb_augment_callbacks {
	/* Recompute node's value, then its parent's, ... up to but not
	 * including stop (NULL: the root); may end early at a node whose value
	 * did not change, since nothing above it changes then either. */
	void (*propagate)(struct rb_node *node, struct rb_node *stop);
	/* new took old's place and heads old's former subtree: copy the value. */
	void (*copy)(struct rb_node *old, struct rb_node *new);
	/* A rotation put new where old was: new heads old's former subtree
	 * (copy the value), old a part of it (recompute). */
	void (*rotate)(struct rb_node *old, struct rb_node *new);
};

/* rb_insert_color for an augmented tree. The caller has linked node with
 * rb_link_node and already propagated its value from node up to the root. */
void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment);
/* rb_erase for an augmented tree: every value is right again afterwards. */
void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment_callbacks *augment);

#endif
