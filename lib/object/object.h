/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * object.h - the object model behind rawbpf/object.h: programs, functions
 * (programs and subprograms), relocations, maps and global data of one BPF
 * ELF object, and the internal steps that open, relocate and load it.
 */
#ifndef RB_OBJECT_OBJECT_H
#define RB_OBJECT_OBJECT_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stdint.h>

#include "rawbpf/object.h"
#include "rawbpf/sys.h"
#include "core/log.h"
#include "core/mem.h"
#include "elf/elf.h"
#include "btf/btf_ext.h"

/* ---- relocations ---- */

enum rb_reloc_kind {
	RB_RELO_MAP,		/* ld_imm64 -> BPF_PSEUDO_MAP_FD */
	RB_RELO_DATA,		/* ld_imm64 -> BPF_PSEUDO_MAP_VALUE + offset */
	RB_RELO_CALL,		/* call -> BPF_PSEUDO_CALL to a subprogram */
	RB_RELO_FUNC,		/* ld_imm64 -> BPF_PSEUDO_FUNC */
	RB_RELO_KSYM,		/* .ksyms extern: map = index in obj->ksyms */
};

struct rb_reloc {
	uint32_t home;		/* section of the instruction */
	uint32_t insn;		/* instruction index in that section */
	uint8_t kind;		/* enum rb_reloc_kind */
	uint32_t map;		/* MAP, DATA: index in obj->maps */
	uint32_t sec;		/* CALL, FUNC: section of the target */
	uint64_t sym_off;	/* symbol value (bytes) */
};

/* One function: a program or a subprogram, a run of instructions. */
struct rb_func {
	const char *name;
	uint32_t sec;		/* ELF section index */
	uint32_t off;		/* first instruction, index in the section */
	uint32_t cnt;		/* instructions */
	uint32_t relo_start;	/* its relocations: obj->relos[start, end) */
	uint32_t relo_end;
	int prog;		/* index in obj->progs, -1 for a subprogram */
	uint8_t bind;		/* STB_*: local functions are subprograms */
};

/*
 * Each object-model struct below has two parts: what open parsed from the
 * ELF (and what the caller set before load), then the load-time state that
 * rawbpf_object_load fills and unload clears.
 */
struct rawbpf_program {
	/* ---- parsed at open; caller settings before load ---- */
	struct rawbpf_object *obj;
	uint32_t func;		/* index in obj->funcs */
	const char *name;
	const char *sec_name;
	uint32_t type;
	uint32_t expected_attach_type;
	uint32_t prog_flags;
	bool autoload;
	bool autoload_user;	/* the caller chose autoload: load keeps it */
	bool known_sec;		/* type came from the section table */
	uint32_t attach_btf_id;	/* BTF-attached types: the target */
	uint32_t attach_btf_obj_fd;	/* its module BTF (0: vmlinux) */
	uint32_t attach_prog_fd;	/* freplace: the target program */
	char *attach_func;	/* rawbpf_program_set_attach_func name, ours */
	uint32_t exc_cb;	/* exception callback: funcs index + 1, 0: none */
	/* ---- load-time state ---- */
	bool attach_resolved;	/* attach_btf_id came from vmlinux BTF */
	int fd;
	int err;		/* last load's -errno, 0 if it loaded */
	char *log;		/* verifier log of the last failed load */
	uint32_t log_size;
	uint32_t insn_cnt;	/* after relocation (before: as parsed) */
	char poisoned[160];	/* first CO-RE relocation poisoned at load */
	struct rawbpf_attachment *attachment;	/* rawbpf_object_attach's */
};

struct rawbpf_attachment;

/* Kind of map, by where it was defined. */
enum { RB_MAP_BTF, RB_MAP_LEGACY, RB_MAP_DATA, RB_MAP_STRUCT_OPS };

/* A struct_ops map (a variable of .struct_ops or .struct_ops.link): what
 * open parsed (struct_ops.c), then what load found in the kernel's BTF
 * (struct_ops_load.c). Its local bytes are the map's `data`. */
