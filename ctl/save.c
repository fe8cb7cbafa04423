// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "save.h"
#include "util.h"

static void save_addrs(FILE *f, const char *opt, const struct ef_addrset *s)
{
	char a[EF_ADDRSTRLEN];
	size_t i;

	for (i = 0; i < s->n; i++)
		fprintf(f, " %s %s", opt, ef_addr_str(&s->v[i], a));
}

static bool same_source(const struct ef_mgmt *a, const struct ef_mgmt *b)
{
	return a->zone == b->zone && a->plen == b->plen &&
	       ef_addr_eq(&a->prefix, &b->prefix);
}

/*
 * One add-mgmt line per zone and source, with its TCP and UDP ports: the
 * rules are sorted that way, so each line is a run of them.
 */
static void save_mgmt(FILE *f, const struct ef_config *cfg)
{
	char p[EF_PREFIXSTRLEN];
	uint8_t proto = 0;
	size_t i;

	for (i = 0; i < cfg->nmgmt; i++) {
		const struct ef_mgmt *m = &cfg->mgmt[i];
		bool first = !i || !same_source(&cfg->mgmt[i - 1], m);

		if (first)
			fprintf(f, "add-mgmt --from %s",
				ef_prefix_str(&m->prefix, m->plen, p));
		if (first || m->proto != proto)
			fprintf(f, " --%s %u", m->proto == IPPROTO_TCP ? "tcp" :
				"udp", m->port);
		else
			fprintf(f, ",%u", m->port);
		proto = m->proto;
		if (i + 1 == cfg->nmgmt || !same_source(&cfg->mgmt[i + 1], m))
			fprintf(f, " --zone %s\n", ef_zone_name(m->zone));
	}
}

static const char *onoff(const struct ef_config *cfg, uint32_t flag)
{
	return cfg->flags & flag ? "on" : "off";
}

void ef_save_text(FILE *f, const struct ef_config *cfg)
{
	char a[EF_ADDRSTRLEN];
	unsigned int r;
	size_t i;

	fprintf(f, "profile %s\n", ef_profile_name(cfg->profile));
	for (i = 0; i < cfg->nbindings; i++)
		fprintf(f, "bind %s %s\n", cfg->bindings[i].ifname,
			ef_zone_name(cfg->bindings[i].zone));
	if (ef_config_has_pool(cfg)) {
		fputs("set-pool", f);
		save_addrs(f, "--front-end", &cfg->front_ends);
		save_addrs(f, "--director", &cfg->directors);
		if (cfg->has_vip)
			fprintf(f, " --vip %s", ef_addr_str(&cfg->vip, a));
		fputc('\n', f);
	}
	for (r = 0; r < EF_NROLES; r++) {
		const struct ef_role *role = &cfg->roles[r];

		if (!role->present || !role->addrs.n)
			continue;
		fprintf(f, "add-role %s", ef_role_name(r));
		save_addrs(f, "--ip", &role->addrs);
		if (role->has_internal)
			fprintf(f, " --internal-ip %s",
				ef_addr_str(&role->internal, a));
		if (r == EDGEFW_ROLE_AV)
			fprintf(f, " --media-range %s",
				ef_media_name(role->media, cfg->profile));
		fputc('\n', f);
	}
	save_mgmt(f, cfg);
	fprintf(f, "http-redirect %s\n", onoff(cfg, EDGEFW_F_HTTP_REDIRECT));
	if (cfg->profile == EDGEFW_PROFILE_SFB2015)
		fprintf(f, "xmpp %s\n", onoff(cfg, EDGEFW_F_XMPP));
	fprintf(f, "log-drops %s", onoff(cfg, EDGEFW_F_LOG_DROPS));
	if ((cfg->flags & EDGEFW_F_LOG_DROPS) && cfg->has_log_group)
		fprintf(f, " --nflog-group %u", cfg->log_group);
	fprintf(f, "\nmode %s\n",
		cfg->flags & EDGEFW_F_AUDIT ? "audit" : "enforce");
	fprintf(f, "stateless-media %s\n",
		onoff(cfg, EDGEFW_F_STATELESS_MEDIA));
}

struct restore {
	struct ef_config *cfg;		/* NULL after an error */
	struct ef_config *binds;	/* NULL: not asked for */
	unsigned long statements;
};

static bool binding_stmt(enum ef_stmt_kind kind)
{
	return kind == EF_ST_BIND || kind == EF_ST_UNBIND ||
	       kind == EF_ST_FLUSH;
}

/* One line: 0 if it is blank, a comment or a statement that applies. */
static int restore_line(struct restore *rs, char *line, char *err,
			size_t errlen)
{
	char q[EF_QUOTELEN];
	struct ef_stmt st;
	char **words;
	int n, r = 0;

	n = ef_split_words(line, &words);
	if (n > 0 && !ef_stmt_known(words[0])) {
		r = ef_err(err, errlen, "'%s' is not a configuration statement",
			   ef_quote(words[0], q));
	} else if (n > 0) {
		r = ef_parse_stmt(words[0], n - 1, words + 1, 0, &st, err,
				  errlen);
		if (!r) {
			rs->statements++;
			/* What does not fit is left out of the bindings. */
			if (rs->binds && binding_stmt(st.kind))
				ef_config_apply(rs->binds, &st, NULL, 0);
			if (rs->cfg)
				r = ef_config_apply(rs->cfg, &st, err, errlen);
			ef_stmt_free(&st);
		}
	}
	free(words);
	return r;
}

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

int ef_restore_read(FILE *in, struct ef_config *cfg, struct ef_config *binds,
		    char *err, size_t errlen)
{
	struct restore rs = { .cfg = cfg, .binds = binds };
	unsigned long lineno = 0;
	char msg[EF_ERRLEN];
	char *line = NULL, *text;
	size_t cap = 0;
	ssize_t len;
	int r = 0;

	ef_config_init(cfg);
	if (binds)
		ef_config_init(binds);
	errno = 0;
	while ((len = getline(&line, &cap, in)) >= 0) {
		lineno++;
		text = line;
		/* Files written on Windows: a byte order mark; UTF-16. */
		if (lineno == 1 && starts_with(line, "\xef\xbb\xbf"))
			text += 3;
		if (lineno == 1 && (starts_with(line, "\xff\xfe") ||
				    starts_with(line, "\xfe\xff"))) {
			r = ef_err(err, errlen, "the file is UTF-16; save it as UTF-8 or ASCII");
			break;
		}
		if (strlen(line) != (size_t)len) {
			if (!r)
				r = ef_err(err, errlen,
					   "line %lu: NUL byte in the line",
					   lineno);
		} else if (restore_line(&rs, text, msg, sizeof(msg)) && !r) {
			r = ef_err(err, errlen, "line %lu: %s", lineno, msg);
		}
		if (r && !binds)
			break;
		if (r)
			rs.cfg = NULL;	/* the bindings alone, from now on */
	}
	if (!r && ferror(in))
		r = ef_err(err, errlen, "read error: %s", strerror(errno));
	if (!r && !rs.statements)
		r = ef_err(err, errlen, "no statement: an empty input would remove the whole configuration (a 'flush' line says that)");
	free(line);
	if (r)
		ef_config_free(cfg);
	else
		ef_config_normalize(cfg);
	return r;
}
