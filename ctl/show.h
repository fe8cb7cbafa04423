/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What 'show', 'counters' and 'save -j' print: aligned tables for people,
 * JSON with the same information for programs.
 */
#ifndef EDGECTL_SHOW_H
#define EDGECTL_SHOW_H

#include <stdio.h>

#include "config.h"
#include "json.h"
#include "rules.h"

/*
 * Every JSON document edgectl prints is an object whose first member is
 * "json_schema_version": this number. It goes up when a member is removed
 * or changes meaning; members are added without a new version.
 */
#define EF_JSON_SCHEMA_VERSION	1

/*
 * The rules come with the configuration of their generation: its profile
 * names the media ranges, its stateless-media flag tells whether the
 * connectionless media rows are judged before conntrack.
 */
void ef_show_text(FILE *f, const struct ef_config *cfg,
		  const struct ef_rules *rules);
void ef_show_json(FILE *f, const struct ef_config *cfg,
		  const struct ef_rules *rules);
void ef_counters_text(FILE *f, const struct ef_config *cfg,
		      const struct ef_rules *rules);
void ef_counters_json(FILE *f, const struct ef_config *cfg,
		      const struct ef_rules *rules);
/* show --unused: the rules that have counted no packet yet. */
void ef_unused_text(FILE *f, const struct ef_config *cfg,
		    const struct ef_rules *rules);
void ef_unused_json(FILE *f, const struct ef_config *cfg,
		    const struct ef_rules *rules);
/* A JSON document: its object opened, with the schema version. */
void ef_json_begin(struct json *j, FILE *f);
/* The configuration alone, as JSON (save -j). */
void ef_config_json(FILE *f, const struct ef_config *cfg);

/* Cell texts, shared with the tests and other commands. */
const char *ef_port_range_str(uint16_t min, uint16_t max, char buf[16]);
const char *ef_proto_str(uint8_t proto, char buf[8]);
/* The name of an enum value, or its number if this edgectl lacks it. */
const char *ef_enum_str(const char *name, unsigned int v, char buf[8]);
/* Judged before conntrack, as the rule set in force works now. */
bool ef_rule_stateless(const struct ef_config *cfg, const struct ef_rule *r);

#endif
