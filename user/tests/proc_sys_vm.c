/* proc_sys_vm: the /proc/sys/vm knobs have Linux's defaults (overcommit_memory 0,
 * overcommit_ratio 50, max_map_count 65530, swappiness 60), take only integers in
 * Linux's ranges (EINVAL otherwise, the value unchanged), and act: max_map_count
 * limits how many mappings mmap makes (ENOMEM past it), overcommit_memory 1 lets one
 * mapping exceed RAM where 0 refuses it, drop_caches and compact_memory take a
 * write. */
#include "testlib.h"

#include <sys/mman.h>

#define VM "/proc/sys/vm/"

static long knob(const char *name)
{
	char path[128], buf[64];
	snprintf(path, sizeof(path), VM "%s", name);
	return read_file(path, buf, sizeof(buf)) > 0 ? strtol(buf, NULL, 10) : -1;
}

/* 0 or the errno of writing s to the knob. */
static int set_knob(const char *name, const char *s)
{
	char path[128];
	snprintf(path, sizeof(path), VM "%s", name);
	return write_file(path, s) ? errno : 0;
}

static long maps_lines(void)
{
	char *text = read_file_alloc("/proc/self/maps");
	long n = 0;
	for (char *p = text; p && *p; p++)
		n += *p == '\n';
	free(text);
	return n;
}

int main(void)
{
	char buf[32];

	EXPECT_EQ("overcommit_memory", knob("overcommit_memory"), 0);
	EXPECT_EQ("overcommit_ratio", knob("overcommit_ratio"), 50);
	EXPECT_EQ("max_map_count", knob("max_map_count"), 65530);
	EXPECT_EQ("swappiness", knob("swappiness"), 60);

	/* bad writes change nothing */
	EXPECT_EQ("write of \"lots\" to overcommit_memory (errno)", set_knob("overcommit_memory", "lots"), EINVAL);
	EXPECT_EQ("write of 5 to overcommit_memory (errno)", set_knob("overcommit_memory", "5"), EINVAL);
	EXPECT_EQ("write of -1 to overcommit_memory (errno)", set_knob("overcommit_memory", "-1"), EINVAL);
	EXPECT_EQ("write of 201 to swappiness (errno)", set_knob("swappiness", "201"), EINVAL);
	EXPECT_EQ("write of 0 to drop_caches (errno)", set_knob("drop_caches", "0"), EINVAL);
	EXPECT_EQ("write of 5 to drop_caches (errno)", set_knob("drop_caches", "5"), EINVAL);
	EXPECT_EQ("overcommit_memory after bad writes", knob("overcommit_memory"), 0);
	EXPECT_EQ("swappiness after a bad write", knob("swappiness"), 60);

	/* good writes */
	EXPECT_EQ("write of 3 to drop_caches (errno)", set_knob("drop_caches", "3"), 0);
	EXPECT_EQ("write of 1 to compact_memory (errno)", set_knob("compact_memory", "1"), 0);
	EXPECT_EQ("write of 10 to swappiness (errno)", set_knob("swappiness", "10\n"), 0);
	EXPECT_EQ("swappiness after writing 10", knob("swappiness"), 10);
	set_knob("swappiness", "60");

	/* overcommit_memory: one private writable mapping of 4 x RAM */
	size_t huge = (size_t)meminfo_kb("MemTotal") * 1024 * 4;
	void *p = mmap(NULL, huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(p == MAP_FAILED && errno == ENOMEM,
	       "mmap of 4 x MemTotal with overcommit_memory 0: expected ENOMEM, saw %s",
	       p == MAP_FAILED ? errno_name(errno) : "success");
	if (p != MAP_FAILED)
		munmap(p, huge);
	EXPECT_EQ("write of 1 to overcommit_memory (errno)", set_knob("overcommit_memory", "1"), 0);
	p = mmap(NULL, huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(p != MAP_FAILED, "mmap of 4 x MemTotal with overcommit_memory 1: expected success, saw %s",
	       errno_name(errno));
	if (p != MAP_FAILED)
		munmap(p, huge);
	set_knob("overcommit_memory", "0");

	/* max_map_count: about 20 more mappings, then ENOMEM */
	long limit = maps_lines() + 20;
	snprintf(buf, sizeof(buf), "%ld", limit);
	REQUIRE(set_knob("max_map_count", buf) == 0, "write of %ld to max_map_count: %s", limit, errno_name(errno));
	int made = 0, err = 0;
	char *area = mmap(NULL, 200 * PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(area, 200 * PAGE_SIZE);	/* a free range: one page in two, so none merge */
	for (int i = 0; i < 100; i++) {
		void *q = mmap(area + 2 * i * PAGE_SIZE, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
			       MAP_FIXED_NOREPLACE, -1, 0);
		if (q == MAP_FAILED) {
			err = errno;
			break;
		}
		made++;
	}
	set_knob("max_map_count", "65530");
	EXPECT(made >= 15 && made <= 25 && err == ENOMEM,
	       "mmaps with max_map_count = mappings + 20: expected 15 to 25, then ENOMEM; saw %d, then %s", made,
	       err ? errno_name(err) : "no error");
	EXPECT_EQ("max_map_count put back", knob("max_map_count"), 65530);
	void *q = mmap(area + 199 * PAGE_SIZE, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	EXPECT(q != MAP_FAILED, "mmap after max_map_count was put back: expected success, saw %s", errno_name(errno));
	test_done();
}
