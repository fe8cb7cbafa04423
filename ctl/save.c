// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "save.h"
#include "util.h"

void ef_save_text(FILE *f, const struct ef_config *cfg)
{
	char a[EF_ADDRSTRLEN];
	unsigned int r;
	size_t i;

	for (i = 0; i < cfg->nbindings; i++)
		fprintf(f, "bind %s %s\n", cfg->bindings[i].ifname,
			ef_zone_name(cfg->bindings[i].zone));
	if (ef_config_has_pool(cfg)) {
		fputs("set-pool", f);
		for (i = 0; i < cfg->front_ends.n; i++)
			fprintf(f, " --front-end %s",
				ef_addr_str(&cfg->front_ends.v[i], a));
		if (cfg->has_vip)
			fprintf(f, " --vip %s", ef_addr_str(&cfg->vip, a));
		fputc('\n', f);
	}
	for (r = 0; r < EF_NROLES; r++) {
		const struct ef_role *role = &cfg->roles[r];

		if (!role->present || !role->addrs.n)
			continue;
		fprintf(f, "add-role %s", ef_role_name(r));
		for (i = 0; i < role->addrs.n; i++)
			fprintf(f, " --ip %s", ef_addr_str(&role->addrs.v[i], a));
		if (role->has_internal)
			fprintf(f, " --internal-ip %s",
				ef_addr_str(&role->internal, a));
		if (r == EDGEFW_ROLE_AV)
			fprintf(f, " --media-range %s", ef_media_name(role->media));
		fputc('\n', f);
	}
	fprintf(f, "http-redirect %s\n",
		cfg->flags & EDGEFW_F_HTTP_REDIRECT ? "on" : "off");
	fprintf(f, "log-drops %s\n",
		cfg->flags & EDGEFW_F_LOG_DROPS ? "on" : "off");
}

/* One line: 0 if it is blank, a comment or a statement that applies. */
static int restore_line(char *line, struct ef_config *cfg, char *err,
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
		r = ef_parse_stmt(words[0], n - 1, words + 1, 0, &st, err, errlen);
		if (!r) {
			r = ef_config_apply(cfg, &st, err, errlen);
			ef_stmt_free(&st);
		}
	}
	free(words);
	return r;
}

int ef_restore_read(FILE *in, struct ef_config *cfg, char *err,
		    size_t errlen)
{
	unsigned long lineno = 0;
	char msg[EF_ERRLEN];
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int r = 0;

	ef_config_init(cfg);
	errno = 0;
	while ((len = getline(&line, &cap, in)) >= 0) {
		lineno++;
		if (strlen(line) != (size_t)len)
			r = ef_err(err, errlen, "line %lu: NUL byte in the line",
				   lineno);
		else if (restore_line(line, cfg, msg, sizeof(msg)))
			r = ef_err(err, errlen, "line %lu: %s", lineno, msg);
		if (r)
			break;
	}
	if (!r && ferror(in))
		r = ef_err(err, errlen, "read error: %s", strerror(errno));
	free(line);
	if (r)
		ef_config_free(cfg);
	else
		ef_config_normalize(cfg);
	return r;
}
