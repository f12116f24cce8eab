// SPDX-License-Identifier: BSD-2-Clause
/* auto.c - attach a program by its section name (libbpf's conventions) for
 * the tracing and cgroup families; the target comes from the name or the
 * options. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rawbpf/attach_auto.h"
#include "rawbpf/attach_cgroup.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/object.h"
#include "core/mem.h"

enum auto_kind {
	A_TP, A_RAW_TP, A_UPROBE, A_URETPROBE, A_UPROBE_MULTI,
	A_URETPROBE_MULTI, A_KPROBE, A_KRETPROBE, A_KSYSCALL, A_KRETSYSCALL,
	A_KPROBE_MULTI, A_KRETPROBE_MULTI, A_TRACING, A_ITER, A_FREPLACE,
	A_CGROUP,
};

static const struct {
	const char *prefix;
	enum auto_kind kind;
} auto_secs[] = {
	{ "tp", A_TP }, { "tracepoint", A_TP },
	{ "raw_tp", A_RAW_TP }, { "raw_tracepoint", A_RAW_TP },
	{ "raw_tp.w", A_RAW_TP }, { "raw_tracepoint.w", A_RAW_TP },
	{ "uprobe", A_UPROBE }, { "uprobe.s", A_UPROBE },
	{ "uretprobe", A_URETPROBE }, { "uretprobe.s", A_URETPROBE },
	{ "uprobe.multi", A_UPROBE_MULTI }, { "uprobe.multi.s", A_UPROBE_MULTI },
	{ "uretprobe.multi", A_URETPROBE_MULTI },
	{ "uretprobe.multi.s", A_URETPROBE_MULTI },
	{ "kprobe", A_KPROBE }, { "kretprobe", A_KRETPROBE },
	{ "ksyscall", A_KSYSCALL }, { "kretsyscall", A_KRETSYSCALL },
	{ "kprobe.multi", A_KPROBE_MULTI },
	{ "kretprobe.multi", A_KRETPROBE_MULTI },
	{ "fentry", A_TRACING }, { "fentry.s", A_TRACING },
	{ "fexit", A_TRACING }, { "fexit.s", A_TRACING },
	{ "fmod_ret", A_TRACING }, { "fmod_ret.s", A_TRACING },
	{ "tp_btf", A_TRACING }, { "lsm", A_TRACING }, { "lsm.s", A_TRACING },
	{ "iter", A_ITER }, { "iter.s", A_ITER },
	{ "freplace", A_FREPLACE },
	{ "cgroup_skb", A_CGROUP }, { "cgroup", A_CGROUP },
	{ "sockops", A_CGROUP }, { "lsm_cgroup", A_CGROUP },
};

/* @sec is @prefix exactly (*arg = "") or "@prefix/arg". */
static bool sec_match(const char *sec, const char *prefix, const char **arg)
{
	size_t n = strlen(prefix);

	if (strncmp(sec, prefix, n) || (sec[n] && sec[n] != '/'))
		return false;
	*arg = sec[n] ? sec + n + 1 : "";
	return true;
}

/* One exact name for a multi-probe section; globs are not resolved here. */
static int one_name(const char *s)
{
	return !*s ? -EINVAL : strpbrk(s, "*?[,") ? -EOPNOTSUPP : 0;
}

static int auto_tp(int fd, const char *arg,
		   const struct rawbpf_auto_attach_opts *o,
		   struct rawbpf_attachment **out)
{
	RAWBPF_OPTS(rawbpf_tracepoint_opts, t, .mode = o->mode,
		    .cookie = o->cookie, .alloc = o->alloc);
	const char *slash = strchr(arg, '/');
	char cat[128];

	if (!slash || slash == arg || (size_t)(slash - arg) >= sizeof(cat))
		return -EINVAL;
	memcpy(cat, arg, (size_t)(slash - arg));
	cat[slash - arg] = '\0';
	return rawbpf_attach_tracepoint(fd, cat, slash + 1, &t, out);
}

static int auto_uprobe(int fd, const char *arg, bool ret, bool multi,
		       const struct rawbpf_auto_attach_opts *o,
		       struct rawbpf_attachment **out)
{
	RAWBPF_OPTS(rawbpf_uprobe_opts, u, .mode = o->mode, .cookie = o->cookie,
		    .retprobe = ret, .pid = o->pid, .alloc = o->alloc);
	const char *colon = strrchr(arg, ':');
	char path[512];
	const char *func;
	if (!multi)
		return *arg ? rawbpf_attach_uprobe_spec(fd, arg, &u, out)
			    : -EINVAL;
	if (!colon || colon == arg || (size_t)(colon - arg) >= sizeof(path))
		return -EINVAL;
	func = colon + 1;
	if (!*func)
		return -EINVAL;
	memcpy(path, arg, (size_t)(colon - arg));
	path[colon - arg] = '\0';
	RAWBPF_OPTS(rawbpf_uprobe_multi_opts, m, .retprobe = ret, .pid = o->pid,
		    .alloc = o->alloc);
	if (strpbrk(func, "*?["))
		return rawbpf_attach_uprobe_multi_glob(fd, path, func, &m, out);
	m.cookies = o->cookie ? &o->cookie : NULL;
	return rawbpf_attach_uprobe_multi(fd, path, &func, 1, &m, out);
}

