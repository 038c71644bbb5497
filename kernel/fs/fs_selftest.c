/* Boot self-tests of the VFS (command line "selftest"), run from kernel
 * space after vfs_init: ramfs files and directories, path resolution, the
 * initramfs unpacker, pipes, descriptor tables, /dev and /proc. One line
 * per check: "selftest: PASS name" or "selftest: FAIL name: why". */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/syscalls.h>
#include "internal.h"

static int failures;

static void report(const char *name, bool ok, const char *why)
{
	if (ok) {
		printk("selftest: PASS %s\n", name);
	} else {
		printk("selftest: FAIL %s: %s\n", name, why);
		failures++;
	}
}

/* Write text to path (flags add to O_WRONLY | O_CREAT). Bytes or -errno. */
static long write_file(const char *path, int flags, const void *text, size_t len)
{
	struct file *f = filp_open(path, O_WRONLY | O_CREAT | flags, 0644);
	loff_t pos = 0;
	long n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, text, len, &pos);
	fput(f);
	return n;
}

/* Read up to size - 1 bytes of path into buf, NUL-terminated. Bytes or -errno. */
static long read_file(const char *path, char *buf, size_t size)
{
	struct file *f = filp_open(path, O_RDONLY, 0);
	loff_t pos = 0;
	long n, total = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	while ((n = kernel_read(f, buf + total, size - 1 - total, &pos)) > 0)
		total += n;
	buf[total] = 0;
	fput(f);
	return n < 0 ? n : total;
}

/* Does text contain word? */
static bool contains(const char *text, const char *word)
{
	for (size_t n = strlen(word); *text; text++)
		if (!strncmp(text, word, n))
			return true;
	return false;
}

/* vfs_path_lookup's error (0 if found), dropping the reference. */
static int lookup_err(const char *path)
{
	struct inode *inode;
	int err = vfs_path_lookup(path, &inode);

	if (!err)
		iput(inode);
	return err;
}

/* The inode path names, without keeping a reference (for comparisons). */
static struct inode *lookup_peek(const char *path)
{
	struct inode *inode;

	if (vfs_path_lookup(path, &inode))
		return NULL;
	iput(inode);
	return inode;
}

/* Create a file, write it, read it back. */
static void test_create_write_read(void)
{
	char buf[32];

	bool ok = write_file("/tmp/st_a", O_TRUNC, "hello", 5) == 5 &&
		  read_file("/tmp/st_a", buf, sizeof(buf)) == 5 && !strcmp(buf, "hello");
	report("ramfs_create_write_read", ok, "read back something else than \"hello\"");
}

/* A write at 5000 leaves a hole of zeros; the data spans three pages. */
static void test_hole_and_pages(void)
{
	static char out[15000], in[15001];
	struct file *f = filp_open("/tmp/st_b", O_RDWR | O_CREAT | O_TRUNC, 0644);
	loff_t pos = 5000;
	bool ok = !IS_ERR(f);

	for (int i = 0; i < 10000; i++)
		out[5000 + i] = 'a' + i % 26;
	if (ok) {
		ok = kernel_write(f, out + 5000, 10000, &pos) == 10000 && f->f_inode->i_size == 15000;
		fput(f);
	}
	ok = ok && read_file("/tmp/st_b", in, sizeof(in)) == 15000 && !memcmp(in, out, 15000);
	report("ramfs_hole_reads_zeros_and_pages_join", ok, "size or contents differ");
	init_unlink("/tmp/st_b");
}

/* O_APPEND adds at the end; truncate and O_TRUNC cut. */
static void test_append_truncate(void)
{
	char buf[32];
	struct inode *inode;
	bool ok = write_file("/tmp/st_a", O_APPEND, " world", 6) == 6 &&
		  read_file("/tmp/st_a", buf, sizeof(buf)) == 11 && !strcmp(buf, "hello world");

	if (ok && !vfs_path_lookup("/tmp/st_a", &inode)) {
		ok = do_truncate(inode, 3) == 0 && inode->i_size == 3;
		iput(inode);
	}
	ok = ok && read_file("/tmp/st_a", buf, sizeof(buf)) == 3 && !strcmp(buf, "hel");
	ok = ok && write_file("/tmp/st_a", O_TRUNC, "x", 1) == 1 &&
	     read_file("/tmp/st_a", buf, sizeof(buf)) == 1;
	report("ramfs_append_truncate", ok, "O_APPEND, truncate or O_TRUNC gave other contents");
}

