// SPDX-License-Identifier: BSD-2-Clause
/* btf_glue.c - TEMPORARY: BTF hooks of the object loader until lib/btf lands. */
#include <errno.h>

#include "object/object.h"

int rb_obj_open_btf(struct rawbpf_object *obj) { (void)obj; return 0; }
void rb_obj_free_btf(struct rawbpf_object *obj) { (void)obj; }
int rb_obj_collect_btf_maps(struct rawbpf_object *obj)
{
	return rb_obj_err(obj, -EOPNOTSUPP, ".maps needs BTF support");
}
int rb_obj_collect_map_inits(struct rawbpf_object *obj) { (void)obj; return 0; }
int rb_obj_load_btf(struct rawbpf_object *obj) { obj->btf_fd = -1; return 0; }
int rb_obj_prog_btf_ext(struct rawbpf_object *obj, struct rawbpf_program *prog,
			const uint32_t *func_base, uint32_t total_cnt,
			struct rawbpf_prog_load_opts *o, void **fi, size_t *fi_sz,
			void **li, size_t *li_sz)
{
	(void)obj; (void)prog; (void)func_base; (void)total_cnt; (void)o;
	(void)fi; (void)fi_sz; (void)li; (void)li_sz;
	return 0;
}
