// SPDX-License-Identifier: GPL-2.0
/*
 * The events come on the edgefw socket itself, joined to the group; the
 * same socket joins nlctrl's "notify" group, where the kernel says that a
 * family went away: a monitor of an unloaded module ends instead of
 * waiting forever. SIGINT and SIGTERM arrive through a signalfd polled
 * with the socket, so that an event half printed is never cut and the
 * output is flushed before the exit.
 */
#include <errno.h>
#include <linux/genetlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/socket.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "../uapi/linux/edgefw.h"
#include "addr.h"
#include "json.h"
#include "monitor.h"
#include "msg.h"
#include "netlink.h"
#include "show.h"
#include "util.h"

const char *ef_event_name(unsigned int what)
{
	static const char *const names[] = {
		[EDGEFW_EVENT_CONFIG]		= "config",
		[EDGEFW_EVENT_COUNTERS_RESET]	= "counters-reset",
		[EDGEFW_EVENT_INTERFACE]	= "interface",
		[EDGEFW_EVENT_PENDING]		= "pending",
		[EDGEFW_EVENT_CONFIRMED]	= "confirmed",
		[EDGEFW_EVENT_REVERTED]		= "reverted",
	};

	return what < ARRAY_SIZE(names) ? names[what] : NULL;
}

/* "2026-12-03T10:15:02+0000", in local time */
static const char *time_str(time_t t, char buf[32])
{
	struct tm tm;

	if (!localtime_r(&t, &tm) ||
	    !strftime(buf, 32, "%Y-%m-%dT%H:%M:%S%z", &tm))
		snprintf(buf, 32, "%lld", (long long)t);
	return buf;
}

void ef_event_text(FILE *f, const struct ef_event *ev, time_t t)
{
	const char *name = ef_event_name(ev->what);
	char when[32], q[EF_QUOTELEN];

	fprintf(f, "%s generation %u ", time_str(t, when), ev->generation);
	if (name)
		fputs(name, f);
	else
		fprintf(f, "event %u", ev->what);
	if (ev->has_ifname)
		fprintf(f, " %s", ef_quote(ev->ifname, q));
	if (ev->has_rules)
		fprintf(f, ", %u rules in force", ev->rules);
	/* a change of the revert timer's has no task behind it */
	if (ev->has_pid) {
		fprintf(f, ", by %s (pid %u",
			ev->has_comm ? ef_quote(ev->comm, q) : "?", ev->pid);
		if (ev->has_uid)
			fprintf(f, ", uid %u", ev->uid);
		fputc(')', f);
	}
	fputc('\n', f);
}

void ef_event_json(FILE *f, const struct ef_event *ev, time_t t)
{
	const char *name = ef_event_name(ev->what);
	char when[32], num[8];
	struct json j;

	snprintf(num, sizeof(num), "%u", ev->what);
	json_init_compact(&j, f);
	json_open(&j, NULL, '{');
	json_uint(&j, "json_schema_version", EF_JSON_SCHEMA_VERSION);
	json_str(&j, "time", time_str(t, when));
	json_uint(&j, "generation", ev->generation);
	json_str(&j, "event", name ? name : num);
	json_str(&j, "interface", ev->has_ifname ? ev->ifname : NULL);
	if (ev->has_rules)
		json_uint(&j, "rules", ev->rules);
	if (ev->has_pid)
		json_uint(&j, "pid", ev->pid);
	if (ev->has_uid)
		json_uint(&j, "uid", ev->uid);
	json_str(&j, "comm", ev->has_comm ? ev->comm : NULL);
	json_close(&j, '{');
}

struct monitor {
	int family;
	bool json;
	bool unloaded;			/* nlctrl: the family went away */
	bool write_failed;
};

static bool is_delfamily_of_edgefw(struct nlmsghdr *nlh)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	const struct genlmsghdr *g = nlmsg_data(nlh);

	return nlh->nlmsg_type == GENL_ID_CTRL &&
	       g->cmd == CTRL_CMD_DELFAMILY &&
	       !genlmsg_parse(nlh, 0, tb, CTRL_ATTR_MAX, NULL) &&
	       tb[CTRL_ATTR_FAMILY_NAME] &&
	       !strcmp(nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]),
		       EDGEFW_GENL_NAME);
}

static int on_message(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	const struct genlmsghdr *g;
	struct monitor *m = arg;
	char err[EF_ERRLEN];
	struct ef_event ev;

	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return NL_SKIP;
	if (is_delfamily_of_edgefw(nlh)) {
		m->unloaded = true;
		return NL_STOP;
	}
	g = nlmsg_data(nlh);
	if (nlh->nlmsg_type != m->family || g->cmd != EDGEFW_CMD_CHANGED)
		return NL_SKIP;
	if (ef_msg_parse_event(nlh, &ev, err, sizeof(err))) {
		fprintf(stderr, "edgectl: warning: %s\n", err);
		return NL_SKIP;
	}
	(m->json ? ef_event_json : ef_event_text)(stdout, &ev, time(NULL));
	/* each as it happens, also into a pipe or a file */
	if (ef_cmd_flush_output()) {
		m->write_failed = true;
		return NL_STOP;
	}
	return NL_OK;
}

