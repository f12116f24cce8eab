# rawbpf_bpf.cmake - build BPF C programs into objects for rawbpf.
#
#   include(rawbpf_bpf)      # or through find_package(rawbpf)
#   rawbpf_add_bpf_object(<target> <src.bpf.c>...
#       [EMBED] [SYMBOL <name>]
#       [NAME <name>] [OUTPUT_DIR <dir>]
#       [COMPILER CLANG|GCC|/path/to/clang-N] [ARCH <arch>] [CPU <v1|v2|v3|v4>]
#       [INCLUDE_DIRS <dir>...] [DEFINES <D>...] [OPTIONS <flag>...]
#       [SKELETON [SKELETON_NAME <name>]] [VMLINUX_H])
#
# Compiles each source with clang -target bpf (or bpf-gcc with COMPILER GCC)
# at -O2 -g, with -D__TARGET_ARCH_<arch> for the processor being built for
# (CMAKE_SYSTEM_PROCESSOR, or ARCH), rawbpf's BPF headers first on the
# include path (<bpf/bpf_helpers.h> etc. are rawbpf's), then the build
# machine's kernel uapi headers. The object <OUTPUT_DIR>/<NAME>.o (default:
# ${CMAKE_CURRENT_BINARY_DIR}/bpf/<src without .c>.o, e.g. minimal.bpf.o) is
# built before <target>, and rebuilt when the source or a header it
# includes changes (the compiler's -MD dependency file).
#
# EMBED links the object's bytes into <target> as
#   extern const unsigned char SYMBOL[];  extern const unsigned long SYMBOL_size;
# (SYMBOL defaults to NAME with every non-identifier character made `_`:
# minimal.bpf.o -> minimal_bpf), ready for rawbpf_object_open_mem(). It
# needs the ASM language enabled (.incbin).
#
# SKELETON generates <name>.skel.h (the object name without a trailing
# .bpf: minimal.bpf.c -> minimal.skel.h, as libbpf-bootstrap names them)
# in ${CMAKE_CURRENT_BINARY_DIR}/rawbpf_skel with `rawbpf gen skeleton`
# and adds that directory to <target>'s include path. The skeleton's
# struct is named as bpftool names it (minimal_bpf), or SKELETON_NAME. The
# generator is the rawbpf CLI of the same project (target rawbpf_cli), an
# imported rawbpf::cli (installed package), or RAWBPF_CLI (a path).
#
# VMLINUX_H compiles against the vmlinux.h that rawbpf_vmlinux.cmake makes
# at build time with `rawbpf btf dump` (the source includes "vmlinux.h");
# without one (no kernel BTF, no CLI) it stops the configure step saying so.
#
# Results: RAWBPF_BPF_OBJECT (the last object's path) in the caller's scope;
# every object's dependency file is appended to the global property
# RAWBPF_BPF_DEPFILES (a test can check what the objects included).
#
# Settings (cache): RAWBPF_BPF_CLANG, RAWBPF_BPF_GCC, RAWBPF_BPF_TARGET_ARCH,
# RAWBPF_BPF_INCLUDE_DIR (rawbpf's headers: the directory holding bpf/),
# RAWBPF_BPF_UAPI_INCLUDE_DIRS (kernel uapi headers; default: the
# multiarch directory, e.g. /usr/include/x86_64-linux-gnu, for asm/),
# RAWBPF_BPF_ASM_INCLUDE_DIR (cross builds: the target's directory holding
# asm/, found on the cross compiler's include path).

include_guard(GLOBAL)

find_program(RAWBPF_BPF_CLANG NAMES clang clang-14 DOC "clang for -target bpf")
find_program(RAWBPF_BPF_GCC NAMES bpf-gcc bpf-unknown-none-gcc DOC "GCC's BPF compiler")
set(RAWBPF_CLI "" CACHE FILEPATH "rawbpf CLI for SKELETON when no rawbpf_cli/rawbpf::cli target exists")

