// SPDX-License-Identifier: BSD-2-Clause
/* logcap.c - see logcap.h. */
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "logcap.h"

static const char tag[] = { 'W', 'I', 'D' };

void rb_logcap_fn(void *ctx, enum rawbpf_log_level level, const char *msg)
{
	struct rb_logcap *c = ctx;
	int n;

	if ((unsigned)level < 3)
		c->count[level]++;
	n = snprintf(c->text + c->len, sizeof(c->text) - c->len, "%c: %s\n",
		     (unsigned)level < 3 ? tag[level] : '?', msg);
	if (n > 0 && (size_t)n < sizeof(c->text) - c->len)
		c->len += (size_t)n;
}

static void stop(void *arg)
{
	(void)arg;
	rawbpf_log_set(NULL, NULL, RAWBPF_LOG_WARN);
}

void rb_logcap_start(struct rb_logcap *c, enum rawbpf_log_level max)
{
	memset(c, 0, sizeof(*c));
	rawbpf_log_set(rb_logcap_fn, c, max);
	rb_fixture_add_cleanup(stop, NULL);
}

int rb_logcap_has(const struct rb_logcap *c, enum rawbpf_log_level level,
		  const char *needle)
{
	const char *line = c->text;

	while (*line) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);

		if ((unsigned)level < 3 && line[0] == tag[level] &&
		    memmem(line, n, needle, strlen(needle)))
			return 1;
		line += n + (end ? 1 : 0);
	}
	return 0;
}
