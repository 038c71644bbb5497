/* Symbolized backtraces. scripts/gen-kallsyms.sh turns the first link's
 * symbol list into sorted tables (the .kallsyms section); a lookup is a
 * binary search for the last function that starts at or below an address. */
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <linux/sched.h>
#include <asm/boot.h>

extern char init_stack[];

extern const unsigned long kallsyms_num;
extern const unsigned long kallsyms_addresses[];
extern const unsigned int kallsyms_offsets[];
extern const char kallsyms_names[];
extern char _text[], _etext[];

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
	unsigned long lo = 0, hi = kallsyms_num;

	if (addr < (unsigned long)_text || addr >= (unsigned long)_etext || !kallsyms_num)
		return NULL;
	while (hi - lo > 1) {
		unsigned long mid = (lo + hi) / 2;
		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (kallsyms_addresses[lo] > addr)
		return NULL;
	if (offset)
		*offset = addr - kallsyms_addresses[lo];
	if (size)
		*size = (lo + 1 < kallsyms_num ? kallsyms_addresses[lo + 1] : (unsigned long)_etext)
			- kallsyms_addresses[lo];
	return kallsyms_names + kallsyms_offsets[lo];
}

void print_symbol(unsigned long addr)
{
	unsigned long off, size;
	const char *name = kallsyms_lookup(addr, &off, &size);
	if (name)
		printk("%s+%#lx/%#lx", name, off, size);
	else
		printk("%#lx", addr);
}

/* A return address: the call is the instruction before it (a call to a
 * function that never returns may be the last one of its function). */
static void print_return_symbol(unsigned long ret)
{
	unsigned long off, size;
	const char *name = kallsyms_lookup(ret - 1, &off, &size);
	if (name)
		printk("%s+%#lx/%#lx", name, off + 1, size);
	else
		printk("%#lx", ret);
}

/* Is p a plausible frame pointer: inside the current kernel stack? */
static bool on_stack(unsigned long p)
{
	unsigned long base = current && current->stack ? (unsigned long)current->stack
						      : (unsigned long)init_stack;
	return p >= base && p + 16 <= base + KERNEL_STACK_SIZE && !(p & 7);
}

/* Follow the frame-pointer chain: [rbp] = caller's rbp, [rbp+8] = return address. */
void show_trace(unsigned long rip, unsigned long rbp)
{
	printk(" ");
	print_symbol(rip);
	printk("\n");
	for (int depth = 0; depth < 32 && on_stack(rbp); depth++) {
		unsigned long ret = ((unsigned long *)rbp)[1];
		if (!ret)
			break;
		printk(" ");
		print_return_symbol(ret);
		printk("\n");
		rbp = ((unsigned long *)rbp)[0];
	}
}

/* The caller's backtrace (dump_stack's own frame left out). */
void dump_stack(void)
{
	unsigned long *rbp;
	__asm__ volatile("movq %%rbp, %0" : "=r"(rbp));
	show_trace(rbp[1] - 1, rbp[0]);
}
