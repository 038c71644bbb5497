/* Host tests of the kernel command line (kernel/cmdline.c): which words are
 * kernel parameters, which go to init as arguments or environment, and
 * what each parameter's handler receives (DESIGN.md section 4). */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include "harness.h"

/* Each handler records what it was given; NULL means a bare NAME. */
#define NOT_CALLED "(not called)"
static const char *thp_val, *debug_vm_val, *loglevel_val, *khugepaged_val, *jitter_val;
static int khugepaged_calls;

static const char *seen(const char *v) { return v ? v : "(NULL)"; }

static int set_thp(const char *v) { thp_val = seen(v); return 0; }
static int set_debug_vm(const char *v) { debug_vm_val = seen(v); return 0; }
static int set_jitter(const char *v) { jitter_val = seen(v); return 0; }
static int set_khugepaged(const char *v)
{
	khugepaged_val = seen(v);
	khugepaged_calls++;
	return 0;
}
/* Takes 0..8 only, like the kernel's loglevel=. */
static int set_loglevel(const char *v)
{
	loglevel_val = seen(v);
	if (!v || v[0] < '0' || v[0] > '8' || v[1])
		return -EINVAL;
	return 0;
}

static const struct kernel_param params[] = {
	{ "transparent_hugepage", set_thp, false },
	{ "debug_vm", set_debug_vm, false },
	{ "loglevel", set_loglevel, false },
	{ "khugepaged.", set_khugepaged, true },
	{ "jitter", set_jitter, false },
};

static struct boot_params bp;
static char line[4096];
static int bad;

static void parse(const char *cmdline)
{
	thp_val = debug_vm_val = loglevel_val = khugepaged_val = jitter_val = NOT_CALLED;
	khugepaged_calls = 0;
	memset(&bp, 0xa5, sizeof(bp));	/* nothing may be left unset */
	unsigned long i;
	for (i = 0; cmdline[i] && i < sizeof(line) - 1; i++)
		line[i] = cmdline[i];
	line[i] = 0;
	printk_reset();
	bad = parse_cmdline(line, params, ARRAY_SIZE(params), &bp);
}

/* "[a, b, c]" of a NULL-terminated vector, NULL entries shown as (NULL). */
static const char *vec(const char *const *v, int n)
{
	static char buf[2][1024];
	static int which;
	char *b = buf[which ^= 1];
	int len = h_snprintf(b, sizeof(buf[0]), "[");
	for (int i = 0; i < n; i++)
		len += h_snprintf(b + len, sizeof(buf[0]) - len, "%s%s", i ? ", " : "", seen(v[i]));
	h_snprintf(b + len, sizeof(buf[0]) - len, "]");
	return b;
}

/* argv and envp are exactly the given lists, each NULL-terminated. */
static bool expect_init(const char *argv, const char *envp)
{
	if (bp.init_argc < 1 || bp.init_argc > MAX_INIT_ARGS || bp.init_envc < 0 || bp.init_envc > MAX_INIT_ARGS)
		return fail("expected sane counts, saw init_argc %d init_envc %d", bp.init_argc, bp.init_envc);
	if (!expect_str("init argv", argv, vec(bp.init_argv, bp.init_argc)) ||
	    !expect_str("init envp", envp, vec(bp.init_envp, bp.init_envc)))
		return false;
	if (bp.init_argv[bp.init_argc] || bp.init_envp[bp.init_envc])
		return fail("expected argv and envp NULL-terminated, saw %s and %s",
			    seen(bp.init_argv[bp.init_argc]), seen(bp.init_envp[bp.init_envc]));
	return true;
}

static void init_path_and_arguments(void)
{
	parse("init=/bin/prog alpha beta");
	if (expect_init("[/bin/prog, alpha, beta]", "[]"))
		expect_l("parse_cmdline() result", 0, bad);
}

static void known_parameters_are_consumed_anywhere(void)
{
	parse("transparent_hugepage=always init=/x a b debug_vm");
	if (!expect_init("[/x, a, b]", "[]"))
		return;
	if (!expect_str("transparent_hugepage handler value", "always", thp_val) ||
	    !expect_str("debug_vm handler value", "(NULL)", debug_vm_val))
		return;
	expect_l("parse_cmdline() result", 0, bad);
}

static void unknown_name_value_goes_to_init_environment(void)
{
	parse("init=/x TERM=vt100 word HOME=/");
	expect_init("[/x, word]", "[TERM=vt100, HOME=/]");
}

static void unknown_words_go_to_init_arguments(void)
{
	parse("single init=/sbin/init -v debug_vmx");
	if (expect_init("[/sbin/init, single, -v, debug_vmx]", "[]"))
		expect_str("debug_vm handler (debug_vmx is another word)", NOT_CALLED, debug_vm_val);
}

static void double_dash_sends_everything_after_to_init(void)
{
	parse("init=/x debug_vm -- loglevel=3 A=B -- init=/y transparent_hugepage=never");
	if (!expect_init("[/x, loglevel=3, A=B, --, init=/y, transparent_hugepage=never]", "[]"))
		return;
	if (!expect_str("debug_vm handler value (before --)", "(NULL)", debug_vm_val) ||
	    !expect_str("loglevel handler (after --)", NOT_CALLED, loglevel_val))
		return;
	expect_str("transparent_hugepage handler (after --)", NOT_CALLED, thp_val);
}

