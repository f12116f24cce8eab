# Tests of rawbpf's BPF-side headers (include/rawbpf/bpf) and of the
# generator of their helper declarations.

# compat.bpf.c compiles for every kernel architecture bpf_tracing.h knows,
# for x86 also as with a vmlinux.h, and with bpf-gcc: a build failure is a
# test failure.
set(RAWBPF_HEADERS_TEST_DIR ${PROJECT_SOURCE_DIR}/tests/headers)
# x86 takes the build machine's x86-64 uapi <asm/ptrace.h> (arch_regs.h);
# a cross build's asm/ is the target's, so that one is named first.
set(RAWBPF_HEADERS_X86_INCLUDE "")
if(CMAKE_CROSSCOMPILING AND RAWBPF_BPF_CLANG)
  execute_process(COMMAND ${RAWBPF_BPF_CLANG} -print-multiarch
    OUTPUT_VARIABLE _rawbpf_build_multiarch OUTPUT_STRIP_TRAILING_WHITESPACE
    ERROR_QUIET)
  if(_rawbpf_build_multiarch AND IS_DIRECTORY /usr/include/${_rawbpf_build_multiarch})
    set(RAWBPF_HEADERS_X86_INCLUDE /usr/include/${_rawbpf_build_multiarch})
  endif()
endif()
foreach(arch x86 arm arm64 s390 mips powerpc sparc riscv arc loongarch)
  set(extra "")
  if(arch STREQUAL "x86")
    set(extra ${RAWBPF_HEADERS_X86_INCLUDE})
  endif()
  rawbpf_add_bpf_object(bpf_objects ${RAWBPF_HEADERS_TEST_DIR}/compat.bpf.c
    ARCH ${arch} NAME compat_${arch} OUTPUT_DIR ${RAWBPF_BPF_DIR}/headers
    INCLUDE_DIRS ${RAWBPF_HEADERS_TEST_DIR} ${extra})
endforeach()
# usdt.bpf.h for every architecture whose USDT arguments rawbpf reads.
foreach(arch x86 arm arm64 s390 powerpc riscv)
  set(extra "")
  if(arch STREQUAL "x86")
    set(extra ${RAWBPF_HEADERS_X86_INCLUDE})
  endif()
  rawbpf_add_bpf_object(bpf_objects ${RAWBPF_HEADERS_TEST_DIR}/usdt_arch.bpf.c
    ARCH ${arch} NAME usdt_${arch} OUTPUT_DIR ${RAWBPF_BPF_DIR}/headers
    INCLUDE_DIRS ${RAWBPF_HEADERS_TEST_DIR} ${extra})
endforeach()
rawbpf_add_bpf_object(bpf_objects ${RAWBPF_HEADERS_TEST_DIR}/compat.bpf.c
  NAME compat_vmlinux OUTPUT_DIR ${RAWBPF_BPF_DIR}/headers
  INCLUDE_DIRS ${RAWBPF_HEADERS_TEST_DIR} DEFINES __VMLINUX_H__)
if(RAWBPF_BPF_GCC)
  rawbpf_add_bpf_object(bpf_objects ${RAWBPF_HEADERS_TEST_DIR}/compat.bpf.c
    COMPILER GCC NAME gcc_compat OUTPUT_DIR ${RAWBPF_BPF_DIR}/headers
    INCLUDE_DIRS ${RAWBPF_HEADERS_TEST_DIR})
endif()

# Every BPF object of the build used rawbpf's headers and no libbpf-dev one.
get_property(RAWBPF_BPF_DEPFILES_ALL GLOBAL PROPERTY RAWBPF_BPF_DEPFILES)
add_test(NAME unit/bpf_headers_deps COMMAND ${CMAKE_COMMAND}
  "-DDEPFILES=${RAWBPF_BPF_DEPFILES_ALL}" -DOURS=${RAWBPF_BPF_INCLUDE_DIR}
  -P ${RAWBPF_HEADERS_TEST_DIR}/check_deps.cmake)
# ... and the check does catch a libbpf-dev header, or another copy.
# (The messages are matched on single words: CMake wraps them at spaces.)
set(OURS ${RAWBPF_BPF_INCLUDE_DIR})
configure_file(${RAWBPF_HEADERS_TEST_DIR}/data/other_copy.d.in
  ${PROJECT_BINARY_DIR}/headers_test/other_copy.d @ONLY)
add_test(NAME unit/bpf_headers_deps_libbpf COMMAND ${CMAKE_COMMAND}
  -DDEPFILES=${RAWBPF_HEADERS_TEST_DIR}/data/libbpf_dev.d -DOURS=${OURS}
  -P ${RAWBPF_HEADERS_TEST_DIR}/check_deps.cmake)
set_tests_properties(unit/bpf_headers_deps_libbpf PROPERTIES
  PASS_REGULAR_EXPRESSION "libbpf-dev.*/usr/include/bpf/bpf_helpers.h")
add_test(NAME unit/bpf_headers_deps_other COMMAND ${CMAKE_COMMAND}
  -DDEPFILES=${PROJECT_BINARY_DIR}/headers_test/other_copy.d -DOURS=${OURS}
  -P ${RAWBPF_HEADERS_TEST_DIR}/check_deps.cmake)
set_tests_properties(unit/bpf_headers_deps_other PROPERTIES
  PASS_REGULAR_EXPRESSION "/opt/vendor/libbpf/include/bpf/bpf_tracing.h,")
set_tests_properties(unit/bpf_headers_deps unit/bpf_headers_deps_libbpf
  unit/bpf_headers_deps_other PROPERTIES LABELS unit)

