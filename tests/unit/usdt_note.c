// SPDX-License-Identifier: BSD-2-Clause
/* usdt_note.c - .note.stapsdt walked without a kernel: synthetic notes in
 * both byte orders (the .stapsdt.base shift, other owners' notes skipped,
 * truncated or unterminated notes refused), then the real PIE and shared
 * library tests/usdt builds with sys/sdt.h: every probe found at a file
 * offset inside .text, with the argument forms its build gives
 * (registers, constants, stack memory) and the semaphore's offset. */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "core/mem.h"
#include "elfbuild.h"
#include "attach/usdt_args.h"
#include "core/slurp.h"
#include "elf/usdt_note.h"

struct seen {
	struct rb_usdt_note n[8];
	char args[8][128];
	int cnt;
};

static int keep(void *ctx, const struct rb_usdt_note *n)
{
	struct seen *s = ctx;

	if (s->cnt == 8)
		return -E2BIG;
	s->n[s->cnt] = *n;
	snprintf(s->args[s->cnt], sizeof(s->args[0]), "%s", n->args);
	s->cnt++;
	return 0;
}

/* One note of @owner/@type at @p (its size): pc, base, sema, strings. */
static size_t note(const struct te_elf *t, uint8_t *p, const char *owner,
		   uint32_t type, uint64_t pc, uint64_t base, uint64_t sema,
		   const char *strs, size_t slen)
{
	size_t nlen = strlen(owner) + 1, desc = 24 + slen;

	te_put32(t, p, (uint32_t)nlen);
	te_put32(t, p + 4, (uint32_t)desc);
	te_put32(t, p + 8, type);
	memcpy(p + 12, owner, nlen);
	p += 12 + ((nlen + 3) & ~3u);
	te_put64(t, p, pc);
	te_put64(t, p + 8, base);
	te_put64(t, p + 16, sema);
	memcpy(p + 24, strs, slen);
	return 12 + ((nlen + 3) & ~3u) + ((desc + 3) & ~3u);
}

static const char strs[] = "prov\0probe\0-4@%edi 8@$3";

static void synthetic(bool be)
{
	struct te_elf t;
	struct rb_elf e;
	struct seen s = { 0 };
	uint8_t notes[256] = { 0 };
	const char *why;
	size_t len = 0;
	unsigned int base;

	te_init(&t, be, EM_X86_64);
	len += note(&t, notes + len, "GNU", 3, 1, 2, 3, strs, sizeof(strs));
	len += note(&t, notes + len, "stapsdt", 3, 0x1500, 0x1000, 0, strs, sizeof(strs));
	len += note(&t, notes + len, "stapsdt", 3, 0x1600, 0, 0x4000, strs, sizeof(strs));
	te_section(&t, ".note.stapsdt", SHT_NOTE, 0, notes, len, 0, 0);
	base = te_section(&t, ".stapsdt.base", SHT_PROGBITS, SHF_ALLOC, "", 1, 0, 0);
	te_finish(&t);
	/* prelink moved .stapsdt.base from 0x1000 to 0x2000 */
	te_put64(&t, te_shdr(&t, base) + 16, 0x2000);
	assert_int_equal(rb_elf_open(&e, t.buf, t.size, NULL), 0);
	assert_int_equal(rb_usdt_notes(&e, keep, &s, &why), 0);
	assert_int_equal(s.cnt, 2);	/* the GNU note is not ours */
	assert_string_equal(s.n[0].provider, "prov");
	assert_string_equal(s.n[0].name, "probe");
	assert_string_equal(s.args[0], "-4@%edi 8@$3");
	assert_int_equal(s.n[0].ip, 0x2500);	/* shifted */
	assert_int_equal(s.n[0].ip_off, 0x2500);	/* no segments: as is */
	assert_int_equal(s.n[0].sema, 0);
	assert_int_equal(s.n[1].ip, 0x1600);	/* note base 0: not shifted */
	assert_int_equal(s.n[1].sema, 0x4000);
	assert_int_equal(s.n[1].sema_off, 0x4000);	/* no segments */
	rb_elf_close(&e);
	(void)why;
}

static void test_synthetic(void **state)
{
	(void)state;
	synthetic(false);
	synthetic(true);
}

static int refused(const uint8_t *notes, size_t len, const char *msg)
{
	struct te_elf t;
	struct rb_elf e;
	struct seen s = { 0 };
	const char *why;
	int err;

	te_init(&t, false, EM_X86_64);
	te_section(&t, ".note.stapsdt", SHT_NOTE, 0, notes, len, 0, 0);
	te_finish(&t);
	assert_int_equal(rb_elf_open(&e, t.buf, t.size, NULL), 0);
	err = rb_usdt_notes(&e, keep, &s, &why);
	rb_elf_close(&e);
	if (!strstr(why, msg))
		fail_msg("'%s' lacks '%s'", why, msg);
	return err;
}

