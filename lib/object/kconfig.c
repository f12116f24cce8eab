// SPDX-License-Identifier: BSD-2-Clause
/* kconfig.c - `.kconfig` externs (libbpf's __kconfig): LINUX_KERNEL_VERSION,
 * LINUX_HAS_BPF_COOKIE, LINUX_HAS_SYSCALL_WRAPPER and CONFIG_* become
 * read-only global data. At open the externs are laid out in one `.kconfig`
 * map, in the order of their BTF DATASEC; at load their values come from
 * uname(2) and the kernel config (/boot/config-<release>, else
 * /proc/config.gz). A missing CONFIG_ value is 0 for a __weak extern and an
 * error naming it otherwise. No probes: the LINUX_HAS_* values follow from
 * the kernel version. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "object/object.h"
#include "object/kconfig.h"
#include "kernel/kernel.h"
#include "kernel/version.h"
#include "sys/libc.h"

static uint32_t align_up(uint32_t v, uint32_t a)
{
	return (v + a - 1) / a * a;
}

/* Lay out the VARs of DATASEC .kconfig; returns the total size or -errno. */
static int64_t layout(struct rawbpf_object *obj, int ds)
{
	const struct rb_btf_type *t = rb_btf_type_by_id(obj->btf, (uint32_t)ds);
	const struct rb_btf_var_secinfo *vs = rb_btf_secinfos(t);
	uint32_t i, n = rb_btf_vlen(t), off = 0;

	obj->externs = rb_alloc_array(obj->alloc, n, sizeof(*obj->externs));
	if (!obj->externs)
		return -ENOMEM;
	obj->externs_cap = n;
	for (i = 0; i < n; i++) {
		const struct rb_btf_type *v = rb_btf_type_by_id(obj->btf, vs[i].type);
		struct rb_extern *x = &obj->externs[obj->nexterns];
		const struct rb_btf_type *vt;
		int64_t size;
		int align, id;

		if (!v || rb_btf_kind(v) != RB_BTF_KIND_VAR)
			continue;
		/* what a config value can be (libbpf's kinds): an integer,
		 * an enum (libbpf_tristate) or a char array (a string) */
		id = rb_btf_resolve(obj->btf, v->type);
		vt = id > 0 ? rb_btf_type_by_id(obj->btf, (uint32_t)id) : NULL;
		if (!vt || (rb_btf_kind(vt) != RB_BTF_KIND_INT &&
			    rb_btf_kind(vt) != RB_BTF_KIND_ENUM &&
			    rb_btf_kind(vt) != RB_BTF_KIND_ARRAY))
			return rb_obj_err(obj, -EINVAL,
					  "extern %s: a config value is an integer, enum or char array, not this type",
					  rb_btf_name(obj->btf, vs[i].type));
		size = rb_btf_size(obj->btf, v->type);
		align = rb_btf_align(obj->btf, v->type);
		if (size <= 0 || align <= 0 || size > 4096)
			return rb_obj_err(obj, -EINVAL,
					  "extern %s: its type has no usable size",
					  rb_btf_name(obj->btf, vs[i].type));
		off = align_up(off, (uint32_t)align);
		x->name = rb_btf_name(obj->btf, vs[i].type);
		x->var_id = vs[i].type;
		x->type_id = v->type;
		x->off = off;
		x->size = (uint32_t)size;
		off += (uint32_t)size;
		obj->nexterns++;
	}
	return off;
}

static struct rb_extern *find_extern(struct rawbpf_object *obj, const char *name)
{
	uint32_t i;

	for (i = 0; i < obj->nexterns; i++)
		if (!strcmp(obj->externs[i].name, name))
			return &obj->externs[i];
	return NULL;
}