struct rb_st_ops {
	uint32_t type_id;	/* the variable's struct in the object's BTF */
	uint32_t size;		/* its bytes */
	uint32_t nmembers;
	int32_t *progs;		/* per local member: program index, -1 */
	bool link;		/* .struct_ops.link: BPF_F_LINK, a link registers */
	/* ---- load-time state ---- */
	int kname, kvname;	/* kernel_prep name indexes (struct, wrapper) */
	uint32_t kern_type_id;	/* struct <name> in the kernel's BTF */
	uint32_t kern_vtype_id;	/* struct bpf_struct_ops_<name> */
	int mod_fd;		/* its module's BTF object during load, 0: vmlinux */
	void *kvalue;		/* the wrapper's bytes: data members, then fds */
	uint32_t *fd_off;	/* per local member: fd slot in kvalue, or */
};
#define RB_ST_OPS_NO_SLOT UINT32_MAX	/* not a program */

/* Where a map is pinned: libbpf's LIBBPF_PIN_BY_NAME is <pin root>/<name>;
 * iproute2's PIN_GLOBAL_NS <pin root>/tc/globals/<name> and PIN_OBJECT_NS
 * <pin root>/tc/<object name>/<name>. */
enum { RB_PIN_NONE, RB_PIN_BY_NAME, RB_PIN_TC_OBJECT, RB_PIN_TC_GLOBAL };

struct rb_map_def {
	uint32_t type, key_size, value_size, max_entries, map_flags;
	uint32_t numa_node;
	uint64_t map_extra;
	uint32_t pinning;	/* RB_PIN_* */
	uint32_t btf_key_type_id, btf_value_type_id;
};

struct rb_map_init {		/* map-in-map or prog_array initial slot */
	uint32_t slot;
	uint32_t target;	/* map index or program index */
};

struct rb_map_key {		/* where a named map is defined */
	uint32_t sec;
	uint32_t map;		/* index in obj->maps */
	uint64_t off;
};

/* A .kconfig extern: where its value lives in the .kconfig map. */
struct rb_extern {
	const char *name;
	uint32_t var_id;	/* its VAR in the object's BTF */
	uint32_t type_id;
	uint32_t off, size;	/* in the .kconfig map's value */
	uint32_t sym;		/* ELF symbol index (0: not referenced) */
	bool weak;
};

struct rawbpf_map {
	/* ---- parsed at open; caller settings before load ---- */
	struct rawbpf_object *obj;
	const char *name;	/* symbol name or section name for data */
	uint8_t kind;		/* RB_MAP_* */
	uint32_t sec;		/* defining ELF section */
	uint64_t sec_off;	/* offset of its definition in that section */
	struct rb_map_def def;
	int inner;		/* map-in-map: index of the inner template, -1 */
	bool is_inner;		/* only a template for an outer map */
	struct rb_map_init *init;	/* initial values (maps or programs) */
	uint32_t init_cnt;
	bool init_progs;	/* init targets are programs (prog_array) */
	bool rodata;		/* .rodata*: frozen, read-only mmap */
	uint32_t btf_datasec;	/* data: DATASEC type id, 0 if none */
	uint32_t def_size;	/* BTF: bytes of the definition in .maps */
	uint32_t values_off;	/* BTF: offset of `values` in the definition */
	uint32_t def_type;	/* BTF: type id of the definition struct */
	void *data;		/* data: value before load (ours) */
	int reuse_fd;		/* set_reuse_fd: our dup, -1 if none */
	int inner_fd;		/* set_inner_map_fd: our dup, -1 if none */
	char *user_pin;		/* set_pin_path: overrides def.pinning */
	struct rb_st_ops *st_ops;	/* RB_MAP_STRUCT_OPS only */
	/* ---- load-time state ---- */
	void *mmaped;		/* data: after load, if the map is mmapable */
	size_t mmap_size;
	int fd;
	bool pin_reused;	/* fd came from an existing pin */
	char *pin_path;		/* BY_NAME pin (reused or made) while loaded */
	struct rawbpf_attachment *attachment;	/* rawbpf_object_attach's */
};