/* An unlinked file stays readable while open, and its pages come back. */
static void test_unlink(void)
{
	static char big[20000];
	unsigned long before = nr_free_pages();
	struct file *f;
	char c = 0;
	loff_t pos = 0;
	bool ok;

	ok = write_file("/tmp/st_u", O_TRUNC, big, sizeof(big)) == sizeof(big);
	f = filp_open("/tmp/st_u", O_RDONLY, 0);
	ok = ok && !IS_ERR(f) && init_unlink("/tmp/st_u") == 0 && lookup_err("/tmp/st_u") == -ENOENT;
	ok = ok && kernel_read(f, &c, 1, &pos) == 1;
	if (!IS_ERR(f))
		fput(f);
	ok = ok && init_unlink("/tmp/st_u") == -ENOENT;
	report("ramfs_unlink_open_file", ok, "unlinked file not gone, or not readable while open");
	report("ramfs_unlink_frees_pages", nr_free_pages() == before, "free page count differs");
}

/* mkdir, rmdir and unlink, with the errors Linux gives. */
static void test_mkdir_rmdir(void)
{
	bool ok = init_mkdir("/tmp/st_d", 0755) == 0 && init_mkdir("/tmp/st_d", 0755) == -EEXIST &&
		  write_file("/tmp/st_d/f", 0, "x", 1) == 1 &&
		  init_rmdir("/tmp/st_d") == -ENOTEMPTY && init_unlink("/tmp/st_d") == -EISDIR &&
		  init_rmdir("/tmp/st_d/f") == -ENOTDIR && init_unlink("/tmp/st_d/f") == 0 &&
		  init_rmdir("/tmp/st_d") == 0 && lookup_err("/tmp/st_d") == -ENOENT &&
		  init_mkdir("/tmp/st_none/x", 0755) == -ENOENT && init_rmdir("/proc") == -EBUSY;
	report("ramfs_mkdir_rmdir_errors", ok, "an errno differs from Linux's");
}

/* ".", "..", repeated slashes, relative paths, and the lookup errors. */
static void test_path_resolution(void)
{
	char name[300];
	struct inode *p, *q, *saved = current->cwd;
	bool ok;

	init_mkdir("/tmp/st_p", 0755);
	init_mkdir("/tmp/st_p/q", 0755);
	p = lookup_peek("/tmp/st_p");
	q = lookup_peek("/tmp/st_p/q");
	ok = p && q && lookup_peek("/tmp/st_p/q/../q/./") == q && lookup_peek("//tmp///st_p") == p &&
	     lookup_peek("/..") == root_inode && lookup_peek("/tmp/st_p/q/../../..") == root_inode;
	report("path_dot_dotdot_slashes", ok, "a path resolved to the wrong inode");

	memset(name, 'n', sizeof(name));
	name[0] = '/';
	name[1 + NAME_MAX + 1] = 0;		/* "/" and a 256-byte name */
	ok = lookup_err("/tmp/st_a/") == -ENOTDIR && lookup_err("/tmp/st_a/x") == -ENOTDIR &&
	     lookup_err("/st_nothing/x") == -ENOENT && lookup_err("") == -ENOENT &&
	     lookup_err(name) == -ENAMETOOLONG;
	report("path_errors", ok, "ENOTDIR, ENOENT or ENAMETOOLONG not returned");

	current->cwd = p;
	ok = lookup_peek("q/..") == p && lookup_peek("q") == q && lookup_peek(".") == p;
	current->cwd = saved;
	report("path_relative_to_cwd", ok, "relative path resolved wrong");
}

