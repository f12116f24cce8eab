# cmake/toolchains/cross.cmake - cross compile rawbpf with Debian's cross
# toolchains (gcc-<triplet>, with libc6-dev-<arch>-cross and
# linux-libc-dev-<arch>-cross under /usr/<triplet>).
#
#   cmake -S . -B build-mips -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/cross.cmake \
#         -DRAWBPF_CROSS=mips-linux-gnu [-DRAWBPF_CROSS_PREFIX=<dir>]
#
# RAWBPF_CROSS is the GNU triplet (also read from the environment):
# aarch64-linux-gnu, arm-linux-gnueabihf, i686-linux-gnu, s390x-linux-gnu,
# mips-linux-gnu, mipsel-linux-gnu, powerpc64le-linux-gnu, riscv64-linux-gnu.
# RAWBPF_CROSS_PREFIX: an install prefix holding the target's own libraries
# (cmocka for the tests: tests/cross/cmocka.sh builds it there).
# Where qemu-user is installed, tests run under it (ctest uses
# CMAKE_CROSSCOMPILING_EMULATOR), with /usr/<triplet> as the loader's root.
# BPF objects are built with the build machine's clang and headers, in the
# target's byte order (cmake/rawbpf_bpf.cmake).
#
# This file lives in a subdirectory of cmake/ because every cmake/*.cmake
# is installed as a helper module of the package; a toolchain file is not.

if(NOT RAWBPF_CROSS)
  set(RAWBPF_CROSS "$ENV{RAWBPF_CROSS}")
endif()
if(NOT RAWBPF_CROSS)
  message(FATAL_ERROR "cross.cmake: set RAWBPF_CROSS to the target triplet "
    "(e.g. -DRAWBPF_CROSS=aarch64-linux-gnu)")
endif()
if(NOT RAWBPF_CROSS_PREFIX)
  set(RAWBPF_CROSS_PREFIX "$ENV{RAWBPF_CROSS_PREFIX}")
endif()
# try_compile projects re-read this file: hand them the settings too.
set(ENV{RAWBPF_CROSS} "${RAWBPF_CROSS}")
set(ENV{RAWBPF_CROSS_PREFIX} "${RAWBPF_CROSS_PREFIX}")

string(REGEX MATCH "^[^-]+" _rawbpf_cpu "${RAWBPF_CROSS}")
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${_rawbpf_cpu})
set(CMAKE_C_COMPILER ${RAWBPF_CROSS}-gcc)
set(CMAKE_ASM_COMPILER ${RAWBPF_CROSS}-gcc)

set(CMAKE_FIND_ROOT_PATH /usr/${RAWBPF_CROSS} ${RAWBPF_CROSS_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# qemu-user's name for the CPU.
set(_rawbpf_qemu ${_rawbpf_cpu})
if(_rawbpf_cpu MATCHES "^i.86$")
  set(_rawbpf_qemu i386)
elseif(_rawbpf_cpu STREQUAL "powerpc64le")
  set(_rawbpf_qemu ppc64le)
elseif(_rawbpf_cpu STREQUAL "powerpc64")
  set(_rawbpf_qemu ppc64)
elseif(_rawbpf_cpu STREQUAL "powerpc")
  set(_rawbpf_qemu ppc)
endif()
find_program(RAWBPF_CROSS_QEMU NAMES qemu-${_rawbpf_qemu}-static qemu-${_rawbpf_qemu}
  DOC "qemu-user for running the cross-built tests")
# qemu-user's -L directory is where the guest's dynamic loader and
# libraries are looked up first, and also what the guest's "/" opens as
# (openat(AT_FDCWD, "/") then "tmp" fails in /usr/<triplet>). So the root
# given to it is a directory of links: lib* to the target's, every other
# top-level directory to the machine's own.
if(RAWBPF_CROSS_QEMU)
  set(_rawbpf_root ${CMAKE_BINARY_DIR}/qemu-root)
  file(MAKE_DIRECTORY ${_rawbpf_root})
  file(GLOB _rawbpf_tops RELATIVE / /*)
  file(GLOB _rawbpf_libs RELATIVE /usr/${RAWBPF_CROSS} /usr/${RAWBPF_CROSS}/lib*)
  foreach(n ${_rawbpf_tops} ${_rawbpf_libs})
    if(n MATCHES "^lib")
      set(_rawbpf_to /usr/${RAWBPF_CROSS}/${n})
    else()
      set(_rawbpf_to /${n})
    endif()
    if(EXISTS ${_rawbpf_to} AND NOT EXISTS ${_rawbpf_root}/${n}
       AND NOT IS_SYMLINK ${_rawbpf_root}/${n})
      file(CREATE_LINK ${_rawbpf_to} ${_rawbpf_root}/${n} SYMBOLIC)
    endif()
  endforeach()
  set(CMAKE_CROSSCOMPILING_EMULATOR ${RAWBPF_CROSS_QEMU} -L ${_rawbpf_root})
endif()
