// SPDX-License-Identifier: BSD-2-Clause
/*
 * attach.c - `rawbpf attach OBJ PROG [target options] [--pin PATH]`: load
 * one program of OBJ and attach it where its section name says, or, with
 * --usdt PATH:PROVIDER:NAME, to that USDT probe (a bare "usdt" section). Without
 * --pin it stays attached until SIGINT/SIGTERM and is detached then; with
 * --pin the link is pinned and left behind, and rawbpf exits.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "rawbpf/attach_auto.h"
#include "rawbpf/attach_net.h"
#include "rawbpf/attach_usdt.h"
#include "rawbpf/object.h"
#include "rawbpf/sys.h"

static const char *const kind_names[] = {
	[RAWBPF_ATTACH_KIND_LINK] = "link",
	[RAWBPF_ATTACH_KIND_PERF_EVENT] = "perf_event",
	[RAWBPF_ATTACH_KIND_PROG_ATTACH] = "prog_attach",
	[RAWBPF_ATTACH_KIND_NETLINK_XDP] = "netlink_xdp",
	[RAWBPF_ATTACH_KIND_NETLINK_TC] = "netlink_tc",
	[RAWBPF_ATTACH_KIND_SOCKOPT] = "sockopt",
	[RAWBPF_ATTACH_KIND_STRUCT_OPS_MAP] = "struct_ops_map",
};

static int open_target(const char *path, int dir)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | (dir ? O_DIRECTORY : 0));

	if (fd < 0)
		fprintf(stderr, "rawbpf: %s: %s\n", path, strerror(errno));
	return fd;
}

static int parse_args(int argc, char **argv, struct rawbpf_attach_section_opts *o,
		      const char **pin, const char **usdt, struct cli_btf *btf)
{
	for (int i = 3; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (cli_btf_arg(argc, argv, &i, btf))
			continue;
		if (!strcmp(a, "--link")) {
			o->mode = RAWBPF_ATTACH_MODE_LINK;
			continue;
		}
		if (!strcmp(a, "--legacy")) {
			o->mode = RAWBPF_ATTACH_MODE_LEGACY;
			continue;
		}
		if (!v)
			return -EINVAL;
		i++;
		if (!strcmp(a, "--pin"))
			*pin = v;
		else if (!strcmp(a, "--usdt"))
			*usdt = v;
		else if (!strcmp(a, "--dev"))
			o->ifindex = (int32_t)if_nametoindex(v);
		else if (!strcmp(a, "--ifindex"))
			o->ifindex = atoi(v);
		else if (!strcmp(a, "--cgroup"))
			o->cgroup_fd = open_target(v, 1);
		else if (!strcmp(a, "--netns"))
			o->netns_fd = open_target(v, 0);
		else if (!strcmp(a, "--map"))
			o->map_fd = rawbpf_sys_obj_get(v, NULL);
		else if (!strcmp(a, "--pid")) {
			/* uprobes: one process, or -1 (the default) every one;
			 * libbpf's 0 would be this CLI itself */
			o->pid = atoi(v);
			if (o->pid == 0 || o->pid < -1) {
				fprintf(stderr, "rawbpf: --pid %s: give a process id, or -1 for every process\n",
					v);
				return -EINVAL;
			}
		}
		else if (!strcmp(a, "--xdp-mode"))
			o->xdp_flags = !strcmp(v, "skb") ? RAWBPF_XDP_SKB_MODE :
				       !strcmp(v, "drv") ? RAWBPF_XDP_DRV_MODE :
				       !strcmp(v, "hw")  ? RAWBPF_XDP_HW_MODE : 0;
		else
			return -EINVAL;
		if (o->ifindex < 0 || o->cgroup_fd < 0 || o->netns_fd < 0 ||
		    o->map_fd < 0) {
			fprintf(stderr, "rawbpf: bad target %s %s\n", a, v);
			return -ENOENT;
		}
	}
	return 0;
}

static void close_targets(struct rawbpf_attach_section_opts *o)
{
	if (o->cgroup_fd > 0)
		close(o->cgroup_fd);
	if (o->netns_fd > 0)
		close(o->netns_fd);
	if (o->map_fd > 0)
		close(o->map_fd);
}

static uint32_t link_id(const struct rawbpf_attachment *at)
{
	struct rawbpf_link_info info;

	memset(&info, 0, sizeof(info));
	return rawbpf_attachment_info(at, &info) ? 0 : info.id;
}

int cli_attach(int argc, char **argv)
{
	char why[256] = "";
	RAWBPF_OPTS(rawbpf_attach_section_opts, ao, .err_msg = why,
		    .err_msg_size = sizeof(why));
	struct rawbpf_object *obj = NULL;
	struct rawbpf_program *prog;
	struct rawbpf_attachment *at = NULL;
	const char *pin = NULL, *usdt = NULL;
	struct cli_btf btf = { 0 };
	sigset_t set;
	int err, sig, rc = 1;

	if (argc < 3 || parse_args(argc, argv, &ao, &pin, &usdt, &btf)) {
		close_targets(&ao);	/* those opened before the bad one */
		return cli_usage();
	}
	if (cli_load_one(argv[1], argv[2], &btf, &obj, &prog))
		goto out;
	/* Block the signals first, so none is lost while attaching. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (usdt) {
		err = rawbpf_attach_usdt_spec(prog, ao.pid, usdt, NULL, &at);
		if (err)
			snprintf(why, sizeof(why), "%s", err == -EINVAL && !*rawbpf_object_error(obj) ?
				 "--usdt wants PATH:PROVIDER:NAME" : rawbpf_object_error(obj));
	} else {
		err = rawbpf_program_attach(prog, &ao, &at);
	}
	if (err) {
		fprintf(stderr, "rawbpf: attach %s: %s\n", argv[2],
			why[0] ? why : strerror(-err));
		goto out;
	}
	printf("attached\t%s\t%s\t%s\t%u\n", argv[2], rawbpf_program_section(prog),
	       kind_names[rawbpf_attachment_kind(at)], link_id(at));
	if (pin) {
		err = rawbpf_attachment_pin(at, pin);
		if (err) {
			fprintf(stderr, "rawbpf: pin %s: %s%s\n", pin, strerror(-err),
				err != -EOPNOTSUPP ? "" :
				rawbpf_attachment_fd(at) < 0 ?
				" (one link per probe site, no uprobe_multi before 6.6: nothing single to pin)" :
				" (only links can be pinned; try --link)");
			goto out;
		}
		printf("pinned\t%s\n", pin);
		rc = 0;
		goto out;	/* the pin keeps the link; our fds may go */
	}
	fflush(stdout);
	sigwait(&set, &sig);
	printf("detached\t%s\n", argv[2]);
	rc = 0;
out:
	rawbpf_attachment_destroy(at);
	rawbpf_object_close(obj);
	close_targets(&ao);
	return rc;
}
