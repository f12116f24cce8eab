/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * btf_c.h - a minimal BTF-to-C type writer for the skeleton generator: C
 * declarations for the types global variables use (ints, floats, enums,
 * structs and unions with bitfields, arrays, pointers, typedefs, function
 * pointers), each named type defined once, before its first use. Not the
 * full vmlinux.h writer (no packed-struct or attribute reconstruction).
 */
#ifndef RAWBPF_CLI_BTF_C_H
#define RAWBPF_CLI_BTF_C_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rb_btf;

/* A growing string; on allocation failure it keeps failed set and stays
 * as it was. */
struct cbuf {
	char *p;
	size_t len, cap;
	bool failed;
};

/* cbuf_printf - append formatted text. */
void cbuf_printf(struct cbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* cbuf_free - release the text. */
void cbuf_free(struct cbuf *b);

struct btf_c {
	const struct rb_btf *btf;
	uint8_t *state;		/* per type id: BTF_C_* bits */
	struct cbuf defs;	/* the type definitions written so far */
	bool strip;		/* leaving off const/volatile right now */
};

/* btf_c_init - a writer for @btf; 0 or -ENOMEM. */
int btf_c_init(struct btf_c *c, const struct rb_btf *btf);
/* btf_c_free - release the writer and its definitions. */
void btf_c_free(struct btf_c *c);
/* btf_c_decl - append to @dst the declaration of @name with type @id
 * ("struct skel_cfg cfg", "__u32 arr[3]", "int (*fn)(int)"), leaving off
 * const/volatile at the top when @strip_mods; the named types it needs go
 * to c->defs first. 0 or -errno. */
int btf_c_decl(struct btf_c *c, uint32_t id, const char *name, bool strip_mods,
	       struct cbuf *dst);

#endif