# rawbpf's BPF headers: beside this file in the source tree (cmake/ ->
# include/rawbpf), or under the install prefix (lib/cmake/rawbpf ->
# include/rawbpf).
if(NOT RAWBPF_BPF_INCLUDE_DIR)
  foreach(dir ${CMAKE_CURRENT_LIST_DIR}/../include/rawbpf
              ${CMAKE_CURRENT_LIST_DIR}/../../../include/rawbpf)
    if(EXISTS ${dir}/bpf/bpf_helpers.h)
      get_filename_component(dir ${dir} ABSOLUTE)
      set(RAWBPF_BPF_INCLUDE_DIR ${dir} CACHE PATH
        "Directory holding rawbpf's bpf/bpf_helpers.h")
      break()
    endif()
  endforeach()
endif()

# The kernel's name for the architecture being built for.
function(_rawbpf_bpf_arch out processor)
  string(TOLOWER "${processor}" p)
  if(p MATCHES "^(x86_64|amd64|i.86|x86)$")
    set(arch x86)
  elseif(p MATCHES "^(aarch64|arm64)")
    set(arch arm64)
  elseif(p MATCHES "^arm")
    set(arch arm)
  elseif(p MATCHES "^s390")
    set(arch s390)
  elseif(p MATCHES "^mips")
    set(arch mips)
  elseif(p MATCHES "^(ppc|powerpc)")
    set(arch powerpc)
  elseif(p MATCHES "^sparc")
    set(arch sparc)
  elseif(p MATCHES "^riscv")
    set(arch riscv)
  elseif(p MATCHES "^loongarch")
    set(arch loongarch)
  elseif(p MATCHES "^arc")
    set(arch arc)
  else()
    message(FATAL_ERROR "rawbpf_bpf: no kernel architecture for processor "
      "'${processor}'; set RAWBPF_BPF_TARGET_ARCH or pass ARCH")
  endif()
  set(${out} ${arch} PARENT_SCOPE)
endfunction()

if(NOT RAWBPF_BPF_TARGET_ARCH)
  _rawbpf_bpf_arch(_rawbpf_arch "${CMAKE_SYSTEM_PROCESSOR}")
  set(RAWBPF_BPF_TARGET_ARCH ${_rawbpf_arch} CACHE STRING
    "Kernel architecture for -D__TARGET_ARCH_<arch> (x86, arm64, s390, ...)")
endif()

# The uapi headers are the build machine's (linux/*.h from its
# /usr/include). asm/ is per architecture: natively the multiarch directory
# (-I), under cross compilation the target's own, from the cross C
# compiler's include path (Debian: /usr/<triplet>/include, from
# linux-libc-dev-<arch>-cross), searched after /usr/include (-idirafter) so
# that only asm/ comes from there: struct pt_regs must be the target's for
# PT_REGS_PARMn, and linux/bpf.h the build machine's, newer one.
if(NOT DEFINED RAWBPF_BPF_UAPI_INCLUDE_DIRS)
  set(_rawbpf_uapi "")
  if(NOT CMAKE_CROSSCOMPILING)
    set(_rawbpf_multiarch "${CMAKE_LIBRARY_ARCHITECTURE}")
    if(NOT _rawbpf_multiarch AND CMAKE_C_COMPILER)
      execute_process(COMMAND ${CMAKE_C_COMPILER} -print-multiarch
        OUTPUT_VARIABLE _rawbpf_multiarch OUTPUT_STRIP_TRAILING_WHITESPACE
        ERROR_QUIET)
    endif()
    if(_rawbpf_multiarch AND IS_DIRECTORY /usr/include/${_rawbpf_multiarch})
      set(_rawbpf_uapi /usr/include/${_rawbpf_multiarch})
    endif()
  endif()
  set(RAWBPF_BPF_UAPI_INCLUDE_DIRS "${_rawbpf_uapi}" CACHE STRING
    "Kernel uapi include directories for BPF objects (asm/ lives here)")
endif()
if(NOT DEFINED RAWBPF_BPF_ASM_INCLUDE_DIR)
  set(_rawbpf_asm "")
  if(CMAKE_CROSSCOMPILING)
    foreach(dir ${CMAKE_C_IMPLICIT_INCLUDE_DIRECTORIES})
      if(EXISTS ${dir}/asm/ptrace.h)
        set(_rawbpf_asm ${dir})
        break()
      endif()
    endforeach()
  endif()
  set(RAWBPF_BPF_ASM_INCLUDE_DIR "${_rawbpf_asm}" CACHE STRING
    "Cross builds: the target's uapi directory holding asm/ (-idirafter)")
