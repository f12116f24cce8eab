// SPDX-License-Identifier: BSD-2-Clause
/* btf_dump.c - rawbpf_btf_dump: find the BTF in a buffer (raw BTF of
 * either byte order, or an ELF file's .BTF section), parse it with every
 * check, and hand it to the C or raw writer. */
#include <errno.h>
#include <string.h>

#include "btf/btf_dump.h"
#include "core/errname.h"
#include "core/log.h"
#include "core/mem.h"
#include "elf/elf.h"

/* say - @o's log callback hears why; returns @err */
#define say(o, err, ...) rb_log_refusal((o)->log, (o)->log_ctx, (err), __VA_ARGS__)

/* elf_btf - the .BTF section of ELF file @data; 0, -ENOENT or the ELF error. */
static int elf_btf(const void *data, size_t size, const struct rawbpf_btf_dump_opts *o,
		   const void **btf, size_t *btf_size)
{
	struct rb_elf e = { 0 };
	const struct rb_elf_shdr *sh;
	int err, idx;

	err = rb_elf_open(&e, data, size, o->alloc);
	if (err) {
		err = say(o, err, "not a valid ELF file: %s", e.err ? e.err : RB_ERRSTR(err));
		rb_elf_close(&e);
		return err;
	}
	idx = rb_elf_section_by_name(&e, ".BTF");
	sh = idx > 0 ? rb_elf_section(&e, (uint32_t)idx) : NULL;
	if (!sh || !sh->data) {
		rb_elf_close(&e);
		return say(o, -ENOENT, "the ELF file has no .BTF section");
	}
	*btf = sh->data;
	*btf_size = sh->size;
	rb_elf_close(&e);
	return 0;
}

int rawbpf_btf_dump(const void *data, size_t size, rawbpf_write_fn write, void *ctx,
		    const struct rawbpf_btf_dump_opts *uopts)
{
	struct rawbpf_btf_dump_opts o;
	struct rb_btf_error berr = { 0 };
	const uint8_t *p = data;
	struct rb_btf *btf;
	int err;

	err = rb_opts_copy(&o, sizeof(o), uopts);
	if (err)
		return err;
	if (!write || (!data && size))
		return -EINVAL;
	if (o.format > RAWBPF_BTF_FORMAT_RAW)
		return say(&o, -EINVAL, "unknown output format %u", o.format);
	if (size >= 4 && !memcmp(p, "\177ELF", 4)) {
		err = elf_btf(data, size, &o, &data, &size);
		if (err)
			return err;
	} else if (size < 2 || !((p[0] == 0x9f && p[1] == 0xeb) || (p[0] == 0xeb && p[1] == 0x9f))) {
		return say(&o, -EINVAL, "neither BTF (magic 0xeb9f) nor an ELF file");
	}
	err = rb_btf_parse(data, size, 0, o.alloc, &btf, &berr);
	if (err)
		return say(&o, err, "bad BTF: %s", berr.msg);
	if (o.format == RAWBPF_BTF_FORMAT_C) {
		err = rb_btf_dump_c(btf, o.guard, o.alloc, write, ctx);
		if (err == -ELOOP)
			say(&o, err, "types nest deeper than C output is written for");
		if (err == -E2BIG)
			say(&o, err, "the C text would be far larger than the BTF (huge padding "
			    "or anonymous types nested in many members)");
	} else
		err = rb_btf_dump_raw(btf, o.alloc, write, ctx);
	rb_btf_free(btf);
	return err;
}
