/* The host unit-test harness: runs named test cases, prints one line
 * "PASS name" or "FAIL name: expected X, saw Y" per case, and stands in for
 * the kernel's panic and printk. Test files include kernel headers, so this
 * header uses no libc types. */
#ifndef UNIT_HARNESS_H
#define UNIT_HARNESS_H

/* Run fn as the test case "name" and print its result line. A panic that
 * the case did not expect ends it as a failure. */
void run_test(const char *name, void (*fn)(void));

/* The exit status for main: 1 if any case failed. */
int unit_finish(void);

/* Mark the running case failed; the first message is the one printed. The
 * message should read "expected ..., saw ...". Returns 0 so that a case can
 * write: if (!ok) return fail(...); */
int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Compare and fail with "expected <what> E, saw S" on a mismatch.
 * Each returns 1 when the values are equal. */
int expect_ul(const char *what, unsigned long expected, unsigned long seen);
int expect_l(const char *what, long expected, long seen);
int expect_str(const char *what, const char *expected, const char *seen);

/* Has the running case failed so far? Loops use it to stop early. */
int failed(void);

/* Call fn(arg) and catch a panic. Returns 1 if fn panicked; the message is
 * then in last_panic(). */
int catch_panic(void (*fn)(void *), void *arg);
const char *last_panic(void);

/* What the kernel printed: how many messages (level prefix stripped)
 * contained 'needle' since the last printk_reset(). */
void printk_reset(void);
int printk_count(const char *needle);

/* A seeded pseudo-random generator (xorshift64*), so every run performs
 * the same operations. */
void rnd_seed(unsigned long seed);
unsigned long rnd_below(unsigned long n);	/* 0 .. n-1 */

/* Does hay contain needle? */
int h_contains(const char *hay, const char *needle);

/* libc's snprintf, for building messages in files without libc headers. */
int h_snprintf(char *buf, unsigned long size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Zero-filled memory from the host (never NULL; aborts when out of memory). */
void *h_calloc(unsigned long n, unsigned long size);
void h_free(void *p);

#endif