struct rawbpf_object {
	/* ---- parsed at open; caller settings before load ---- */
	const struct rawbpf_allocator *alloc;
	rawbpf_log_fn log;
	void *log_ctx;
	uint32_t log_level;
	char name[32];		/* from the file name, for map names */
	const char *pin_root;
	char *pin_root_copy;
	void *file_map;		/* mmap of the file, when opened from a path */
	size_t file_size;
	void *buf_copy;		/* aligned copy of a misaligned open_mem buffer */
	struct rb_elf elf;
	char license[128];
	uint32_t kern_version;
	/* special sections, found in one pass at open; 0 when absent */
	uint32_t maps_sec, legacy_maps_sec, license_sec, version_sec;
	uint32_t btf_sec, btf_ext_sec, comment_sec;
	struct rb_func *funcs;
	uint32_t nfuncs, funcs_cap;
	struct rawbpf_program *progs;
	uint32_t nprogs;
	struct rawbpf_map *maps;
	uint32_t nmaps;
	struct rb_reloc *relos;
	uint32_t nrelos, relos_cap;
	uint32_t *sec_map;	/* per ELF section: map index + 1 (data), 0 */
	/* __arena globals (.addr_space.1, arena.c): kept in the one arena
	 * map, at arena_off from its start (the end of the arena) */
	uint32_t arena_sec, arena_size;
	void *arena_data;	/* their initial bytes, NULL: all zero */
	uint64_t arena_off;	/* set at load, from the map's size */
	struct rb_map_key *map_index;	/* BTF/legacy maps by definition place */
	uint32_t nmap_index;
	struct rb_btf *btf;	/* .BTF, private copy, NULL if absent */
	struct rb_btf_ext *btf_ext;	/* .BTF.ext, NULL if absent or bad */
	bool gcc;		/* .comment says GCC: its ld_imm64 quirks */
	struct rb_ksym *ksyms;		/* .ksyms externs (ksyms.h) */
	uint32_t nksyms;
	struct rb_extern *externs;	/* .kconfig externs */
	uint32_t nexterns, externs_cap;
	int kconfig_map;	/* index of the .kconfig map, -1 */
	uint32_t usdt_next_spec;	/* next free id in __bpf_usdt_specs */
	/* target BTF the caller chose (open options; read at load) */
	char *btf_path, *btf_module_path;	/* ours, NULL: none */
	char *token_path;		/* ours, NULL: none */
	int32_t token_user;		/* the caller's token fd, 0: none */
	int32_t token;			/* during load: the token in use, 0 */
	bool token_owned;		/* token was created from token_path */
	const void *btf_data;	/* the caller's */
	size_t btf_size;
	/* ---- load-time state ---- */
	int btf_fd;
	bool loaded;
	/* set by rawbpf_object_attach (attach layer): destroys the programs'
	 * attachments; called by close so object stays below attach */
	void (*detach_all)(struct rawbpf_object *obj);
	char err[512];		/* last error message (open or load) */
};

