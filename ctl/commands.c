// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "commands.h"
#include "errors.h"
#include "file.h"
#include "ifaces.h"
#include "netlink.h"
#include "parse.h"
#include "save.h"
#include "show.h"
#include "util.h"

struct ef_backend *(*ef_backend_open)(char *err, size_t errlen) = ef_nl_open;

int ef_backend_get_both(struct ef_backend *be, struct ef_config *cfg,
			struct ef_rules *rules)
{
	int tries, err;

	ef_config_init(cfg);
	ef_rules_init(rules);
	for (tries = 1;; tries++) {
		err = be->get_config(be, cfg);
		if (!err)
			err = be->get_rules(be, rules);
		if (err || !rules->has_generation ||
		    rules->generation == cfg->generation ||
		    tries == EF_DUMP_TRIES)
			return err;
		ef_config_free(cfg);
		ef_rules_free(rules);
		ef_config_init(cfg);
		ef_rules_init(rules);
	}
}

struct ef_backend *ef_cmd_connect(void)
{
	char err[EF_ERRLEN];
	struct ef_backend *be = ef_backend_open(err, sizeof(err));

	if (!be)
		fprintf(stderr, "edgectl: %s\n", err);
	return be;
}

int ef_cmd_say(struct ef_backend *be)
{
	fprintf(stderr, "edgectl: %s\n", be->err);
	return EXIT_RUNTIME;
}

/* Output goes to a file or a pipe: a failed write is a failed command. */
int ef_cmd_flush_output(void)
{
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "edgectl: cannot write the output: %s\n",
			strerror(errno));
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

/*
 * A binding of an interface that does not exist (yet) waits for one of
 * that name: say so, naming the interface meant if the name looks like a
 * typo. With strict it is an error (-1): the state of the machine, not
 * the input, is what does not fit, so the exit status is 1.
 */
static int check_interface(const char *where, const char *name, bool strict)
{
	char msg[EF_ERRLEN];

	if (ef_iface_exists(name))
		return 0;
	ef_iface_absent(name, msg, sizeof(msg));
	if (strict) {
		fprintf(stderr, "edgectl: %s%s\n", where, msg);
		return -1;
	}
	fprintf(stderr, "edgectl: warning: %s%s: the binding takes effect when an interface of that name appears\n",
		where, msg);
	return 0;
}

/* Read, change, write with the generation read; again if it moved. */
static int read_modify_write(struct ef_backend *be, const struct ef_stmt *st)
{
	static const struct ef_set_how with_gen = { .with_gen = true };
	struct ef_config cur, next;
	char err[EF_ERRLEN];
	int tries, r;

	for (tries = 1;; tries++) {
		ef_config_init(&cur);
		ef_config_init(&next);
		if (be->get_config(be, &cur)) {
			r = ef_cmd_say(be);
			break;
		}
		ef_config_copy(&next, &cur);
		if (ef_config_apply(&next, st, err, sizeof(err))) {
			fprintf(stderr, "edgectl: %s\n", err);
			r = EXIT_RUNTIME;
			break;
		}
		ef_config_normalize(&next);
		/* before "already so": a word alone can be refused (lync2010) */
		if (ef_config_check(&next, err, sizeof(err))) {
			fprintf(stderr, "edgectl: %s\n", err);
			r = EXIT_RUNTIME;
			break;
		}
		if (ef_config_eq(&cur, &next)) {
			r = EXIT_OK;	/* already so: nothing to send */
			break;
		}
		r = be->set_config(be, &next, &with_gen, NULL);
		if (r == -ESTALE && tries < EF_SET_TRIES) {
			ef_config_free(&cur);
			ef_config_free(&next);
			continue;
		}
		if (r == -ESTALE) {
			/* The kernel's message names one refusal; the
			 * operator needs to know that every try lost. */
			fprintf(stderr, "edgectl: %s (%d tries)\n",
				ef_errno_sentence(ESTALE, EDGEFW_CMD_SET_CONFIG),
				tries);
			r = EXIT_RUNTIME;
			break;
		}
		r = r ? ef_cmd_say(be) : EXIT_OK;
		break;
	}
	ef_config_free(&cur);
	ef_config_free(&next);
	return r;
}