/* Append one newc entry to buf at *off. */
static void cpio_add(char *buf, size_t *off, const char *name, unsigned mode, const char *data)
{
	size_t namesize = strlen(name) + 1, size = strlen(data);

	*off += scnprintf(buf + *off, 111, "070701%08x%08x%08x%08x%08x%08x%08lx%08x%08x%08x%08x%08lx%08x",
			  1, mode, 0, 0, 1, 0, size, 0, 0, 0, 0, namesize, 0);
	memcpy(buf + *off, name, namesize);
	*off = ALIGN(*off + namesize, 4);
	memcpy(buf + *off, data, size);
	*off = ALIGN(*off + size, 4);
}

/* Unpack an archive whose file comes before its directory; then feed
 * populate_rootfs broken archives, which must only be reported. */
static void test_cpio(void)
{
	char *buf = kzalloc(4096, GFP_KERNEL), text[16];
	size_t off = 0;
	struct inode *prog, *data, *dir;
	bool ok;

	cpio_add(buf, &off, "./tmp/st_cpio/bin/prog", S_IFREG | 0755, "#!prog");
	cpio_add(buf, &off, "tmp/st_cpio/bin", S_IFDIR | 0700, "");
	cpio_add(buf, &off, "tmp/st_cpio/data", S_IFREG | 0640, "abc");
	cpio_add(buf, &off, "TRAILER!!!", 0, "");
	populate_rootfs(buf, off);
	prog = lookup_peek("/tmp/st_cpio/bin/prog");
	data = lookup_peek("/tmp/st_cpio/data");
	dir = lookup_peek("/tmp/st_cpio/bin");
	ok = prog && data && dir && prog->i_mode == (S_IFREG | 0755) && data->i_mode == (S_IFREG | 0640) &&
	     dir->i_mode == (S_IFDIR | 0700) && inode_permission_exec(prog) == 0 &&
	     inode_permission_exec(data) == -EACCES && inode_permission_exec(dir) == -EACCES &&
	     read_file("/tmp/st_cpio/data", text, sizeof(text)) == 3 && !strcmp(text, "abc");
	report("cpio_unpack_modes_and_parents", ok, "missing entry, wrong mode or contents");

	memcpy(buf, "070702", 6);
	populate_rootfs(buf, off);			/* bad magic */
	memcpy(buf, "070701", 6);
	populate_rootfs(buf, 150);			/* cut in the middle of the data */
	populate_rootfs(buf, 60);			/* cut in the first header */
	memcpy(buf + 6 + 8 * 11, "fffffff0", 8);	/* a name size past the end */
	populate_rootfs(buf, off);
	report("cpio_malformed_no_crash", true, "");
	kfree(buf);
}

struct pipe_reader {
	struct file *f;
	char buf[8];
	volatile long got;
};

/* A kernel thread that reads the pipe once. */
static int pipe_reader_thread(void *arg)
{
	struct pipe_reader *r = arg;
	loff_t pos = 0;

	r->got = kernel_read(r->f, r->buf, sizeof(r->buf), &pos);
	return 0;
}

/* Data crosses the ring intact many times over; EOF without writers. */
static void test_pipe_data(void)
{
	static char out[3000], in[3000];
	unsigned long before = nr_free_pages();
	struct file *p[2];
	loff_t pos = 0;
	bool ok = create_pipe_files(p, 0) == 0;

	if (!ok)
		goto out;
	for (int round = 0; ok && round < 60; round++) {	/* 180000 bytes: wraps around */
		memset(out, round, sizeof(out));
		ok = kernel_write(p[1], out, sizeof(out), &pos) == sizeof(out) &&
		     kernel_read(p[0], in, sizeof(in), &pos) == sizeof(in) && !memcmp(in, out, sizeof(in));
	}
	fput(p[1]);
	ok = ok && kernel_read(p[0], in, 1, &pos) == 0;	/* no writer: end of file */
	fput(p[0]);
out:
	report("pipe_data_wraps_and_eof", ok, "data differs or no end of file");
	report("pipe_frees_its_memory", nr_free_pages() == before, "free page count differs");
}

