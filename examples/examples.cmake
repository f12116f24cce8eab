# Examples. The rawbpf CLI: one file per subcommand under examples/cli/,
# registered in the table in examples/cli/main.c.
file(GLOB RAWBPF_CLI_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/examples/cli/*.c)
add_executable(rawbpf_cli ${RAWBPF_CLI_SOURCES})
set_target_properties(rawbpf_cli PROPERTIES OUTPUT_NAME rawbpf)
target_link_libraries(rawbpf_cli PRIVATE rawbpf)
