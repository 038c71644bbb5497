/* execve: replace the calling process's program. The arguments are copied
 * into the kernel, a fresh address space is built (kernel/binfmt_elf.c
 * maps the ELF file and lays out the stack), and only when that worked is
 * the old address space dropped. "#!" scripts run their interpreter. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/binfmts.h>
#include <asm/ptrace.h>
#include <asm/boot.h>
#include <asm/processor.h>

#define MAX_ARG_STRLEN	(32 * PAGE_SIZE)
#define MAX_ARG_TOTAL	(128 * 1024)	/* all strings together (E2BIG beyond) */

struct pt_regs *current_pt_regs(void)
{
	return (struct pt_regs *)((unsigned long)current->stack + KERNEL_STACK_SIZE) - 1;
}

/* Append one string to bprm's argument area. */
static int bprm_add_string(struct linux_binprm *bprm, const char *s, size_t len)
{
	if (bprm->strings_len + len + 1 > MAX_ARG_TOTAL)
		return -E2BIG;
	memcpy(bprm->strings + bprm->strings_len, s, len);
	bprm->strings[bprm->strings_len + len] = 0;
	bprm->strings_len += len + 1;
	return 0;
}

/* Copy a NULL-terminated array of user string pointers (argv or envp). */
static int copy_strings_user(struct linux_binprm *bprm, const char __user *const __user *arr,
			     int *count)
{
	char *tmp = kmalloc(MAX_ARG_STRLEN, GFP_KERNEL);
	int err = 0;

	if (!tmp)
		return -ENOMEM;
	*count = 0;
	for (; arr; (*count)++) {
		const char __user *p;
		if (copy_from_user(&p, arr + *count, sizeof(p))) {
			err = -EFAULT;
			break;
		}
		if (!p)
			break;
		long len = strncpy_from_user(tmp, p, MAX_ARG_STRLEN);
		if (len < 0) {
			err = len == -ENAMETOOLONG ? -E2BIG : len;
			break;
		}
		err = bprm_add_string(bprm, tmp, len);
		if (err)
			break;
		if (*count > 100000) {
			err = -E2BIG;
			break;
		}
	}
	kfree(tmp);
	return err;
}

/* The i-th string of bprm's area. */
const char *bprm_string(struct linux_binprm *bprm, int i)
{
	const char *s = bprm->strings;
	while (i--)
		s += strlen(s) + 1;
	return s;
}

/* A "#!interpreter [arg]" script: rebuild the arguments as
 * [interpreter, arg, script, argv[1..]] and run the interpreter. */
static int prepare_script(struct linux_binprm *bprm)
{
	char line[128];
	char *interp, *arg = NULL, *end;
	struct linux_binprm *n;
	int i;

	memcpy(line, bprm->buf + 2, sizeof(line) - 1);
	line[sizeof(line) - 1] = 0;
	end = strchr(line, '\n');
	if (!end)
		return -ENOEXEC;
	*end = 0;
	interp = line;
	while (*interp == ' ' || *interp == '\t')
		interp++;
	for (end = interp; *end && *end != ' ' && *end != '\t'; end++)
		;
	if (*end) {
		*end++ = 0;
		while (*end == ' ' || *end == '\t')
			end++;
		if (*end)
			arg = end;
	}
	if (!*interp)
		return -ENOEXEC;

	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return -ENOMEM;
	n->strings = kmalloc(MAX_ARG_TOTAL, GFP_KERNEL);
	if (!n->strings) {
		kfree(n);
		return -ENOMEM;
	}
	int err = bprm_add_string(n, interp, strlen(interp));
	if (!err && arg)
		err = bprm_add_string(n, arg, strlen(arg));
	if (!err)
		err = bprm_add_string(n, bprm->filename, strlen(bprm->filename));
	for (i = 1; !err && i < bprm->argc + bprm->envc; i++) {
		const char *s = bprm_string(bprm, i);
		err = bprm_add_string(n, s, strlen(s));
	}
	if (!err) {
		n->argc = bprm->argc + 1 + (arg != NULL);
		n->envc = bprm->envc;
		kfree(bprm->strings);
		bprm->strings = n->strings;
		bprm->strings_len = n->strings_len;
		bprm->argc = n->argc;
		strlcpy(bprm->interp, interp, sizeof(bprm->interp));
	} else {
		kfree(n->strings);
	}
	kfree(n);
	return err;
}

