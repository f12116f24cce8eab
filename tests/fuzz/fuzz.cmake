# Fuzz targets (libFuzzer), built only with -DRAWBPF_FUZZ=ON and clang:
#   CC=clang cmake -S . -B build-fuzz -DRAWBPF_FUZZ=ON && cmake --build build-fuzz
#   ./build-fuzz/fuzz_btf -max_total_time=120 CORPUS_DIR
# Each tests/fuzz/fuzz_*.c becomes one program linked against a copy of the
# library compiled with the fuzzer's coverage and ASan+UBSan.
option(RAWBPF_FUZZ "Build the libFuzzer targets (clang only)" OFF)
if(RAWBPF_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "RAWBPF_FUZZ needs clang (CC=clang)")
  endif()
  set(RAWBPF_FUZZ_FLAGS -fsanitize=fuzzer-no-link,address,undefined
      -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g)
  add_library(rawbpf_fuzzlib STATIC ${RAWBPF_SOURCES})
  target_include_directories(rawbpf_fuzzlib
    PUBLIC ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/lib)
  target_compile_options(rawbpf_fuzzlib PRIVATE ${RAWBPF_FUZZ_FLAGS})
  file(GLOB fuzz_srcs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz_*.c)
  foreach(src ${fuzz_srcs})
    get_filename_component(name ${src} NAME_WE)
    add_executable(${name} ${src})
    target_compile_options(${name} PRIVATE ${RAWBPF_FUZZ_FLAGS})
    target_link_libraries(${name} PRIVATE rawbpf_fuzzlib)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  endforeach()
endif()
