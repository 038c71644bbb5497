/* Reader/writer semaphores: many readers or one writer, sleeping while they
 * wait (kernel/rwsem.c). mm->mmap_lock is one: page faults take it for read,
 * mmap/munmap/mprotect/madvise and khugepaged's collapse for write. */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/wait.h>

struct rw_semaphore {
	int count;			/* > 0: readers, -1: a writer, 0: free */
	int writers_waiting;
	struct task_struct *owner;	/* the writer, for debugging */
	struct wait_queue_head wait;
};

#define __RWSEM_INITIALIZER(n) { 0, 0, NULL, __WAIT_QUEUE_HEAD_INITIALIZER(n.wait) }

void init_rwsem(struct rw_semaphore *sem);
void down_read(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
int down_read_trylock(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
int down_write_killable(struct rw_semaphore *sem);
static inline bool rwsem_is_locked(struct rw_semaphore *sem) { return sem->count != 0; }
static inline bool rwsem_is_write_locked(struct rw_semaphore *sem) { return sem->count < 0; }

#define mmap_read_lock(mm)	down_read(&(mm)->mmap_lock)
#define mmap_read_unlock(mm)	up_read(&(mm)->mmap_lock)
#define mmap_write_lock(mm)	down_write(&(mm)->mmap_lock)
#define mmap_write_unlock(mm)	up_write(&(mm)->mmap_lock)
#define mmap_read_trylock(mm)	down_read_trylock(&(mm)->mmap_lock)
#define mmap_assert_locked(mm)	VM_BUG_ON(!rwsem_is_locked(&(mm)->mmap_lock))
#define mmap_assert_write_locked(mm) VM_BUG_ON(!rwsem_is_write_locked(&(mm)->mmap_lock))

/* Mutexes: a writer-only rw_semaphore. */
struct mutex {
	struct rw_semaphore sem;
};
#define DEFINE_MUTEX(n) struct mutex n = { __RWSEM_INITIALIZER(n.sem) }
static inline void mutex_init(struct mutex *m) { init_rwsem(&m->sem); }
static inline void mutex_lock(struct mutex *m) { down_write(&m->sem); }
static inline void mutex_unlock(struct mutex *m) { up_write(&m->sem); }
static inline int mutex_trylock(struct mutex *m) { return down_write_trylock(&m->sem); }

#endif
