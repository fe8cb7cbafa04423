// SPDX-License-Identifier: GPL-2.0
/*
 * doctor: the findings of canned facts, one per thing that can be wrong,
 * and the readers of what the kernel says (taint letters, NFLOG readers,
 * a configuration with a pending change and a log group).
 */
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <stdlib.h>

#include "../../ctl/doctor.h"
#include "../../ctl/msg.h"
#include "unit.h"

static struct ef_binding healthy_bindings[] = {
	{ "ext0", 3, EDGEFW_ZONE_EXTERNAL },
	{ "int0", 4, EDGEFW_ZONE_INTERNAL },
};
static struct ef_doctor_iface healthy_ifaces[2];

/* A machine where all is well: what each case then breaks. */
static void healthy(struct ef_doctor_facts *f)
{
	memset(f, 0, sizeof(*f));
	f->edgectl_version = "0.2.0";
	f->module_loaded = true;
	f->family_version = 2;
	f->has_info = true;
	f->info = (struct ef_info){ "0.2.0", true, 2, 2 };
	f->has_signer = true;
	snprintf(f->signer, sizeof(f->signer), "DKMS module signing key");
	f->has_module_taint = true;
	snprintf(f->module_taint, sizeof(f->module_taint), "O");
	f->has_kernel_taint = true;
	f->kernel_taint = 1UL << 12;	/* O */
	f->has_config = true;
	f->cfg.bindings = healthy_bindings;
	f->cfg.nbindings = 2;
	f->ifaces = healthy_ifaces;
	f->br_call_iptables = f->br_call_ip6tables = -1;
	f->has_conntrack = true;
	f->ct_count = 10;
	f->ct_max = 1000;
	snprintf(f->logger_ipv4, sizeof(f->logger_ipv4), "nf_log_ipv4");
	snprintf(f->logger_ipv6, sizeof(f->logger_ipv6), "nf_log_ipv6");
	f->init_netns = true;
}

static const char healthy_text[] =
	"ok    module: edgefw 0.2.0 loaded, netlink protocols 2 to 2\n"
	"ok    signature: signed by 'DKMS module signing key'; verified by the kernel\n"
	"info  taint: the kernel is tainted O (edgefw: O; O: built outside the kernel tree, E: not verified)\n"
	"ok    bindings: 2 interfaces bound, every one present\n"
	"ok    conntrack: 10 of 1000 entries (1%)\n"
	"ok    log-drops: off\n";

static const struct ef_finding *find(const struct ef_findings *fs,
				     const char *check)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (!strcmp(fs->v[i].check, check))
			return &fs->v[i];
	return NULL;
}

/* The finding 'check' of f is at 'level' and says 'text' (a part of it). */
static void expect(const struct ef_doctor_facts *f, const char *check,
		   enum ef_level level, const char *text)
{
	const struct ef_finding *x;
	struct ef_findings fs;

	ef_doctor_judge(f, &fs);
	x = find(&fs, check);
	CHECK(x != NULL);
	if (x) {
		CHECK_INT(x->level, level);
		CHECK_CONTAINS(x->text, text);
	}
	CHECK(ef_doctor_attention(&fs) == (level == EF_LEVEL_WARN));
	free(fs.v);
}

static void healthy_machine(void)
{
	struct ef_doctor_facts f;
	struct ef_findings fs;
	struct capture c;

	CASE("doctor: a healthy machine: one line per check, nothing to attend to");
	healthy(&f);
	ef_doctor_judge(&f, &fs);
	CHECK(!ef_doctor_attention(&fs));
	ef_doctor_text(capture_open(&c), &fs);
	CHECK_STR(capture_close(&c), healthy_text);
	free(c.buf);

	CASE("doctor: -j gives the findings and the facts");
	ef_doctor_json(capture_open(&c), &f, &fs);
	capture_close(&c);
	CHECK(json_valid(c.buf));
	CHECK(!strncmp(c.buf, "{\n  \"json_schema_version\": 1,\n  \"attention\": false,", 51));
	CHECK_CONTAINS(c.buf, "\"check\": \"conntrack\",\n      \"level\": \"ok\"");
	CHECK_CONTAINS(c.buf, "\"conntrack\": {\n    \"count\": 10,\n    \"max\": 1000\n  }");
	CHECK_CONTAINS(c.buf, "\"signer\": \"DKMS module signing key\"");
	CHECK_CONTAINS(c.buf, "\"kernel_taint\": \"O\"");
	free(c.buf);
	free(fs.v);
}

