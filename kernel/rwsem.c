/* Reader/writer semaphores. A reader does not jump ahead of a waiting
 * writer, so a stream of page faults cannot starve munmap or khugepaged's
 * collapse (the same rule as Linux: never take one for read twice). The
 * state changes with interrupts off: one CPU, so that makes them atomic. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/rwsem.h>
#include <linux/errno.h>
#include <asm/processor.h>

void init_rwsem(struct rw_semaphore *sem)
{
	sem->count = 0;
	sem->writers_waiting = 0;
	sem->owner = NULL;
	init_waitqueue_head(&sem->wait);
}

int down_read_trylock(struct rw_semaphore *sem)
{
	unsigned long flags;
	int ok;

	local_irq_save(flags);
	ok = sem->count >= 0 && !sem->writers_waiting;
	if (ok)
		sem->count++;
	local_irq_restore(flags);
	return ok;
}

void down_read(struct rw_semaphore *sem)
{
	might_sleep();
	wait_event(sem->wait, down_read_trylock(sem));
}

void up_read(struct rw_semaphore *sem)
{
	unsigned long flags;

	local_irq_save(flags);
	BUG_ON(sem->count <= 0);
	sem->count--;
	local_irq_restore(flags);
	if (sem->count == 0)
		wake_up(&sem->wait);
}

int down_write_trylock(struct rw_semaphore *sem)
{
	unsigned long flags;
	int ok;

	local_irq_save(flags);
	ok = sem->count == 0;
	if (ok) {
		sem->count = -1;
		sem->owner = current;
	}
	local_irq_restore(flags);
	return ok;
}

void down_write(struct rw_semaphore *sem)
{
	might_sleep();
	if (down_write_trylock(sem))
		return;
	sem->writers_waiting++;
	wait_event(sem->wait, down_write_trylock(sem));
	sem->writers_waiting--;
}

int down_write_killable(struct rw_semaphore *sem)
{
	down_write(sem);
	return 0;
}

void up_write(struct rw_semaphore *sem)
{
	BUG_ON(sem->count != -1);
	sem->count = 0;
	sem->owner = NULL;
	wake_up(&sem->wait);
}
