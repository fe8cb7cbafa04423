// SPDX-License-Identifier: GPL-2.0
/*
 * Versions: the reply to GET_INFO, and which protocols of a module this
 * edgectl speaks with (the one line that says what to upgrade).
 */
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "../../ctl/info.h"
#include "../../ctl/msg.h"
#include "../../ctl/util.h"
#include "unit.h"

struct nl_msg *unit_genl_msg(uint8_t cmd)
{
	struct nl_msg *m = nlmsg_alloc_size(1 << 16);

	genlmsg_put(m, 0, 0, 0x1d, 0, 0, cmd, EDGEFW_GENL_VERSION);
	return m;
}

static struct nl_msg *info_msg(const char *version, int protocol, int min)
{
	struct nl_msg *m = unit_genl_msg(EDGEFW_CMD_GET_INFO);
	struct nlattr *n = nla_nest_start(m, EDGEFW_A_INFO);

	if (version)
		nla_put_string(m, EDGEFW_INFO_A_VERSION, version);
	if (protocol >= 0)
		nla_put_u32(m, EDGEFW_INFO_A_PROTOCOL, (uint32_t)protocol);
	if (min >= 0)
		nla_put_u32(m, EDGEFW_INFO_A_PROTOCOL_MIN, (uint32_t)min);
	nla_put_u32(m, 77, 1);		/* newer than edgectl: skipped */
	nla_nest_end(m, n);
	return m;
}

static void parse_info(void)
{
	char err[EF_ERRLEN] = "";
	struct ef_info info;
	struct nl_msg *m;
	struct nlattr *n;

	CASE("info: GET_INFO gives the module's version and protocols");
	m = info_msg("0.2.0", 3, 2);
	memset(&info, 0, sizeof(info));
	CHECK_INT(ef_msg_parse_info(nlmsg_hdr(m), &info, err, sizeof(err)), 0);
	CHECK_STR(info.version, "0.2.0");
	CHECK(info.has_protocols);
	CHECK_INT(info.protocol, 3);
	CHECK_INT(info.protocol_min, 2);
	nlmsg_free(m);

	CASE("info: without both protocols the range is not known");
	m = info_msg("0.2.0", 3, -1);
	memset(&info, 0, sizeof(info));
	CHECK_INT(ef_msg_parse_info(nlmsg_hdr(m), &info, err, sizeof(err)), 0);
	CHECK(!info.has_protocols);
	nlmsg_free(m);

	CASE("info: a range upside down, a protocol of 2 bytes are refused");
	m = info_msg("0.2.0", 2, 3);
	CHECK_INT(ef_msg_parse_info(nlmsg_hdr(m), &info, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed message from the edgefw module (protocol range)");
	nlmsg_free(m);
	m = unit_genl_msg(EDGEFW_CMD_GET_INFO);
	n = nla_nest_start(m, EDGEFW_A_INFO);
	nla_put_u16(m, EDGEFW_INFO_A_PROTOCOL, 2);
	nla_nest_end(m, n);
	CHECK_INT(ef_msg_parse_info(nlmsg_hdr(m), &info, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed message from the edgefw module (protocol)");
	nlmsg_free(m);

	CASE("info: a version without its NUL is refused, a long one cut");
	m = unit_genl_msg(EDGEFW_CMD_GET_INFO);
	n = nla_nest_start(m, EDGEFW_A_INFO);
	nla_put(m, EDGEFW_INFO_A_VERSION, 3, "0.2");
	nla_nest_end(m, n);
	CHECK_INT(ef_msg_parse_info(nlmsg_hdr(m), &info, err, sizeof(err)), -1);
	CHECK_STR(err, "malformed message from the edgefw module (version)");
	nlmsg_free(m);
	m = info_msg("0123456789012345678901234567890123456789012345678901234567890123456789",
		     2, 2);
	memset(&info, 0, sizeof(info));
	CHECK_INT(ef_msg_parse_info(nlmsg_hdr(m), &info, err, sizeof(err)), 0);
	CHECK_INT(strlen(info.version), sizeof(info.version) - 1);
	nlmsg_free(m);
}

static void protocol_check(void)
{
	char err[EF_ERRLEN] = "", expect[EF_ERRLEN];

	CASE("info: a module of this edgectl's protocol is spoken to");
	CHECK_INT(ef_protocol_check(EDGEFW_GENL_VERSION, false, 0, err,
				    sizeof(err)), 0);
	CHECK_INT(ef_protocol_check(EDGEFW_GENL_VERSION, true,
				    EDGEFW_GENL_VERSION_MIN, err, sizeof(err)), 0);

	CASE("info: a newer module that still speaks this protocol is spoken to");
	CHECK_INT(ef_protocol_check(EDGEFW_GENL_VERSION + 3, true,
				    EDGEFW_GENL_VERSION, err, sizeof(err)), 0);
	/* whose oldest protocol is not known: its own refusal will say */
	CHECK_INT(ef_protocol_check(EDGEFW_GENL_VERSION + 3, false, 0, err,
				    sizeof(err)), 0);

	CASE("info: an older module: one line, upgrade the module");
	CHECK_INT(ef_protocol_check(EDGEFW_GENL_VERSION - 1, false, 0, err,
				    sizeof(err)), -1);
	snprintf(expect, sizeof(expect),
		 "the loaded edgefw module speaks netlink protocol %d, older than this edgectl's %d: upgrade the module to edgectl's version (or use the edgectl of the module's)",
		 EDGEFW_GENL_VERSION - 1, EDGEFW_GENL_VERSION);
	CHECK_STR(err, expect);

	CASE("info: a newer module that no longer speaks it: upgrade edgectl");
	CHECK_INT(ef_protocol_check(EDGEFW_GENL_VERSION + 2, true,
				    EDGEFW_GENL_VERSION + 1, err, sizeof(err)), -1);
	snprintf(expect, sizeof(expect),
		 "the loaded edgefw module speaks netlink protocols %d to %d, newer than this edgectl's %d: upgrade edgectl to the module's version",
		 EDGEFW_GENL_VERSION + 1, EDGEFW_GENL_VERSION + 2,
		 EDGEFW_GENL_VERSION);
	CHECK_STR(err, expect);
}

void suite_info(void)
{
	parse_info();
	protocol_check();
}
