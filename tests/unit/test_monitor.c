// SPDX-License-Identifier: GPL-2.0
/*
 * monitor: the events as the kernel sends them (EDGEFW_CMD_CHANGED), read
 * and printed as a line of text and as one line of JSON.
 */
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <stdlib.h>

#include "../../ctl/monitor.h"
#include "../../ctl/msg.h"
#include "../../ctl/util.h"
#include "unit.h"

/* 2026-12-03 10:15:02 UTC */
#define T0 ((time_t)1796292902)

struct event_attrs {
	int what;			/* -1: absent */
	const char *comm;		/* NULL: no task (pid, uid, comm) */
	uint32_t pid, uid;
	const char *ifname;
	int rules;			/* -1: absent */
};

static struct nl_msg *event_msg(uint32_t generation, const struct event_attrs *e)
{
	struct nl_msg *m = unit_genl_msg(EDGEFW_CMD_CHANGED);
	struct nlattr *n;

	nla_put_u32(m, EDGEFW_A_GENERATION, generation);
	n = nla_nest_start(m, EDGEFW_A_EVENT);
	if (e->what >= 0)
		nla_put_u8(m, EDGEFW_EVENT_A_WHAT, (uint8_t)e->what);
	if (e->comm) {
		nla_put_u32(m, EDGEFW_EVENT_A_PID, e->pid);
		nla_put_u32(m, EDGEFW_EVENT_A_UID, e->uid);
		nla_put_string(m, EDGEFW_EVENT_A_COMM, e->comm);
	}
	if (e->ifname)
		nla_put_string(m, EDGEFW_EVENT_A_IFNAME, e->ifname);
	if (e->rules >= 0)
		nla_put_u32(m, EDGEFW_EVENT_A_RULES, (uint32_t)e->rules);
	nla_nest_end(m, n);
	return m;
}

static const struct {
	struct event_attrs in;
	const char *text;		/* after the time */
	const char *json;		/* after json_schema_version and time */
} events[] = {
	{ { EDGEFW_EVENT_CONFIG, "edgectl", 345, 0, NULL, 42 },
	  "generation 12 config, 42 rules in force, by edgectl (pid 345, uid 0)",
	  "\"generation\": 12, \"event\": \"config\", \"interface\": null, \"rules\": 42, \"pid\": 345, \"uid\": 0, \"comm\": \"edgectl\"}" },
	{ { EDGEFW_EVENT_COUNTERS_RESET, "edgectl", 350, 1000, NULL, 42 },
	  "generation 12 counters-reset, 42 rules in force, by edgectl (pid 350, uid 1000)",
	  "\"generation\": 12, \"event\": \"counters-reset\", \"interface\": null, \"rules\": 42, \"pid\": 350, \"uid\": 1000, \"comm\": \"edgectl\"}" },
	/* the kernel's own (an interface registered by a driver) */
	{ { EDGEFW_EVENT_INTERFACE, NULL, 0, 0, "ext0", 40 },
	  "generation 12 interface ext0, 40 rules in force",
	  "\"generation\": 12, \"event\": \"interface\", \"interface\": \"ext0\", \"rules\": 40, \"comm\": null}" },
	{ { EDGEFW_EVENT_PENDING, "python3", 7, 0, NULL, 0 },
	  "generation 12 pending, 0 rules in force, by python3 (pid 7, uid 0)",
	  "\"generation\": 12, \"event\": \"pending\", \"interface\": null, \"rules\": 0, \"pid\": 7, \"uid\": 0, \"comm\": \"python3\"}" },
	{ { EDGEFW_EVENT_CONFIRMED, "edgectl", 8, 0, NULL, -1 },
	  "generation 12 confirmed, by edgectl (pid 8, uid 0)",
	  "\"generation\": 12, \"event\": \"confirmed\", \"interface\": null, \"pid\": 8, \"uid\": 0, \"comm\": \"edgectl\"}" },
	/* the revert timer: no task behind it */
	{ { EDGEFW_EVENT_REVERTED, NULL, 0, 0, NULL, 24 },
	  "generation 12 reverted, 24 rules in force",
	  "\"generation\": 12, \"event\": \"reverted\", \"interface\": null, \"rules\": 24, \"comm\": null}" },
	/* newer than this edgectl; a command name that is not plain */
	{ { 9, "a\"b\n", 1, 2, NULL, -1 },
	  "generation 12 event 9, by a\"b\\x0a (pid 1, uid 2)",
	  "\"generation\": 12, \"event\": \"9\", \"interface\": null, \"pid\": 1, \"uid\": 2, \"comm\": \"a\\\"b\\n\"}" },
};

