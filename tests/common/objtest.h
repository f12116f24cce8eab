/* SPDX-License-Identifier: BSD-2-Clause */
/* objtest.h - helpers for tests of loaded objects (rawbpf/object.h). */
#ifndef RB_TEST_OBJTEST_H
#define RB_TEST_OBJTEST_H

#include <stdint.h>

struct rawbpf_object;

/* rb_obj_run - BPF_PROG_TEST_RUN program @name of @obj once on 64 zero
 * bytes (asserting it ran); its return value. */
int rb_obj_run(struct rawbpf_object *obj, const char *name);
/* rb_obj_map_id - the id of map @fd (asserting). */
uint32_t rb_obj_map_id(int fd);

#endif
