/* kmain: from the boot code to a running system. The order matters: the
 * console first (so anything can be reported), then the CPU tables, then
 * memory (memblock -> page tables -> buddy -> kmalloc), then time and the
 * scheduler, and last the first user process. */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <asm/desc.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include <linux/fs.h>
#include <linux/rmap.h>
#include <linux/huge_mm.h>
#include <linux/swap.h>
#include <linux/trace.h>
#include <linux/thp_insight.h>
#include <linux/vm_reserv.h>

static char cmdline_copy[COMMAND_LINE_SIZE];
extern bool page_poisoning;
void cpu_enable_protection(void);
void cpu_idle(void) __noreturn;
int start_init(void);

static int set_selftest(const char *v) { boot_params.selftest = true; return 0; }
static bool overflow_test;
static int set_overflow_test(const char *v) { overflow_test = true; return 0; }
static int set_debug_vm(const char *v) { boot_params.debug_vm = true; page_poisoning = true; return 0; }
static int set_quiet(const char *v) { console_loglevel = 4; return 0; }
static int set_loglevel(const char *v)
{
	int l;
	if (!v || kstrtoint(v, 10, &l) || l < 0 || l > 8)
		return -EINVAL;
	console_loglevel = l;
	return 0;
}

static int set_thp_policy(const char *v) { return v ? thp_set_policy(v) : -EINVAL; }
static int set_thp(const char *v)
{
	extern int thp_set_mode(const char *mode);
	return v ? thp_set_mode(v) : -EINVAL;
}
static int set_trace(const char *v) { return trace_set_from_cmdline(v); }
static int set_khugepaged(const char *v)
{
	extern int khugepaged_set_param(const char *name_eq_value);
	return khugepaged_set_param(v);
}
static int set_jitter(const char *v)
{
	return v && !kstrtoul(v, 0, &boot_params.jitter_seed) ? 0 : -EINVAL;
}

static const struct kernel_param core_params[] = {
	{ "selftest", set_selftest, false },
	{ "stack_overflow_test", set_overflow_test, false },
	{ "debug_vm", set_debug_vm, false },
	{ "quiet", set_quiet, false },
	{ "loglevel", set_loglevel, false },
	{ "transparent_hugepage", set_thp, false },
	{ "thp_policy", set_thp_policy, false },
	{ "trace", set_trace, false },
	{ "khugepaged.", set_khugepaged, true },
	{ "jitter", set_jitter, false },
};

void setup_cmdline(char *cmdline)
{
	parse_cmdline(cmdline, core_params, ARRAY_SIZE(core_params), &boot_params);
}

/* Everything that needs memory, time and the scheduler, before pid 1 runs
 * user code: files, the user ABI, THP and its threads, the /proc files. */
static void kernel_subsystems_init(void)
{
	extern void fpu_init(void);
	extern void proc_mm_init(void);

	vfs_init();
	serial_enable_rx();		/* the console exists now: take input */
	if (initrd_size)
		populate_rootfs(__va(initrd_start_phys), initrd_size);
	else
		printk(KERN_WARNING "no initramfs module: the root file system is empty\n");
	syscall_init();
	fpu_init();
	zero_page_init();
	trace_init();
	hugepage_init();
	proc_mm_init();
	khugepaged_init();
	kswapd_init();
	vm_sysctl_init();
	thp_insight_init();
	vm_reserv_init();
	if (boot_params.debug_vm) {
		extern void debug_vm_init(void);
		debug_vm_init();
	}
}

/* pid 1: start the kernel's own threads, then run the self-tests or exec
 * the first user program (Linux's kernel_init). */
static int kernel_init(void *unused)
{
	kernel_subsystems_init();
	if (overflow_test) {
		extern int stack_overflow_test(void);
		stack_overflow_test();
	}
	if (boot_params.selftest)
		kernel_poweroff(run_selftests());
	if (start_init() < 0)
		panic("no working init found (init=%s); see DESIGN.md section 4",
		      boot_params.init_argv[0] ? boot_params.init_argv[0] : "/bin/init");
	return 0;
}

void kmain(unsigned long magic, unsigned long info_phys)
{
	serial_init();
	printk(KERN_NOTICE "thpkernel: booting\n");
	parse_multiboot(magic, info_phys);
	printk(KERN_INFO "Command line: %s\n", boot_command_line);
	strlcpy(cmdline_copy, boot_command_line, sizeof(cmdline_copy));
	setup_cmdline(cmdline_copy);

	cpu_init_features();
	gdt_init();
	idt_init();
	init_IRQ();

	paging_init();
	cpu_enable_protection();
	mem_init();
	kmem_cache_init();
	sched_init();
	time_init();
	local_irq_enable();

	/* pid 1 starts as a kernel thread and becomes the first process */
	kthread_run(kernel_init, NULL, "init");
	cpu_idle();
}
