# lib/amalgamation.cmake - `cmake --build B --target amalgamation` writes
# B/amalgamation/rawbpf.h (every public header) and B/amalgamation/rawbpf.c
# (every library source and private header), by scripts/amalgamate.py. The
# pair compiles alone with any C11 compiler; -DRAWBPF_WITH_<PART>=0 (or
# -DRAWBPF_NO_<PART>) leaves out what the CMake option does (lib/options.cmake).
# Under add_subdirectory the target is rawbpf_amalgamation: a parent's own
# `amalgamation` (sqlite's, say) keeps its name.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  set(RAWBPF_AMALGAMATION_DIR ${PROJECT_BINARY_DIR}/amalgamation)
  if(RAWBPF_TOP_LEVEL)
    set(RAWBPF_AMALGAMATION_TARGET amalgamation)
  else()
    set(RAWBPF_AMALGAMATION_TARGET rawbpf_amalgamation)
  endif()
  add_custom_target(${RAWBPF_AMALGAMATION_TARGET}
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/amalgamate.py
      ${PROJECT_SOURCE_DIR} ${RAWBPF_AMALGAMATION_DIR}
    COMMENT "Writing ${RAWBPF_AMALGAMATION_DIR}/rawbpf.c and rawbpf.h"
    VERBATIM)
endif()
