/* split_huge_pages_debugfs: Linux's /sys/kernel/debug/split_huge_pages splits THPs on
 * demand. "PID,0xSTART,0xEND" splits the THPs of that range only (thp_split_page +1
 * per THP, AnonHugePages down by 2 MiB each, Rss and the data unchanged: the
 * subpages stay mapped); "1" splits every THP. Bad requests fail with EINVAL, an
 * unknown PID with ESRCH. */
#include "testlib.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>

#define CTL "/sys/kernel/debug/split_huge_pages"
#define LEN (6 * MB)

/* Writes s to the file; returns 0 or the errno of the write. */
static int request(const char *s)
{
	int fd = open(CTL, O_WRONLY);
	if (fd < 0)
		return errno;
	ssize_t n = write(fd, s, strlen(s));
	int err = n < 0 ? errno : 0;
	close(fd);
	return err;
}

int main(void)
{
	char buf[128];

	if (access(CTL, F_OK) != 0)
		mount("none", "/sys/kernel/debug", "debugfs", 0, NULL);	/* Linux: debugfs is not mounted by default */
	if (access(CTL, W_OK) != 0)
		test_skip("%s is missing (no debugfs, or not root)", CTL);

	thp_set_enabled("madvise");
	char *p = thp_region(LEN);
	fill_pattern(p, LEN, 11);
	REQUIRE(smaps_sum(0, p, LEN, "AnonHugePages") == 6144, "AnonHugePages before: expected 6144 kB, saw %ld",
		smaps_sum(0, p, LEN, "AnonHugePages"));

	/* the middle 2 MiB only */
	long split0 = vmstat("thp_split_page");
	snprintf(buf, sizeof(buf), "%d,%#lx,%#lx", getpid(), (unsigned long)(p + HPAGE_SIZE),
		 (unsigned long)(p + 2 * HPAGE_SIZE));
	EXPECT_EQ("write of PID,0xSTART,0xEND (errno)", request(buf), 0);
	EXPECT_DELTA("thp_split_page", vmstat("thp_split_page") - split0, 1);
	EXPECT_EQ("AnonHugePages (kB) after splitting one THP", smaps_sum(0, p, LEN, "AnonHugePages"), 4096);
	EXPECT_EQ("Rss (kB) after splitting one THP", smaps_sum(0, p, LEN, "Rss"), 6144);
	EXPECT_EQ("data after the split (first bad offset)", check_pattern(p, LEN, 11), -1);
	check_deposited("after splitting one THP");

	/* requests Linux refuses */
	EXPECT_EQ("write of \"hello\" (errno)", request("hello"), EINVAL);
	EXPECT_EQ("write of \"2\" (errno)", request("2"), EINVAL);
	snprintf(buf, sizeof(buf), "%d,%#lx", getpid(), (unsigned long)p);
	EXPECT_EQ("write of PID,0xSTART without an end (errno)", request(buf), EINVAL);
	EXPECT_EQ("write for a PID that does not exist (errno)", request("4000000,0x1000,0x2000"), ESRCH);

	/* "1": every THP */
	split0 = vmstat("thp_split_page");
	EXPECT_EQ("write of \"1\" (errno)", request("1"), 0);
	EXPECT_GE("thp_split_page after \"1\"", vmstat("thp_split_page") - split0, 2);
	EXPECT_EQ("AnonHugePages (kB) after \"1\"", smaps_sum(0, p, LEN, "AnonHugePages"), 0);
	EXPECT_EQ("data after \"1\" (first bad offset)", check_pattern(p, LEN, 11), -1);
	check_deposited("after splitting all");
	test_done();
}
