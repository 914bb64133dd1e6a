// pyframe_shim.h — the only C in pyframe.
//
// Swift reaches CPython's public C API directly through this header. What it
// cannot reach is here: the internal frame layout (`_PyInterpreterFrame`, only
// visible with Py_BUILD_CORE), the layout of a code object's co_extra slots,
// macros (Py_None), the cycle counter and initial-exec thread-local storage.
// Every accessor is `static inline` so that the Swift hot path compiles to the
// same loads a C hook would do.
//
// Version-specific CPython details live in this header alone, in the
// CPython 3.11 section below. A 3.12 adapter is a second section here.
#ifndef PYFRAME_SHIM_H
#define PYFRAME_SHIM_H

#ifndef NDEBUG
#define NDEBUG 1
#endif
// The C library is included before Python.h on purpose: pyconfig.h defines
// _XOPEN_SOURCE, which changes glibc's struct layouts (fd_set) from those of
// Swift's Glibc module, and the two must agree when Swift imports both.
#include <features.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef Py_BUILD_CORE
#define Py_BUILD_CORE 1
#endif
#include <Python.h>

// MARK: - CPython 3.11

#if PY_VERSION_HEX < 0x030B0000 || PY_VERSION_HEX >= 0x030C0000
#error "pyframe's shim supports CPython 3.11 headers only"
#endif

#include <internal/pycore_frame.h>

/// The eval-frame hook signature of PEP 523 as of CPython 3.11.
typedef _PyFrameEvalFunction pf_eval_func;

/// Mirror of CPython 3.11's private `_PyCodeObjectExtra` (Objects/codeobject.c):
/// a size followed by one pointer per index handed out by
/// `_PyEval_RequestCodeExtraIndex`. Reading it directly avoids a call per frame.
typedef struct {
    Py_ssize_t ce_size;
    void *ce_extras[1];
} pf_code_extra;

/// The code object a frame evaluates.
static inline PyCodeObject *pf_frame_code(struct _PyInterpreterFrame *frame) {
    return frame->f_code;
}

/// True when the frame starts at its first instruction (a call), false when a
/// generator or coroutine frame resumes after a yield or await.
static inline int pf_frame_is_fresh(struct _PyInterpreterFrame *frame) {
    return frame->prev_instr < _PyCode_CODE(frame->f_code);
}

/// True when the frame belongs to a generator, coroutine or async generator.
static inline int pf_frame_is_generator(struct _PyInterpreterFrame *frame) {
    return frame->owner == FRAME_OWNED_BY_GENERATOR;
}

/// After evaluation returned a value: true if the generator frame suspended
/// (yield or await) rather than returned. Valid only for generator frames,
/// whose memory the generator object keeps alive across the call.
static inline int pf_frame_suspended(struct _PyInterpreterFrame *frame) {
    return _PyFrame_GetGenerator(frame)->gi_frame_state == FRAME_SUSPENDED;
}

/// The value stored at `index` in the code object's co_extra, or 0.
static inline uintptr_t pf_code_extra_get(PyCodeObject *code, Py_ssize_t index) {
    pf_code_extra *extra = (pf_code_extra *)code->co_extra;
    if (extra == NULL || index >= extra->ce_size) {
        return 0;
    }
    return (uintptr_t)extra->ce_extras[index];
}

/// Python's default frame evaluator, called when no other hook was installed.
static inline PyObject *pf_eval_default(PyThreadState *tstate,
                                        struct _PyInterpreterFrame *frame,
                                        int throwflag) {
    return _PyEval_EvalFrameDefault(tstate, frame, throwflag);
}

/// Calls an eval-frame function through its pointer (a chained hook).
static inline PyObject *pf_eval_call(pf_eval_func func, PyThreadState *tstate,
                                     struct _PyInterpreterFrame *frame,
                                     int throwflag) {
    return func(tstate, frame, throwflag);
}

/// The current interpreter's eval-frame function, and installing one.
static inline pf_eval_func pf_get_eval_func(void) {
    return _PyInterpreterState_GetEvalFrameFunc(PyInterpreterState_Get());
}
static inline void pf_set_eval_func(pf_eval_func func) {
    _PyInterpreterState_SetEvalFrameFunc(PyInterpreterState_Get(), func);
}

// MARK: - Version-independent helpers

/// `Py_None`, which is a macro Swift cannot import.
static inline PyObject *pf_none(void) { return Py_None; }
static inline PyObject *pf_true(void) { return Py_True; }
static inline PyObject *pf_false(void) { return Py_False; }

/// Type checks that are macros in Python.h.
static inline int pf_is_code(PyObject *o) { return PyCode_Check(o); }
static inline int pf_is_tuple(PyObject *o) { return PyTuple_Check(o); }
static inline int pf_is_frozenset(PyObject *o) { return PyFrozenSet_Check(o); }
static inline int pf_is_unicode(PyObject *o) { return PyUnicode_Check(o); }
static inline int pf_is_bytes(PyObject *o) { return PyBytes_Check(o); }

/// Timestamp source for events: the CPU's invariant time-stamp counter on
/// x86-64 (about 10 ns here against about 22 ns for clock_gettime), converted
/// to nanoseconds by the recorder's calibration; CLOCK_MONOTONIC elsewhere.
static inline uint64_t pf_ticks(void) {
#if defined(__x86_64__)
    return __builtin_ia32_rdtsc();
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
#endif
}

/// 1 when `pf_ticks` counts CPU cycles that need calibration, 0 when it is ns.
static inline int pf_ticks_are_cycles(void) {
#if defined(__x86_64__)
    return 1;
#else
    return 0;
#endif
}

/// CLOCK_MONOTONIC in nanoseconds.
static inline uint64_t pf_monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/// CLOCK_REALTIME in nanoseconds since the Unix epoch.
static inline uint64_t pf_realtime_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/// The calling thread's recorder state. Initial-exec TLS: one load from the
/// thread pointer, no call to __tls_get_addr on the hot path.
extern __thread void *pf_thread_slot __attribute__((tls_model("initial-exec")));
static inline void *pf_tls_get(void) { return pf_thread_slot; }
static inline void pf_tls_set(void *value) { pf_thread_slot = value; }

/// Creates the `_pyframe` module object. Its functions are implemented in
/// Swift (PyFrameRecorder/PythonModule.swift) under these C names.
PyObject *pf_module_create(void);

PyObject *pyframe_module_start(PyObject *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *pyframe_module_stop(PyObject *self, PyObject *unused);
PyObject *pyframe_module_name_thread(PyObject *self, PyObject *name);
PyObject *pyframe_module_after_fork_child(PyObject *self, PyObject *unused);
PyObject *pyframe_module_is_recording(PyObject *self, PyObject *unused);
PyObject *pyframe_module_mark(PyObject *self, PyObject *label);

#endif
