/* SPDX-License-Identifier: GPL-2.0 */
/* Kernel errors as sentences an operator can act on. */
#ifndef EDGECTL_ERRORS_H
#define EDGECTL_ERRORS_H

#include <stdint.h>

/* A sentence for a positive errno returned to command cmd (EDGEFW_CMD_*). */
const char *ef_errno_sentence(int err, uint8_t cmd);

#endif
