/* ex_cext.c: exercise 6's extension _gb_ex_cext, compiled from the
 * exercise's folder (exercises/06-cext/c/ext.c) with its kernel. */
#include "../../exercises/06-cext/c/ext.c"
