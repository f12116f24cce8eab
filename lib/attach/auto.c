// SPDX-License-Identifier: BSD-2-Clause
/* auto.c - attach a loaded program where its section name says
 * (auto_parse.c reads the name), with the hook family's own constructor
 * and the target from the name or the options. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rawbpf/attach_auto.h"
#include "rawbpf/attach_usdt.h"
#include "rawbpf/attach_cgroup.h"
#include "rawbpf/attach_net.h"
#include "rawbpf/attach_trace.h"
#include "rawbpf/object.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/errname.h"
#include "object/object.h"

static int say(const struct rawbpf_attach_section_opts *o, int err,
	       const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The reason goes to err_msg, to this thread's attach message and, at
 * warn, to the log hook. */
static int say(const struct rawbpf_attach_section_opts *o, int err,
	       const char *fmt, ...)
{
	char msg[384];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (o->err_msg && o->err_msg_size)
		snprintf(o->err_msg, o->err_msg_size, "%s", msg);
	return rb_attach_fail(err, "%s", msg);
}

static int need(const struct rawbpf_attach_section_opts *o, int have,
		const char *sec, const char *what)
{
	if (have > 0)
		return 0;
	return say(o, -EINVAL, "section %s needs %s in the attach options",
		   sec, what);
}

/* "cat/name" -> two strings in @buf. */
static int split_tp(char *target, char **cat, char **name)
{
	char *slash = strchr(target, '/');

	if (!slash || slash == target || !slash[1])
		return -EINVAL;
	*slash = '\0';
	*cat = target;
	*name = slash + 1;
	return 0;
}

/* "func+0x10" -> func and offset. */
static int split_kprobe(char *target, uint64_t *off)
{
	char *plus = strchr(target, '+'), *end;
	int saved = errno, bad;

	*off = 0;
	if (plus) {
		*plus = '\0';
		errno = 0;
		*off = strtoull(plus + 1, &end, 0);
		bad = !plus[1] || *end || errno;
		errno = saved;
		if (bad)
			return -EINVAL;
	}
	return target[0] ? 0 : -EINVAL;
}

/* Auto-attach probes every process by default, as libbpf's section
 * auto-attach does (it passes pid -1): 0 here is -1 for the uprobe
 * calls, where 0 would mean this process. */
static int32_t auto_pid(const struct rawbpf_attach_section_opts *o)
{
	return o->pid ? o->pid : -1;
}

/* Sections of SCHED_CLS programs that say no direction: "tc" and
 * "classifier" (libbpf's names). */
static bool is_tc(const char *sec)
{
	return !strcmp(sec, "tc") || !strcmp(sec, "classifier") ||
	       !strncmp(sec, "classifier/", 11);
}

/* uprobe.multi/path:pattern (and uprobe.session/) - one link on every
 * function of @path that @pattern matches (a shell pattern, or one plain
 * name). */
static int attach_uprobe_multi(int prog_fd, const char *sec, char *target,
			       int retprobe, const struct rawbpf_attach_section_opts *o,
			       struct rawbpf_attachment **out)
{
	RAWBPF_OPTS(rawbpf_attach_uprobe_multi_opts, mo, .retprobe = retprobe,
		    .pid = auto_pid(o), .alloc = o->alloc,
		    .session = !strncmp(sec, "uprobe.session", 14));
	char *colon = strrchr(target, ':'), libpath[512];
	const char *path = target;
	int err;

	if (!colon || colon == target || !colon[1])
		return say(o, -EINVAL, "uprobe.multi target '%s' is not path:pattern",
			   target);
	*colon = '\0';
	if (!strchr(path, '/')) {
		err = rawbpf_uprobe_find_library(o->pid, path, libpath,
						 sizeof(libpath));
		if (err)
			return say(o, err, "library %s is not mapped", path);
		path = libpath;
	}
	return rawbpf_attach_uprobe_multi_glob(prog_fd, path, colon + 1, &mo, out);
}

static int attach_trace_family(int fd, const char *sec,
			       struct rawbpf_section_hook *h,
			       const struct rawbpf_attach_section_opts *o,
			       struct rawbpf_attachment **out)
{
	char *cat, *name;
	uint64_t off;

