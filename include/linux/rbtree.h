/* Red-black trees, with Linux's interface: the caller embeds a struct rb_node,
 * walks down to find the insertion point itself, then calls rb_link_node and
 * rb_insert_color. Used for the VMA tree (find_vma in O(log n)); the VMA tree
 * is also augmented (<linux/rbtree_augmented.h>). */
#ifndef _LINUX_RBTREE_H
#define _LINUX_RBTREE_H

#include <linux/types.h>

#define RB_RED		0
#define RB_BLACK	1

struct rb_node {
	struct rb_node *rb_parent;
	struct rb_node *rb_left;
	struct rb_node *rb_right;
	int rb_color;
};

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_ROOT ((struct rb_root){ NULL })
#define rb_entry(ptr, type, member) container_of(ptr, type, member)

static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **link)
{
	node->rb_parent = parent;
	node->rb_left = node->rb_right = NULL;
	node->rb_color = RB_RED;
	*link = node;
}

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);
/* Check the red-black properties; returns the black height or -1 if broken. */
int rb_check(const struct rb_root *root);

#endif
