// SPDX-License-Identifier: BSD-2-Clause
/* usdt_probe.bpf.c - the USDT handlers in bare "usdt" sections: attached
 * through rawbpf_attach_usdt (tests/kernel/attach_usdt.c). */
#define USDT_SEC(target) SEC("usdt")
#include "usdt_handlers.h"
