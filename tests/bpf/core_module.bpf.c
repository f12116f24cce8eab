// SPDX-License-Identifier: BSD-2-Clause
/* core_module.bpf.c - kernel names that live in module BTF, not in
 * vmlinux (tests/kernel/object_module_btf.c): a CO-RE struct the test
 * puts into a module split BTF file of its own (rb_mod_s, rb_mod_fn), and
 * the veth module's struct veth_priv and function veth_open, which a
 * kernel with module BTF (Debian's 6.1) has in /sys/kernel/btf/veth. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct rb_mod_s {
	int pid;
} __attribute__((preserve_access_index));

struct net_device;
struct veth_priv {
	struct net_device *peer;
} __attribute__((preserve_access_index));

struct {
	int mod_pid_off, mod_exists;
	int veth_exists, veth_peer_off, veth_size;
} rb_out;

/* the split file's struct: the value comes from the module BTF only */
SEC("syscall")
int rb_mod_core(void *ctx)
{
	rb_out.mod_exists = bpf_core_type_exists(struct rb_mod_s);
	rb_out.mod_pid_off = bpf_core_field_offset(struct rb_mod_s, pid);
	return 0;
}

/* a function in the split file: an attach target no file can give */
SEC("fentry/rb_mod_fn")
int rb_mod_fentry(void *ctx)
{
	return 0;
}

SEC("syscall")
int rb_veth_core(void *ctx)
{
	rb_out.veth_exists = bpf_core_type_exists(struct veth_priv);
	rb_out.veth_peer_off = bpf_core_field_offset(struct veth_priv, peer);
	rb_out.veth_size = bpf_core_type_size(struct veth_priv);
	return 0;
}

/* veth's ndo_open: attach_btf_obj_fd is the veth module's BTF */
SEC("fentry/veth_open")
int rb_veth_fentry(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
