// SPDX-License-Identifier: BSD-2-Clause
/* skel_types.bpf.c - global variables of the type shapes the skeleton's
 * BTF-to-C writer must spell (unit/gen_skeleton compiles the header; its
 * _Static_asserts compare every size and offset with the BPF object's):
 * self-referential and mutually referring structs through pointers,
 * function pointers, anonymous unions and structs, bitfields, a packed
 * struct, const pointers and pointers to const, arrays of pointers, 2-D
 * arrays, typedef chains, a forward-declared struct, enums, floats. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct st_list {
	struct st_list *next;
	struct st_other *other;		/* defined after */
	long (*cb)(struct st_list *self, int n, const char *s);
	void (*fns[2])(void);
};

struct st_other {
	struct st_list head;
	union {
		__u64 u;
		struct {
			__u32 lo;
			__u32 hi;
		};
		char bytes[8];
	} v;
	unsigned int flag_a : 1;
	unsigned int flag_b : 3;
	signed int small : 5;
	__u16 after_bits;
};

struct st_packed {
	char c;
	__u32 x;
	__u16 y;
} __attribute__((packed));

struct st_opaque;

enum st_color { ST_RED = -1, ST_GREEN = 1, ST_BLUE = 0x7fffffff };

typedef __u64 st_u64_t;
typedef st_u64_t st_u64_2_t;
typedef struct st_other st_other_t;

struct st_list g_list;
st_other_t g_other;
struct st_packed g_packed;
struct st_packed g_packed_arr[3];
struct st_opaque *g_opaque;
const char *g_str_ptr;
char *const g_const_ptr = 0;
int *g_ptr_arr[4];
__u8 g_grid[3][5];
st_u64_2_t g_chain = 7;
enum st_color g_color = ST_BLUE;
float g_float = 1.5f;
double g_double;
_Bool g_bool;
volatile __s64 g_volatile;
const volatile int g_cv_arr[2] = { 1, 2 };

SEC("socket")
int skel_types(struct __sk_buff *skb)
{
	g_chain += g_other.v.lo + g_packed.x + g_grid[1][2] + g_cv_arr[1];
	return g_color == ST_BLUE;
}

char LICENSE[] SEC("license") = "GPL";
