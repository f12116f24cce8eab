// SPDX-License-Identifier: BSD-2-Clause
/*
 * kernel_version.c - LINUX_VERSION_CODE from uname strings seen on real
 * systems (Debian's release hides the sublevel, Ubuntu's is in
 * /proc/version_signature, sublevels past 255 are clamped), and the running
 * kernel's code against the one the kernel itself puts in the vDSO's note.
 */
#include <elf.h>
#include <link.h>	/* ElfW */
#include <string.h>
#include <sys/auxv.h>
#include <sys/utsname.h>

#include "fixture.h"
#include "kernel/version.h"

#define KV(a, b, c) ((uint32_t)(a) << 16 | (uint32_t)(b) << 8 | (uint32_t)(c))

static void test_parse(void **state)
{
	(void)state;
	assert_int_equal(rb_kver_parse("6.18.44"), KV(6, 18, 44));
	assert_int_equal(rb_kver_parse("5.4"), KV(5, 4, 0));
	assert_int_equal(rb_kver_parse("6.8.0-rc1"), KV(6, 8, 0));
	assert_int_equal(rb_kver_parse("6.8-rc1"), KV(6, 8, 0));
	assert_int_equal(rb_kver_parse("4.14.302-g1234abcd"), KV(4, 14, 255));
	assert_int_equal(rb_kver_parse("4.9.255"), KV(4, 9, 255));
	assert_int_equal(rb_kver_parse("4.9.256"), KV(4, 9, 255));
	assert_int_equal(rb_kver_parse(""), 0);
	assert_int_equal(rb_kver_parse("abc"), 0);
	assert_int_equal(rb_kver_parse("6"), 0);
	assert_int_equal(rb_kver_parse("6."), 0);
	assert_int_equal(rb_kver_parse("300.1.1"), 0);
	assert_int_equal(rb_kver_parse(NULL), 0);
}

static void test_distros(void **state)
{
	(void)state;
	/* Debian 12: the release says 6.1.0, the kernel is 6.1.76 */
	assert_int_equal(rb_kver_from("6.1.0-18-amd64",
				      "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)", NULL),
			 KV(6, 1, 76));
	/* Debian 11, 10 (sublevel past 255: clamped), a backport */
	assert_int_equal(rb_kver_from("5.10.0-28-amd64",
				      "#1 SMP Debian 5.10.209-2 (2024-01-31)", NULL),
			 KV(5, 10, 209));
	assert_int_equal(rb_kver_from("4.19.0-26-amd64",
				      "#1 SMP Debian 4.19.304-1 (2024-01-09)", NULL),
			 KV(4, 19, 255));
	assert_int_equal(rb_kver_from("6.6.13+bpo-amd64",
				      "#1 SMP PREEMPT_DYNAMIC Debian 6.6.13-1~bpo12+1 (2024-02-15)",
				      NULL),
			 KV(6, 6, 13));
	/* Debian's i386 and s390x kernels of the VM matrix */
	assert_int_equal(rb_kver_from("6.1.0-27-686-pae",
				      "#1 SMP PREEMPT_DYNAMIC Debian 6.1.115-1 (2024-11-01)", NULL),
			 KV(6, 1, 115));
	/* Ubuntu: the signature file wins over uname */
	assert_int_equal(rb_kver_from("5.15.0-91-generic",
				      "#101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023",
				      "Ubuntu 5.15.0-91.101-generic 5.15.131\n"),
			 KV(5, 15, 131));
	assert_int_equal(rb_kver_from("4.15.0-213-generic", "#224-Ubuntu SMP",
				      "Ubuntu 4.15.0-213.224-generic 4.15.18\n"),
			 KV(4, 15, 18));
	/* a signature that does not parse: back to uname */
	assert_int_equal(rb_kver_from("5.15.0-91-generic", "#101-Ubuntu SMP", "garbage\n"),
			 KV(5, 15, 0));
	/* the rest: the release */
	assert_int_equal(rb_kver_from("6.7.4-200.fc39.x86_64",
				      "#1 SMP PREEMPT_DYNAMIC Mon Feb  5 22:21:14 UTC 2024", NULL),
			 KV(6, 7, 4));
	assert_int_equal(rb_kver_from("6.7.4-arch1-1", "#1 SMP PREEMPT_DYNAMIC", NULL),
			 KV(6, 7, 4));
	/* "Debian" without a version after it */
	assert_int_equal(rb_kver_from("6.1.0-18-amd64", "#1 SMP Debian build", NULL),
			 KV(6, 1, 0));
	assert_int_equal(rb_kver_from("weird", "nothing", NULL), 0);
}

/* vdso_version - LINUX_VERSION_CODE from the vDSO's "Linux" note; 0 if none. */
static uint32_t vdso_version(void)
{
	const ElfW(Ehdr) *eh = (const void *)getauxval(AT_SYSINFO_EHDR);
	const ElfW(Phdr) *ph;	/* the host's class: a 32-bit vDSO is ELF32 */
	int i;

	if (!eh)
		return 0;
	ph = (const void *)((const char *)eh + eh->e_phoff);
	for (i = 0; i < eh->e_phnum; i++) {
		const char *p = (const char *)eh + ph[i].p_offset, *end = p + ph[i].p_filesz;

		if (ph[i].p_type != PT_NOTE)
			continue;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *n = (const void *)p;
			const char *name = p + sizeof(*n);
			const char *desc = name + ((n->n_namesz + 3) & ~3u);

			if (n->n_namesz == 6 && !memcmp(name, "Linux", 6) && n->n_type == 0 &&
			    n->n_descsz == 4)
				return *(const uint32_t *)desc;
			p = desc + ((n->n_descsz + 3) & ~3u);
		}
	}
	return 0;
}

static void test_running_kernel(void **state)
{
	uint32_t vdso = vdso_version();
	int64_t v = rb_kernel_version(NULL);

	(void)state;
	assert_true(v > 0);
	assert_int_equal(rb_kernel_version(NULL), v);	/* cached, same */
	if (!vdso)
		skip();		/* no vDSO note on this architecture */
	assert_int_equal(v, vdso);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_distros),
		cmocka_unit_test(test_running_kernel),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
