// SPDX-License-Identifier: BSD-2-Clause
/* slurp.c - read a whole file or fd into memory; see slurp.h. */
#include <errno.h>
#include <fcntl.h>

#include "core/mem.h"
#include "core/slurp.h"
#include "sys/libc.h"

int rb_slurp_fd(const struct rawbpf_allocator *a, int fd, size_t start,
		char **out, size_t *len, size_t *cap_out)
{
	size_t cap = start < 2 ? 2 : start, n = 0;
	char *buf = rb_alloc(a, cap);
	int err = 0;

	if (!buf)
		return -ENOMEM;
	for (;;) {
		long r;

		if (n + 1 >= cap) {
			char *nb = cap > SIZE_MAX / 2 ? NULL :
				   rb_resize(a, buf, cap * 2);

			if (!nb) {
				err = -ENOMEM;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		r = rb_sys_read(fd, buf + n, cap - 1 - n);
		if (r == -EINTR)
			continue;
		if (r < 0)
			err = (int)r;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	if (err) {
		rb_free(a, buf);
		return err;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	*cap_out = cap;
	return 0;
}

int rb_slurp_path(const struct rawbpf_allocator *a, const char *path,
		  size_t start, char **out, size_t *len, size_t *cap)
{
	int fd = rb_sys_open(path, O_RDONLY), err;

	if (fd < 0)
		return fd;
	err = rb_slurp_fd(a, fd, start, out, len, cap);
	rb_sys_close(fd);
	return err;
}
