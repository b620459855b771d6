/* gb_countext.c: the `_gb_count` module: gb_count.h for the Python worker,
 * so that its instruction clock counts only the timed loop. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "gb_count.h"

static PyObject *count_start(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    gb_count_start();
    Py_RETURN_NONE;
}

static PyObject *count_stop(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    gb_count_stop();
    Py_RETURN_NONE;
}

static PyObject *count_available(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    return PyBool_FromLong(gb_count_available());
}

static PyMethodDef methods[] = {
    {"start", count_start, METH_NOARGS, "Start counting instructions (under callgrind)."},
    {"stop", count_stop, METH_NOARGS, "Stop counting instructions."},
    {"available", count_available, METH_NOARGS, "Whether the build had valgrind's headers."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_gb_count", NULL, -1, methods,
                                    NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__gb_count(void)
{
    return PyModule_Create(&module);
}
