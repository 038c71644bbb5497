/* Red-black tree balancing (insert and erase), after the algorithms in
 * Cormen et al., "Introduction to Algorithms", ch. 13. A NULL child counts
 * as a black leaf. */
#include <linux/rbtree.h>

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

static void rotate_left(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_right;
	x->rb_right = y->rb_left;
	if (y->rb_left)
		y->rb_left->rb_parent = x;
	change_child(x, y, x->rb_parent, root);
	y->rb_left = x;
	x->rb_parent = y;
}

static void rotate_right(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_left;
	x->rb_left = y->rb_right;
	if (y->rb_right)
		y->rb_right->rb_parent = x;
	change_child(x, y, x->rb_parent, root);
	y->rb_right = x;
	x->rb_parent = y;
}

void rb_insert_color(struct rb_node *z, struct rb_root *root)
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
				rotate_left(p, root);
				z = p;
				p = z->rb_parent;
			}
			p->rb_color = RB_BLACK;
			g->rb_color = RB_RED;
			rotate_right(g, root);
		} else {
			struct rb_node *uncle = g->rb_left;
			if (is_red(uncle)) {
				p->rb_color = uncle->rb_color = RB_BLACK;
				g->rb_color = RB_RED;
				z = g;
				continue;
			}
			if (z == p->rb_left) {
				rotate_right(p, root);
				z = p;
				p = z->rb_parent;
			}
			p->rb_color = RB_BLACK;
			g->rb_color = RB_RED;
			rotate_left(g, root);
		}
	}
	root->rb_node->rb_color = RB_BLACK;
}

/* Restore the properties after removing a black node: x (maybe NULL) is the
 * child that took its place, parent is x's parent. */
static void erase_fixup(struct rb_node *x, struct rb_node *parent, struct rb_root *root)
{
	while (x != root->rb_node && !is_red(x)) {
		if (x == parent->rb_left) {
			struct rb_node *w = parent->rb_right;
			if (is_red(w)) {
				w->rb_color = RB_BLACK;
				parent->rb_color = RB_RED;
				rotate_left(parent, root);
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
					rotate_right(w, root);
					w = parent->rb_right;
				}
				w->rb_color = parent->rb_color;
				parent->rb_color = RB_BLACK;
				if (w->rb_right)
					w->rb_right->rb_color = RB_BLACK;
				rotate_left(parent, root);
				x = root->rb_node;
				break;
			}
		} else {
			struct rb_node *w = parent->rb_left;
			if (is_red(w)) {
				w->rb_color = RB_BLACK;
				parent->rb_color = RB_RED;
				rotate_right(parent, root);
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
					rotate_left(w, root);
					w = parent->rb_left;
				}
				w->rb_color = parent->rb_color;
				parent->rb_color = RB_BLACK;
				if (w->rb_left)
					w->rb_left->rb_color = RB_BLACK;
				rotate_right(parent, root);
				x = root->rb_node;
				break;
			}
		}
	}
	if (x)
		x->rb_color = RB_BLACK;
}

void rb_erase(struct rb_node *z, struct rb_root *root)
{
	struct rb_node *x, *parent;
	int removed_color = z->rb_color;

	if (!z->rb_left) {
		x = z->rb_right;
		parent = z->rb_parent;
		change_child(z, x, parent, root);
	} else if (!z->rb_right) {
		x = z->rb_left;
		parent = z->rb_parent;
		change_child(z, x, parent, root);
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
	}
	if (removed_color == RB_BLACK)
		erase_fixup(x, parent, root);
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
