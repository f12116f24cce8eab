// SPDX-License-Identifier: BSD-2-Clause
/* usdt_auto.bpf.c - the USDT handlers in usdt/BINARY:PROVIDER:NAME
 * sections: auto-attached (tests/kernel/attach_usdt.c). */
#define USDT_SEC(target) SEC("usdt/" target)
#include "usdt_handlers.h"
