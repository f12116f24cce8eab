# lib/options.cmake - optional parts of the library, each a set of whole
# files. An option set OFF leaves its files out, compiles its one stub from
# lib/off/ instead (which refuses what needs the part with -EOPNOTSUPP and
# a message naming the option) and defines RAWBPF_NO_<PART>. All default
# ON: the normal build and the tests carry everything. Included by the top
# CMakeLists.txt after RAWBPF_SOURCES is globbed; edits that list.
option(RAWBPF_WITH_CORE "CO-RE relocations (needs RAWBPF_WITH_KERNEL_BTF)" ON)
option(RAWBPF_WITH_KERNEL_BTF
  "vmlinux BTF: attach targets of fentry/fexit/tp_btf/lsm/iter, CO-RE and .ksyms lookups" ON)
option(RAWBPF_WITH_EXTERNS ".kconfig and .ksyms externs (needs RAWBPF_WITH_KERNEL_BTF)" ON)
option(RAWBPF_WITH_SANITIZE "rewrite BTF kinds an older kernel refuses" ON)
option(RAWBPF_WITH_NETLINK "XDP and tc attachments through netlink (links work without)" ON)
option(RAWBPF_WITH_USDT "USDT probes: .note.stapsdt, argument specs, rawbpf_attach_usdt" ON)
option(RAWBPF_WITH_STRUCT_OPS
  ".struct_ops and .struct_ops.link maps (needs RAWBPF_WITH_KERNEL_BTF)" ON)
option(RAWBPF_WITH_ARENA "__arena globals (.addr_space.1) in an arena map (6.9)" ON)
option(RAWBPF_WITH_IPROUTE2
  "iproute2's struct bpf_elf_map in legacy maps sections: tc pinning, map-in-map by id" ON)

# Not a part (no files): message texts. OFF leaves every error as its
# name and place ("... (EINVAL) at maps_btf.c:212"); core/log.h.
option(RAWBPF_WITH_MESSAGES "error and log message texts" ON)
if(NOT RAWBPF_WITH_MESSAGES)
  add_compile_definitions(RAWBPF_NO_MESSAGES)
endif()

foreach(part CORE EXTERNS STRUCT_OPS)
  if(RAWBPF_WITH_${part} AND NOT RAWBPF_WITH_KERNEL_BTF)
    message(FATAL_ERROR "RAWBPF_WITH_${part} needs RAWBPF_WITH_KERNEL_BTF")
  endif()
endforeach()

set(_lib ${PROJECT_SOURCE_DIR}/lib)
set(RAWBPF_PARTS CORE KERNEL_BTF EXTERNS SANITIZE NETLINK IPROUTE2 USDT STRUCT_OPS
  ARENA)
# part -> its files (relative to lib/) and its stub (lib/off/<stub>.c)
set(RAWBPF_PART_CORE btf/core.c btf/core_patch.c object/core_obj.c
  btf/btf_min.c object/btf_min_obj.c)
set(RAWBPF_PART_KERNEL_BTF kernel/kernel_btf.c kernel/target_btf.c
  kernel/module_btf.c object/kernel_prep.c)
set(RAWBPF_PART_EXTERNS object/kconfig.c core/inflate.c object/ksyms.c
  kernel/kconfig_read.c kernel/kallsyms.c)
set(RAWBPF_PART_SANITIZE btf/btf_sanitize.c)
set(RAWBPF_PART_NETLINK sys/netlink.c attach/xdp_netlink.c attach/cls_bpf.c)
set(RAWBPF_PART_IPROUTE2 object/maps_iproute2.c)
set(RAWBPF_PART_ARENA object/arena.c)
set(RAWBPF_PART_USDT attach/usdt.c attach/usdt_args.c elf/usdt_note.c)
set(RAWBPF_PART_STRUCT_OPS object/struct_ops.c object/struct_ops_load.c
  attach/struct_ops.c)

list(FILTER RAWBPF_SOURCES EXCLUDE REGEX "/lib/off/")
foreach(part ${RAWBPF_PARTS})
  if(NOT RAWBPF_WITH_${part})
    foreach(f ${RAWBPF_PART_${part}})
      list(REMOVE_ITEM RAWBPF_SOURCES ${_lib}/${f})
    endforeach()
    string(TOLOWER ${part} stub)
    list(APPEND RAWBPF_SOURCES ${_lib}/off/${stub}_off.c)
    add_compile_definitions(RAWBPF_NO_${part})
  endif()
endforeach()

# The firmware variant (every part OFF), for tests/bench: the same
# sources without the parts' files, with every stub.
set(RAWBPF_FIRMWARE_SOURCES ${RAWBPF_SOURCES})
set(RAWBPF_FIRMWARE_DEFS "")
foreach(part ${RAWBPF_PARTS})
  foreach(f ${RAWBPF_PART_${part}})
    list(REMOVE_ITEM RAWBPF_FIRMWARE_SOURCES ${_lib}/${f})
  endforeach()
  string(TOLOWER ${part} stub)
  list(APPEND RAWBPF_FIRMWARE_SOURCES ${_lib}/off/${stub}_off.c)
  list(APPEND RAWBPF_FIRMWARE_DEFS RAWBPF_NO_${part})
endforeach()
list(REMOVE_DUPLICATES RAWBPF_FIRMWARE_SOURCES)
