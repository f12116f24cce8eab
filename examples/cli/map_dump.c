// SPDX-License-Identifier: BSD-2-Clause
/*
 * map_dump.c - `rawbpf map dump ID|PIN [--json]`: every entry of a map.
 * Keys and values are hex bytes; where the map has BTF (btf_id and key /
 * value type ids in its info) they are also formatted through it: ints
 * as numbers, bool, enums by name, structs and unions as objects, arrays
 * as lists (the format is JSON in both output modes). Per-CPU maps show
 * one value per possible CPU.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "btf/btf.h"
#include "cli.h"
#include "holders.h"
#include "rawbpf/pin.h"
#include "rawbpf/sys.h"
#include "sys/cpus.h"

/* fmt_int - an INT of @t at @data (bit offset @bits, @nbits wide or 0). */
static void fmt_int(const struct rb_btf_type *t, const unsigned char *data,
		    uint32_t bits, uint32_t nbits)
{
	uint32_t info = rb_btf_int_info(t), enc = info >> 24;
	uint64_t v = 0;
	uint32_t n;

	if (!nbits && !bits && !((info >> 16) & 0xff) &&
	    (t->size == 1 || t->size == 2 || t->size == 4 || t->size == 8)) {
		/* a whole integer: read it natively, any byte order */
		uint8_t u8;
		uint16_t u16;
		uint32_t u32;

		nbits = (info & 0xff) ? (info & 0xff) : t->size * 8;
		if (t->size == 1)
			memcpy(&u8, data, 1), v = u8;
		else if (t->size == 2)
			memcpy(&u16, data, 2), v = u16;
		else if (t->size == 4)
			memcpy(&u32, data, 4), v = u32;
		else
			memcpy(&v, data, 8);
	} else {
		/* a bitfield: the bytes that hold the bits, little-endian
		 * hosts (one that straddles 8 bytes past its start is cut) */
		if (!nbits)
			nbits = info & 0xff;
		if (!nbits || nbits > 64)
			nbits = 64;
		bits += (info >> 16) & 0xff;
		n = (bits % 8 + nbits + 7) / 8;
		memcpy(&v, data + bits / 8, n > 8 ? 8 : n);
		v >>= bits % 8;
	}
	if (nbits < 64)
		v &= (1ull << nbits) - 1;
	if (enc & 4)		/* BTF_INT_BOOL */
		printf("%s", v ? "true" : "false");
	else if ((enc & 1) && nbits < 64 && (v >> (nbits - 1)))	/* signed */
		printf("%lld", (long long)(v | ~((1ull << nbits) - 1)));
	else if (enc & 1)
		printf("%lld", (long long)v);
	else
		printf("%llu", (unsigned long long)v);
}

static void fmt_hex(const unsigned char *data, uint32_t n)
{
	uint32_t i;

	printf("\"");
	for (i = 0; i < n; i++)
		printf("%s%02x", i ? " " : "", data[i]);
	printf("\"");
}

/* fmt_btf - type @id at @data as JSON; depth-limited. */
static void fmt_btf(const struct rb_btf *btf, uint32_t id,
		    const unsigned char *data, int depth)
{
	const struct rb_btf_type *t;
	int r = rb_btf_skip_mods(btf, id);
	uint32_t i;

	t = r > 0 ? rb_btf_type_by_id(btf, (uint32_t)r) : NULL;
	if (!t || depth > 16) {
		printf("null");
		return;
	}
	switch (rb_btf_kind(t)) {
	case RB_BTF_KIND_INT:
		fmt_int(t, data, 0, 0);
		break;
	case RB_BTF_KIND_PTR:
		printf("%llu", (unsigned long long)*(const uint64_t *)(const void *)data);
		break;
	case RB_BTF_KIND_ENUM: {
		const struct rb_btf_enum *e = rb_btf_enums(t);
		int32_t v = 0;

		memcpy(&v, data, t->size < 4 ? t->size : 4);
		for (i = 0; i < rb_btf_vlen(t); i++)
			if (e[i].val == v) {
				json_str(rb_btf_str(btf, e[i].name_off));
				return;
			}
		printf("%d", v);
		break;
	}
	case RB_BTF_KIND_ARRAY: {
		const struct rb_btf_array *a = rb_btf_array_info(t);
		int64_t es = rb_btf_size(btf, a->type);

		printf("[");
		for (i = 0; es > 0 && i < a->nelems; i++) {
			printf("%s", i ? "," : "");
			fmt_btf(btf, a->type, data + i * es, depth + 1);
		}
		printf("]");
		break;
	}
	case RB_BTF_KIND_STRUCT:
	case RB_BTF_KIND_UNION: {
		const struct rb_btf_member *m = rb_btf_members(t);

		printf("{");
		for (i = 0; i < rb_btf_vlen(t); i++) {
			uint32_t off = rb_btf_member_bit_offset(t, i);
			uint32_t bsz = rb_btf_member_bitfield_size(t, i);
			const char *name = rb_btf_str(btf, m[i].name_off);
			int mt = rb_btf_skip_mods(btf, m[i].type);
			const struct rb_btf_type *mtt =
				mt > 0 ? rb_btf_type_by_id(btf, (uint32_t)mt) : NULL;

			printf("%s", i ? "," : "");
			json_str(name && name[0] ? name : "(anon)");
			printf(":");
			if (bsz && mtt && rb_btf_kind(mtt) == RB_BTF_KIND_INT)
				fmt_int(mtt, data + off / 8, off % 8, bsz);
			else
				fmt_btf(btf, m[i].type, data + off / 8, depth + 1);
		}
		printf("}");
		break;
	}
	default: {
		int64_t sz = rb_btf_size(btf, id);

		fmt_hex(data, sz > 0 ? (uint32_t)sz : 0);
	}
	}
}

