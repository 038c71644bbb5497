/* What execve carries from the old program to the new one. */
#ifndef _LINUX_BINFMTS_H
#define _LINUX_BINFMTS_H

#include <linux/types.h>

struct file;
struct pt_regs;

struct linux_binprm {
	char buf[256];			/* the file's first bytes */
	struct file *file;
	char filename[256];		/* as given to execve (AT_EXECFN) */
	char interp[128];		/* "#!" interpreter, when there is one */
	char *strings;			/* argv then envp strings, NUL-separated */
	size_t strings_len;
	int argc, envc;
};

int load_elf_binary(struct linux_binprm *bprm, struct pt_regs *regs);
const char *bprm_string(struct linux_binprm *bprm, int i);
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp);
struct pt_regs *current_pt_regs(void);
void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp);

#endif
