/* The memory-like character devices of /dev: null (reads end of file,
 * swallows writes), zero (reads zeros) and random/urandom (a xorshift64*
 * generator seeded from the TSC: unpredictable enough for a teaching
 * kernel, not for cryptography). chr_dev_init puts them, and the console,
 * into /dev. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <asm/processor.h>
#include "internal.h"

/* /dev/null: always at end of file; writes are taken and dropped. */
static ssize_t read_null(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	return 0;
}

static ssize_t write_null(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	return count;
}

/* /dev/zero: as many zeros as asked for. */
static ssize_t read_zero(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	return file_clear(f, buf, count) ? -EFAULT : (ssize_t)count;
}

static u64 random_state;

/* Fill buf with n pseudo-random bytes (also for the kernel's own use). */
void get_random_bytes(void *buf, size_t n)
{
	unsigned char *p = buf;

	if (!random_state)
		random_state = rdtsc() | 1;
	while (n) {
		random_state ^= random_state >> 12;
		random_state ^= random_state << 25;
		random_state ^= random_state >> 27;
		u64 r = random_state * 0x2545f4914f6cdd1dUL;
		for (int i = 0; i < 8 && n; i++, n--, r >>= 8)
			*p++ = r;
	}
}

/* /dev/random and /dev/urandom: never block, never run out. */
static ssize_t read_random(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	char chunk[256];
	size_t done = 0;

	while (done < count) {
		size_t n = min(count - done, sizeof(chunk));
		get_random_bytes(chunk, n);
		if (file_copy_to(f, buf + done, chunk, n))
			return done ? (ssize_t)done : -EFAULT;
		done += n;
	}
	return done;
}

static const struct file_operations null_fops = {
	.read = read_null, .write = write_null, .llseek = noop_llseek,
};
static const struct file_operations zero_fops = {
	.read = read_zero, .write = write_null, .llseek = noop_llseek,
};
static const struct file_operations random_fops = {
	.read = read_random, .write = write_null, .llseek = noop_llseek,
};

/* Make the device nodes in dev (the /dev directory). */
void chr_dev_init(struct inode *dev)
{
	static const struct {
		const char *name;
		umode_t mode;
		const struct file_operations *fops;
	} nodes[] = {
		{ "console", 0600, &tty_fops }, { "tty", 0666, &tty_fops },
		{ "null", 0666, &null_fops }, { "zero", 0666, &zero_fops },
		{ "random", 0666, &random_fops }, { "urandom", 0666, &random_fops },
	};

	mutex_lock(&tree_mutex);
	for (unsigned i = 0; i < ARRAY_SIZE(nodes); i++) {
		struct inode *inode = new_inode(S_IFCHR | nodes[i].mode, NULL, nodes[i].fops);
		if (!inode)
			panic("chr_dev_init: out of memory");
		tree_link(dev, inode, nodes[i].name);
		iput(inode);
	}
	mutex_unlock(&tree_mutex);
}
