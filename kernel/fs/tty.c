/* The console: /dev/console and /dev/tty, on the serial port. Output goes
 * straight to serial_write. Input arrives one byte at a time from the
 * serial interrupt (tty_receive_char) and goes through a canonical line
 * discipline, as Linux's n_tty: echo, erase, kill, and nothing is readable
 * until Enter (or ^D) completes the line. A read returns at most one line.
 * ^C sends SIGINT to the foreground process group from a kernel thread,
 * since the interrupt handler may not walk the task list. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/spinlock.h>
#include <asm/irq.h>
#include "internal.h"

int kill_pgrp(pid_t pgrp, int sig);

/* the control characters (Linux's c_cc defaults) */
#define VINTR_CHAR	0x03	/* ^C */
#define VEOF_CHAR	0x04	/* ^D */
#define VKILL_CHAR	0x15	/* ^U */
#define VERASE_CHAR	0x7f	/* DEL; ^H (0x08) erases too */

/* ioctls (Linux x86-64 numbers) */
#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TIOCSCTTY	0x540e
#define TIOCGPGRP	0x540f
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541b

/* The struct termios of the kernel ABI (36 bytes; libc's is bigger). */
struct termios {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[19];
};

struct winsize {
	u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* What TCGETS reports: a cooked terminal at 38400 baud, 8 bits. */
static const struct termios tty_termios = {
	.c_iflag = 0000400,				/* ICRNL */
	.c_oflag = 0000001 | 0000004,			/* OPOST | ONLCR */
	.c_cflag = 0000017 | 0000060 | 0000200,		/* B38400 | CS8 | CREAD */
	.c_lflag = 0000001 | 0000002 | 0000010 | 0000020 | 0000040 | 0100000,
			/* ISIG | ICANON | ECHO | ECHOE | ECHOK | IEXTEN */
	.c_cc = { 3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0x0f, 0x17, 0x16, 0 },
	/*        INTR QUIT ERASE KILL EOF TIME MIN SWTC START STOP SUSP EOL REPRINT DISCARD WERASE LNEXT EOL2 */
};

/* Input. The interrupt handler writes, readers read; tty_lock (with
 * interrupts off) guards all of it. Completed input waits in queue[] as
 * records, one per line, recorded by their lengths in records[]; a record
 * of length 0 is an end of file (^D on an empty line). The host may type
 * a whole script at once, hence the room. */
#define N_TTY_BUF_SIZE	4096		/* the line being typed */
#define QUEUE_SIZE	65536		/* typed, not yet read (a power of 2) */
#define MAX_RECORDS	16384		/* lines of 4 bytes on average fill both */

static char line[N_TTY_BUF_SIZE];
static unsigned int line_len;
static char queue[QUEUE_SIZE];
static unsigned int q_head, q_tail;	/* free-running: unread bytes [q_tail, q_head) */
static u16 records[MAX_RECORDS];	/* a line is at most N_TTY_BUF_SIZE bytes */
static unsigned int r_head, r_tail;	/* unread records [r_tail, r_head) */
static unsigned int rec_done;		/* bytes already read of record r_tail */
static DEFINE_SPINLOCK(tty_lock);
static DECLARE_WAIT_QUEUE_HEAD(tty_read_wait);
static DEFINE_MUTEX(tty_read_mutex);	/* one reader takes a line at a time */

static pid_t tty_pgrp;			/* foreground process group; 0: none set */
static bool isig_pending;
static DECLARE_WAIT_QUEUE_HEAD(isig_wait);

/* Show typed input back (ECHO). */
static void echo(const char *s, unsigned long n)
{
	serial_write(s, n);
}

/* The typed line becomes a record that read() can return (a record of
 * length 0: end of file). Dropped, with a warning, if the queue is full. */
static void commit_line(void)
{
	if (q_head - q_tail + line_len <= QUEUE_SIZE && r_head - r_tail < MAX_RECORDS) {
		for (unsigned int i = 0; i < line_len; i++)
			queue[q_head++ % QUEUE_SIZE] = line[i];
		records[r_head++ % MAX_RECORDS] = line_len;
		wake_up(&tty_read_wait);
		poll_wake();
	} else {
		pr_warn("tty: input queue full, a line was dropped\n");
	}
	line_len = 0;
}

/* One received byte through the line discipline. Caller holds tty_lock. */
static void n_tty_receive_char(char c)
{
	switch (c) {
	case '\r':
	case '\n':
		echo("\n", 1);
		line[line_len++] = '\n';	/* the last byte is kept free for it */
		commit_line();
		break;
	case VERASE_CHAR:
	case '\b':
		if (line_len) {
			line_len--;
			echo("\b \b", 3);
		}
		break;
	case VKILL_CHAR:
		for (; line_len; line_len--)
			echo("\b \b", 3);
		break;
	case VEOF_CHAR:
		commit_line();		/* empty: end of file; else the line as it is */
		break;
	case VINTR_CHAR:
		echo("^C\n", 3);
		line_len = 0;
		isig_pending = true;
		wake_up(&isig_wait);
		break;
	default:
		if (line_len < N_TTY_BUF_SIZE - 1) {
			line[line_len++] = c;
			echo(&c, 1);
		}
	}
}

/* Called by the serial interrupt for each byte received. Never sleeps. */
void tty_receive_char(char c)
{
	unsigned long flags;

	spin_lock_irqsave(&tty_lock, flags);
	n_tty_receive_char(c);
	spin_unlock_irqrestore(&tty_lock, flags);
}

/* Send sig to the foreground process group, or (none set) to every user
 * process but init. */
static void isig(int sig)
{
	struct task_struct *p;

	if (tty_pgrp) {
		kill_pgrp(tty_pgrp, sig);
		return;
	}
	preempt_disable();
	list_for_each_entry(p, &task_list, tasks)
		if (!(p->flags & PF_KTHREAD) && p->pid > 1 &&
		    p->state != EXIT_ZOMBIE && p->state != EXIT_DEAD)
			send_sig(sig, p);
	preempt_enable();
}

/* The kernel thread that sends the signals ^C asked for. */
static int tty_isig_thread(void *unused)
{
	for (;;) {
		if (wait_event_interruptible(isig_wait, isig_pending))
			continue;
		isig_pending = false;
		isig(SIGINT);
	}
	return 0;
}

/* Is a line (or an end of file) waiting to be read? */
static bool input_available(void)
{
	return READ_ONCE(r_head) != READ_ONCE(r_tail);
}

/* Copy out up to count bytes of the oldest record, consuming them (a
 * record is consumed whole only when fully read). Returns the bytes, 0 for
 * an end-of-file record, or -EFAULT. Caller holds tty_read_mutex and has
 * seen a record. */
static ssize_t read_record(struct file *f, char __user *buf, size_t count)
{
	char chunk[128];
	size_t done = 0;
	unsigned long flags;

	for (;;) {
		unsigned int len, n;
		bool last;

		spin_lock_irqsave(&tty_lock, flags);
		len = records[r_tail % MAX_RECORDS];
		if (!len) {
			r_tail++;
			spin_unlock_irqrestore(&tty_lock, flags);
			return 0;
		}
		n = min(min(len - rec_done, (unsigned int)(count - done)), (unsigned int)sizeof(chunk));
		for (unsigned int i = 0; i < n; i++)
			chunk[i] = queue[(q_tail + i) % QUEUE_SIZE];
		spin_unlock_irqrestore(&tty_lock, flags);

		if (file_copy_to(f, buf + done, chunk, n))
			return done ? (ssize_t)done : -EFAULT;

		spin_lock_irqsave(&tty_lock, flags);
		q_tail += n;
		rec_done += n;
		done += n;
		last = rec_done == len;
		if (last) {
			r_tail++;
			rec_done = 0;
		}
		spin_unlock_irqrestore(&tty_lock, flags);
		if (last || done == count)
			return done;
	}
}

/* Block (interruptibly) until a line or an end of file is typed, then
 * return at most that line; what count leaves of it stays for the next
 * read. */
static ssize_t tty_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	ssize_t ret;

