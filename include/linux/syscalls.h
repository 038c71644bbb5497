/* Every system call's handler, by its Linux name. The table that maps the
 * Linux x86-64 numbers to them is arch/x86_64/syscall_64.c. */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

#include <linux/types.h>

struct iovec {
	void __user *iov_base;
	size_t iov_len;
};
struct pollfd;
struct stat;
struct timespec;
struct utsname;
struct rusage;
struct k_sigaction;

/* files (kernel/fs/) */
long sys_read(unsigned int fd, char __user *buf, size_t count);
long sys_write(unsigned int fd, const char __user *buf, size_t count);
long sys_readv(unsigned long fd, const struct iovec __user *vec, unsigned long vlen);
long sys_writev(unsigned long fd, const struct iovec __user *vec, unsigned long vlen);
long sys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos);
long sys_open(const char __user *filename, int flags, umode_t mode);
long sys_openat(int dfd, const char __user *filename, int flags, umode_t mode);
long sys_close(unsigned int fd);
long sys_stat(const char __user *filename, struct stat __user *statbuf);
long sys_lstat(const char __user *filename, struct stat __user *statbuf);
long sys_fstat(unsigned int fd, struct stat __user *statbuf);
long sys_newfstatat(int dfd, const char __user *filename, struct stat __user *statbuf, int flag);
long sys_lseek(unsigned int fd, off_t offset, unsigned int whence);
long sys_access(const char __user *filename, int mode);
long sys_faccessat(int dfd, const char __user *filename, int mode);
long sys_getdents64(unsigned int fd, void __user *dirent, unsigned int count);
long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs);
long sys_pipe(int __user *fildes);
long sys_pipe2(int __user *fildes, int flags);
long sys_dup(unsigned int fildes);
long sys_dup2(unsigned int oldfd, unsigned int newfd);
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags);
long sys_chdir(const char __user *filename);
long sys_getcwd(char __user *buf, unsigned long size);
long sys_mkdir(const char __user *pathname, umode_t mode);
long sys_mkdirat(int dfd, const char __user *pathname, umode_t mode);
long sys_unlink(const char __user *pathname);
long sys_unlinkat(int dfd, const char __user *pathname, int flag);
long sys_rmdir(const char __user *pathname);
long sys_mount(char __user *dev_name, char __user *dir_name, char __user *type,
	       unsigned long flags, void __user *data);
long sys_sync(void);
long sys_umask(int mask);
long sys_readlink(const char __user *path, char __user *buf, int bufsiz);
long sys_ftruncate(unsigned int fd, unsigned long length);

/* processes (kernel/fork.c, exit.c, exec.c, signal.c, sys.c) */
long sys_fork(void);
long sys_vfork(void);
long sys_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
	       int __user *child_tid, unsigned long tls);
long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp);
long sys_exit(int error_code);
long sys_exit_group(int error_code);
long sys_wait4(pid_t pid, int __user *stat_addr, int options, struct rusage __user *ru);
long sys_kill(pid_t pid, int sig);
long sys_tkill(pid_t pid, int sig);
long sys_pause(void);
long sys_getpid(void);
long sys_getppid(void);
long sys_gettid(void);
long sys_getuid(void);
long sys_setpgid(pid_t pid, pid_t pgid);
long sys_getpgid(pid_t pid);
long sys_getpgrp(void);
long sys_setsid(void);
long sys_sched_yield(void);
long sys_nanosleep(struct timespec __user *rqtp, struct timespec __user *rmtp);
long sys_clock_gettime(int which, struct timespec __user *tp);
long sys_clock_getres(int which, struct timespec __user *tp);
long sys_clock_nanosleep(int which, int flags, const struct timespec __user *rqtp,
			 struct timespec __user *rmtp);
long sys_gettimeofday(void __user *tv, void __user *tz);
long sys_uname(struct utsname __user *name);
long sys_arch_prctl(int option, unsigned long arg2);
long sys_set_tid_address(int __user *tidptr);
long sys_rt_sigaction(int sig, const struct k_sigaction __user *act,
		      struct k_sigaction __user *oact, size_t sigsetsize);
long sys_rt_sigprocmask(int how, unsigned long __user *set, unsigned long __user *oset,
			size_t sigsetsize);
long sys_rt_sigreturn(void);
long sys_sigaltstack(const void __user *uss, void __user *uoss);
long sys_prctl(int option, unsigned long arg2, unsigned long arg3,
	       unsigned long arg4, unsigned long arg5);
long sys_reboot(int magic1, int magic2, unsigned int cmd, void __user *arg);
long sys_getrlimit(unsigned int resource, void __user *rlim);
long sys_prlimit64(pid_t pid, unsigned int resource, const void __user *new_rlim, void __user *old_rlim);
long sys_getrandom(char __user *buf, size_t count, unsigned int flags);
long sys_sysinfo(void __user *info);

/* memory (mm/) */
long sys_brk(unsigned long brk);
long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, unsigned long fd, unsigned long off);
long sys_munmap(unsigned long addr, size_t len);
long sys_mprotect(unsigned long start, size_t len, unsigned long prot);
long sys_madvise(unsigned long start, size_t len, int behavior);
long sys_mlock(unsigned long start, size_t len);
long sys_mlock2(unsigned long start, size_t len, int flags);
long sys_munlock(unsigned long start, size_t len);
long sys_mlockall(int flags);
long sys_munlockall(void);
long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec);
long sys_sched_getaffinity(pid_t pid, unsigned int len, unsigned long __user *mask);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr);

#endif