	if (!h->target[0] && h->hook != RAWBPF_HOOK_PERF_EVENT &&
	    h->hook != RAWBPF_HOOK_TRACING && h->hook != RAWBPF_HOOK_FREPLACE &&
	    h->hook != RAWBPF_HOOK_ITER)
		return say(o, -EINVAL, "section %s names no target", sec);
	switch (h->hook) {
	case RAWBPF_HOOK_TRACEPOINT: {
		RAWBPF_OPTS(rawbpf_attach_tracepoint_opts, t, .mode = o->mode,
			    .cookie = o->cookie, .alloc = o->alloc);

		if (split_tp(h->target, &cat, &name))
			return say(o, -EINVAL, "section %s: want tp/<category>/<name>", sec);
		return rawbpf_attach_tracepoint(fd, cat, name, &t, out);
	}
	case RAWBPF_HOOK_RAW_TRACEPOINT: {
		RAWBPF_OPTS(rawbpf_attach_raw_tracepoint_opts, t, .mode = o->mode,
			    .cookie = o->cookie, .alloc = o->alloc);

		return rawbpf_attach_raw_tracepoint(fd, h->target, &t, out);
	}
	case RAWBPF_HOOK_KPROBE:
	case RAWBPF_HOOK_KSYSCALL: {
		RAWBPF_OPTS(rawbpf_attach_kprobe_opts, k, .mode = o->mode,
			    .cookie = o->cookie, .retprobe = h->retprobe,
			    .alloc = o->alloc);

		if (h->hook == RAWBPF_HOOK_KSYSCALL)
			return rawbpf_attach_ksyscall(fd, h->target, &k, out);
		if (split_kprobe(h->target, &off))
			return say(o, -EINVAL, "section %s: want kprobe/<function>[+offset]", sec);
		return rawbpf_attach_kprobe(fd, h->target, off, &k, out);
	}
	case RAWBPF_HOOK_KPROBE_MULTI: {
		RAWBPF_OPTS(rawbpf_attach_kprobe_multi_opts, k, .retprobe = h->retprobe,
			    .session = !strncmp(sec, "kprobe.session", 14),
			    .alloc = o->alloc);
		const char *sym = h->target;

		/* a pattern: every traceable function it matches (one cookie
		 * for many functions is not a thing kprobe_multi has) */
		if (strpbrk(sym, "*?[")) {
			if (o->cookie)
				return say(o, -EINVAL, "section %s: a cookie names one function, not a pattern",
					   sec);
			return rawbpf_attach_kprobe_multi_glob(fd, sym, &k, out);
		}
		k.cookies = o->cookie ? &o->cookie : NULL;
		return rawbpf_attach_kprobe_multi(fd, &sym, 1, &k, out);
	}
	case RAWBPF_HOOK_UPROBE: {
		RAWBPF_OPTS(rawbpf_attach_uprobe_opts, u, .mode = o->mode,
			    .cookie = o->cookie, .retprobe = h->retprobe,
			    .pid = auto_pid(o), .alloc = o->alloc);

		return rawbpf_attach_uprobe_spec(fd, h->target, &u, out);
	}
	case RAWBPF_HOOK_UPROBE_MULTI:
		return attach_uprobe_multi(fd, sec, h->target, h->retprobe, o, out);
	case RAWBPF_HOOK_TRACING: {
		RAWBPF_OPTS(rawbpf_attach_tracing_opts, t, .mode = o->mode,
			    .cookie = o->cookie, .alloc = o->alloc);

		return rawbpf_attach_tracing(fd, h->attach_type, &t, out);
	}
	case RAWBPF_HOOK_FREPLACE: {
		RAWBPF_OPTS(rawbpf_attach_tracing_opts, t, .mode = o->mode,
			    .alloc = o->alloc);

		return rawbpf_attach_freplace(fd, o->target_prog_fd > 0 ?
						  o->target_prog_fd : -1,
					      o->target_btf_id, &t, out);
	}
	case RAWBPF_HOOK_ITER: {
		RAWBPF_OPTS(rawbpf_attach_iter_opts, it);
		int err = o->iter ? rb_opts_copy(&it, sizeof(it), o->iter) : 0;

		if (err)
			return err;
		if (!it.alloc)
			it.alloc = o->alloc;
		return rawbpf_attach_iter(fd, &it, out);
	}
	case RAWBPF_HOOK_PERF_EVENT: {
		RAWBPF_OPTS(rawbpf_attach_perf_sampling_opts, ps, .mode = o->mode,
			    .cookie = o->cookie, .alloc = o->alloc);

		return rawbpf_attach_perf_sampling(fd, &ps, out);
	}
	default:
		return -ENOENT;
	}
}

