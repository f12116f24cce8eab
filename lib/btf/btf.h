/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * btf.h - the BTF reader (internal): layout-identical definitions of the
 * kernel's BTF format (uapi <linux/btf.h>, kinds through ENUM64), a parser
 * that validates every offset, length and type id of a blob, a name index,
 * and queries (resolve typedefs/modifiers, size, alignment, members, arrays).
 *
 * A parsed blob is either a read-only view of the caller's buffer (for the
 * big vmlinux BTF: nothing copied) or a private native-endian copy that the
 * object loader may modify (DATASEC sizes, VAR offsets, sanitised kinds).
 * Other-endian input is always copied and converted. Pure: no syscalls.
 */
#ifndef RB_BTF_BTF_H
#define RB_BTF_BTF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rawbpf/common.h"
#include "core/log.h"

/* ---- on-disk format (same numbers and layouts as <linux/btf.h>) ---- */

#define RB_BTF_MAGIC 0xeB9F
#define RB_BTF_VERSION 1
#define RB_BTF_MAX_TYPE 0x000fffff
#define RB_BTF_MAX_NAME_OFFSET 0x00ffffff
#define RB_BTF_MAX_VLEN 0xffff

/* The BTF header (struct btf_header). */
struct rb_btf_header {
	uint16_t magic;
	uint8_t version;
	uint8_t flags;
	uint32_t hdr_len;
	uint32_t type_off;	/* relative to the end of the header */
	uint32_t type_len;
	uint32_t str_off;	/* relative to the end of the header */
	uint32_t str_len;
};

enum rb_btf_kind {
	RB_BTF_KIND_UNKN = 0,
	RB_BTF_KIND_INT = 1,
	RB_BTF_KIND_PTR = 2,
	RB_BTF_KIND_ARRAY = 3,
	RB_BTF_KIND_STRUCT = 4,
	RB_BTF_KIND_UNION = 5,
	RB_BTF_KIND_ENUM = 6,
	RB_BTF_KIND_FWD = 7,
	RB_BTF_KIND_TYPEDEF = 8,
	RB_BTF_KIND_VOLATILE = 9,
	RB_BTF_KIND_CONST = 10,
	RB_BTF_KIND_RESTRICT = 11,
	RB_BTF_KIND_FUNC = 12,
	RB_BTF_KIND_FUNC_PROTO = 13,
	RB_BTF_KIND_VAR = 14,
	RB_BTF_KIND_DATASEC = 15,
	RB_BTF_KIND_FLOAT = 16,
	RB_BTF_KIND_DECL_TAG = 17,
	RB_BTF_KIND_TYPE_TAG = 18,
	RB_BTF_KIND_ENUM64 = 19,
	RB_BTF_KIND_MAX = 19,
};

/* One type record (struct btf_type); kind-specific data follows it. */
struct rb_btf_type {
	uint32_t name_off;
	uint32_t info;		/* vlen 0-15, kind 24-28, kind_flag 31 */
	union {
		uint32_t size;	/* INT ENUM STRUCT UNION DATASEC FLOAT ENUM64 */
		uint32_t type;	/* PTR TYPEDEF modifiers FUNC FUNC_PROTO VAR tags */
	};
};

#define RB_BTF_INFO(kind, kflag, vlen) \
	(((uint32_t)(kflag) << 31) | ((uint32_t)(kind) << 24) | ((vlen) & 0xffff))

/* INT: one u32 after the type. */
#define RB_BTF_INT_ENCODING(v) (((v) & 0x0f000000) >> 24)
#define RB_BTF_INT_OFFSET(v) (((v) & 0x00ff0000) >> 16)
#define RB_BTF_INT_BITS(v) ((v) & 0x000000ff)
#define RB_BTF_INT_ENC(enc, off, bits) \
	(((uint32_t)(enc) << 24) | ((uint32_t)(off) << 16) | (bits))
#define RB_BTF_INT_SIGNED (1 << 0)
#define RB_BTF_INT_CHAR (1 << 1)
#define RB_BTF_INT_BOOL (1 << 2)

