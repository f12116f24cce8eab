// SPDX-License-Identifier: BSD-2-Clause
/* buf.c - map info, epoll, mmap and page size, shared by ringbuf.c and
 * perfbuf.c; mmap and EPOLL_CTL_ADD pass a test hook that can fail them. */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <unistd.h>

#include "rawbpf/sys.h"
#include "map/buf.h"
#include "sys/raw.h"

/* The head of struct bpf_map_info (4.13), all this file needs. */
struct map_info_head {
	uint32_t type;
	uint32_t id;
	uint32_t key_size;
	uint32_t value_size;
	uint32_t max_entries;
	uint32_t map_flags;
};

int rb_buf_map_info(int fd, uint32_t *type, uint32_t *max_entries)
{
	struct map_info_head info;
	uint32_t len = sizeof(info);
	int err;

	memset(&info, 0, sizeof(info));
	err = rawbpf_sys_obj_get_info_by_fd(fd, &info, &len);
	if (err)
		return err;
	*type = info.type;
	*max_entries = info.max_entries;
	return 0;
}

int rb_buf_epoll(void)
{
	int fd = epoll_create1(EPOLL_CLOEXEC);

	return fd < 0 ? -errno : rb_fd_above_stdio(fd);
}

static int (*buf_hook)(void *ctx, enum rb_buf_op op);
static void *buf_hook_ctx;

void rb_buf_set_hook(int (*hook)(void *ctx, enum rb_buf_op op), void *ctx)
{
	buf_hook = hook;
	buf_hook_ctx = ctx;
}

/* The test hook's say on @op: 0 or the -errno to fail with. */
static int hooked(enum rb_buf_op op)
{
	return buf_hook ? buf_hook(buf_hook_ctx, op) : 0;
}

void *rb_buf_mmap(size_t len, int prot, int fd, size_t off, int *err)
{
	void *p;

	*err = hooked(RB_BUF_MMAP);
	if (*err)
		return NULL;
	p = mmap(NULL, len, prot, MAP_SHARED, fd, (off_t)off);
	if (p == MAP_FAILED) {
		*err = -errno;
		return NULL;
	}
	return p;
}

int rb_buf_epoll_add(int epfd, int fd, uint32_t tag)
{
	struct epoll_event ev;
	int err = hooked(RB_BUF_EPOLL_ADD);

	if (err)
		return err;

	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.u32 = tag;
	return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) ? -errno : 0;
}

size_t rb_buf_page_size(void)
{
	long p = sysconf(_SC_PAGESIZE);

	return p > 0 ? (size_t)p : 4096;
}

int rb_buf_add_count(int total, int res)
{
	if (res < 0)
		return res;
	return res > INT_MAX - total ? INT_MAX : total + res;
}
