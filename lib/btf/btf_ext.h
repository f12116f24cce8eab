/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * btf_ext.h - the .BTF.ext reader (internal): func_info, line_info and
 * core_relo records grouped per ELF section name, record sizes honoured,
 * every offset, count, string offset and type id checked against the BTF;
 * and the builder that turns one program's records (after the loader has
 * appended subprograms) into the arrays PROG_LOAD takes. Pure: no syscalls.
 */
#ifndef RB_BTF_BTF_EXT_H
#define RB_BTF_BTF_EXT_H

#include "btf/btf.h"

/* The kinds of records in .BTF.ext. */
enum rb_btf_ext_kind {
	RB_BTF_EXT_FUNC = 0,	/* struct rb_bpf_func_info */
	RB_BTF_EXT_LINE = 1,	/* struct rb_bpf_line_info */
	RB_BTF_EXT_CORE = 2,	/* struct rb_bpf_core_relo */
	RB_BTF_EXT_NR = 3,
};

/* Records as stored (insn_off in BYTES from the section start). A file's
 * rec_size may be larger; extra trailing words are kept. */
struct rb_bpf_func_info { uint32_t insn_off; uint32_t type_id; };
struct rb_bpf_line_info {
	uint32_t insn_off;
	uint32_t file_name_off;
	uint32_t line_off;
	uint32_t line_col;	/* line << 10 | column */
};
struct rb_bpf_core_relo {
	uint32_t insn_off;
	uint32_t type_id;
	uint32_t access_str_off;
	uint32_t kind;		/* enum bpf_core_relo_kind */
};
#define RB_BPF_LINE_NUM(lc) ((lc) >> 10)
#define RB_BPF_LINE_COL(lc) ((lc) & 0x3ff)
/* Highest CO-RE relocation kind known (BPF_CORE_TYPE_MATCHES). */
#define RB_BPF_CORE_KIND_MAX 12

/* One section's records of one kind (native byte order). */
struct rb_btf_ext_sec {
	/* ELF section name in the BTF strings (an offset: the object's BTF
	 * may be rewritten, and its strings moved, after the parse) */
	uint32_t name_off;
	uint32_t rec_size;
	uint32_t nr;
	const uint8_t *recs;	/* nr * rec_size bytes */
};

struct rb_btf_ext;

/*
 * rb_btf_ext_parse - parse .BTF.ext @data of @size against @btf (names and
 * type ids are checked there). Either byte order; the data is copied.
 * Returns 0 and *@out, or -EINVAL/-ENOMEM with @err saying which record.
 */
int rb_btf_ext_parse(const struct rb_btf *btf, const void *data, size_t size,
		     const struct rawbpf_allocator *a, struct rb_btf_ext **out,
		     struct rb_btf_error *err);
/* rb_btf_ext_free - release @ext (NULL ok). */
void rb_btf_ext_free(struct rb_btf_ext *ext);
/* rb_btf_ext_sec_cnt - number of sections with records of @kind. */
uint32_t rb_btf_ext_sec_cnt(const struct rb_btf_ext *ext, int kind);
/* rb_btf_ext_sec_at - the @i-th section of @kind; NULL when out of range. */
const struct rb_btf_ext_sec *rb_btf_ext_sec_at(const struct rb_btf_ext *ext,
					       int kind, uint32_t i);
/* rb_btf_ext_sec_name - the ELF section name of @s, read now. */
const char *rb_btf_ext_sec_name(const struct rb_btf_ext *ext,
				const struct rb_btf_ext_sec *s);
/* rb_btf_ext_sec - the records of @kind for ELF section @name; NULL if none. */
const struct rb_btf_ext_sec *rb_btf_ext_sec(const struct rb_btf_ext *ext,
					    int kind, const char *name);
/* rb_btf_ext_rec_size - record size of @kind in this file (0: none). */
uint32_t rb_btf_ext_rec_size(const struct rb_btf_ext *ext, int kind);

/* A growing array of records for one program, ready for PROG_LOAD. */
struct rb_btf_ext_out {
	uint8_t *data;		/* cnt * rec_size bytes */
	uint32_t rec_size;
	uint32_t cnt;
	uint32_t cap;		/* records allocated */
	const struct rawbpf_allocator *a;
};

/*
 * rb_btf_ext_append - append to @out the @kind records of section @sec whose
 * instruction (insn_off / 8) lies in [@first, @first + @count), moved so that
 * instruction @first becomes @at. func_info/line_info insn_off come out as
 * instruction indexes (what PROG_LOAD wants), core_relo insn_off in bytes.
 * A section without records appends nothing. Returns records appended or
 * -ENOMEM/-EINVAL (@out's allocator is @out->a; zero-init @out first).
 */
int rb_btf_ext_append(const struct rb_btf_ext *ext, int kind, const char *sec,
		      uint32_t first, uint32_t count, uint32_t at,
		      struct rb_btf_ext_out *out);
/* rb_btf_ext_out_free - release @out's records and zero it. */
void rb_btf_ext_out_free(struct rb_btf_ext_out *out);

#endif
