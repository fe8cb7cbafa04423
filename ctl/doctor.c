// SPDX-License-Identifier: GPL-2.0
/*
 * Where the facts come from (all of the network namespace edgectl runs
 * in, as 'ip netns exec' sets up /sys):
 *   the module        its genetlink family, GET_INFO, GET_CONFIG,
 *                     /sys/module/edgefw/taint, 'modinfo -F signer'
 *   the kernel        /proc/sys/kernel/tainted
 *   interfaces        the dump's ifindex, /sys/class/net/IF/{bridge,brport,master}
 *   br_netfilter      /proc/sys/net/bridge/bridge-nf-call-ip{,6}tables
 *   conntrack         /proc/sys/net/netfilter/nf_conntrack_{count,max}
 *   logging           /proc/sys/net/netfilter/nf_log/{2,10},
 *                     nf_log_all_netns (only the initial namespace has
 *                     it), /proc/net/netfilter/nfnetlink_log
 */
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../uapi/linux/edgefw.h"
#include "backend.h"
#include "doctor.h"
#include "ifaces.h"
#include "json.h"
#include "netlink.h"
#include "show.h"

/* ---- judging ------------------------------------------------------------ */

static const char taint_chars[] = "PFSRMBUDAWCIOELKXTN";

/* Kernel taints that say the running kernel itself had trouble. */
static const char trouble_taints[] = "MBDWL";

const char *ef_taint_letters(unsigned long mask, char *buf, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < sizeof(taint_chars) - 1 && n + 1 < len; i++)
		if (mask & (1UL << i))
			buf[n++] = taint_chars[i];
	for (i = sizeof(taint_chars) - 1; i < sizeof(mask) * 8 && n + 4 < len; i++)
		if (mask & (1UL << i))	/* newer than this table */
			n += (size_t)snprintf(buf + n, len - n, "(%zu)", i);
	buf[n] = '\0';
	return buf;
}

bool ef_nflog_group_listened(const char *text, unsigned int group)
{
	const char *line;
	char *end;
	unsigned long g;

	/* each line: group, portid, ... */
	for (line = text; line && *line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		g = strtoul(line, &end, 10);
		if (end != line && g == group)
			return true;
	}
	return false;
}

static void push(struct ef_findings *fs, const struct ef_finding *f)
{
	fs->v = xreallocarray(fs->v, fs->n + 1, sizeof(*fs->v));
	fs->v[fs->n++] = *f;
}

/* A finding whose text is formatted as by printf (ef_err checks it). */
#define add(fs, check, level, ...)					\
	do {								\
		struct ef_finding f_ = { (check), (level), "" };	\
									\
		ef_err(f_.text, sizeof(f_.text), __VA_ARGS__);		\
		push((fs), &f_);					\
	} while (0)

static bool has_letter(const char *letters, char c)
{
	return strchr(letters, c) != NULL;
}

static void judge_module(const struct ef_doctor_facts *f,
			 struct ef_findings *fs)
{
	const char *mv = f->has_info && *f->info.version ? f->info.version :
			 "of unknown version";

	if (f->has_info && f->info.has_protocols)
		add(fs, "module", EF_LEVEL_OK,
		    "edgefw %s loaded, netlink protocols %u to %u", mv,
		    f->info.protocol_min, f->info.protocol);
	else
		add(fs, "module", EF_LEVEL_OK,
		    "edgefw %s loaded, netlink protocol %u", mv,
		    f->family_version);
	if (*f->module_error)
		add(fs, "version", EF_LEVEL_WARN, "%s", f->module_error);
	else if (!f->has_info || strcmp(f->info.version, f->edgectl_version))
		add(fs, "version", EF_LEVEL_WARN,
		    "edgectl %s and the module %s are not the same version: install the same version of both",
		    f->edgectl_version, mv);
}

static void judge_signature(const struct ef_doctor_facts *f,
			    struct ef_findings *fs)
{
	bool unverified = f->has_module_taint &&
			  has_letter(f->module_taint, 'E');
	char signer[sizeof(f->signer) + 16];

