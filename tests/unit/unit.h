/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small test harness. A test case is what runs between CASE() and the
 * next CASE() (or the end of the suite); it passes if none of its CHECKs
 * failed. The last line printed is "N passed, N failed".
 */
#ifndef EDGECTL_UNIT_H
#define EDGECTL_UNIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

void unit_case(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void unit_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void unit_end_case(void);

#define CASE(...) unit_case(__VA_ARGS__)

#define CHECK(cond)							\
	do {								\
		if (!(cond))						\
			unit_fail(__FILE__, __LINE__, "CHECK(%s)", #cond); \
	} while (0)

#define CHECK_INT(a, b)							\
	do {								\
		long long _a = (long long)(a), _b = (long long)(b);	\
		if (_a != _b)						\
			unit_fail(__FILE__, __LINE__, "%s == %lld, expected %lld", \
				  #a, _a, _b);				\
	} while (0)

#define CHECK_STR(a, b)							\
	do {								\
		const char *_a = (a), *_b = (b);			\
		if (!_a || !_b || strcmp(_a, _b))			\
			unit_fail(__FILE__, __LINE__,			\
				  "%s == \"%s\", expected \"%s\"", #a,	\
				  _a ? _a : "(null)", _b ? _b : "(null)"); \
	} while (0)

#define CHECK_CONTAINS(hay, needle)					\
	do {								\
		const char *_h = (hay), *_n = (needle);			\
		if (!_h || !strstr(_h, _n))				\
			unit_fail(__FILE__, __LINE__,			\
				  "%s == \"%s\", should contain \"%s\"", \
				  #hay, _h ? _h : "(null)", _n);	\
	} while (0)

/* Capture what a function writes to a FILE *. */
struct capture {
	char *buf;
	size_t len;
	FILE *f;
};
FILE *capture_open(struct capture *c);
const char *capture_close(struct capture *c);	/* returns c->buf; free it */

/* Redirect the process's stdout/stderr (fds 1 and 2) to files. */
void redirect_begin(void);
void redirect_end(char **out, char **err);	/* free both */

/* A minimal JSON syntax check; returns true if s is one valid value. */
bool json_valid(const char *s);

/* The canned GET_RULES dump of test_msg.c, parsed; and its release. */
struct ef_rules;
int parse_canned_rules(struct ef_rules *rules, char *err);
void canned_rules_free(void);

/* Suites. */
void suite_addr(void);
void suite_parse(void);
void suite_config(void);
void suite_save(void);
void suite_msg(void);
void suite_json(void);
void suite_show(void);
void suite_export(const char *edgectl);
void suite_commands(void);
void suite_netlink(void);
int netlink_emsgsize_child(int nattr);
extern const char *unit_self;	/* argv[0] of the test binary */
void suite_cli(const char *edgectl);
void suite_ifaces(void);
void suite_info(void);
void suite_monitor(void);
void suite_prometheus(void);
void suite_doctor(void);

/* An empty genetlink message of command cmd, as edgefw would send it. */
struct nl_msg;
struct nl_msg *unit_genl_msg(uint8_t cmd);

#endif
