/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rawbpf/object.h - open a BPF ELF object written for libbpf (clang or gcc
 * output), inspect its programs and maps, set global data and load it.
 *
 *   struct rawbpf_object *obj;
 *   int err = rawbpf_object_open_file("prog.o", NULL, &obj);
 *   ...rawbpf_object_global_data(obj, ".rodata", &size) to set config...
 *   err = rawbpf_object_load(obj);      // maps, BTF, programs
 *   fd = rawbpf_program_fd(rawbpf_object_find_program(obj, "handler"));
 *   rawbpf_object_close(obj);           // closes every fd it made
 *
 * Errors are -errno; rawbpf_object_error() then names the section,
 * program, map or instruction involved. A failed load leaves no maps,
 * programs or pins behind.
 *
 * Every function taking an object, program or map accepts NULL (e.g. the
 * result of a misspelt find_program): it returns -EINVAL, NULL, 0, false
 * or "" and never crashes.
 */
#ifndef RAWBPF_OBJECT_H
#define RAWBPF_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rawbpf/common.h"
#include "rawbpf/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rawbpf_object;
struct rawbpf_program;
struct rawbpf_map;

struct rawbpf_object_open_opts {
	uint32_t size;			/* sizeof(struct rawbpf_object_open_opts) */
	const struct rawbpf_allocator *alloc;	/* NULL: libc */
	const char *pin_root;		/* maps pinned BY_NAME, and iproute2's tc/ pins
					   (PIN_GLOBAL_NS, PIN_OBJECT_NS); default
					   /sys/fs/bpf */
	rawbpf_log_fn log;		/* optional: messages while opening/loading
					   (every level); NULL: the process's
					   hook, rawbpf_log_set() */
	void *log_ctx;
	const char *name;		/* object name (map name prefix); default:
					   the file name without .o */
	uint32_t verifier_log_level;	/* 0: log only on failure; 1, 2: always */
	/* Target BTF in place of the running kernel's /sys/kernel/btf/vmlinux
	 * (a kernel built without BTF): for CO-RE, typed .ksyms and kfuncs,
	 * and attach targets (fentry/fexit/tp_btf/lsm/iter). A raw BTF file
	 * or an ELF file with a .BTF section (vmlinux); read at load, not
	 * kept. Its ids must be the running kernel's for attach targets. */
	const char *btf_path;
	const void *btf_data;		/* or these bytes (raw BTF or ELF), which */
	size_t btf_size;		/* must stay valid while the object loads */
	/* A module's split BTF on top of the target (or kernel) BTF, searched
	 * for names vmlinux lacks. Without it, the running kernel's
	 * /sys/kernel/btf/<module> files are searched (only when the target
	 * is the running kernel's). */
	const char *btf_module_path;
	/* A BPF token (6.9) for the BTF, map and program loads, so a process
	 * in a user namespace loads through a delegated bpffs: the token fd
	 * (the caller's, kept open during load), or the path of a bpffs mount
	 * whose token load creates and closes. 0 / NULL: none. */
	int32_t bpf_token_fd;
	const char *bpf_token_path;
};

/*
 * rawbpf_object_open_file - map the file at @path and parse it (no syscalls
 * besides open/mmap). 0 and *@out, or -EINVAL (NULL @path or @out, bad
 * options), -ENOENT, -EISDIR, -ENOEXEC (not a BPF ELF), -EBADMSG
 * (malformed), -ENOMEM; on failure *@out is NULL and the message is passed
 * to the log callback.
 */
RAWBPF_API int
rawbpf_object_open_file(const char *path,
			const struct rawbpf_object_open_opts *opts,
			struct rawbpf_object **out);
/*
 * rawbpf_object_open_mem - parse the object in @buf (@size bytes), which
 * must stay valid and unchanged until rawbpf_object_close(); no kernel call.
 * Any alignment: a buffer not 8-byte aligned is copied once (the copy,
 * not @buf, is then used until close).
 * 0 and *@out, or -EINVAL (NULL @out, bad options), -ENOEXEC (not a BPF
 * ELF), -EBADMSG (malformed), -ENOMEM; on failure *@out is NULL and the
 * message went to the log callback.
 */
