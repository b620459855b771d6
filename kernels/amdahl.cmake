# amdahl's C-only handler talks to SQLite; the extension is built with the kernel.
target_link_libraries(${GB_KERNEL} PRIVATE gbsqlite)
if(GB_EXT)
  target_link_libraries(${GB_EXT} PRIVATE gbsqlite)
endif()