struct rb_btf_enum { uint32_t name_off; int32_t val; };
struct rb_btf_enum64 { uint32_t name_off; uint32_t val_lo32; uint32_t val_hi32; };
struct rb_btf_array { uint32_t type; uint32_t index_type; uint32_t nelems; };
/* Member offset: bits, or with kind_flag bitfield size << 24 | bit offset. */
struct rb_btf_member { uint32_t name_off; uint32_t type; uint32_t offset; };
#define RB_BTF_MEMBER_BITFIELD_SIZE(v) ((v) >> 24)
#define RB_BTF_MEMBER_BIT_OFFSET(v) ((v) & 0xffffff)
struct rb_btf_param { uint32_t name_off; uint32_t type; };
struct rb_btf_var { uint32_t linkage; };
struct rb_btf_var_secinfo { uint32_t type; uint32_t offset; uint32_t size; };
struct rb_btf_decl_tag { int32_t component_idx; };

/* VAR linkage and FUNC linkage (the FUNC's vlen). */
enum { RB_BTF_VAR_STATIC = 0, RB_BTF_VAR_GLOBAL_ALLOCATED = 1,
       RB_BTF_VAR_GLOBAL_EXTERN = 2 };
enum { RB_BTF_FUNC_STATIC = 0, RB_BTF_FUNC_GLOBAL = 1, RB_BTF_FUNC_EXTERN = 2 };

/* rb_btf_kind - kind of @t. */
static inline unsigned rb_btf_kind(const struct rb_btf_type *t) { return (t->info >> 24) & 0x1f; }
/* rb_btf_vlen - vlen of @t (members, params, entries; FUNC: linkage). */
static inline unsigned rb_btf_vlen(const struct rb_btf_type *t) { return t->info & 0xffff; }
/* rb_btf_kflag - kind_flag bit of @t. */
static inline bool rb_btf_kflag(const struct rb_btf_type *t) { return t->info >> 31; }
/* rb_btf_members - members of a STRUCT/UNION @t (rb_btf_vlen of them). */
static inline const struct rb_btf_member *rb_btf_members(const struct rb_btf_type *t) { return (const void *)(t + 1); }
/* rb_btf_params - parameters of a FUNC_PROTO @t. */
static inline const struct rb_btf_param *rb_btf_params(const struct rb_btf_type *t) { return (const void *)(t + 1); }
/* rb_btf_enums - entries of an ENUM @t. */
static inline const struct rb_btf_enum *rb_btf_enums(const struct rb_btf_type *t) { return (const void *)(t + 1); }
/* rb_btf_enums64 - entries of an ENUM64 @t. */
static inline const struct rb_btf_enum64 *rb_btf_enums64(const struct rb_btf_type *t) { return (const void *)(t + 1); }
/* rb_btf_array_info - the array record of an ARRAY @t. */
static inline const struct rb_btf_array *rb_btf_array_info(const struct rb_btf_type *t) { return (const void *)(t + 1); }
/* rb_btf_secinfos - variables of a DATASEC @t. */
static inline const struct rb_btf_var_secinfo *rb_btf_secinfos(const struct rb_btf_type *t) { return (const void *)(t + 1); }
/* rb_btf_var_info - the linkage record of a VAR @t. */
static inline const struct rb_btf_var *rb_btf_var_info(const struct rb_btf_type *t) { return (const void *)(t + 1); }
/* rb_btf_int_info - the encoding word of an INT @t. */
static inline uint32_t rb_btf_int_info(const struct rb_btf_type *t) { return *(const uint32_t *)(t + 1); }
/* rb_btf_decl_tag_info - the component index record of a DECL_TAG @t. */
static inline const struct rb_btf_decl_tag *rb_btf_decl_tag_info(const struct rb_btf_type *t) { return (const void *)(t + 1); }
/* rb_btf_member_bit_offset - bit offset of member @i of @t (honours kflag). */
static inline uint32_t rb_btf_member_bit_offset(const struct rb_btf_type *t, unsigned i)
{ uint32_t o = rb_btf_members(t)[i].offset; return rb_btf_kflag(t) ? RB_BTF_MEMBER_BIT_OFFSET(o) : o; }
/* rb_btf_member_bitfield_size - bitfield width of member @i (0: not one). */
static inline uint32_t rb_btf_member_bitfield_size(const struct rb_btf_type *t, unsigned i)
{ uint32_t o = rb_btf_members(t)[i].offset; return rb_btf_kflag(t) ? RB_BTF_MEMBER_BITFIELD_SIZE(o) : 0; }
/* rb_btf_is_composite - STRUCT or UNION. */
static inline bool rb_btf_is_composite(const struct rb_btf_type *t) { unsigned k = rb_btf_kind(t); return k == RB_BTF_KIND_STRUCT || k == RB_BTF_KIND_UNION; }
/* rb_btf_is_modifier - CONST, VOLATILE, RESTRICT or TYPE_TAG. */
static inline bool rb_btf_is_modifier(const struct rb_btf_type *t)
{ unsigned k = rb_btf_kind(t); return k == RB_BTF_KIND_CONST || k == RB_BTF_KIND_VOLATILE || k == RB_BTF_KIND_RESTRICT || k == RB_BTF_KIND_TYPE_TAG; }
/* rb_btf_enum64_value - the 64-bit value of entry @e. */
static inline uint64_t rb_btf_enum64_value(const struct rb_btf_enum64 *e) { return (uint64_t)e->val_hi32 << 32 | e->val_lo32; }

