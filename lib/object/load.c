// SPDX-License-Identifier: BSD-2-Clause
/* load.c - rawbpf_object_load: BTF, maps, then each selected program
 * (relocated, with func/line info), then prog_array and map-in-map slots;
 * on any failure everything made so far is closed and unpinned. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "btf/core.h"
#include "object/object.h"
#include "object/attach_btf.h"
#include "object/kconfig.h"
#include "object/core_obj.h"
#include "object/kernel_prep.h"
#include "kernel/version.h"
#include "sys/libc.h"
#include "core/errname.h"

static void free_log(struct rawbpf_program *p)
{
	rb_free(p->obj->alloc, p->log);
	p->log = NULL;
	p->log_size = 0;
}

/* kern_version_for - the object's `version` section; without one, the
 * running kernel's version for kprobe programs, which kernels before 5.0
 * refuse otherwise (later ones ignore the field). The version, or -errno
 * when the kernel's could not be read. */
static int64_t kern_version_for(const struct rawbpf_object *obj,
				const struct rawbpf_program *p)
{
	int64_t v;

	if (obj->version_sec || p->type != BPF_PROG_TYPE_KPROBE)
		return obj->kern_version;
	v = rb_kernel_version(obj->alloc);
	if (v == -EINVAL)
		return 0;	/* unknown: a 5.0+ kernel does not care */
	return v;
}

static int load_prog(struct rawbpf_object *obj, struct rawbpf_program *p,
		     const struct rb_kprep *k)
{
	RAWBPF_OPTS(rawbpf_sys_prog_load_opts, o, .token_fd = obj->token);
	struct bpf_insn *insns = NULL;
	uint32_t cnt = 0, *base;
	struct rb_btf_ext_out fi = { .a = obj->alloc }, li = { .a = obj->alloc };
	char line[200], mark[24];
	bool poisoned;
	int64_t kver;
	int fd, err;

	free_log(p);
	p->err = 0;
	if (!p->type) {
		p->err = rb_obj_err(obj, -EINVAL,
				    "program %s: unknown section name '%s' (set the type with rawbpf_program_set_type)",
				    p->name, p->sec_name);
		return p->err;
	}
	kver = kern_version_for(obj, p);
	if (kver < 0)
		return p->err = rb_obj_err(obj, (int)kver,
					   "program %s: cannot read the kernel version",
					   p->name);
	err = rb_obj_attach_target(obj, p);
	if (err)
		return p->err = err;
	base = rb_alloc_array(obj->alloc, obj->nfuncs, sizeof(*base));
	if (!base)
		return p->err = -ENOMEM;
	err = rb_obj_relocate(obj, p, &insns, &cnt, base, obj->nfuncs);
	if (!err)
		err = rb_obj_core_apply(obj, p, k, insns, cnt, base);
	if (!err && obj->btf_fd >= 0)
		err = rb_obj_prog_btf_ext(obj, p, base, &o, &fi, &li);
	rb_free(obj->alloc, base);
	if (err) {
		rb_free(obj->alloc, insns);
		rb_btf_ext_out_free(&fi);
		rb_btf_ext_out_free(&li);
		return p->err = err;
	}
	p->insn_cnt = cnt;
	o.expected_attach_type = p->expected_attach_type;
	o.prog_flags = p->prog_flags;
	o.kern_version = (uint32_t)kver;
	o.attach_btf_id = p->attach_btf_id;
	o.attach_btf_obj_fd = p->attach_btf_obj_fd;
	o.attach_prog_fd = p->attach_prog_fd;
	o.log_level = obj->log_level;
	if (k->fd_cnt) {	/* module kfuncs: insn off indexes fd_array */
		o.fd_array = k->fd_array;
	}
	o.log_grow = true;
	o.alloc = obj->alloc;
	fd = rawbpf_sys_prog_load(p->type, p->name, obj->license[0] ? obj->license : "",
			      insns, cnt, &o);
	rb_free(obj->alloc, insns);
	rb_btf_ext_out_free(&fi);
	rb_btf_ext_out_free(&li);
	p->log = o.log_buf;
	p->log_size = o.log_size;
	if (fd >= 0) {
		p->fd = fd;
		rb_obj_log(obj, RAWBPF_LOG_INFO,
			   "program %s (section %s): loaded, %u insns, fd %d",
			   p->name, p->sec_name, cnt, fd);
		return 0;
	}
	rb_obj_last_line(p->log ? p->log : "", line, sizeof(line));
	/* the verifier reached an instruction a CO-RE relocation poisoned: it
	 * names the call "unknown#<helper id in decimal>" */
	snprintf(mark, sizeof(mark), "unknown#%d", RB_CORE_POISON_IMM);
	poisoned = p->poisoned[0] && p->log && strstr(p->log, mark);
	p->err = rb_obj_err(obj, fd,
			    "program %s (section %s, %u insns): BPF_PROG_LOAD failed: %s%s%s%s%s",
			    p->name, p->sec_name, cnt, RB_ERRSTR(fd),
			    line[0] ? "; verifier: " : "", line,
			    poisoned ? "; because " : "", poisoned ? p->poisoned : "");
	return fd;
}