int cmd_change(const struct ef_cmd *c)
{
	struct ef_backend *be;
	char err[EF_ERRLEN];
	struct ef_config empty;
	struct ef_stmt st;
	int r;

	if (ef_parse_stmt(c->name, c->argc, c->argv, EF_PARSE_CMDLINE, &st,
			  err, sizeof(err))) {
		fprintf(stderr, "edgectl: %s\n", err);
		return EXIT_USAGE;
	}
	if (st.kind == EF_ST_BIND && check_interface("", st.ifname, st.strict)) {
		ef_stmt_free(&st);
		return EXIT_RUNTIME;
	}
	be = ef_cmd_connect();
	if (!be) {
		ef_stmt_free(&st);
		return EXIT_RUNTIME;
	}
	if (st.kind == EF_ST_FLUSH) {
		ef_config_init(&empty);
		r = be->set_config(be, &empty, &(struct ef_set_how){ 0 }, NULL) ?
		    ef_cmd_say(be) : EXIT_OK;
	} else {
		r = read_modify_write(be, &st);
	}
	be->close(be);
	ef_stmt_free(&st);
	return r;
}

/* restore --confirm SECONDS: as long as the kernel waits at most. */
static int parse_seconds(const char *s, uint32_t *v, char *err, size_t errlen)
{
	char q[EF_QUOTELEN], *end;
	unsigned long n;

	n = s[0] >= '1' && s[0] <= '9' ? strtoul(s, &end, 10) : 0;
	if (!n || *end || n > EDGEFW_MAX_CONFIRM_SECONDS) {
		ef_err(err, errlen,
		       "bad number of seconds '%s' for --confirm (expected 1 to %d)",
		       ef_quote(s, q), EDGEFW_MAX_CONFIRM_SECONDS);
		return EF_ARG_ERR;
	}
	*v = (uint32_t)n;
	return EF_ARG_OPT;
}

int ef_cmd_parse(const struct ef_cmd *c, bool has_file, struct ef_cmd_opts *o)
{
	char err[EF_ERRLEN];
	struct ef_args a;
	int r;

	memset(o, 0, sizeof(*o));
	o->json = c->json;
	ef_args_init(&a, c->name, c->opts, c->argc, c->argv);
	while ((r = ef_args_next(&a, err, sizeof(err))) != EF_ARG_END) {
		if (r == EF_ARG_POS && has_file && !o->file)
			o->file = a.val;
		else if (r == EF_ARG_POS)
			r = ef_args_unexpected(&a, err, sizeof(err));
		else if (ef_args_is(&a, "--json"))
			o->json = true;
		else if (ef_args_is(&a, "--reset"))
			o->reset = true;
		else if (ef_args_is(&a, "--nft"))
			o->nft = true;
		else if (ef_args_is(&a, "--strict"))
			o->strict = true;
		else if (ef_args_is(&a, "--fail-closed"))
			o->fail_closed = true;
		else if (ef_args_is(&a, "--unused"))
			o->unused = true;
		else if (ef_args_is(&a, "--check"))
			o->check = true;
		else if (ef_args_is(&a, "--confirm"))
			r = parse_seconds(a.val, &o->confirm, err, sizeof(err));
		if (r == EF_ARG_ERR) {
			fprintf(stderr, "edgectl: %s\n", err);
			return EXIT_USAGE;
		}
	}
	return 0;
}

int cmd_show(const struct ef_cmd *c)
{
	struct ef_backend *be;
	struct ef_config cfg;
	struct ef_rules rules;
	struct ef_cmd_opts o;
	int r = EXIT_OK;

	if (ef_cmd_parse(c, false, &o))
		return EXIT_USAGE;
	be = ef_cmd_connect();
	if (!be)
		return EXIT_RUNTIME;
	/* The rules must belong to the configuration shown with them. */
	if (ef_backend_get_both(be, &cfg, &rules))
		r = ef_cmd_say(be);
	if (r == EXIT_OK) {
		ef_rules_sort(&rules);
		if (o.unused && o.json)
			ef_unused_json(stdout, &cfg, &rules);
		else if (o.unused)
			ef_unused_text(stdout, &cfg, &rules);
		else if (o.json)
			ef_show_json(stdout, &cfg, &rules);
		else
			ef_show_text(stdout, &cfg, &rules);
		r = ef_cmd_flush_output();
	}
	ef_config_free(&cfg);
	ef_rules_free(&rules);
	be->close(be);
	return r;
}