static int auto_kprobe(int fd, const char *arg, enum auto_kind k,
		       const struct rawbpf_auto_attach_opts *o,
		       struct rawbpf_attachment **out)
{
	RAWBPF_OPTS(rawbpf_kprobe_opts, kp, .mode = o->mode, .cookie = o->cookie,
		    .alloc = o->alloc);
	const char *plus = strchr(arg, '+');
	uint64_t off = 0;
	char func[256];
	char *end;
	size_t n;
	int err;

	kp.retprobe = k == A_KRETPROBE || k == A_KRETSYSCALL ||
		      k == A_KRETPROBE_MULTI;
	if (!*arg)
		return -EINVAL;
	if (k == A_KSYSCALL || k == A_KRETSYSCALL)
		return rawbpf_attach_ksyscall(fd, arg, &kp, out);
	if (k == A_KPROBE_MULTI || k == A_KRETPROBE_MULTI) {
		RAWBPF_OPTS(rawbpf_kprobe_multi_opts, m, .retprobe = kp.retprobe,
			    .cookies = o->cookie ? &o->cookie : NULL,
			    .alloc = o->alloc);

		err = one_name(arg);
		return err ? err : rawbpf_attach_kprobe_multi(fd, &arg, 1, &m, out);
	}
	n = plus ? (size_t)(plus - arg) : strlen(arg);
	if (plus) {
		off = strtoull(plus + 1, &end, 0);
		if (!n || !plus[1] || *end)
			return -EINVAL;
	}
	if (n >= sizeof(func))
		return -ENAMETOOLONG;
	memcpy(func, arg, n);
	func[n] = '\0';
	return rawbpf_attach_kprobe(fd, func, off, &kp, out);
}

static int auto_cgroup(int fd, uint32_t type,
		       const struct rawbpf_auto_attach_opts *o,
		       struct rawbpf_attachment **out)
{
	RAWBPF_OPTS(rawbpf_cgroup_opts, c, .mode = o->mode,
		    .flags = o->cgroup_flags, .alloc = o->alloc);

	if (o->cgroup_fd <= 0 || !type)
		return -EINVAL;
	return rawbpf_attach_cgroup(fd, o->cgroup_fd, type, &c, out);
}

int rawbpf_section_attach(int fd, const char *sec, uint32_t eat,
			  const struct rawbpf_auto_attach_opts *uopts,
			  struct rawbpf_attachment **out)
{
	struct rawbpf_auto_attach_opts o;
	const char *arg = NULL;
	size_t i;
	int err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (!sec || !out || fd < 0)
		return -EINVAL;
	for (i = 0; i < RB_ARRAY_SIZE(auto_secs); i++)
		if (sec_match(sec, auto_secs[i].prefix, &arg))
			break;
	if (i == RB_ARRAY_SIZE(auto_secs))
		return -EOPNOTSUPP;
	if (o.attach_type)
		eat = o.attach_type;
	switch (auto_secs[i].kind) {
	case A_TP:
		return auto_tp(fd, arg, &o, out);
	case A_RAW_TP: {
		RAWBPF_OPTS(rawbpf_raw_tracepoint_opts, r, .mode = o.mode,
			    .cookie = o.cookie, .alloc = o.alloc);

		return *arg ? rawbpf_attach_raw_tracepoint(fd, arg, &r, out)
			    : -EINVAL;
	}
	case A_UPROBE:
	case A_URETPROBE:
		return auto_uprobe(fd, arg, auto_secs[i].kind == A_URETPROBE,
				   false, &o, out);
	case A_UPROBE_MULTI:
	case A_URETPROBE_MULTI:
		return auto_uprobe(fd, arg, auto_secs[i].kind == A_URETPROBE_MULTI,
				   true, &o, out);
	case A_TRACING: {
		RAWBPF_OPTS(rawbpf_tracing_opts, t, .mode = o.mode,
			    .cookie = o.cookie, .alloc = o.alloc);

		return rawbpf_attach_tracing(fd, eat, &t, out);
	}
	case A_FREPLACE: {
		RAWBPF_OPTS(rawbpf_tracing_opts, t, .mode = o.mode,
			    .alloc = o.alloc);

		return rawbpf_attach_freplace(fd, o.target_prog_fd > 0 ?
					      o.target_prog_fd : -1,
					      o.target_btf_id, &t, out);
	}
	case A_ITER: {
		RAWBPF_OPTS(rawbpf_iter_opts, it);

		if (o.iter)
			err = rb_opts_copy(&it, sizeof(it), o.iter);
		if (err)
			return err;
		if (!it.alloc)
			it.alloc = o.alloc;
		return rawbpf_attach_iter(fd, &it, out);
	}
	case A_CGROUP:
		return auto_cgroup(fd, eat, &o, out);
	default:
		return auto_kprobe(fd, arg, auto_secs[i].kind, &o, out);
	}
}

int rawbpf_program_attach(const struct rawbpf_program *prog,
			  const struct rawbpf_auto_attach_opts *opts,
			  struct rawbpf_attachment **out)
{
	int fd;

	if (!prog)
		return -EINVAL;
	fd = rawbpf_program_fd(prog);
	if (fd < 0)
		return fd;
	return rawbpf_section_attach(fd, rawbpf_program_section(prog),
				     rawbpf_program_expected_attach_type(prog),
				     opts, out);
}
