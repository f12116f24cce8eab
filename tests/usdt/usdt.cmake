# USDT test targets (tests/usdt): a PIE with probes and a shared library
# with one, built with systemtap's sys/sdt.h (Debian: systemtap-sdt-dev).
# Without the header the USDT tests skip naming it.
include(CheckIncludeFile)
check_include_file(sys/sdt.h RAWBPF_HAVE_SDT_H)
if(RAWBPF_HAVE_SDT_H)
  set(dir ${PROJECT_SOURCE_DIR}/tests/usdt)
  add_library(rb_usdt_lib SHARED ${dir}/usdt_lib.c)
  add_executable(rb_usdt_target ${dir}/usdt_target.c ${dir}/usdt_target_mem.c
    ${dir}/usdt_target_sema.c)
  set_target_properties(rb_usdt_target PROPERTIES POSITION_INDEPENDENT_CODE ON
    BUILD_RPATH ${PROJECT_BINARY_DIR})
  target_link_options(rb_usdt_target PRIVATE -pie)
  # the argument forms are what the tests check: no sanitizer may move
  # register arguments to the stack
  target_compile_options(rb_usdt_target PRIVATE -O2 -fno-sanitize=all)
  target_compile_options(rb_usdt_lib PRIVATE -fno-sanitize=all)
  target_link_options(rb_usdt_target PRIVATE -fno-sanitize=all)
  target_link_options(rb_usdt_lib PRIVATE -fno-sanitize=all)
  set_source_files_properties(${dir}/usdt_target_mem.c PROPERTIES COMPILE_OPTIONS -O0)
  # clang picks memory for sys/sdt.h's default "nor" operands: registers
  # and constants only where the tests want those forms
  set_source_files_properties(${dir}/usdt_target.c ${dir}/usdt_target_sema.c
    ${dir}/usdt_lib.c PROPERTIES COMPILE_DEFINITIONS STAP_SDT_ARG_CONSTRAINT=nr)
  target_link_libraries(rb_usdt_target PRIVATE rb_usdt_lib)
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "^arm")	# uprobes: ARM code (tests.cmake)
    target_compile_options(rb_usdt_target PRIVATE -marm)
    target_compile_options(rb_usdt_lib PRIVATE -marm)
  endif()
  foreach(t test_unit_usdt_note test_kernel_attach_usdt)
    if(TARGET ${t})
      add_dependencies(${t} rb_usdt_target)
      target_compile_definitions(${t} PRIVATE RB_HAVE_SDT=1
        RB_USDT_TARGET="$<TARGET_FILE:rb_usdt_target>"
        RB_USDT_LIB="$<TARGET_FILE:rb_usdt_lib>")
    endif()
  endforeach()
endif()
