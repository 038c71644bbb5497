/* Starting user space: pid 1 (a kernel thread until now) opens the console
 * as fds 0, 1, 2 and execs the first program: init= from the command line,
 * or /bin/init, /sbin/init, /bin/sh in that order (as Linux's kernel_init). */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/binfmts.h>
#include <asm/ptrace.h>

void ret_to_user_from_kernel(struct pt_regs *regs) __noreturn;

static int try_to_run_init_process(const char *path)
{
	boot_params.init_argv[0] = path;
	int err = kernel_execve(path, boot_params.init_argv, boot_params.init_envp);
	if (err)
		printk(KERN_ERR "Failed to execute %s (error %d)\n", path, err);
	return err;
}

int start_init(void)
{
	static const char *const defaults[] = { "/bin/init", "/sbin/init", "/bin/sh" };
	static const char *envp_default[] = { "HOME=/", "TERM=linux", "PATH=/bin", NULL };

	current->files = files_alloc_stdio();
	if (!current->files)
		return -ENOMEM;
	current->pgrp = current->session = current->pid;
	if (!boot_params.init_envc) {
		for (int i = 0; envp_default[i]; i++)
			boot_params.init_envp[i] = envp_default[i];
		boot_params.init_envc = 3;
	}
	const char *init = boot_params.init_argv[0];
	if (init) {
		if (try_to_run_init_process(init) == 0)
			ret_to_user_from_kernel(current_pt_regs());
		panic("Requested init %s failed. See DESIGN.md section 4 for the init= contract.", init);
	}
	for (unsigned i = 0; i < ARRAY_SIZE(defaults); i++)
		if (try_to_run_init_process(defaults[i]) == 0)
			ret_to_user_from_kernel(current_pt_regs());
	return -ENOENT;
}
