/* Unpacking the initramfs (a cpio "newc" archive, loaded by GRUB as a
 * module) into the ramfs at boot: directories and regular files, with
 * their mode bits and times. Each entry is a 110-byte header ("070701"
 * and 13 fields of 8 hex digits), the NUL-terminated name, then the data,
 * name and data each padded to 4 bytes; "TRAILER!!!" ends the archive. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/time.h>
#include "internal.h"

#define NEWC_MAGIC	"070701"
#define NEWC_HDR_SIZE	110

/* the header fields, in their order */
enum { C_INO, C_MODE, C_UID, C_GID, C_NLINK, C_MTIME, C_FILESIZE, C_DEVMAJOR,
       C_DEVMINOR, C_RDEVMAJOR, C_RDEVMINOR, C_NAMESIZE, C_CHECK, C_NFIELDS };

/* Parse the header at h into field[]. false if a digit is not hex. */
static bool parse_header(const char *h, unsigned long field[C_NFIELDS])
{
	for (int i = 0; i < C_NFIELDS; i++) {
		field[i] = 0;
		for (int j = 0; j < 8; j++) {
			char c = h[6 + 8 * i + j];
			int d = c >= '0' && c <= '9' ? c - '0' :
				c >= 'a' && c <= 'f' ? c - 'a' + 10 :
				c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (d < 0)
				return false;
			field[i] = field[i] * 16 + d;
		}
	}
	return true;
}

/* mkdir path (absolute) with mode; an existing directory is fine (a ramfs
 * one takes the archive's mode). 0 or -errno. */
static int unpack_dir(const char *path, umode_t mode)
{
	struct inode *dir;
	int err = init_mkdir(path, mode);

	if (err != -EEXIST)
		return err;
	err = path_walk(NULL, path, NULL, &dir);
	if (err)
		return err;
	if (!S_ISDIR(dir->i_mode))
		err = -ENOTDIR;
	else if (dir->i_op == &ramfs_dir_inode_operations)
		dir->i_mode = S_IFDIR | (mode & 07777);
	iput(dir);
	return err;
}

/* Make the directories leading to path (absolute; changed, then restored). */
static int make_parents(char *path)
{
	for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = 0;
		int err = unpack_dir(path, 0755);
		*s = '/';
		if (err)
			return err;
	}
	return 0;
}

/* Create (or replace) the regular file path with mode and contents. */
static int unpack_file(const char *path, umode_t mode, const char *data, size_t size)
{
	struct file *f = filp_open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	loff_t pos = 0;
	ssize_t n = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	if (size)
		n = kernel_write(f, data, size, &pos);
	f->f_inode->i_mode = S_IFREG | (mode & 07777);
	fput(f);
	return n < 0 ? n : (size_t)n == size ? 0 : -ENOSPC;
}

/* Unpack one archive entry, named as stored ("./bin/sh" or "bin/sh");
 * path is a PATH_MAX buffer to work in. Failures are reported, not fatal. */
static void unpack_entry(const char *name, unsigned long field[], const char *data, char *path)
{
	umode_t mode = field[C_MODE];
	struct inode *inode;
	int err;

	while (*name == '/' || (name[0] == '.' && name[1] == '/'))
		name += name[0] == '.' ? 2 : 1;
	if (!*name || !strcmp(name, "."))
		return;					/* the root itself */
	if (!S_ISDIR(mode) && !S_ISREG(mode)) {
		pr_info("initramfs: skipping %s (not a file or directory)\n", name);
		return;
	}
	snprintf(path, PATH_MAX, "/%s", name);
	err = make_parents(path);
	if (!err)
		err = S_ISDIR(mode) ? unpack_dir(path, mode)
				    : unpack_file(path, mode, data, field[C_FILESIZE]);
	if (!err && !path_walk(NULL, path, NULL, &inode)) {
		inode->i_mtime_ns = field[C_MTIME] * NSEC_PER_SEC;
		iput(inode);
	}
	if (err)
		pr_err("initramfs: cannot unpack %s: error %d\n", name, err);
}

/* Unpack the archive at cpio (len bytes). A malformed archive stops the
 * unpacking with a message; what came before it stays. */
void populate_rootfs(const void *cpio, size_t len)
{
	const char *p = cpio;
	unsigned long field[C_NFIELDS];
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	size_t off = 0, nfiles = 0;
	const char *why = NULL;

	if (!path)
		panic("populate_rootfs: out of memory");
	for (;;) {
		if (len - off < NEWC_HDR_SIZE || memcmp(p + off, NEWC_MAGIC, 6)) {
			why = len - off < NEWC_HDR_SIZE ? "truncated header" : "bad magic";
			break;
		}
		if (!parse_header(p + off, field)) {
			why = "bad hex digit";
			break;
		}
		size_t name_off = off + NEWC_HDR_SIZE, namesize = field[C_NAMESIZE];
		if (!namesize || namesize > PATH_MAX - 1 || namesize > len - name_off ||
		    p[name_off + namesize - 1]) {
			why = "bad name";
			break;
		}
		size_t data_off = ALIGN(name_off + namesize, 4), size = field[C_FILESIZE];
		if (data_off > len || size > len - data_off) {
			why = "data past the end";
			break;
		}
		if (!strcmp(p + name_off, "TRAILER!!!"))
			break;
		unpack_entry(p + name_off, field, p + data_off, path);
		nfiles++;
		off = ALIGN(data_off + size, 4);
		if (off > len)
			off = len;
	}
	if (why)
		pr_err("initramfs: malformed archive at offset %lu: %s; unpacking stopped\n", off, why);
	pr_info("initramfs: unpacked %lu entries\n", nfiles);
	kfree(path);
}
