/* Red-black tree balancing (insert and erase), after the algorithms in
 * Cormen et al., "Introduction to Algorithms", ch. 13. A NULL child counts
 * as a black leaf. The augmented variants call back at every change of a
 * subtree (a rotation, a node taking another's place) so that a value kept
 * per subtree, such as a VMA's rb_subtree_gap, stays right. */
#include <linux/rbtree_augmented.h>

static bool is_red(const struct rb_node *n) { return n && n->rb_color == RB_RED; }

/* Make 'new' take old's place under old's parent. */
static void change_child(struct rb_node *old, struct rb_node *new,
			 struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
	if (new)
		new->rb_parent = parent;
}

/* Plain trees keep nothing per subtree. */
static void dummy_propagate(struct rb_node *node, struct rb_node *stop) {}
static void dummy_copy(struct rb_node *old, struct rb_node *new) {}
static void dummy_rotate(struct rb_node *old, struct rb_node *new) {}

static const struct rb_augment_callbacks dummy_callbacks = {
	.propagate = dummy_propagate,
	.copy = dummy_copy,
	.rotate = dummy_rotate,
};

/* x goes down to the left, its right child y takes its place: y now heads
 * the subtree x headed, x a smaller one. */
static void rotate_left(struct rb_node *x, struct rb_root *root,
			const struct rb_augment_callbacks *aug)
{
	struct rb_node *y = x->rb_right;
	x->rb_right = y->rb_left;
	if (y->rb_left)
		y->rb_left->rb_parent = x;
	change_child(x, y, x->rb_parent, root);
	y->rb_left = x;
	x->rb_parent = y;
	aug->rotate(x, y);
}

static void rotate_right(struct rb_node *x, struct rb_root *root,
			 const struct rb_augment_callbacks *aug)
{
	struct rb_node *y = x->rb_left;
	x->rb_left = y->rb_right;
	if (y->rb_right)
		y->rb_right->rb_parent = x;
	change_child(x, y, x->rb_parent, root);
	y->rb_right = x;
	x->rb_parent = y;
	aug->rotate(x, y);
}

static void insert_fixup(struct rb_node *z, struct rb_root *root,
			 const struct rb_augment_callbacks *aug)
{
	while (is_red(z->rb_parent)) {
		struct rb_node *p = z->rb_parent, *g = p->rb_parent;
		if (p == g->rb_left) {
			struct rb_node *uncle = g->rb_right;
			if (is_red(uncle)) {
				p->rb_color = uncle->rb_color = RB_BLACK;
				g->rb_color = RB_RED;
				z = g;
				continue;
			}
			if (z == p->rb_right) {
				rotate_left(p, root, aug);
				z = p;
				p = z->rb_parent;
			}
			p->rb_color = RB_BLACK;
			g->rb_color = RB_RED;
			rotate_right(g, root, aug);
		} else {
			struct rb_node *uncle = g->rb_left;
			if (is_red(uncle)) {
				p->rb_color = uncle->rb_color = RB_BLACK;
				g->rb_color = RB_RED;
				z = g;
				continue;
			}
			if (z == p->rb_left) {
				rotate_right(p, root, aug);
				z = p;
				p = z->rb_parent;
			}
			p->rb_color = RB_BLACK;
			g->rb_color = RB_RED;
			rotate_left(g, root, aug);
		}
	}
	root->rb_node->rb_color = RB_BLACK;
}

void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	insert_fixup(node, root, &dummy_callbacks);
}

void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment)
{
	insert_fixup(node, root, augment);
}

/* Restore the properties after removing a black node: x (maybe NULL) is the
 * child that took its place, parent is x's parent. */