static void unload(struct rawbpf_object *obj, bool unpin)
{
	uint32_t i;

	for (i = 0; i < obj->nprogs; i++) {
		if (obj->progs[i].fd >= 0)
			rb_sys_close(obj->progs[i].fd);
		obj->progs[i].fd = -1;
	}
	rb_obj_release_maps(obj, unpin);
	if (obj->btf_fd >= 0)
		rb_sys_close(obj->btf_fd);
	obj->btf_fd = -1;
	obj->loaded = false;
}

/* The token of the open options for this load: the caller's fd, or one
 * created from the bpffs at token_path. 0 or -errno. */
static int token_get(struct rawbpf_object *obj)
{
	int dir, tok;

	obj->token = obj->token_user;
	obj->token_owned = false;
	if (!obj->token_path)
		return 0;
	dir = rb_sys_open(obj->token_path, O_RDONLY | O_DIRECTORY);
	if (dir < 0)
		return rb_obj_err(obj, dir, "token: cannot open bpffs %s: %s",
				  obj->token_path, RB_ERRSTR(dir));
	tok = rawbpf_sys_token_create(dir, 0);
	rb_sys_close(dir);
	if (tok < 0)
		return rb_obj_err(obj, tok,
				  "token: BPF_TOKEN_CREATE on %s failed: %s (6.9, a bpffs mounted with delegate_* options)",
				  obj->token_path, RB_ERRSTR(tok));
	obj->token = tok;
	obj->token_owned = true;
	return 0;
}

/* Tokens are only for the loads: close the one we made. */
static void token_put(struct rawbpf_object *obj)
{
	if (obj->token_owned)
		rb_sys_close(obj->token);
	obj->token = 0;
	obj->token_owned = false;
}

int rawbpf_object_load(struct rawbpf_object *obj)
{
	struct rb_kprep k;
	uint32_t i;
	int err;

	if (!obj)
		return -EINVAL;
	if (obj->loaded)
		return rb_obj_err(obj, -EBUSY, "object already loaded");
	if (obj->elf.swap)
		return rb_obj_err(obj, -ENOEXEC,
				  "object is %s-endian, this host is not: it can be inspected but not loaded",
				  obj->elf.big_endian ? "big" : "little");
	obj->err[0] = '\0';
	for (i = 0; i < obj->nprogs; i++) {
		obj->progs[i].err = 0;
		free_log(&obj->progs[i]);
	}
	err = token_get(obj);
	if (err)
		return err;
	err = rb_obj_prepare_kernel(obj, &k);
	if (err) {
		token_put(obj);
		return err;
	}
	err = rb_obj_fill_kconfig(obj);
	if (!err)
		err = rb_obj_load_btf(obj);
	if (!err)
		err = rb_obj_create_maps(obj);
	for (i = 0; !err && i < obj->nprogs; i++)
		if (obj->progs[i].autoload)
			err = load_prog(obj, &obj->progs[i], &k);
	if (!err)
		err = rb_obj_fill_map_inits(obj);
	if (!err)
		err = rb_obj_fill_struct_ops(obj);
	rb_kprep_free(&k);
	token_put(obj);
	if (err) {
		unload(obj, true);
		return err;
	}
	obj->loaded = true;
	return 0;
}

void rb_obj_unload(struct rawbpf_object *obj)
{
	unload(obj, false);
}
