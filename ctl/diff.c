// SPDX-License-Identifier: GPL-2.0
/*
 * 'edgectl diff FILE': what 'restore FILE' would change, in save's words.
 * The configuration in force and the file's are written as save writes
 * them and compared line by line; the kernel checks the file's
 * configuration (EDGEFW_A_CHECK_ONLY) against the rules in force at the
 * generation that was read, and says how many rules it would add and
 * remove. Nothing changes.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "diff.h"
#include "save.h"
#include "util.h"

/* As diff(1). */
enum { DIFF_SAME, DIFF_DIFFERENT, DIFF_TROUBLE };

size_t ef_diff_lines(FILE *f, char *const *a, size_t na, char *const *b,
		     size_t nb)
{
	/* lcs[i * (nb + 1) + j]: longest common run of a[i..] and b[j..] */
	size_t *lcs = xcalloc((na + 1) * (nb + 1), sizeof(*lcs));
	size_t i, j, n = 0;

#define LCS(i, j) lcs[(i) * (nb + 1) + (j)]
	for (i = na; i-- > 0;) {
		for (j = nb; j-- > 0;) {
			if (!strcmp(a[i], b[j]))
				LCS(i, j) = LCS(i + 1, j + 1) + 1;
			else if (LCS(i + 1, j) >= LCS(i, j + 1))
				LCS(i, j) = LCS(i + 1, j);
			else
				LCS(i, j) = LCS(i, j + 1);
		}
	}
	for (i = 0, j = 0; i < na || j < nb;) {
		if (i < na && j < nb && !strcmp(a[i], b[j])) {
			i++;
			j++;
			continue;
		}
		if (j == nb || (i < na && LCS(i + 1, j) >= LCS(i, j + 1)))
			fprintf(f, "-%s\n", a[i++]);
		else
			fprintf(f, "+%s\n", b[j++]);
		n++;
	}
#undef LCS
	free(lcs);
	return n;
}

/* A configuration as save writes it, one line each. */
struct lines {
	char *text;
	char **v;
	size_t n;
};

static void save_lines(const struct ef_config *cfg, struct lines *l)
{
	size_t len = 0;
	FILE *f = open_memstream(&l->text, &len);
	char *p, *nl;

	if (!f) {
		fputs("edgectl: out of memory\n", stderr);
		exit(EXIT_RUNTIME);
	}
	ef_save_text(f, cfg);
	fclose(f);
	l->n = 0;
	l->v = NULL;
	for (p = l->text; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		*nl = '\0';	/* save ends every line */
		l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
		l->v[l->n++] = p;
	}
}

static void lines_free(struct lines *l)
{
	free(l->text);
	free(l->v);
}

/*
 * The configuration in force and what the file's would do to its rules,
 * at one generation: the check is refused (ESTALE) if a change came in
 * between, and both are read again.
 */
static int read_and_check(struct ef_backend *be, struct ef_config *cur,
			  struct ef_config *want, struct ef_check *ck)
{
	static const struct ef_set_how how = {
		.with_gen = true, .check_only = true
	};
	int tries, r;

	for (tries = 1;; tries++) {
		ef_config_free(cur);
		r = be->get_config(be, cur);
		if (r)
			return r;
		want->generation = cur->generation;
		r = be->set_config(be, want, &how, ck);
		if (r != -ESTALE || tries == EF_SET_TRIES)
			return r;
	}
}

int cmd_diff(const struct ef_cmd *c)
{
	struct ef_config cur, want;
	struct lines a, b;
	struct ef_backend *be;
	struct ef_cmd_opts o;
	struct ef_check ck;
	size_t n;
	int r;

	if (ef_cmd_parse(c, true, &o))
		return DIFF_TROUBLE;
	if (!o.file) {
		fprintf(stderr, "edgectl: diff needs a FILE ('-': standard input)\n");
		return DIFF_TROUBLE;
	}
	if (ef_cmd_read_config(o.file, &want, NULL)) {
		ef_config_free(&want);
		return DIFF_TROUBLE;
	}
	be = ef_cmd_connect();
	if (!be) {
		ef_config_free(&want);
		return DIFF_TROUBLE;
	}
	ef_config_init(&cur);
	if (read_and_check(be, &cur, &want, &ck)) {
		ef_cmd_say(be);
		r = DIFF_TROUBLE;
	} else {
		save_lines(&cur, &a);
		save_lines(&want, &b);
		n = ef_diff_lines(stdout, a.v, a.n, b.v, b.n);
		lines_free(&a);
		lines_free(&b);
		printf("%" PRIu32 " rules added, %" PRIu32 " removed\n",
		       ck.after - ck.kept, ck.before - ck.kept);
		r = ef_cmd_flush_output() ? DIFF_TROUBLE :
		    n ? DIFF_DIFFERENT : DIFF_SAME;
	}
	be->close(be);
	ef_config_free(&cur);
	ef_config_free(&want);
	return r;
}
