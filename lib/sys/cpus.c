// SPDX-License-Identifier: BSD-2-Clause
/* cpus.c - count possible CPUs from /sys/devices/system/cpu/possible. */
#include <errno.h>
#include <stdint.h>

#include "sys/cpus.h"
#include "sys/tracefs.h"

int rb_possible_cpus(void)
{
	uint64_t mask[RB_MAX_CPUS / 64];
	char buf[256];
	int err = rb_tfs_read_file("/sys/devices/system/cpu/possible", buf,
				   sizeof(buf));

	if (err < 0)
		return err;
	err = rb_parse_cpu_list(buf, mask, RB_MAX_CPUS);
	if (err < 0)
		return err;
	for (int i = RB_MAX_CPUS / 64 - 1; i >= 0; i--)
		if (mask[i])
			return i * 64 + 64 - __builtin_clzll(mask[i]);
	return -EIO;
}