int cmd_counters(const struct ef_cmd *c)
{
	struct ef_backend *be;
	struct ef_config cfg;
	struct ef_rules rules;
	struct ef_cmd_opts o;
	int r;

	if (ef_cmd_parse(c, false, &o))
		return EXIT_USAGE;
	be = ef_cmd_connect();
	if (!be)
		return EXIT_RUNTIME;
	/* The configuration says how the rules are judged (stateless). */
	if (ef_backend_get_both(be, &cfg, &rules)) {
		r = ef_cmd_say(be);
	} else {
		ef_rules_sort(&rules);
		if (o.json)
			ef_counters_json(stdout, &cfg, &rules);
		else
			ef_counters_text(stdout, &cfg, &rules);
		r = ef_cmd_flush_output();
		/* Like iptables -L -Z: what was shown, then zero. */
		if (r == EXIT_OK && o.reset && be->reset_counters(be))
			r = ef_cmd_say(be);
	}
	ef_config_free(&cfg);
	ef_rules_free(&rules);
	be->close(be);
	return r;
}

static void fill_text(FILE *f, const void *cfg)
{
	ef_save_text(f, cfg);
}

static void fill_json(FILE *f, const void *cfg)
{
	ef_config_json(f, cfg);
}

int cmd_save(const struct ef_cmd *c)
{
	char err[EF_ERRLEN];
	struct ef_backend *be;
	struct ef_config cfg;
	struct ef_cmd_opts o;
	int r = EXIT_OK;

	if (ef_cmd_parse(c, true, &o))
		return EXIT_USAGE;
	be = ef_cmd_connect();
	if (!be)
		return EXIT_RUNTIME;
	ef_config_init(&cfg);
	if (be->get_config(be, &cfg)) {
		r = ef_cmd_say(be);
	} else if (o.file && strcmp(o.file, "-")) {
		/* Not 'save > FILE': that empties FILE first, and a failed
		 * save would leave an empty file for the next boot. */
		if (ef_replace_file(o.file, o.json ? fill_json : fill_text,
				    &cfg, err, sizeof(err))) {
			fprintf(stderr, "edgectl: %s\n", err);
			r = EXIT_RUNTIME;
		}
	} else {
		(o.json ? fill_json : fill_text)(stdout, &cfg);
		r = ef_cmd_flush_output();
	}
	ef_config_free(&cfg);
	be->close(be);
	return r;
}

/* "ext0 external, int0 internal" */
static char *bindings_list(const struct ef_config *cfg)
{
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return xstrdup("?");
	for (i = 0; i < cfg->nbindings; i++)
		fprintf(f, "%s%s %s", i ? ", " : "", cfg->bindings[i].ifname,
			ef_zone_name(cfg->bindings[i].zone));
	fclose(f);
	return text;
}

/*
 * restore --fail-closed of a file that could not be applied: not the
 * bound interfaces must stay open, but nothing else may be touched. The
 * file's bindings alone go in force: every new flow on a bound interface
 * is dropped, unbound interfaces (management) are as they were. One loud
 * line says what happened; the exit status is 1 whatever happens.
 */
static int fail_closed(struct ef_backend **be, const char *name,
		       const char *where, const struct ef_config *binds,
		       bool warned)
{
	char err[EF_ERRLEN] = "";
	char *list;
	size_t i;

	if (!binds->nbindings) {
		fprintf(stderr, "edgectl: FAIL-CLOSED: %s could not be applied and holds no binding that could be read; nothing changed\n",
			name);
		return EXIT_RUNTIME;
	}
	for (i = 0; !warned && i < binds->nbindings; i++)
		check_interface(where, binds->bindings[i].ifname, false);
	if (!*be)
		*be = ef_backend_open(err, sizeof(err));
	if (*be && (*be)->set_config(*be, binds, &(struct ef_set_how){ 0 },
				     NULL))
		snprintf(err, sizeof(err), "%s", (*be)->err);
	if (*err) {
		fprintf(stderr, "edgectl: FAIL-CLOSED: %s could not be applied, nor its bindings alone (%s); nothing changed\n",
			name, err);
		return EXIT_RUNTIME;
	}
	list = bindings_list(binds);
	fprintf(stderr, "edgectl: FAIL-CLOSED: %s could not be applied; in force instead: its bindings alone (%s), every new flow on them is dropped\n",
		name, list);
	free(list);
	return EXIT_RUNTIME;
}

/* How messages name the input: "'FILE'" or "standard input"; "FILE: ". */
struct input_name {
	char name[EF_QUOTELEN + 2];
	char where[EF_QUOTELEN + 4];
};

static void name_input(const char *file, struct input_name *n)
{
	char q[EF_QUOTELEN];

	snprintf(n->name, sizeof(n->name), "standard input");
	n->where[0] = '\0';
	if (file && strcmp(file, "-")) {
		snprintf(n->name, sizeof(n->name), "'%s'", ef_quote(file, q));
		snprintf(n->where, sizeof(n->where), "%s: ", q);
	}
}

