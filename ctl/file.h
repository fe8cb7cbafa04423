/* SPDX-License-Identifier: GPL-2.0 */
/* Files edgectl writes: replaced whole or not at all. */
#ifndef EDGECTL_FILE_H
#define EDGECTL_FILE_H

#include <stddef.h>
#include <stdio.h>

/*
 * Replace the file at path (what it links to, if it is a symbolic link)
 * with what fill writes: into a new file in the same directory, flushed to
 * disk, renamed over path, the directory flushed too. The new file gets
 * the old one's permissions, or 0666 less the umask. On any failure path
 * is as it was and nothing is left behind; -1 with a sentence in err (an
 * error flushing the directory comes after the rename: path is replaced,
 * but may not be after a crash).
 */
int ef_replace_file(const char *path, void (*fill)(FILE *f, const void *arg),
		    const void *arg, char *err, size_t errlen);

#endif
