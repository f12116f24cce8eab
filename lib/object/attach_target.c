// SPDX-License-Identifier: BSD-2-Clause
/* attach_target.c - BTF-attached programs (fentry/fexit/fmod_ret, tp_btf,
 * lsm, iter) name their target in the section; the kernel wants its BTF id
 * at load (attach_btf_id). The kernel's BTF (/sys/kernel/btf/vmlinux) is
 * read and indexed once per process, only when such a program loads; the
 * caller may instead set the target by hand (freplace always needs that). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "object/object.h"

#define VMLINUX_PATH "/sys/kernel/btf/vmlinux"

/* The process-wide kernel BTF: parsed once, kept until exit (libc memory:
 * it outlives every object and its allocator). */
static struct rb_btf *vmlinux;
static void *vmlinux_buf;

static int read_all(const char *path, void **out, size_t *size)
{
	size_t cap = 1 << 20, len = 0;
	char *buf = rb_alloc(NULL, cap);
	int fd, err = 0;

	if (!buf)
		return -ENOMEM;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		rb_free(NULL, buf, cap);
		return err;
	}
	for (;;) {
		ssize_t n;

		if (len == cap) {
			char *nb = rb_resize(NULL, buf, cap, cap * 2);

			if (!nb) {
				err = -ENOMEM;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0) {
			err = -errno;
			break;
		}
		if (!n)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (err) {
		rb_free(NULL, buf, cap);
		return err;
	}
	*out = buf;
	*size = len;
	return 0;
}

static int vmlinux_btf(const struct rb_btf **out)
{
	struct rb_btf *btf, *expected = NULL;
	void *buf = NULL;
	size_t size = 0;
	int err;

	btf = __atomic_load_n(&vmlinux, __ATOMIC_ACQUIRE);
	if (btf) {
		*out = btf;
		return 0;
	}
	err = read_all(VMLINUX_PATH, &buf, &size);
	if (err)
		return err;
	/* a view: the buffer stays for the life of the process */
	err = rb_btf_parse(buf, size, 0, NULL, &btf, NULL);
	if (err) {
		rb_free(NULL, buf, size);
		return err;
	}
	if (!__atomic_compare_exchange_n(&vmlinux, &expected, btf, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		rb_btf_free(btf);	/* another thread won */
		rb_free(NULL, buf, size);
		*out = expected;
		return 0;
	}
	vmlinux_buf = buf;
	*out = btf;
	return 0;
}

/* The BTF name and kind the kernel knows program @p's target by. */
static int target_name(const struct rawbpf_program *p, char *out, size_t size,
		       int *kind)
{
	const char *slash = strchr(p->sec_name, '/');
	const char *prefix = "";

	if (!slash || !slash[1])
		return -ENOENT;
	*kind = RB_BTF_KIND_FUNC;
	switch (p->expected_attach_type) {
	case BPF_TRACE_RAW_TP:
		prefix = "btf_trace_";
		*kind = RB_BTF_KIND_TYPEDEF;
		break;
	case BPF_LSM_MAC:
	case BPF_LSM_CGROUP:
		prefix = "bpf_lsm_";
		break;
	case BPF_TRACE_ITER:
		prefix = "bpf_iter_";
		break;
	}
	if ((size_t)snprintf(out, size, "%s%s", prefix, slash + 1) >= size)
		return -ENAMETOOLONG;
	return 0;
}

int rb_obj_attach_target(struct rawbpf_object *obj, struct rawbpf_program *p)
{
	const struct rb_btf *btf;
	char name[128];
	int kind, id, err;

	if (p->attach_btf_id || p->attach_prog_fd)
		return 0;	/* set by hand */
	if (p->type == BPF_PROG_TYPE_EXT)
		return rb_obj_err(obj, -EINVAL,
				  "program %s (section %s): freplace needs its target program; set it with rawbpf_program_set_attach_target()",
				  p->name, p->sec_name);
	if (p->type != BPF_PROG_TYPE_TRACING && p->type != BPF_PROG_TYPE_LSM)
		return 0;
	if (target_name(p, name, sizeof(name), &kind))
		return rb_obj_err(obj, -EINVAL,
				  "program %s: section %s names no attach target",
				  p->name, p->sec_name);
	err = vmlinux_btf(&btf);
	if (err)
		return rb_obj_err(obj, err,
				  "program %s: reading the kernel's BTF (%s) for its target %s failed",
				  p->name, VMLINUX_PATH, name);
	id = rb_btf_find(btf, name, kind);
	if (id == -ENOMEM)
		return id;
	if (id <= 0)
		return rb_obj_err(obj, -ESRCH,
				  "program %s (section %s): the kernel's BTF has no %s %s (module targets are not supported)",
				  p->name, p->sec_name, rb_btf_kind_str((unsigned)kind),
				  name);
	p->attach_btf_id = (uint32_t)id;
	p->attach_resolved = true;
	return 0;
}
