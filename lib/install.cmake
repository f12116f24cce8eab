# lib/install.cmake - what `cmake --install` puts where (GNUInstallDirs),
# and the package files that let other projects find the result:
#   include/rawbpf/**.h             public headers (and the BPF-side headers
#                                   under include/rawbpf/bpf/, when present)
#   lib/librawbpf.a, librawbpf.so.* static and shared (SONAME librawbpf.so.0)
#   bin/rawbpf                      the CLI (when RAWBPF_EXAMPLES built it)
#   lib/pkgconfig/rawbpf.pc         pkg-config
#   lib/cmake/rawbpf/               rawbpfConfig.cmake, its version file, the
#                                   exported targets and every cmake/*.cmake
#                                   helper module of the source tree
# The build tree gets a rawbpfConfig.cmake too (rawbpf_DIR=<build dir>).
# Included by the top CMakeLists.txt after the targets exist.
include(CMakePackageConfigHelpers)

set(RAWBPF_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/rawbpf)
# cmake/*.cmake: helper modules for users of the package (rawbpfConfig
# includes each); *.in templates are not modules.
file(GLOB RAWBPF_CMAKE_MODULES CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/cmake/*.cmake)
set(RAWBPF_CMAKE_MODULE_NAMES "")
foreach(m ${RAWBPF_CMAKE_MODULES})
  get_filename_component(n ${m} NAME)
  list(APPEND RAWBPF_CMAKE_MODULE_NAMES ${n})
endforeach()

set(RAWBPF_EXPORTED rawbpf rawbpf_shared)
# The CLI has an export file of its own (rawbpfCliTargets.cmake), which
# rawbpfConfig includes only if present: a distribution may package the
# command apart from the library.
if(TARGET rawbpf_cli)
  set_target_properties(rawbpf_cli PROPERTIES EXPORT_NAME cli)
  add_executable(rawbpf::cli ALIAS rawbpf_cli)
endif()

# Which optional parts (lib/options.cmake) this library carries, for
# rawbpfConfig: rawbpf_WITH_<PART> ON or OFF.
set(RAWBPF_CFG_PARTS "")
foreach(part ${RAWBPF_PARTS})
  if(RAWBPF_WITH_${part})
    string(APPEND RAWBPF_CFG_PARTS "set(rawbpf_WITH_${part} ON)\n")
  else()
    string(APPEND RAWBPF_CFG_PARTS "set(rawbpf_WITH_${part} OFF)\n")
  endif()
endforeach()

# rawbpf_package_config(FILE INCLUDE_DIR MODULE_DIR): write a
# rawbpfConfig.cmake for a tree whose headers are in INCLUDE_DIR and whose
# helper modules are in MODULE_DIR (relative: under the install prefix).
function(rawbpf_package_config file dest prefix include_dir module_dir)
  set(RAWBPF_CFG_INCLUDE_DIR ${include_dir})
  set(RAWBPF_CFG_MODULE_DIR ${module_dir})
  configure_package_config_file(${PROJECT_SOURCE_DIR}/lib/rawbpfConfig.cmake.in
    ${file} INSTALL_DESTINATION ${dest} INSTALL_PREFIX ${prefix}
    PATH_VARS RAWBPF_CFG_INCLUDE_DIR RAWBPF_CFG_MODULE_DIR
    NO_CHECK_REQUIRED_COMPONENTS_MACRO)
endfunction()

# The build-tree package: targets exported from here, headers and modules
# from the source tree.
export(TARGETS ${RAWBPF_EXPORTED} NAMESPACE rawbpf::
  FILE ${PROJECT_BINARY_DIR}/rawbpfTargets.cmake)
if(TARGET rawbpf_cli)
  export(TARGETS rawbpf_cli NAMESPACE rawbpf::
    FILE ${PROJECT_BINARY_DIR}/rawbpfCliTargets.cmake)
endif()
rawbpf_package_config(${PROJECT_BINARY_DIR}/rawbpfConfig.cmake
  ${PROJECT_BINARY_DIR} ${PROJECT_BINARY_DIR}
  ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/cmake)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/rawbpfConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)

if(NOT RAWBPF_INSTALL)
  return()
endif()

install(TARGETS ${RAWBPF_EXPORTED} EXPORT rawbpfTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
if(TARGET rawbpf_cli)
  install(TARGETS rawbpf_cli EXPORT rawbpfCliTargets
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(EXPORT rawbpfCliTargets NAMESPACE rawbpf::
    DESTINATION ${RAWBPF_CMAKE_DIR})
endif()
# Every header under include/rawbpf, subdirectories (bpf/) included.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/rawbpf
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")
install(EXPORT rawbpfTargets NAMESPACE rawbpf:: DESTINATION ${RAWBPF_CMAKE_DIR})
rawbpf_package_config(${PROJECT_BINARY_DIR}/install/rawbpfConfig.cmake
  ${RAWBPF_CMAKE_DIR} ${CMAKE_INSTALL_PREFIX}
  ${CMAKE_INSTALL_INCLUDEDIR} ${RAWBPF_CMAKE_DIR})
install(FILES ${PROJECT_BINARY_DIR}/install/rawbpfConfig.cmake
  ${PROJECT_BINARY_DIR}/rawbpfConfigVersion.cmake ${RAWBPF_CMAKE_MODULES}
  DESTINATION ${RAWBPF_CMAKE_DIR})

# pkg-config: the library needs nothing beyond libc, so Libs.private is
# empty; `pkg-config --static --libs rawbpf` is the same -lrawbpf.
if(IS_ABSOLUTE ${CMAKE_INSTALL_LIBDIR})
  set(RAWBPF_PC_LIBDIR ${CMAKE_INSTALL_LIBDIR})
else()
  set(RAWBPF_PC_LIBDIR "\${exec_prefix}/${CMAKE_INSTALL_LIBDIR}")
endif()
if(IS_ABSOLUTE ${CMAKE_INSTALL_INCLUDEDIR})
  set(RAWBPF_PC_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR})
else()
  set(RAWBPF_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file(${PROJECT_SOURCE_DIR}/lib/rawbpf.pc.in
  ${PROJECT_BINARY_DIR}/rawbpf.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/rawbpf.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
