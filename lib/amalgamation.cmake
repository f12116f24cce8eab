# lib/amalgamation.cmake - `cmake --build B --target amalgamation` writes
# B/amalgamation/rawbpf.h (every public header) and B/amalgamation/rawbpf.c
# (every library source and private header), by tools/amalgamate.py. The
# pair compiles alone with any C11 compiler; the RAWBPF_NO_<PART> macros
# select the same parts as the RAWBPF_WITH_<PART> options (lib/options.cmake).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  set(RAWBPF_AMALGAMATION_DIR ${PROJECT_BINARY_DIR}/amalgamation)
  add_custom_target(amalgamation
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/amalgamate.py
      ${PROJECT_SOURCE_DIR} ${RAWBPF_AMALGAMATION_DIR}
    COMMENT "Writing ${RAWBPF_AMALGAMATION_DIR}/rawbpf.c and rawbpf.h"
    VERBATIM)
endif()
