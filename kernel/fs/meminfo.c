/* System-wide memory files, in Linux's formats: /proc/meminfo,
 * /proc/vmstat, /proc/buddyinfo. The numbers are the exact counters the
 * allocator and the rmap code keep (include/linux/vmstat.h). */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/huge_mm.h>
#include <linux/fs.h>

#define KB(pages) ((unsigned long)(pages) << (PAGE_SHIFT - 10))
#define MI(m, label, pages) seq_printf(m, "%-16s%8lu kB\n", label, KB(pages))

unsigned long totalreserve_pages(void);

static int meminfo_show(struct seq_file *m, struct task_struct *t, void *data)
{
	long free = nr_free_pages();
	long available = free - (long)totalreserve_pages();
	if (available < 0)
		available = 0;

	MI(m, "MemTotal:", totalram_pages);
	MI(m, "MemFree:", free);
	MI(m, "MemAvailable:", available);
	MI(m, "Buffers:", 0);
	MI(m, "Cached:", 0);
	MI(m, "SwapCached:", 0);
	MI(m, "Active:", global_node_page_state(NR_ANON_MAPPED));
	MI(m, "Inactive:", 0);
	MI(m, "Active(anon):", global_node_page_state(NR_ANON_MAPPED));
	MI(m, "Inactive(anon):", 0);
	MI(m, "Active(file):", 0);
	MI(m, "Inactive(file):", 0);
	MI(m, "Unevictable:", 0);
	MI(m, "Mlocked:", 0);
	MI(m, "SwapTotal:", 0);
	MI(m, "SwapFree:", 0);
	MI(m, "Dirty:", 0);
	MI(m, "Writeback:", 0);
	MI(m, "AnonPages:", global_node_page_state(NR_ANON_MAPPED));
	MI(m, "Mapped:", 0);
	MI(m, "Shmem:", global_node_page_state(NR_SHMEM));
	MI(m, "KReclaimable:", 0);
	MI(m, "Slab:", global_node_page_state(NR_SLAB_PAGES));
	MI(m, "SReclaimable:", 0);
	MI(m, "SUnreclaim:", global_node_page_state(NR_SLAB_PAGES));
	seq_printf(m, "%-16s%8lu kB\n", "KernelStack:", global_node_page_state(NR_KERNEL_STACK_KB));
	MI(m, "PageTables:", global_node_page_state(NR_PAGETABLE));
	MI(m, "NFS_Unstable:", 0);
	MI(m, "Bounce:", 0);
	MI(m, "WritebackTmp:", 0);
	MI(m, "CommitLimit:", totalram_pages * sysctl_overcommit_ratio / 100);
	MI(m, "Committed_AS:", global_node_page_state(NR_ANON_MAPPED));
	seq_printf(m, "%-16s%8lu kB\n", "VmallocTotal:", 34359738367UL);
	MI(m, "VmallocUsed:", 0);
	MI(m, "VmallocChunk:", 0);
	MI(m, "Percpu:", 0);
	MI(m, "HardwareCorrupted:", 0);
	MI(m, "AnonHugePages:", global_node_page_state(NR_ANON_THPS) * HPAGE_PMD_NR);
	MI(m, "ShmemHugePages:", 0);
	MI(m, "ShmemPmdMapped:", 0);
	MI(m, "FileHugePages:", 0);
	MI(m, "FilePmdMapped:", 0);
	seq_printf(m, "HugePages_Total:%8d\nHugePages_Free: %8d\nHugePages_Rsvd: %8d\nHugePages_Surp: %8d\n",
		   0, 0, 0, 0);
	MI(m, "Hugepagesize:", HPAGE_PMD_NR);
	MI(m, "Hugetlb:", 0);
	MI(m, "DirectMap4k:", 0);
	MI(m, "DirectMap2M:", 0);
	MI(m, "DirectMap1G:", max_pfn);
	return 0;
}

static int vmstat_show(struct seq_file *m, struct task_struct *t, void *data)
{
	for (int i = 0; i < NR_VM_STAT_ITEMS; i++)
		seq_printf(m, "%s %ld\n", vmstat_text[i], global_node_page_state(i));
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		seq_printf(m, "%s %ld\n", vm_event_text[i], global_vm_event(i));
	return 0;
}

void zone_free_counts(unsigned long counts[MAX_ORDER]);

static int buddyinfo_show(struct seq_file *m, struct task_struct *t, void *data)
{
	unsigned long counts[MAX_ORDER];
	zone_free_counts(counts);
	seq_printf(m, "Node 0, zone %8s ", contig_zone.name);
	for (int o = 0; o < MAX_ORDER; o++)
		seq_printf(m, "%6lu ", counts[o]);
	seq_putc(m, '\n');
	return 0;
}

static const struct pseudo_file_ops meminfo_ops = { .show = meminfo_show };
static const struct pseudo_file_ops vmstat_ops = { .show = vmstat_show };
static const struct pseudo_file_ops buddyinfo_ops = { .show = buddyinfo_show };

void proc_page_init(void);	/* kernel/fs/page.c */

void proc_meminfo_init(void)
{
	proc_page_init();
	proc_create("meminfo", 0444, &meminfo_ops, NULL);
	proc_create("vmstat", 0444, &vmstat_ops, NULL);
	proc_create("buddyinfo", 0444, &buddyinfo_ops, NULL);
}
