// SPDX-License-Identifier: GPL-2.0
/*
 * Every request is one message and one answer: a dump ends with
 * NLMSG_DONE (which may carry an error and an extended ack), a 'do'
 * request with an ACK or an error. The socket asks for extended acks
 * (NETLINK_EXT_ACK) without the echo of the request (NETLINK_CAP_ACK: a
 * SET_CONFIG of 100,000 addresses is megabytes), reads messages of any
 * length (MSG_PEEK) and grows its send buffer to the message it sends.
 */
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "errors.h"
#include "msg.h"
#include "netlink.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct ef_nl {
	struct ef_backend be;		/* first: container_of by cast */
	struct nl_sock *sk;
	int family;
};

/* The state of one request while its answer is read. */
struct rx {
	ef_nl_parse_fn parse;
	void *arg;
	bool done;			/* ACK, ERROR or DONE seen */
	bool intr;			/* NLM_F_DUMP_INTR seen */
	bool parse_failed;
	char parse_err[EF_ERRLEN];
	struct ef_nlerr nlerr;		/* from ERROR or DONE */
};

static int cb_valid(struct nl_msg *msg, void *arg)
{
	struct rx *rx = arg;

	/* After a parse error keep reading to the end, then report it. */
	if (rx->parse && !rx->parse_failed &&
	    rx->parse(nlmsg_hdr(msg), rx->arg, rx->parse_err,
		      sizeof(rx->parse_err)))
		rx->parse_failed = true;
	return NL_OK;
}

static int cb_finish(struct nl_msg *msg, void *arg)
{
	struct rx *rx = arg;

	ef_msg_parse_error(nlmsg_hdr(msg), &rx->nlerr);
	rx->done = true;
	return NL_STOP;
}

static int cb_ack(struct nl_msg *msg, void *arg)
{
	struct rx *rx = arg;

	(void)msg;
	rx->done = true;
	return NL_STOP;
}

static int cb_intr(struct nl_msg *msg, void *arg)
{
	struct rx *rx = arg;

	(void)msg;
	rx->intr = true;
	return NL_OK;
}

static int cb_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	const struct nlmsghdr *nlh =
		(const struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct rx *rx = arg;

	(void)nla;
	if (ef_msg_parse_error(nlh, &rx->nlerr))
		rx->nlerr.error = e->error < 0 ? -e->error : e->error;
	rx->done = true;
	return NL_STOP;
}

/* A request failed: say why, in one sentence. Returns -errno. */
static int fail(struct ef_nl *nl, uint8_t cmd, const struct nl_msg *sent,
		const struct ef_nlerr *e)
{
	char where[160];
	const char *what = NULL;

	if (e->msg[0] && e->error != EPERM)
		what = e->msg;
	else
		what = ef_errno_sentence(e->error, cmd);
	where[0] = '\0';
	if (sent && e->has_offs &&
	    ef_msg_describe_offset(nlmsg_hdr((struct nl_msg *)sent), e->offs,
				   where + 2, sizeof(where) - 3)) {
		where[0] = ' ';
		where[1] = '(';
		strncat(where, ")", sizeof(where) - strlen(where) - 1);
	}
	snprintf(nl->be.err, sizeof(nl->be.err), "%s%s", what, where);
	return -e->error;
}

/*
 * Make room for one message of 'size' bytes in the send buffer: beyond
 * net.core.wmem_max only with CAP_NET_ADMIN (SO_SNDBUFFORCE). Returns
 * false if the message still does not fit.
 */
static bool grow_sndbuf(struct ef_nl *nl, size_t size)
{
	int fd = nl_socket_get_fd(nl->sk), cur = 0, want;
	socklen_t len = sizeof(cur);

	/* The kernel wants 32 bytes of slack (netlink_sendmsg). */
	if (!getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &cur, &len) &&
	    (size_t)cur >= size + 32)
		return true;
	if (size > (size_t)(1 << 29))
		return false;
	/* The kernel doubles what it is given. */
	want = (int)(size / 2 + 4096);
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &want, sizeof(want)))
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &want, sizeof(want));
	len = sizeof(cur);
	return !getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &cur, &len) &&
	       (size_t)cur >= size + 32;
}

static int transact(struct ef_nl *nl, uint8_t cmd, struct nl_msg *msg,
		    struct rx *rx)
{
	struct nl_cb *cb;
	int r;

