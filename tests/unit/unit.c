// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"

const char *unit_self;
static int passed, failed;
static char current[256];
static bool in_case, case_failed;

void unit_end_case(void)
{
	if (!in_case)
		return;
	if (case_failed)
		failed++;
	else
		passed++;
	in_case = false;
}

void unit_case(const char *fmt, ...)
{
	va_list ap;

	unit_end_case();
	va_start(ap, fmt);
	vsnprintf(current, sizeof(current), fmt, ap);
	va_end(ap);
	in_case = true;
	case_failed = false;
}

void unit_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (!case_failed)
		fprintf(stdout, "FAIL %s\n", current);
	case_failed = true;
	fprintf(stdout, "  %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

FILE *capture_open(struct capture *c)
{
	memset(c, 0, sizeof(*c));
	c->f = open_memstream(&c->buf, &c->len);
	return c->f;
}

const char *capture_close(struct capture *c)
{
	fclose(c->f);
	c->f = NULL;
	return c->buf;
}

static int saved_out = -1, saved_err = -1;
static FILE *tmp_out, *tmp_err;

void redirect_begin(void)
{
	fflush(stdout);
	fflush(stderr);
	tmp_out = tmpfile();
	tmp_err = tmpfile();
	saved_out = dup(1);
	saved_err = dup(2);
	dup2(fileno(tmp_out), 1);
	dup2(fileno(tmp_err), 2);
}

static char *slurp(FILE *f)
{
	long n;
	char *s;

	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = calloc(1, (size_t)n + 1);
	if (s && n && fread(s, 1, (size_t)n, f) != (size_t)n)
		s[0] = '\0';
	fclose(f);
	return s;
}

void redirect_end(char **out, char **err)
{
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	*out = slurp(tmp_out);
	*err = slurp(tmp_err);
}

/* ---- JSON syntax check (RFC 8259 grammar, no semantics) ---- */

static const char *ws(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

static const char *value(const char *s, int depth);

static const char *string(const char *s)
{
	if (*s++ != '"')
		return NULL;
	while (*s != '"') {
		if ((unsigned char)*s < 0x20)
			return NULL;
		if (*s == '\\') {
			s++;
			if (*s == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!isxdigit((unsigned char)s[i]))
						return NULL;
				s += 5;
				continue;
			}
			if (!strchr("\"\\/bfnrt", *s) || !*s)
				return NULL;
		}
		s++;
	}
	return s + 1;
}

static const char *number(const char *s)
{
	const char *start;

	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (isdigit((unsigned char)*s))
		while (isdigit((unsigned char)*s))
			s++;
	else
		return NULL;
	if (*s == '.') {
		start = ++s;
		while (isdigit((unsigned char)*s))
			s++;
		if (s == start)
			return NULL;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		start = s;
		while (isdigit((unsigned char)*s))
			s++;
		if (s == start)
			return NULL;
	}
	return s;
}

static const char *container(const char *s, int depth, char close, bool obj)
{
	s = ws(s + 1);
	if (*s == close)
		return s + 1;
	for (;;) {
		if (obj) {
			s = string(ws(s));
			if (!s)
				return NULL;
			s = ws(s);
			if (*s++ != ':')
				return NULL;
		}
		s = value(s, depth + 1);
		if (!s)
			return NULL;
		s = ws(s);
		if (*s == close)
			return s + 1;
		if (*s++ != ',')
			return NULL;
	}
}

static const char *value(const char *s, int depth)
{
	if (depth > 64)
		return NULL;
	s = ws(s);
	switch (*s) {
	case '{': return container(s, depth, '}', true);
	case '[': return container(s, depth, ']', false);
	case '"': return string(s);
	case 't': return strncmp(s, "true", 4) ? NULL : s + 4;
	case 'f': return strncmp(s, "false", 5) ? NULL : s + 5;
	case 'n': return strncmp(s, "null", 4) ? NULL : s + 4;
	default:  return number(s);
	}
}

bool json_valid(const char *s)
{
	s = value(s, 0);
	return s && !*ws(s);
}

int main(int argc, char *argv[])
{
	const char *edgectl = argc > 1 ? argv[1] : NULL;

	unit_self = argv[0];
	if (argc > 2 && !strcmp(argv[1], "--emsgsize-child"))
		return netlink_emsgsize_child(atoi(argv[2]));

	suite_addr();
	suite_parse();
	suite_ifaces();
	suite_config();
	suite_save();
	suite_msg();
	suite_json();
	suite_show();
	suite_export(edgectl);
	suite_commands();
	suite_netlink();
	suite_info();
	suite_monitor();
	suite_prometheus();
	suite_doctor();
	if (edgectl)
		suite_cli(edgectl);
	canned_rules_free();
	unit_end_case();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
