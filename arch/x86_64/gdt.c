/* The GDT (code/data segments for kernel and user) and the TSS, whose rsp0
 * is the stack the CPU switches to on an interrupt from user mode and whose
 * IST1 gives double faults a known-good stack. */
#include <linux/kernel.h>
#include <asm/ptrace.h>
#include <asm/desc.h>
#include <asm/boot.h>

struct tss_struct {
	u32 reserved0;
	u64 rsp0, rsp1, rsp2;
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 io_bitmap_base;
} __packed;

static struct tss_struct tss __aligned(16);
static u8 double_fault_stack[8192] __aligned(16);

/* Flat segments: base 0, limit ignored in long mode. */
static u64 gdt[7] __aligned(16) = {
	0,
	0x00af9a000000ffffUL,	/* 0x08 kernel code, 64-bit */
	0x00cf92000000ffffUL,	/* 0x10 kernel data */
	0x00cff2000000ffffUL,	/* 0x18 user data (DPL 3) */
	0x00affa000000ffffUL,	/* 0x20 user code, 64-bit (DPL 3) */
	0, 0,			/* 0x28 TSS: a 16-byte descriptor */
};

struct desc_ptr {
	u16 size;
	u64 address;
} __packed;

void gdt_init(void)
{
	u64 base = (u64)&tss;
	u64 limit = sizeof(tss) - 1;

	tss.io_bitmap_base = sizeof(tss);
	tss.ist[0] = (u64)double_fault_stack + sizeof(double_fault_stack);
	gdt[GDT_ENTRY_TSS] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
			     (0x89UL << 40) | (((limit >> 16) & 0xf) << 48) |
			     (((base >> 24) & 0xff) << 56);
	gdt[GDT_ENTRY_TSS + 1] = base >> 32;

	struct desc_ptr p = { sizeof(gdt) - 1, (u64)gdt };
	__asm__ volatile("lgdt %0" :: "m"(p));
	__asm__ volatile(
		"movw %w0, %%ds\n\tmovw %w0, %%es\n\tmovw %w0, %%ss\n\t"
		"pushq %1\n\tleaq 1f(%%rip), %%rax\n\tpushq %%rax\n\tlretq\n1:"
		:: "r"(__KERNEL_DS), "i"(__KERNEL_CS) : "rax", "memory");
	__asm__ volatile("ltr %w0" :: "r"(GDT_ENTRY_TSS * 8));
}

/* The kernel stack the CPU (and the syscall entry) will use for this task. */
void load_sp0(unsigned long sp0)
{
	extern unsigned long cpu_kernel_stack;
	tss.rsp0 = sp0;
	cpu_kernel_stack = sp0;
}