int rb_obj_collect_externs(struct rawbpf_object *obj)
{
	struct rb_elf *e = &obj->elf;
	struct rb_elf_sym sym;
	struct rawbpf_map *m;
	int64_t size;
	uint32_t i;
	int ds, idx;

	if (!obj->btf)
		return 0;
	ds = rb_btf_find(obj->btf, ".kconfig", RB_BTF_KIND_DATASEC);
	if (ds == -ENOMEM)
		return ds;
	if (ds <= 0)
		return 0;
	size = layout(obj, ds);
	if (size < 0)
		return (int)size;
	for (i = 1; i < e->symtab.count; i++) {
		struct rb_extern *x;

		if (rb_elf_sym(e, i, &sym) || sym.shndx != SHN_UNDEF ||
		    !sym.name[0] || sym.bind == STB_LOCAL)
			continue;
		x = find_extern(obj, sym.name);
		if (x) {
			x->sym = i;
			x->weak = sym.bind == STB_WEAK;
		}
	}
	idx = rb_obj_add_map(obj);
	if (idx < 0)
		return idx;
	m = &obj->maps[idx];
	m->name = ".kconfig";
	m->kind = RB_MAP_DATA;
	m->rodata = true;
	m->btf_datasec = (uint32_t)ds;
	m->def.type = BPF_MAP_TYPE_ARRAY;
	m->def.key_size = 4;
	m->def.value_size = size ? (uint32_t)size : 1;
	m->def.max_entries = 1;
	m->def.map_flags = BPF_F_MMAPABLE | BPF_F_RDONLY_PROG;
	obj->kconfig_map = idx;
	return 0;
}

const struct rb_extern *rb_obj_extern_by_sym(const struct rawbpf_object *obj,
					     uint32_t sym)
{
	uint32_t i;

	for (i = 0; i < obj->nexterns; i++)
		if (obj->externs[i].sym == sym)
			return &obj->externs[i];
	return NULL;
}

int rb_obj_fixup_kconfig_btf(struct rawbpf_object *obj)
{
	const struct rawbpf_map *m;
	uint32_t i;
	int err;

	if (obj->kconfig_map < 0)
		return 0;
	m = &obj->maps[obj->kconfig_map];
	err = rb_btf_datasec_set_size(obj->btf, m->btf_datasec, m->def.value_size);
	for (i = 0; !err && i < obj->nexterns; i++) {
		const struct rb_extern *x = &obj->externs[i];
		struct rb_btf_type *v = rb_btf_type_mut(obj->btf, x->var_id);
		struct rb_btf_var linkage = { RB_BTF_VAR_GLOBAL_ALLOCATED };

		err = rb_btf_datasec_set_var_offset(obj->btf, m->btf_datasec,
						    x->var_id, x->off, x->size);
		/* the kernel takes no extern VARs: this one is allocated now */
		if (!err && v)
			memcpy(v + 1, &linkage, sizeof(linkage));
	}
	return err;
}

/* ---- values ---- */

/* The config line for @name ("y", "m", "123", "\"str\""), or NULL. */
static const char *config_value(const char *cfg, size_t len, const char *name)
{
	size_t n = strlen(name);
	const char *p = cfg, *end = cfg + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (l > n && !memcmp(p, name, n) && p[n] == '=')
			return p + n + 1;
		p += l + 1;
	}
	return NULL;
}

static int put_value(struct rawbpf_object *obj, const struct rb_extern *x,
		     uint8_t *dst, const char *val)
{
	int id = rb_btf_resolve(obj->btf, x->type_id);
	const struct rb_btf_type *t = id > 0 ? rb_btf_type_by_id(obj->btf, (uint32_t)id) : NULL;
	unsigned long long num;
	char *endp;

	if (!t)
		return -EINVAL;
	if (rb_btf_kind(t) == RB_BTF_KIND_ARRAY) {	/* char[N] = "string" */
		const char *q = val[0] == '"' ? val + 1 : val;
		size_t i;

		for (i = 0; i + 1 < x->size && q[i] && q[i] != '"' && q[i] != '\n'; i++)
			dst[i] = (uint8_t)q[i];
		return 0;
	}
	if (val[0] == 'y' || val[0] == 'n' || val[0] == 'm') {
		bool is_enum = rb_btf_kind(t) == RB_BTF_KIND_ENUM;

		/* bool y/n; libbpf_tristate y=1 n=0 m=2 */
		if (val[0] == 'm' && !is_enum)
			return rb_obj_err(obj, -EINVAL,
					  "extern %s: value 'm' needs an enum libbpf_tristate",
					  x->name);
		num = val[0] == 'y' ? 1 : val[0] == 'm' ? 2 : 0;
	} else {
		num = strtoull(val, &endp, 0);
		if (endp == val)
			return rb_obj_err(obj, -EINVAL,
					  "extern %s: config value '%.20s' is not a number",
					  x->name, val);
	}
	switch (rb_kconfig_store(dst, x->size,
				 rb_btf_kind(t) == RB_BTF_KIND_INT &&
				 (RB_BTF_INT_ENCODING(rb_btf_int_info(t)) & RB_BTF_INT_SIGNED),
				 num)) {
	case 0:
		return 0;
	case -ERANGE:
		return rb_obj_err(obj, -ERANGE, "extern %s: value %.20s does not fit in %u bytes",
				  x->name, val, x->size);
	default:
		return rb_obj_err(obj, -EINVAL, "extern %s: a %u-byte integer cannot hold a config value",
				  x->name, x->size);
	}
}