/* A non-blocking pipe takes 64 KiB, then -EAGAIN; with no reader, -EPIPE. */
static void test_pipe_full_and_epipe(void)
{
	static char chunk[4096];
	struct file *p[2];
	loff_t pos = 0;
	long n, total = 0;
	bool ok = create_pipe_files(p, O_NONBLOCK) == 0;

	while (ok && (n = kernel_write(p[1], chunk, sizeof(chunk), &pos)) > 0)
		total += n;
	ok = ok && n == -EAGAIN && total == 65536;
	fput(p[0]);
	ok = ok && kernel_write(p[1], chunk, 1, &pos) == -EPIPE;
	current->pending &= ~sigmask(SIGPIPE);		/* the SIGPIPE went to us */
	fput(p[1]);
	report("pipe_full_eagain_then_epipe", ok, "capacity not 64 KiB, or no EAGAIN/EPIPE");
}

/* A reader blocks on the empty pipe until the write comes. */
static void test_pipe_blocking_read(void)
{
	static struct pipe_reader r;
	struct file *p[2];
	loff_t pos = 0;
	bool ok = create_pipe_files(p, 0) == 0;

	if (!ok)
		goto out;
	r.f = p[0];
	r.got = -1;
	kthread_run(pipe_reader_thread, &r, "st_pipe");
	msleep(20);
	ok = r.got == -1 && kernel_write(p[1], "wake", 4, &pos) == 4;
	for (int i = 0; i < 100 && r.got == -1; i++)
		msleep(1);
	ok = ok && r.got == 4 && !memcmp(r.buf, "wake", 4);
	fput(p[0]);
	fput(p[1]);
	msleep(5);			/* let the reader thread finish */
out:
	report("pipe_reader_sleeps_until_write", ok, "reader did not wait or did not get the data");
}

struct name_list {
	struct dir_context ctx;
	char names[512];
};

/* A kernel actor for ->iterate: collect "/name" strings. */
static bool collect_name(struct dir_context *ctx, const char *name, int len,
			 loff_t pos, unsigned long ino, unsigned int type)
{
	struct name_list *l = container_of(ctx, struct name_list, ctx);
	size_t used = strlen(l->names);

	scnprintf(l->names + used, sizeof(l->names) - used, "/%.*s", len, name);
	return true;
}

/* The names in directory path, as "/a/b/c". */
static void list_dir(const char *path, struct name_list *l)
{
	struct file *f = filp_open(path, O_RDONLY | O_DIRECTORY, 0);

	l->ctx.actor = collect_name;
	l->ctx.pos = 0;
	l->names[0] = 0;
	if (!IS_ERR(f)) {
		f->f_op->iterate(f, &l->ctx);
		fput(f);
	}
}

/* A ramfs directory and /proc list what they hold. */
static void test_readdir(void)
{
	static struct name_list l;
	char pid[16];
	bool ok;

	list_dir("/tmp/st_p", &l);
	ok = !strcmp(l.names, "/./../q");
	list_dir("/proc", &l);
	snprintf(pid, sizeof(pid), "/%d/", current->pid);
	strlcpy(l.names + strlen(l.names), "/", 2);
	ok = ok && contains(l.names, "/self/") && contains(l.names, pid) && contains(l.names, "/uptime/");
	report("readdir_ramfs_and_proc", ok, l.names);
}

/* dup, dup2, fcntl and close on a table of our own; fork's copy takes
 * references; exec's close-on-exec drops them. */
