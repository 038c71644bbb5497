/* Pseudo files, the leaves of /proc and /sys: their contents come from
 * callbacks (struct pseudo_file_ops in linux/fs.h). Opening one for
 * reading runs show() once into a seq_file buffer that reads and lseek
 * then serve, so a reader sees one consistent snapshot; files without
 * show() call read() for each read instead (binary pagemap, blocking
 * trace_pipe). A write hands the bytes to store(). */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include "internal.h"

#define SEQ_FIRST_SIZE	4096
#define SEQ_MAX_SIZE	(4UL << 20)	/* a larger text is cut off here */
#define STORE_MAX	4096		/* bytes one write hands to store() */

/* The task a per-process file is about, with a reference the caller drops
 * with pseudo_put_task: show() and read() may sleep, and the task may be
 * reaped meanwhile (NULL for a global file). *gone is set when that task
 * has exited and been reaped (or its pid reused). */
struct task_struct *pseudo_get_task(const struct pseudo_entry *e, bool *gone)
{
	struct task_struct *t;

	*gone = false;
	if (!e->pid)
		return NULL;
	t = find_get_task_by_pid(e->pid);
	if (t && t->start_time != e->start_time) {
		put_task_struct(t);
		t = NULL;
	}
	*gone = !t;
	return t;
}

/* Drop pseudo_get_task's reference (t may be NULL: a global file). */
void pseudo_put_task(struct task_struct *t)
{
	if (t)
		put_task_struct(t);
}

/* Run show() into a buffer, doubling it from 4 KiB until the text fits.
 * Returns the seq_file, or ERR_PTR(show's error or -ENOMEM). */
static struct seq_file *seq_generate(const struct pseudo_entry *e, struct task_struct *task)
{
	struct seq_file *m = kzalloc(sizeof(*m), GFP_KERNEL);
	int err = 0;

	if (!m)
		return ERR_PTR(-ENOMEM);
	for (size_t size = SEQ_FIRST_SIZE; ; size *= 2) {
		m->buf = kmalloc(size, GFP_KERNEL);
		m->size = size;
		m->count = 0;
		err = m->buf ? e->ops->show(m, task, e->data) : -ENOMEM;
		if (err < 0 || m->count < m->size)
			break;
		if (size >= SEQ_MAX_SIZE) {
			m->count = m->size - 1;	/* keep what fit */
			break;
		}
		kfree(m->buf);
	}
	if (err < 0) {
		kfree(m->buf);
		kfree(m);
		return ERR_PTR(err);
	}
	return m;
}

/* Opening for reading runs show() now: 0, -ENOENT if the task is gone,
 * or show's error. */
static int pseudo_open(struct inode *inode, struct file *f)
{
	struct pseudo_entry *e = inode->i_private;
	struct task_struct *task;
	struct seq_file *m;
	bool gone;

	if ((f->f_flags & O_ACCMODE) == O_WRONLY || !e->ops->show)
		return 0;
	task = pseudo_get_task(e, &gone);
	if (gone)
		return -ENOENT;
	m = seq_generate(e, task);
	pseudo_put_task(task);
	if (IS_ERR(m))
		return PTR_ERR(m);
	f->private_data = m;
	return 0;
}

/* Free the text show() made. */
static int pseudo_release(struct inode *inode, struct file *f)
{
	struct seq_file *m = f->private_data;

	if (m) {
		kfree(m->buf);
		kfree(m);
	}
	return 0;
}

/* From the text made at open, or from read() for files without show().
 * A per-process read() file of a task that is gone reads as empty. */
static ssize_t pseudo_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	struct pseudo_entry *e = f->f_inode->i_private;
	struct seq_file *m = f->private_data;
	struct task_struct *task;
	ssize_t ret;
	bool gone;

	if (m) {			/* the text show() made at open */
		if (*pos >= (loff_t)m->count)
			return 0;
		count = min(count, m->count - (size_t)*pos);
		if (file_copy_to(f, buf, m->buf + *pos, count))
			return -EFAULT;
		*pos += count;
		return count;
	}
	if (!e->ops->read)
		return -EINVAL;
	task = pseudo_get_task(e, &gone);
	if (gone)
		return 0;
	ret = e->ops->read(task, e->data, buf, count, *pos);
	pseudo_put_task(task);
	if (ret > 0)
		*pos += ret;
	return ret;
}

/* Hand up to STORE_MAX bytes, NUL-terminated, to store(). Returns the
 * bytes taken, or store's error. */
