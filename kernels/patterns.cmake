# patterns: the out-of-process pattern needs a server.  gb-patterns-service
# (build/bin, beside the workers) runs the same kernel behind a Unix socket;
# its source lives in service/ so the kernel glob does not take it for a
# scenario.
add_executable(gb-patterns-service ${CMAKE_CURRENT_SOURCE_DIR}/service/patterns_service.c ${src})
target_include_directories(gb-patterns-service PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(gb-patterns-service PRIVATE gbcommon m)