endif()

# The BPF target's byte order follows the machine the programs will run on
# (the C compiler's: under cross compilation, the target's).
set(_rawbpf_gcc_endian "")
if(CMAKE_C_BYTE_ORDER STREQUAL "BIG_ENDIAN")
  set(_rawbpf_clang_target bpfeb)
  set(_rawbpf_gcc_endian -mbig-endian)
elseif(CMAKE_C_BYTE_ORDER STREQUAL "LITTLE_ENDIAN")
  set(_rawbpf_clang_target bpfel)
  set(_rawbpf_gcc_endian -mlittle-endian)
else()
  set(_rawbpf_clang_target bpf)
endif()

function(rawbpf_add_bpf_object target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "EMBED;SKELETON;VMLINUX_H"
    "NAME;OUTPUT_DIR;SYMBOL;COMPILER;ARCH;CPU;SKELETON_NAME"
    "INCLUDE_DIRS;DEFINES;OPTIONS")
  set(sources ${arg_UNPARSED_ARGUMENTS})
  if(NOT TARGET ${target})
    message(FATAL_ERROR "rawbpf_add_bpf_object: '${target}' is not a target")
  endif()
  if(NOT sources)
    message(FATAL_ERROR "rawbpf_add_bpf_object(${target}): no source file")
  endif()
  if(arg_SKELETON)
    _rawbpf_bpf_skel_tool(${target} skel_cmd skel_dep)
  endif()
  # VMLINUX_H: the vmlinux.h that rawbpf_vmlinux.cmake dumps at build time
  # (`rawbpf btf dump`); the source includes "vmlinux.h".
  set(vmlinux_flags "")
  set(vmlinux_deps "")
  if(arg_VMLINUX_H)
    if(NOT RAWBPF_VMLINUX_H_FILE)
      message(FATAL_ERROR "rawbpf_add_bpf_object(${target}): VMLINUX_H needs "
        "a vmlinux.h (RAWBPF_VMLINUX_H_FILE): include rawbpf_vmlinux.cmake "
        "first, on a machine with kernel BTF or with RAWBPF_VMLINUX_BTF set")
    endif()
    set(vmlinux_flags ${RAWBPF_VMLINUX_H_CFLAGS})
    set(vmlinux_deps ${RAWBPF_VMLINUX_H_FILE})
  endif()
  list(LENGTH sources nsources)
  if(nsources GREATER 1 AND (arg_NAME OR arg_SYMBOL OR arg_SKELETON_NAME))
    message(FATAL_ERROR "rawbpf_add_bpf_object(${target}): NAME, SYMBOL and "
      "SKELETON_NAME need a single source")
  endif()
  if(NOT RAWBPF_BPF_INCLUDE_DIR)
    message(FATAL_ERROR "rawbpf_add_bpf_object: rawbpf's BPF headers not "
      "found; set RAWBPF_BPF_INCLUDE_DIR to the directory holding bpf/")
  endif()

  if(NOT arg_COMPILER OR arg_COMPILER STREQUAL "CLANG" OR
     (IS_ABSOLUTE "${arg_COMPILER}" AND EXISTS "${arg_COMPILER}"))
    set(clang ${RAWBPF_BPF_CLANG})
    if(arg_COMPILER AND NOT arg_COMPILER STREQUAL "CLANG")
      set(clang ${arg_COMPILER})	# a given clang (a newer one)
    endif()
    if(NOT clang)
      message(FATAL_ERROR "rawbpf_add_bpf_object: clang not found (RAWBPF_BPF_CLANG)")
    endif()
    set(cc ${clang} -target ${_rawbpf_clang_target})
    if(arg_CPU)
      list(APPEND cc -mcpu=${arg_CPU})
    endif()
  elseif(arg_COMPILER STREQUAL "GCC")
    if(NOT RAWBPF_BPF_GCC)
      message(FATAL_ERROR "rawbpf_add_bpf_object: bpf-gcc not found (RAWBPF_BPF_GCC)")
    endif()
    # BTF and CO-RE records, as clang emits by default for -target bpf.
    set(cc ${RAWBPF_BPF_GCC} -gbtf -mco-re ${_rawbpf_gcc_endian})
    if(arg_CPU)
      list(APPEND cc -mcpu=${arg_CPU})
    endif()
  else()
    message(FATAL_ERROR "rawbpf_add_bpf_object: COMPILER is CLANG or GCC, "
      "not '${arg_COMPILER}'")
  endif()

  set(arch ${RAWBPF_BPF_TARGET_ARCH})
  if(arg_ARCH)
    set(arch ${arg_ARCH})
  endif()
  if(NOT arch MATCHES "^(x86|arm|arm64|s390|mips|powerpc|sparc|riscv|arc|loongarch)$")
    message(FATAL_ERROR "rawbpf_add_bpf_object(${target}): ARCH '${arch}' is "
      "not a kernel architecture bpf_tracing.h knows")
  endif()
  set(outdir ${CMAKE_CURRENT_BINARY_DIR}/bpf)
  if(arg_OUTPUT_DIR)
    set(outdir ${arg_OUTPUT_DIR})
  endif()
  file(MAKE_DIRECTORY ${outdir})

  # Ours first, then the caller's, then the kernel uapi headers. bpf-gcc
  # (a cross compiler) does not search /usr/include, where linux/bpf.h is;
  # -idirafter keeps it behind everything else.
  set(flags -O2 -g -Wall -Werror -D__TARGET_ARCH_${arch}
    -I${RAWBPF_BPF_INCLUDE_DIR})
  foreach(dir ${arg_INCLUDE_DIRS})
    list(APPEND flags -I${dir})
  endforeach()
  foreach(dir ${RAWBPF_BPF_UAPI_INCLUDE_DIRS})
    list(APPEND flags -I${dir})
  endforeach()
  if(arg_COMPILER STREQUAL "GCC")
    list(APPEND flags -idirafter /usr/include)
  endif()
  if(RAWBPF_BPF_ASM_INCLUDE_DIR)
    list(APPEND flags -idirafter ${RAWBPF_BPF_ASM_INCLUDE_DIR})
  endif()
  foreach(def ${arg_DEFINES})
    list(APPEND flags -D${def})
  endforeach()
  list(APPEND flags ${arg_OPTIONS} ${vmlinux_flags})

  foreach(src ${sources})
    get_filename_component(src ${src} ABSOLUTE)
    if(arg_NAME)
      set(name ${arg_NAME})
    else()
      get_filename_component(name ${src} NAME)
      string(REGEX REPLACE "\\.c$" "" name ${name})
    endif()
    set(out ${outdir}/${name}.o)
    set(dep ${outdir}/${name}.d)
    set(depfile_args "")
    if(NOT CMAKE_VERSION VERSION_LESS 3.20 OR CMAKE_GENERATOR MATCHES "Ninja")
      set(depfile_args DEPFILE ${dep})
    endif()
    # CMP0116 NEW: Ninja reads the (absolute) depfile paths as written,
    # also from a subdirectory's call.
    if(POLICY CMP0116)
      cmake_policy(PUSH)
      cmake_policy(SET CMP0116 NEW)
    endif()
    add_custom_command(OUTPUT ${out}
      COMMAND ${cc} ${flags} -MD -MF ${dep} -MT ${out} -c ${src} -o ${out}
      DEPENDS ${src} ${vmlinux_deps} ${depfile_args}
      COMMENT "Building BPF object ${name}.o"
      VERBATIM)
    if(POLICY CMP0116)
      cmake_policy(POP)
    endif()
    set(skel_header "")
    if(arg_SKELETON)
      _rawbpf_bpf_skeleton(${target} ${out} ${name} "${arg_SKELETON_NAME}"
        "${skel_cmd}" "${skel_dep}" skel_header)
    endif()
    string(MAKE_C_IDENTIFIER "${target}_bpf_${name}" objtarget)
    add_custom_target(${objtarget} DEPENDS ${out} ${skel_header})
    # One target makes vmlinux.h; the objects wait for it rather than each
    # running its rule (parallel makes would race on the same file).
    if(vmlinux_deps AND TARGET rawbpf_vmlinux_h)
      add_dependencies(${objtarget} rawbpf_vmlinux_h)
    endif()
    add_dependencies(${target} ${objtarget})
    set_property(GLOBAL APPEND PROPERTY RAWBPF_BPF_DEPFILES ${dep})

    if(arg_EMBED)
      set(symbol ${arg_SYMBOL})
      if(NOT symbol)
        string(MAKE_C_IDENTIFIER "${name}" symbol)
      endif()
      _rawbpf_bpf_embed(${target} ${symbol} ${out})
    endif()
  endforeach()
  set(RAWBPF_BPF_OBJECT ${out} PARENT_SCOPE)