/* map_btf - the BTF of map @i, or NULL (no BTF, or it cannot be read). */
static struct rb_btf *map_btf(const struct bpf_map_info *i, void **blob)
{
	struct bpf_btf_info b;
	uint32_t len = sizeof(b);
	struct rb_btf *btf = NULL;
	int fd;

	*blob = NULL;
	if (!i->btf_id || (!i->btf_key_type_id && !i->btf_value_type_id))
		return NULL;
	fd = rawbpf_sys_btf_get_fd_by_id(i->btf_id);
	if (fd < 0)
		return NULL;
	memset(&b, 0, sizeof(b));
	if (rawbpf_sys_obj_get_info_by_fd(fd, &b, &len) || !b.btf_size ||
	    !(*blob = malloc(b.btf_size)))
		goto out;
	len = sizeof(b);
	b.btf = (uint64_t)(uintptr_t)*blob;
	if (rawbpf_sys_obj_get_info_by_fd(fd, &b, &len) ||
	    rb_btf_parse(*blob, b.btf_size, 0, NULL, &btf, NULL))
		btf = NULL;
out:
	close(fd);
	return btf;
}

static int percpu(uint32_t type)
{
	return type == BPF_MAP_TYPE_PERCPU_HASH ||
	       type == BPF_MAP_TYPE_PERCPU_ARRAY ||
	       type == BPF_MAP_TYPE_LRU_PERCPU_HASH ||
	       type == BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE;
}

static void print_part(const struct rb_btf *btf, uint32_t type_id,
		       const unsigned char *data, uint32_t size)
{
	if (btf && type_id)
		fmt_btf(btf, type_id, data, 0);
	else
		fmt_hex(data, size);
}

static void print_entry(const struct bpf_map_info *i, const struct rb_btf *btf,
			const unsigned char *key, const unsigned char *val,
			int ncpu, int json, int first)
{
	uint32_t vstride = (i->value_size + 7) & ~7u;
	int c;

	printf(json ? "%s{\"key\":" : "%skey: ", json && !first ? "," : "");
	print_part(btf, i->btf_key_type_id, key, i->key_size);
	if (ncpu <= 0) {
		printf(json ? ",\"value\":" : "  value: ");
		print_part(btf, i->btf_value_type_id, val, i->value_size);
	} else {
		printf(json ? ",\"values\":[" : "  values: [");
		for (c = 0; c < ncpu; c++) {
			printf("%s{\"cpu\":%d,\"value\":", c ? "," : "", c);
			print_part(btf, i->btf_value_type_id, val + c * vstride,
				   i->value_size);
			printf("}");
		}
		printf("]");
	}
	printf(json ? "}" : "\n");
}

static int open_map(const char *arg)
{
	char *end;
	unsigned long id = strtoul(arg, &end, 0);
	int fd, t;

	if (*arg && !*end)
		return rawbpf_sys_map_get_fd_by_id((uint32_t)id, BPF_F_RDONLY);
	fd = rawbpf_sys_obj_get(arg, NULL);
	if (fd < 0)
		return fd;
	t = rawbpf_fd_type(fd);
	if (t != RAWBPF_FD_MAP) {
		close(fd);
		return -EINVAL;
	}
	return fd;
}

int cli_map_dump(int argc, char **argv)
{
	struct bpf_map_info i;
	uint32_t len = sizeof(i), n = 0;
	unsigned char *key = NULL, *next, *val = NULL;
	struct rb_btf *btf = NULL;
	void *blob = NULL, *prev = NULL;
	int json = argc == 4 && !strcmp(argv[3], "--json"), fd, ncpu = 0, err;

	if (argc != 3 + json)
		return cli_usage();
	fd = open_map(argv[2]);
	if (fd < 0) {
		fprintf(stderr, "rawbpf: map dump %s: %s\n", argv[2], strerror(-fd));
		return 1;
	}
	memset(&i, 0, sizeof(i));
	err = rawbpf_sys_obj_get_info_by_fd(fd, &i, &len);
	if (!err && percpu(i.type))
		err = ncpu = rb_possible_cpus();
	if (err < 0)
		goto out;
	err = -ENOMEM;
	key = calloc(2, i.key_size + 1);
	val = calloc(ncpu > 0 ? ncpu : 1, (i.value_size + 7) & ~7u);
	if (!key || !val)
		goto out;
	next = key + i.key_size + 1;
	btf = map_btf(&i, &blob);
	if (json)
		printf("[");
	while (n < 1u << 24 && !rawbpf_sys_map_get_next_key(fd, prev, next)) {
		memcpy(key, next, i.key_size);
		prev = key;
		if (rawbpf_sys_map_lookup_elem(fd, key, val))
			continue;	/* gone meanwhile, or no value (prog_array slot) */
		print_entry(&i, btf, key, val, ncpu, json, !n++);
	}
	if (json)
		printf("]\n");
	else
		printf("Found %u element%s\n", n, n == 1 ? "" : "s");
	err = 0;
out:
	if (err)
		fprintf(stderr, "rawbpf: map dump %s: %s\n", argv[2], strerror(-err));
	rb_btf_free(btf);
	free(blob);
	free(key);
	free(val);
	close(fd);
	return err ? 1 : 0;
}
