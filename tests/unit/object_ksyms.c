// SPDX-License-Identifier: BSD-2-Clause
/* object_ksyms.c - .ksyms externs without a kernel: collected from the
 * object's BTF at open (DATASEC rewritten into a union, VARs allocated
 * ints, extern FUNCs global), and patched by relocation as resolved:
 * typed variable -> ld_imm64 BPF_PSEUDO_BTF_ID, kfunc call ->
 * BPF_PSEUDO_KFUNC_CALL, &kfunc -> BTF id, weak absent -> 0 or a poisoned
 * call, typeless -> its address. */
#include <errno.h>
#include <string.h>

#include "fixture.h"
#include "rawbpf/object.h"
#include "object/object.h"
#include "object/ksyms.h"
#include "btf/btf.h"
#include "btf/core.h"

static struct rb_ksym *ksym(struct rawbpf_object *obj, const char *name)
{
	uint32_t i;

	for (i = 0; i < obj->nksyms; i++)
		if (!strcmp(obj->ksyms[i].name, name))
			return &obj->ksyms[i];
	fail_msg("no ksym %s", name);
	return NULL;
}

static struct bpf_insn *relocate(struct rawbpf_object *obj, const char *prog,
				 uint32_t *cnt, uint32_t *base)
{
	struct bpf_insn *insns = NULL;

	assert_int_equal(rb_obj_relocate(obj, rawbpf_object_find_program(obj, prog),
					 &insns, cnt, base, obj->nfuncs), 0);
	return insns;
}

static void test_typed_var(void **state)
{
	struct rawbpf_object *obj = NULL;
	struct bpf_insn *insns;
	uint32_t cnt, base[8], i;
	struct rb_ksym *x;
	int found = 0;

	(void)state;
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_ksym"), NULL, &obj), 0);
	assert_int_equal(obj->nksyms, 1);
	x = ksym(obj, "bpf_prog_active");
	assert_false(x->is_func);
	assert_true(x->type_id > 0);
	/* VAR allocated (the kernel takes no extern VARs), .ksyms a union */
	assert_int_equal(rb_btf_var_info(rb_btf_type_by_id(obj->btf, x->btf_id))->linkage,
			 RB_BTF_VAR_GLOBAL_ALLOCATED);
	assert_int_equal(rb_btf_find(obj->btf, ".ksyms", RB_BTF_KIND_DATASEC), -ENOENT);
	x->found = true;
	x->kid = 13786;
	insns = relocate(obj, "rb_ksym_xdp", &cnt, base);
	for (i = 0; i < cnt; i++)
		if (insns[i].code == (BPF_LD | BPF_IMM | BPF_DW) &&
		    insns[i].src_reg == BPF_PSEUDO_BTF_ID) {
			assert_int_equal(insns[i].imm, 13786);
			assert_int_equal(insns[i + 1].imm, 0);
			found++;
		}
	assert_int_equal(found, 1);
	rb_free(NULL, insns);
	rawbpf_object_close(obj);
}

static void test_kfuncs_and_weak(void **state)
{
	struct rawbpf_object *obj = NULL;
	struct bpf_insn *insns;
	uint32_t cnt, base[8], i, kcalls = 0, poisoned = 0, zero_ld = 0;

	(void)state;
	assert_int_equal(rawbpf_object_open_file(RB_BPF_OBJ("obj_extern"), NULL, &obj), 0);
	assert_int_equal(obj->nksyms, 4);
	assert_true(ksym(obj, "bpf_rcu_read_lock")->is_func);
	assert_int_equal(rb_btf_vlen(rb_btf_type_by_id(obj->btf,
			 ksym(obj, "bpf_rcu_read_lock")->btf_id)), RB_BTF_FUNC_GLOBAL);
	ksym(obj, "bpf_rcu_read_lock")->found = true;
	ksym(obj, "bpf_rcu_read_lock")->kid = 111;
	ksym(obj, "bpf_rcu_read_unlock")->found = true;
	ksym(obj, "bpf_rcu_read_unlock")->kid = 222;
	/* rb_no_such_kfunc and rb_no_such_ksym: weak, not found */
	insns = relocate(obj, "rb_extern_xdp", &cnt, base);
	for (i = 0; i < cnt; i++) {
		if (insns[i].code == (BPF_JMP | BPF_CALL) &&
		    insns[i].src_reg == BPF_PSEUDO_KFUNC_CALL) {
			assert_true(insns[i].imm == 111 || insns[i].imm == 222);
			kcalls++;
		}
		if (insns[i].code == (BPF_JMP | BPF_CALL) &&
		    insns[i].imm == RB_CORE_POISON_IMM)
			poisoned++;
		if (insns[i].code == (BPF_LD | BPF_IMM | BPF_DW) && !insns[i].src_reg &&
		    !insns[i].imm && !insns[i + 1].imm)
			zero_ld++;
		if (insns[i].code == (BPF_LD | BPF_IMM | BPF_DW))
			i++;
	}
	assert_int_equal(kcalls, 2);
	assert_int_equal(poisoned, 1);	/* the guarded call of the weak kfunc */
	assert_true(zero_ld >= 2);	/* &rb_no_such_ksym, &rb_no_such_kfunc */
	rb_free(NULL, insns);
	/* found: &kfunc becomes its BTF id */
	ksym(obj, "rb_no_such_kfunc")->found = true;
	ksym(obj, "rb_no_such_kfunc")->kid = 333;
	insns = relocate(obj, "rb_extern_xdp", &cnt, base);
	for (i = 0, kcalls = 0; i < cnt; i++)
		kcalls += insns[i].code == (BPF_LD | BPF_IMM | BPF_DW) &&
			  insns[i].src_reg == BPF_PSEUDO_BTF_ID && insns[i].imm == 333;
	assert_true(kcalls >= 1);	/* clang may load it twice */
	rb_free(NULL, insns);
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typed_var),
		cmocka_unit_test(test_kfuncs_and_weak),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