static int attach_net_family(int fd, const char *sec,
			     struct rawbpf_section_hook *h,
			     const struct rawbpf_attach_section_opts *o,
			     struct rawbpf_attachment **out)
{
	RAWBPF_OPTS(rawbpf_attach_net_opts, n, .mode = o->mode, .alloc = o->alloc);
	RAWBPF_OPTS(rawbpf_attach_tc_opts, tc, .mode = o->mode, .alloc = o->alloc,
		    .err_msg = o->err_msg, .err_msg_size = o->err_msg_size);
	int err;

	switch (h->hook) {
	case RAWBPF_HOOK_CGROUP: {
		RAWBPF_OPTS(rawbpf_attach_cgroup_opts, c, .mode = o->mode,
			    .flags = o->cgroup_flags, .alloc = o->alloc);

		if (!strcmp(sec, "cgroup/skb") && !o->attach_type)
			return say(o, -EINVAL,
				   "section cgroup/skb names no direction: set attach_type");
		if ((err = need(o, o->cgroup_fd, sec, "a cgroup fd")))
			return err;
		return rawbpf_attach_cgroup(fd, o->cgroup_fd, h->attach_type, &c, out);
	}
	case RAWBPF_HOOK_XDP: {
		RAWBPF_OPTS(rawbpf_attach_xdp_opts, x, .mode = o->mode,
			    .flags = o->xdp_flags, .err_msg = o->err_msg,
			    .err_msg_size = o->err_msg_size, .alloc = o->alloc);

		if ((err = need(o, o->ifindex, sec, "an interface (ifindex)")))
			return err;
		return rawbpf_attach_xdp(fd, o->ifindex, &x, out);
	}
	case RAWBPF_HOOK_TC:
		if ((err = need(o, o->ifindex, sec, "an interface (ifindex)")))
			return err;
		return rawbpf_attach_tc(fd, o->ifindex, h->attach_type, &tc, out);
	case RAWBPF_HOOK_NETKIT:
		if ((err = need(o, o->ifindex, sec, "a netkit interface (ifindex)")))
			return err;
		return rawbpf_attach_netkit(fd, o->ifindex, h->attach_type, &tc, out);
	case RAWBPF_HOOK_NETNS:
		if ((err = need(o, o->netns_fd, sec, "a network namespace fd")))
			return err;
		return rawbpf_attach_netns(fd, o->netns_fd, h->attach_type, &n, out);
	case RAWBPF_HOOK_SOCKMAP:
		if ((err = need(o, o->map_fd, sec, "a sockmap/sockhash fd")))
			return err;
		return rawbpf_attach_sockmap(fd, o->map_fd, h->attach_type, &n, out);
	case RAWBPF_HOOK_SOCKET:
		if ((err = need(o, o->sock_fd, sec, "a socket fd")))
			return err;
		return rawbpf_attach_socket(fd, o->sock_fd, o->alloc, out);
	case RAWBPF_HOOK_REUSEPORT:
		if ((err = need(o, o->sock_fd, sec, "a socket fd")))
			return err;
		return rawbpf_attach_reuseport(fd, o->sock_fd, o->alloc, out);
	case RAWBPF_HOOK_NETFILTER:
		return say(o, -EINVAL,
			   "section %s: a netfilter hook needs pf/hooknum: use rawbpf_attach_netfilter()",
			   sec);
	default:
		return -ENOENT;
	}
}