RAWBPF_API int
rawbpf_object_open_mem(const void *buf, size_t size,
		       const struct rawbpf_object_open_opts *opts,
		       struct rawbpf_object **out);
/*
 * rawbpf_object_load - load BTF (4.18, optional), create or reuse maps,
 * load every program whose autoload is set. Returns 0 or the first
 * -errno; then every fd and pin made so far is gone again, and
 * rawbpf_object_error() / rawbpf_program_log() say why. May be retried.
 */
RAWBPF_API int rawbpf_object_load(struct rawbpf_object *obj);
/* rawbpf_object_close - close every fd the object made, unmap, free (no
 * kernel call besides close); NULL is ignored. */
RAWBPF_API void rawbpf_object_close(struct rawbpf_object *obj);
/* rawbpf_object_error - the message of the last failure, "" if none (no
 * kernel call). */
RAWBPF_API const char *rawbpf_object_error(const struct rawbpf_object *obj);
/* rawbpf_object_name - the object's name, the prefix of its map names (no
 * kernel call). */
RAWBPF_API const char *rawbpf_object_name(const struct rawbpf_object *obj);
/* rawbpf_object_btf_fd - fd of the object BTF after load (4.18), -ENOENT
 * when none was loaded. */
RAWBPF_API int rawbpf_object_btf_fd(const struct rawbpf_object *obj);

/* ---- programs ---- */

/* rawbpf_object_next_program - the program after @prev (NULL: the first),
 * NULL after the last (no kernel call). */
RAWBPF_API struct rawbpf_program *
rawbpf_object_next_program(const struct rawbpf_object *obj,
			   const struct rawbpf_program *prev);
/* rawbpf_object_find_program - the program (function) called @name, or NULL
 * (no kernel call). */
RAWBPF_API struct rawbpf_program *
rawbpf_object_find_program(const struct rawbpf_object *obj, const char *name);
/* rawbpf_program_name - the program's function name (no kernel call). */
RAWBPF_API const char *rawbpf_program_name(const struct rawbpf_program *prog);
/* rawbpf_program_section - its ELF section name ("xdp", "tp/sched/x", ...;
 * no kernel call). */
RAWBPF_API const char *
rawbpf_program_section(const struct rawbpf_program *prog);
/* rawbpf_program_fd - its fd after load; -ENOENT before load or when it was
 * not loaded (no kernel call). */
RAWBPF_API int rawbpf_program_fd(const struct rawbpf_program *prog);
/* rawbpf_program_insn_count - instructions: its own before load, with the
 * appended subprograms after (no kernel call). */
RAWBPF_API uint32_t
rawbpf_program_insn_count(const struct rawbpf_program *prog);
/* rawbpf_program_type - BPF_PROG_TYPE_* from the section or set by hand;
 * BPF_PROG_TYPE_UNSPEC for an unknown section name (no kernel call). */
RAWBPF_API uint32_t rawbpf_program_type(const struct rawbpf_program *prog);
/* rawbpf_program_expected_attach_type - the attach type the section implies,
 * passed at load as expected_attach_type (4.17); 0 if none. No kernel call. */
RAWBPF_API uint32_t
rawbpf_program_expected_attach_type(const struct rawbpf_program *prog);
/* rawbpf_program_flags - BPF_F_SLEEPABLE / BPF_F_XDP_HAS_FRAGS from the
 * section name or set by hand (no kernel call). */
RAWBPF_API uint32_t rawbpf_program_flags(const struct rawbpf_program *prog);
/* rawbpf_program_set_type - override type and expected attach type before
 * load (no kernel call). 0, -EBUSY after load. */
RAWBPF_API int rawbpf_program_set_type(struct rawbpf_program *prog,
				       uint32_t prog_type,
				       uint32_t expected_attach_type);