endfunction()

# _rawbpf_bpf_embed(TARGET SYMBOL OBJECT): link OBJECT's bytes into TARGET
# as `const unsigned char SYMBOL[]` (8-byte aligned, as
# rawbpf_object_open_mem wants) and `const unsigned long SYMBOL_size`.
# SYMBOL_size is as wide as the target's long (.long on 32-bit hosts: a
# .quad there reads as 0 on big-endian ones).
function(_rawbpf_bpf_embed target symbol object)
  if(NOT CMAKE_ASM_COMPILER_LOADED)
    message(FATAL_ERROR "rawbpf_add_bpf_object(${target} ... EMBED): "
      "enable the ASM language (project(... C ASM)) for .incbin")
  endif()
  set(asm ${CMAKE_CURRENT_BINARY_DIR}/rawbpf_embed/${symbol}.S)
  file(WRITE ${asm}.in
    "\t.section .rodata\n\t.balign 8\n\t.globl ${symbol}\n${symbol}:\n"
    "\t.incbin \"${object}\"\n${symbol}_end:\n\t.balign 8\n"
    "\t.globl ${symbol}_size\n${symbol}_size:\n"
    "#if __SIZEOF_LONG__ == 8\n\t.quad ${symbol}_end - ${symbol}\n"
    "#else\n\t.long ${symbol}_end - ${symbol}\n#endif\n"
    "\t.section .note.GNU-stack,\"\",%progbits\n")
  configure_file(${asm}.in ${asm} COPYONLY)
  set_source_files_properties(${asm} PROPERTIES OBJECT_DEPENDS ${object})
  target_sources(${target} PRIVATE ${asm})