# The committed helper declarations are what the generator makes from this
# machine's uapi bpf.h (skipped, exit 77, when that header is another
# version than the one they were made from), and the generator itself.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME unit/bpf_helper_defs_current COMMAND ${Python3_EXECUTABLE}
    ${PROJECT_SOURCE_DIR}/scripts/gen-bpf-helpers.py /usr/include/linux/bpf.h
    --check ${PROJECT_SOURCE_DIR}/include/rawbpf/bpf/bpf_helper_defs.h)
  set_tests_properties(unit/bpf_helper_defs_current PROPERTIES
    LABELS unit SKIP_RETURN_CODE 77)
  add_test(NAME unit/gen_bpf_helpers COMMAND ${Python3_EXECUTABLE}
    ${RAWBPF_HEADERS_TEST_DIR}/test_gen_bpf_helpers.py
    ${PROJECT_SOURCE_DIR}/scripts/gen-bpf-helpers.py)
  set_tests_properties(unit/gen_bpf_helpers PROPERTIES LABELS unit)
endif()

# The same compat.bpf.c compiles unchanged against libbpf-dev's headers
# (where installed; only for comparison, never part of the build).
if(RAWBPF_BPF_CLANG AND EXISTS /usr/include/bpf/bpf_helpers.h)
  set(uapi "")
  foreach(dir ${RAWBPF_BPF_UAPI_INCLUDE_DIRS})
    list(APPEND uapi -I${dir})
  endforeach()
  if(RAWBPF_BPF_ASM_INCLUDE_DIR)
    list(APPEND uapi -idirafter ${RAWBPF_BPF_ASM_INCLUDE_DIR})
  endif()
  add_test(NAME unit/bpf_headers_libbpf_compiles COMMAND ${RAWBPF_BPF_CLANG}
    -target bpf -O2 -g -Wall -Werror -D__TARGET_ARCH_${RAWBPF_BPF_TARGET_ARCH}
    -I${RAWBPF_HEADERS_TEST_DIR} ${uapi} -c ${RAWBPF_HEADERS_TEST_DIR}/compat.bpf.c
    -o ${PROJECT_BINARY_DIR}/headers_test/compat_libbpf.o)
  set_tests_properties(unit/bpf_headers_libbpf_compiles PROPERTIES LABELS unit)
endif()

# cmake/rawbpf_bpf.cmake from a consumer project: EMBED under the default
# symbol, and each misuse stopped with its message (matched on words that
# CMake's line wrapping cannot split).
set(helper_cross "")
if(CMAKE_CROSSCOMPILING AND CMAKE_TOOLCHAIN_FILE)
  string(REPLACE ";" "|" emulator "${CMAKE_CROSSCOMPILING_EMULATOR}")
  set(helper_cross -DTOOLCHAIN=${CMAKE_TOOLCHAIN_FILE} -DCROSS=${RAWBPF_CROSS}
    -DCROSS_PREFIX=${RAWBPF_CROSS_PREFIX} "-DEMULATOR=${emulator}")
endif()
foreach(c
    "embed=embedded [0-9]+ bytes match"
    "not_a_target='no_such_target' is not a target"
    "no_source=no source file"
    "skeleton=no[ \n]+rawbpf CLI to generate it"
    "vmlinux_h=VMLINUX_H needs[ \n]+a vmlinux.h"
    "name_two_sources=SKELETON_NAME[ \n]+need[ \n]+a[ \n]+single[ \n]+source"
    "bad_compiler=not[ \n]+'ICC'"
    "embed_no_asm=enable the ASM[ \n]+language"
    "bad_arch=ARCH[ \n]+'vax'")
  string(REPLACE "=" ";" c "${c}")
  list(GET c 0 case)
  list(GET c 1 expect)
  add_test(NAME unit/bpf_cmake_helper_${case} COMMAND ${CMAKE_COMMAND}
    -DCASE=${case} -DSRC=${PROJECT_SOURCE_DIR} -DCC=${CMAKE_C_COMPILER}
    -DWORK=${PROJECT_BINARY_DIR}/headers_test/helper_${case} ${helper_cross}
    -P ${RAWBPF_HEADERS_TEST_DIR}/helper/run_case.cmake)
  set_tests_properties(unit/bpf_cmake_helper_${case} PROPERTIES LABELS unit
    PASS_REGULAR_EXPRESSION "${expect}")
endforeach()
# SKELETON from a consumer project, with the CLI given as RAWBPF_CLI. Not
# in a sanitizer build: the consumer links the instrumented library without
# the sanitizer runtime (the gcc suite runs it).
if(TARGET rawbpf_cli AND NOT RAWBPF_SANITIZE)
  add_test(NAME unit/bpf_cmake_helper_skeleton_cli COMMAND ${CMAKE_COMMAND}
    -DCASE=skeleton_cli -DSRC=${PROJECT_SOURCE_DIR} -DCC=${CMAKE_C_COMPILER}
    -DRAWBPF_CLI=$<TARGET_FILE:rawbpf_cli> -DRAWBPF_LIB=$<TARGET_FILE:rawbpf>
    -DWORK=${PROJECT_BINARY_DIR}/headers_test/helper_skeleton_cli
    -P ${RAWBPF_HEADERS_TEST_DIR}/helper/run_case.cmake)
  set_tests_properties(unit/bpf_cmake_helper_skeleton_cli PROPERTIES
    LABELS unit PASS_REGULAR_EXPRESSION "skeleton opens")
endif()