	if (!f->has_signer)
		snprintf(signer, sizeof(signer), "signature unknown (modinfo failed)");
	else if (*f->signer)
		snprintf(signer, sizeof(signer), "signed by '%s'", f->signer);
	else
		snprintf(signer, sizeof(signer), "not signed");
	if (!f->has_module_taint)
		add(fs, "signature", EF_LEVEL_INFO,
		    "%s; whether the kernel verified it is unknown (no /sys/module/edgefw/taint)",
		    signer);
	else if (!unverified)
		add(fs, "signature", EF_LEVEL_OK, "%s; %s", signer,
		    !f->has_signer ? "the kernel took it without objection (no taint E)" :
		    *f->signer ? "verified by the kernel" :
		    "this kernel does not check signatures");
	else
		add(fs, "signature", EF_LEVEL_INFO,
		    "%s; not verified by the kernel (taint E): under Secure Boot the kernel would refuse it; sign it with a key the kernel trusts (DKMS's: mokutil --import /var/lib/dkms/mok.pub)",
		    signer);
}

static void judge_taint(const struct ef_doctor_facts *f,
			struct ef_findings *fs)
{
	char all[64], trouble[16];
	size_t i, n = 0;

	if (!f->has_kernel_taint) {
		add(fs, "taint", EF_LEVEL_INFO,
		    "the kernel's taint is unknown (no /proc/sys/kernel/tainted)");
		return;
	}
	ef_taint_letters(f->kernel_taint, all, sizeof(all));
	for (i = 0; all[i]; i++)
		if (has_letter(trouble_taints, all[i]))
			trouble[n++] = all[i];
	trouble[n] = '\0';
	if (!*all)
		add(fs, "taint", EF_LEVEL_OK, "the kernel is not tainted");
	else if (*trouble)
		add(fs, "taint", EF_LEVEL_WARN,
		    "the kernel is tainted %s (edgefw: %s): %s means the kernel has had trouble since boot (oops, warning, lockup, hardware error: see dmesg)",
		    all, f->has_module_taint && *f->module_taint ?
		    f->module_taint : "none", trouble);
	else
		add(fs, "taint", EF_LEVEL_INFO,
		    "the kernel is tainted %s (edgefw: %s; O: built outside the kernel tree, E: not verified)",
		    all, f->has_module_taint && *f->module_taint ?
		    f->module_taint : "none");
}

/*
 * Netfilter's IP hooks see a bridge, never its ports: packets a bridge
 * delivers to the host or routes cross them on the bridge, and packets it
 * bridges between its ports cross them (on the bridge again) only through
 * br_netfilter with bridge-nf-call-ip(6)tables on.
 */
static void judge_bridge(const struct ef_doctor_facts *f,
			 const struct ef_binding *b,
			 const struct ef_doctor_iface *d, struct ef_findings *fs)
{
	const char *bridge = *d->bridge ? d->bridge : "its bridge";

	if (d->bridge_port)
		add(fs, "bridge", EF_LEVEL_WARN,
		    "%s is a port of bridge %s, and netfilter sees packets on the bridge, not on its ports: this binding filters nothing (bind %s instead)",
		    b->ifname, bridge, bridge);
	else if (d->is_bridge && (f->br_call_iptables <= 0 ||
				  f->br_call_ip6tables <= 0))
		add(fs, "bridge", EF_LEVEL_WARN,
		    "%s is a bridge and br_netfilter %s: what it bridges between its ports is not filtered, only what it takes in or sends out (modprobe br_netfilter; sysctl net.bridge.bridge-nf-call-iptables=1 net.bridge.bridge-nf-call-ip6tables=1)",
		    b->ifname, f->br_call_iptables < 0 ?
		    "is not loaded" :
		    "does not pass bridged IPv4 and IPv6 to netfilter");
}

static void judge_bindings(const struct ef_doctor_facts *f,
			   struct ef_findings *fs)
{
	const struct ef_config *cfg = &f->cfg;
	char why[EF_ERRLEN];
	size_t i, absent = 0;

	if (!cfg->nbindings) {
		add(fs, "bindings", EF_LEVEL_WARN,
		    "no interface is bound: edgefw filters nothing");
		return;
	}
	for (i = 0; i < cfg->nbindings; i++) {
		const struct ef_binding *b = &cfg->bindings[i];

		if (b->ifindex)
			continue;
		absent++;
		add(fs, "binding", EF_LEVEL_WARN,
		    "%s (%s) is bound but %s: bound when an interface of that name appears; until then nothing is filtered there",
		    b->ifname, ef_zone_name(b->zone),
		    ef_iface_absent(b->ifname, why, sizeof(why)));
	}
	if (!absent)
		add(fs, "bindings", EF_LEVEL_OK,
		    "%zu interface%s bound, every one present", cfg->nbindings,
		    cfg->nbindings == 1 ? "" : "s");
	for (i = 0; i < cfg->nbindings; i++)
		if (cfg->bindings[i].ifindex)
			judge_bridge(f, &cfg->bindings[i], &f->ifaces[i], fs);
}