endfunction()

# _rawbpf_bpf_skel_tool(TARGET CMD_VAR DEP_VAR): the rawbpf CLI that runs
# `gen skeleton`, and the target to build first (if any).
function(_rawbpf_bpf_skel_tool target cmd_var dep_var)
  # the target's name, not its file: a cross build then runs it under
  # CMAKE_CROSSCOMPILING_EMULATOR (qemu-user)
  if(TARGET rawbpf_cli)
    set(${cmd_var} rawbpf_cli PARENT_SCOPE)
    set(${dep_var} rawbpf_cli PARENT_SCOPE)
  elseif(TARGET rawbpf::cli)
    set(${cmd_var} rawbpf::cli PARENT_SCOPE)
    set(${dep_var} rawbpf::cli PARENT_SCOPE)
  elseif(RAWBPF_CLI)
    set(${cmd_var} ${RAWBPF_CLI} PARENT_SCOPE)
    set(${dep_var} "" PARENT_SCOPE)
  else()
    message(FATAL_ERROR "rawbpf_add_bpf_object(${target} ... SKELETON): no "
      "rawbpf CLI to generate it: build rawbpf with RAWBPF_EXAMPLES=ON, "
      "install it (rawbpf::cli), or set RAWBPF_CLI")
  endif()
endfunction()

# _rawbpf_bpf_skeleton(TARGET OBJECT NAME SKEL_NAME CMD DEP OUT_VAR):
# generate <NAME without .bpf>.skel.h from OBJECT and put its directory on
# TARGET's include path.
function(_rawbpf_bpf_skeleton target object name skel_name cmd dep out_var)
  string(REGEX REPLACE "\\.bpf$" "" base ${name})
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/rawbpf_skel)
  file(MAKE_DIRECTORY ${dir})
  set(header ${dir}/${base}.skel.h)
  set(name_args "")
  if(skel_name)
    set(name_args --name ${skel_name})
  endif()
  add_custom_command(OUTPUT ${header}
    COMMAND ${cmd} gen skeleton ${object} ${name_args} -o ${header}
    DEPENDS ${object} ${dep}
    COMMENT "Generating BPF skeleton ${base}.skel.h"
    VERBATIM)
  target_include_directories(${target} PRIVATE ${dir})
  set(${out_var} ${header} PARENT_SCOPE)
endfunction()
