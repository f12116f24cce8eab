/* SPDX-License-Identifier: BSD-2-Clause */
/* cpus.h - the number of possible CPUs, as per-CPU maps and perf buffers
 * count them. Internal. */
#ifndef RB_SYS_CPUS_H
#define RB_SYS_CPUS_H

/* RB_MAX_CPUS - the most CPUs rawbpf counts. */
#define RB_MAX_CPUS 4096

/* rb_possible_cpus - highest CPU in /sys/devices/system/cpu/possible + 1;
 * -errno if it cannot be read or parsed. */
int rb_possible_cpus(void);

#endif
