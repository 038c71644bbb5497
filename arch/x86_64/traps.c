/* The IDT and the C side of every exception and interrupt. A CPU exception
 * in user mode becomes a signal to the process; in the kernel it is a bug:
 * die() prints the cause, the registers and a symbolized backtrace, then
 * powers the machine off with a failure status. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/kallsyms.h>
#include <asm/ptrace.h>
#include <asm/desc.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <asm/traps.h>

struct idt_entry {
	u16 offset_low;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_high;
	u32 zero;
} __packed;

static struct idt_entry idt[256] __aligned(16);
extern unsigned long trap_stubs[48];

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
	"invalid opcode", "device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack segment fault", "general protection fault", "page fault",
	"reserved", "x87 floating point", "alignment check", "machine check",
	"SIMD floating point", "virtualization", "control protection",
};

static void set_gate(int vec, unsigned long handler, int ist, int dpl)
{
	idt[vec].offset_low = handler & 0xffff;
	idt[vec].selector = __KERNEL_CS;
	idt[vec].ist = ist;
	idt[vec].type_attr = 0x8e | (dpl << 5);	/* present, 64-bit interrupt gate */
	idt[vec].offset_mid = (handler >> 16) & 0xffff;
	idt[vec].offset_high = handler >> 32;
	idt[vec].zero = 0;
}

void idt_init(void)
{
	for (int v = 0; v < 48; v++)
		set_gate(v, trap_stubs[v], v == X86_TRAP_DF ? 1 : 0, v == X86_TRAP_BP ? 3 : 0);
	struct { u16 size; u64 addr; } __packed p = { sizeof(idt) - 1, (u64)idt };
	__asm__ volatile("lidt %0" :: "m"(p));
}

void show_regs(struct pt_regs *regs)
{
	printk("RIP: %04lx:%016lx ", regs->cs, regs->rip);
	print_symbol(regs->rip);
	printk("\nRSP: %04lx:%016lx EFLAGS: %08lx\n", regs->ss, regs->rsp, regs->rflags);
	printk("RAX: %016lx RBX: %016lx RCX: %016lx\n", regs->rax, regs->rbx, regs->rcx);
	printk("RDX: %016lx RSI: %016lx RDI: %016lx\n", regs->rdx, regs->rsi, regs->rdi);
	printk("RBP: %016lx R08: %016lx R09: %016lx\n", regs->rbp, regs->r8, regs->r9);
	printk("R10: %016lx R11: %016lx R12: %016lx\n", regs->r10, regs->r11, regs->r12);
	printk("R13: %016lx R14: %016lx R15: %016lx\n", regs->r13, regs->r14, regs->r15);
	printk("CR0: %016lx CR2: %016lx CR3: %016lx CR4: %016lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

/* A kernel bug: report it and stop the machine. */
void __noreturn die(const char *what, struct pt_regs *regs)
{
	local_irq_disable();
	printk(KERN_EMERG "\n------------[ kernel exception ]------------\n");
	printk(KERN_EMERG "%s, error code %#lx", what, regs->orig_rax);
	if (regs->vector == X86_TRAP_PF)
		printk(" at address %#lx", read_cr2());
	printk("\npid %d (%s)\n", current ? current->pid : -1, current ? current->comm : "?");
	show_regs(regs);
	printk("Call Trace:\n");
	show_trace(regs->rip, regs->rbp);
	printk("---[ end kernel exception ]---\n");
	kernel_poweroff(KERNEL_PANIC_STATUS);
}

static void do_error_trap(struct pt_regs *regs)
{
	int v = regs->vector;
	const char *name = v < 32 && exception_names[v] ? exception_names[v] : "unknown exception";

	if (user_mode(regs)) {
		int sig = v == X86_TRAP_DE ? SIGFPE : v == X86_TRAP_UD ? SIGILL :
			  v == X86_TRAP_BP || v == X86_TRAP_DB ? SIGTRAP : SIGSEGV;
		printk(KERN_INFO "%s[%d]: %s ip %lx sp %lx error %lx\n", current->comm,
		       current->pid, name, regs->rip, regs->rsp, regs->orig_rax);
		force_sig(sig);
		return;
	}
	if (fixup_exception(regs))
		return;
	die(name, regs);
}

/* Entry from arch/x86_64/entry.S for every vector, interrupts off. */
void do_trap(struct pt_regs *regs)
{
	unsigned long v = regs->vector;

	if (v >= IRQ_BASE_VECTOR && v < IRQ_BASE_VECTOR + NR_IRQS) {
		do_IRQ(v - IRQ_BASE_VECTOR);
		return;
	}
	if (v == X86_TRAP_PF) {
		unsigned long addr = read_cr2();
		/* Faults may sleep (allocate, take mmap_lock): let interrupts in
		 * again if the interrupted code had them on. */
		if (regs->rflags & X86_EFLAGS_IF)
			local_irq_enable();
		do_page_fault(regs, regs->orig_rax, addr);
		local_irq_disable();
		return;
	}
	if (v == X86_TRAP_NMI)
		return;
	if (v == X86_TRAP_DF)
		die("double fault (kernel stack overflow?)", regs);
	if (regs->rflags & X86_EFLAGS_IF)
		local_irq_enable();
	do_error_trap(regs);
	local_irq_disable();
}