static void print_events(void)
{
	char err[EF_ERRLEN], expect[512];
	struct capture c;
	struct ef_event ev;
	struct nl_msg *m;
	const char *s;
	size_t i;

	setenv("TZ", "UTC", 1);
	tzset();
	for (i = 0; i < ARRAY_SIZE(events); i++) {
		CASE("monitor: event '%s'", events[i].text);
		m = event_msg(12, &events[i].in);
		CHECK_INT(ef_msg_parse_event(nlmsg_hdr(m), &ev, err, sizeof(err)), 0);
		nlmsg_free(m);
		ef_event_text(capture_open(&c), &ev, T0);
		s = capture_close(&c);
		snprintf(expect, sizeof(expect), "2026-12-03T10:15:02+0000 %s\n",
			 events[i].text);
		CHECK_STR(s, expect);
		free(c.buf);
		ef_event_json(capture_open(&c), &ev, T0);
		s = capture_close(&c);
		snprintf(expect, sizeof(expect),
			 "{\"json_schema_version\": 1, \"time\": \"2026-12-03T10:15:02+0000\", %s\n",
			 events[i].json);
		CHECK_STR(s, expect);
		CHECK(json_valid(s));
		free(c.buf);
	}
}

/* A config event (generation 3) with one more attribute of len bytes. */
static struct nl_msg *config_event_with(int type, int len)
{
	static const char zeros[8];
	struct nl_msg *m = unit_genl_msg(EDGEFW_CMD_CHANGED);
	struct nlattr *n;

	nla_put_u32(m, EDGEFW_A_GENERATION, 3);
	n = nla_nest_start(m, EDGEFW_A_EVENT);
	nla_put_u8(m, EDGEFW_EVENT_A_WHAT, EDGEFW_EVENT_CONFIG);
	nla_put(m, type, len, zeros);
	nla_nest_end(m, n);
	return m;
}

static void malformed_events(void)
{
	struct event_attrs no_what = { -1, NULL, 0, 0, NULL, 1 };
	char err[EF_ERRLEN];
	struct ef_event ev;
	struct nl_msg *m;

	CASE("monitor: an event without what it is about is refused");
	m = event_msg(3, &no_what);
	CHECK_INT(ef_msg_parse_event(nlmsg_hdr(m), &ev, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed message from the edgefw module (event without generation or what)");
	nlmsg_free(m);

	CASE("monitor: an event whose pid has 2 bytes is refused");
	m = config_event_with(EDGEFW_EVENT_A_PID, 2);
	CHECK_INT(ef_msg_parse_event(nlmsg_hdr(m), &ev, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed message from the edgefw module (event attribute)");
	nlmsg_free(m);

	CASE("monitor: an attribute newer than edgectl is skipped");
	m = config_event_with(40, 8);
	CHECK_INT(ef_msg_parse_event(nlmsg_hdr(m), &ev, err, sizeof(err)), 0);
	CHECK_INT(ev.generation, 3);
	CHECK(!ev.has_pid && !ev.has_rules && !ev.has_ifname);
	nlmsg_free(m);
}

void suite_monitor(void)
{
	print_events();
	malformed_events();
}