static void quotes_group_words_with_spaces(void)
{
	parse("init=/bin/echo \"hello world\" MSG=\"a b  c\" x\"y z\"");
	expect_init("[/bin/echo, hello world, xy z]", "[MSG=a b  c]");
}

static void tabs_newlines_and_repeated_spaces_separate_words(void)
{
	parse("  init=/x\ta   b\n\nc  \n");
	expect_init("[/x, a, b, c]", "[]");
}

static void bad_values_are_counted_and_reported(void)
{
	parse("loglevel=abc init=/x loglevel=9 a");
	if (!expect_l("parse_cmdline() result (two bad values)", 2, bad) ||
	    !expect_l("warnings naming the word", 1, printk_count("'loglevel=9'")))
		return;
	if (!expect_init("[/x, a]", "[]"))
		return;
	parse("loglevel=7");
	if (!expect_l("parse_cmdline() result for a good value", 0, bad))
		return;
	expect_str("loglevel handler value", "7", loglevel_val);
}

static void bare_parameter_gets_null_and_empty_value_gets_empty(void)
{
	parse("jitter");
	if (!expect_str("jitter handler value for a bare word", "(NULL)", jitter_val))
		return;
	parse("jitter=");
	expect_str("jitter handler value for \"jitter=\"", "", jitter_val);
}

static void prefix_parameter_gets_the_rest_of_the_word(void)
{
	parse("khugepaged.pages_to_scan=8 init=/x khugepaged.scan_sleep_millisecs=10");
	if (!expect_l("khugepaged. handler calls", 2, khugepaged_calls) ||
	    !expect_str("last khugepaged. handler value", "scan_sleep_millisecs=10", khugepaged_val))
		return;
	parse("khugepaged.pages_to_scan=8");
	if (!expect_str("khugepaged. handler value", "pages_to_scan=8", khugepaged_val))
		return;
	expect_init("[(NULL)]", "[]");
}

static void empty_command_line_leaves_init_unset(void)
{
	parse("");
	if (!expect_init("[(NULL)]", "[]"))
		return;
	parse("   ");
	expect_init("[(NULL)]", "[]");
}

static void last_init_wins(void)
{
	parse("init=/a init=/b x");
	expect_init("[/b, x]", "[]");
}

static void arguments_beyond_the_limit_are_dropped(void)
{
	char buf[1024];
	int n = h_snprintf(buf, sizeof(buf), "init=/x");
	for (int i = 0; i < MAX_INIT_ARGS + 10; i++)
		n += h_snprintf(buf + n, sizeof(buf) - n, " a%d E%d=v", i, i);
	parse(buf);
	if (!expect_l("init_argc", MAX_INIT_ARGS, bp.init_argc) ||
	    !expect_l("init_envc", MAX_INIT_ARGS, bp.init_envc))
		return;
	if (!expect_str("last argument kept", "a30", bp.init_argv[MAX_INIT_ARGS - 1]) ||
	    !expect_str("last environment entry kept", "E31=v", bp.init_envp[MAX_INIT_ARGS - 1]))
		return;
	if (bp.init_argv[MAX_INIT_ARGS] || bp.init_envp[MAX_INIT_ARGS])
		fail("expected argv[%d] and envp[%d] NULL, saw %s and %s", MAX_INIT_ARGS, MAX_INIT_ARGS,
		     seen(bp.init_argv[MAX_INIT_ARGS]), seen(bp.init_envp[MAX_INIT_ARGS]));
}

int main(void)
{
	run_test("cmdline_init_path_and_arguments", init_path_and_arguments);
	run_test("cmdline_known_parameters_are_consumed_anywhere", known_parameters_are_consumed_anywhere);
	run_test("cmdline_unknown_name_value_goes_to_init_environment", unknown_name_value_goes_to_init_environment);
	run_test("cmdline_unknown_words_go_to_init_arguments", unknown_words_go_to_init_arguments);
	run_test("cmdline_double_dash_sends_everything_after_to_init", double_dash_sends_everything_after_to_init);
	run_test("cmdline_quotes_group_words_with_spaces", quotes_group_words_with_spaces);
	run_test("cmdline_tabs_newlines_and_repeated_spaces_separate_words",
		 tabs_newlines_and_repeated_spaces_separate_words);
	run_test("cmdline_bad_values_are_counted_and_reported", bad_values_are_counted_and_reported);
	run_test("cmdline_bare_parameter_gets_null_and_empty_value_gets_empty",
		 bare_parameter_gets_null_and_empty_value_gets_empty);
	run_test("cmdline_prefix_parameter_gets_the_rest_of_the_word", prefix_parameter_gets_the_rest_of_the_word);
	run_test("cmdline_empty_command_line_leaves_init_unset", empty_command_line_leaves_init_unset);
	run_test("cmdline_last_init_wins", last_init_wins);
	run_test("cmdline_arguments_beyond_the_limit_are_dropped", arguments_beyond_the_limit_are_dropped);
	return unit_finish();
}