/* Events are not answers: they carry no sequence number of ours. */
static int any_sequence(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

/* Join the events group; -1 with the sentence printed. */
static int join_events(struct nl_sock *sk)
{
	int grp, r;

	grp = genl_ctrl_resolve_grp(sk, EDGEFW_GENL_NAME, EDGEFW_MCGRP_EVENTS);
	if (grp == -NLE_OBJ_NOTFOUND) {
		fprintf(stderr, "edgectl: this kernel gives no edgefw events: it lacks GENL_MCAST_CAP_NET_ADMIN (Linux 6.7, or a stable kernel with its backport), without which anyone could listen\n");
		return -1;
	}
	if (grp < 0) {
		fprintf(stderr, "edgectl: cannot find the edgefw events group: %s\n",
			nl_geterror(grp));
		return -1;
	}
	r = nl_socket_add_membership(sk, grp);
	if (r == -NLE_PERM) {
		fprintf(stderr, "edgectl: permission denied: listening to edgefw events needs CAP_NET_ADMIN (run edgectl as root)\n");
		return -1;
	}
	if (r < 0) {
		fprintf(stderr, "edgectl: cannot join the edgefw events group: %s\n",
			nl_geterror(r));
		return -1;
	}
	/* Without it the monitor would not notice an unload: not fatal. */
	grp = genl_ctrl_resolve_grp(sk, "nlctrl", "notify");
	if (grp < 0 || nl_socket_add_membership(sk, grp) < 0)
		fprintf(stderr, "edgectl: warning: cannot watch for the module's unloading\n");
	return 0;
}

/* SIGINT and SIGTERM as a file descriptor; -1 if that cannot be. */
static int signals_fd(void)
{
	sigset_t mask;

	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &mask, NULL))
		return -1;
	return signalfd(-1, &mask, SFD_CLOEXEC);
}

/* Until a signal: 0; or the module went away, output failed: 1. */
static int listen_events(struct nl_sock *sk, struct monitor *m)
{
	struct pollfd fds[2];
	struct nl_cb *cb;
	int r = EXIT_RUNTIME, got;

	fds[0].fd = nl_socket_get_fd(sk);
	fds[0].events = POLLIN;
	fds[1].fd = signals_fd();
	fds[1].events = POLLIN;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (fds[1].fd < 0 || !cb) {
		fprintf(stderr, "edgectl: cannot wait for events: %s\n",
			strerror(errno));
		goto out;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_message, m);
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, any_sequence, NULL);
	nl_socket_set_nonblocking(sk);
	for (;;) {
		if (poll(fds, 2, -1) < 0 && errno != EINTR) {
			fprintf(stderr, "edgectl: cannot wait for events: %s\n",
				strerror(errno));
			break;
		}
		if (fds[1].revents) {
			r = EXIT_OK;
			break;
		}
		if (!fds[0].revents)
			continue;
		got = nl_recvmsgs(sk, cb);
		if (got == -NLE_NOMEM)	/* ENOBUFS: the queue overflowed */
			fprintf(stderr, "edgectl: warning: events were lost (the receive buffer overflowed)\n");
		else if (got < 0 && got != -NLE_AGAIN)
			fprintf(stderr, "edgectl: warning: cannot read an event: %s\n",
				nl_geterror(got));
		if (m->unloaded) {
			fprintf(stderr, "edgectl: the edgefw module was unloaded; no more events\n");
			break;
		}
		if (m->write_failed)
			break;
	}
out:
	if (cb)
		nl_cb_put(cb);
	if (fds[1].fd >= 0)
		close(fds[1].fd);
	return r;
}

int cmd_monitor(const struct ef_cmd *c)
{
	struct monitor m = { 0 };
	char err[EF_ERRLEN];
	struct ef_backend *be;
	struct ef_cmd_opts o;
	int r;

	if (ef_cmd_parse(c, false, &o))
		return EXIT_USAGE;
	/* Events are netlink's: no other backend has them. */
	be = ef_nl_open(err, sizeof(err));
	if (!be) {
		fprintf(stderr, "edgectl: %s\n", err);
		return EXIT_RUNTIME;
	}
	m.family = ef_nl_family_id(be);
	m.json = o.json;
	r = join_events(ef_nl_socket(be)) ? EXIT_RUNTIME :
	    listen_events(ef_nl_socket(be), &m);
	if (r == EXIT_OK)
		r = ef_cmd_flush_output();
	be->close(be);
	return r;
}
