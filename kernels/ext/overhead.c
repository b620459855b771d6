/* ext/overhead.c: `_gb_overhead`, one empty C function: a call into it from
 * Python is one crossing of the boundary and nothing else. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* METH_O: the argument arrives as one object, no tuple is built. */
static PyObject *empty(PyObject *self, PyObject *arg)
{
    (void)self;
    (void)arg;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"empty", empty, METH_O, "Do nothing: one crossing of the Python/C boundary."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_gb_overhead", NULL, -1, methods,
                                    NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__gb_overhead(void)
{
    return PyModule_Create(&module);
}
