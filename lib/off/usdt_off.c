// SPDX-License-Identifier: BSD-2-Clause
/* usdt_off.c - stands in for USDT (attach/usdt.c, attach/usdt_args.c,
 * elf/usdt_note.c) in a build with RAWBPF_WITH_USDT=OFF: every USDT
 * attach, by API or usdt/ section, returns -EOPNOTSUPP naming the option. */
#include <errno.h>

#include "rawbpf/attach_usdt.h"
#include "object/object.h"

static int refuse(const struct rawbpf_program *prog, const char *what)
{
	if (!prog)
		return -EOPNOTSUPP;
	return rb_obj_err(prog->obj, -EOPNOTSUPP,
			  "USDT %s: this rawbpf was built with RAWBPF_WITH_USDT=OFF",
			  what ? what : "");
}

int rawbpf_attach_usdt(const struct rawbpf_program *prog, int pid,
		       const char *binary, const char *provider, const char *name,
		       const struct rawbpf_attach_usdt_opts *opts,
		       struct rawbpf_attachment **out)
{
	(void)pid, (void)binary, (void)provider, (void)opts, (void)out;
	return refuse(prog, name);
}

int rawbpf_attach_usdt_spec(const struct rawbpf_program *prog, int pid,
			    const char *spec,
			    const struct rawbpf_attach_usdt_opts *opts,
			    struct rawbpf_attachment **out)
{
	(void)pid, (void)opts, (void)out;
	return refuse(prog, spec);
}
