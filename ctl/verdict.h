/* SPDX-License-Identifier: GPL-2.0 */
/* 'edgectl verdict': the words of a packet, the kernel's answer. */
#ifndef EDGECTL_VERDICT_H
#define EDGECTL_VERDICT_H

#include <stdio.h>

#include "backend.h"

/*
 * The words in|out IFNAME tcp|udp SRC[:PORT] DST[:PORT] (IPv6 with a port
 * as [ADDR]:PORT; a port left out is 0). Returns 0, or -1 with a sentence.
 */
int ef_verdict_parse(int argc, const char *const argv[], struct ef_query *q,
		     char *err, size_t errlen);
void ef_verdict_text(FILE *f, const struct ef_query *q,
		     const struct ef_verdict *v);
/* At least verdict, reason, zone, role and row (null when none). */
void ef_verdict_json(FILE *f, const struct ef_verdict *v);

#endif
