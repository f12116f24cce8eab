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
set_tests_properties(unit/api_doc unit/api_doc_selftest unit/readme_examples
  PROPERTIES LABELS unit)

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
