# rename-1.0.sed - the 1.0 naming scheme as an old -> new table (see
# docs/api.md, "Naming scheme"). One whole-word rule per public identifier;
# no new name is an old name, so the table is idempotent. Run it through
# scripts/rename-1.0.sh (which checks that) or directly:
#   sed -i -f scripts/rename-1.0.sed FILE...   (a tree's files or a .patch)

# ---- sys.h: raw bpf(2) commands -> rawbpf_sys_<command> -------------------
s/\brawbpf_map_create\b/rawbpf_sys_map_create/g
s/\brawbpf_map_create_opts\b/rawbpf_sys_map_create_opts/g
s/\brawbpf_map_lookup_elem\b/rawbpf_sys_map_lookup_elem/g
s/\brawbpf_map_lookup_elem_flags\b/rawbpf_sys_map_lookup_elem_flags/g
s/\brawbpf_map_update_elem\b/rawbpf_sys_map_update_elem/g
s/\brawbpf_map_delete_elem\b/rawbpf_sys_map_delete_elem/g
s/\brawbpf_map_delete_elem_flags\b/rawbpf_sys_map_delete_elem_flags/g
s/\brawbpf_map_get_next_key\b/rawbpf_sys_map_get_next_key/g
s/\brawbpf_map_lookup_and_delete_elem\b/rawbpf_sys_map_lookup_and_delete_elem/g
s/\brawbpf_map_freeze\b/rawbpf_sys_map_freeze/g
s/\brawbpf_map_batch_opts\b/rawbpf_sys_map_batch_opts/g
s/\brawbpf_map_lookup_batch\b/rawbpf_sys_map_lookup_batch/g
s/\brawbpf_map_lookup_and_delete_batch\b/rawbpf_sys_map_lookup_and_delete_batch/g
s/\brawbpf_map_update_batch\b/rawbpf_sys_map_update_batch/g
s/\brawbpf_map_delete_batch\b/rawbpf_sys_map_delete_batch/g
s/\brawbpf_prog_load\b/rawbpf_sys_prog_load/g
s/\brawbpf_prog_load_opts\b/rawbpf_sys_prog_load_opts/g
s/\brawbpf_log_free\b/rawbpf_sys_prog_load_log_free/g
s/\brawbpf_prog_test_run\b/rawbpf_sys_prog_test_run/g
s/\brawbpf_test_run_opts\b/rawbpf_sys_prog_test_run_opts/g
s/\brawbpf_prog_bind_map\b/rawbpf_sys_prog_bind_map/g
s/\brawbpf_prog_get_next_id\b/rawbpf_sys_prog_get_next_id/g
s/\brawbpf_map_get_next_id\b/rawbpf_sys_map_get_next_id/g
s/\brawbpf_btf_get_next_id\b/rawbpf_sys_btf_get_next_id/g
s/\brawbpf_link_get_next_id\b/rawbpf_sys_link_get_next_id/g
s/\brawbpf_prog_get_fd_by_id\b/rawbpf_sys_prog_get_fd_by_id/g
s/\brawbpf_map_get_fd_by_id\b/rawbpf_sys_map_get_fd_by_id/g
s/\brawbpf_btf_get_fd_by_id\b/rawbpf_sys_btf_get_fd_by_id/g
s/\brawbpf_link_get_fd_by_id\b/rawbpf_sys_link_get_fd_by_id/g
s/\brawbpf_{prog,map,btf,link}_get_/rawbpf_sys_{prog,map,btf,link}_get_/g
s/\brawbpf_obj_get_info_by_fd\b/rawbpf_sys_obj_get_info_by_fd/g
s/\brawbpf_obj_opts\b/rawbpf_sys_obj_opts/g
s/\brawbpf_obj_pin\b/rawbpf_sys_obj_pin/g
s/\brawbpf_obj_get\b/rawbpf_sys_obj_get/g
s/\brawbpf_prog_attach\b/rawbpf_sys_prog_attach/g
s/\brawbpf_prog_attach_opts\b/rawbpf_sys_prog_attach_opts/g
s/\brawbpf_prog_detach\b/rawbpf_sys_prog_detach/g
s/\brawbpf_prog_query\b/rawbpf_sys_prog_query/g
s/\brawbpf_prog_query_opts\b/rawbpf_sys_prog_query_opts/g
s/\brawbpf_raw_tracepoint_open\b/rawbpf_sys_raw_tracepoint_open/g
s/\brawbpf_btf_load\b/rawbpf_sys_btf_load/g
s/\brawbpf_btf_load_opts\b/rawbpf_sys_btf_load_opts/g
s/\brawbpf_task_fd_query\b/rawbpf_sys_task_fd_query/g
s/\brawbpf_task_fd_info\b/rawbpf_sys_task_fd_query_info/g
s/\brawbpf_link_create\b/rawbpf_sys_link_create/g
s/\brawbpf_link_create_opts\b/rawbpf_sys_link_create_opts/g
s/\brawbpf_link_update\b/rawbpf_sys_link_update/g
s/\brawbpf_link_update_opts\b/rawbpf_sys_link_update_opts/g
s/\brawbpf_link_detach\b/rawbpf_sys_link_detach/g
s/\brawbpf_iter_create\b/rawbpf_sys_iter_create/g
s/\brawbpf_enable_stats\b/rawbpf_sys_enable_stats/g
s/\brawbpf_token_create\b/rawbpf_sys_token_create/g
s/\brawbpf_perf_event_open\b/rawbpf_sys_perf_event_open/g

