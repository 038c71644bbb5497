/* THP tracepoints: a ring of formatted lines, readable through
 * /sys/kernel/tracing/trace (a snapshot) and trace_pipe (consuming, blocks
 * until a line arrives), switched per event through
 * /sys/kernel/tracing/events/thp/<event>/enable. Events enabled on the
 * command line (trace=a,b) are also printed on the console as they happen. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/trace.h>
#include <linux/fs.h>
#include <linux/errno.h>
#include <linux/uaccess.h>
#include <asm/processor.h>

static const char *const event_names[NR_THP_TRACE_EVENTS] = {
	"do_huge_pmd_anonymous_page", "split_huge_pmd", "pgtable_trans_huge_deposit",
	"pgtable_trans_huge_withdraw", "hpage_collapse_scan_pmd", "collapse_huge_page",
	"split_huge_page", "deferred_split_huge_page", "copy_huge_pmd", "zap_huge_pmd",
	"mm_shrink_deferred_split", "move_huge_pmd",
};

bool trace_event_enabled[NR_THP_TRACE_EVENTS];
static bool trace_to_console;

#define TRACE_BUF_SIZE (256 * 1024)
static char trace_buf[TRACE_BUF_SIZE];
static unsigned long trace_head, trace_tail;	/* byte positions, monotonic */
static unsigned long pipe_pos;			/* what trace_pipe has consumed */
static DECLARE_WAIT_QUEUE_HEAD(trace_wait);

static void trace_putc(char c)
{
	trace_buf[trace_head++ % TRACE_BUF_SIZE] = c;
	if (trace_head - trace_tail > TRACE_BUF_SIZE) {
		/* full: drop the oldest line */
		while (trace_tail < trace_head && trace_buf[trace_tail++ % TRACE_BUF_SIZE] != '\n')
			;
	}
}

void trace_thp_event(enum thp_trace_event ev, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	unsigned long flags;
	u64 ns = ktime_get_ns();
	int n = snprintf(line, sizeof(line), "%16s-%-5d [000] %5lu.%06lu: %s: ", current->comm,
			 current->pid, (unsigned long)(ns / NSEC_PER_SEC),
			 (unsigned long)(ns % NSEC_PER_SEC / 1000), event_names[ev]);
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	line[n] = 0;
	local_irq_save(flags);
	for (int i = 0; i < n; i++)
		trace_putc(line[i]);
	local_irq_restore(flags);
	if (trace_to_console)
		printk("trace: %s", line + 17);
	wake_up(&trace_wait);
}

/* trace=EVENT[,EVENT]: enable and echo on the console ("all" for all). */
int trace_set_from_cmdline(const char *list)
{
	if (!list)
		return -EINVAL;
	trace_to_console = true;
	while (*list) {
		const char *end = strchr(list, ',');
		size_t len = end ? (size_t)(end - list) : strlen(list);
		bool found = false;
		for (int i = 0; i < NR_THP_TRACE_EVENTS; i++) {
			if ((len == 3 && !strncmp(list, "all", 3)) ||
			    (strlen(event_names[i]) == len && !strncmp(list, event_names[i], len))) {
				trace_event_enabled[i] = true;
				found = true;
			}
		}
		if (!found)
			printk(KERN_WARNING "trace: unknown event '%.*s'\n", (int)len, list);
		list += len + (end ? 1 : 0);
	}
	return 0;
}

static int enable_show(struct seq_file *m, struct task_struct *t, void *data)
{
	return seq_printf(m, "%d\n", trace_event_enabled[(long)data]);
}

static int enable_store(struct task_struct *t, void *data, const char *buf, size_t len)
{
	unsigned long v;
	if (kstrtoul(buf, 10, &v) || v > 1)
		return -EINVAL;
	trace_event_enabled[(long)data] = v;
	return 0;
}

static const struct pseudo_file_ops enable_ops = { .show = enable_show, .store = enable_store };

static int trace_show(struct seq_file *m, struct task_struct *t, void *data)
{
	seq_puts(m, "# tracer: nop\n#\n#           TASK-PID     CPU#  TIMESTAMP  FUNCTION\n");
	for (unsigned long p = trace_tail; p < trace_head; p++)
		seq_putc(m, trace_buf[p % TRACE_BUF_SIZE]);
	return 0;
}

/* Writing (anything, usually an empty string) to trace clears the buffer. */
static int trace_store(struct task_struct *t, void *data, const char *buf, size_t len)
{
	unsigned long flags;
	local_irq_save(flags);
	trace_tail = pipe_pos = trace_head;
	local_irq_restore(flags);
	return 0;
}

static const struct pseudo_file_ops trace_ops = { .show = trace_show, .store = trace_store };

/* Blocks until there is something to read; consumes what it returns. */
static ssize_t trace_pipe_read(struct task_struct *t, void *data, char __user *buf,
			       size_t count, loff_t pos)
{
	if (wait_event_interruptible(trace_wait, max(pipe_pos, trace_tail) < trace_head))
		return -EINTR;
	if (pipe_pos < trace_tail)
		pipe_pos = trace_tail;
	size_t n = 0;
	while (n < count && pipe_pos < trace_head) {
		char c = trace_buf[pipe_pos % TRACE_BUF_SIZE];
		if (copy_to_user(buf + n, &c, 1))
			return -EFAULT;
		n++;
		pipe_pos++;
	}
	return n;
}

static const struct pseudo_file_ops trace_pipe_ops = { .read = trace_pipe_read };

void trace_init(void)
{
	char path[128];
	for (long i = 0; i < NR_THP_TRACE_EVENTS; i++) {
		snprintf(path, sizeof(path), "kernel/tracing/events/thp/%s/enable", event_names[i]);
		sysfs_create(path, 0644, &enable_ops, (void *)i);
	}
	sysfs_create("kernel/tracing/trace", 0644, &trace_ops, NULL);
	sysfs_create("kernel/tracing/trace_pipe", 0444, &trace_pipe_ops, NULL);
}
