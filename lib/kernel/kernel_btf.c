// SPDX-License-Identifier: BSD-2-Clause
/* kernel_btf.c - the running kernel's BTF (/sys/kernel/btf/vmlinux), mapped
 * read-only and parsed as a trusted view once per process, on the first
 * object that needs it (attach targets, CO-RE, ksyms). Nothing is indexed:
 * callers look up only their names with rb_btf_names_find.
 *
 * Thread-safety: the cache is one atomic pointer. Threads racing on the
 * first use each map and parse, one wins the compare-and-swap, the others
 * drop their copy; afterwards the parsed BTF is only read. Its memory comes
 * from libc, the one exception to the caller's allocator: it belongs to no
 * object and serves objects with different allocators. About 0.38 MB for
 * 6.18's vmlinux (3 bytes per type; the file itself is mapped), plus a
 * copy of the file (5-6 MB) where the kernel cannot mmap it (before 6.16);
 * docs/core.md. rawbpf_kernel_btf_release() gives it back, when no object
 * of the process uses it any more. */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rawbpf/object.h"
#include "kernel/kernel.h"
#include "btf/btf_names.h"
#include "core/mem.h"
#include "sys/libc.h"

#define VMLINUX_BTF "/sys/kernel/btf/vmlinux"

struct kbtf {
	struct rb_btf *btf;
	struct rb_kfile file;
};

static _Atomic(struct kbtf *) cache;

static void kbtf_free(struct kbtf *k)
{
	if (!k)
		return;
	rb_btf_free(k->btf);
	rb_kernel_file_close(&k->file);
	rb_free(NULL, k);
}

/* Kernels before 6.16 cannot mmap sysfs files: read them (sysfs hands out
 * at most a page per read). */
static int read_all(int fd, struct rb_kfile *f)
{
	size_t got = 0;

	f->data = rb_alloc(f->a, f->size);
	if (!f->data)
		return -ENOMEM;
	while (got < f->size) {
		long n = rb_sys_read(fd, (char *)f->data + got, f->size - got);

		if (n == -EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? (int)n : -EIO;
		got += (size_t)n;
	}
	return 0;
}

int rb_kernel_file_open(const char *path, const struct rawbpf_allocator *a,
			struct rb_kfile *f)
{
	struct rb_stat st;
	int fd, err;

	*f = (struct rb_kfile){ .a = a };
	fd = rb_sys_open(path, O_RDONLY);
	if (fd < 0)
		return fd;
	err = rb_sys_fstat(fd, &st);
	err = err ? err : S_ISDIR(st.mode) ? -EISDIR : !st.size ? -ENODATA : 0;
	if (err) {
		rb_sys_close(fd);
		return err;
	}
	f->size = (size_t)st.size;
	if (!rb_sys_mmap(f->size, PROT_READ, MAP_PRIVATE, fd, 0, &f->data))
		f->mapped = true;
	else
		err = read_all(fd, f);
	rb_sys_close(fd);
	if (err)
		rb_kernel_file_close(f);
	return err;
}

void rb_kernel_file_close(struct rb_kfile *f)
{
	if (f->mapped)
		rb_sys_munmap(f->data, f->size);
	else if (f->data)
		rb_free(f->a, f->data);
	*f = (struct rb_kfile){ 0 };
}

static int kbtf_open(const char *path, struct rb_btf_name_filter *f,
		     bool *filtered, struct kbtf **out)
{
	struct kbtf *k = rb_alloc(NULL, sizeof(*k));
	int err;

	if (!k)
		return -ENOMEM;
	*k = (struct kbtf){ 0 };
	err = rb_kernel_file_open(path, NULL, &k->file);
	if (err) {
		rb_free(NULL, k);
		return err;
	}
	err = rb_btf_parse_filtered(k->file.data, k->file.size, RB_BTF_F_TRUSTED,
				    NULL, &k->btf, NULL, f, filtered);
	if (err) {
		kbtf_free(k);
		return err;
	}
	*out = k;
	return 0;
}

/* Publish @k unless another thread was first; the cached one. */
static struct kbtf *publish(struct kbtf *k)
{
	struct kbtf *expected = NULL;

	if (atomic_compare_exchange_strong_explicit(&cache, &expected, k,
						    memory_order_acq_rel,
						    memory_order_acquire))
		return k;
	kbtf_free(k);	/* same file, same ids: the winner's view serves */
	return expected;
}

int rb_kernel_btf(const struct rb_btf **out)
{
	struct kbtf *k = atomic_load_explicit(&cache, memory_order_acquire);
	int err;

	if (!k) {
		err = kbtf_open(VMLINUX_BTF, NULL, NULL, &k);
		if (err)
			return err;
		k = publish(k);
	}
	*out = k->btf;
	return 0;
}

int rb_kernel_btf_names(const char *const *names, uint32_t n, uint32_t kinds,
			const struct rawbpf_allocator *a,
			const struct rb_btf **btf, struct rb_btf_names *res)
{
	struct kbtf *k = atomic_load_explicit(&cache, memory_order_acquire);
	struct rb_btf_name_filter *f;
	bool filtered = false;
	int err;

	if (k) {
		*btf = k->btf;
		return rb_btf_names_find_kinds(k->btf, names, n, kinds, a, res);
	}
	/* first use in this process: find the names while walking the types */
	f = rb_alloc_array_uninit(a, 1, sizeof(*f));	/* zeroed by filter_init */
	if (!f)
		return -ENOMEM;
	err = rb_btf_filter_init(f, names, n, kinds, a, res);
	if (!err) {
		err = kbtf_open(VMLINUX_BTF, f, &filtered, &k);
		if (err) {
			rb_btf_filter_fini(f);
			rb_btf_names_free(res);
		} else if (filtered) {
			err = rb_btf_filter_finish(f);
		} else {
			rb_btf_filter_fini(f);
			rb_btf_names_free(res);
			err = rb_btf_names_find_kinds(k->btf, names, n, kinds, a, res);
		}
		if (k) {
			k = publish(k);
			*btf = k->btf;
		}
		if (err)
			rb_btf_names_free(res);
	}
	rb_free(a, f);
	return err;
}

void rawbpf_kernel_btf_release(void)
{
	/* modules first: their split BTF sits on this one */
	rb_kernel_modules_release();
	kbtf_free(atomic_exchange_explicit(&cache, NULL, memory_order_acq_rel));
}
