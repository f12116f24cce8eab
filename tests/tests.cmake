# Tests: every tests/unit/*.c and tests/kernel/*.c is one cmocka program and
# one ctest test, labelled `unit` or `kernel`. They link the static library
# (so they can reach internal functions) and the shared fixture code.
find_library(CMOCKA_LIB cmocka REQUIRED)
# A cross build finds the target's cmocka.h under its own prefix
# (cmake/toolchains/cross.cmake), not in the compiler's default path.
find_path(CMOCKA_INCLUDE_DIR cmocka.h REQUIRED)
file(GLOB RAWBPF_TEST_COMMON CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/common/*.c)
add_library(rawbpf_testcommon STATIC ${RAWBPF_TEST_COMMON})
target_include_directories(rawbpf_testcommon PUBLIC
  ${PROJECT_SOURCE_DIR}/tests/common ${PROJECT_SOURCE_DIR}/lib)
target_include_directories(rawbpf_testcommon SYSTEM PUBLIC ${CMOCKA_INCLUDE_DIR})
target_link_libraries(rawbpf_testcommon PUBLIC rawbpf ${CMOCKA_LIB})
# 32-bit ARM kernels put uprobes on ARM code only, and Debian's armhf
# compiler makes Thumb-2: the tests' own probe targets are ARM code.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^arm")
  target_compile_options(rawbpf_testcommon PUBLIC -marm)
endif()
target_compile_definitions(rawbpf_testcommon PUBLIC
  RAWBPF_BPF_DIR="${RAWBPF_BPF_DIR}"
  RAWBPF_BUILD_DIR="${PROJECT_BINARY_DIR}"
  RAWBPF_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

foreach(label unit kernel)
  file(GLOB srcs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/${label}/*.c)
  foreach(src ${srcs})
    get_filename_component(name ${src} NAME_WE)
    set(exe test_${label}_${name})
    add_executable(${exe} ${src})
    target_link_libraries(${exe} PRIVATE rawbpf_testcommon)
    # Tests of uprobes look up their own symbols.
    target_link_options(${exe} PRIVATE -rdynamic)
    add_dependencies(${exe} bpf_objects)
    add_test(NAME ${label}/${name} COMMAND ${exe})
    set_tests_properties(${label}/${name} PROPERTIES LABELS ${label} TIMEOUT 300)
    if(label STREQUAL "kernel")
      # Kernel tests share one kernel; the leak check brackets them all.
      set_tests_properties(${label}/${name} PROPERTIES RUN_SERIAL TRUE
        FIXTURES_REQUIRED kernel_leaks)
    endif()
  endforeach()
endforeach()

# The libbpf oracle of kernel/object_libbpf_parity (tests/parity): the one
# test program that links libbpf (libbpf-dev), never the library. Without
# libbpf-dev the parity test skips, naming it.
find_library(RAWBPF_ORACLE_LIBBPF NAMES bpf)
find_path(RAWBPF_ORACLE_LIBBPF_H bpf/libbpf.h)
if(RAWBPF_ORACLE_LIBBPF AND RAWBPF_ORACLE_LIBBPF_H)
  add_executable(libbpf_oracle ${PROJECT_SOURCE_DIR}/tests/parity/libbpf_oracle.c
    ${PROJECT_SOURCE_DIR}/tests/common/bpf_elf_cut.c)
  target_include_directories(libbpf_oracle PRIVATE
    ${PROJECT_SOURCE_DIR}/tests/common ${RAWBPF_ORACLE_LIBBPF_H})
  target_link_libraries(libbpf_oracle PRIVATE ${RAWBPF_ORACLE_LIBBPF})
  add_dependencies(test_kernel_object_libbpf_parity libbpf_oracle)
endif()
# ~400 object loads on each side: minutes under qemu TCG (tests/vm)
set_tests_properties(kernel/object_libbpf_parity PROPERTIES TIMEOUT 900)

# The skeleton acceptance test: skel_test.skel.h generated at build time by
# the project's own CLI (needs RAWBPF_EXAMPLES for it).
if(TARGET rawbpf_cli)
  add_executable(test_kernel_skeleton ${PROJECT_SOURCE_DIR}/tests/skel/skeleton.c)
  target_link_libraries(test_kernel_skeleton PRIVATE rawbpf_testcommon)
  rawbpf_add_bpf_object(test_kernel_skeleton
    ${PROJECT_SOURCE_DIR}/tests/bpf/skel_test.bpf.c SKELETON)
  add_test(NAME kernel/skeleton COMMAND test_kernel_skeleton)
  set_tests_properties(kernel/skeleton PROPERTIES LABELS kernel TIMEOUT 300
    RUN_SERIAL TRUE FIXTURES_REQUIRED kernel_leaks)
  # every test object's skeleton compiles, strictly, with gcc and clang
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  add_test(NAME unit/gen_skeleton COMMAND ${Python3_EXECUTABLE}
    ${PROJECT_SOURCE_DIR}/tests/skel/check_gen.py --cli $<TARGET_FILE:rawbpf_cli>
    --bpf-dir ${RAWBPF_BPF_DIR} --include ${PROJECT_SOURCE_DIR}/include
    --workdir ${PROJECT_BINARY_DIR}/gen_skeleton --cc ${CMAKE_C_COMPILER}
    --cc gcc --cc clang)
  set_tests_properties(unit/gen_skeleton PROPERTIES LABELS unit TIMEOUT 300)
endif()
include(${PROJECT_SOURCE_DIR}/tests/usdt/usdt.cmake)

# The no-libc build (lib/nolibc.cmake): its libc pieces against the real
# libc (unit), and the firmware example on this kernel (kernel): it loads,
# links a tracepoint, counts, pins and unpins, and prints one line.
# Not in a sanitizer build: its renamed libc functions run beside ASan's
# interceptors, and the no-libc library is never instrumented.
if(RAWBPF_NOLIBC_POSSIBLE AND NOT RAWBPF_SANITIZE)
  add_executable(test_unit_nolibc_libc ${PROJECT_SOURCE_DIR}/tests/nolibc/libc.c)
  target_link_libraries(test_unit_nolibc_libc PRIVATE rawbpf_testcommon)
  target_compile_options(test_unit_nolibc_libc PRIVATE
    -fno-builtin ${RAWBPF_NOLIBC_NO_LOOP_CALLS})
  add_test(NAME unit/nolibc_libc COMMAND test_unit_nolibc_libc)
  set_tests_properties(unit/nolibc_libc PROPERTIES LABELS unit TIMEOUT 300)
endif()
if(TARGET rawbpf_nolibc)
  # the sys hook in the no-libc library: a -nostdlib program of its own
  add_executable(test_unit_nolibc_hook ${PROJECT_SOURCE_DIR}/tests/nolibc/hook.c
    ${PROJECT_SOURCE_DIR}/examples/firmware/start.c)
  rawbpf_nolibc_flags(test_unit_nolibc_hook)
  target_include_directories(test_unit_nolibc_hook PRIVATE ${PROJECT_SOURCE_DIR}/lib)
  target_link_options(test_unit_nolibc_hook PRIVATE ${RAWBPF_NOLIBC_LDFLAGS})
  target_link_libraries(test_unit_nolibc_hook PRIVATE rawbpf_nolibc ${RAWBPF_NOLIBC_LIBS})
  rawbpf_add_bpf_object(test_unit_nolibc_hook
    ${PROJECT_SOURCE_DIR}/examples/firmware/firmware.bpf.c
    EMBED NAME nolibc_hook SYMBOL hook_bpf OUTPUT_DIR ${RAWBPF_BPF_DIR})
  add_test(NAME unit/nolibc_hook COMMAND test_unit_nolibc_hook)
  set_tests_properties(unit/nolibc_hook PROPERTIES LABELS unit TIMEOUT 300)
endif()
if(TARGET rawbpf-firmware AND NOT CMAKE_CROSSCOMPILING)
  add_test(NAME kernel/firmware COMMAND rawbpf-firmware)
  set_tests_properties(kernel/firmware PROPERTIES LABELS kernel TIMEOUT 300
    RUN_SERIAL TRUE FIXTURES_REQUIRED kernel_leaks)
endif()

# Docs that must follow the code: docs/api.md is generated from the headers
# (and the headers keep the naming scheme and a summary per function); the
# README's C examples compile and link against the shared library.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME unit/api_doc COMMAND ${Python3_EXECUTABLE}
  ${PROJECT_SOURCE_DIR}/scripts/gen-api-doc.py --check)
add_test(NAME unit/api_doc_selftest COMMAND ${Python3_EXECUTABLE}
  ${PROJECT_SOURCE_DIR}/scripts/gen-api-doc.py --selftest)
add_test(NAME unit/readme_examples COMMAND ${Python3_EXECUTABLE}
  ${PROJECT_SOURCE_DIR}/tests/readme_examples.py --cc ${CMAKE_C_COMPILER}
  --include ${PROJECT_SOURCE_DIR}/include --lib $<TARGET_FILE:rawbpf_shared>
  --readme ${PROJECT_SOURCE_DIR}/README.md
  --workdir ${PROJECT_BINARY_DIR}/readme_examples
  "--cflags=$<$<BOOL:${RAWBPF_SANITIZE}>:-fsanitize=address,undefined>")
# docs/api.md's example per header compiles and links the same way.
add_test(NAME unit/api_examples COMMAND ${Python3_EXECUTABLE}
  ${PROJECT_SOURCE_DIR}/tests/readme_examples.py --cc ${CMAKE_C_COMPILER}
  --include ${PROJECT_SOURCE_DIR}/include --lib $<TARGET_FILE:rawbpf_shared>
  --readme ${PROJECT_SOURCE_DIR}/docs/api.md "--after=Example \\(" --min 14
  --workdir ${PROJECT_BINARY_DIR}/api_examples
  "--cflags=$<$<BOOL:${RAWBPF_SANITIZE}>:-fsanitize=address,undefined>")
set_tests_properties(unit/api_doc unit/api_doc_selftest unit/readme_examples
  unit/api_examples PROPERTIES LABELS unit)

# The `rawbpf holders` outputs in docs/semantics.md are the ones the kernel
# test kernel/cli_holders wrote to build/holders-doc.txt.
if(TARGET rawbpf_cli)
  add_test(NAME kernel/holders_doc COMMAND ${Python3_EXECUTABLE}
    ${PROJECT_SOURCE_DIR}/scripts/check-holders-doc.py
    --doc ${PROJECT_SOURCE_DIR}/docs/semantics.md
    --generated ${PROJECT_BINARY_DIR}/holders-doc.txt)
  set_tests_properties(kernel/holders_doc PROPERTIES LABELS kernel
    FIXTURES_REQUIRED holders_doc)
  set_tests_properties(kernel/cli_holders PROPERTIES FIXTURES_SETUP holders_doc)
  add_test(NAME unit/holders_doc_selftest COMMAND ${Python3_EXECUTABLE}
    ${PROJECT_SOURCE_DIR}/scripts/check-holders-doc.py --selftest)
  set_tests_properties(unit/holders_doc_selftest PROPERTIES LABELS unit)
endif()

# Minimized BTF on the libbpf-tools corpus: every tool's programs load or
# fail alike against the kernel's BTF and against its `rawbpf btf min`
# output, with /sys/kernel/btf hidden (docs/btf.md has the table).
if(TARGET rawbpf_cli)
  add_test(NAME kernel/btf_min_tools COMMAND ${Python3_EXECUTABLE}
    ${PROJECT_SOURCE_DIR}/tests/kernel/btf_min_tools.py --cli $<TARGET_FILE:rawbpf_cli>)
  set_tests_properties(kernel/btf_min_tools PROPERTIES LABELS kernel TIMEOUT 600
    RUN_SERIAL TRUE SKIP_RETURN_CODE 77 FIXTURES_REQUIRED kernel_leaks)
endif()

# A program that snapshots kernel state before the kernel tests and checks
# after them that nothing was left behind (ids, pins, netns, cgroups).
add_executable(kernel_leakcheck ${PROJECT_SOURCE_DIR}/tests/leakcheck.c)
target_link_libraries(kernel_leakcheck PRIVATE rawbpf_testcommon)
add_test(NAME kernel/leakcheck_before COMMAND kernel_leakcheck before ${PROJECT_BINARY_DIR}/leakcheck.state)
add_test(NAME kernel/leakcheck_after COMMAND kernel_leakcheck after ${PROJECT_BINARY_DIR}/leakcheck.state)
set_tests_properties(kernel/leakcheck_before PROPERTIES LABELS kernel FIXTURES_SETUP kernel_leaks RUN_SERIAL TRUE)
set_tests_properties(kernel/leakcheck_after PROPERTIES LABELS kernel FIXTURES_CLEANUP kernel_leaks RUN_SERIAL TRUE)

if(EXISTS ${PROJECT_SOURCE_DIR}/tests/bench/bench.cmake)
  include(${PROJECT_SOURCE_DIR}/tests/bench/bench.cmake)
endif()
if(EXISTS ${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz.cmake)
  include(${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz.cmake)
endif()

# The README's main job runs as a kernel test too: it exits non-zero if any
# step misbehaves or anything is left behind.
if(TARGET rawbpf-lifecycle)
  add_test(NAME kernel/example_lifecycle COMMAND rawbpf-lifecycle)
  set_tests_properties(kernel/example_lifecycle PROPERTIES LABELS kernel
    RUN_SERIAL TRUE FIXTURES_REQUIRED kernel_leaks TIMEOUT 120)
endif()

# rawbpf's BPF-side headers: compile checks, the dependency-file check, the
# helper generator.
include(${PROJECT_SOURCE_DIR}/tests/headers/headers.cmake)

# The libc boundary (lib/sys/libc.h) and no strerror in lib/: a grep.
add_test(NAME unit/libc_boundary
  COMMAND sh ${CMAKE_SOURCE_DIR}/tests/lint/libc_boundary.sh ${CMAKE_SOURCE_DIR})
set_tests_properties(unit/libc_boundary PROPERTIES LABELS unit)

# Every public function that can fail has an errno-kept test: a grep.
add_test(NAME unit/errno_coverage
  COMMAND sh ${CMAKE_SOURCE_DIR}/tests/lint/errno_coverage.sh ${CMAKE_SOURCE_DIR})
set_tests_properties(unit/errno_coverage PROPERTIES LABELS unit)
