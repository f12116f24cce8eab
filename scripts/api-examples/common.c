#include <stdio.h>
#include <rawbpf/common.h>

/* Send the library's warnings and info lines to stderr. */
static void print_log(void *ctx, enum rawbpf_log_level level, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "rawbpf[%d]: %s\n", (int)level, msg);
}

int main(void)
{
	rawbpf_log_set(print_log, NULL, RAWBPF_LOG_INFO);
	/* ... open, load and attach objects ... */
	rawbpf_log_set(NULL, NULL, RAWBPF_LOG_WARN);
	return 0;
}
