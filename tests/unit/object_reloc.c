// SPDX-License-Identifier: BSD-2-Clause
/* object_reloc.c - relocation arithmetic and malformed objects, without a
 * kernel: synthetic ELF files (tests/common/elfbuild) opened with
 * rawbpf_object_open_mem and relocated with fake map fds. */
#include <elf.h>
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "elfbuild.h"
#include "object/object.h"

#define LD64(dst, imm_) \
	{ .code = BPF_LD | BPF_IMM | BPF_DW, .dst_reg = dst, .imm = imm_ }, { 0 }
#define CALL(imm_) \
	{ .code = BPF_JMP | BPF_CALL, .src_reg = BPF_PSEUDO_CALL, .imm = imm_ }
#define MOV0(v) { .code = BPF_ALU64 | BPF_MOV | BPF_K, .imm = v }
#define EXIT { .code = BPF_JMP | BPF_EXIT }

/* .text: sub (static, insns 0-1), sub2 (global, insns 2-3) */
static struct bpf_insn text[] = { MOV0(1), EXIT, MOV0(2), EXIT };
/* socket: prog p */
static struct bpf_insn prog[] = {
	LD64(1, 0),		/* 0: map m */
	LD64(2, 4),		/* 2: .data + 4 (section symbol, addend in imm) */
	CALL(-1),		/* 4: sub2 by its global symbol */
	CALL(-1),		/* 5: sub through the .text section symbol */
	LD64(3, 16),		/* 6: address of sub2 (.text + 16 bytes) */
	CALL(1),		/* 8: static call inside socket to insn 10 */
	EXIT,			/* 9 */
	MOV0(7), EXIT,		/* 10: local helper in socket */
};
static const uint32_t legacy_vals[5] = { BPF_MAP_TYPE_ARRAY, 4, 8, 4, 0 };
static uint8_t legacy_def[20];	/* legacy_vals in the file's byte order */
static const uint8_t data[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static uint8_t rels[5][16];
static uint8_t version[4];

struct syms { unsigned int text_sec, socket, maps, data, sub2, m, sub_static; };

static void build(struct te_elf *t, bool be, uint16_t machine,
		  void (*tweak)(struct te_elf *, struct syms *))
{
	struct syms s;
	unsigned int lic;

	te_init(t, be, machine);
	for (int i = 0; i < 5; i++)
		te_put32(t, legacy_def + 4 * i, legacy_vals[i]);
	s.text_sec = te_section(t, ".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
				text, sizeof(text), 0, 0);
	s.socket = te_section(t, "socket", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
			      prog, sizeof(prog), 0, 0);
	s.maps = te_section(t, "maps", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE,
			    legacy_def, sizeof(legacy_def), 0, 0);
	s.data = te_section(t, ".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE,
			    data, sizeof(data), 0, 0);
	lic = te_section(t, "license", SHT_PROGBITS, SHF_ALLOC, "GPL", 4, 0, 0);
	(void)lic;
	te_put32(t, version, 0x060c00);
	te_section(t, "version", SHT_PROGBITS, SHF_ALLOC, version, 4, 0, 0);
	te_sym(t, ".text", 0, 0, ELF64_ST_INFO(STB_LOCAL, STT_SECTION), (uint16_t)s.text_sec);
	te_sym(t, ".data", 0, 0, ELF64_ST_INFO(STB_LOCAL, STT_SECTION), (uint16_t)s.data);
	s.sub_static = te_sym(t, "sub", 0, 16, ELF64_ST_INFO(STB_LOCAL, STT_FUNC), (uint16_t)s.text_sec);
	s.sub2 = te_sym(t, "sub2", 16, 16, ELF64_ST_INFO(STB_GLOBAL, STT_FUNC), (uint16_t)s.text_sec);
	te_sym(t, "p", 0, 80, ELF64_ST_INFO(STB_GLOBAL, STT_FUNC), (uint16_t)s.socket);
	te_sym(t, "local_helper", 80, 16, ELF64_ST_INFO(STB_LOCAL, STT_FUNC), (uint16_t)s.socket);
	s.m = te_sym(t, "m", 0, 20, ELF64_ST_INFO(STB_GLOBAL, STT_OBJECT), (uint16_t)s.maps);
	te_rel(t, rels[0], 0, s.m, 1);
	te_rel(t, rels[1], 16, 2, 1);		/* .data section symbol */
	te_rel(t, rels[2], 32, s.sub2, 10);
	te_rel(t, rels[3], 40, 1, 10);		/* .text section symbol */
	te_rel(t, rels[4], 48, 1, 1);
	if (tweak)
		tweak(t, &s);
	te_section(t, ".relsocket", SHT_REL, 0, rels, sizeof(rels), TE_SYMTAB, s.socket);
	te_finish(t);
}

static struct rawbpf_object *open_ok(struct te_elf *t)
{
	struct rawbpf_object *obj = NULL;
	int err = rawbpf_object_open_mem(t->buf, t->size, NULL, &obj);

	if (err)
		fail_msg("open: %d (%s)", err, obj ? rawbpf_object_error(obj) : "");
	return obj;
}

static void test_relocation_arithmetic(void **state)
{
	struct te_elf t;
	struct rawbpf_object *obj;
	struct rawbpf_program *p;
	struct bpf_insn *out;
	uint32_t cnt, base[8];

	(void)state;
	build(&t, TE_HOST_BE, EM_BPF, NULL);
	obj = open_ok(&t);
	assert_int_equal(obj->nprogs, 1);	/* static functions are not programs */
	p = rawbpf_object_find_program(obj, "p");
	assert_non_null(p);
	assert_string_equal(rawbpf_program_section(p), "socket");
	assert_int_equal(rawbpf_program_type(p), BPF_PROG_TYPE_SOCKET_FILTER);
	assert_int_equal(rawbpf_program_insn_count(p), 10);
	assert_string_equal(obj->license, "GPL");
	assert_int_equal(obj->kern_version, 0x060c00);
	assert_non_null(rawbpf_object_find_map(obj, "m"));
	assert_int_equal(rawbpf_map_value_size(rawbpf_object_find_map(obj, "m")), 8);
	obj->maps[0].fd = 100;	/* m */
	obj->maps[1].fd = 101;	/* .data */
	assert_string_equal(obj->maps[1].name, ".data");
	assert_int_equal(rb_obj_relocate(obj, p, &out, &cnt, base, 8), 0);
	/* p (10) + sub2 (2) + sub (2) + local_helper (2) */
	assert_int_equal(cnt, 16);
	assert_int_equal(out[0].src_reg, BPF_PSEUDO_MAP_FD);
	assert_int_equal(out[0].imm, 100);
	assert_int_equal(out[2].src_reg, BPF_PSEUDO_MAP_VALUE);
	assert_int_equal(out[2].imm, 101);
	assert_int_equal(out[3].imm, 4);		/* offset inside .data */
	/* sub2 appended at 10: call at 4 jumps 10 - 5 */
	assert_int_equal(out[4].imm, 5);
	assert_int_equal(out[10].imm, 2);		/* sub2's "r0 = 2" */
	/* sub appended at 12: call at 5 jumps 12 - 6 */
	assert_int_equal(out[5].imm, 6);
	assert_int_equal(out[12].imm, 1);
	/* the address of sub2: BPF_PSEUDO_FUNC, 10 - 7 */
	assert_int_equal(out[6].src_reg, BPF_PSEUDO_FUNC);
	assert_int_equal(out[6].imm, 3);
	/* the unrelocated static call: local_helper appended at 14 */
	assert_int_equal(out[8].imm, 14 - 9);
	assert_int_equal(out[14].imm, 7);
	rb_free(NULL, out);
	rawbpf_object_close(obj);
}

/* A little-endian u64 of the builder's file (offsets in LE tests). */
static uint64_t rb_test_u64(const struct te_elf *t, const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[t->be ? 7 - i : i];
	return v;
}

/* The open error message goes to the log callback. */
static char last_msg[512];
static void grab(void *ctx, enum rawbpf_log_level l, const char *m)
{
	(void)ctx;
	(void)l;
	snprintf(last_msg, sizeof(last_msg), "%s", m);
}

static void expect_msg(struct te_elf *t, int err, const char *msg)
{
	RAWBPF_OPTS(rawbpf_object_open_opts, o, .log = grab);
	struct rawbpf_object *obj = (void *)1;

	last_msg[0] = '\0';
	assert_int_equal(rawbpf_object_open_mem(t->buf, t->size, NULL, &obj), err);
	assert_null(obj);
	obj = (void *)1;
	assert_int_equal(rawbpf_object_open_mem(t->buf, t->size, &o, &obj), err);
	if (!strstr(last_msg, msg))
		fail_msg("message '%s' lacks '%s'", last_msg, msg);
	assert_null(obj);
}

static void bad_sym_index(struct te_elf *t, struct syms *s)
{
	(void)s;
	te_rel(t, rels[2], 32, 40, 10);
}

static void bad_rel_offset(struct te_elf *t, struct syms *s)
{
	(void)s;
	te_rel(t, rels[2], sizeof(prog), s->sub2, 10);
}

static void rel_on_exit(struct te_elf *t, struct syms *s)
{
	te_rel(t, rels[2], 72, s->sub2, 10);
}

static void rel_ld_cut(struct te_elf *t, struct syms *s)
{
	/* insn 11 (exit, last) relocated as if it were a call */
	te_rel(t, rels[2], 88, s->m, 1);
}

static void rel_extern(struct te_elf *t, struct syms *s)
{
	unsigned int ext = te_sym(t, "CONFIG_HZ", 0, 0,
				  ELF64_ST_INFO(STB_GLOBAL, STT_NOTYPE), SHN_UNDEF);

	(void)s;
	te_rel(t, rels[1], 16, ext, 1);
}

static void rel_wrong_type(struct te_elf *t, struct syms *s)
{
	te_rel(t, rels[2], 32, s->sub2, 3);	/* call with R_BPF_64_ABS32 */
}

static void rel_wrong_type_ld(struct te_elf *t, struct syms *s)
{
	te_rel(t, rels[0], 0, s->m, 2);		/* ld_imm64 with R_BPF_64_ABS64 */
}

static void test_malformed(void **state)
{
	struct te_elf t;

	(void)state;
	build(&t, TE_HOST_BE, 62 /* EM_X86_64 */, NULL);
	expect_msg(&t, -ENOEXEC, "ELF machine 62 is not BPF");
	build(&t, TE_HOST_BE, EM_BPF, bad_sym_index);
	expect_msg(&t, -EBADMSG, "symbol index 40 out of range");
	build(&t, TE_HOST_BE, EM_BPF, bad_rel_offset);
	expect_msg(&t, -EBADMSG, "offset 96 outside socket");
	build(&t, TE_HOST_BE, EM_BPF, rel_on_exit);
	expect_msg(&t, -EBADMSG, "neither ld_imm64 nor call");
	build(&t, TE_HOST_BE, EM_BPF, rel_ld_cut);
	expect_msg(&t, -EBADMSG, "neither ld_imm64 nor call");
	build(&t, TE_HOST_BE, EM_BPF, rel_wrong_type);
	expect_msg(&t, -EOPNOTSUPP, "relocation type 3 on a call to 'sub2' is not supported");
	build(&t, TE_HOST_BE, EM_BPF, rel_wrong_type_ld);
	expect_msg(&t, -EOPNOTSUPP, "relocation type 2 on ld_imm64 of 'm' is not supported");
	build(&t, TE_HOST_BE, EM_BPF, rel_extern);
	expect_msg(&t, -EOPNOTSUPP, "extern symbol 'CONFIG_HZ'");
	/* an executable section of 12 bytes: not whole instructions */
	build(&t, TE_HOST_BE, EM_BPF, NULL);
	te_put64(&t, te_shdr(&t, 2) + 32, 12);
	expect_msg(&t, -EBADMSG, "section socket: size 12 is not a whole number");
	/* a legacy map definition of 8 bytes */
	build(&t, TE_HOST_BE, EM_BPF, NULL);
	te_put64(&t, te_shdr(&t, 3) + 32, 8);
	expect_msg(&t, -EBADMSG, "at least 20");
	/* a buffer placed so that the instructions are misaligned */
	{
		static uint64_t shifted[sizeof(t.buf) / 8 + 1];
		struct rawbpf_object *obj = (void *)1;

		build(&t, TE_HOST_BE, EM_BPF, NULL);
		memcpy((uint8_t *)shifted + 4, t.buf, t.size);
		assert_int_equal(rawbpf_object_open_mem((uint8_t *)shifted + 4,
							t.size, NULL, &obj),
				 -EBADMSG);
		assert_null(obj);
	}
	/* a function symbol (p, symbol 5) running past its section */
	build(&t, TE_HOST_BE, EM_BPF, NULL);
	te_put64(&t, t.buf + rb_test_u64(&t, te_shdr(&t, t.symtab_idx) + 24) +
		 5 * 24 + 16, 200);
	expect_msg(&t, -EBADMSG, "function p (symbol 5) at 0 size 200");
}

static void test_relocation_errors(void **state)
{
	struct te_elf t;
	struct rawbpf_object *obj;
	struct bpf_insn *out;
	uint32_t cnt, base[8];

	(void)state;
	/* a .data offset past the section: refused at relocation */
	prog[2].imm = 100;
	build(&t, TE_HOST_BE, EM_BPF, NULL);
	prog[2].imm = 4;
	obj = open_ok(&t);
	assert_int_equal(rb_obj_relocate(obj, &obj->progs[0], &out, &cnt, base, 8),
			 -EBADMSG);
	assert_non_null(strstr(rawbpf_object_error(obj),
			       "insn 2 refers to offset 100 of .data (8 bytes)"));
	rawbpf_object_close(obj);
	/* a call into the middle of nowhere */
	prog[8].imm = 50;
	build(&t, TE_HOST_BE, EM_BPF, NULL);
	prog[8].imm = 1;
	obj = open_ok(&t);
	assert_int_equal(rb_obj_relocate(obj, &obj->progs[0], &out, &cnt, base, 8),
			 -EBADMSG);
	assert_non_null(strstr(rawbpf_object_error(obj),
			       "insn 8 (in p) refers to instruction 59 of section socket"));
	rawbpf_object_close(obj);
}

static void test_big_endian(void **state)
{
	struct te_elf t;
	struct rawbpf_object *obj;
	struct rawbpf_map *m;

	(void)state;
	build(&t, !TE_HOST_BE, EM_BPF, NULL);	/* the other byte order */
	obj = open_ok(&t);
	/* inspectable ... */
	assert_non_null(rawbpf_object_find_program(obj, "p"));
	m = rawbpf_object_find_map(obj, "m");
	assert_non_null(m);
	assert_int_equal(rawbpf_map_type(m), BPF_MAP_TYPE_ARRAY);
	assert_int_equal(rawbpf_map_max_entries(m), 4);
	/* ... but not loadable, before any syscall */
	assert_int_equal(rawbpf_object_load(obj), -ENOEXEC);
	assert_non_null(strstr(rawbpf_object_error(obj),
			       TE_HOST_BE ? "little-endian" : "big-endian"));
	rawbpf_object_close(obj);
}

static void test_section_names(void **state)
{
	uint32_t type, attach, flags;

	(void)state;
	assert_int_equal(rawbpf_section_lookup("xdp", &type, &attach, &flags), 0);
	assert_int_equal(type, BPF_PROG_TYPE_XDP);
	assert_int_equal(flags, 0);
	assert_int_equal(rawbpf_section_lookup("xdp.frags", &type, &attach, &flags), 0);
	assert_int_equal(flags, BPF_F_XDP_HAS_FRAGS);
	assert_int_equal(rawbpf_section_lookup("xdp/devmap", &type, &attach, &flags), 0);
	assert_int_equal(attach, BPF_XDP_DEVMAP);
	assert_int_equal(rawbpf_section_lookup("xdpfoo", &type, NULL, NULL), -ENOENT);
	assert_int_equal(rawbpf_section_lookup("uprobe.s/libc:malloc", &type, NULL,
					       &flags), 0);
	assert_int_equal(type, BPF_PROG_TYPE_KPROBE);
	assert_int_equal(flags, BPF_F_SLEEPABLE);
	assert_int_equal(rawbpf_section_lookup("tp/sched/sched_switch", &type, NULL,
					       NULL), 0);
	assert_int_equal(type, BPF_PROG_TYPE_TRACEPOINT);
	assert_int_equal(rawbpf_section_lookup("tp_btf/sched_switch", &type, &attach,
					       NULL), 0);
	assert_int_equal(type, BPF_PROG_TYPE_TRACING);
	assert_int_equal(attach, BPF_TRACE_RAW_TP);
	assert_int_equal(rawbpf_section_lookup("cgroup/connect_unix", &type, &attach,
					       NULL), 0);
	assert_int_equal(attach, RAWBPF_CGROUP_UNIX_CONNECT);
	assert_int_equal(rawbpf_section_lookup("cgroup/bind_unix", NULL, NULL, NULL),
			 -ENOENT);
	assert_int_equal(rawbpf_section_lookup("cgroup/sock", &type, &attach, NULL), 0);
	assert_int_equal(attach, BPF_CGROUP_INET_SOCK_CREATE);
	assert_int_equal(rawbpf_section_lookup("tc", &type, NULL, NULL), 0);
	assert_int_equal(type, BPF_PROG_TYPE_SCHED_CLS);
	assert_int_equal(rawbpf_section_lookup("syscall", &type, NULL, &flags), 0);
	assert_int_equal(flags, BPF_F_SLEEPABLE);
	assert_int_equal(rawbpf_section_lookup("sk_reuseport/migrate", &type, &attach,
					       NULL), 0);
	assert_int_equal(attach, BPF_SK_REUSEPORT_SELECT_OR_MIGRATE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_relocation_arithmetic),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_relocation_errors),
		cmocka_unit_test(test_big_endian),
		cmocka_unit_test(test_section_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