/* Open path for execution and read its first bytes into bprm->buf. */
static int bprm_open(struct linux_binprm *bprm, const char *path)
{
	struct file *f = filp_open(path, O_RDONLY, 0);
	loff_t pos = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	int err = inode_permission_exec(f->f_inode);
	if (err) {
		fput(f);
		return err;
	}
	memset(bprm->buf, 0, sizeof(bprm->buf));
	ssize_t n = kernel_read(f, bprm->buf, sizeof(bprm->buf), &pos);
	if (n < 0) {
		fput(f);
		return n;
	}
	if (bprm->file)
		fput(bprm->file);
	bprm->file = f;
	return 0;
}

/* The common part of execve and the kernel's first exec. Strings are in
 * bprm already. On success the task runs the new program when it returns
 * to user mode through regs. */
static int exec_binprm(struct linux_binprm *bprm, struct pt_regs *regs)
{
	const char *path = bprm->filename;
	int err;

	for (int depth = 0;; depth++) {
		err = bprm_open(bprm, path);
		if (err)
			return err;
		if (bprm->buf[0] == '#' && bprm->buf[1] == '!') {
			if (depth >= 4)
				return -ELOOP;
			err = prepare_script(bprm);
			if (err)
				return err;
			path = bprm->interp;
			continue;
		}
		break;
	}
	return load_elf_binary(bprm, regs);
}

static void free_bprm(struct linux_binprm *bprm)
{
	if (bprm->file)
		fput(bprm->file);
	kfree(bprm->strings);
	kfree(bprm);
}

static struct linux_binprm *alloc_bprm(const char *filename)
{
	struct linux_binprm *bprm = kzalloc(sizeof(*bprm), GFP_KERNEL);
	if (!bprm)
		return NULL;
	bprm->strings = kmalloc(MAX_ARG_TOTAL, GFP_KERNEL);
	if (!bprm->strings) {
		kfree(bprm);
		return NULL;
	}
	strlcpy(bprm->filename, filename, sizeof(bprm->filename));
	return bprm;
}

long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	struct linux_binprm *bprm = NULL;
	long err;

	if (!path)
		return -ENOMEM;
	err = strncpy_from_user(path, filename, PATH_MAX);
	if (err < 0)
		goto out;
	if (err == 0) {
		err = -ENOENT;
		goto out;
	}
	err = -ENOMEM;
	bprm = alloc_bprm(path);
	if (!bprm)
		goto out;
	err = copy_strings_user(bprm, argv, &bprm->argc);
	if (err)
		goto out;
	err = copy_strings_user(bprm, envp, &bprm->envc);
	if (err)
		goto out;
	if (bprm->argc == 0) {
		/* Linux adds an empty argv[0] rather than run with argc 0 */
		err = bprm_add_string(bprm, "", 0);
		if (err)
			goto out;
		bprm->argc = 1;
		memmove(bprm->strings + 1, bprm->strings, bprm->strings_len - 1);
		bprm->strings[0] = 0;
	}
	err = exec_binprm(bprm, current_pt_regs());
out:
	if (bprm)
		free_bprm(bprm);
	kfree(path);
	return err;
}

/* Exec from the kernel (pid 1 starting the first program). */
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp)
{
	struct linux_binprm *bprm = alloc_bprm(filename);
	int err = 0;

	if (!bprm)
		return -ENOMEM;
	for (; argv && argv[bprm->argc] && !err; bprm->argc++)
		err = bprm_add_string(bprm, argv[bprm->argc], strlen(argv[bprm->argc]));
	for (; envp && envp[bprm->envc] && !err; bprm->envc++)
		err = bprm_add_string(bprm, envp[bprm->envc], strlen(envp[bprm->envc]));
	if (!err)
		err = exec_binprm(bprm, current_pt_regs());
	free_bprm(bprm);
	return err;
}
