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

static char cmdline_copy[COMMAND_LINE_SIZE];
extern bool page_poisoning;
void cpu_enable_protection(void);
void cpu_idle(void) __noreturn;
void kernel_subsystems_init(void);
int start_init(void);

static int set_selftest(const char *v) { boot_params.selftest = true; return 0; }
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

extern const struct kernel_param subsystem_params[];
extern const int nr_subsystem_params;

static const struct kernel_param core_params[] = {
	{ "selftest", set_selftest, false },
	{ "debug_vm", set_debug_vm, false },
	{ "quiet", set_quiet, false },
	{ "loglevel", set_loglevel, false },
};

/* Parse the command line with the core parameters and those the subsystems
 * register (kernel/params.c). */
void setup_cmdline(char *cmdline)
{
	static struct kernel_param all[64];
	int n = 0;
	for (unsigned i = 0; i < ARRAY_SIZE(core_params); i++)
		all[n++] = core_params[i];
	for (int i = 0; i < nr_subsystem_params && n < 64; i++)
		all[n++] = subsystem_params[i];
	parse_cmdline(cmdline, all, n, &boot_params);
}

/* pid 1: start the kernel's own threads, then run the self-tests or exec
 * the first user program (Linux's kernel_init). */
static int kernel_init(void *unused)
{
	kernel_subsystems_init();
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
	serial_enable_rx();

	/* pid 1 starts as a kernel thread and becomes the first process */
	kthread_run(kernel_init, NULL, "init");
	cpu_idle();
}
