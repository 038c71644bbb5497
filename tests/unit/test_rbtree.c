/* Host tests of the red-black tree (lib/rbtree.c), the index behind
 * find_vma. Random inserts and erases with fixed seeds are checked against
 * a plain array of which keys are present, with rb_check after each one.
 * The augmented variant (behind rb_subtree_gap) keeps a per-subtree maximum
 * that is checked against a recomputation from scratch. */
#include <linux/rbtree_augmented.h>
#include <linux/kernel.h>
#include "harness.h"

#define KEYS 5000

struct knode {
	struct rb_node rb;
	unsigned long key;
};

static struct knode nodes[KEYS];
static unsigned char present[KEYS];
static struct rb_root root;
static unsigned long count;

static void reset(void)
{
	root = RB_ROOT;
	memset(present, 0, sizeof(present));
	count = 0;
}

static unsigned long key_of(const struct rb_node *n)
{
	return rb_entry(n, struct knode, rb)->key;
}

/* Linux's insertion pattern: walk down, link, recolour. Equal keys go right. */
static void insert(struct knode *kn)
{
	struct rb_node **link = &root.rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = kn->key < key_of(parent) ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&kn->rb, parent, link);
	rb_insert_color(&kn->rb, &root);
	count++;
}

static void insert_key(unsigned long key)
{
	nodes[key].key = key;
	insert(&nodes[key]);
	present[key] = 1;
}

static void erase_key(unsigned long key)
{
	rb_erase(&nodes[key].rb, &root);
	present[key] = 0;
	count--;
}

static struct rb_node *last(void)
{
	struct rb_node *n = root.rb_node;
	while (n && n->rb_right)
		n = n->rb_right;
	return n;
}

static int height(const struct rb_node *n)
{
	if (!n)
		return 0;
	int l = height(n->rb_left), r = height(n->rb_right);
	return 1 + (l > r ? l : r);
}

static int log2_ceil(unsigned long n)
{
	int l = 0;
	while ((1UL << l) < n)
		l++;
	return l;
}

/* The tree is valid and walks, both ways, exactly over the present keys. */
static bool tree_matches_reference(void)
{
	unsigned long n = 0, key = 0;

	if (rb_check(&root) < 0)
		return fail("expected rb_check() >= 0, saw -1 with %lu nodes", count);
	for (struct rb_node *rb = rb_first(&root); rb; rb = rb_next(rb), n++) {
		while (key < KEYS && !present[key])
			key++;
		if (key_of(rb) != key)
			return fail("expected key %lu at in-order position %lu, saw %lu", key, n, key_of(rb));
		key++;
	}
	if (!expect_ul("nodes walked by rb_next", count, n))
		return false;
	n = 0;
	key = KEYS;
	for (struct rb_node *rb = last(); rb; rb = rb_prev(rb), n++) {
		while (key > 0 && !present[key - 1])
			key--;
		if (key_of(rb) != key - 1)
			return fail("expected key %lu walking back at %lu, saw %lu", key - 1, n, key_of(rb));
		key--;
	}
	return expect_ul("nodes walked by rb_prev", count, n);
}

static void shuffle(unsigned long *a, unsigned long n)
{
	for (unsigned long i = n; i > 1; i--) {
		unsigned long j = rnd_below(i), t = a[i - 1];
		a[i - 1] = a[j];
		a[j] = t;
	}
}

static unsigned long order[KEYS];

static void empty_tree_has_no_nodes(void)
{
	reset();
	if (rb_first(&root))
		return (void)fail("expected rb_first() NULL on an empty tree, saw a node");
	expect_l("rb_check() of an empty tree (black height of the leaves)", 1, rb_check(&root));
}

static void random_inserts_keep_red_black_properties(void)
{
	reset();
	rnd_seed(11);
	for (unsigned long i = 0; i < KEYS; i++)
		order[i] = i;
	shuffle(order, KEYS);
	for (unsigned long i = 0; i < KEYS; i++) {
		insert_key(order[i]);
		if ((i < 1000 || i % 16 == 0) && rb_check(&root) < 0)
			return (void)fail("expected rb_check() >= 0, saw -1 after inserting %lu keys", i + 1);
	}
	tree_matches_reference();
}

static void ascending_inserts_stay_balanced(void)
{
	reset();
	for (unsigned long key = 0; key < 4095; key++)
		insert_key(key);
	if (!tree_matches_reference())
		return;
	int h = height(root.rb_node), bound = 2 * log2_ceil(4096);
	if (h > bound)
		fail("expected height <= %d for 4095 ascending keys, saw %d", bound, h);
}

static void descending_inserts_stay_balanced(void)
{
	reset();
	for (unsigned long key = 4095; key-- > 0; )
		insert_key(key);
	if (!tree_matches_reference())
		return;
	int h = height(root.rb_node), bound = 2 * log2_ceil(4096);
	if (h > bound)
		fail("expected height <= %d for 4095 descending keys, saw %d", bound, h);
}

/* Toggle random keys: absent ones are inserted, present ones erased;
 * rb_check every 'every' operations. */
