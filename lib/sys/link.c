// SPDX-License-Identifier: BSD-2-Clause
/* link.c - BPF_LINK_CREATE with its per-type parts, LINK_UPDATE,
 * LINK_DETACH and ITER_CREATE. */
#include <errno.h>
#include <string.h>

#include "rawbpf/sys.h"
#include "core/mem.h"
#include "sys/abi.h"
#include "sys/raw.h"

#define LC(member) offsetofend(struct rb_attr_link_create, member)

/* Fill the per-type part @type uses; return the attr size to pass. */
static unsigned int link_create_part(struct rb_attr_link_create *a,
				     uint32_t type,
				     const struct rawbpf_sys_link_create_opts *o)
{
	switch (type) {
	case BPF_TRACE_ITER:
		if (!o->iter_info)
			return LC(flags);
		a->iter_info = ptr_to_u64(o->iter_info);
		a->iter_info_len = o->iter_info_len;
		return LC(iter_info_len);
	case BPF_PERF_EVENT:
		if (!o->perf_cookie)
			return LC(flags);
		a->perf_event.bpf_cookie = o->perf_cookie;
		return LC(perf_event.bpf_cookie);
	case BPF_TRACE_KPROBE_MULTI:
	case RAWBPF_TRACE_KPROBE_SESSION:
		a->kprobe_multi.flags = o->kprobe_multi.flags;
		a->kprobe_multi.cnt = o->kprobe_multi.cnt;
		a->kprobe_multi.syms = ptr_to_u64(o->kprobe_multi.syms);
		a->kprobe_multi.addrs = ptr_to_u64(o->kprobe_multi.addrs);
		a->kprobe_multi.cookies = ptr_to_u64(o->kprobe_multi.cookies);
		return LC(kprobe_multi.cookies);
	case RAWBPF_TRACE_UPROBE_MULTI:
	case RAWBPF_TRACE_UPROBE_SESSION:
		a->uprobe_multi.path = ptr_to_u64(o->uprobe_multi.path);
		a->uprobe_multi.offsets = ptr_to_u64(o->uprobe_multi.offsets);
		a->uprobe_multi.ref_ctr_offsets =
			ptr_to_u64(o->uprobe_multi.ref_ctr_offsets);
		a->uprobe_multi.cookies = ptr_to_u64(o->uprobe_multi.cookies);
		a->uprobe_multi.cnt = o->uprobe_multi.cnt;
		a->uprobe_multi.flags = o->uprobe_multi.flags;
		a->uprobe_multi.pid = o->uprobe_multi.pid;
		return LC(uprobe_multi.pid);
	case RAWBPF_NETFILTER:
		a->netfilter.pf = o->netfilter.pf;
		a->netfilter.hooknum = o->netfilter.hooknum;
		a->netfilter.priority = o->netfilter.priority;
		a->netfilter.flags = o->netfilter.flags;
		return LC(netfilter.flags);
	case RAWBPF_TCX_INGRESS:
	case RAWBPF_TCX_EGRESS:
	case RAWBPF_NETKIT_PRIMARY:
	case RAWBPF_NETKIT_PEER:
		a->tcx.relative_fd = o->relative_fd;
		a->tcx.expected_revision = o->expected_revision;
		return LC(tcx.expected_revision);
	case BPF_TRACE_FENTRY:
	case BPF_TRACE_FEXIT:
	case BPF_MODIFY_RETURN:
	case BPF_LSM_MAC:
	case BPF_TRACE_RAW_TP:
		if (o->tracing_cookie) {
			a->tracing.target_btf_id = o->target_btf_id;
			a->tracing.cookie = o->tracing_cookie;
			return LC(tracing.cookie);
		}
		break;
	default:
		/* cgroup hooks: relative ordering (6.15) only when asked. */
		if (o->relative_fd || o->expected_revision) {
			a->cgroup.relative_fd = o->relative_fd;
			a->cgroup.expected_revision = o->expected_revision;
			return LC(cgroup.expected_revision);
		}
		break;
	}
	if (o->target_btf_id) {		/* freplace, tracing without cookie */
		a->target_btf_id = o->target_btf_id;
		return LC(target_btf_id);
	}
	return LC(flags);
}

int rawbpf_sys_link_create(int prog_fd, int target, uint32_t attach_type,
		       const struct rawbpf_sys_link_create_opts *uopts)
{
	struct rawbpf_sys_link_create_opts o;
	struct rb_attr_link_create a;
	unsigned int size;
	int err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	memset(&a, 0, sizeof(a));
	a.prog_fd = (uint32_t)prog_fd;
	a.target_fd = (uint32_t)target;
	a.attach_type = attach_type;
	a.flags = o.flags;
	size = link_create_part(&a, attach_type, &o);
	return rb_sys_bpf_fd(RB_LINK_CREATE, &a, size);
}

int rawbpf_sys_link_update(int link_fd, int new_fd,
		       const struct rawbpf_sys_link_update_opts *uopts)
{
	struct rawbpf_sys_link_update_opts o;
	struct rb_attr_link_update a;
	int err = rb_opts_copy(&o, sizeof(o), uopts);

	if (err)
		return err;
	memset(&a, 0, sizeof(a));
	a.link_fd = (uint32_t)link_fd;
	a.new_prog_fd = (uint32_t)new_fd;
	a.flags = o.flags;
	a.old_prog_fd = (uint32_t)(o.is_map ? o.old_map_fd : o.old_prog_fd);
	return (int)rb_sys_bpf(RB_LINK_UPDATE, &a,
			       offsetofend(struct rb_attr_link_update, old_prog_fd));
}

int rawbpf_sys_link_detach(int link_fd)
{
	struct rb_attr_link_detach a;

	memset(&a, 0, sizeof(a));
	a.link_fd = (uint32_t)link_fd;
	return (int)rb_sys_bpf(RB_LINK_DETACH, &a, sizeof(a));
}

int rawbpf_sys_iter_create(int link_fd)
{
	struct rb_attr_iter_create a;

	memset(&a, 0, sizeof(a));
	a.link_fd = (uint32_t)link_fd;
	return rb_sys_bpf_fd(RB_ITER_CREATE, &a,
			     offsetofend(struct rb_attr_iter_create, flags));
}