static void judge_conntrack(const struct ef_doctor_facts *f,
			    struct ef_findings *fs)
{
	unsigned long pct;

	if (!f->has_conntrack) {
		add(fs, "conntrack", f->cfg.nbindings ? EF_LEVEL_WARN :
		    EF_LEVEL_OK, "conntrack is not in use in this namespace%s",
		    f->cfg.nbindings ? ", although interfaces are bound" : "");
		return;
	}
	if (!f->ct_max) {
		add(fs, "conntrack", EF_LEVEL_OK, "%lu entries, no limit",
		    f->ct_count);
		return;
	}
	pct = f->ct_count * 100 / f->ct_max;
	if (pct > EF_CONNTRACK_FULL_PERCENT)
		add(fs, "conntrack", EF_LEVEL_WARN,
		    "%lu of %lu entries (%lu%%), above %d%%: when it is full, new connections are dropped (raise net.netfilter.nf_conntrack_max)",
		    f->ct_count, f->ct_max, pct, EF_CONNTRACK_FULL_PERCENT);
	else
		add(fs, "conntrack", EF_LEVEL_OK, "%lu of %lu entries (%lu%%)",
		    f->ct_count, f->ct_max, pct);
}

static void judge_logging(const struct ef_doctor_facts *f,
			  struct ef_findings *fs)
{
	const struct ef_config *cfg = &f->cfg;
	bool none4 = !strcmp(f->logger_ipv4, "NONE");
	bool none6 = !strcmp(f->logger_ipv6, "NONE");

	if (!(cfg->flags & EDGEFW_F_LOG_DROPS))
		add(fs, "log-drops", EF_LEVEL_OK, "off");
	else if (cfg->has_log_group && !f->nflog_listened)
		add(fs, "log-drops", EF_LEVEL_WARN,
		    "on, to NFLOG group %u, but nothing reads that group: what is logged there is lost (run ulogd2, or tcpdump -i nflog:%u)",
		    cfg->log_group, cfg->log_group);
	else if (cfg->has_log_group)
		add(fs, "log-drops", EF_LEVEL_OK, "on, to NFLOG group %u",
		    cfg->log_group);
	else if (none4 || none6)
		add(fs, "log-drops", EF_LEVEL_WARN,
		    "on, but no logger is bound for %s in this namespace: nothing is logged (echo %s > /proc/sys/net/netfilter/nf_log/%d)",
		    none4 ? "IPv4" : "IPv6", none4 ? "nf_log_ipv4" : "nf_log_ipv6",
		    none4 ? 2 : 10);
	else if (!f->init_netns && !strcmp(f->logger_ipv4, "nf_log_ipv4"))
		add(fs, "log-drops", EF_LEVEL_INFO,
		    "on, to the kernel log, which takes lines from this namespace only if net.netfilter.nf_log_all_netns is 1 in the initial one (not visible from here)");
	else
		add(fs, "log-drops", EF_LEVEL_OK, "on, to %s",
		    strncmp(f->logger_ipv4, "nf_log_", 7) ? f->logger_ipv4 :
		    "the kernel log");
}

static void judge_config(const struct ef_doctor_facts *f,
			 struct ef_findings *fs)
{
	const struct ef_config *cfg = &f->cfg;

	judge_bindings(f, fs);
	judge_conntrack(f, fs);
	judge_logging(f, fs);
	if (cfg->flags & EDGEFW_F_AUDIT)
		add(fs, "mode", EF_LEVEL_WARN,
		    "audit: what no rule admits is counted and accepted, not dropped");
	if (cfg->has_pending)
		add(fs, "pending", EF_LEVEL_WARN,
		    "a change waits for confirmation: the kernel reverts it in %u s unless 'edgectl confirm' (of %u s asked for)",
		    (cfg->pending_ms + 999) / 1000, cfg->pending_timeout);
}

void ef_doctor_judge(const struct ef_doctor_facts *f, struct ef_findings *fs)
{
	memset(fs, 0, sizeof(*fs));
	if (!f->module_loaded) {
		add(fs, "module", EF_LEVEL_WARN,
		    "edgefw is not loaded: nothing is filtered (modprobe edgefw)");
		return;
	}
	judge_module(f, fs);
	judge_signature(f, fs);
	judge_taint(f, fs);
	if (*f->module_error)
		return;
	if (!f->has_config) {
		add(fs, "config", EF_LEVEL_WARN,
		    "cannot read the configuration: %s", f->config_error);
		return;
	}
	judge_config(f, fs);
}

