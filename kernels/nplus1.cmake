# nplus1 talks to SQLite through its C API.
target_link_libraries(${GB_KERNEL} PRIVATE sqlite3)
if(GB_EXT)
  target_link_libraries(${GB_EXT} PRIVATE sqlite3)
endif()
