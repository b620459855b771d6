# flights: the kernel's C-only handlers parse the request with jansson
# (Debian's libjansson-dev) or with the scanner and reader in kernels/flights/
# (no tree); the extension is built from the same sources.
find_library(GB_JANSSON_LIB jansson REQUIRED)
find_path(GB_JANSSON_INCLUDE jansson.h REQUIRED)
foreach(target IN ITEMS ${GB_KERNEL} ${GB_EXT})
  target_sources(${target} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/flights/scan.c
                                   ${CMAKE_CURRENT_SOURCE_DIR}/flights/reader.c)
  target_include_directories(${target} PRIVATE ${GB_JANSSON_INCLUDE})
  target_link_libraries(${target} PRIVATE ${GB_JANSSON_LIB})
endforeach()