bool ef_doctor_attention(const struct ef_findings *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (fs->v[i].level == EF_LEVEL_WARN)
			return true;
	return false;
}

static const char *level_name(enum ef_level l)
{
	return l == EF_LEVEL_OK ? "ok" : l == EF_LEVEL_INFO ? "info" : "warn";
}

void ef_doctor_text(FILE *out, const struct ef_findings *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		fprintf(out, "%-4s  %s: %s\n", level_name(fs->v[i].level),
			fs->v[i].check, fs->v[i].text);
}

void ef_doctor_json(FILE *out, const struct ef_doctor_facts *f,
		    const struct ef_findings *fs)
{
	const struct ef_config *cfg = &f->cfg;
	char taint[64];
	struct json j;
	size_t i;

	json_init(&j, out);
	json_open(&j, NULL, '{');
	json_uint(&j, "json_schema_version", EF_JSON_SCHEMA_VERSION);
	json_bool(&j, "attention", ef_doctor_attention(fs));
	json_open(&j, "findings", '[');
	for (i = 0; i < fs->n; i++) {
		json_open(&j, NULL, '{');
		json_str(&j, "check", fs->v[i].check);
		json_str(&j, "level", level_name(fs->v[i].level));
		json_str(&j, "text", fs->v[i].text);
		json_close(&j, '{');
	}
	json_close(&j, '[');
	json_str(&j, "edgectl_version", f->edgectl_version);
	json_open(&j, "module", '{');
	json_bool(&j, "loaded", f->module_loaded);
	json_str(&j, "version", f->has_info ? f->info.version : NULL);
	if (f->has_info && f->info.has_protocols) {
		json_uint(&j, "protocol", f->info.protocol);
		json_uint(&j, "protocol_min", f->info.protocol_min);
	}
	json_str(&j, "signer", f->has_signer && *f->signer ? f->signer : NULL);
	json_str(&j, "taint", f->has_module_taint ? f->module_taint : NULL);
	json_close(&j, '{');
	json_str(&j, "kernel_taint", f->has_kernel_taint ?
		 ef_taint_letters(f->kernel_taint, taint, sizeof(taint)) : NULL);
	if (f->has_config) {
		if (f->has_conntrack) {
			json_open(&j, "conntrack", '{');
			json_uint(&j, "count", f->ct_count);
			json_uint(&j, "max", f->ct_max);
			json_close(&j, '{');
		}
		json_open(&j, "log_drops", '{');
		json_bool(&j, "on", cfg->flags & EDGEFW_F_LOG_DROPS);
		if (cfg->has_log_group)
			json_uint(&j, "nflog_group", cfg->log_group);
		json_close(&j, '{');
		if (cfg->has_pending) {
			json_open(&j, "pending", '{');
			json_uint(&j, "remaining_ms", cfg->pending_ms);
			json_uint(&j, "timeout", cfg->pending_timeout);
			json_close(&j, '{');
		}
	}
	json_close(&j, '{');
}

/* ---- gathering ---------------------------------------------------------- */

/* The first line of a file, without its newline; -1 if unreadable. */
static int read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	int r = -1;

	if (!f)
		return -1;
	if (fgets(buf, (int)len, f)) {
		buf[strcspn(buf, "\n")] = '\0';
		r = 0;
	}
	fclose(f);
	return r;
}

static int read_ulong(const char *path, unsigned long *v)
{
	char buf[32], *end;

	if (read_line(path, buf, sizeof(buf)))
		return -1;
	*v = strtoul(buf, &end, 10);
	return end == buf ? -1 : 0;
}

/* A sysctl that is 0 or 1; -1 if it does not exist. */
static int read_flag(const char *path)
{
	unsigned long v;

	return read_ulong(path, &v) ? -1 : v != 0;
}

/* The whole of a small /proc file; NULL if unreadable. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t len = 0, n;
	char buf[4096];
	FILE *m;

	if (!f)
		return NULL;
	m = open_memstream(&text, &len);
	if (m) {
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			fwrite(buf, 1, n, m);
		fclose(m);
	}
	fclose(f);
	return text;
}

/*
 * modinfo's signer of the module modprobe would load (the signer's name
 * is inside the PKCS#7 signature: modinfo reads it, with OpenSSL).
 */
