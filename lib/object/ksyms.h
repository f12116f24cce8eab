/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ksyms.h - `.ksyms` externs (internal): typed kernel variables by BTF id,
 * typeless ones by kallsyms address, kfunc calls by BTF id; weak absent
 * ones read as zero.
 */
#ifndef RB_OBJECT_KSYMS_H
#define RB_OBJECT_KSYMS_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stdint.h>

struct rawbpf_object;
struct rb_kprep;
struct rb_reloc;

struct rb_ksym {
	const char *name;	/* the ELF symbol's name */
	uint32_t sym;		/* its ELF symbol index */
	uint32_t btf_id;	/* its VAR or FUNC in the object's BTF */
	uint32_t type_id;	/* VAR: declared type (0: typeless) */
	bool weak;
	bool is_func;		/* kfunc */
	bool found;		/* resolved at load */
	int kname;		/* name index in the kernel lookup */
	uint32_t kid;		/* kernel BTF id */
	int btf_fd;		/* in a module: its BTF object fd (0: vmlinux) */
	int fd_slot;		/* kfunc in a module: its fd_array index */
	uint64_t addr;		/* typeless: kallsyms address */
};

/* rb_obj_collect_ksyms - .ksyms externs at open; their BTF rewritten. */
int rb_obj_collect_ksyms(struct rawbpf_object *obj);
/* rb_obj_free_ksyms - release the table. */
void rb_obj_free_ksyms(struct rawbpf_object *obj);
/* rb_obj_classify_ksym - relocation at @idx of @sec against undefined
 * symbol @sym_idx (@name): RB_RELO_KSYM in @out, or refused by name. */
int rb_obj_classify_ksym(struct rawbpf_object *obj, const char *sec,
			 uint32_t idx, const struct bpf_insn *insn,
			 uint32_t rtype, uint32_t sym_idx, const char *name,
			 struct rb_reloc *out);
/* rb_obj_ksyms_want - ask @k for every .ksyms name with a BTF type. */
int rb_obj_ksyms_want(struct rawbpf_object *obj, struct rb_kprep *k);
/* rb_obj_ksyms_resolve - ids/addresses after the lookup; strong misses fail. */
int rb_obj_ksyms_resolve(struct rawbpf_object *obj, struct rb_kprep *k);
/* rb_obj_ksym_patch - write ksym relocation @r into @insn. */
int rb_obj_ksym_patch(const struct rawbpf_object *obj, struct bpf_insn *insn,
		      const struct rb_reloc *r);

#endif
