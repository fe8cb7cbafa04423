// SPDX-License-Identifier: GPL-2.0
/* libFuzzer: whatever the kernel might send (GET_CONFIG and GET_RULES dump
 * messages, answers to SET_CONFIG and VERDICT, errors with extended acks)
 * must be read or refused, never crash; the offset describer must stay
 * inside the message. */
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdlib.h>
#include <string.h>

#include "../../../ctl/msg.h"
#include "../../../ctl/show.h"
#include "../../../ctl/util.h"
#include "../../../ctl/verdict.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct nlmsghdr *nlh;
	struct ef_verdict v = { 0 };
	struct ef_check ck = { 0 };
	struct ef_config cfg;
	struct ef_rules rules;
	struct ef_nlerr e;
	char err[EF_ERRLEN], where[128];
	FILE *null;

	if (size < 1 || size > 1 << 20)
		return 0;
	/* an exact-size copy, so that reads past the end are caught */
	nlh = malloc(NLMSG_HDRLEN + size);
	memset(nlh, 0, NLMSG_HDRLEN);
	memcpy((char *)nlh + NLMSG_HDRLEN, data + 1, size - 1);
	nlh->nlmsg_len = (uint32_t)(NLMSG_HDRLEN + size - 1);
	nlh->nlmsg_type = data[0] & 1 ? NLMSG_ERROR : data[0] & 2 ? NLMSG_DONE : 0x20;
	nlh->nlmsg_flags = (uint16_t)(data[0] & 4 ? NLM_F_ACK_TLVS : 0) |
			   (uint16_t)(data[0] & 8 ? NLM_F_CAPPED : 0);

	ef_msg_parse_error(nlh, &e);
	ef_config_init(&cfg);
	if (!ef_msg_parse_config(nlh, &cfg, err, sizeof(err))) {
		ef_config_normalize(&cfg);
		null = fopen("/dev/null", "w");
		ef_config_json(null, &cfg);
		fclose(null);
	}
	ef_config_free(&cfg);
	ef_rules_init(&rules);
	if (!ef_msg_parse_rules(nlh, &rules, err, sizeof(err))) {
		null = fopen("/dev/null", "w");
		ef_show_text(null, &cfg, &rules);
		ef_counters_json(null, &cfg, &rules);
		fclose(null);
	}
	ef_rules_free(&rules);
	ef_msg_parse_check(nlh, &ck, err, sizeof(err));
	ef_rules_init(&v.rule);
	if (!ef_msg_parse_verdict(nlh, &v, err, sizeof(err)) && v.present) {
		struct ef_query q = { .ifname = "ext0" };

		null = fopen("/dev/null", "w");
		ef_verdict_text(null, &q, &v);
		ef_verdict_json(null, &v);
		fclose(null);
	}
	ef_rules_free(&v.rule);
	ef_msg_describe_offset(nlh, (uint32_t)(data[0] * 7u), where, sizeof(where));
	free(nlh);
	return 0;
}
