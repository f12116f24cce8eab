// SPDX-License-Identifier: BSD-2-Clause
/* bpf_endian.c - rawbpf's BPF-side <bpf/bpf_endian.h> compiled for the
 * host: constant arguments fold at compile time (usable in case labels),
 * variable ones swap at run time, and both agree with the C library's
 * byte-order functions on this machine. */
#include <arpa/inet.h>
#include <endian.h>
#include <stdint.h>

#include "fixture.h"
#include "rawbpf/bpf/bpf_endian.h"

/* Constant expressions: these would not compile otherwise. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
_Static_assert(bpf_htons(0x1234) == 0x3412, "bpf_htons folds");
_Static_assert(bpf_htonl(0x12345678) == 0x78563412, "bpf_htonl folds");
#else
_Static_assert(bpf_htons(0x1234) == 0x1234, "bpf_htons folds");
_Static_assert(bpf_htonl(0x12345678) == 0x12345678, "bpf_htonl folds");
#endif
_Static_assert(__bpf_constant_ntohl(__bpf_constant_htonl(0x01020304)) == 0x01020304,
	       "ntohl undoes htonl");

static int port_kind(uint16_t port_be)
{
	switch (port_be) {
	case bpf_htons(80):
		return 1;
	case bpf_htons(443):
		return 2;
	}
	return 0;
}

static void test_constant_and_runtime_agree(void **state)
{
	volatile uint16_t h = 0xa1b2;
	volatile uint32_t w = 0xa1b2c3d4;
	volatile uint64_t q = 0xa1b2c3d4e5f60718ULL;

	(void)state;
	assert_int_equal(bpf_htons(h), htons(0xa1b2));
	assert_int_equal(bpf_ntohs(h), ntohs(0xa1b2));
	assert_int_equal(bpf_htonl(w), htonl(0xa1b2c3d4));
	assert_int_equal(bpf_ntohl(w), ntohl(0xa1b2c3d4));
	assert_true(bpf_cpu_to_be64(q) == htobe64(0xa1b2c3d4e5f60718ULL));
	assert_true(bpf_be64_to_cpu(q) == be64toh(0xa1b2c3d4e5f60718ULL));
	assert_true(__bpf_constant_cpu_to_be64(0xa1b2c3d4e5f60718ULL) ==
		    htobe64(0xa1b2c3d4e5f60718ULL));
	assert_int_equal(__bpf_constant_htons(0xa1b2), htons(0xa1b2));
}

static void test_case_labels(void **state)
{
	(void)state;
	assert_int_equal(port_kind(htons(80)), 1);
	assert_int_equal(port_kind(htons(443)), 2);
	assert_int_equal(port_kind(htons(8080)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_constant_and_runtime_agree),
		cmocka_unit_test(test_case_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
