# examples/firmware: rawbpf-firmware, a static program without libc (its
# own _start in start.c) on the no-libc library: `rawbpf` itself when
# RAWBPF_NOLIBC is ON, else the firmware variant `rawbpf_nolibc`
# (lib/nolibc.cmake). Its BPF object is built into it (firmware_bpf[]).
if(RAWBPF_NOLIBC)
  set(_fw_lib rawbpf)
elseif(TARGET rawbpf_nolibc)
  set(_fw_lib rawbpf_nolibc)
else()
  return()
endif()
set(_fw ${PROJECT_SOURCE_DIR}/examples/firmware)
add_executable(rawbpf-firmware ${_fw}/firmware.c ${_fw}/start.c)
rawbpf_nolibc_flags(rawbpf-firmware)
# lib/ for sys/arch/syscall.h: the example's own write/exit/getpid/mount
target_include_directories(rawbpf-firmware PRIVATE ${PROJECT_SOURCE_DIR}/lib)
target_link_options(rawbpf-firmware PRIVATE ${RAWBPF_NOLIBC_LDFLAGS})
target_link_libraries(rawbpf-firmware PRIVATE ${_fw_lib} ${RAWBPF_NOLIBC_LIBS})
rawbpf_add_bpf_object(rawbpf-firmware ${_fw}/firmware.bpf.c
  EMBED NAME firmware SYMBOL firmware_bpf
  OUTPUT_DIR ${PROJECT_BINARY_DIR}/examples/bpf)
set_target_properties(rawbpf-firmware PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/examples)
