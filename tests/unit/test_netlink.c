// SPDX-License-Identifier: GPL-2.0
/*
 * The transport (ctl/netlink.c) against a real kernel, using the kernel's
 * own generic netlink family "nlctrl" since edgefw may not be loaded:
 * a multi-part dump, an error, an extended ack with offset, and a request
 * of several megabytes. Skipped where there is no generic netlink.
 */
#include <errno.h>
#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../ctl/netlink.h"
#include "unit.h"

struct seen {
	int messages;
	bool nlctrl;
};

static int count_families(const struct nlmsghdr *nlh, void *arg, char *err,
			  size_t errlen)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct seen *s = arg;

	(void)err;
	(void)errlen;
	s->messages++;
	if (!genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, CTRL_ATTR_MAX, NULL) &&
	    tb[CTRL_ATTR_FAMILY_NAME] &&
	    !strcmp(nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]), "nlctrl"))
		s->nlctrl = true;
	return 0;
}

static int refuse_all(const struct nlmsghdr *nlh, void *arg, char *err,
		      size_t errlen)
{
	(void)nlh;
	(*(int *)arg)++;
	snprintf(err, errlen, "refused by the test");
	return -1;
}

static struct nl_msg *getfamily(int family, int flags)
{
	struct nl_msg *m = nlmsg_alloc_size(1 << 12);

	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags,
		    CTRL_CMD_GETFAMILY, 1);
	return m;
}

/*
 * The child of the EMSGSIZE case: as nobody, send a request of nattr
 * attributes of 60000 bytes. Exit status 0 if it was refused, plainly.
 */
int netlink_emsgsize_child(int nattr)
{
	static char filler[60000];
	struct ef_backend *nb;
	char err[EF_ERRLEN];
	struct nl_msg *m;
	int r, i, ok;

	if (setgid(65534) || setuid(65534))
		return 3;
	nb = ef_nl_open_family("nlctrl", 1, err, sizeof(err));
	if (!nb)
		return 4;
	m = nlmsg_alloc_size((size_t)(nattr + 1) * 65536);
	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, ef_nl_family_id(nb), 0, 0,
		    CTRL_CMD_GETFAMILY, 1);
	for (i = 0; i < nattr; i++)
		nla_put(m, 200, sizeof(filler), filler);
	r = ef_nl_request(nb, CTRL_CMD_GETFAMILY, m, NULL, NULL, NULL);
	ok = r == -EMSGSIZE && strstr(nb->err, "raise net.core.wmem_max");
	nlmsg_free(m);
	nb->close(nb);
	return ok ? 0 : 5;
}

