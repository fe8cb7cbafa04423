/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edgectl counters --prometheus: the counters in the Prometheus text
 * exposition format (version 0.0.4), for node_exporter's textfile
 * collector. Names and labels are stable (edgectl(8), PROMETHEUS):
 *
 *   edgefw_rule_packets_total, edgefw_rule_bytes_total   counter
 *       {kind, zone, direction, role, row, protocol, local_address,
 *        remote_address}; kind only for management and answer rules,
 *       role not for management rules, an address only where the rule
 *       names one (remote_address: a prefix for management rules)
 *   edgefw_zone_packets_total {zone, reason}               counter
 *   edgefw_config_generation                               gauge
 *   edgefw_info {version, module_version, protocol}        gauge, 1
 */
#ifndef EDGECTL_PROMETHEUS_H
#define EDGECTL_PROMETHEUS_H

#include <stdio.h>

#include "info.h"
#include "rules.h"

/* A label value as the format wants it: \ " and newline escaped. */
void ef_prom_label_value(FILE *f, const char *s);

/*
 * Every metric of rules (sorted or not: each metric's lines come
 * together), with edgectl's version and the module's (info, NULL if it
 * did not say).
 */
void ef_prometheus_write(FILE *f, const struct ef_rules *rules,
			 const char *version, const struct ef_info *info);

#endif