/*
 * rawbpf_program_set_attach_target - before load, the target of a
 * BTF-attached program: @attach_prog_fd (freplace: the program to replace,
 * or 0), @attach_btf_id (the function/type in that program's or the kernel's
 * BTF) and @attach_btf_obj_fd (a module's BTF fd, or 0). Without it,
 * fentry/fexit/fmod_ret/tp_btf/lsm/iter targets are looked up by their
 * section name in /sys/kernel/btf/vmlinux at load (5.5). 0, -EBUSY after
 * load, -EINVAL (a negative fd).
 */
RAWBPF_API int rawbpf_program_set_attach_target(struct rawbpf_program *prog,
						int attach_prog_fd,
						uint32_t attach_btf_id,
						int attach_btf_obj_fd);
/* rawbpf_program_attach_btf_id - the attach_btf_id used (or to be used) at
 * load (5.5); 0 when none. No kernel call. */
RAWBPF_API uint32_t
rawbpf_program_attach_btf_id(const struct rawbpf_program *prog);
/* rawbpf_program_set_flags - override the BPF_F_* load flags before load (no
 * kernel call). 0, -EBUSY after load. */
RAWBPF_API int rawbpf_program_set_flags(struct rawbpf_program *prog,
					uint32_t prog_flags);
/* rawbpf_program_set_autoload - choose whether rawbpf_object_load() loads it
 * (default yes; no kernel call). 0, -EBUSY after load. */
RAWBPF_API int rawbpf_program_set_autoload(struct rawbpf_program *prog,
					   bool autoload);
/* rawbpf_program_autoload - whether rawbpf_object_load() loads it (no kernel
 * call). */
RAWBPF_API bool rawbpf_program_autoload(const struct rawbpf_program *prog);
/* rawbpf_program_error - -errno of its last load attempt; 0 when loaded or
 * not tried (no kernel call). */
RAWBPF_API int rawbpf_program_error(const struct rawbpf_program *prog);
/* rawbpf_program_log - verifier log of its last load, "" if none (no kernel
 * call); kept after a failed load, also with level 0 (then the load is
 * repeated with a log to get it). */
RAWBPF_API const char *rawbpf_program_log(const struct rawbpf_program *prog);

/*
 * rawbpf_program_set_attach_func - before load, make a tracing or freplace
 * program attach to function @func_name of the loaded program
 * @target_prog_fd (freplace; @func_name NULL: the one its section names), or
 * with @target_prog_fd 0 to kernel function @func_name instead of the one
 * its section names (tp_btf, lsm and iter names get their kernel prefix);
 * the id is looked up at load (kernel BTF, 5.5), where a missing name is an
 * error naming it. The fd must stay open until load. 0, -EINVAL, -EBUSY
 * after load, -ENOMEM. (libbpf: bpf_program__set_attach_target.)
 */
RAWBPF_API int rawbpf_program_set_attach_func(struct rawbpf_program *prog,
					      int target_prog_fd,
					      const char *func_name);
/*
 * rawbpf_kernel_btf_release - free the process's copy of the kernel BTF
 * (mapped on the first load that needed it: attach targets, CO-RE, ksyms;
 * no kernel call; from libc, not a caller's allocator: ~0.4 MB on 6.18,
 * docs/core.md). Call only when no object is loading; a later load maps it
 * again.
 */
RAWBPF_API void rawbpf_kernel_btf_release(void);

/* rawbpf_section_lookup - what section name @sec means by libbpf's
 * convention: program type, expected attach type and BPF_F_* load flags (no
 * kernel call). 0, -ENOENT for an unknown name. */
RAWBPF_API int rawbpf_section_lookup(const char *sec, uint32_t *prog_type,
				     uint32_t *expected_attach_type,
				     uint32_t *prog_flags);

/* ---- maps ---- */

/* rawbpf_object_next_map - the map after @prev (NULL: the first), NULL after
 * the last (no kernel call). Inner map templates of map-in-maps are left
 * out. */
RAWBPF_API struct rawbpf_map *
rawbpf_object_next_map(const struct rawbpf_object *obj,
		       const struct rawbpf_map *prev);
/* rawbpf_object_find_map - map @name (".data", ".rodata", ".bss" and
 * ".data.x"/".rodata.x" for global data), or NULL (no kernel call). */
