/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edgectl monitor: the module's change events (EDGEFW_CMD_CHANGED on the
 * multicast group EDGEFW_MCGRP_EVENTS), one line each as they happen.
 */
#ifndef EDGECTL_MONITOR_H
#define EDGECTL_MONITOR_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "commands.h"

/* TASK_COMM_LEN, the kernel's length of a command name with its NUL. */
#define EF_COMM_LEN	16

/* One event as the kernel sends it; what it does not say is absent. */
struct ef_event {
	uint32_t generation;		/* after the change */
	uint8_t what;			/* enum edgefw_event */
	bool has_pid, has_uid, has_comm, has_ifname, has_rules;
	uint32_t pid, uid;		/* the changer, if a task changed it */
	char comm[EF_COMM_LEN];
	char ifname[IFNAMSIZ];		/* interface events */
	uint32_t rules;			/* rules in force after it */
};

/* "config", "counters-reset", ...; NULL for a value newer than edgectl. */
const char *ef_event_name(unsigned int what);

/*
 * One line for an event received at time t:
 *   2026-12-03T10:15:02+0000 generation 12: config, 42 rules in force, by edgectl (pid 345, uid 0)
 * and as JSON, one object on one line.
 */
void ef_event_text(FILE *f, const struct ef_event *ev, time_t t);
void ef_event_json(FILE *f, const struct ef_event *ev, time_t t);

int cmd_monitor(const struct ef_cmd *c);

#endif
