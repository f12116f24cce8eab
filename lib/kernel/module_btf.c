// SPDX-License-Identifier: BSD-2-Clause
/* module_btf.c - the running kernel's module BTF: every
 * /sys/kernel/btf/<module> parsed as split BTF on top of vmlinux BTF, the
 * first time an object needs a name vmlinux lacks, then cached for the
 * process like vmlinux BTF (same thread-safety rules, kernel_btf.c). The
 * kernel's BTF object of a module (attach_btf_obj_fd, kfunc fd_array,
 * typed ksyms) is found by name among the kernel's BTF ids. */
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kernel/kernel.h"
#include "core/mem.h"
#include "rawbpf/sys.h"
#include "sys/libc.h"

#define BTF_DIR "/sys/kernel/btf"

struct kmod_own {
	struct rb_btf *btf;
	struct rb_kfile file;
	char name[64];
};

struct kmods {
	struct rb_kmod *m;
	struct kmod_own *own;
	uint32_t n, cap;
};

static _Atomic(struct kmods *) mod_cache;

static void kmods_free(struct kmods *k)
{
	uint32_t i;

	if (!k)
		return;
	for (i = 0; i < k->n; i++) {
		rb_btf_free(k->own[i].btf);
		rb_kernel_file_close(&k->own[i].file);
	}
	rb_free(NULL, k->own);
	rb_free(NULL, k->m);
	rb_free(NULL, k);
}

/* Parse module @name on top of @base as entry k->n. */
static int add_module(struct kmods *k, const struct rb_btf *base, const char *name)
{
	char path[sizeof(BTF_DIR) + 64];
	size_t len = strlen(name);
	struct kmod_own *o;
	int err;

	if (len >= sizeof(o->name))
		return 0;	/* longer than any module name (56) */
	if (k->n == k->cap) {
		uint32_t cap = k->cap ? k->cap * 2 : 32;
		struct kmod_own *no = rb_resize(NULL, k->own,
						sizeof(*no) * cap);

		if (!no)
			return -ENOMEM;
		k->own = no;
		k->cap = cap;
	}
	o = &k->own[k->n];
	*o = (struct kmod_own){ 0 };
	memcpy(o->name, name, len + 1);
	memcpy(path, BTF_DIR "/", sizeof(BTF_DIR));
	memcpy(path + sizeof(BTF_DIR), name, len + 1);
	err = rb_kernel_file_open(path, NULL, &o->file);
	if (!err)
		err = rb_btf_parse_split(o->file.data, o->file.size, base,
					 RB_BTF_F_TRUSTED, NULL, &o->btf, NULL);
	if (err) {
		rb_kernel_file_close(&o->file);
		return err;
	}
	k->n++;
	return 0;
}

/* add_module for each entry of the open directory @dir (but vmlinux). */
static int each_module(int dir, struct kmods *k, const struct rb_btf *base)
{
	uint64_t buf[512];	/* 4 KB, 8-aligned for the records */
	long n = 0;
	int err = 0;

	while (!err && (n = rb_sys_getdents(dir, buf, sizeof(buf))) > 0) {
		for (long off = 0; !err && off < n;) {
			const struct rb_dirent *de =
				(const void *)((const char *)buf + off);

			if (de->name[0] != '.' && strcmp(de->name, "vmlinux"))
				err = add_module(k, base, de->name);
			off += de->reclen;
		}
	}
	return err ? err : n < 0 ? (int)n : 0;
}

static int kmods_load(struct kmods **out)
{
	const struct rb_btf *base;
	struct kmods *k;
	uint32_t i;
	int err, d;

	err = rb_kernel_btf(&base);
	if (err)
		return err;
	k = rb_alloc(NULL, sizeof(*k));
	if (!k)
		return -ENOMEM;
	*k = (struct kmods){ 0 };
	d = rb_sys_open(BTF_DIR, O_RDONLY | O_DIRECTORY);
	if (d < 0) {
		rb_free(NULL, k);
		return d;
	}
	err = each_module(d, k, base);
	rb_sys_close(d);
	k->m = err || !k->cap ? NULL : rb_alloc_array(NULL, k->cap, sizeof(*k->m));
	if (!err && k->cap && !k->m)
		err = -ENOMEM;
	if (err) {
		kmods_free(k);
		return err;
	}
	for (i = 0; i < k->n; i++)
		k->m[i] = (struct rb_kmod){ .name = k->own[i].name, .btf = k->own[i].btf };
	*out = k;
	return 0;
}

int rb_kernel_modules(const struct rb_kmod **mods, uint32_t *n)
{
	struct kmods *k = atomic_load_explicit(&mod_cache, memory_order_acquire);
	struct kmods *expected = NULL;
	int err;

	if (!k) {
		err = kmods_load(&k);
		if (err)
			return err;
		if (!atomic_compare_exchange_strong_explicit(&mod_cache, &expected, k,
							     memory_order_acq_rel,
							     memory_order_acquire)) {
			kmods_free(k);	/* another thread was first */
			k = expected;
		}
	}
	*mods = k->m;
	*n = k->n;
	return 0;
}

void rb_kernel_modules_release(void)
{
	kmods_free(atomic_exchange_explicit(&mod_cache, NULL, memory_order_acq_rel));
}

int rb_kernel_module_btf_fd(const char *name)
{
	uint32_t id = 0;
	int fd, err;

	while (!(err = rawbpf_sys_btf_get_next_id(id, &id))) {
		struct bpf_btf_info info;
		uint32_t len = sizeof(info);
		char n[64] = "";

		fd = rawbpf_sys_btf_get_fd_by_id(id);
		if (fd == -ENOENT)
			continue;	/* gone meanwhile */
		if (fd < 0)
			return fd;
		memset(&info, 0, sizeof(info));
		info.name = (uint64_t)(uintptr_t)n;
		info.name_len = sizeof(n);
		err = rawbpf_sys_obj_get_info_by_fd(fd, &info, &len);
		if (!err && info.kernel_btf && !strcmp(n, name))
			return fd;
		rb_sys_close(fd);
		if (err)
			return err;
	}
	return err;
}