/* rb_obj_err - set obj->err (and log it); returns @err. */
int rb_obj_err(struct rawbpf_object *obj, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* rb_obj_last_line - the last non-empty line of @log into @out. */
void rb_obj_last_line(const char *log, char *out, size_t size);
/* rb_obj_log - send a message to the log callback, if any. */
void rb_obj_log(struct rawbpf_object *obj, enum rawbpf_log_level level,
		const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* rb_obj_err_at - rb_obj_err without a text (core/log.h, RAWBPF_NO_MESSAGES). */
int rb_obj_err_at(struct rawbpf_object *obj, int err, const char *file, int line);
#ifdef RAWBPF_NO_MESSAGES
#define rb_obj_err(obj, err, ...) \
	(0 ? rb_obj_err(obj, err, __VA_ARGS__) : rb_obj_err_at(obj, err, RB_AT))
#define rb_obj_log(obj, level, ...) \
	((void)(0 ? rb_obj_log(obj, level, __VA_ARGS__) : (void)0))
#endif

/* open.c: programs, functions, relocations from the ELF. */
int rb_obj_parse(struct rawbpf_object *obj);
/* maps.c: map definitions (legacy, BTF, data). */
int rb_obj_collect_maps(struct rawbpf_object *obj);
/* arena.c: rb_obj_collect_arena - at open, .addr_space.1 (__arena globals)
 * into the object's one arena map; 0 or -errno naming the problem. */
int rb_obj_collect_arena(struct rawbpf_object *obj);
/* rb_obj_arena_map - mmap new arena map @m (at its map_extra address, if
 * set), place the globals at its end and, @fresh, copy their values. */
int rb_obj_arena_map(struct rawbpf_object *obj, struct rawbpf_map *m, bool fresh);
/* rb_obj_arena_globals - the __arena globals' bytes: the object's copy
 * before load, the arena's memory after; NULL when there are none. */
void *rb_obj_arena_globals(struct rawbpf_object *obj, size_t *size);
/* maps_legacy.c: maps from the legacy `maps` section @sec. */
int rb_obj_collect_legacy_maps(struct rawbpf_object *obj, uint32_t sec);
/* maps_btf.c: maps from the BTF .maps section. */
int rb_obj_collect_btf_maps(struct rawbpf_object *obj);
/* maps_btf.c: initial values from relocations in .maps. */
int rb_obj_collect_map_inits(struct rawbpf_object *obj);
/* maps_btf.c: @fn(@obj, rel section, entry) for each relocation of data
 * section @sec (.maps, .struct_ops); stops at the first error. */
int rb_obj_each_rel(struct rawbpf_object *obj, uint32_t sec,
		    int (*fn)(struct rawbpf_object *obj, uint32_t rs, uint32_t j));
/* rb_obj_find_func - function of section @sec containing @insn, or -1. */
int rb_obj_find_func(const struct rawbpf_object *obj, uint32_t sec,
		     uint32_t insn);
/* rb_obj_map_at - map defined at @off of section @sec, or -1. */
int rb_obj_map_at(const struct rawbpf_object *obj, uint32_t sec, uint64_t off);

/* reloc.c: the relocated instructions of program @prog. */
int rb_obj_relocate(struct rawbpf_object *obj, struct rawbpf_program *prog,
		    struct bpf_insn **out, uint32_t *cnt,
		    uint32_t *func_base, uint32_t nfunc_base);

/* map_create.c: create (or reuse from pins) every map. */
int rb_obj_create_maps(struct rawbpf_object *obj);
/* rb_obj_check_compat - map @fd (a pin, or a caller's fd to reuse) matches
 * @m's definition (type, sizes, flags, map_extra); 0 or -EINVAL/-errno,
 * with a message naming it "<@what><@path>". */
int rb_obj_check_compat(struct rawbpf_map *m, int fd, const char *what,
			const char *path);
/* map_create.c: prog_array and map-in-map slots after the programs load. */
int rb_obj_fill_map_inits(struct rawbpf_object *obj);
/* map_create.c: close map fds and remove pins we created. */
void rb_obj_release_maps(struct rawbpf_object *obj, bool unpin);

/* struct_ops.c: struct_ops maps and their programs (after programs). */
int rb_obj_collect_struct_ops(struct rawbpf_object *obj);
/* struct_ops.c: free a map's struct_ops state (NULL ok). */
void rb_obj_free_struct_ops(struct rawbpf_object *obj, struct rb_st_ops *so);
/* struct_ops_load.c: program fds into each struct_ops value after the
 * programs loaded; a .struct_ops.link map gets its value now (it
 * registers nothing: its link will). 0 or -errno with a message. */
int rb_obj_fill_struct_ops(struct rawbpf_object *obj);

/* exc_cb.c: each program's exception callback from BTF decl tags. */
int rb_obj_collect_exc_cbs(struct rawbpf_object *obj);
/* btf_conventions.c: libbpf's silent BTF rewrites (hidden funcs static). */
int rb_obj_btf_conventions(struct rawbpf_object *obj);
/* btf_load.c: fix DATASEC/VAR, BTF_LOAD (sanitising on rejection). */
int rb_obj_load_btf(struct rawbpf_object *obj);
/* btf_load.c: func_info and line_info for one relocated program. */
int rb_obj_prog_btf_ext(struct rawbpf_object *obj, struct rawbpf_program *prog,
			const uint32_t *func_base, struct rawbpf_sys_prog_load_opts *o,
			struct rb_btf_ext_out *fi, struct rb_btf_ext_out *li);

/* load.c: close every fd (unpin nothing). */
void rb_obj_unload(struct rawbpf_object *obj);
/* btf_load.c: parse .BTF/.BTF.ext at open; free them at close. */
int rb_obj_open_btf(struct rawbpf_object *obj);
void rb_obj_free_btf(struct rawbpf_object *obj);
/* maps.c: append a zeroed map; its index or -ENOMEM. */
int rb_obj_add_map(struct rawbpf_object *obj);
/* maps.c: give map @m the initial slot @slot = @target (map or program
 * index); 0 or -ENOMEM. */
int rb_obj_add_map_init(struct rawbpf_object *obj, struct rawbpf_map *m,
			uint32_t slot, uint32_t target);

/* rb_insn_is_ldimm64 - first half of a 16-byte ld_imm64. */
static inline bool rb_insn_is_ldimm64(const struct bpf_insn *i)
{
	return i->code == (BPF_LD | BPF_IMM | BPF_DW);
}

/* rb_insn_is_pseudo_call - a call to a BPF function (not a helper). */
static inline bool rb_insn_is_pseudo_call(const struct bpf_insn *i)
{
	return i->code == (BPF_JMP | BPF_CALL) && i->src_reg == BPF_PSEUDO_CALL;
}

#endif
