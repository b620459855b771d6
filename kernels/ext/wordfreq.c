/* _gb_wordfreq: the `wordfreq` kernel as a CPython extension.
 *
 * count_words(text) is the drop-in for Counter(text.split()): one call on
 * the whole ASCII str (its bytes read in place, the GIL released while C
 * counts), a dict {word: count} back, so only distinct words become Python
 * objects.  top_words(text, n) keeps the whole question in C and returns
 * the answer text itself.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "wordfreq.h"

/* The str's bytes, or NULL with TypeError/ValueError set. */
static const char *ascii_text(PyObject *arg, Py_ssize_t *len)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "text must be a str");
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(arg)) {
        PyErr_SetString(PyExc_ValueError, "text must be ASCII");
        return NULL;
    }
    *len = PyUnicode_GET_LENGTH(arg);
    return (const char *)PyUnicode_DATA(arg);
}

/* Counts into t with the GIL released; 0, or -1 with MemoryError set. */
static int count_text(PyObject *arg, gb_wordfreq_table *t)
{
    Py_ssize_t len;
    const char *text = ascii_text(arg, &len);
    if (!text)
        return -1;
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = gb_wordfreq_count(t, text, (size_t)len);
    Py_END_ALLOW_THREADS
    if (rc < 0) {
        gb_wordfreq_free(t);
        PyErr_NoMemory();
    }
    return rc;
}

static int set_count(PyObject *dict, const gb_wordfreq_entry *e)
{
    PyObject *word = PyUnicode_DecodeASCII(e->word, (Py_ssize_t)e->len, NULL);
    PyObject *count = PyLong_FromLongLong(e->count);
    int rc = word && count ? PyDict_SetItem(dict, word, count) : -1;
    Py_XDECREF(word);
    Py_XDECREF(count);
    return rc;
}

static PyObject *count_words(PyObject *self, PyObject *arg)
{
    (void)self;
    gb_wordfreq_table t = {NULL, 0, 0};
    if (count_text(arg, &t) < 0)
        return NULL;
    PyObject *dict = PyDict_New();
    for (size_t i = 0; dict && t.slots && i <= t.mask; i++) {
        if (t.slots[i].count && set_count(dict, &t.slots[i]) < 0)
            Py_CLEAR(dict);
    }
    gb_wordfreq_free(&t);
    return dict;
}

static PyObject *top_words(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "top_words() takes text and n");
        return NULL;
    }
    Py_ssize_t n = PyLong_AsSsize_t(args[1]);
    if (n < 0) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "n must be >= 0");
        return NULL;
    }
    gb_wordfreq_table t = {NULL, 0, 0};
    if (count_text(args[0], &t) < 0)
        return NULL;
    PyObject *result = NULL;
    gb_wordfreq_entry *top = PyMem_Malloc(((size_t)n + 1) * sizeof *top);
    size_t m = top ? gb_wordfreq_top(&t, top, (size_t)n) : 0;
    size_t need = top ? gb_wordfreq_format(top, m, NULL, 0) : 0;
    char *buf = top ? PyMem_Malloc(need + 1) : NULL;
    if (buf) {
        gb_wordfreq_format(top, m, buf, need + 1);
        result = PyUnicode_DecodeASCII(buf, (Py_ssize_t)need, NULL);
    } else {
        PyErr_NoMemory();
    }
    PyMem_Free(buf);
    PyMem_Free(top);
    gb_wordfreq_free(&t);
    return result;
}

static PyMethodDef methods[] = {
    {"count_words", count_words, METH_O,
     "count_words(text) -> {word: count}, text split on whitespace as str.split() does."},
    {"top_words", (PyCFunction)(void (*)(void))top_words, METH_FASTCALL,
     "top_words(text, n) -> 'word count\\n' for the n most frequent words."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_gb_wordfreq", "The wordfreq scenario's C kernel.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__gb_wordfreq(void)
{
    return PyModule_Create(&module);
}