	for (;;) {
		if (!input_available() && (f->f_flags & O_NONBLOCK))
			return -EAGAIN;
		if (wait_event_interruptible(tty_read_wait, input_available()))
			return -EINTR;
		mutex_lock(&tty_read_mutex);
		if (input_available())
			break;
		mutex_unlock(&tty_read_mutex);	/* another reader took it */
	}
	ret = read_record(f, buf, count);
	mutex_unlock(&tty_read_mutex);
	return ret;
}

/* Everything written goes out on the serial port ("\n" as "\r\n"). */
static ssize_t tty_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	char chunk[256];
	size_t done = 0;

	while (done < count) {
		size_t n = min(count - done, sizeof(chunk));
		if (file_copy_from(f, chunk, buf + done, n))
			return done ? (ssize_t)done : -EFAULT;
		serial_write(chunk, n);
		done += n;
	}
	return done;
}

/* The terminal ioctls a libc and a shell use; others are -ENOTTY. */
static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	void __user *argp = (void __user *)arg;
	struct termios t;
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	int pgrp;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(argp, &tty_termios, sizeof(tty_termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:		/* accepted; the line discipline stays as it is */
		return copy_from_user(&t, argp, sizeof(t)) ? -EFAULT : 0;
	case TIOCGWINSZ:
		return copy_to_user(argp, &ws, sizeof(ws)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&ws, argp, sizeof(ws)) ? -EFAULT : 0;
	case TIOCGPGRP:
		return put_user(tty_pgrp ? tty_pgrp : current->pgrp, (int __user *)argp);
	case TIOCSPGRP:
		if (copy_from_user(&pgrp, argp, sizeof(pgrp)))
			return -EFAULT;
		if (pgrp < 0)
			return -EINVAL;
		tty_pgrp = pgrp;
		return 0;
	case FIONREAD:
		return put_user((int)(READ_ONCE(q_head) - READ_ONCE(q_tail)), (int __user *)argp);
	case TIOCSCTTY:
		return 0;
	default:
		return -ENOTTY;
	}
}

/* Readable when a line is waiting; always writable. */
static unsigned int tty_poll(struct file *f)
{
	return (input_available() ? POLLIN | POLLRDNORM : 0) | POLLOUT | POLLWRNORM;
}

/* The first open (init's stdio) starts the thread that delivers ^C. */
static int tty_open(struct inode *inode, struct file *f)
{
	static bool started;
	bool start;

	preempt_disable();
	start = !started;
	started = true;
	preempt_enable();
	if (start && !kthread_run(tty_isig_thread, NULL, "tty"))
		pr_err("tty: cannot start the ^C thread\n");
	return 0;
}

const struct file_operations tty_fops = {
	.open = tty_open,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.poll = tty_poll,
};
