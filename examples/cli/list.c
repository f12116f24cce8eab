// SPDX-License-Identifier: BSD-2-Clause
/* list.c - `rawbpf list OBJ`: one line per program and per map:
 *   prog\t<name>\t<section>\t<insn count>
 *   map\t<name>\t<type>\t<key size>\t<value size>\t<max entries>
 */
#include <linux/bpf.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "rawbpf/object.h"

const char *cli_map_type_name(unsigned int type, char *buf, unsigned int size)
{
	static const char *const names[] = {
		[BPF_MAP_TYPE_UNSPEC] = "unspec",
		[BPF_MAP_TYPE_HASH] = "hash",
		[BPF_MAP_TYPE_ARRAY] = "array",
		[BPF_MAP_TYPE_PROG_ARRAY] = "prog_array",
		[BPF_MAP_TYPE_PERF_EVENT_ARRAY] = "perf_event_array",
		[BPF_MAP_TYPE_PERCPU_HASH] = "percpu_hash",
		[BPF_MAP_TYPE_PERCPU_ARRAY] = "percpu_array",
		[BPF_MAP_TYPE_STACK_TRACE] = "stack_trace",
		[BPF_MAP_TYPE_CGROUP_ARRAY] = "cgroup_array",
		[BPF_MAP_TYPE_LRU_HASH] = "lru_hash",
		[BPF_MAP_TYPE_LRU_PERCPU_HASH] = "lru_percpu_hash",
		[BPF_MAP_TYPE_LPM_TRIE] = "lpm_trie",
		[BPF_MAP_TYPE_ARRAY_OF_MAPS] = "array_of_maps",
		[BPF_MAP_TYPE_HASH_OF_MAPS] = "hash_of_maps",
		[BPF_MAP_TYPE_DEVMAP] = "devmap",
		[BPF_MAP_TYPE_SOCKMAP] = "sockmap",
		[BPF_MAP_TYPE_CPUMAP] = "cpumap",
		[BPF_MAP_TYPE_XSKMAP] = "xskmap",
		[BPF_MAP_TYPE_SOCKHASH] = "sockhash",
		[BPF_MAP_TYPE_CGROUP_STORAGE] = "cgroup_storage",
		[BPF_MAP_TYPE_REUSEPORT_SOCKARRAY] = "reuseport_sockarray",
		[BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE] = "percpu_cgroup_storage",
		[BPF_MAP_TYPE_QUEUE] = "queue",
		[BPF_MAP_TYPE_STACK] = "stack",
		[BPF_MAP_TYPE_SK_STORAGE] = "sk_storage",
		[BPF_MAP_TYPE_DEVMAP_HASH] = "devmap_hash",
		[BPF_MAP_TYPE_STRUCT_OPS] = "struct_ops",
		[BPF_MAP_TYPE_RINGBUF] = "ringbuf",
		[BPF_MAP_TYPE_INODE_STORAGE] = "inode_storage",
		[BPF_MAP_TYPE_TASK_STORAGE] = "task_storage",
		[BPF_MAP_TYPE_BLOOM_FILTER] = "bloom_filter",
		[BPF_MAP_TYPE_USER_RINGBUF] = "user_ringbuf",
		[RAWBPF_MAP_TYPE_CGRP_STORAGE] = "cgrp_storage",
		[RAWBPF_MAP_TYPE_ARENA] = "arena",
	};

	if (type < sizeof(names) / sizeof(names[0]) && names[type])
		return names[type];
	snprintf(buf, size, "%u", type);
	return buf;
}

int cli_list(int argc, char **argv)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .log = cli_log);
	struct rawbpf_object *obj;
	struct rawbpf_program *p = NULL;
	struct rawbpf_map *m = NULL;
	char buf[16];
	int err;

	if (argc != 2)
		return cli_usage();
	err = rawbpf_object_open_file(argv[1], &o, &obj);
	if (err) {
		fprintf(stderr, "rawbpf: %s: %s\n", argv[1], strerror(-err));
		return 1;
	}
	while ((p = rawbpf_object_next_program(obj, p)))
		printf("prog\t%s\t%s\t%u\n", rawbpf_program_name(p),
		       rawbpf_program_section(p), rawbpf_program_insn_count(p));
	while ((m = rawbpf_object_next_map(obj, m)))
		printf("map\t%s\t%s\t%u\t%u\t%u\n", rawbpf_map_name(m),
		       cli_map_type_name(rawbpf_map_type(m), buf, sizeof(buf)),
		       rawbpf_map_key_size(m), rawbpf_map_value_size(m),
		       rawbpf_map_max_entries(m));
	rawbpf_object_close(obj);
	return 0;
}
