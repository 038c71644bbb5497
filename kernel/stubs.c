/* TEMPORARY: pieces of later subsystems, so the foundation links. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/init.h>
#include <linux/mmzone.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/processor.h>

const struct kernel_param subsystem_params[] = { { "x-none", NULL, false } };
const int nr_subsystem_params = 0;
void kernel_subsystems_init(void) {}
int start_init(void) { printk("no user space yet\n"); kernel_poweroff(0); }
void do_page_fault(struct pt_regs *regs, unsigned long error_code, unsigned long address) { die("page fault", regs); }
bool fixup_exception(struct pt_regs *regs) { return false; }
void tty_receive_char(char c) {}
void wakeup_kswapd(struct zone *zone, unsigned int order) {}
unsigned long try_to_free_pages(unsigned int order, gfp_t gfp) { return 0; }
bool out_of_memory(gfp_t gfp, unsigned int order) { return false; }
void free_transhuge_page(struct page *page) {}
void mm_switch(struct mm_struct *prev, struct mm_struct *next) { write_cr3(__pa(next->pgd)); }
void do_exit(int code) { current->state = EXIT_ZOMBIE; schedule(); for (;;); }
void force_sig(int sig) {}
bool signal_pending(struct task_struct *p) { return false; }
void do_syscall_64(struct pt_regs *regs) {}
void prepare_exit(struct pt_regs *regs)
{
	if (need_resched && preempt_count == 0 && (regs->rflags & X86_EFLAGS_IF)) {
		local_irq_enable();
		schedule();
		local_irq_disable();
	}
}
void clear_huge_page(struct page *page, unsigned int nr)
{
	for (unsigned i = 0; i < nr; i++) clear_page(page_address(page + i));
}