static ssize_t pseudo_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	struct pseudo_entry *e = f->f_inode->i_private;
	struct task_struct *task;
	size_t n = min(count, (size_t)STORE_MAX);
	char *kbuf;
	int ret;
	bool gone;

	if (!e->ops->store)
		return -EINVAL;
	kbuf = kmalloc(n + 1, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	if (file_copy_from(f, kbuf, buf, n)) {
		kfree(kbuf);
		return -EFAULT;
	}
	kbuf[n] = 0;
	task = pseudo_get_task(e, &gone);
	ret = gone ? -ESRCH : e->ops->store(task, e->data, kbuf, n);
	pseudo_put_task(task);
	kfree(kbuf);
	return ret < 0 ? ret : (ssize_t)n;
}

/* The size of a pseudo file is that of the text show() made (0 without). */
static loff_t pseudo_llseek(struct file *f, loff_t offset, int whence)
{
	struct seq_file *m = f->private_data;

	if (whence == SEEK_END) {
		offset += m ? (loff_t)m->count : 0;
		whence = SEEK_SET;
	}
	return generic_file_llseek(f, offset, whence);
}

const struct file_operations pseudo_file_operations = {
	.open = pseudo_open,
	.release = pseudo_release,
	.read = pseudo_read,
	.write = pseudo_write,
	.llseek = pseudo_llseek,
};

/* Opening for write needs a store() and a w bit, even for root: 0 or -EACCES. */
int pseudo_may_write(struct inode *inode)
{
	struct pseudo_entry *e = inode->i_private;

	return e->ops && e->ops->store && (inode->i_mode & 0222) ? 0 : -EACCES;
}

/* A pseudo file inode (one reference, in no directory) for ops/data, about
 * task (NULL: a global file). NULL if out of memory. */
struct inode *pseudo_new_inode(umode_t mode, const struct pseudo_file_ops *ops,
			       void *data, struct task_struct *task)
{
	struct pseudo_entry *e = kzalloc(sizeof(*e), GFP_KERNEL);
	struct inode *inode;

	if (!e)
		return NULL;
	e->ops = ops;
	e->data = data;
	if (task) {
		e->pid = task->pid;
		e->start_time = task->start_time;
	}
	inode = new_inode(S_IFREG | (mode & 0777), NULL, &pseudo_file_operations);
	if (!inode) {
		kfree(e);
		return NULL;
	}
	inode->i_private = e;
	return inode;
}

/* The subdirectory name of dir, made if missing. Caller holds tree_mutex.
 * Returns it (the tree holds it), or NULL. */
static struct inode *pseudo_subdir(struct inode *dir, const char *name)
{
	struct inode *sub = tree_find(dir, name);

	if (!sub) {
		sub = new_inode(S_IFDIR | 0555, &simple_dir_inode_operations, &simple_dir_operations);
		if (!sub)
			return NULL;
		tree_link(dir, sub, name);
	}
	iput(sub);
	return S_ISDIR(sub->i_mode) ? sub : NULL;
}

/* Make the pseudo file (or, with S_IFDIR in mode, the directory) at path
 * under root, making the directories on the way. Returns the inode (owned
 * by the tree), or NULL if a file is there already or memory ran out. */
struct inode *pseudo_create(struct inode *root, const char *path, umode_t mode,
			    const struct pseudo_file_ops *ops, void *data)
{
	char name[NAME_MAX + 1];
	struct inode *dir = root, *inode = NULL;
	const char *p = path;

	mutex_lock(&tree_mutex);
	for (;;) {
		size_t len = 0;
		while (*p == '/')
			p++;
		while (p[len] && p[len] != '/')
			len++;
		if (!len || len > NAME_MAX)
			break;
		memcpy(name, p, len);
		name[len] = 0;
		p += len;
		while (*p == '/')
			p++;
		if (*p) {
			dir = pseudo_subdir(dir, name);
			if (!dir)
				break;
			continue;
		}
		if ((inode = tree_find(dir, name))) {
			iput(inode);		/* only a directory may be asked twice */
			if (!S_ISDIR(mode) || !S_ISDIR(inode->i_mode))
				inode = NULL;
		} else if (S_ISDIR(mode)) {
			inode = pseudo_subdir(dir, name);
		} else if ((inode = pseudo_new_inode(mode, ops, data, NULL))) {
			tree_link(dir, inode, name);
			iput(inode);
		}
		break;
	}
	mutex_unlock(&tree_mutex);
	if (!inode)
		pr_err("pseudo_create: cannot make %s/%s\n", root->i_name, path);
	return inode;
}