int rb_kconfig_store(void *dst, uint32_t size, bool is_signed, uint64_t num)
{
	unsigned bits = size * 8;

	if (size != 1 && size != 2 && size != 4 && size != 8)
		return -EINVAL;
	/* signed: -2^(b-1) <= v < 2^(b-1), i.e. v + 2^(b-1) < 2^b, in u64 */
	if (size < 8 && (is_signed ? num + (1ull << (bits - 1)) >= 1ull << bits
				   : num >> bits))
		return -ERANGE;
	switch (size) {	/* by value, not by leading bytes: big-endian too */
	case 1: { uint8_t v = (uint8_t)num; memcpy(dst, &v, 1); break; }
	case 2: { uint16_t v = (uint16_t)num; memcpy(dst, &v, 2); break; }
	case 4: { uint32_t v = (uint32_t)num; memcpy(dst, &v, 4); break; }
	default: memcpy(dst, &num, 8);
	}
	return 0;
}

int rb_obj_fill_kconfig(struct rawbpf_object *obj)
{
	struct rawbpf_map *m;
	struct utsname u;
	char *cfg = NULL, path[128];
	size_t cfg_len = 0;
	uint32_t i;
	int64_t kver;
	int err = 0;

	if (obj->kconfig_map < 0)
		return 0;
	m = &obj->maps[obj->kconfig_map];
	if (!m->data)
		m->data = rb_alloc(obj->alloc, m->def.value_size);
	if (!m->data)
		return -ENOMEM;
	memset(m->data, 0, m->def.value_size);
	err = rb_sys_uname(&u);
	if (err)
		return rb_obj_err(obj, err, "uname failed");
	kver = rb_kernel_version(obj->alloc);
	if (kver == -EINVAL)	/* a release string we cannot parse */
		kver = 0;
	else if (kver < 0)
		return rb_obj_err(obj, (int)kver, "cannot read the kernel version");
	for (i = 0; !err && i < obj->nexterns; i++) {
		const struct rb_extern *x = &obj->externs[i];
		uint8_t *dst = (uint8_t *)m->data + x->off;
		uint32_t ver = (uint32_t)kver;
		const char *val;
		char num[32];

		if (!strcmp(x->name, "LINUX_KERNEL_VERSION")) {
			snprintf(num, sizeof(num), "%u", ver);
			val = num;
		} else if (!strcmp(x->name, "LINUX_HAS_BPF_COOKIE")) {
			val = ver >= (5u << 16 | 15u << 8) ? "y" : "n";
		} else if (!strcmp(x->name, "LINUX_HAS_SYSCALL_WRAPPER")) {
			val = ver >= (4u << 16 | 17u << 8) ? "y" : "n";
		} else if (!strncmp(x->name, "CONFIG_", 7)) {
			if (!cfg) {
				snprintf(path, sizeof(path), "/boot/config-%s", u.release);
				err = rb_kernel_config_read(obj->alloc, path, "/proc/config.gz",
						      &cfg, &cfg_len);
				if (err && !x->weak)
					err = rb_obj_err(obj, err,
							 "extern %s: cannot read the kernel config (%s or /proc/config.gz)",
							 x->name, path);
				else if (err != -ENOMEM)
					err = 0;	/* __weak: defaults to 0 */
			}
			val = cfg ? config_value(cfg, cfg_len, x->name) : NULL;
			if (!val && !x->weak && !err)
				err = rb_obj_err(obj, -ESRCH,
						 "extern %s: not in the kernel config (declare it __weak to default to 0)",
						 x->name);
			if (!val)
				continue;
		} else {
			if (!x->weak)
				err = rb_obj_err(obj, -EOPNOTSUPP,
						 "extern %s: unknown .kconfig name",
						 x->name);
			continue;
		}
		if (!err)
			err = put_value(obj, x, dst, val);
	}
	if (cfg)
		rb_free(obj->alloc, cfg);
	return err;
}
