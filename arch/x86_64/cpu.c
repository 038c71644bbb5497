/* CPU feature probe: NX, SMEP, SMAP, 1 GiB pages; turn on what we use. */
#include <linux/kernel.h>
#include <asm/processor.h>

bool cpu_has_nx, cpu_has_smep, cpu_has_smap, cpu_has_gbpages;

void cpu_init_features(void)
{
	u32 a, b, c, d;

	cpuid(0x80000001, 0, &a, &b, &c, &d);
	cpu_has_nx = d & BIT(20);
	cpu_has_gbpages = d & BIT(26);
	cpuid(0, 0, &a, &b, &c, &d);
	if (a >= 7) {
		cpuid(7, 0, &a, &b, &c, &d);
		cpu_has_smep = b & BIT(7);
		cpu_has_smap = b & BIT(20);
	}
	if (cpu_has_nx)
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NX);
	/* CR0.WP: the kernel, too, faults on writes to read-only pages (COW). */
	write_cr0(read_cr0() | X86_CR0_WP);
	write_cr4(read_cr4() | X86_CR4_PGE);
}

/* SMEP/SMAP go on once the kernel's own page tables are in place: from then
 * on the kernel can neither run user code nor touch user memory except in
 * copy_from_user/copy_to_user (stac/clac). */
void cpu_enable_protection(void)
{
	u64 cr4 = read_cr4();
	if (cpu_has_smep)
		cr4 |= X86_CR4_SMEP;
	if (cpu_has_smap)
		cr4 |= X86_CR4_SMAP;
	write_cr4(cr4);
	printk(KERN_INFO "cpu: NX %s, SMEP %s, SMAP %s, 1G pages %s\n",
	       cpu_has_nx ? "on" : "absent", cpu_has_smep ? "on" : "absent",
	       cpu_has_smap ? "on" : "absent", cpu_has_gbpages ? "yes" : "no");
}
