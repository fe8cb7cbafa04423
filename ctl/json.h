/* SPDX-License-Identifier: GPL-2.0 */
/* A small JSON writer: indentation, commas and string escaping. */
#ifndef EDGECTL_JSON_H
#define EDGECTL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

struct json {
	FILE *f;
	int depth;
	bool comma[JSON_MAX_DEPTH];
	bool compact;			/* the whole document on one line */
};

void json_init(struct json *j, FILE *f);
/* The same, on one line (a stream of documents, one per line). */
void json_init_compact(struct json *j, FILE *f);
/* Start an object ('{') or array ('['), as member 'key' (NULL in arrays). */
void json_open(struct json *j, const char *key, char bracket);
void json_close(struct json *j, char bracket);
void json_str(struct json *j, const char *key, const char *v);	/* NULL: null */
void json_uint(struct json *j, const char *key, uint64_t v);
void json_bool(struct json *j, const char *key, bool v);
/* Write s as a JSON string literal: quotes, escapes, invalid UTF-8 as U+FFFD. */
void json_write_string(FILE *f, const char *s);

#endif
