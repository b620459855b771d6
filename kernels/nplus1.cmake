# nplus1 talks to SQLite through its C API.
target_link_libraries(${GB_KERNEL} PRIVATE gbsqlite)
if(GB_EXT)
  target_link_libraries(${GB_EXT} PRIVATE gbsqlite)
endif()
