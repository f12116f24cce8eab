# cmake/rawbpf_vmlinux.cmake - a vmlinux.h made at build time by
# `rawbpf btf dump` from the build machine's kernel BTF, so no vmlinux.h is
# checked in or taken from elsewhere.
#
#   RAWBPF_VMLINUX_H (option, ON)  make it; OFF, or no BTF file, or a cross
#                                  build without RAWBPF_HOST_CLI: not made
#   RAWBPF_VMLINUX_BTF             the BTF read (/sys/kernel/btf/vmlinux)
#   RAWBPF_HOST_CLI                a rawbpf CLI that runs on the build
#                                  machine; default: the rawbpf_cli target,
#                                  or an installed package's rawbpf::cli
# Result: RAWBPF_VMLINUX_H_FILE = ${CMAKE_BINARY_DIR}/vmlinux/vmlinux.h (empty
# when not made), the custom target rawbpf_vmlinux_h, and
# RAWBPF_VMLINUX_H_CFLAGS (-DRAWBPF_VMLINUX_H -I<its dir>) for BPF objects
# that include "vmlinux.h"; make such objects DEPEND on the file.
option(RAWBPF_VMLINUX_H "Compile CO-RE BPF objects against a vmlinux.h dumped at build time" ON)
set(RAWBPF_VMLINUX_BTF /sys/kernel/btf/vmlinux CACHE FILEPATH "Kernel BTF for vmlinux.h")
set(RAWBPF_VMLINUX_H_FILE "")
set(RAWBPF_VMLINUX_H_CFLAGS "")

# (the CLI target may be defined after this file is included)
if(NOT RAWBPF_HOST_CLI AND RAWBPF_EXAMPLES AND NOT CMAKE_CROSSCOMPILING)
  set(RAWBPF_HOST_CLI $<TARGET_FILE:rawbpf_cli>)
  set(_rawbpf_cli_dep rawbpf_cli)
elseif(NOT RAWBPF_HOST_CLI AND TARGET rawbpf::cli AND NOT CMAKE_CROSSCOMPILING)
  # an installed package's CLI (rawbpfConfig includes this file after it)
  set(RAWBPF_HOST_CLI $<TARGET_FILE:rawbpf::cli>)
endif()
if(RAWBPF_VMLINUX_H AND RAWBPF_HOST_CLI AND EXISTS ${RAWBPF_VMLINUX_BTF})
  set(RAWBPF_VMLINUX_H_FILE ${CMAKE_BINARY_DIR}/vmlinux/vmlinux.h)
  file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/vmlinux)
  # written to a temporary name first: a failed dump leaves no header
  add_custom_command(OUTPUT ${RAWBPF_VMLINUX_H_FILE}
    COMMAND sh -c "\"$0\" btf dump \"$1\" > \"$2.$$$$\" && mv \"$2.$$$$\" \"$2\""
            ${RAWBPF_HOST_CLI} ${RAWBPF_VMLINUX_BTF} ${RAWBPF_VMLINUX_H_FILE}
    DEPENDS ${_rawbpf_cli_dep} ${RAWBPF_VMLINUX_BTF}
    COMMENT "rawbpf btf dump ${RAWBPF_VMLINUX_BTF} > vmlinux/vmlinux.h" VERBATIM)
  add_custom_target(rawbpf_vmlinux_h DEPENDS ${RAWBPF_VMLINUX_H_FILE})
  set(RAWBPF_VMLINUX_H_CFLAGS -DRAWBPF_VMLINUX_H -I${CMAKE_BINARY_DIR}/vmlinux)
endif()
