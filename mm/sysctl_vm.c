/*
 * /proc/sys/vm: the VM's integer knobs, with Linux's names, defaults and
 * limits (kernel/sysctl.c, mm/util.c); min_free_kbytes is in mm/vmscan.c.
 * A write must be one integer within the knob's range, else -EINVAL and
 * nothing changes.
 *
 *   overcommit_memory  0: heuristic (one mapping may not exceed RAM + swap),
 *                      1: always; 2 (strict accounting) is not implemented
 *   overcommit_ratio   the share of RAM in CommitLimit (/proc/meminfo)
 *   max_map_count      VMAs a process may have (mmap, mprotect, mremap splits)
 *   drop_caches        1-4; there is no page cache and no reclaimable slab here
 *   compact_memory     write-only; this kernel has no page migration, so there
 *                      is nothing it could compact (Linux moves movable pages
 *                      to make free 2 MiB blocks for THPs)
 *   swappiness         0-200; no swap here, so it changes nothing (as on a
 *                      Linux without swap)
 */
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/errno.h>

int sysctl_overcommit_memory;			/* OVERCOMMIT_GUESS */
int sysctl_overcommit_ratio = 50;
int sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
static int sysctl_drop_caches;
static int sysctl_compact_memory;
static int sysctl_swappiness = 60;

struct vm_sysctl {
	const char *name;
	int *value;
	int min, max;
	umode_t mode;
	void (*written)(struct vm_sysctl *s);	/* after a good write, or NULL */
};

static void drop_caches_written(struct vm_sysctl *s)
{
	printk(KERN_INFO "%s (%d): drop_caches: %d\n", current->comm, current->pid, *s->value);
}

static struct vm_sysctl vm_table[] = {
	{ "overcommit_memory", &sysctl_overcommit_memory, 0, 1, 0644, NULL },
	{ "overcommit_ratio", &sysctl_overcommit_ratio, 0, 0x7fffffff, 0644, NULL },
	{ "max_map_count", &sysctl_max_map_count, 0, 0x7fffffff, 0644, NULL },
	{ "drop_caches", &sysctl_drop_caches, 1, 4, 0200, drop_caches_written },
	{ "compact_memory", &sysctl_compact_memory, -0x7fffffff - 1, 0x7fffffff, 0200, NULL },
	{ "swappiness", &sysctl_swappiness, 0, 200, 0644, NULL },
};

static int vm_sysctl_show(struct seq_file *m, struct task_struct *t, void *data)
{
	struct vm_sysctl *s = data;
	return seq_printf(m, "%d\n", *s->value);
}

static int vm_sysctl_store(struct task_struct *t, void *data, const char *buf, size_t len)
{
	struct vm_sysctl *s = data;
	int v;

	if (kstrtoint(buf, 10, &v) || v < s->min || v > s->max)
		return -EINVAL;
	*s->value = v;
	if (s->written)
		s->written(s);
	return 0;
}

static const struct pseudo_file_ops vm_sysctl_ops = { .show = vm_sysctl_show, .store = vm_sysctl_store };

void vm_sysctl_init(void)
{
	char path[64];

	for (unsigned i = 0; i < ARRAY_SIZE(vm_table); i++) {
		snprintf(path, sizeof(path), "sys/vm/%s", vm_table[i].name);
		proc_create(path, vm_table[i].mode, &vm_sysctl_ops, &vm_table[i]);
	}
}
