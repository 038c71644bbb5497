/* Reading directories: getdents64, and the helpers a directory's ->iterate
 * uses to hand out its entries ("." and ".." first). ctx->pos numbers the
 * entries: it is the file offset, so a getdents64 that ran out of buffer
 * space resumes where it stopped, and lseek(fd, 0, SEEK_SET) rewinds. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include "internal.h"

/* Hand one entry to ctx's actor at position ctx->pos; advance ctx->pos if
 * it was taken. false: the caller's buffer is full, stop. */
bool dir_emit(struct dir_context *ctx, const char *name, unsigned long ino, unsigned int type)
{
	if (!ctx->actor(ctx, name, strlen(name), ctx->pos, ino, type))
		return false;
	ctx->pos++;
	return true;
}

/* Positions 0 and 1: "." and "..". false if the buffer filled up. */
bool dir_emit_dots(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->f_inode;
	struct inode *parent = dir->i_parent ? dir->i_parent : dir;

	if (ctx->pos == 0 && !dir_emit(ctx, ".", dir->i_ino, dt_type(S_IFDIR)))
		return false;
	if (ctx->pos == 1 && !dir_emit(ctx, "..", parent->i_ino, dt_type(S_IFDIR)))
		return false;
	return true;
}

/* Positions 2, 3, ...: the children of dir in the tree, in the order they
 * were made. false if the buffer filled up. */
bool dir_emit_children(struct inode *dir, struct dir_context *ctx)
{
	struct inode *child;
	loff_t n = 2;
	bool ok = true;

	mutex_lock(&tree_mutex);
	list_for_each_entry(child, &dir->i_children, i_sibling) {
		if (n++ < ctx->pos)
			continue;
		ok = dir_emit(ctx, child->i_name, child->i_ino, dt_type(child->i_mode));
		if (!ok)
			break;
	}
	mutex_unlock(&tree_mutex);
	return ok;
}

/* ->iterate of directories whose entries are all in the tree (ramfs, and
 * the directories made by proc_create and sysfs_create). */
int dcache_readdir(struct file *f, struct dir_context *ctx)
{
	if (dir_emit_dots(f, ctx))
		dir_emit_children(f->f_inode, ctx);
	return 0;
}

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;		/* the offset of the next entry */
	u16 d_reclen;		/* this record's size, a multiple of 8 */
	u8 d_type;
	char d_name[];
};

struct getdents_callback64 {
	struct dir_context ctx;
	char __user *dirent;	/* where the next record goes */
	unsigned int count;	/* bytes left there */
	unsigned int written;
	int error;
};

/* The actor of getdents64: copy one record out; false when it doesn't fit
 * (-EINVAL if not even the first one did) or the copy faulted. */
static bool filldir64(struct dir_context *ctx, const char *name, int namelen,
		      loff_t pos, unsigned long ino, unsigned int type)
{
	struct getdents_callback64 *buf = container_of(ctx, struct getdents_callback64, ctx);
	char rec[ALIGN(sizeof(struct linux_dirent64) + NAME_MAX + 1, 8)] __aligned(8);
	struct linux_dirent64 *d = (struct linux_dirent64 *)rec;
	unsigned int reclen = ALIGN(offsetof(struct linux_dirent64, d_name) + namelen + 1, 8);

	if (reclen > buf->count) {
		if (!buf->written)
			buf->error = -EINVAL;
		return false;
	}
	memset(rec, 0, reclen);
	d->d_ino = ino;
	d->d_off = pos + 1;
	d->d_reclen = reclen;
	d->d_type = type;
	memcpy(d->d_name, name, namelen);
	if (copy_to_user(buf->dirent, rec, reclen)) {
		buf->error = -EFAULT;
		return false;
	}
	buf->dirent += reclen;
	buf->count -= reclen;
	buf->written += reclen;
	return true;
}

/* Fill dirent with as many struct linux_dirent64 as fit in count bytes,
 * from the directory offset on. Returns the bytes used, 0 at the end,
 * -EINVAL if not even one fits, -ENOTDIR on a non-directory. */
long sys_getdents64(unsigned int fd, void __user *dirent, unsigned int count)
{
	struct getdents_callback64 buf = {
		.ctx.actor = filldir64, .dirent = dirent, .count = count,
	};
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	if (!f->f_op || !f->f_op->iterate)
		ret = -ENOTDIR;
	else if (!access_ok(dirent, count))
		ret = -EFAULT;
	else {
		buf.ctx.pos = f->f_pos;
		ret = f->f_op->iterate(f, &buf.ctx);
		f->f_pos = buf.ctx.pos;
		if (buf.written)
			ret = buf.written;
		else if (buf.error)
			ret = buf.error;
	}
	fput(f);
	return ret;
}