/* ---- errors ---- */

/*
 * Why a blob was rejected; each has its own code so tests (and messages)
 * can tell them apart. The function still returns a -errno (mostly -EINVAL,
 * -ELOOP for reference loops, -ENOMEM).
 */
enum rb_btf_err_reason {
	RB_BTF_OK = 0,
	RB_BTF_ERR_TRUNCATED_HEADER,	/* blob shorter than a header */
	RB_BTF_ERR_MAGIC,		/* not 0xeB9F in either byte order */
	RB_BTF_ERR_VERSION,
	RB_BTF_ERR_FLAGS,
	RB_BTF_ERR_HDR_LEN,		/* hdr_len too small, unaligned or > blob */
	RB_BTF_ERR_SECTION_BOUNDS,	/* type or string section past the blob */
	RB_BTF_ERR_SECTION_OVERLAP,	/* type and string sections overlap */
	RB_BTF_ERR_TYPE_ALIGN,		/* type section offset/length not 4-aligned */
	RB_BTF_ERR_STR_EMPTY,		/* string section empty or no leading NUL */
	RB_BTF_ERR_STR_UNTERMINATED,	/* string section does not end in NUL */
	RB_BTF_ERR_TYPE_TRUNCATED,	/* a type record runs past the type section */
	RB_BTF_ERR_KIND,		/* unknown kind */
	RB_BTF_ERR_TOO_MANY_TYPES,
	RB_BTF_ERR_NAME_OFF,		/* name offset outside the string section */
	RB_BTF_ERR_TYPE_ID,		/* referenced type id >= number of types */
	RB_BTF_ERR_VLEN,		/* vlen not allowed for this kind */
	RB_BTF_ERR_SIZE,		/* size not allowed for this kind */
	RB_BTF_ERR_INT,			/* bad INT encoding/bits/offset */
	RB_BTF_ERR_KFLAG,		/* kind_flag not allowed for this kind */
	RB_BTF_ERR_LINKAGE,		/* FUNC/VAR linkage unknown */
	RB_BTF_ERR_LOOP,		/* typedef/modifier/array chain loops */
	RB_BTF_ERR_NOMEM,
	RB_BTF_ERR_EXT,			/* .BTF.ext: see message */
	RB_BTF_ERR_MAPDEF,		/* BTF map definition: see message */
	RB_BTF_ERR_SPLIT,		/* split BTF that cannot sit on its base */
};

/* Where parse/decode errors are described; every field optional to read. */
struct rb_btf_error {
	int reason;		/* enum rb_btf_err_reason */
	uint32_t type_id;	/* offending type id (0 if none) */
	char msg[192];		/* human sentence naming the type/field */
};

