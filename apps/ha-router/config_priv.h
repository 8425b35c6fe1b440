/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Private to the configuration layer: the libyang context helpers shared by
 * config.c (load), config_oper.c (operational state). Nothing outside
 * apps/ha-router/config*.c includes this file.
 */
#ifndef HA_ROUTER_CONFIG_PRIV_H
#define HA_ROUTER_CONFIG_PRIV_H

#include <libyang/libyang.h>

#include "config.h"

/* Embedded by embed.py (meson custom_target). */
extern const char hacfg_yang_text[];
extern const char hacfg_default_text[];

/*
 * A libyang context holding only the embedded ha-router module (and the
 * modules libyang always carries, ietf-inet-types and ietf-yang-types among
 * them). Search directories are disabled: nothing is read from disk.
 * libyang messages are stored (the last one), never printed.
 * @return 0 or -errno, with a message in @p err.
 */
int hacfg_ctx_open(struct ly_ctx **ctx, const struct lys_module **mod, char *err, size_t errlen);

/* Free the context; NULL is allowed. */
void hacfg_ctx_close(struct ly_ctx *ctx);

/*
 * Copy libyang's last error as "<data path>: <message>" into @p err.
 */
void hacfg_ly_error(const struct ly_ctx *ctx, char *err, size_t errlen);

/*
 * As hacfg_ly_error(), but a schema-only location of a missing node is
 * turned into the data path of the first list entry lacking it.
 */
void hacfg_ly_error_tree(const struct ly_ctx *ctx, const struct lyd_node *tree, char *err,
			 size_t errlen);

/*
 * Checks common to every text given to libyang: size, NUL bytes, nesting
 * depth (JSON and XML). @p len is the length of @p data without the NUL.
 * @return 0, -EFBIG, -ENODATA or -EINVAL, with a message.
 */
int hacfg_check_text(const char *data, size_t len, enum hacfg_format fmt, char *err, size_t errlen);

/* snprintf into an optional error buffer. */
void hacfg_errf(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* HA_ROUTER_CONFIG_PRIV_H */
