// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "addr.h"
#include "file.h"
#include "util.h"

/* The file to replace: a symbolic link's target, else path itself. */
static char *target_of(const char *path)
{
	char *t = realpath(path, NULL);

	return t ? t : xstrdup(path);
}

static mode_t mode_for(const char *target)
{
	struct stat st;
	mode_t mask;

	if (!stat(target, &st))
		return st.st_mode & 07777;
	mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), r;

	if (fd < 0)
		return -1;
	r = fsync(fd);
	close(fd);
	return r;
}

int ef_replace_file(const char *path, void (*fill)(FILE *f, const void *arg),
		    const void *arg, char *err, size_t errlen)
{
	char *target = target_of(path), *dcopy = xstrdup(target);
	char *bcopy = xstrdup(target), *tmp = NULL, q[EF_QUOTELEN];
	const char *dir = dirname(dcopy), *what = NULL;
	FILE *f = NULL;
	int fd, e = 0;

#define FAIL(w) do { e = errno; what = (w); goto out; } while (0)
	if (asprintf(&tmp, "%s/.%s.XXXXXX", dir, basename(bcopy)) < 0) {
		tmp = NULL;
		FAIL("cannot name a new file next to");
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		free(tmp);
		tmp = NULL;
		errno = e;
		FAIL("cannot create a new file next to");
	}
	f = fdopen(fd, "w");
	if (!f) {
		e = errno;
		close(fd);
		errno = e;
		FAIL("cannot write");
	}
	if (fchmod(fd, mode_for(target)))
		FAIL("cannot set the permissions of the file replacing");
	fill(f, arg);
	if (fflush(f) || ferror(f) || fsync(fd))
		FAIL("cannot write");
	if (fclose(f)) {
		f = NULL;
		FAIL("cannot write");
	}
	f = NULL;
	if (rename(tmp, target))
		FAIL("cannot replace");
	free(tmp);
	tmp = NULL;
	if (sync_dir(dir))
		FAIL("replaced, but cannot flush the directory of");
#undef FAIL
out:
	if (what)
		ef_err(err, errlen, "%s '%s': %s", what, ef_quote(path, q),
		       strerror(e));
	if (f)
		fclose(f);
	if (tmp)
		unlink(tmp);
	free(tmp);
	free(bcopy);
	free(dcopy);
	free(target);
	return what ? -1 : 0;
}
