// SPDX-License-Identifier: BSD-2-Clause
/* core_off.c - stands in for CO-RE (btf/core*.c, object/core_obj.c,
 * btf/btf_min.c, object/btf_min_obj.c) in a build with
 * RAWBPF_WITH_CORE=OFF: an object with CO-RE relocations is refused at
 * load by name; one without loads as usual; rawbpf_btf_min says why not. */
#include <errno.h>

#include "rawbpf/btf.h"
#include "object/object.h"
#include "object/core_obj.h"

int rawbpf_btf_min(const void *btf, size_t btf_size,
		   struct rawbpf_object *const *objs, size_t n,
		   rawbpf_write_fn sink, void *ctx,
		   const struct rawbpf_btf_min_opts *opts)
{
	(void)btf, (void)btf_size, (void)objs, (void)n, (void)sink, (void)ctx;
	if (opts && opts->size >= sizeof(*opts) && opts->log)
		opts->log(opts->log_ctx, RAWBPF_LOG_WARN,
			  "btf min needs CO-RE; this rawbpf was built with RAWBPF_WITH_CORE=OFF");
	return -EOPNOTSUPP;
}

int rb_obj_core_want(struct rawbpf_object *obj, struct rb_kprep *k)
{
	uint32_t s, n;

	(void)k;
	if (!obj->btf_ext || !obj->btf)
		return 0;
	n = rb_btf_ext_sec_cnt(obj->btf_ext, RB_BTF_EXT_CORE);
	for (s = 0; s < n; s++) {
		const struct rb_btf_ext_sec *sec =
			rb_btf_ext_sec_at(obj->btf_ext, RB_BTF_EXT_CORE, s);

		if (sec->nr)
			return rb_obj_err(obj, -EOPNOTSUPP,
					  "object uses CO-RE relocations (section %s, %u records); this rawbpf was built with RAWBPF_WITH_CORE=OFF",
					  rb_btf_ext_sec_name(obj->btf_ext, sec), sec->nr);
	}
	return 0;
}

int rb_obj_core_apply(struct rawbpf_object *obj, struct rawbpf_program *p,
		      const struct rb_kprep *k, struct bpf_insn *insns,
		      uint32_t cnt, const uint32_t *func_base)
{
	(void)obj, (void)p, (void)k, (void)insns, (void)cnt, (void)func_base;
	return 0;	/* rb_obj_core_want refused every object with records */
}
