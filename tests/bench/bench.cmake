# Benchmarks (-DRAWBPF_BENCH=ON): rawbpf against libbpf on the same
# objects, in the same run. libbpf is linked only into min_libbpf, the
# comparison program; the library never links it.
option(RAWBPF_BENCH "Build the libbpf comparison benchmarks" OFF)
if(RAWBPF_BENCH)
  find_library(BENCH_LIBBPF_A NAMES libbpf.a REQUIRED)
  find_library(BENCH_LIBELF_A NAMES libelf.a REQUIRED)
  find_library(BENCH_LIBZ_A NAMES libz.a REQUIRED)
  set(bench ${PROJECT_SOURCE_DIR}/tests/bench)
  add_executable(bench_empty ${bench}/empty.c)
  add_executable(bench_min_rawbpf ${bench}/min_rawbpf.c)
  add_executable(bench_min_libbpf ${bench}/min_libbpf.c)
  target_link_libraries(bench_min_rawbpf PRIVATE rawbpf)
  # The same loader against the firmware variant: every RAWBPF_WITH_* OFF
  # (lib/options.cmake), messages too, built from the same sources.
  add_library(bench_rawbpf_fw STATIC ${RAWBPF_FIRMWARE_SOURCES})
  target_include_directories(bench_rawbpf_fw PUBLIC ${PROJECT_SOURCE_DIR}/include
    PRIVATE ${PROJECT_SOURCE_DIR}/lib)
  target_compile_definitions(bench_rawbpf_fw PRIVATE ${RAWBPF_FIRMWARE_DEFS}
    RAWBPF_NO_MESSAGES)
  # nothing unwinds through firmware's C: no .eh_frame for the library
  # (gdb reads .debug_frame); README "Optional parts"
  target_compile_options(bench_rawbpf_fw PRIVATE -fno-asynchronous-unwind-tables)
  set_target_properties(bench_rawbpf_fw PROPERTIES C_VISIBILITY_PRESET hidden)
  add_executable(bench_min_rawbpf_fw ${bench}/min_rawbpf.c)
  target_link_libraries(bench_min_rawbpf_fw PRIVATE bench_rawbpf_fw)
  target_link_libraries(bench_min_libbpf PRIVATE ${BENCH_LIBBPF_A}
    ${BENCH_LIBELF_A} ${BENCH_LIBZ_A})
  foreach(t bench_empty bench_min_rawbpf bench_min_rawbpf_fw bench_min_libbpf)
    # Static, size-optimised, unused sections dropped: what firmware does.
    target_compile_options(${t} PRIVATE -Os -ffunction-sections -fdata-sections)
    target_link_options(${t} PRIVATE -static -Wl,--gc-sections -s)
  endforeach()
endif()

# Ring and perf buffer consume rate: rawbpf's readers and libbpf's drain
# the same maps in one process (not stripped: callgrind toggles on the
# consume functions by name).
if(RAWBPF_BENCH)
  add_executable(bench_buf_rate ${bench}/buf_rate.c)
  target_link_libraries(bench_buf_rate PRIVATE rawbpf ${BENCH_LIBBPF_A}
    ${BENCH_LIBELF_A} ${BENCH_LIBZ_A})
  add_dependencies(bench_buf_rate bpf_objects)
endif()

# CO-RE tools and end-to-end: bench_cut_elf writes the BPF object each
# libbpf-tools binary embeds to a file; bench_e2e opens, loads, attaches,
# detaches and closes them all with rawbpf and with libbpf (not stripped).
if(RAWBPF_BENCH)
  add_executable(bench_cut_elf ${bench}/cut_elf.c
    ${PROJECT_SOURCE_DIR}/tests/common/bpf_elf_cut.c)
  target_include_directories(bench_cut_elf PRIVATE
    ${PROJECT_SOURCE_DIR}/tests/common)
  add_executable(bench_e2e ${bench}/e2e.c)
  target_link_libraries(bench_e2e PRIVATE rawbpf ${BENCH_LIBBPF_A}
    ${BENCH_LIBELF_A} ${BENCH_LIBZ_A})
endif()

# The same two loaders linked against a dynamic libc and not stripped:
# valgrind's massif sees malloc only in a dynamic program, and
# callgrind_annotate needs the function names.
if(RAWBPF_BENCH)
  add_executable(bench_heap_rawbpf ${bench}/min_rawbpf.c)
  target_link_libraries(bench_heap_rawbpf PRIVATE rawbpf)
  add_executable(bench_heap_libbpf ${bench}/min_libbpf.c)
  target_link_libraries(bench_heap_libbpf PRIVATE ${BENCH_LIBBPF_A}
    ${BENCH_LIBELF_A} ${BENCH_LIBZ_A})
  foreach(t bench_heap_rawbpf bench_heap_libbpf)
    target_compile_options(${t} PRIVATE -Os -ffunction-sections -fdata-sections)
    target_link_options(${t} PRIVATE -Wl,--gc-sections)
  endforeach()
endif()
