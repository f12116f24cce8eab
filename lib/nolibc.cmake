# lib/nolibc.cmake - the library without libc, for firmware that links it
# -static -nostdlib with its own _start. lib/sys's libc entry points
# (syscall, statfs, errno) become inline-asm system calls
# (lib/sys/arch/<arch>/syscall.h: x86-64, aarch64, riscv64) and the few
# libc functions the rest of the library calls (string, snprintf, qsort,
# strtoul, fnmatch, sysconf, an mmap allocator) come from lib/sys/nolibc/.
# The objects are compiled -ffreestanding -fno-builtin; libc's headers
# still give types and constants. The test hook (rb_sys_set_hook) works
# unchanged: it sits above syscall().
#
# Two ways in:
# - RAWBPF_NOLIBC=ON: the library itself (with the parts chosen in
#   lib/options.cmake) is the no-libc one. Tests, the CLI and the libc
#   examples are left out; examples/firmware is built.
# - otherwise, where the processor has inline-asm system calls and no
#   sanitizer is on: a second static library `rawbpf_nolibc` (the firmware
#   variant, every part OFF, plus lib/sys/nolibc) for examples/firmware and
#   its test.
# Included by the top CMakeLists.txt after lib/options.cmake.
option(RAWBPF_NOLIBC "Build the library without libc (inline-asm system calls)" OFF)

set(RAWBPF_NOLIBC_DIR ${PROJECT_SOURCE_DIR}/lib/sys/nolibc)
file(GLOB RAWBPF_NOLIBC_SOURCES CONFIGURE_DEPENDS ${RAWBPF_NOLIBC_DIR}/*.c)
list(FILTER RAWBPF_SOURCES EXCLUDE REGEX "/lib/sys/nolibc/")
list(FILTER RAWBPF_FIRMWARE_SOURCES EXCLUDE REGEX "/lib/sys/nolibc/")

if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64|aarch64|arm64|riscv64|i[3-6]86)$"
   AND CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
  set(RAWBPF_NOLIBC_POSSIBLE ON)
else()
  set(RAWBPF_NOLIBC_POSSIBLE OFF)
endif()

# -fno-stack-protector: the canary and __stack_chk_fail are libc's.
set(RAWBPF_NOLIBC_CFLAGS -ffreestanding -fno-builtin -fno-stack-protector)
# aarch64: atomics inline. The outline ones live in libgcc, whose
# constructor asks libc's __getauxval whether the CPU has LSE.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
  list(APPEND RAWBPF_NOLIBC_CFLAGS -mno-outline-atomics)
endif()
# gcc would turn the string functions' loops into calls to themselves
# (clang does not under -fno-builtin).
set(RAWBPF_NOLIBC_NO_LOOP_CALLS $<$<C_COMPILER_ID:GNU>:-fno-tree-loop-distribute-patterns>)
set_source_files_properties(${RAWBPF_NOLIBC_DIR}/string.c
  PROPERTIES COMPILE_OPTIONS ${RAWBPF_NOLIBC_NO_LOOP_CALLS})
# A no-libc program links with these: no start files, no libc, libgcc
# for what the compiler may call itself (128-bit arithmetic).
set(RAWBPF_NOLIBC_LDFLAGS -nostdlib -static $<$<C_COMPILER_ID:GNU>:-no-pie>)
set(RAWBPF_NOLIBC_LIBS gcc)

# rawbpf_nolibc_flags(TARGET): compile TARGET's sources without libc.
function(rawbpf_nolibc_flags target)
  target_compile_options(${target} PRIVATE ${RAWBPF_NOLIBC_CFLAGS})
  target_compile_definitions(${target} PRIVATE RAWBPF_NOLIBC)
endfunction()

if(RAWBPF_NOLIBC)
  if(NOT RAWBPF_NOLIBC_POSSIBLE)
    message(FATAL_ERROR "RAWBPF_NOLIBC: no inline-asm system calls for "
      "'${CMAKE_SYSTEM_PROCESSOR}' (x86_64, aarch64, riscv64, i386; gcc or clang)")
  endif()
  foreach(opt RAWBPF_TESTS RAWBPF_SANITIZE)
    if(${opt})
      message(FATAL_ERROR "RAWBPF_NOLIBC: ${opt} needs libc; set it OFF")
    endif()
  endforeach()
  list(APPEND RAWBPF_SOURCES ${RAWBPF_NOLIBC_SOURCES})
elseif(RAWBPF_NOLIBC_POSSIBLE AND NOT RAWBPF_SANITIZE AND RAWBPF_EXAMPLES)
  add_library(rawbpf_nolibc STATIC ${RAWBPF_FIRMWARE_SOURCES}
    ${RAWBPF_NOLIBC_SOURCES})
  target_include_directories(rawbpf_nolibc
    PUBLIC ${PROJECT_SOURCE_DIR}/include PRIVATE ${PROJECT_SOURCE_DIR}/lib)
  target_compile_definitions(rawbpf_nolibc PRIVATE ${RAWBPF_FIRMWARE_DEFS})
  set_target_properties(rawbpf_nolibc PROPERTIES C_VISIBILITY_PRESET hidden)
  rawbpf_nolibc_flags(rawbpf_nolibc)
endif()
