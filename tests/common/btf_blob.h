/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * btf_blob.h - hand-building BTF blobs for tests: types as 32-bit words, a
 * string table, and the finished blob in either byte order.
 */
#ifndef RB_TEST_BTF_BLOB_H
#define RB_TEST_BTF_BLOB_H

#include <stddef.h>
#include <stdint.h>

struct rb_tb {
	uint32_t words[8192];
	size_t nw;
	char strs[8192];
	size_t slen;
	uint32_t ntypes;	/* ids handed out so far (void not counted) */
	uint32_t str_bias;	/* split BTF: the base's string section length */
};

/* rb_tb_init - empty builder (string table holds just ""). */
void rb_tb_init(struct rb_tb *b);
/* rb_tb_init_split - empty builder of split BTF on top of @base (built
 * with @base, already finished): ids and string offsets continue it. */
void rb_tb_init_split(struct rb_tb *b, const struct rb_tb *base);
/* rb_tb_str - add string @s, return its offset ("" and NULL give 0). */
uint32_t rb_tb_str(struct rb_tb *b, const char *s);
/* rb_tb_type - start a type record; returns its id. */
uint32_t rb_tb_type(struct rb_tb *b, const char *name, unsigned kind,
		    unsigned kflag, unsigned vlen, uint32_t size_or_type);
/* rb_tb_word - append one word of kind-specific data. */
void rb_tb_word(struct rb_tb *b, uint32_t w);
/* rb_tb_blob - write header + types + strings to @out; returns the length. */
size_t rb_tb_blob(const struct rb_tb *b, void *out, size_t cap);
/* rb_tb_swap_blob - byte-swap a native blob written by rb_tb_blob in place. */
void rb_tb_swap_blob(void *blob, size_t len);

/* Ids of the all-kinds blob: type id k has kind k for k = 1..19. */
enum {
	TB_INT = 1, TB_PTR, TB_ARR, TB_STRUCT, TB_UNION, TB_ENUM, TB_FWD, TB_TDEF,
	TB_VOLATILE, TB_CONST, TB_RESTRICT, TB_FUNC, TB_PROTO, TB_VAR, TB_DATASEC,
	TB_FLOAT, TB_DECL_TAG, TB_TYPE_TAG, TB_ENUM64, TB_CHAR, TB_TDEF2, TB_BITS,
	TB_COUNT
};

/* rb_tb_hdr_word - the first 32-bit word of a BTF or .BTF.ext header
 * (u16 magic, u8 version, u8 flags) as the host lays it out, for tests
 * that edit headers word by word on either byte order. */
uint32_t rb_tb_hdr_word(uint16_t magic, uint8_t version, uint8_t flags);

/* rb_tb_all_kinds - a valid blob with one type of every kind (and a few
 * more, see the ID_* names); returns its length. */
size_t rb_tb_all_kinds(void *out, size_t cap);

#endif