static void erase_fixup(struct rb_node *x, struct rb_node *parent, struct rb_root *root,
			const struct rb_augment_callbacks *aug)
{
	while (x != root->rb_node && !is_red(x)) {
		if (x == parent->rb_left) {
			struct rb_node *w = parent->rb_right;
			if (is_red(w)) {
				w->rb_color = RB_BLACK;
				parent->rb_color = RB_RED;
				rotate_left(parent, root, aug);
				w = parent->rb_right;
			}
			if (!is_red(w->rb_left) && !is_red(w->rb_right)) {
				w->rb_color = RB_RED;
				x = parent;
				parent = x->rb_parent;
			} else {
				if (!is_red(w->rb_right)) {
					w->rb_left->rb_color = RB_BLACK;
					w->rb_color = RB_RED;
					rotate_right(w, root, aug);
					w = parent->rb_right;
				}
				w->rb_color = parent->rb_color;
				parent->rb_color = RB_BLACK;
				if (w->rb_right)
					w->rb_right->rb_color = RB_BLACK;
				rotate_left(parent, root, aug);
				x = root->rb_node;
				break;
			}
		} else {
			struct rb_node *w = parent->rb_left;
			if (is_red(w)) {
				w->rb_color = RB_BLACK;
				parent->rb_color = RB_RED;
				rotate_right(parent, root, aug);
				w = parent->rb_left;
			}
			if (!is_red(w->rb_left) && !is_red(w->rb_right)) {
				w->rb_color = RB_RED;
				x = parent;
				parent = x->rb_parent;
			} else {
				if (!is_red(w->rb_left)) {
					w->rb_right->rb_color = RB_BLACK;
					w->rb_color = RB_RED;
					rotate_left(w, root, aug);
					w = parent->rb_left;
				}
				w->rb_color = parent->rb_color;
				parent->rb_color = RB_BLACK;
				if (w->rb_left)
					w->rb_left->rb_color = RB_BLACK;
				rotate_right(parent, root, aug);
				x = root->rb_node;
				break;
			}
		}
	}
	if (x)
		x->rb_color = RB_BLACK;
}

void rb_erase_augmented(struct rb_node *z, struct rb_root *root,
			const struct rb_augment_callbacks *aug)
{
	struct rb_node *x, *parent, *changed;
	int removed_color = z->rb_color;

	if (!z->rb_left || !z->rb_right) {
		x = z->rb_left ? z->rb_left : z->rb_right;
		parent = z->rb_parent;
		change_child(z, x, parent, root);
		changed = parent;	/* the lowest subtree that lost a node */
	} else {
		/* y = z's successor takes z's place and colour */
		struct rb_node *y = z->rb_right;
		while (y->rb_left)
			y = y->rb_left;
		removed_color = y->rb_color;
		x = y->rb_right;
		if (y->rb_parent == z) {
			parent = y;
		} else {
			parent = y->rb_parent;
			change_child(y, x, parent, root);
			y->rb_right = z->rb_right;
			y->rb_right->rb_parent = y;
		}
		change_child(z, y, z->rb_parent, root);
		y->rb_left = z->rb_left;
		y->rb_left->rb_parent = y;
		y->rb_color = z->rb_color;
		/* y heads z's old subtree; below it, y's old parent lost y */
		aug->copy(z, y);
		if (parent != y)
			aug->propagate(parent, y);
		changed = y;
	}
	if (changed)
		aug->propagate(changed, NULL);
	if (removed_color == RB_BLACK)
		erase_fixup(x, parent, root, aug);
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	rb_erase_augmented(node, root, &dummy_callbacks);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;
	if (!n)
		return NULL;
	while (n->rb_left)
		n = n->rb_left;
	return n;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;
	if (!n)
		return NULL;
	while (n->rb_right)
		n = n->rb_right;
	return n;
}

struct rb_node *rb_next(const struct rb_node *n)
{
	if (n->rb_right) {
		n = n->rb_right;
		while (n->rb_left)
			n = n->rb_left;
		return (struct rb_node *)n;
	}
	while (n->rb_parent && n == n->rb_parent->rb_right)
		n = n->rb_parent;
	return n->rb_parent;
}

struct rb_node *rb_prev(const struct rb_node *n)
{
	if (n->rb_left) {
		n = n->rb_left;
		while (n->rb_right)
			n = n->rb_right;
		return (struct rb_node *)n;
	}
	while (n->rb_parent && n == n->rb_parent->rb_left)
		n = n->rb_parent;
	return n->rb_parent;
}

static int check_node(const struct rb_node *n, const struct rb_node *parent)
{
	if (!n)
		return 1;
	if (n->rb_parent != parent)
		return -1;
	if (is_red(n) && (is_red(n->rb_left) || is_red(n->rb_right)))
		return -1;
	int l = check_node(n->rb_left, n), r = check_node(n->rb_right, n);
	if (l < 0 || r < 0 || l != r)
		return -1;
	return l + (n->rb_color == RB_BLACK);
}

int rb_check(const struct rb_root *root)
{
	if (is_red(root->rb_node))
		return -1;
	return check_node(root->rb_node, NULL);
}
