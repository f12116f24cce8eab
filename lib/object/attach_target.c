// SPDX-License-Identifier: BSD-2-Clause
/* attach_target.c - BTF-attached programs (fentry/fexit/fmod_ret, tp_btf,
 * lsm, iter, freplace) need their target's BTF id at load (attach_btf_id).
 * kernel_prep.c looks the section's target up in the kernel's BTF (mapped
 * once per process) before any program loads; this is the last check
 * before PROG_LOAD: freplace without a target program is refused by name. */
#include <errno.h>

#include "object/object.h"

int rb_obj_attach_target(struct rawbpf_object *obj, struct rawbpf_program *p)
{
	if (p->attach_btf_id || p->attach_prog_fd)
		return 0;
	if (p->type == BPF_PROG_TYPE_EXT)
		return rb_obj_err(obj, -EINVAL,
				  "program %s (section %s): freplace needs its target program; set it with rawbpf_program_set_attach_target() or rawbpf_program_set_attach_func()",
				  p->name, p->sec_name);
	return 0;
}