int rawbpf_attach_section(int fd, const char *sec, uint32_t eat,
			  const struct rawbpf_attach_section_opts *uopts,
			  struct rawbpf_attachment **out)
{
	struct rawbpf_attach_section_opts o;
	struct rawbpf_section_hook h;
	int err;

	err = rb_opts_copy(&o, sizeof(o), uopts);
	if (err)
		return err;
	if (o.err_msg && o.err_msg_size)
		o.err_msg[0] = '\0';
	rb_attach_msg_clear();
	if (!sec || !out || fd < 0)
		return -EINVAL;
	err = rawbpf_section_hook(sec, &h);
	if (err)
		return say(&o, err, "section %s names no hook rawbpf knows", sec);
	if (h.hook == RAWBPF_HOOK_NONE && is_tc(sec))
		return say(&o, -EOPNOTSUPP,
			   "section %s names no interface or direction: attach it with rawbpf_attach_tc() (a tcx link, or cls_bpf with RAWBPF_ATTACH_MODE_LEGACY) or rawbpf_attach_tcx_prog(), or name it tc/ingress, tc/egress, tcx/ingress or tcx/egress",
			   sec);
	if (h.hook == RAWBPF_HOOK_NONE)
		return say(&o, -EOPNOTSUPP,
			   "section %s is not attached by itself (a map, struct_ops, test_run or a route uses it)",
			   sec);
	/* The program's own expected attach type wins over the table's;
	 * the caller's override over both. */
	if (eat && h.hook >= RAWBPF_HOOK_CGROUP)
		h.attach_type = eat;
	if (h.hook == RAWBPF_HOOK_TRACING && eat)
		h.attach_type = eat;
	if (o.attach_type)
		h.attach_type = o.attach_type;
	if (h.hook < RAWBPF_HOOK_CGROUP)
		err = attach_trace_family(fd, sec, &h, &o, out);
	else
		err = attach_net_family(fd, sec, &h, &o, out);
	/* Unsaid failures get errno's words; the hook family's own words
	 * (already logged) go to err_msg under the section's name. */
	if (err && !rb_attach_msg()[0])
		say(&o, err, "section %s: attach failed: %s", sec, RB_ERRSTR(err));
	else if (err && o.err_msg && o.err_msg_size && !o.err_msg[0])
		snprintf(o.err_msg, o.err_msg_size, "section %s: %s", sec,
			 rb_attach_msg());
	return err;
}

static int attach_usdt(const struct rawbpf_program *prog,
		       const struct rawbpf_attach_section_opts *uopts,
		       struct rawbpf_attachment **out)
{
	const char *sec = rawbpf_program_section(prog);
	struct rawbpf_attach_section_opts o;
	int err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	if (o.err_msg && o.err_msg_size)
		o.err_msg[0] = '\0';
	err = rawbpf_attach_usdt_spec(prog, auto_pid(&o), sec + 5, NULL, out);
	if (err == -EINVAL)
		return say(&o, err, "section %s: usdt target is not PATH:PROVIDER:NAME", sec);
	if (err)
		return say(&o, err, "section %s: %s", sec,
			   rawbpf_object_error(prog->obj));
	return 0;
}

int rawbpf_program_attach(const struct rawbpf_program *prog,
			  const struct rawbpf_attach_section_opts *opts,
			  struct rawbpf_attachment **out)
{
	struct rawbpf_attach_section_opts o;
	int fd, err;

	if (!prog)
		return -EINVAL;
	fd = rawbpf_program_fd(prog);
	if (fd < 0) {
		err = rb_opts_copy(&o, sizeof(o), opts);
		if (err)
			return err;
		return say(&o, -EINVAL,
			   "program %s (section %s) is not loaded: call rawbpf_object_load() first (with its autoload on)",
			   rawbpf_program_name(prog), rawbpf_program_section(prog));
	}
	/* usdt/PATH:PROVIDER:NAME needs the object's usdt.bpf.h maps */
	if (!strncmp(rawbpf_program_section(prog), "usdt/", 5))
		return attach_usdt(prog, opts, out);
	return rawbpf_attach_section(fd, rawbpf_program_section(prog),
				     rawbpf_program_expected_attach_type(prog),
				     opts, out);
}