int ef_cmd_read_config(const char *file, struct ef_config *cfg,
		       struct ef_config *binds)
{
	struct input_name n = { "", "" };
	char err[EF_ERRLEN];
	FILE *in = stdin;
	int r;

	ef_config_init(cfg);
	if (binds)
		ef_config_init(binds);
	name_input(file, &n);
	if (*n.where) {
		in = fopen(file, "r");
		if (!in) {
			fprintf(stderr, "edgectl: cannot open %s: %s\n", n.name,
				strerror(errno));
			return EXIT_USAGE;
		}
	}
	r = ef_restore_read(in, cfg, binds, err, sizeof(err));
	if (in != stdin)
		fclose(in);
	if (r) {
		fprintf(stderr, "edgectl: %s%s\n", n.where, err);
		return EXIT_USAGE;
	}
	/* The kernel would refuse it: as if it had (exit 1). */
	if (ef_config_check(cfg, err, sizeof(err))) {
		fprintf(stderr, "edgectl: %s%s\n", n.where, err);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

/* What restore --check and --confirm say on success. */
static void say_done(const struct ef_cmd_opts *o, const struct ef_check *ck)
{
	if (o->check && ck->present)
		printf("valid: %" PRIu32 " rules (%" PRIu32 " kept, %" PRIu32 " added, %" PRIu32 " removed), %" PRIu32 " KiB; nothing changed\n",
		       ck->after, ck->kept, ck->after - ck->kept,
		       ck->before - ck->kept, ck->kib);
	else if (o->check)
		printf("valid; nothing changed\n");
	else if (o->confirm)
		printf("unconfirmed: the kernel puts the previous configuration back in %" PRIu32 " s unless 'edgectl confirm' comes first\n",
		       o->confirm);
}

int cmd_restore(const struct ef_cmd *c)
{
	struct ef_config cfg, binds;
	struct ef_backend *be = NULL;
	struct input_name n = { "", "" };
	struct ef_cmd_opts o;
	struct ef_check ck;
	bool warned = false;
	size_t i;
	int r;

	ef_config_init(&cfg);
	ef_config_init(&binds);
	if (ef_cmd_parse(c, true, &o))
		return EXIT_USAGE;
	if (o.fail_closed && (o.check || o.confirm)) {
		fprintf(stderr, "edgectl: --fail-closed (for boot) does not go with --%s\n",
			o.check ? "check" : "confirm");
		return EXIT_USAGE;
	}
	if (o.check && o.confirm) {
		fprintf(stderr, "edgectl: --check changes nothing: it does not go with --confirm\n");
		return EXIT_USAGE;
	}
	name_input(o.file, &n);
	r = ef_cmd_read_config(o.file, &cfg, o.fail_closed ? &binds : NULL);
	if (r)
		goto out;
	for (i = 0; i < cfg.nbindings; i++)
		if (check_interface(n.where, cfg.bindings[i].ifname, o.strict)) {
			r = EXIT_RUNTIME;
			goto out;
		}
	warned = true;	/* about the bindings of binds too: the same */
	be = ef_cmd_connect();
	if (!be) {
		r = EXIT_RUNTIME;
		goto out;
	}
	r = be->set_config(be, &cfg, &(struct ef_set_how){
				   .check_only = o.check, .confirm = o.confirm },
			   &ck) ? ef_cmd_say(be) : EXIT_OK;
	if (r == EXIT_OK) {
		say_done(&o, &ck);
		r = ef_cmd_flush_output();
	}
out:
	if (r != EXIT_OK && o.fail_closed)
		r = fail_closed(&be, n.name, n.where, &binds, warned);
	if (be)
		be->close(be);
	ef_config_free(&cfg);
	ef_config_free(&binds);
	return r;
}

int cmd_confirm(const struct ef_cmd *c)
{
	bool revert = !strcmp(c->name, "revert");
	struct ef_backend *be;
	struct ef_cmd_opts o;
	int r;

	if (ef_cmd_parse(c, false, &o))
		return EXIT_USAGE;
	be = ef_cmd_connect();
	if (!be)
		return EXIT_RUNTIME;
	r = be->confirm(be, revert) ? ef_cmd_say(be) : EXIT_OK;
	if (r == EXIT_OK) {
		puts(revert ? "reverted: the previous configuration is in force again" :
			      "confirmed: the configuration stays in force");
		r = ef_cmd_flush_output();
	}
	be->close(be);
	return r;
}