	r = grow_sndbuf(nl, nlmsg_hdr(msg)->nlmsg_len) ?
	    nl_send_auto(nl->sk, msg) : -NLE_MSGSIZE;
	if (r == -NLE_MSGSIZE || (r < 0 && errno == EMSGSIZE)) {
		snprintf(nl->be.err, sizeof(nl->be.err),
			 "cannot send %u bytes to the edgefw module: the socket send buffer is too small (run as root, or raise net.core.wmem_max)",
			 nlmsg_hdr(msg)->nlmsg_len);
		return -EMSGSIZE;
	}
	if (r < 0) {
		snprintf(nl->be.err, sizeof(nl->be.err),
			 "cannot send to the edgefw module: %s", nl_geterror(r));
		return -EIO;
	}
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		snprintf(nl->be.err, sizeof(nl->be.err), "out of memory");
		return -ENOMEM;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, cb_valid, rx);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, cb_finish, rx);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, cb_ack, rx);
	nl_cb_set(cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, cb_intr, rx);
	nl_cb_err(cb, NL_CB_CUSTOM, cb_error, rx);
	/* The callbacks above set rx->done. */
	while (!rx->done) {
		r = nl_recvmsgs_report(nl->sk, cb);
		// cppcheck-suppress knownConditionTrueFalse
		if (rx->done)
			break;
		if (r <= 0) {
			snprintf(nl->be.err, sizeof(nl->be.err),
				 "cannot read the answer of the edgefw module: %s",
				 r ? nl_geterror(r) : "end of file");
			nl_cb_put(cb);
			return -EIO;
		}
	}
	nl_cb_put(cb);
	if (rx->nlerr.error)
		return fail(nl, cmd, msg, &rx->nlerr);
	if (rx->parse_failed) {
		snprintf(nl->be.err, sizeof(nl->be.err), "%s", rx->parse_err);
		return -EPROTO;
	}
	return 0;
}

int ef_nl_request(struct ef_backend *be, uint8_t cmd, struct nl_msg *msg,
		  ef_nl_parse_fn parse, void *arg, bool *intr)
{
	struct rx rx;
	int r;

	memset(&rx, 0, sizeof(rx));
	rx.parse = parse;
	rx.arg = arg;
	r = transact((struct ef_nl *)be, cmd, msg, &rx);
	if (intr)
		*intr = rx.intr;
	return r;
}

int ef_nl_family_id(const struct ef_backend *be)
{
	return ((const struct ef_nl *)be)->family;
}

/* A dump, redone while a change interrupts it. */
static int dump(struct ef_nl *nl, uint8_t cmd, ef_nl_parse_fn parse,
		void (*reset)(void *), void *arg)
{
	struct nl_msg *msg;
	bool intr;
	int tries, r;

	for (tries = 0; tries < EF_DUMP_TRIES; tries++) {
		reset(arg);
		msg = ef_msg_simple(nl->family, cmd, NLM_F_DUMP);
		if (!msg) {
			snprintf(nl->be.err, sizeof(nl->be.err), "out of memory");
			return -ENOMEM;
		}
		r = ef_nl_request(&nl->be, cmd, msg, parse, arg, &intr);
		nlmsg_free(msg);
		if (r || !intr)
			return r;
	}
	snprintf(nl->be.err, sizeof(nl->be.err),
		 "the configuration kept changing while edgectl read it; try again");
	return -EAGAIN;
}

static int parse_config(const struct nlmsghdr *nlh, void *arg, char *err,
			size_t errlen)
{
	return ef_msg_parse_config(nlh, arg, err, errlen);
}

static void reset_config(void *arg)
{
	ef_config_free(arg);
}

static int parse_rules(const struct nlmsghdr *nlh, void *arg, char *err,
		       size_t errlen)
{
	return ef_msg_parse_rules(nlh, arg, err, errlen);
}

static void reset_rules(void *arg)
{
	ef_rules_free(arg);
}

static int nl_get_config(struct ef_backend *be, struct ef_config *cfg)
{
	struct ef_nl *nl = (struct ef_nl *)be;
	int r;

	r = dump(nl, EDGEFW_CMD_GET_CONFIG, parse_config, reset_config, cfg);
	if (r)
		return r;
	if (!cfg->has_generation) {
		snprintf(be->err, sizeof(be->err),
			 "malformed message from the edgefw module (no generation)");
		return -EPROTO;
	}
	ef_config_normalize(cfg);
	return 0;
}

static int nl_get_rules(struct ef_backend *be, struct ef_rules *rules)
{
	return dump((struct ef_nl *)be, EDGEFW_CMD_GET_RULES, parse_rules,
		    reset_rules, rules);
}

static int parse_check(const struct nlmsghdr *nlh, void *arg, char *err,
		       size_t errlen)
{
	return ef_msg_parse_check(nlh, arg, err, errlen);
}

static int nl_set_config(struct ef_backend *be, const struct ef_config *cfg,
			 const struct ef_set_how *how, struct ef_check *check)
{
	struct ef_nl *nl = (struct ef_nl *)be;
	struct ef_check ignored;
	struct nl_msg *msg;
	int r;

	msg = ef_msg_set_config(nl->family, cfg, how);
	if (!msg) {
		snprintf(be->err, sizeof(be->err),
			 "cannot build the netlink message (out of memory?)");
		return -ENOMEM;
	}
	if (!check)
		check = &ignored;
	memset(check, 0, sizeof(*check));
	r = ef_nl_request(be, EDGEFW_CMD_SET_CONFIG, msg, parse_check, check,
			  NULL);
	nlmsg_free(msg);
	return r;
}

