# Examples. The no-libc firmware program (examples/firmware/firmware.cmake)
# and, where the library has libc (not RAWBPF_NOLIBC), the others. The
# rawbpf CLI: one file per subcommand under examples/cli/, registered in
# the table in examples/cli/main.c.
include(${PROJECT_SOURCE_DIR}/examples/firmware/firmware.cmake)
if(RAWBPF_NOLIBC)
  return()
endif()
file(GLOB RAWBPF_CLI_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/cli/*.c)
add_executable(rawbpf_cli ${RAWBPF_CLI_SOURCES})
set_target_properties(rawbpf_cli PROPERTIES OUTPUT_NAME rawbpf)
# `gen skeleton` reads BTF with the library's internal parser (lib/btf,
# lib/elf: pure, linked from the static library); the generator itself
# stays out of the library. `rawbpf holders` reads XDP and tc attachments
# with the library's own netlink code (lib/sys/netlink.h, in the static
# library), and enters network namespaces from a thread.
find_package(Threads REQUIRED)
target_include_directories(rawbpf_cli PRIVATE ${PROJECT_SOURCE_DIR}/lib)
target_link_libraries(rawbpf_cli PRIVATE rawbpf Threads::Threads)
if(NOT RAWBPF_WITH_NETLINK)
  target_compile_definitions(rawbpf_cli PRIVATE RAWBPF_CLI_NO_NETLINK)
endif()

# The lifecycle demo: its BPF object is built into the binary
# (lifecycle_bpf[], lifecycle_bpf_size); a copy also sits in
# ${RAWBPF_BPF_DIR} as lifecycle.o.
add_executable(rawbpf-lifecycle ${PROJECT_SOURCE_DIR}/examples/lifecycle/lifecycle.c)
target_link_libraries(rawbpf-lifecycle PRIVATE rawbpf)
rawbpf_add_bpf_object(rawbpf-lifecycle ${PROJECT_SOURCE_DIR}/examples/lifecycle/lifecycle.bpf.c
  EMBED NAME lifecycle SYMBOL lifecycle_bpf OUTPUT_DIR ${RAWBPF_BPF_DIR})
set_target_properties(rawbpf-lifecycle PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/examples)

# The porting example (docs/porting-from-libbpf.md): a libbpf-bootstrap
# style tool, tracepoint + ring buffer + .rodata config, object embedded.
add_executable(rawbpf-exec-snoop ${PROJECT_SOURCE_DIR}/examples/porting/exec_snoop.c)
target_link_libraries(rawbpf-exec-snoop PRIVATE rawbpf)
rawbpf_add_bpf_object(rawbpf-exec-snoop ${PROJECT_SOURCE_DIR}/examples/porting/exec_snoop.bpf.c
  EMBED NAME exec_snoop_bpf SYMBOL exec_snoop_bpf
  INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/examples/porting)
set_target_properties(rawbpf-exec-snoop PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/examples)