RAWBPF_API struct rawbpf_map *
rawbpf_object_find_map(const struct rawbpf_object *obj, const char *name);
/* rawbpf_map_name - its name in the object (no kernel call). */
RAWBPF_API const char *rawbpf_map_name(const struct rawbpf_map *map);
/* rawbpf_map_fd - its fd after load; -ENOENT before (no kernel call). */
RAWBPF_API int rawbpf_map_fd(const struct rawbpf_map *map);
/* rawbpf_map_type - BPF_MAP_TYPE_* of its definition (no kernel call). */
RAWBPF_API uint32_t rawbpf_map_type(const struct rawbpf_map *map);
/* rawbpf_map_key_size - key size in bytes (no kernel call). */
RAWBPF_API uint32_t rawbpf_map_key_size(const struct rawbpf_map *map);
/* rawbpf_map_value_size - value size in bytes: 4 for map-in-map and
 * prog_array slots, the section size for global data (no kernel call). */
RAWBPF_API uint32_t rawbpf_map_value_size(const struct rawbpf_map *map);
/* rawbpf_map_max_entries - max_entries; after load as created, e.g. the CPU
 * count for a PERF_EVENT_ARRAY defined with 0 (no kernel call). */
RAWBPF_API uint32_t rawbpf_map_max_entries(const struct rawbpf_map *map);
/* rawbpf_map_flags - map_flags, without BPF_F_MMAPABLE if the kernel refused
 * it (no kernel call). */
RAWBPF_API uint32_t rawbpf_map_flags(const struct rawbpf_map *map);
/* rawbpf_map_set_max_entries - change max_entries before load (no kernel
 * call). 0, -EBUSY after load, -EINVAL for global data and struct_ops maps. */
RAWBPF_API int rawbpf_map_set_max_entries(struct rawbpf_map *map,
					  uint32_t max_entries);
/* rawbpf_map_set_value_size - change value_size before load, dropping the
 * BTF types of key and value (no kernel call). 0, -EBUSY after load, -EINVAL
 * for global data, struct_ops maps or 0. */
RAWBPF_API int rawbpf_map_set_value_size(struct rawbpf_map *map,
					 uint32_t value_size);
/* rawbpf_map_initial_value - the bytes a map starts with, *@size set to
 * their count (no kernel call): for global data as
 * rawbpf_object_global_data; for a struct_ops map, its struct in the
 * object's layout, where each function pointer member's 8-byte slot holds
 * the struct rawbpf_program * serving it (NULL: none). Before load, change
 * data members and point function members at other programs of the object
 * (a skeleton's struct_ops.<map>): load uses the slots, loads the programs
 * they name and no other struct_ops program, and refuses a pointer that is
 * not one of the object's programs. NULL for other maps. */
RAWBPF_API void *rawbpf_map_initial_value(struct rawbpf_map *map, size_t *size);
/* rawbpf_map_set_reuse_fd - before load, make load use the existing map
 * @fd (duplicated; the caller keeps @fd) instead of creating one: load
 * checks that its type, sizes, flags and map_extra match the definition
 * and neither fills nor pins it. Checked now too (BPF_OBJ_GET_INFO_BY_FD,
 * 4.13): 0, -EBUSY after load, -EINVAL (incompatible, an inner template,
 * fd < 0), -EBADFD (no such fd) or -errno of the dup. */
RAWBPF_API int rawbpf_map_set_reuse_fd(struct rawbpf_map *map, int fd);
/* rawbpf_map_set_pin_path - before load, pin the map at @path (reusing a
 * compatible map found there), whatever its definition says; NULL goes back
 * to the definition's pinning. No kernel call. 0, -EBUSY after load,
 * -EINVAL (an inner template), -ENAMETOOLONG, -ENOMEM. */
RAWBPF_API int rawbpf_map_set_pin_path(struct rawbpf_map *map,
				       const char *path);
