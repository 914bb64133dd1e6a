// The `_pyframe` extension module's definition and the thread-local slot.
// PyModuleDef_HEAD_INIT and PyMethodDef tables are static C data; the
// functions they name are Swift (@_cdecl) functions in PyFrameRecorder.
#include "pyframe_shim.h"

__thread void *pf_thread_slot __attribute__((tls_model("initial-exec"))) = NULL;

static PyMethodDef pf_methods[] = {
    {"start", (PyCFunction)(void (*)(void))pyframe_module_start, METH_FASTCALL,
     "start(path, options) -> None: install the hook and record into path."},
    {"stop", pyframe_module_stop, METH_NOARGS,
     "stop() -> str | None: uninstall the hook and write every recorded event; returns what was lost, if anything."},
    {"name_thread", pyframe_module_name_thread, METH_O,
     "name_thread(name) -> None: record the calling thread's name."},
    {"_after_fork_child", pyframe_module_after_fork_child, METH_NOARGS,
     "Called in a forked child: stop recording into the parent's trace."},
    {"is_recording", pyframe_module_is_recording, METH_NOARGS,
     "is_recording() -> bool"},
    {"mark", pyframe_module_mark, METH_O,
     "mark(label) -> bool: put a named instant in the trace; False if not recording."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef pf_module = {
    PyModuleDef_HEAD_INIT, "_pyframe",
    "pyframe's in-process recorder (PEP 523 eval-frame hook).", -1, pf_methods,
    NULL, NULL, NULL, NULL,
};

PyObject *pf_module_create(void) { return PyModule_Create(&pf_module); }

static PyMethodDef pf_inline_init_callbacks[] = {
    {"pyframe_init_started", (PyCFunction)(void (*)(void))pyframe_inline_init_started, METH_FASTCALL, NULL},
    {"pyframe_init_returned", (PyCFunction)(void (*)(void))pyframe_inline_init_returned, METH_FASTCALL, NULL},
    {"pyframe_init_unwound", (PyCFunction)(void (*)(void))pyframe_inline_init_unwound, METH_FASTCALL, NULL},
};

PyObject *pf_inline_init_callback(int kind) {
    return PyCFunction_New(&pf_inline_init_callbacks[kind], NULL);
}

/// One C-call event: `callable` with first argument `arg0` (NULL when
/// unknown), recorded when it runs a C function. A Python function, the
/// most common callable, is answered by one compare without leaving C.
static inline void pf_c_call_event(PyObject *callable, PyObject *arg0, int kind) {
    PyObject *bound = NULL;
    PyMethodDef *definition = callable != NULL ? pf_c_function_def(callable, arg0, &bound) : NULL;
    if (definition != NULL) {
        pyframe_c_call_seen(definition, callable, bound, kind);
    }
}

// The sys.monitoring callbacks (code, offset, callable, arg0). They return
// None, never DISABLE, which would silence a call site for every callable
// it may call later, C functions included.
//
// CPython calls them through their vectorcall slot; a PyCFunction's slot
// would go through cfunction_vectorcall_FASTCALL (a recursion check, the
// METH_FASTCALL call) on every call of the program, so pf_c_call_callback
// points the slot straight at the `_vector` form. The `_fast` form stays
// the method definition's, for anything that calls through it.
#define PF_C_CALLBACK(name, kind)                                                              \
    static PyObject *name##_fast(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {    \
        (void)self;                                                                            \
        if (nargs >= 4) pf_c_call_event(args[2], args[3], kind);                               \
        return pf_none_ref();                                                                  \
    }                                                                                          \
    static PyObject *name##_vector(PyObject *callable, PyObject *const *args, size_t nargsf,   \
                                   PyObject *kwnames) {                                        \
        if (kwnames != NULL && PyTuple_GET_SIZE(kwnames) != 0) {                               \
            PyErr_Format(PyExc_TypeError, "%.200s() takes no keyword arguments",               \
                         ((PyCFunctionObject *)callable)->m_ml->ml_name);                      \
            return NULL;                                                                       \
        }                                                                                      \
        return name##_fast(callable, args, PyVectorcall_NARGS(nargsf));                        \
    }

PF_C_CALLBACK(pf_c_call_entered, 0)
PF_C_CALLBACK(pf_c_call_returned, 2)
PF_C_CALLBACK(pf_c_call_raised, 4)

