/* Wait queues (see include/linux/wait.h for wait_event and friends). */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/wait.h>

static void wq_check(struct wait_queue_head *wq, const char *who)
{
	struct list_head *p = &wq->head;
	int n = 0;
	do {
		if (p->next->prev != p)
			panic("%s: corrupt wait queue %p at %p (n=%d) next %p next->prev %p", who, wq, p, n, p->next, p->next->prev);
		p = p->next;
	} while (p != &wq->head && ++n < 1000);
}

void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

/* Queue the current task on wq (once) and set its state; the caller then
 * checks its condition and calls schedule() if it is still false. */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, int state)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	wq_check(wq, "prepare_to_wait");
	if (list_empty(&w->entry))
		list_add_tail(&w->entry, &wq->head);
	current->state = state;
	spin_unlock_irqrestore(&wq->lock, flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	current->state = TASK_RUNNING;
	spin_lock_irqsave(&wq->lock, flags);
	wq_check(wq, "finish_wait");
	if (!list_empty(&w->entry))
		list_del_init(&w->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

/* Wake every task sleeping on wq; each rechecks its own condition. */
void wake_up(struct wait_queue_head *wq)
{
	struct wait_queue_entry *w;
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_for_each_entry(w, &wq->head, entry)
		wake_up_process(w->task);
	spin_unlock_irqrestore(&wq->lock, flags);
}