/* rawbpf_map_set_inner_map_fd - before load, create map-in-map @map with
 * the map @fd (duplicated) as its inner map template instead of the one in
 * its definition (no kernel call but fcntl). 0, -EBUSY after load, -EINVAL
 * (not an array or hash of maps, fd < 0), -EBADF. */
RAWBPF_API int rawbpf_map_set_inner_map_fd(struct rawbpf_map *map, int fd);
/* rawbpf_map_reused - true when load reused a pinned map (BY_NAME, or
 * iproute2's PIN_GLOBAL_NS / PIN_OBJECT_NS, or set_pin_path) or the fd of
 * rawbpf_map_set_reuse_fd; no kernel call. */
RAWBPF_API bool rawbpf_map_reused(const struct rawbpf_map *map);
/* rawbpf_map_pin_path - where a pinned map (BY_NAME, or iproute2's
 * <root>/tc/globals/<name> and <root>/tc/<object name>/<name>) is pinned,
 * made or reused by load; NULL for other maps and before load. No kernel call. */
RAWBPF_API const char *rawbpf_map_pin_path(const struct rawbpf_map *map);

/*
 * rawbpf_object_global_data - the bytes of global data section @sec
 * (".data", ".rodata", ".bss", ".data.x", ...), *@size set to its size.
 * Before load: the object's private copy, initialised from the ELF; write
 * to it to change what the programs will see. After load: the map's
 * memory, mmaped (5.5), read-only for .rodata; NULL if the map could not
 * be mmaped (use rawbpf_map_fd with lookup/update, key 0). NULL if no such
 * section.
 */
RAWBPF_API void *rawbpf_object_global_data(struct rawbpf_object *obj,
					   const char *sec, size_t *size);

/* ---- global variables by name ---- */

/* A variable of a data section (.rodata, .data, .bss, .data.x, .rodata.x).
 * The strings point into the object and live as long as it. */
struct rawbpf_global_info {
	const char *name;	/* the variable's name */
	const char *section;	/* its data section (the map's name) */
	uint32_t offset;	/* bytes from the start of the section */
	uint32_t size;		/* bytes */
	uint32_t btf_type_id;	/* its type in the object's BTF; 0 without */
	uint32_t btf_var_id;	/* its BTF VAR; 0 without BTF */
	bool local;		/* static in its file (no skeleton field) */
};

/* rawbpf_object_find_global - where global variable @name lives, from its
 * ELF symbol and the section's DATASEC BTF (no kernel call). 0 and *@info,
 * -ENOENT when no data section holds it, -EINVAL for NULL arguments. */
RAWBPF_API int rawbpf_object_find_global(const struct rawbpf_object *obj,
					 const char *name,
					 struct rawbpf_global_info *info);
/* rawbpf_object_next_global - enumerate the variables of every data
 * section: *@iter starts at 0 and is advanced (no kernel call). 0 and
 * *@info, -ENOENT after the last, -EINVAL for NULL arguments. */
RAWBPF_API int rawbpf_object_next_global(const struct rawbpf_object *obj,
					 uint32_t *iter,
					 struct rawbpf_global_info *info);
/*
 * rawbpf_object_set_global - copy @size bytes from @value into variable
 * @name: before load into the object's copy, after load into the mmaped
 * map (5.5; no kernel call either way). 0, -ENOENT (no such variable),
 * -EINVAL when @size is not the variable's size (the message gives both),
 * -EPERM for .rodata after load, -EOPNOTSUPP when the map is not mmaped.
 */
RAWBPF_API int rawbpf_object_set_global(struct rawbpf_object *obj,
					const char *name, const void *value,
					size_t size);
/* rawbpf_object_get_global - copy variable @name (exactly @size bytes) into
 * @value, from the object before load and the mmaped map after (no kernel
 * call). 0, -ENOENT, -EINVAL (size mismatch), -EOPNOTSUPP. */
RAWBPF_API int rawbpf_object_get_global(struct rawbpf_object *obj,
					const char *name, void *value,
					size_t size);

/* ---- attach every program ---- */

