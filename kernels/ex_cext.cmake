# Exercise 6's solution, built beside the attendee's starter so that the
# tests can grade it: the same module name, _gb_ex_cext, in its own folder
# (build/exercises/ex_cext/), put first with
#   --pyref <build>/exercises/ex_cext
set(GB_EX_CEXT_DIR ${PROJECT_SOURCE_DIR}/exercises/06-cext)
Python3_add_library(gbx_ex_cext_solution MODULE WITH_SOABI
  ${GB_EX_CEXT_DIR}/solution/c/ext.c ${GB_EX_CEXT_DIR}/solution/c/kernel.c)
target_include_directories(gbx_ex_cext_solution PRIVATE ${GB_EX_CEXT_DIR}/c)
set_target_properties(gbx_ex_cext_solution PROPERTIES OUTPUT_NAME _gb_ex_cext
  LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/exercises/ex_cext)
