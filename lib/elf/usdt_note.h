/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * usdt_note.h - USDT probe sites from an ELF's .note.stapsdt (systemtap's
 * sys/sdt.h): pure, over an rb_elf already opened on the caller's buffer.
 *
 * Each note (type 3, owner "stapsdt") holds the probe's address, the link
 * address of .stapsdt.base, the semaphore address (0: none), then the
 * provider, name and argument strings. A prelinked file moved
 * .stapsdt.base: the address is shifted by the same amount. Addresses
 * become file offsets (what a uprobe wants) through the PT_LOAD segments,
 * which works alike for executables, PIEs and shared libraries.
 */
#ifndef RB_ELF_USDT_NOTE_H
#define RB_ELF_USDT_NOTE_H

#include <stdint.h>

#include "elf/elf.h"

struct rb_usdt_note {
	const char *provider;	/* point into the buffer */
	const char *name;
	const char *args;	/* e.g. "-4@%eax 8@-8(%rbp)", "" for none */
	uint64_t ip;		/* address, after the .stapsdt.base shift */
	uint64_t ip_off;	/* file offset of ip */
	uint64_t sema;		/* semaphore address, 0: none */
	uint64_t sema_off;	/* its file offset, 0: none */
};

/* rb_usdt_note_fn - called per note; non-zero stops the walk. */
typedef int (*rb_usdt_note_fn)(void *ctx, const struct rb_usdt_note *n);

/* rb_usdt_notes - call @fn for each USDT note of @e in file order. Returns
 * 0, @fn's first non-zero value, or -EBADMSG (malformed note; e->err
 * cannot be set on a const e, so @why gets the reason). No notes: 0. */
int rb_usdt_notes(const struct rb_elf *e, rb_usdt_note_fn fn, void *ctx,
		  const char **why);

#endif