/*
 * rawbpf_object_attach - attach every loaded program whose section names
 * its target (tp/cat/name 4.7, raw_tp/x 4.17, uprobe/path:func 4.1,
 * fentry/... 5.5, iter/... 5.8; see rawbpf/attach_auto.h) and register
 * every struct_ops map (rawbpf_attach_struct_ops(), 5.6), keeping each
 * attachment in the object (rawbpf_program_attachment()). Programs already
 * attached, not loaded, or whose section gives no target (bare
 * SEC("uprobe"), SEC("kprobe"), xdp, tc, cgroup, perf_event, ...) are
 * skipped, as libbpf skips them. 0, or the first -errno: then what this
 * call attached is detached again and rawbpf_object_error() names the
 * program. -EINVAL for NULL, -ENOENT before load.
 */
RAWBPF_API int rawbpf_object_attach(struct rawbpf_object *obj);
/* rawbpf_object_detach - destroy every attachment rawbpf_object_attach()
 * made (closing links and perf events; any kernel); rawbpf_object_close()
 * does it too. NULL is ignored. */
RAWBPF_API void rawbpf_object_detach(struct rawbpf_object *obj);

/* ---- size-checked element access on an object's map ----
 * The caller passes the sizes of its buffers; a key of another size than
 * the map's key_size, or a value buffer of another size than
 * rawbpf_map_value_stride() (times rawbpf_kernel_possible_cpus() for
 * per-CPU maps), is -EINVAL before any kernel call. Maps without keys
 * (queue, stack) take a NULL key of size 0. The raw fd forms are
 * rawbpf_sys_map_*. */

/* rawbpf_kernel_possible_cpus - the CPUs a per-CPU map holds values for
 * (/sys/devices/system/cpu/possible, any kernel): the count, or -errno. */
RAWBPF_API int rawbpf_kernel_possible_cpus(void);
/* rawbpf_map_value_stride - bytes per value in a lookup/update buffer:
 * value_size rounded up to 8 for per-CPU maps (one such slot per possible
 * CPU), value_size otherwise; 0 for NULL (no kernel call). */
RAWBPF_API uint32_t rawbpf_map_value_stride(const struct rawbpf_map *map);
/* rawbpf_map_lookup_elem - BPF_MAP_LOOKUP_ELEM (3.18; @flags such as
 * BPF_F_LOCK 5.1) after the size checks above. 0, -EINVAL (a size
 * mismatch, NULL @map), -EBADF (map not created yet: load first), -ENOENT
 * (no such key), -errno. */
RAWBPF_API int rawbpf_map_lookup_elem(const struct rawbpf_map *map,
				      const void *key, size_t key_sz,
				      void *value, size_t value_sz,
				      uint64_t flags);
/* rawbpf_map_update_elem - BPF_MAP_UPDATE_ELEM (3.18) with @flags
 * BPF_ANY/BPF_NOEXIST/BPF_EXIST/BPF_F_LOCK after the size checks. 0,
 * -EINVAL, -EBADF, -EEXIST, -ENOENT, -E2BIG, -EPERM (frozen), -errno. */
RAWBPF_API int rawbpf_map_update_elem(const struct rawbpf_map *map,
				      const void *key, size_t key_sz,
				      const void *value, size_t value_sz,
				      uint64_t flags);
/* rawbpf_map_delete_elem - BPF_MAP_DELETE_ELEM (3.18) after the key size
 * check. 0, -EINVAL (size, or an array map), -EBADF, -ENOENT, -errno. */
RAWBPF_API int rawbpf_map_delete_elem(const struct rawbpf_map *map,
				      const void *key, size_t key_sz,
				      uint64_t flags);
/* rawbpf_map_get_next_key - BPF_MAP_GET_NEXT_KEY (3.18): the key after
 * @cur_key (NULL: the first) into @next_key, both @key_sz bytes. 0,
 * -EINVAL, -EBADF, -ENOENT after the last key, -errno. */
RAWBPF_API int rawbpf_map_get_next_key(const struct rawbpf_map *map,
				       const void *cur_key, void *next_key,
				       size_t key_sz);

#ifdef __cplusplus
}
#endif
#endif
