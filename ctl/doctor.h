/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edgectl doctor: what an operator should know about edgefw on this
 * machine, one line per finding. The facts are gathered first (module,
 * kernel, configuration, interfaces, conntrack, logging), then judged by
 * ef_doctor_judge alone, which the unit tests feed canned facts.
 */
#ifndef EDGECTL_DOCTOR_H
#define EDGECTL_DOCTOR_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "commands.h"
#include "config.h"
#include "info.h"
#include "util.h"

/* Conntrack's table fuller than this (percent) needs attention. */
#define EF_CONNTRACK_FULL_PERCENT	80

/* What is known of a bound interface that exists. */
struct ef_doctor_iface {
	bool is_bridge;			/* /sys/class/net/IF/bridge */
	bool bridge_port;		/* /sys/class/net/IF/brport */
	char bridge[IFNAMSIZ];		/* the bridge of a port, if known */
};

struct ef_doctor_facts {
	const char *edgectl_version;

	bool module_loaded;		/* its genetlink family exists */
	char module_error[EF_ERRLEN];	/* "": edgectl can talk to it */
	unsigned int family_version;
	bool has_info;			/* GET_INFO answered */
	struct ef_info info;
	bool has_signer;		/* modinfo answered */
	char signer[128];		/* "": not signed */
	bool has_module_taint;		/* /sys/module/edgefw/taint */
	char module_taint[32];		/* letters, e.g. "OE" */
	bool has_kernel_taint;		/* /proc/sys/kernel/tainted */
	unsigned long kernel_taint;

	bool has_config;		/* GET_CONFIG answered */
	char config_error[EF_ERRLEN];
	struct ef_config cfg;
	struct ef_doctor_iface *ifaces;	/* one per cfg.bindings[i] */

	/* bridge-nf-call-iptables, -ip6tables: -1 absent (no br_netfilter) */
	int br_call_iptables, br_call_ip6tables;

	bool has_conntrack;		/* nf_conntrack in this namespace */
	unsigned long ct_count, ct_max;

	/* nf_log's logger for IPv4 and IPv6: "NONE", "nf_log_ipv4" (the
	 * kernel log, nf_log_syslog), "nfnetlink_log" (NFLOG group 0) */
	char logger_ipv4[32], logger_ipv6[32];
	bool init_netns;		/* nf_log_all_netns is visible here */
	bool nflog_listened;		/* someone reads cfg.log_group */
};

enum ef_level {
	EF_LEVEL_OK,
	EF_LEVEL_INFO,			/* worth knowing */
	EF_LEVEL_WARN,			/* needs attention: exit status 1 */
};

struct ef_finding {
	const char *check;		/* "module", "binding", ... */
	enum ef_level level;
	char text[EF_ERRLEN];
};

struct ef_findings {
	struct ef_finding *v;
	size_t n;
};

/* The findings the facts give, in a fixed order. Free with free(v). */
void ef_doctor_judge(const struct ef_doctor_facts *f, struct ef_findings *fs);
bool ef_doctor_attention(const struct ef_findings *fs);
/* "warn  binding: ..." one line each; JSON: facts and findings. */
void ef_doctor_text(FILE *out, const struct ef_findings *fs);
void ef_doctor_json(FILE *out, const struct ef_doctor_facts *f,
		    const struct ef_findings *fs);

/* The kernel's taint letters of a mask (/proc/sys/kernel/tainted). */
const char *ef_taint_letters(unsigned long mask, char *buf, size_t len);
/* Does /proc/net/netfilter/nfnetlink_log (text) list a reader of group? */
bool ef_nflog_group_listened(const char *text, unsigned int group);

int cmd_doctor(const struct ef_cmd *c);

#endif