static void random_mix(unsigned long seed, unsigned long keyspace, int nops, int every)
{
	reset();
	rnd_seed(seed);
	for (int op = 0; op < nops; op++) {
		unsigned long key = rnd_below(keyspace);
		if (present[key])
			erase_key(key);
		else
			insert_key(key);
		if (op % every == 0 && rb_check(&root) < 0)
			return (void)fail("expected rb_check() >= 0, saw -1 after operation %d (key %lu)", op, key);
		if (op % 128 == 0 && !tree_matches_reference())
			return;
	}
	tree_matches_reference();
}

static void insert_erase_mix_matches_reference_seed1(void) { random_mix(1, 64, 6000, 1); }
static void insert_erase_mix_matches_reference_seed2(void) { random_mix(2, 1000, 8000, 1); }
static void insert_erase_mix_matches_reference_seed3(void) { random_mix(3, KEYS, 12000, 16); }

static void erase_every_node_in_random_order(void)
{
	reset();
	rnd_seed(21);
	for (unsigned long i = 0; i < 3000; i++)
		order[i] = i;
	shuffle(order, 3000);
	for (unsigned long i = 0; i < 3000; i++)
		insert_key(order[i]);
	shuffle(order, 3000);
	for (unsigned long i = 0; i < 3000; i++) {
		erase_key(order[i]);
		if ((i > 2000 || i % 8 == 0) && rb_check(&root) < 0)
			return (void)fail("expected rb_check() >= 0, saw -1 after erasing %lu nodes", i + 1);
		if (i % 100 == 0 && !tree_matches_reference())
			return;
	}
	if (root.rb_node)
		fail("expected an empty root after erasing everything, saw key %lu", key_of(root.rb_node));
}

static void equal_keys_are_all_kept(void)
{
	static struct knode same[100];
	unsigned long n = 0;

	reset();
	for (int i = 0; i < 100; i++) {
		same[i].key = 7;
		insert(&same[i]);
	}
	for (struct rb_node *rb = rb_first(&root); rb; rb = rb_next(rb))
		n++;
	if (!expect_ul("nodes with key 7", 100, n))
		return;
	for (int i = 0; i < 100; i += 2)
		rb_erase(&same[i].rb, &root);
	n = 0;
	for (struct rb_node *rb = rb_first(&root); rb; rb = rb_next(rb))
		n++;
	if (!expect_ul("nodes left after erasing half", 50, n))
		return;
	expect_ul("rb_check() valid", 1, rb_check(&root) >= 0);
}

/* validate_mm trusts rb_check: it must see each kind of damage. */
static void rb_check_rejects_broken_trees(void)
{
	reset();
	for (unsigned long key = 0; key < 15; key++)
		insert_key(key);
	if (!expect_ul("rb_check() of a good tree valid", 1, rb_check(&root) >= 0))
		return;

	root.rb_node->rb_color = RB_RED;
	if (!expect_l("rb_check() with a red root", -1, rb_check(&root)))
		return;
	root.rb_node->rb_color = RB_BLACK;

	/* a red node under a red parent */
	struct rb_node *leaf = rb_first(&root), *parent = leaf->rb_parent;
	int pc = parent->rb_color, lc = leaf->rb_color;
	parent->rb_color = leaf->rb_color = RB_RED;
	if (!expect_l("rb_check() with red under red", -1, rb_check(&root)))
		return;
	parent->rb_color = pc;
	leaf->rb_color = lc;

	/* one black leaf more on one path */
	int c = leaf->rb_color;
	leaf->rb_color = c == RB_RED ? RB_BLACK : RB_RED;
	if (!expect_l("rb_check() with unequal black heights", -1, rb_check(&root)))
		return;
	leaf->rb_color = c;

	/* a wrong parent pointer */
	leaf->rb_parent = root.rb_node;
	if (leaf->rb_parent != parent && !expect_l("rb_check() with a wrong parent pointer", -1, rb_check(&root)))
		return;
	leaf->rb_parent = parent;
	expect_ul("rb_check() valid again after repair", 1, rb_check(&root) >= 0);
}

/* ---- augmented: each node keeps the largest weight in its subtree ---- */

struct anode {
	struct knode kn;	/* so that tree_matches_reference() works here too */
	unsigned long weight, subtree_max;
};

static struct anode anodes[KEYS];

static struct anode *anode_of(struct rb_node *rb)
{
	return rb ? rb_entry(rb, struct anode, kn.rb) : NULL;
}

static unsigned long compute_max(struct anode *a)
{
	unsigned long m = a->weight;
	if (a->kn.rb.rb_left && anode_of(a->kn.rb.rb_left)->subtree_max > m)
		m = anode_of(a->kn.rb.rb_left)->subtree_max;
	if (a->kn.rb.rb_right && anode_of(a->kn.rb.rb_right)->subtree_max > m)
		m = anode_of(a->kn.rb.rb_right)->subtree_max;
	return m;
}