static void test_fd_table(void)
{
	struct files_struct *saved = current->files, *files = files_alloc_stdio(), *child;
	struct file *console;
	bool ok = files != NULL;

	if (!ok)
		goto out;
	current->files = files;
	console = files->fd[0];
	ok = sys_dup(1) == 3 && sys_close(3) == 0 && sys_close(3) == -EBADF && sys_dup2(1, 10) == 10 &&
	     sys_fcntl(10, 2 /* F_SETFD */, 1) == 0 && sys_fcntl(10, 1 /* F_GETFD */, 0) == 1 &&
	     sys_fcntl(1, 1030 /* F_DUPFD_CLOEXEC */, 5) == 5 && sys_dup(2) == 3 &&
	     sys_dup3(1, 1, 0) == -EINVAL && sys_dup2(7, 8) == -EBADF && sys_close(300) == -EBADF &&
	     atomic_read(&console->f_count) == 6;
	child = dup_fd(files);
	ok = ok && child && atomic_read(&console->f_count) == 12;
	do_close_on_exec(child);
	ok = ok && !child->fd[10] && !child->fd[5] && child->fd[3] && atomic_read(&console->f_count) == 10;
	put_files_struct(child);
	ok = ok && atomic_read(&console->f_count) == 6;
	current->files = saved;
	put_files_struct(files);
out:
	report("fd_dup_close_cloexec_fork", ok, "descriptor numbers or file counts differ");
}

/* /dev/zero reads zeros, /dev/null is empty and swallows. */
static void test_dev(void)
{
	char buf[8] = "junk";
	struct file *f = filp_open("/dev/zero", O_RDONLY, 0);
	loff_t pos = 0;
	bool ok = !IS_ERR(f) && kernel_read(f, buf, sizeof(buf), &pos) == sizeof(buf) &&
		  !memchr_inv_zero(buf, sizeof(buf));

	if (!IS_ERR(f))
		fput(f);
	ok = ok && read_file("/dev/null", buf, sizeof(buf)) == 0 &&
	     write_file("/dev/null", 0, "abc", 3) == 3 && lookup_err("/dev/console") == 0;
	report("dev_null_zero_console", ok, "a device misbehaved");
}

/* /proc/self, /proc/PID, /proc/mounts; read-only pseudo files refuse writes. */
static void test_proc(void)
{
	char *buf = kmalloc(4096, GFP_KERNEL), path[32];
	bool ok = read_file("/proc/self/status", buf, 4096) > 0 && !strncmp(buf, "Name:\t", 6);

	report("proc_self_status", ok, "no \"Name:\" line first");
	snprintf(path, sizeof(path), "/proc/%d/stat", current->pid);
	ok = read_file(path, buf, 4096) > 0 && buf[strlen(buf) - 1] == '\n' &&
	     lookup_err("/proc/32767/stat") == -ENOENT && lookup_err("/proc/self/nothing") == -ENOENT;
	report("proc_pid_lookup", ok, "PID directory missing or a dead pid found");
	ok = read_file("/proc/mounts", buf, 4096) > 0 && contains(buf, "proc /proc proc") &&
	     write_file("/proc/uptime", 0, "1", 1) == -EACCES;
	report("proc_mounts_and_readonly", ok, "/proc/mounts wrong or /proc/uptime writable");
	kfree(buf);
}

/* Remove what the checks left in /tmp. */
static void cleanup(void)
{
	static const char *const files[] = {
		"/tmp/st_a", "/tmp/st_cpio/bin/prog", "/tmp/st_cpio/data",
	};
	static const char *const dirs[] = {
		"/tmp/st_p/q", "/tmp/st_p", "/tmp/st_cpio/bin", "/tmp/st_cpio",
	};

	for (unsigned i = 0; i < ARRAY_SIZE(files); i++)
		init_unlink(files[i]);
	for (unsigned i = 0; i < ARRAY_SIZE(dirs); i++)
		init_rmdir(dirs[i]);
}

/* Run every check; returns the number that failed. */
int fs_selftest(void)
{
	failures = 0;
	test_create_write_read();
	test_hole_and_pages();
	test_append_truncate();
	test_unlink();
	test_mkdir_rmdir();
	test_path_resolution();
	test_cpio();
	test_readdir();
	test_pipe_data();
	test_pipe_full_and_epipe();
	test_pipe_blocking_read();
	test_fd_table();
	test_dev();
	test_proc();
	cleanup();
	return failures;
}
