// SPDX-License-Identifier: BSD-2-Clause
/*
 * object_struct_ops.c - struct_ops maps of an object, end to end: a TCP
 * congestion control written in BPF (tests/bpf/struct_ops_cc*.bpf.c) is
 * registered, a loopback TCP connection in the test's netns selects it by
 * name and exchanges data, its callbacks count, and once unregistered the
 * name is gone (setsockopt ENOENT).
 * - `.struct_ops` (registration by BPF_MAP_UPDATE_ELEM, 5.6): the
 *   registration holds the map, not any fd; BPF_MAP_DELETE_ELEM ends it.
 * - `.struct_ops.link` (6.4): a struct_ops link registers; closing it
 *   unregisters; BPF_LINK_UPDATE swaps in another map.
 * Kernels without BPF trampolines (this machine) cannot run struct_ops
 * programs: the test skips naming that; Debian's 6.1 runs it (tests/vm).
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fixture.h"
#include "kernel_features.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

#define ENOTSUPP_K 524	/* the kernel's internal ENOTSUPP */

struct counts {
	uint64_t init, ssthresh, cong_avoid, undo;
};

static void get_counts(struct rawbpf_object *obj, struct counts *c)
{
	assert_int_equal(rawbpf_object_get_global(obj, "rb_init_calls", &c->init, 8), 0);
	assert_int_equal(rawbpf_object_get_global(obj, "rb_ssthresh_calls", &c->ssthresh, 8), 0);
	assert_int_equal(rawbpf_object_get_global(obj, "rb_cong_avoid_calls",
						  &c->cong_avoid, 8), 0);
	assert_int_equal(rawbpf_object_get_global(obj, "rb_undo_calls", &c->undo, 8), 0);
}

/* Object @name opened in a netns of its own (the kernel's BTF checked). */
static struct rawbpf_object *open_obj(const char *name)
{
	struct rawbpf_object *obj = NULL;
	struct rb_netns ns;
	char path[512];

	rb_require_kernel();
	/* the value type and the hooks are the kernel's BTF */
	rb_need(RB_FEAT_KERNEL_BTF);
	assert_int_equal(rb_netns_enter(&ns), 0);
	snprintf(path, sizeof(path), "%s/%s.o", RAWBPF_BPF_DIR, name);
	assert_int_equal(rawbpf_object_open_file(path, NULL, &obj), 0);
	return obj;
}

/* @obj loaded, or a skip when the kernel cannot run struct_ops programs
 * (no BPF trampoline: the programs or the registration fail). */
static struct rawbpf_object *load_opened(struct rawbpf_object *obj)
{
	int err = rawbpf_object_load(obj);

	if (err == -EPERM || err == -EOPNOTSUPP || err == -ENOTSUPP_K) {
		print_message("load: %s\n", rawbpf_object_error(obj));
		rawbpf_object_close(obj);
		rb_skip_feature("struct_ops (BPF trampoline: struct_ops program load fails, %d)",
				err);
	}
	assert_int_equal(err, 0);
	return obj;
}

static struct rawbpf_object *load(const char *name)
{
	return load_opened(open_obj(name));
}

/* Register @map, or skip when the kernel cannot make the trampolines. */
static struct rawbpf_attachment *attach(struct rawbpf_object *obj,
					const char *map)
{
	struct rawbpf_attachment *at = NULL;
	int err;

	err = rawbpf_attach_struct_ops(rawbpf_object_find_map(obj, map), &at);
	if (err == -EOPNOTSUPP || err == -ENOTSUPP_K) {
		rawbpf_object_close(obj);
		rb_skip_feature("struct_ops (BPF trampoline: registration fails, %d)", err);
	}
	assert_int_equal(err, 0);
	return at;
}

/* A TCP connection over 127.0.0.1 whose client selects congestion control
 * @cc before connecting and sends 1 MB; the name getsockopt reports after
 * into @got. 0, or setsockopt's -errno (nothing sent). */
