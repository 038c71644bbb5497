/* Signal numbers and the sigaction structure of the Linux x86-64 ABI. */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H

#include <linux/types.h>

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGWINCH	28
#define _NSIG		65

typedef unsigned long sigset_t;
#define sigmask(sig) (1UL << ((sig) - 1))

#define SIG_DFL ((void *)0)
#define SIG_IGN ((void *)1)
#define SA_NOCLDSTOP	0x00000001
#define SA_SIGINFO	0x00000004
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000
#define SA_RESTORER	0x04000000

struct k_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	sigset_t mask;
};

struct task_struct;
int send_sig(int sig, struct task_struct *p);
void force_sig(int sig);
bool signal_pending(struct task_struct *p);
bool fatal_signal_pending(struct task_struct *p);

#endif
