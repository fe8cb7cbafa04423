/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers: allocation that cannot fail (edgectl is a short-lived
 * command; running out of memory ends it with one line and exit 1) and
 * bounded formatting into error buffers.
 */
#ifndef EDGECTL_UTIL_H
#define EDGECTL_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit codes (docs/edgectl.8, EXIT STATUS). */
#define EXIT_OK		0
#define EXIT_RUNTIME	1	/* kernel refused, state does not match */
#define EXIT_USAGE	2	/* bad usage or bad input; nothing sent */

/* Room for one error sentence. */
#define EF_ERRLEN	512

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);

/* snprintf into an error buffer; returns -1 so callers can 'return ef_err(...)'. */
int ef_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