/* rb_btf_set_error - fill @e (may be NULL) with @reason and a message; returns @err. */
int rb_btf_set_error(struct rb_btf_error *e, int err, int reason, uint32_t type_id,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* rb_btf_set_error_at - the same without a text (core/log.h,
 * RAWBPF_NO_MESSAGES): the error's name and where. */
int rb_btf_set_error_at(struct rb_btf_error *e, int err, int reason,
			uint32_t type_id, const char *file, int line);
#ifdef RAWBPF_NO_MESSAGES
#define rb_btf_set_error(e, err, reason, id, ...) \
	(0 ? rb_btf_set_error(e, err, reason, id, __VA_ARGS__) : \
	 rb_btf_set_error_at(e, err, reason, id, RB_AT))
#endif

/* ---- the parsed blob ---- */

struct rb_btf;

/* Parse flags. */
enum {
	RB_BTF_F_COPY = 1 << 0,	/* private mutable copy (object BTF); default: view */
	RB_BTF_F_TRUSTED = 1 << 1, /* the kernel's own BTF: record bounds only,
				    * no per-type checks (queries still check ids) */
};

/*
 * rb_btf_parse - validate @size bytes at @data as BTF. Without RB_BTF_F_COPY
 * a native-endian blob is only viewed (@data must outlive the result);
 * other-endian blobs are always copied and converted. Returns 0 and *@out,
 * or -EINVAL/-ENOMEM with @err (may be NULL) saying why.
 */
int rb_btf_parse(const void *data, size_t size, unsigned flags,
		 const struct rawbpf_allocator *a, struct rb_btf **out,
		 struct rb_btf_error *err);
struct rb_btf_name_filter;
/* rb_btf_parse_filtered - rb_btf_parse that on the trusted path (native
 * RB_BTF_F_TRUSTED) also runs name filter @f over every type in the same
 * pass (btf_names.h); *@filtered says whether it did. */
int rb_btf_parse_filtered(const void *data, size_t size, unsigned flags,
			  const struct rawbpf_allocator *a, struct rb_btf **out,
			  struct rb_btf_error *err, struct rb_btf_name_filter *f,
			  bool *filtered);
/*
 * rb_btf_parse_split - rb_btf_parse of split BTF (a kernel module's) on
 * top of @base (NULL: plain rb_btf_parse): its type ids continue after
 * @base's, its string offsets after @base's strings, and queries of it
 * see both. @base must outlive the result and must not be split itself.
 */
int rb_btf_parse_split(const void *data, size_t size, const struct rb_btf *base,
		       unsigned flags, const struct rawbpf_allocator *a,
		       struct rb_btf **out, struct rb_btf_error *err);
/* rb_btf_free - release @btf (NULL ok). */
void rb_btf_free(struct rb_btf *btf);

/* rb_btf_type_cnt - number of type ids, including void (id 0). */
uint32_t rb_btf_type_cnt(const struct rb_btf *btf);
/* rb_btf_first_id - the first type id of @btf's own (1; after the base's for split BTF). */
uint32_t rb_btf_first_id(const struct rb_btf *btf);
/* rb_btf_swapped - true when the input was of the other byte order. */
bool rb_btf_swapped(const struct rb_btf *btf);
/* rb_btf_mutable - true for a private copy (the fixup/sanitise calls work). */
bool rb_btf_mutable(const struct rb_btf *btf);
/* rb_btf_type_by_id - type @id (id 0 is a zeroed "void" record); NULL if out of range. */
const struct rb_btf_type *rb_btf_type_by_id(const struct rb_btf *btf, uint32_t id);
/* rb_btf_str - string at @off of the string section; NULL if out of range. */
const char *rb_btf_str(const struct rb_btf *btf, uint32_t off);
/* rb_btf_name - name of type @id ("" when anonymous or out of range). */
const char *rb_btf_name(const struct rb_btf *btf, uint32_t id);
/* rb_btf_raw - native-endian bytes of the (possibly modified) BTF, for BTF_LOAD. */
const void *rb_btf_raw(const struct rb_btf *btf, uint32_t *size);
/* rb_btf_strs - the string section and its length (for names by offset). */
const char *rb_btf_strs(const struct rb_btf *btf, uint32_t *len);

/* Lookup (a name index is built on the first call, O(types) once). */
/* rb_btf_find - id of the first type called @name of kind @kind (-1: any kind); -ENOENT, -ENOMEM. */
int rb_btf_find(const struct rb_btf *btf, const char *name, int kind);
/* rb_btf_find_next - next id after @prev_id called @name of @kind; -ENOENT when none. */
int rb_btf_find_next(const struct rb_btf *btf, const char *name, int kind, uint32_t prev_id);

/* Resolution. All return -EINVAL for a bad id and -ELOOP for a loop. */
/* rb_btf_skip_mods - follow CONST/VOLATILE/RESTRICT/TYPE_TAG from @id; the first other id. */
int rb_btf_skip_mods(const struct rb_btf *btf, uint32_t id);
/* rb_btf_resolve - follow modifiers and TYPEDEFs from @id; the first other id. */
int rb_btf_resolve(const struct rb_btf *btf, uint32_t id);
/* rb_btf_size - byte size of type @id (arrays multiplied out; a pointer is
 * as wide as the BTF's long, else 8); -EINVAL if sizeless. */
int64_t rb_btf_size(const struct rb_btf *btf, uint32_t id);
/* rb_btf_align - natural alignment of type @id in bytes; -EINVAL if none. */
int rb_btf_align(const struct rb_btf *btf, uint32_t id);
/* rb_btf_member_by_name - index of member @name in composite @id; -ENOENT. */
int rb_btf_member_by_name(const struct rb_btf *btf, uint32_t id, const char *name);
/* rb_btf_datasec_find_var - id of the VAR called @name listed in DATASEC @sec_id; -ENOENT. */
int rb_btf_datasec_find_var(const struct rb_btf *btf, uint32_t sec_id, const char *name);
/* rb_btf_kind_str - "struct", "typedef", ... for kind @kind ("unknown"). */
const char *rb_btf_kind_str(unsigned kind);

/* ---- changing a private copy (the loader's fixups) ---- */

/* rb_btf_type_mut - writable type @id of a private copy; NULL for a view or bad id. */
struct rb_btf_type *rb_btf_type_mut(struct rb_btf *btf, uint32_t id);
/* rb_btf_datasec_set_size - set DATASEC @id's size; -EINVAL if not one, -EPERM for a view. */
int rb_btf_datasec_set_size(struct rb_btf *btf, uint32_t id, uint32_t size);
/* rb_btf_datasec_set_var_offset - in DATASEC @id set the offset (and size if
 * @size != 0) of the entry for VAR @var_id; -ENOENT if not in it. */
int rb_btf_datasec_set_var_offset(struct rb_btf *btf, uint32_t id, uint32_t var_id,
				  uint32_t offset, uint32_t size);
/* rb_btf_add_str - add @s to a private copy's strings (reuses a match); its offset or -errno. */
int64_t rb_btf_add_str(struct rb_btf *btf, const char *s);
/* rb_btf_add_type - append a type record of @len bytes (header + data); new id or -errno. */
int rb_btf_add_type(struct rb_btf *btf, const void *rec, uint32_t len);


/* ---- sanitising for older kernels (chosen by the caller after BTF_LOAD
 * rejected the blob); rewrites in place, keeping every type id ---- */

enum {
	RB_BTF_SAN_FUNC = 1 << 0,	  /* FUNC -> TYPEDEF, FUNC_PROTO -> ENUM (< 5.0) */
	RB_BTF_SAN_DATASEC = 1 << 1,	  /* VAR -> INT, DATASEC -> STRUCT, '.' -> '_' (< 5.2) */
	RB_BTF_SAN_FUNC_GLOBAL = 1 << 2, /* FUNC global/extern -> static (< 5.6) */
	RB_BTF_SAN_FLOAT = 1 << 3,	  /* FLOAT -> anonymous STRUCT of its size (< 5.13) */
	RB_BTF_SAN_DECL_TAG = 1 << 4,	  /* DECL_TAG -> INT (< 5.16) */
	RB_BTF_SAN_TYPE_TAG = 1 << 5,	  /* TYPE_TAG -> CONST (< 5.17) */
	RB_BTF_SAN_ENUM64 = 1 << 6,	  /* ENUM64 -> UNION, ENUM kind_flag cleared (< 6.0) */
	RB_BTF_SAN_QMARK_DATASEC = 1 << 7, /* DATASEC "?name" -> "_name" (< 5.19) */
	RB_BTF_SAN_FUNC_ARGS = 1 << 8,	  /* name unnamed args of FUNCs' protos (all kernels) */
	RB_BTF_SAN_ALL = (1 << 9) - 1,
};

/* rb_btf_sanitize_needed - the RB_BTF_SAN_* flags that would change @btf. */
uint32_t rb_btf_sanitize_needed(const struct rb_btf *btf);
/* rb_btf_sanitize_guess - flags for the type a BTF_LOAD log blames (its
 * last "[id]"), else everything rb_btf_sanitize_needed reports. */
uint32_t rb_btf_sanitize_guess(const struct rb_btf *btf, const char *log);
/* rb_btf_sanitize - rewrite the kinds named by @flags into ones older kernels
 * accept (private copy only); number of types changed, -EPERM, -ENOMEM. */
int rb_btf_sanitize(struct rb_btf *btf, uint32_t flags);

#endif
