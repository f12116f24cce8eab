# run_case.cmake - configure tests/headers/helper with -DCASE=<case>; for
# `embed` also build and run its check program. Prints what cmake printed
# (ctest matches it) and fails when a step does.
#   cmake -DCASE=c -DSRC=<rawbpf source> -DWORK=<dir> [-DCC=...]
#         [-DTOOLCHAIN=<file> -DCROSS=<triplet> -DCROSS_PREFIX=<dir>
#          -DEMULATOR=<program|arg|...>] -P run_case.cmake
# A cross build hands its toolchain file on, and the check program runs
# under its emulator (the list separated by |).
file(REMOVE_RECURSE ${WORK})
set(args -S ${SRC}/tests/headers/helper -B ${WORK} -DCASE=${CASE}
  -DRAWBPF_SOURCE_DIR=${SRC})
if(TOOLCHAIN)
  list(APPEND args -DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN} -DRAWBPF_CROSS=${CROSS}
    -DRAWBPF_CROSS_PREFIX=${CROSS_PREFIX})
elseif(CC)
  list(APPEND args -DCMAKE_C_COMPILER=${CC})
endif()
foreach(var RAWBPF_CLI RAWBPF_LIB)
  if(${var})
    list(APPEND args -D${var}=${${var}})
  endif()
endforeach()
string(REPLACE "|" ";" emulator "${EMULATOR}")
execute_process(COMMAND ${CMAKE_COMMAND} ${args}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configure failed (${rc})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "build failed (${rc})")
endif()
set(check embed_check)
if(CASE STREQUAL "skeleton_cli")
  set(check skel_check)
endif()
execute_process(COMMAND ${emulator} ${WORK}/${check} RESULT_VARIABLE rc
  OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${check} failed (${rc})")
endif()