static void read_signer(struct ef_doctor_facts *f)
{
	char *const argv[] = { "modinfo", "-F", "signer", "edgefw", NULL };
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		return;
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(fds[1], STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	n = pid > 0 ? read(fds[0], f->signer, sizeof(f->signer) - 1) : -1;
	close(fds[0]);
	f->signer[n > 0 ? n : 0] = '\0';
	f->signer[strcspn(f->signer, "\n")] = '\0';
	f->has_signer = pid > 0 && waitpid(pid, &status, 0) == pid &&
			WIFEXITED(status) && !WEXITSTATUS(status);
}

static void read_ifaces(struct ef_doctor_facts *f)
{
	char path[PATH_MAX], target[PATH_MAX];
	size_t i;
	ssize_t n;

	f->ifaces = xcalloc(f->cfg.nbindings ? f->cfg.nbindings : 1,
			    sizeof(*f->ifaces));
	for (i = 0; i < f->cfg.nbindings; i++) {
		const char *name = f->cfg.bindings[i].ifname;

		snprintf(path, sizeof(path), "/sys/class/net/%s/bridge", name);
		f->ifaces[i].is_bridge = !access(path, F_OK);
		snprintf(path, sizeof(path), "/sys/class/net/%s/brport", name);
		f->ifaces[i].bridge_port = !access(path, F_OK);
		snprintf(path, sizeof(path), "/sys/class/net/%s/master", name);
		n = readlink(path, target, sizeof(target) - 1);
		if (n > 0) {
			target[n] = '\0';
			snprintf(f->ifaces[i].bridge, sizeof(f->ifaces[i].bridge),
				 "%s", basename(target));
		}
	}
}

static void read_system(struct ef_doctor_facts *f)
{
	char *text;

	f->has_module_taint = !read_line("/sys/module/edgefw/taint",
					 f->module_taint,
					 sizeof(f->module_taint));
	f->has_kernel_taint = !read_ulong("/proc/sys/kernel/tainted",
					  &f->kernel_taint);
	read_signer(f);
	f->br_call_iptables =
		read_flag("/proc/sys/net/bridge/bridge-nf-call-iptables");
	f->br_call_ip6tables =
		read_flag("/proc/sys/net/bridge/bridge-nf-call-ip6tables");
	f->has_conntrack =
		!read_ulong("/proc/sys/net/netfilter/nf_conntrack_count",
			    &f->ct_count) &&
		!read_ulong("/proc/sys/net/netfilter/nf_conntrack_max",
			    &f->ct_max);
	read_line("/proc/sys/net/netfilter/nf_log/2", f->logger_ipv4,
		  sizeof(f->logger_ipv4));
	read_line("/proc/sys/net/netfilter/nf_log/10", f->logger_ipv6,
		  sizeof(f->logger_ipv6));
	f->init_netns = read_flag("/proc/sys/net/netfilter/nf_log_all_netns") >= 0;
	text = slurp("/proc/net/netfilter/nfnetlink_log");
	f->nflog_listened = text && f->cfg.has_log_group &&
			    ef_nflog_group_listened(text, f->cfg.log_group);
	free(text);
}

static void gather(struct ef_doctor_facts *f)
{
	struct ef_backend *be;
	bool absent;

	be = ef_nl_open_any(&absent, f->module_error, sizeof(f->module_error));
	f->module_loaded = be || !absent;
	if (!be)
		return;
	f->module_error[0] = '\0';
	f->family_version = ef_nl_family_version(be);
	f->has_info = !be->get_info(be, &f->info);
	ef_protocol_check(f->family_version,
			  f->has_info && f->info.has_protocols,
			  f->info.protocol_min, f->module_error,
			  sizeof(f->module_error));
	if (!*f->module_error) {
		f->has_config = !be->get_config(be, &f->cfg);
		if (!f->has_config)
			memcpy(f->config_error, be->err, sizeof(be->err));
	}
	be->close(be);
}

int cmd_doctor(const struct ef_cmd *c)
{
	struct ef_doctor_facts f;
	struct ef_findings fs;
	struct ef_cmd_opts o;
	int r;

	if (ef_cmd_parse(c, false, &o))
		return EXIT_USAGE;
	memset(&f, 0, sizeof(f));
	f.edgectl_version = c->version;
	ef_config_init(&f.cfg);
	gather(&f);
	if (f.module_loaded) {
		read_system(&f);
		read_ifaces(&f);
	}
	ef_doctor_judge(&f, &fs);
	if (o.json)
		ef_doctor_json(stdout, &f, &fs);
	else
		ef_doctor_text(stdout, &fs);
	r = ef_cmd_flush_output();
	if (r == EXIT_OK && ef_doctor_attention(&fs))
		r = EXIT_RUNTIME;
	free(fs.v);
	free(f.ifaces);
	ef_config_free(&f.cfg);
	return r;
}
