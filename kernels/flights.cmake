# flights: the kernel's C-only handler parses the request with jansson
# (Debian's libjansson-dev); the extension is built from the same source.
find_library(GB_JANSSON_LIB jansson REQUIRED)
find_path(GB_JANSSON_INCLUDE jansson.h REQUIRED)
foreach(target IN ITEMS ${GB_KERNEL} ${GB_EXT})
  target_include_directories(${target} PRIVATE ${GB_JANSSON_INCLUDE})
  target_link_libraries(${target} PRIVATE ${GB_JANSSON_LIB})
endforeach()
