// SPDX-License-Identifier: BSD-2-Clause
/* target_btf.c - the BTF an object's kernel names (CO-RE roots, typed
 * ksyms and kfuncs, attach targets) are looked up in: the running kernel's
 * vmlinux BTF (cached per process, kernel_btf.c), or the caller's target
 * BTF for a kernel built without it -- a raw BTF file, the .BTF section of
 * an ELF file (vmlinux), or bytes in memory. Names vmlinux lacks are then
 * looked for in module split BTF: the caller's split file, or the running
 * kernel's /sys/kernel/btf/<module> (module_btf.c). The caller's BTF is
 * not the kernel's: it is fully checked, and lives only while the object
 * loads. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kernel/kernel.h"
#include "btf/btf_names.h"
#include "elf/elf.h"
#include "core/errname.h"

int rb_btf_parse_target(const void *data, size_t size, const struct rb_btf *base,
			const struct rawbpf_allocator *a, struct rb_btf **out,
			char *msg, size_t msg_size)
{
	struct rb_btf_error e = { 0 };
	const void *btf = data;
	size_t len = size;
	int err;

	*out = NULL;
	if (size >= 4 && !memcmp(data, "\177ELF", 4)) {
		const struct rb_elf_shdr *sh;
		struct rb_elf elf;
		int sec;

		err = rb_elf_open(&elf, data, size, a);
		if (err) {
			snprintf(msg, msg_size, "not a readable ELF64 file: %s",
				 elf.err ? elf.err : RB_ERRSTR(err));
			rb_elf_close(&elf);
			return err;
		}
		sec = rb_elf_section_by_name(&elf, ".BTF");
		sh = sec > 0 ? rb_elf_section(&elf, (uint32_t)sec) : NULL;
		btf = sh ? sh->data : NULL;	/* points into @data */
		len = sh ? (size_t)sh->size : 0;
		rb_elf_close(&elf);
		if (!btf) {
			snprintf(msg, msg_size, "ELF file has no .BTF section");
			return -ENOENT;
		}
	}
	err = rb_btf_parse_split(btf, len, base, 0, a, out, &e);
	if (err)
		snprintf(msg, msg_size, "%s", e.msg[0] ? e.msg : RB_ERRSTR(err));
	return err;
}

/* Map @path (or take @data) and parse it on top of @base into @btf. */
static int load_one(struct rb_ktarget *t, const char *path, const void *data,
		    size_t size, const struct rb_btf *base, struct rb_kfile *file,
		    struct rb_btf **btf, char *msg, size_t msg_size)
{
	char why[200] = "";
	int err;

	if (path) {
		err = rb_kernel_file_open(path, t->a, file);
		if (err) {
			snprintf(msg, msg_size, "cannot read BTF file %s: %s", path,
				 RB_ERRSTR(err));
			return err;
		}
		data = file->data;
		size = file->size;
	}
	err = rb_btf_parse_target(data, size, base, t->a, btf, why, sizeof(why));
	if (err) {
		snprintf(msg, msg_size, "%s %s: %s", base ? "module BTF" : "target BTF",
			 path ? path : "(caller's buffer)", why);
		rb_kernel_file_close(file);
	}
	return err;
}

int rb_ktarget_open(struct rb_ktarget *t, const struct rb_ktarget_src *src,
		    const struct rawbpf_allocator *a, char *msg, size_t msg_size)
{
	int err;

	memset(t, 0, sizeof(*t));
	t->a = a;
	t->module_path = src->module_path;
	if (!src->path && !src->data) {
		snprintf(t->what, sizeof(t->what), "kernel BTF (/sys/kernel/btf/vmlinux)");
		return 0;
	}
	t->custom = true;
	snprintf(t->what, sizeof(t->what), "target BTF (%s)",
		 src->path ? src->path : "caller's buffer");
	err = load_one(t, src->path, src->data, src->size, NULL, &t->file, &t->own,
		       msg, msg_size);
	t->vmlinux = t->own;
	return err;
}

int rb_ktarget_names(struct rb_ktarget *t, const char *const *names, uint32_t n,
		     uint32_t kinds, struct rb_btf_names *res)
{
	if (t->custom)
		return rb_btf_names_find_kinds(t->vmlinux, names, n, kinds, t->a, res);
	return rb_kernel_btf_names(names, n, kinds, t->a, &t->vmlinux, res);
}

int rb_ktarget_modules(struct rb_ktarget *t, const struct rb_kmod **mods,
		       uint32_t *n, char *msg, size_t msg_size)
{
	int err;

	*mods = NULL;
	*n = 0;
	if (t->module_path) {
		if (!t->own_mod) {
			if (!t->vmlinux && (err = rb_kernel_btf(&t->vmlinux))) {
				snprintf(msg, msg_size, "module BTF %s needs vmlinux BTF under it: %s",
					 t->module_path, RB_ERRSTR(err));
				return err;
			}
			err = load_one(t, t->module_path, NULL, 0, t->vmlinux,
				       &t->mod_file, &t->own_mod, msg, msg_size);
			if (err)
				return err;
			t->file_mod = (struct rb_kmod){ .name = t->module_path,
							.btf = t->own_mod,
							.from_file = true };
		}
		*mods = &t->file_mod;
		*n = 1;
		return 0;
	}
	if (t->custom)
		return 0;	/* the kernel's modules sit on the kernel's vmlinux */
	err = rb_kernel_modules(mods, n);
	if (err == -ENOENT)
		return 0;	/* no /sys/kernel/btf: no module BTF */
	if (err)
		snprintf(msg, msg_size, "module BTF (/sys/kernel/btf): %s", RB_ERRSTR(err));
	return err;
}

void rb_ktarget_close(struct rb_ktarget *t)
{
	rb_btf_free(t->own_mod);	/* before the base it sits on */
	rb_kernel_file_close(&t->mod_file);
	rb_btf_free(t->own);
	rb_kernel_file_close(&t->file);
	memset(t, 0, sizeof(*t));
}