static void module_findings(void)
{
	struct ef_doctor_facts f;
	struct ef_findings fs;

	CASE("doctor: module not loaded: one line, and nothing else is judged");
	healthy(&f);
	f.module_loaded = false;
	ef_doctor_judge(&f, &fs);
	CHECK_INT(fs.n, 1);
	CHECK_STR(fs.v[0].text, "edgefw is not loaded: nothing is filtered (modprobe edgefw)");
	CHECK(ef_doctor_attention(&fs));
	free(fs.v);

	CASE("doctor: edgectl and module of different versions");
	healthy(&f);
	snprintf(f.info.version, sizeof(f.info.version), "0.1.9");
	expect(&f, "version", EF_LEVEL_WARN,
	       "edgectl 0.2.0 and the module 0.1.9 are not the same version");

	CASE("doctor: a protocol edgectl does not speak; the configuration is not read");
	healthy(&f);
	snprintf(f.module_error, sizeof(f.module_error), "the loaded edgefw module speaks netlink protocol 1, older");
	expect(&f, "version", EF_LEVEL_WARN, "speaks netlink protocol 1");
	ef_doctor_judge(&f, &fs);
	CHECK(!find(&fs, "bindings") && !find(&fs, "config"));
	free(fs.v);

	CASE("doctor: signed, but not verified (taint E): worth knowing");
	healthy(&f);
	snprintf(f.module_taint, sizeof(f.module_taint), "OE");
	expect(&f, "signature", EF_LEVEL_INFO,
	       "signed by 'DKMS module signing key'; not verified by the kernel (taint E)");

	CASE("doctor: not signed at all");
	healthy(&f);
	f.signer[0] = '\0';
	snprintf(f.module_taint, sizeof(f.module_taint), "OE");
	expect(&f, "signature", EF_LEVEL_INFO, "not signed; not verified by the kernel");

	CASE("doctor: a kernel that warned or oopsed needs attention");
	healthy(&f);
	f.kernel_taint |= 1UL << 9 | 1UL << 7;	/* W, D */
	expect(&f, "taint", EF_LEVEL_WARN,
	       "the kernel is tainted DWO (edgefw: O): DW means the kernel has had trouble");

	CASE("doctor: an untainted kernel");
	healthy(&f);
	f.kernel_taint = 0;
	expect(&f, "taint", EF_LEVEL_OK, "the kernel is not tainted");

	CASE("doctor: the configuration cannot be read (not root)");
	healthy(&f);
	f.has_config = false;
	snprintf(f.config_error, sizeof(f.config_error), "permission denied");
	expect(&f, "config", EF_LEVEL_WARN,
	       "cannot read the configuration: permission denied");
}

static void config_findings(void)
{
	struct ef_binding absent[] = {
		{ "ext0", 3, EDGEFW_ZONE_EXTERNAL },
		{ "lp", 0, EDGEFW_ZONE_INTERNAL },
	};
	struct ef_doctor_facts f;

	CASE("doctor: nothing bound");
	healthy(&f);
	f.cfg.nbindings = 0;
	expect(&f, "bindings", EF_LEVEL_WARN, "no interface is bound: edgefw filters nothing");

	CASE("doctor: a binding of an absent interface, with the name meant");
	healthy(&f);
	f.cfg.bindings = absent;
	expect(&f, "binding", EF_LEVEL_WARN,
	       "lp (internal) is bound but no interface 'lp' (did you mean 'lo'?)");

	CASE("doctor: a bridge port bound: with or without br_netfilter, nothing is filtered");
	healthy(&f);
	healthy_ifaces[0] = (struct ef_doctor_iface){ false, true, "br0" };
	expect(&f, "bridge", EF_LEVEL_WARN,
	       "ext0 is a port of bridge br0, and netfilter sees packets on the bridge, not on its ports: this binding filters nothing (bind br0 instead)");
	f.br_call_iptables = f.br_call_ip6tables = 1;
	expect(&f, "bridge", EF_LEVEL_WARN, "this binding filters nothing");

	CASE("doctor: a bridge bound without br_netfilter, or with it off");
	healthy(&f);
	healthy_ifaces[0] = (struct ef_doctor_iface){ true, false, "" };
	expect(&f, "bridge", EF_LEVEL_WARN,
	       "ext0 is a bridge and br_netfilter is not loaded: what it bridges between its ports is not filtered");
	f.br_call_iptables = 1;
	f.br_call_ip6tables = 0;
	expect(&f, "bridge", EF_LEVEL_WARN,
	       "br_netfilter does not pass bridged IPv4 and IPv6 to netfilter");

	CASE("doctor: a bridge bound with br_netfilter passing both is fine");
	f.br_call_ip6tables = 1;
	expect(&f, "bindings", EF_LEVEL_OK, "2 interfaces bound");
	memset(healthy_ifaces, 0, sizeof(healthy_ifaces));

	CASE("doctor: conntrack above 80%% full; at 80%% not yet");
	healthy(&f);
	f.ct_count = 81;
	f.ct_max = 100;
	expect(&f, "conntrack", EF_LEVEL_WARN,
	       "81 of 100 entries (81%), above 80%: when it is full, new connections are dropped");
	f.ct_count = 80;
	expect(&f, "conntrack", EF_LEVEL_OK, "80 of 100 entries (80%)");

	CASE("doctor: interfaces bound but no conntrack");
	healthy(&f);
	f.has_conntrack = false;
	expect(&f, "conntrack", EF_LEVEL_WARN, "although interfaces are bound");

	CASE("doctor: drops logged to an NFLOG group nobody reads");
	healthy(&f);
	f.cfg.flags = EDGEFW_F_LOG_DROPS;
	f.cfg.has_log_group = true;
	f.cfg.log_group = 5;
	expect(&f, "log-drops", EF_LEVEL_WARN,
	       "on, to NFLOG group 5, but nothing reads that group");
	f.nflog_listened = true;
	expect(&f, "log-drops", EF_LEVEL_OK, "on, to NFLOG group 5");

	CASE("doctor: drops logged with no logger bound");
	healthy(&f);
	f.cfg.flags = EDGEFW_F_LOG_DROPS;
	snprintf(f.logger_ipv6, sizeof(f.logger_ipv6), "NONE");
	expect(&f, "log-drops", EF_LEVEL_WARN,
	       "no logger is bound for IPv6 in this namespace: nothing is logged (echo nf_log_ipv6 > /proc/sys/net/netfilter/nf_log/10)");

	CASE("doctor: drops logged to the kernel log from another namespace");
	healthy(&f);
	f.cfg.flags = EDGEFW_F_LOG_DROPS;
	f.init_netns = false;
	expect(&f, "log-drops", EF_LEVEL_INFO, "nf_log_all_netns");
	f.init_netns = true;
	expect(&f, "log-drops", EF_LEVEL_OK, "on, to the kernel log");

	CASE("doctor: audit mode");
	healthy(&f);
	f.cfg.flags = EDGEFW_F_AUDIT;
	expect(&f, "mode", EF_LEVEL_WARN, "audit: what no rule admits is counted and accepted");

	CASE("doctor: a change waiting for confirmation, time left rounded up");
	healthy(&f);
	f.cfg.has_pending = true;
	f.cfg.pending_ms = 41001;
	f.cfg.pending_timeout = 60;
	expect(&f, "pending", EF_LEVEL_WARN,
	       "a change waits for confirmation: the kernel reverts it in 42 s unless 'edgectl confirm' (of 60 s asked for)");
}

