/* The host unit-test harness (see harness.h). Built with libc's headers,
 * never with the kernel's: it is the only file that talks to the host. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

static const char *test_name;
static char fail_msg[512];
static int test_failed, any_failed;

static jmp_buf test_jmp;		/* where an unexpected panic ends a case */
static jmp_buf *catch_jmp;		/* set while catch_panic runs */
static char panic_msg[512];

static char printk_last[512];
static char printk_log[64 * 1024];	/* every message since printk_reset */
static size_t printk_len;

/* One result line per case: the message must not break it in two. */
static void one_line(char *s)
{
	for (; *s; s++)
		if (*s == '\n' || *s == '\r')
			*s = ' ';
}

void run_test(const char *name, void (*fn)(void))
{
	test_name = name;
	test_failed = 0;
	fail_msg[0] = 0;
	catch_jmp = NULL;
	if (!setjmp(test_jmp))
		fn();
	catch_jmp = NULL;
	if (test_failed) {
		any_failed = 1;
		one_line(fail_msg);
		printf("FAIL %s: %s\n", name, fail_msg);
	} else {
		printf("PASS %s\n", name);
	}
	fflush(stdout);
}

int unit_finish(void)
{
	return any_failed;
}

static int vfail(const char *fmt, va_list ap)
{
	if (!test_failed)
		vsnprintf(fail_msg, sizeof(fail_msg), fmt, ap);
	test_failed = 1;
	return 0;
}

int fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(fmt, ap);
	va_end(ap);
	return 0;
}

int failed(void)
{
	return test_failed;
}

int expect_ul(const char *what, unsigned long expected, unsigned long seen)
{
	if (expected == seen)
		return 1;
	return fail("expected %s %lu (%#lx), saw %lu (%#lx)", what, expected, expected, seen, seen);
}

int expect_l(const char *what, long expected, long seen)
{
	if (expected == seen)
		return 1;
	return fail("expected %s %ld, saw %ld", what, expected, seen);
}

int expect_str(const char *what, const char *expected, const char *seen)
{
	if (expected == seen || (expected && seen && !strcmp(expected, seen)))
		return 1;
	return fail("expected %s \"%s\", saw \"%s\"", what, expected ? expected : "(NULL)",
		    seen ? seen : "(NULL)");
}

/* The kernel's panic: never returns. Inside catch_panic it jumps back
 * there; anywhere else it fails the running case. */
void panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(panic_msg, sizeof(panic_msg), fmt, ap);
	va_end(ap);
	if (catch_jmp) {
		jmp_buf *j = catch_jmp;
		catch_jmp = NULL;
		longjmp(*j, 1);
	}
	if (!test_name) {
		fprintf(stderr, "panic outside a test case: %s\n", panic_msg);
		abort();
	}
	fail("expected no panic, saw panic \"%s\"", panic_msg);
	longjmp(test_jmp, 1);
}

int catch_panic(void (*fn)(void *), void *arg)
{
	jmp_buf here;

	panic_msg[0] = 0;
	if (setjmp(here))
		return 1;
	catch_jmp = &here;
	fn(arg);
	catch_jmp = NULL;
	return 0;
}

const char *last_panic(void)
{
	return panic_msg;
}

/* The kernel's printk: messages are kept, not shown, unless UNIT_VERBOSE
 * is set. A level prefix ("\001" and a digit) is dropped. */
int printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(printk_last, sizeof(printk_last), fmt, ap);
	va_end(ap);
	if (printk_last[0] == '\001' && printk_last[1])
		memmove(printk_last, printk_last + 2, strlen(printk_last + 2) + 1);
	size_t len = strlen(printk_last);
	if (printk_len + len + 2 < sizeof(printk_log)) {
		memcpy(printk_log + printk_len, printk_last, len);
		printk_len += len;
		printk_log[printk_len++] = '\n';
		printk_log[printk_len] = 0;
	}
	if (getenv("UNIT_VERBOSE"))
		fprintf(stderr, "printk: %s", printk_last);
	return n;
}

void printk_reset(void)
{
	printk_last[0] = 0;
	printk_log[0] = 0;
	printk_len = 0;
}

int printk_count(const char *needle)
{
	int n = 0;
	for (const char *p = printk_log; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static unsigned long rnd_state = 1;

void rnd_seed(unsigned long seed)
{
	rnd_state = seed ? seed : 1;
}

static unsigned long rnd(void)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return rnd_state * 0x2545F4914F6CDD1DUL;
}

unsigned long rnd_below(unsigned long n)
{
	return n ? rnd() % n : 0;
}

int h_contains(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

int h_snprintf(char *buf, unsigned long size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void *h_calloc(unsigned long n, unsigned long size)
{
	void *p = calloc(n, size);
	if (!p) {
		fprintf(stderr, "host out of memory\n");
		abort();
	}
	return p;
}

void h_free(void *p)
{
	free(p);
}
