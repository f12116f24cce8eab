#!/bin/sh
# tests/lint/libc_boundary.sh SRC_DIR - the libc boundary holds: no file of
# lib/ calls a libc function that can fail with errno except the wrappers
# in lib/sys/libc.c and lib/sys/raw.c (everything else goes through
# sys/libc.h) and, below them, the no-libc build's own syscall(), statfs(),
# fstatfs() and clock_gettime() in lib/sys/nolibc/unistd.c; and nothing in lib/ names an error through libc's message
# table (strerror, strerror_r, perror). Comment lines are skipped; a call
# is a name followed by '(' that is not a member (.x( or ->x() and not
# part of a longer name.
set -eu
src=${1:-.}
calls='open|openat|creat|read|pread|pread64|readv|write|pwrite|writev|close'
calls="$calls|mmap|mmap64|munmap|mremap|mprotect|fstat|stat|lstat|fstatat"
calls="$calls|statfs|fstatfs|readlink|readlinkat|fcntl|dup|dup2|dup3|ioctl"
calls="$calls|socket|bind|connect|sendto|sendmsg|send|recv|recvfrom|recvmsg"
calls="$calls|setsockopt|getsockopt|mount|umount|umount2|mkdir|mkdirat|rmdir"
calls="$calls|unlink|unlinkat|epoll_create|epoll_create1|epoll_ctl"
calls="$calls|epoll_wait|epoll_pwait|opendir|fdopendir|readdir|closedir"
calls="$calls|fopen|fdopen|fclose|fread|fgets|getline|syscall|uname|access"
calls="$calls|faccessat|pipe|pipe2|poll|eventfd|realpath|getrlimit|setrlimit"
calls="$calls|clock_gettime|strerror|strerror_r|perror"
found=$(cd "$src" && grep -rnE "(^|[^.>[:alnum:]_])($calls)\(" \
	lib --include='*.c' --include='*.h' |
	grep -vE '^lib/sys/(libc|raw|nolibc/unistd)\.c:' |
	grep -vE '^[^:]+:[0-9]+:[[:space:]]*(\*|/\*|//)' || true)
if [ -n "$found" ]; then
	echo "libc calls outside the lib/sys boundary (use sys/libc.h):"
	echo "$found"
	exit 1
fi
echo "libc boundary: clean"