static void test_malformed(void **state)
{
	struct te_elf t;
	uint8_t n[256] = { 0 };
	size_t len;

	(void)state;
	te_init(&t, false, EM_X86_64);
	len = note(&t, n, "stapsdt", 3, 1, 0, 0, strs, sizeof(strs));
	/* cut: the descriptor runs past the section */
	assert_int_equal(refused(n, len - 8, "past the end"), -EBADMSG);
	/* strings without their last NUL */
	len = note(&t, n, "stapsdt", 3, 1, 0, 0, "a\0b\0c", 5);
	assert_int_equal(refused(n, len, "not terminated"), -EBADMSG);
	/* a descriptor too short for its addresses */
	te_put32(&t, n + 4, 20);
	assert_int_equal(refused(n, 12 + 8 + 20, "shorter"), -EBADMSG);
	/* namesz near UINT32_MAX must not wrap */
	te_put32(&t, n, UINT32_MAX);
	assert_int_equal(refused(n, 64, "past the end"), -EBADMSG);
}

#ifdef RB_HAVE_SDT
struct probe_want { const char *name; int types; bool sema; };

static void real(const char *path, const struct probe_want *w, int nw)
{
	struct rb_elf e;
	struct seen s = { 0 };
	const char *why;
	char *buf;
	size_t len, cap;
	int i, j, text;

	assert_int_equal(rb_slurp_path(NULL, path, 4096, &buf, &len, &cap), 0);
	/* a 32-bit target's binaries are ELF32 */
	assert_int_equal(rb_elf_open_class(&e, buf, len, NULL, true), 0);
	assert_int_equal(rb_usdt_notes(&e, keep, &s, &why), 0);
	assert_int_equal(s.cnt, nw);
	text = rb_elf_section_by_name(&e, ".text");
	assert_true(text > 0);
	for (i = 0; i < nw; i++) {
		struct rb_usdt_spec spec;
		char msg[160];
		int types = 0;

		for (j = 0; j < s.cnt && strcmp(s.n[j].name, w[i].name); j++)
			;
		assert_true(j < s.cnt);
		/* the site is an instruction of .text, found by file offset */
		assert_true(s.n[j].ip_off >= e.sh[text].offset &&
			    s.n[j].ip_off < e.sh[text].offset + e.sh[text].size);
		assert_int_equal(!!s.n[j].sema, w[i].sema);
		if (w[i].sema) {
			int probes = rb_elf_section_by_name(&e, ".probes");

			assert_true(probes > 0);
			assert_int_equal(s.n[j].sema_off, e.sh[probes].offset +
					 (s.n[j].sema - e.sh[probes].addr));
		}
		if (rb_usdt_parse_args(e.machine, s.args[j], &spec, msg, sizeof(msg))) {
			/* the notes were read; the argument forms of a machine
			 * rawbpf has no registers for (mips) are refused */
			if (strstr(msg, "are not supported")) {
				rb_elf_close(&e);
				rb_free(NULL, buf);
				print_message("[  SKIP    ] rawbpf lacks: %s\n", msg);
				skip();
			}
			fail_msg("%s: '%s': %s", w[i].name, s.args[j], msg);
		}
		for (int k = 0; k < spec.arg_cnt; k++)
			types |= 1 << spec.args[k].type;
		if (types != w[i].types)
			fail_msg("%s: '%s' has forms 0x%x, want 0x%x", w[i].name,
				 s.args[j], types, w[i].types);
	}
	rb_elf_close(&e);
	rb_free(NULL, buf);
}

#define REG (1 << RB_USDT_ARG_REG)
#define CONST (1 << RB_USDT_ARG_CONST)
#define DEREF (1 << RB_USDT_ARG_REG_DEREF)

static void test_real_binaries(void **state)
{
	const struct probe_want exe[] = {
		{ "regs", REG, false }, { "consts", CONST, false },
		{ "mem", DEREF, false }, { "sema", REG, true },
	};
	const struct probe_want lib[] = { { "lib", REG, false } };

	(void)state;
	real(RB_USDT_TARGET, exe, 4);
	real(RB_USDT_LIB, lib, 1);
}
#else
static void test_real_binaries(void **state)
{
	(void)state;
	skip();	/* no sys/sdt.h at build time (Debian: systemtap-sdt-dev) */
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_synthetic),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_real_binaries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