static int tcp_with(const char *cc, char got[16])
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	static char buf[16384];
	int l, c, s, i, err = 0;
	ssize_t n, left;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(l >= 0 && c >= 0);
	assert_int_equal(bind(l, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(l, 1), 0);
	assert_int_equal(getsockname(l, (struct sockaddr *)&a, &len), 0);
	if (setsockopt(c, IPPROTO_TCP, TCP_CONGESTION, cc, (socklen_t)strlen(cc))) {
		err = -errno;
		goto out;
	}
	assert_int_equal(connect(c, (struct sockaddr *)&a, sizeof(a)), 0);
	s = accept(l, NULL, NULL);
	assert_true(s >= 0);
	memset(buf, 'x', sizeof(buf));
	for (i = 0; i < 64; i++) {	/* send a chunk, read it back out */
		assert_int_equal(send(c, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
		for (left = sizeof(buf); left > 0; left -= n) {
			n = recv(s, buf, (size_t)left, 0);
			assert_true(n > 0);
		}
	}
	len = 16;
	memset(got, 0, 16);
	assert_int_equal(getsockopt(c, IPPROTO_TCP, TCP_CONGESTION, got, &len), 0);
	close(s);
out:
	close(c);
	close(l);
	return err;
}

/* rawbpf_object_attach registers struct_ops maps (libbpf's skeleton
 * attach does too); rawbpf_object_detach unregisters them. */
static void test_object_attach(void **state)
{
	struct rawbpf_object *obj = load("struct_ops_cc");
	char got[16];
	int err;

	(void)state;
	err = rawbpf_object_attach(obj);
	if (err == -EOPNOTSUPP || err == -ENOTSUPP_K) {
		rawbpf_object_close(obj);
		rb_skip_feature("struct_ops (BPF trampoline: registration fails, %d)", err);
	}
	assert_int_equal(err, 0);
	assert_int_equal(tcp_with("rb_cc", got), 0);
	assert_string_equal(got, "rb_cc");
	rawbpf_object_detach(obj);
	assert_int_equal(tcp_with("rb_cc", got), -ENOENT);
	/* a map value registers once: the object must be loaded again */
	assert_int_equal(rawbpf_object_attach(obj), -EBUSY);
	assert_non_null(strstr(rawbpf_object_error(obj), "struct_ops map rb_cc_ops"));
	rawbpf_object_close(obj);
}

/* The map's data as libbpf's shadow struct (a skeleton's struct_ops.<map>,
 * rawbpf_map_initial_value): its name changed and init cleared before
 * load register a congestion control under the new name whose init never
 * runs, and rb_cc_init, serving nothing, is not loaded. */
static void test_shadow_before_load(void **state)
{
	struct rawbpf_object *obj = open_obj("struct_ops_cc");
	struct rawbpf_program *init = rawbpf_object_find_program(obj, "rb_cc_init");
	struct rawbpf_attachment *at;
	struct rawbpf_program *slot;
	struct counts c;
	char got[16];
	uint8_t *d;
	size_t size;

	(void)state;
	d = rawbpf_map_initial_value(rawbpf_object_find_map(obj, "rb_cc_ops"), &size);
	assert_non_null(d);
	assert_int_equal(size, 48);	/* struct_ops_cc.h's tcp_congestion_ops */
	memcpy(&slot, d + 24, sizeof(slot));
	assert_ptr_equal(slot, init);
	memset(d + 24, 0, 8);		/* .init = NULL */
	strcpy((char *)d + 32, "rb_cc_sk");
	load_opened(obj);
	assert_true(rawbpf_program_fd(init) < 0);
	at = attach(obj, "rb_cc_ops");
	assert_int_equal(tcp_with("rb_cc", got), -ENOENT);
	assert_int_equal(tcp_with("rb_cc_sk", got), 0);
	assert_string_equal(got, "rb_cc_sk");
	get_counts(obj, &c);
	assert_int_equal(c.init, 0);
	assert_true(c.cong_avoid >= 1);	/* the other members still serve */
	rawbpf_attachment_destroy(at);
	rawbpf_object_close(obj);
}

static uint32_t map_id(struct rawbpf_object *obj, const char *name)
{
	struct bpf_map_info info;
	uint32_t len = sizeof(info);

	memset(&info, 0, sizeof(info));
	assert_int_equal(rawbpf_sys_obj_get_info_by_fd(
		rawbpf_map_fd(rawbpf_object_find_map(obj, name)), &info, &len), 0);
	return info.id;
}

static void test_map_registers_and_unregisters(void **state)
{
	struct rawbpf_object *obj = load("struct_ops_cc");
	struct rawbpf_map *m = rawbpf_object_find_map(obj, "rb_cc_ops");
	struct rawbpf_attachment *at, *again = NULL;
	struct counts c;
	char got[16];

	(void)state;
	assert_non_null(m);
	assert_int_equal(rawbpf_map_type(m), BPF_MAP_TYPE_STRUCT_OPS);
	/* not registered by load */
	assert_int_equal(tcp_with("rb_cc", got), -ENOENT);
	at = attach(obj, "rb_cc_ops");
	assert_int_equal(rawbpf_attachment_kind(at), RAWBPF_ATTACH_KIND_STRUCT_OPS_MAP);
	assert_int_equal(tcp_with("rb_cc", got), 0);
	assert_string_equal(got, "rb_cc");
	get_counts(obj, &c);
	assert_true(c.init >= 1);		/* the connection took it */
	assert_true(c.cong_avoid >= 1);	/* acks of the data */
	/* one registration per map value */
	assert_int_equal(rawbpf_attach_struct_ops(m, &again), -EBUSY);
	assert_null(again);
	assert_int_equal(rawbpf_attachment_update(at, 3, -1), -EOPNOTSUPP);
	rawbpf_attachment_destroy(at);
	assert_int_equal(tcp_with("rb_cc", got), -ENOENT);
	rawbpf_object_close(obj);
}

/* The registration holds the map: with every fd closed (object closed,
 * handle disowned and destroyed) the congestion control stays; deleting
 * the map's value by id ends it. */
static void test_registration_holds_map(void **state)
{
	struct rawbpf_object *obj = load("struct_ops_cc");
	struct rawbpf_attachment *at = attach(obj, "rb_cc_ops");
	uint32_t id, key = 0;
	char got[16];
	int fd;

	(void)state;
	id = map_id(obj, "rb_cc_ops");
	rawbpf_object_close(obj);
	rawbpf_attachment_disown(at);
	rawbpf_attachment_destroy(at);
	assert_true(rb_id_stays(rb_map_id_exists, id, 100));
	assert_int_equal(tcp_with("rb_cc", got), 0);
	assert_string_equal(got, "rb_cc");
	fd = rawbpf_sys_map_get_fd_by_id(id, 0);
	assert_true(fd > 2);
	assert_int_equal(rawbpf_sys_map_delete_elem(fd, &key), 0);
	close(fd);
	assert_int_equal(tcp_with("rb_cc", got), -ENOENT);
	assert_int_equal(rb_wait_id_gone(rb_map_id_exists, id, 2000), 0);
}

static void test_link_registers_and_updates(void **state)
{
	struct rawbpf_object *obj;
	struct rawbpf_attachment *at;
	struct rawbpf_link_info li;
	struct counts before, after;
	char got[16];

	(void)state;
	rb_require_kernel();
	rb_need(RB_FEAT_KERNEL_BTF);
	if (!rb_have(RB_FEAT_STRUCT_OPS_LINK)) {	/* the load says why */
		assert_int_equal(rawbpf_object_open_file(RAWBPF_BPF_DIR "/struct_ops_cc_link.o",
							 NULL, &obj), 0);
		assert_int_equal(rawbpf_object_load(obj), -EINVAL);
		assert_non_null(strstr(rawbpf_object_error(obj),
				       "map rb_ccl_ops: BPF_MAP_CREATE"));
		assert_non_null(strstr(rawbpf_object_error(obj),
				       "(a .struct_ops.link map, BPF_F_LINK, needs 6.4)"));
		rawbpf_object_close(obj);
	}
	rb_need(RB_FEAT_STRUCT_OPS_LINK);
	obj = load("struct_ops_cc_link");
	assert_int_equal(tcp_with("rb_ccl", got), -ENOENT);	/* load: value only */
	at = attach(obj, "rb_ccl_ops");
	assert_int_equal(rawbpf_attachment_kind(at), RAWBPF_ATTACH_KIND_LINK);
	assert_int_equal(rawbpf_attachment_info(at, &li), 0);
	assert_int_equal(li.type, BPF_LINK_TYPE_STRUCT_OPS);
	assert_int_equal(li.struct_ops.map_id, map_id(obj, "rb_ccl_ops"));
	assert_int_equal(tcp_with("rb_ccl", got), 0);
	assert_string_equal(got, "rb_ccl");
	get_counts(obj, &before);
	assert_true(before.init >= 1);
	assert_true(before.cong_avoid >= 1);
	/* the second map has no init: connections after the swap do not count */
	assert_int_equal(rawbpf_attachment_update(at,
		rawbpf_map_fd(rawbpf_object_find_map(obj, "rb_ccl_ops2")),
		rawbpf_map_fd(rawbpf_object_find_map(obj, "rb_ccl_ops"))), 0);
	assert_int_equal(rawbpf_attachment_info(at, &li), 0);
	assert_int_equal(li.struct_ops.map_id, map_id(obj, "rb_ccl_ops2"));
	assert_int_equal(tcp_with("rb_ccl", got), 0);
	get_counts(obj, &after);
	assert_int_equal(after.init, before.init);
	assert_true(after.cong_avoid > before.cong_avoid);
	rawbpf_attachment_destroy(at);
	assert_int_equal(tcp_with("rb_ccl", got), -ENOENT);
	rawbpf_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_map_registers_and_unregisters, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_registration_holds_map, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_link_registers_and_updates, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_object_attach, rb_fixture_teardown),
		cmocka_unit_test_teardown(test_shadow_before_load, rb_fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
