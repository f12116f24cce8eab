/tmp/x.o: /tmp/x.bpf.c /usr/include/linux/bpf.h \
  /usr/include/bpf/bpf_helpers.h /usr/include/bpf/bpf_helper_defs.h
