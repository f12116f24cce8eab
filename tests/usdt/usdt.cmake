# USDT test targets (tests/usdt): a PIE with probes and a shared library
# with one, built with systemtap's sys/sdt.h (Debian: systemtap-sdt-dev).
# Without the header the USDT tests skip naming it.
include(CheckIncludeFile)
check_include_file(sys/sdt.h RAWBPF_HAVE_SDT_H)
# A cross build's compiler does not search /usr/include, where the build
# machine's systemtap-sdt-dev put sys/sdt.h. The header is the same for
# every architecture (its asm operands are the compiler's; it picks by the
# target's own macros): a copy of it (and sdt-config.h) serves the target.
# (sdt-config.h only says whether the assembler takes "?" in .pushsection:
# the cross binutils are the same version.) Debian puts them under the
# build machine's multiarch directory.
set(RAWBPF_SDT_INCLUDE "")
if(NOT RAWBPF_HAVE_SDT_H AND CMAKE_CROSSCOMPILING)
  file(GLOB _rb_sdt /usr/include/sys/sdt.h /usr/include/*/sys/sdt.h)
  if(_rb_sdt)
    list(GET _rb_sdt 0 _rb_sdt)
    get_filename_component(_rb_sdt_dir ${_rb_sdt} DIRECTORY)
    if(EXISTS ${_rb_sdt_dir}/sdt-config.h)
      set(RAWBPF_SDT_INCLUDE ${PROJECT_BINARY_DIR}/sdt-include)
      file(COPY ${_rb_sdt_dir}/sdt.h ${_rb_sdt_dir}/sdt-config.h
        DESTINATION ${RAWBPF_SDT_INCLUDE}/sys)
      set(RAWBPF_HAVE_SDT_H 1)
    endif()
  endif()
endif()
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
  if(RAWBPF_SDT_INCLUDE)
    target_include_directories(rb_usdt_target PRIVATE ${RAWBPF_SDT_INCLUDE})
    target_include_directories(rb_usdt_lib PRIVATE ${RAWBPF_SDT_INCLUDE})
  endif()
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
