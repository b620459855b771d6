/* ex_cext.h: exercise 6's kernel header, kept in the exercise's folder. */
#include "../exercises/06-cext/c/ex_cext.h"
