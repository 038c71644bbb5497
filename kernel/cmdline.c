/* The kernel command line, parsed as Linux parses it: words the kernel
 * knows (NAME=VALUE or NAME) are its parameters; every other word goes to
 * init, as an argument if it has no '=', as an environment entry if it has
 * one; after "--" everything goes to init. init=PATH names init itself.
 * So "init=/bin/prog alpha beta" runs /bin/prog with argv [prog alpha beta]. */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>

struct boot_params boot_params;

static bool word_is(const char *word, const char *name, size_t nlen)
{
	return !strncmp(word, name, nlen) && (word[nlen] == '=' || word[nlen] == 0);
}

/* Split cmdline in place at spaces (double quotes group words) and sort the
 * words into kernel parameters and init's argv/envp. Returns the number of
 * parameters that were unknown or had bad values (each is reported). */
int parse_cmdline(char *s, const struct kernel_param *params, int nparams,
		  struct boot_params *out)
{
	bool to_init = false;
	int bad = 0;

	out->init_argc = 1;	/* argv[0] = init's path, filled in below */
	out->init_envc = 0;
	out->init_argv[0] = NULL;
	while (*s) {
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (!*s)
			break;
		char *word = s, *w = s;
		bool quoted = false;
		for (; *s && (quoted || (*s != ' ' && *s != '\t' && *s != '\n')); s++) {
			if (*s == '"')
				quoted = !quoted;
			else
				*w++ = *s;
		}
		if (*s)
			s++;
		*w = 0;

		if (!to_init && !strcmp(word, "--")) {
			to_init = true;
			continue;
		}
		if (!to_init && !strncmp(word, "init=", 5)) {
			out->init_argv[0] = word + 5;
			continue;
		}
		const struct kernel_param *kp = NULL;
		if (!to_init) {
			for (int i = 0; i < nparams; i++) {
				size_t n = strlen(params[i].name);
				if (params[i].prefix ? !strncmp(word, params[i].name, n)
						     : word_is(word, params[i].name, n)) {
					kp = &params[i];
					break;
				}
			}
		}
		if (kp) {
			char *eq = strchr(word, '=');
			const char *val = kp->prefix ? word + strlen(kp->name) : eq ? eq + 1 : NULL;
			if (kp->set(val) < 0) {
				printk(KERN_WARNING "cmdline: bad value in '%s', ignored\n", word);
				bad++;
			}
		} else if (strchr(word, '=') && !to_init) {
			if (out->init_envc < MAX_INIT_ARGS)
				out->init_envp[out->init_envc++] = word;
		} else if (out->init_argc < MAX_INIT_ARGS) {
			out->init_argv[out->init_argc++] = word;
		}
	}
	out->init_argv[out->init_argc] = NULL;
	out->init_envp[out->init_envc] = NULL;
	return bad;
}