static void max_propagate(struct rb_node *rb, struct rb_node *stop)
{
	for (; rb != stop; rb = rb->rb_parent) {
		unsigned long m = compute_max(anode_of(rb));
		if (m == anode_of(rb)->subtree_max)
			break;
		anode_of(rb)->subtree_max = m;
	}
}

static void max_copy(struct rb_node *old, struct rb_node *new)
{
	anode_of(new)->subtree_max = anode_of(old)->subtree_max;
}

static void max_rotate(struct rb_node *old, struct rb_node *new)
{
	max_copy(old, new);
	anode_of(old)->subtree_max = compute_max(anode_of(old));
}

static const struct rb_augment_callbacks max_callbacks = { max_propagate, max_copy, max_rotate };

/* The maximum below rb recomputed from the weights alone; the first node
 * whose stored value differs goes to *wrong. */
static unsigned long brute_max(struct rb_node *rb, struct anode **wrong)
{
	if (!rb)
		return 0;
	unsigned long m = anode_of(rb)->weight, l = brute_max(rb->rb_left, wrong), r = brute_max(rb->rb_right, wrong);
	m = m > l ? m : l;
	m = m > r ? m : r;
	if (m != anode_of(rb)->subtree_max && !*wrong)
		*wrong = anode_of(rb);
	return m;
}

static void augmented_insert(unsigned long key)
{
	struct rb_node **link = &root.rb_node, *parent = NULL;
	struct anode *a = &anodes[key];

	a->kn.key = key;
	a->weight = rnd_below(1000000);
	while (*link) {
		parent = *link;
		link = key < key_of(parent) ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&a->kn.rb, parent, link);
	a->subtree_max = 0;
	max_propagate(&a->kn.rb, NULL);
	rb_insert_augmented(&a->kn.rb, &root, &max_callbacks);
	present[key] = 1;
	count++;
}

/* Random inserts, erases and weight changes (each followed by a propagate,
 * as vma_gap_update does after a VMA's boundary moves): every subtree_max
 * stays the maximum of its subtree, and the tree stays a valid one. */
static void augmented_values_match_brute_force(unsigned long seed, unsigned long keyspace, int nops)
{
	reset();
	rnd_seed(seed);
	for (int op = 0; op < nops; op++) {
		unsigned long key = rnd_below(keyspace);
		struct anode *wrong = NULL;
		int kind = rnd_below(3);

		if (kind == 0 && present[key]) {
			anodes[key].weight = rnd_below(1000000);
			max_propagate(&anodes[key].kn.rb, NULL);
		} else if (present[key]) {
			rb_erase_augmented(&anodes[key].kn.rb, &root, &max_callbacks);
			present[key] = 0;
			count--;
		} else {
			augmented_insert(key);
		}
		brute_max(root.rb_node, &wrong);
		if (wrong)
			return (void)fail("expected subtree_max %lu at key %lu after operation %d, saw %lu",
					  brute_max(&wrong->kn.rb, &wrong), wrong->kn.key, op, wrong->subtree_max);
		if (rb_check(&root) < 0)
			return (void)fail("expected rb_check() >= 0, saw -1 after operation %d", op);
	}
	if (!tree_matches_reference())
		return;
	unsigned long want = KEYS;
	while (want > 0 && !present[want - 1])
		want--;
	struct rb_node *last = rb_last(&root);
	expect_ul("rb_last()'s key + 1", want, last ? key_of(last) + 1 : 0);
}

static void augmented_max_matches_brute_force_small_keyspace(void)
{
	augmented_values_match_brute_force(31, 50, 5000);
}

static void augmented_max_matches_brute_force_large_keyspace(void)
{
	augmented_values_match_brute_force(32, 3000, 8000);
}

int main(void)
{
	run_test("rbtree_empty_tree_has_no_nodes", empty_tree_has_no_nodes);
	run_test("rbtree_random_inserts_keep_red_black_properties", random_inserts_keep_red_black_properties);
	run_test("rbtree_ascending_inserts_stay_balanced", ascending_inserts_stay_balanced);
	run_test("rbtree_descending_inserts_stay_balanced", descending_inserts_stay_balanced);
	run_test("rbtree_insert_erase_mix_matches_reference_small_keyspace", insert_erase_mix_matches_reference_seed1);
	run_test("rbtree_insert_erase_mix_matches_reference_medium_keyspace", insert_erase_mix_matches_reference_seed2);
	run_test("rbtree_insert_erase_mix_matches_reference_large_keyspace", insert_erase_mix_matches_reference_seed3);
	run_test("rbtree_erase_every_node_in_random_order", erase_every_node_in_random_order);
	run_test("rbtree_equal_keys_are_all_kept", equal_keys_are_all_kept);
	run_test("rbtree_check_rejects_broken_trees", rb_check_rejects_broken_trees);
	run_test("rbtree_augmented_max_matches_brute_force_small_keyspace",
		 augmented_max_matches_brute_force_small_keyspace);
	run_test("rbtree_augmented_max_matches_brute_force_large_keyspace",
		 augmented_max_matches_brute_force_large_keyspace);
	return unit_finish();
}