static long read_wmem_max(void)
{
	FILE *f = fopen("/proc/sys/net/core/wmem_max", "r");
	long v = -1;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

void suite_netlink(void)
{
	long wmem;
	struct ef_backend *be;
	struct seen seen = { 0 };
	char err[EF_ERRLEN];
	struct nl_msg *m;
	bool intr = true;
	int r, i, n = 0;

	be = ef_nl_open_family("nlctrl", 1, err, sizeof(err));
	if (!be) {
		printf("skip netlink transport tests: %s\n", err);
		return;
	}

	CASE("netlink: an absent family is named");
	CHECK(ef_nl_open_family("edgefw-no-such", 1, err, sizeof(err)) == NULL);
	CHECK_STR(err, "no generic netlink family 'edgefw-no-such'");
	CHECK(ef_nl_open_family("nlctrl", 1000, err, sizeof(err)) == NULL);
	CHECK_CONTAINS(err, "protocol version");

	CASE("netlink: a multi-part dump is read to its end");
	m = getfamily(ef_nl_family_id(be), NLM_F_DUMP);
	r = ef_nl_request(be, CTRL_CMD_GETFAMILY, m, count_families, &seen, &intr);
	nlmsg_free(m);
	CHECK_INT(r, 0);
	CHECK(seen.messages >= 1);
	CHECK(seen.nlctrl);
	CHECK(!intr);

	CASE("netlink: the socket stays usable: the same dump again");
	memset(&seen, 0, sizeof(seen));
	m = getfamily(ef_nl_family_id(be), NLM_F_DUMP);
	CHECK_INT(ef_nl_request(be, CTRL_CMD_GETFAMILY, m, count_families, &seen, NULL), 0);
	nlmsg_free(m);
	CHECK(seen.nlctrl);

	CASE("netlink: a parse error is reported after the dump is drained");
	m = getfamily(ef_nl_family_id(be), NLM_F_DUMP);
	CHECK_INT(ef_nl_request(be, CTRL_CMD_GETFAMILY, m, refuse_all, &n, NULL), -EPROTO);
	nlmsg_free(m);
	CHECK_INT(n, 1);
	CHECK_STR(be->err, "refused by the test");
	m = getfamily(ef_nl_family_id(be), NLM_F_DUMP);
	memset(&seen, 0, sizeof(seen));
	CHECK_INT(ef_nl_request(be, CTRL_CMD_GETFAMILY, m, count_families, &seen, NULL), 0);
	nlmsg_free(m);

	CASE("netlink: an error answer (ENOENT)");
	m = getfamily(ef_nl_family_id(be), 0);
	nla_put_string(m, CTRL_ATTR_FAMILY_NAME, "edgefw-no-such");
	CHECK_INT(ef_nl_request(be, CTRL_CMD_GETFAMILY, m, count_families, &seen, NULL), -ENOENT);
	nlmsg_free(m);
	CHECK_STR(be->err, "No such file or directory");

	CASE("netlink: an extended ack: the kernel's message and the offset");
	m = getfamily(ef_nl_family_id(be), 0);
	nla_put(m, CTRL_ATTR_FAMILY_ID, 1, "x");
	r = ef_nl_request(be, CTRL_CMD_GETFAMILY, m, count_families, &seen, NULL);
	nlmsg_free(m);
	CHECK(r == -EINVAL || r == -ERANGE);	/* ERANGE since Linux 5.x */
	/* the kernel's text; attribute 1 at that offset reads as edgefw's
	 * EDGEFW_A_GENERATION, which is what edgectl would name */
	CHECK_STR(be->err, "Attribute failed policy validation (generation)");

	CASE("netlink: a request of 2.4 MB is sent whole and answered");
	m = nlmsg_alloc_size(41 * 65536);
	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, ef_nl_family_id(be), 0, 0,
		    CTRL_CMD_GETFAMILY, 1);
	nla_put_string(m, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	{
		static char filler[60000];

		for (i = 0; i < 40; i++)
			nla_put(m, 200, sizeof(filler), filler);	/* ignored */
	}
	CHECK(nlmsg_hdr(m)->nlmsg_len > 2400000);
	memset(&seen, 0, sizeof(seen));
	r = ef_nl_request(be, CTRL_CMD_GETFAMILY, m, count_families, &seen, NULL);
	nlmsg_free(m);
	CHECK_INT(r, 0);
	if (r)
		printf("  %s\n", be->err);
	CHECK_INT(seen.messages, 1);
	CHECK(seen.nlctrl);

	if (!geteuid() && (wmem = read_wmem_max()) > 0) {
		int nattr = (int)(2 * wmem / 60000 + 10);

		CASE("netlink: without root the send buffer cannot grow past wmem_max: EMSGSIZE");
		fflush(stdout);
		/* A fresh process (exec, so that valgrind does not follow it). */
		if (fork() == 0) {
			char n[16];

			snprintf(n, sizeof(n), "%d", nattr);
			execl(unit_self, "unit", "--emsgsize-child", n, (char *)NULL);
			_exit(6);
		}
		r = -1;
		wait(&r);
		CHECK(WIFEXITED(r) && WEXITSTATUS(r) == 0);
	}

	be->close(be);
}
