/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * btf_layout.h - prove a dumped C header reproduces the BTF's layout:
 * write C that includes the header and static_asserts sizeof/offsetof of
 * every (non-bitfield) member, and a function checking bitfields at run
 * time (which bits a member sets), then compile it with the C compiler.
 */
#ifndef RB_TEST_BTF_LAYOUT_H
#define RB_TEST_BTF_LAYOUT_H

#include <stdio.h>
#include <stddef.h>

struct rb_btf;

/* rb_layout_checks - append to @f checks for named type @id of @btf (a
 * struct, union, enum or typedef) under the C name @cname ("struct foo");
 * returns the number of checks written. */
int rb_layout_checks(FILE *f, const struct rb_btf *btf, unsigned id, const char *cname);
/* rb_layout_all - checks for every named type of @btf (names taken as is). */
int rb_layout_all(FILE *f, const struct rb_btf *btf);
/* rb_layout_prologue/epilogue - the includes and the bitfield helper; the
 * run-time function `int rb_layout_bitfields(void)` (failures returned). */
void rb_layout_prologue(FILE *f, const char *header);
void rb_layout_epilogue(FILE *f);

/* rb_dump_file - dump @blob (@len bytes) as C into @path; 0 or -errno. */
int rb_dump_file(const void *blob, size_t len, const char *path, unsigned format);
/* rb_run - run shell command @cmd, output into @out; its exit code. */
int rb_run(const char *cmd, char *out, size_t size);

#endif
