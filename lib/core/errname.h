/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * errname.h - names for the errors rawbpf reports, from a small table of
 * its own: strerror is not thread-safe and would pull libc's whole message
 * table into a static firmware build.
 */
#ifndef RB_CORE_ERRNAME_H
#define RB_CORE_ERRNAME_H

/* rb_errstr - "<short text> (<NAME>)" for -errno or errno @err, e.g.
 * "operation not permitted (EPERM)"; "error N" for one not in the table.
 * The string is static; the unknown case uses @buf (at least 24 bytes). */
const char *rb_errstr(int err, char *buf, unsigned int size);

/* RB_ERRSTR - rb_errstr with a scratch buffer of the enclosing statement. */
#define RB_ERRSTR(err) rb_errstr((err), (char[24]){ 0 }, 24)

#endif
