/* Declarations shared by the files of kernel/fs/ only: the directory tree,
 * path walking, the open-file helpers and each filesystem's operations.
 * The rest of the kernel uses include/linux/fs.h. */
#ifndef _KERNEL_FS_INTERNAL_H
#define _KERNEL_FS_INTERNAL_H

#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/rwsem.h>
#include <linux/uaccess.h>

/* f_flags bit (above every O_* flag) that kernel_read/kernel_write set on
 * the copy of a file they hand to ->read/->write: the buffer is a kernel
 * address. Never set on a real open file. */
#define O_KERNEL_BUF	0x80000000u

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

/* access(2) modes, and what inode_permission() is asked for */
#define MAY_EXEC	1
#define MAY_WRITE	2
#define MAY_READ	4

/* d_type of getdents64: the file type bits of i_mode, shifted down */
#define DT_UNKNOWN	0
#define DT_LNK		10
static inline unsigned int dt_type(umode_t mode) { return (mode & S_IFMT) >> 12; }

/* --- inodes and the tree (inode.c) --- */
extern struct inode *root_inode;	/* "/" */
extern struct mutex tree_mutex;		/* every directory's i_children */
struct inode *new_inode(umode_t mode, const struct inode_operations *iop,
			const struct file_operations *fop);
void tree_link(struct inode *dir, struct inode *child, const char *name);
void tree_unlink(struct inode *child);
struct inode *tree_find(struct inode *dir, const char *name);
struct inode *simple_lookup(struct inode *dir, const char *name);
extern const struct inode_operations simple_dir_inode_operations;
extern const struct file_operations simple_dir_operations;

/* --- path names (namei.c) --- */
char *getname(const char __user *filename);	/* kmalloc'd copy or ERR_PTR */
void putname(char *name);
int path_walk(struct inode *start, const char *path, char *last, struct inode **out);
int path_start(int dfd, const char *path, struct inode **start);
int user_path_at(int dfd, const char __user *filename, int flags, struct inode **out);
int inode_permission(struct inode *inode, int mask);
int vfs_mkdir(struct inode *dir, const char *name, umode_t mode);
int init_mkdir(const char *pathname, umode_t mode);
int init_unlink(const char *pathname);
int init_rmdir(const char *pathname);
int d_path(struct inode *inode, char *buf, size_t size);
extern umode_t current_umask;

/* --- open files (open.c, file.c, read_write.c) --- */
struct file *vfs_open(struct inode *inode, unsigned int flags);
struct file *do_filp_open(struct inode *start, const char *path, int flags, umode_t mode);
int do_truncate(struct inode *inode, loff_t length);
int fd_install_lowest(struct file *f, unsigned int start, unsigned int flags);
ssize_t kernel_write(struct file *f, const void *buf, size_t count, loff_t *pos);
loff_t generic_file_llseek(struct file *f, loff_t offset, int whence);
loff_t noop_llseek(struct file *f, loff_t offset, int whence);

/* Copies between a read()/write() buffer and kernel memory: the buffer is
 * user memory, or kernel memory under kernel_read/kernel_write. Each
 * returns the number of bytes NOT copied, like copy_to_user. */
static inline unsigned long file_copy_to(struct file *f, void __user *to,
					 const void *from, unsigned long n)
{
	if (f->f_flags & O_KERNEL_BUF) {
		memcpy((void *)to, from, n);
		return 0;
	}
	return copy_to_user(to, from, n);
}

static inline unsigned long file_copy_from(struct file *f, void *to,
					   const void __user *from, unsigned long n)
{
	if (f->f_flags & O_KERNEL_BUF) {
		memcpy(to, (const void *)from, n);
		return 0;
	}
	return copy_from_user(to, from, n);
}

static inline unsigned long file_clear(struct file *f, void __user *to, unsigned long n)
{
	if (f->f_flags & O_KERNEL_BUF) {
		memset((void *)to, 0, n);
		return 0;
	}
	return clear_user(to, n);
}

/* --- directory listing (readdir.c) --- */
bool dir_emit(struct dir_context *ctx, const char *name, unsigned long ino, unsigned int type);
bool dir_emit_dots(struct file *f, struct dir_context *ctx);
bool dir_emit_children(struct inode *dir, struct dir_context *ctx);
int dcache_readdir(struct file *f, struct dir_context *ctx);

/* --- filesystems and devices --- */
extern const struct inode_operations ramfs_dir_inode_operations;	/* ramfs.c */
extern const struct file_operations ramfs_file_operations;
struct inode *ramfs_get_inode(umode_t mode);
int ramfs_truncate(struct inode *inode, loff_t length);
void ramfs_evict_inode(struct inode *inode);

extern const struct file_operations pseudo_file_operations;		/* pseudo.c */
struct pseudo_entry {
	const struct pseudo_file_ops *ops;	/* NULL for a /proc/PID directory */
	void *data;
	pid_t pid;				/* 0: a global file */
	u64 start_time;				/* of that task: tells a reused pid apart */
};
struct inode *pseudo_create(struct inode *root, const char *path, umode_t mode,
			    const struct pseudo_file_ops *ops, void *data);
struct inode *pseudo_new_inode(umode_t mode, const struct pseudo_file_ops *ops,
			       void *data, struct task_struct *task);
int pseudo_may_write(struct inode *inode);
struct task_struct *pseudo_get_task(const struct pseudo_entry *e, bool *gone);
void pseudo_put_task(struct task_struct *t);

void proc_init(void);							/* proc.c */
extern const struct file_operations proc_pid_dir_operations;
int proc_readlink(struct inode *dir, const char *name, char *buf, size_t size);
void sysfs_init(void);							/* sysfs.c */
extern const struct file_operations tty_fops;				/* tty.c */
void chr_dev_init(struct inode *dev);					/* mem.c */
int create_pipe_files(struct file **res, int flags);			/* pipe.c */

/* poll (select.c): anything that may make a file ready calls poll_wake() */
void poll_wake(void);

#endif
