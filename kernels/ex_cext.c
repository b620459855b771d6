/* ex_cext.c: exercise 6's kernel, compiled from the exercise's folder so
 * that the attendee edits C there and `make build` finds it here (the
 * build finds kernels only in kernels/; see exercises/06-cext/README.md). */
#include "../exercises/06-cext/c/kernel.c"