/* A request without attributes, answered by an ACK or an error. */
static int nl_simple(struct ef_backend *be, uint8_t cmd)
{
	struct ef_nl *nl = (struct ef_nl *)be;
	struct nl_msg *msg;
	int r;

	msg = ef_msg_simple(nl->family, cmd, 0);
	if (!msg) {
		snprintf(be->err, sizeof(be->err), "out of memory");
		return -ENOMEM;
	}
	r = ef_nl_request(be, cmd, msg, NULL, NULL, NULL);
	nlmsg_free(msg);
	return r;
}

static int nl_reset_counters(struct ef_backend *be)
{
	return nl_simple(be, EDGEFW_CMD_RESET_COUNTERS);
}

static int nl_confirm(struct ef_backend *be, bool revert)
{
	return nl_simple(be, revert ? EDGEFW_CMD_REVERT : EDGEFW_CMD_CONFIRM);
}

static int parse_verdict(const struct nlmsghdr *nlh, void *arg, char *err,
			 size_t errlen)
{
	return ef_msg_parse_verdict(nlh, arg, err, errlen);
}

static int nl_verdict(struct ef_backend *be, const struct ef_query *q,
		      struct ef_verdict *v)
{
	struct ef_nl *nl = (struct ef_nl *)be;
	struct nl_msg *msg;
	int r;

	memset(v, 0, sizeof(*v));
	ef_rules_init(&v->rule);
	msg = ef_msg_verdict(nl->family, q);
	if (!msg) {
		snprintf(be->err, sizeof(be->err), "out of memory");
		return -ENOMEM;
	}
	r = ef_nl_request(be, EDGEFW_CMD_VERDICT, msg, parse_verdict, v, NULL);
	nlmsg_free(msg);
	if (!r && !v->present) {
		snprintf(be->err, sizeof(be->err),
			 "malformed message from the edgefw module (no verdict)");
		return -EPROTO;
	}
	return r;
}

static void nl_backend_close(struct ef_backend *be)
{
	struct ef_nl *nl = (struct ef_nl *)be;

	nl_socket_free(nl->sk);
	free(nl);
}

/* The family id, after checking the module speaks our protocol. */
static int resolve_family(struct nl_sock *sk, const char *name,
			  unsigned int min_version, char *err, size_t errlen)
{
	struct genl_family *fam;
	struct nl_cache *cache;
	unsigned int version;
	int r, id;

	r = genl_ctrl_alloc_cache(sk, &cache);
	if (r < 0)
		return ef_err(err, errlen,
			      "cannot list the generic netlink families: %s",
			      nl_geterror(r));
	fam = genl_ctrl_search_by_name(cache, name);
	nl_cache_free(cache);
	if (!fam && !strcmp(name, EDGEFW_GENL_NAME))
		return ef_err(err, errlen,
			      "the edgefw module is not loaded (modprobe edgefw)");
	if (!fam)
		return ef_err(err, errlen,
			      "no generic netlink family '%s'", name);
	id = (int)genl_family_get_id(fam);
	version = (unsigned int)genl_family_get_version(fam);
	genl_family_put(fam);
	if (version < min_version)
		return ef_err(err, errlen,
			      "the loaded %s module speaks protocol version %u; this edgectl needs %u",
			      name, version, min_version);
	return id;
}

struct ef_backend *ef_nl_open(char *err, size_t errlen)
{
	return ef_nl_open_family(EDGEFW_GENL_NAME, EDGEFW_GENL_VERSION, err,
				 errlen);
}

struct ef_backend *ef_nl_open_family(const char *name,
				     unsigned int min_version, char *err,
				     size_t errlen)
{
	struct ef_nl *nl = xcalloc(1, sizeof(*nl));
	int one = 1, rcvbuf = 1 << 20, r, fd;

	nl->be.get_config = nl_get_config;
	nl->be.set_config = nl_set_config;
	nl->be.get_rules = nl_get_rules;
	nl->be.reset_counters = nl_reset_counters;
	nl->be.confirm = nl_confirm;
	nl->be.verdict = nl_verdict;
	nl->be.close = nl_backend_close;
	nl->sk = nl_socket_alloc();
	if (!nl->sk) {
		ef_err(err, errlen, "out of memory");
		goto fail;
	}
	r = genl_connect(nl->sk);
	if (r < 0) {
		ef_err(err, errlen, "cannot open a generic netlink socket: %s",
		       nl_geterror(r));
		goto fail;
	}
	fd = nl_socket_get_fd(nl->sk);
	/* Extended acks and capped acks exist since Linux 4.12 / 4.3. */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	nl_socket_enable_msg_peek(nl->sk);
	nl->family = resolve_family(nl->sk, name, min_version, err, errlen);
	if (nl->family < 0)
		goto fail;
	return &nl->be;
fail:
	if (nl->sk)
		nl_socket_free(nl->sk);
	free(nl);
	return NULL;
}
