/* CPU control: control registers, MSRs, CPUID, interrupt flag, TLB flushes. */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <linux/types.h>

#define X86_CR0_WP	BIT(16)
#define X86_CR4_PGE	BIT(7)
#define X86_CR4_OSFXSR	BIT(9)
#define X86_CR4_SMEP	BIT(20)
#define X86_CR4_SMAP	BIT(21)
#define X86_EFLAGS_IF	BIT(9)
#define X86_EFLAGS_AC	BIT(18)

#define MSR_EFER		0xc0000080
#define MSR_STAR		0xc0000081
#define MSR_LSTAR		0xc0000082
#define MSR_SYSCALL_MASK	0xc0000084
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102
#define EFER_SCE		BIT(0)
#define EFER_NX			BIT(11)

static inline u64 read_cr0(void) { u64 v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline u64 read_cr2(void) { u64 v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline u64 read_cr3(void) { u64 v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline u64 read_cr4(void) { u64 v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr0(u64 v) { __asm__ volatile("mov %0, %%cr0" :: "r"(v) : "memory"); }
static inline void write_cr3(u64 v) { __asm__ volatile("mov %0, %%cr3" :: "r"(v) : "memory"); }
static inline void write_cr4(u64 v) { __asm__ volatile("mov %0, %%cr4" :: "r"(v) : "memory"); }

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ volatile("wrmsr" :: "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}

static inline void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline void local_irq_enable(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void local_irq_disable(void) { __asm__ volatile("cli" ::: "memory"); }
static inline unsigned long local_save_flags(void)
{
	unsigned long f;
	__asm__ volatile("pushfq; popq %0" : "=r"(f) :: "memory");
	return f;
}
static inline bool irqs_disabled(void) { return !(local_save_flags() & X86_EFLAGS_IF); }
#define local_irq_save(flags) do { flags = local_save_flags(); local_irq_disable(); } while (0)
#define local_irq_restore(flags) do { if ((flags) & X86_EFLAGS_IF) local_irq_enable(); } while (0)

static inline void halt(void) { __asm__ volatile("hlt" ::: "memory"); }
static inline void cpu_relax(void) { __asm__ volatile("pause" ::: "memory"); }

/* Drop the TLB entry of one page; the next access walks the tables again. */
static inline void __flush_tlb_one(unsigned long addr)
{
	__asm__ volatile("invlpg (%0)" :: "r"(addr) : "memory");
}

/* Drop every non-global TLB entry (reloading CR3 does it). */
static inline void __flush_tlb_all(void)
{
	write_cr3(read_cr3());
}

/* SMAP: the kernel may touch user pages only between stac and clac. */
extern bool cpu_has_smap;
static inline void stac(void) { if (cpu_has_smap) __asm__ volatile("stac" ::: "memory"); }
static inline void clac(void) { if (cpu_has_smap) __asm__ volatile("clac" ::: "memory"); }

extern bool cpu_has_nx, cpu_has_smep, cpu_has_gbpages;
void cpu_init_features(void);

#endif