# ---- pin.h: bpffs helpers -> rawbpf_bpffs_*; fd kinds -> rawbpf_fd_* -------
s/\brawbpf_pin\b/rawbpf_bpffs_pin/g
s/\brawbpf_pin_at\b/rawbpf_bpffs_pin_at/g
s/\brawbpf_pin_get\b/rawbpf_bpffs_get/g
s/\brawbpf_pin_get_at\b/rawbpf_bpffs_get_at/g
s/\brawbpf_unpin\b/rawbpf_bpffs_unpin/g
s/\brawbpf_unpin_at\b/rawbpf_bpffs_unpin_at/g
s/\brawbpf_pin_type\b/rawbpf_bpffs_type/g
s/\brawbpf_obj_type\b/rawbpf_fd_type/g
s/\bRAWBPF_OBJ_PROG\b/RAWBPF_FD_PROG/g
s/\bRAWBPF_OBJ_MAP\b/RAWBPF_FD_MAP/g
s/\bRAWBPF_OBJ_LINK\b/RAWBPF_FD_LINK/g
s/\bRAWBPF_OBJ_BTF\b/RAWBPF_FD_BTF/g
s/\bRAWBPF_OBJ_\*/RAWBPF_FD_*/g

# ---- attach.h: enum constants carry their enum's name ------------------------
s/\bRAWBPF_ATTACH_LINK\b/RAWBPF_ATTACH_KIND_LINK/g
s/\bRAWBPF_ATTACH_PERF_EVENT\b/RAWBPF_ATTACH_KIND_PERF_EVENT/g
s/\bRAWBPF_ATTACH_PROG_ATTACH\b/RAWBPF_ATTACH_KIND_PROG_ATTACH/g
s/\bRAWBPF_ATTACH_NETLINK_XDP\b/RAWBPF_ATTACH_KIND_NETLINK_XDP/g
s/\bRAWBPF_ATTACH_NETLINK_TC\b/RAWBPF_ATTACH_KIND_NETLINK_TC/g
s/\bRAWBPF_ATTACH_SOCKOPT\b/RAWBPF_ATTACH_KIND_SOCKOPT/g
s/\bRAWBPF_ATTACH_\*/RAWBPF_ATTACH_KIND_*/g
s/\bRAWBPF_MODE_AUTO\b/RAWBPF_ATTACH_MODE_AUTO/g
s/\bRAWBPF_MODE_LINK\b/RAWBPF_ATTACH_MODE_LINK/g
s/\bRAWBPF_MODE_LEGACY\b/RAWBPF_ATTACH_MODE_LEGACY/g
s/\bRAWBPF_MODE_\*/RAWBPF_ATTACH_MODE_*/g

# ---- attach constructors: rawbpf_attach_<hook>, options rawbpf_attach_<hook>_opts
s/\brawbpf_section_attach\b/rawbpf_attach_section/g
s/\brawbpf_auto_attach_opts\b/rawbpf_attach_section_opts/g
s/\brawbpf_cgroup_opts\b/rawbpf_attach_cgroup_opts/g
s/\brawbpf_xdp_opts\b/rawbpf_attach_xdp_opts/g
s/\brawbpf_tc_opts\b/rawbpf_attach_tc_opts/g
s/\brawbpf_net_opts\b/rawbpf_attach_net_opts/g
s/\brawbpf_netfilter_opts\b/rawbpf_attach_netfilter_opts/g
s/\brawbpf_perf_event_opts\b/rawbpf_attach_perf_event_opts/g
s/\brawbpf_tracepoint_opts\b/rawbpf_attach_tracepoint_opts/g
s/\brawbpf_perf_sample_opts\b/rawbpf_attach_perf_sampling_opts/g
s/\brawbpf_raw_tracepoint_opts\b/rawbpf_attach_raw_tracepoint_opts/g
s/\brawbpf_kprobe_opts\b/rawbpf_attach_kprobe_opts/g
s/\brawbpf_kprobe_multi_opts\b/rawbpf_attach_kprobe_multi_opts/g
s/\brawbpf_uprobe_opts\b/rawbpf_attach_uprobe_opts/g
s/\brawbpf_uprobe_multi_opts\b/rawbpf_attach_uprobe_multi_opts/g
s/\brawbpf_tracing_opts\b/rawbpf_attach_tracing_opts/g
s/\brawbpf_iter_opts\b/rawbpf_attach_iter_opts/g

# ---- hook helpers that make no attachment: rawbpf_<hook>_<object>_<verb> ---
s/\brawbpf_tc_list\b/rawbpf_tc_filter_list/g