static void readers(void)
{
	char buf[64], err[EF_ERRLEN] = "";
	struct ef_config cfg;
	struct nl_msg *m;
	struct nlattr *n;

	CASE("doctor: taint letters in the kernel's order, unknown bits by number");
	CHECK_STR(ef_taint_letters(0, buf, sizeof(buf)), "");
	CHECK_STR(ef_taint_letters(1UL << 12 | 1UL << 13, buf, sizeof(buf)), "OE");
	CHECK_STR(ef_taint_letters(1UL << 0 | 1UL << 18 | 1UL << 21, buf, sizeof(buf)),
		  "PN(21)");

	CASE("doctor: the readers of NFLOG groups");
	CHECK(ef_nflog_group_listened("    5   1234     0 2 65535    100  1\n", 5));
	CHECK(ef_nflog_group_listened("    0   1234     0 2 65535    100  1\n"
				      "    5   1234     0 2 65535    100  1\n", 5));
	CHECK(!ef_nflog_group_listened("   15   1234     0 2 65535    100  1\n", 5));
	CHECK(!ef_nflog_group_listened("", 5));
	CHECK(!ef_nflog_group_listened("\n", 0));	/* no number: no group 0 */

	CASE("doctor: a configuration dump with a pending change and a log group");
	m = unit_genl_msg(EDGEFW_CMD_GET_CONFIG);
	nla_put_u32(m, EDGEFW_A_GENERATION, 9);
	nla_put_u32(m, EDGEFW_A_FLAGS, EDGEFW_F_LOG_DROPS);
	nla_put_u16(m, EDGEFW_A_LOG_GROUP, 5);
	n = nla_nest_start(m, EDGEFW_A_PENDING);
	nla_put_u32(m, EDGEFW_PENDING_A_REMAINING_MS, 41001);
	nla_put_u32(m, EDGEFW_PENDING_A_TIMEOUT, 60);
	nla_nest_end(m, n);
	ef_config_init(&cfg);
	CHECK_INT(ef_msg_parse_config(nlmsg_hdr(m), &cfg, err, sizeof(err)), 0);
	CHECK(cfg.has_log_group && cfg.log_group == 5);
	CHECK(cfg.has_pending);
	CHECK_INT(cfg.pending_ms, 41001);
	CHECK_INT(cfg.pending_timeout, 60);
	ef_config_free(&cfg);
	nlmsg_free(m);

	CASE("doctor: a pending change whose time has 2 bytes is refused");
	m = unit_genl_msg(EDGEFW_CMD_GET_CONFIG);
	n = nla_nest_start(m, EDGEFW_A_PENDING);
	nla_put_u16(m, EDGEFW_PENDING_A_REMAINING_MS, 4);
	nla_nest_end(m, n);
	ef_config_init(&cfg);
	CHECK_INT(ef_msg_parse_config(nlmsg_hdr(m), &cfg, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed message from the edgefw module (pending change)");
	ef_config_free(&cfg);
	nlmsg_free(m);
}

void suite_doctor(void)
{
	healthy_machine();
	module_findings();
	config_findings();
	readers();
}