static PyMethodDef pf_c_call_callbacks[] = {
    {"pyframe_c_call", (PyCFunction)(void (*)(void))pf_c_call_entered_fast, METH_FASTCALL, NULL},
    {"pyframe_c_return", (PyCFunction)(void (*)(void))pf_c_call_returned_fast, METH_FASTCALL, NULL},
    {"pyframe_c_raise", (PyCFunction)(void (*)(void))pf_c_call_raised_fast, METH_FASTCALL, NULL},
};
static const vectorcallfunc pf_c_call_vectors[] = {
    pf_c_call_entered_vector, pf_c_call_returned_vector, pf_c_call_raised_vector,
};

PyObject *pf_c_call_callback(int kind) {
    PyObject *callback = PyCFunction_New(&pf_c_call_callbacks[kind], NULL);
    if (callback != NULL) ((PyCFunctionObject *)callback)->vectorcall = pf_c_call_vectors[kind];
    return callback;
}

int pf_c_profile_function(PyObject *obj, PyFrameObject *frame, int what, PyObject *arg) {
    (void)obj;
    (void)frame;
    switch (what) {
    case PyTrace_C_CALL: pf_c_call_event(arg, NULL, 0); break;
    case PyTrace_C_RETURN: pf_c_call_event(arg, NULL, 2); break;
    case PyTrace_C_EXCEPTION: pf_c_call_event(arg, NULL, 4); break;
    default: break;
    }
    return 0;
}

#if PY_VERSION_HEX >= 0x030C0000
static void (*pf_code_destroyed)(PyCodeObject *);

static int pf_code_watcher(PyCodeEvent event, PyCodeObject *code) {
    if (event == PY_CODE_EVENT_DESTROY) {
        pf_code_destroyed(code);
    }
    return 0;
}

int pf_code_watch_destruction(void (*destroyed)(PyCodeObject *)) {
    pf_code_destroyed = destroyed;
    int id = PyCode_AddWatcher(pf_code_watcher);
    if (id < 0) {
        PyErr_Clear();
    }
    return id;
}
#else
int pf_code_watch_destruction(void (*destroyed)(PyCodeObject *)) {
    (void)destroyed;
    return -1;
}
#endif

static PyObject *pf_before_fork(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    pyframe_before_fork();
    return pf_none_ref();
}
static PyObject *pf_after_fork_in_parent(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    pyframe_after_fork_in_parent();
    return pf_none_ref();
}

static PyMethodDef pf_fork_callbacks[] = {
    {"pyframe_before_fork", pf_before_fork, METH_NOARGS, NULL},
    {"pyframe_after_fork_in_parent", pf_after_fork_in_parent, METH_NOARGS, NULL},
};

PyObject *pf_fork_callback(int kind) {
    return PyCFunction_New(&pf_fork_callbacks[kind], NULL);
}

#if PY_VERSION_HEX >= 0x030C0000
#include <internal/pycore_ceval.h>
#include <internal/pycore_interp.h>

int pf_fork_hook_move_last(PyObject *hook) {
    PyObject *hooks = PyInterpreterState_Get()->after_forkers_parent;
    if (hooks == NULL || !PyList_Check(hooks)) {
        return -1;
    }
    Py_ssize_t count = PyList_GET_SIZE(hooks);
    for (Py_ssize_t i = count - 1; i >= 0; i--) {
        if (PyList_GET_ITEM(hooks, i) != hook) {
            continue;
        }
        if (i == count - 1) {
            return 0;
        }
        Py_INCREF(hook);
        int failed = PySequence_DelItem(hooks, i) < 0 || PyList_Append(hooks, hook) < 0;
        Py_DECREF(hook);
        if (failed) {
            PyErr_Clear();
            return -1;
        }
        return 0;
    }
    return -1;
}

int pf_add_pending_call(int (*func)(void *)) {
    // Flags 0: any thread may run it (not only the main thread, which may be
    // waiting for the thread that forked).
    return _PyEval_AddPendingCall(PyInterpreterState_Get(), func, NULL, 0) == 0 ? 0 : -1;
}
#else
int pf_fork_hook_move_last(PyObject *hook) {
    (void)hook;
    return -1;
}

int pf_add_pending_call(int (*func)(void *)) {
    (void)func;
    return -1;
}
#endif
