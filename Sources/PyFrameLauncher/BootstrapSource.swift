import TraceFormat

/// The Python side of injection: a `sitecustomize.py` that `pyframe record`
/// puts first on the traced program's PYTHONPATH.
///
/// It loads the recorder extension (a Swift library) into the interpreter,
/// starts recording, arranges for the trace to be completed at exit and for a
/// forked child to leave its parent's trace alone, names threads, gives the
/// program back the environment and `sys.path` it would have had, and then
/// runs the user's own `sitecustomize`, if there is one.
enum BootstrapSource {
    /// File name Python looks for at start-up.
    static let fileName = "sitecustomize.py"

    /// Environment variables the launcher sets and the bootstrap consumes.
    enum Variable {
        static let output = "PYFRAME_OUTPUT"
        static let recorders = "PYFRAME_RECORDERS_DIR"
        static let options = "PYFRAME_OPTIONS"
        static let bootstrapDir = "PYFRAME_BOOTSTRAP_DIR"
        static let originalPath = "PYFRAME_ORIGINAL_PYTHONPATH"
        static let report = "PYFRAME_REPORT"
        static let follow = "PYFRAME_FOLLOW"
    }

    /// The file's text.
    static let text = #"""
    # pyframe bootstrap, written by `pyframe record` into its cache folder.
    # Loads pyframe's recorder into this interpreter, then runs the user's own
    # sitecustomize. Nothing here runs unless PYFRAME_OUTPUT is set.


    def _pyframe_environment(os, sys, follow):
        # The program gets back the sys.path it would have had. Without
        # following, it also gets back its environment; with it, the variables
        # stay so that Python subprocesses are recorded too.
        env = os.environ
        here = env.get("\#(Variable.bootstrapDir)")
        if here is not None:
            # Only entries named like this folder can be it (realpath of
            # every entry cost each process 0.15 ms).
            name = os.path.basename(here.rstrip(os.sep))
            here = os.path.realpath(here)
            sys.path[:] = [p for p in sys.path
                           if os.path.basename((p or ".").rstrip(os.sep)) != name or os.path.realpath(p or ".") != here]
        if follow:
            return
        for name in ("\#(Variable.output)", "\#(Variable.recorders)", "\#(Variable.options)", "\#(Variable.report)",
                     "\#(Variable.bootstrapDir)", "\#(Variable.follow)"):
            env.pop(name, None)
        original = env.pop("\#(Variable.originalPath)", None)
        if original is None:
            env.pop("PYTHONPATH", None)
        else:
            env["PYTHONPATH"] = original


    def _pyframe_trace_path(output, os, sys):
        # A file; a directory (ending in /) in which to name one after the
        # program and pid; or, for a child process, a template with {pid}.
        if "{pid}" in output:
            # A process that exec'd Python again in the same pid (fork then
            # exec) finds its earlier self's trace there: it gets its own.
            path = output.replace("{pid}", str(os.getpid()))
            stem, n = (path[:-4] if path.endswith(".lz4") else path), 0
            while os.path.lexists(path):
                n += 1
                path = "%s.%d.lz4" % (stem, n)
            return path
        if output.endswith(os.sep) or os.path.isdir(output):
            stem = os.path.join(output, "%s.%d" % (_pyframe_program_name(sys), os.getpid()))
            path, n = stem + ".pyframe.lz4", 0
            while os.path.lexists(path):
                n += 1
                path = "%s.%d.pyframe.lz4" % (stem, n)
            return path
        return output


    def _pyframe_child_template(path):
        # Children's traces sit beside the parent's and sort with it:
        # trace.lz4 -> trace.<pid>.lz4
        stem = path[:-4] if path.endswith(".lz4") else path
        return stem + ".{pid}.lz4"


    def _pyframe_program_name(sys):
        args = list(getattr(sys, "orig_argv", sys.argv))[1:]
        while args:
            arg = args.pop(0)
            if arg == "-m" and args:
                return args[0]
            if arg == "-c":
                return "python-c"
            if arg in ("-X", "-W", "--check-hash-based-pycs"):
                args = args[1:]
                continue
            if arg.startswith("-"):
                continue
            base = arg.replace("\\", "/").rsplit("/", 1)[-1]
            return base[:-3] if base.endswith(".py") else (base or "python")
        return "python"


    def _pyframe_recorder(folder, os, sys):
        # The recorder built for this interpreter: named with its extension
        # suffix. Anything pyframe cannot record ends here, in one line
        # (this runs before anything that older Pythons cannot parse).

        implementation = getattr(getattr(sys, "implementation", None), "name", "python")
        version = "%s %s" % (implementation, sys.version.split()[0])
        if implementation != "cpython" or not (3, 11) <= sys.version_info[:2] <= (3, 15):
            reason = "%s is not supported" % version
        elif "t" in getattr(sys, "abiflags", ""):
            reason = "free-threaded %s is not supported" % version
        else:
            import _imp

            path = os.path.join(folder, "_pyframe" + _imp.extension_suffixes()[0])
            if os.path.exists(path):
                return path
            reason = "this pyframe has no recorder for %s (build it with Tools/build-recorders.sh)" % version
        sys.stderr.write("pyframe: %s; pyframe records CPython 3.11 to 3.15 (with the GIL)\n" % reason)
        sys.stderr.flush()
        report = os.environ.get("\#(Variable.report)")
        if report:
            try:
                with open(report, "a") as f:  # no encoding= : Python 2 reads this too
                    f.write("!refused\n")
            except (IOError, OSError):
                pass
        os._exit(1)


    def _pyframe_start():
        import os
        import sys

        env = os.environ
        output = env.get("\#(Variable.output)")
        recorders = env.get("\#(Variable.recorders)")
        # pyframe's own frames (this folder: the bootstrap and the API
        # package) are never recorded.
        here = os.path.dirname(os.path.abspath(__file__))
        options = env.get("\#(Variable.options)", "") + "\n\#(RecordingSettings.Key.hide)=" + here + os.sep
        report = env.get("\#(Variable.report)")
        follow = env.get("\#(Variable.follow)") == "1"
        library = None
        if output is not None and recorders is not None:
            library = _pyframe_recorder(recorders, os, sys)
        _pyframe_environment(os, sys, follow)
        if library is None:
            return
        # The import system's own modules, loaded before site runs: importing
        # importlib.machinery would load the importlib package, which a
        # plain interpreter has not (start-up is what every child pays).
        import _frozen_importlib as bootstrap
        import _frozen_importlib_external as external

        api = _pyframe_api(here + os.sep + "pyframe", bootstrap, external, os, sys)
        if api is None:
            return

        loader = external.ExtensionFileLoader("_pyframe", library)
        spec = bootstrap.ModuleSpec("_pyframe", loader, origin=library)
        try:
            recorder = loader.create_module(spec)
            loader.exec_module(recorder)
        except ImportError as exc:
            if "subinterpreter" in str(exc):
                return  # a sub-interpreter of the recorded process: left alone
            raise
        sys.modules["_pyframe"] = recorder
        path = _pyframe_trace_path(output, os, sys)
        template = _pyframe_child_template(path)
        if follow:
            env["\#(Variable.output)"] = template

        def started(path):
            if report:
                try:
                    with open(report, "a", encoding="utf-8") as f:
                        f.write(path + "\n")
                except OSError:
                    pass  # pyframe record has already finished

        def after_fork_in_child():
            recorder._after_fork_child()
            if follow:
                child = template.replace("{pid}", str(os.getpid()))
                recorder.start(child, options)
                started(child)

        try:
            # Recording begins where the program does (begin=main), not in
            # what site runs after this file. A forked child starts at once.
            recorder.start(path, options + "\n\#(RecordingSettings.Key.begin)=main")
        except OSError as exc:
            if "already recording" in str(exc):
                return  # a sub-interpreter of a process being recorded
            raise
        # Exit handlers are registered now, so they run last: after the
        # program's own. (The API package's _install_process_hooks, which
        # its code, loaded lazily, is told has run.)
        import atexit

        atexit.register(recorder.stop)
        os.register_at_fork(after_in_child=after_fork_in_child)
        exit_now = os._exit

        def _exit(status):
            recorder.stop()
            exit_now(status)

        _exit.__doc__ = exit_now.__doc__
        os._exit = _exit
        started(path)
        _pyframe_cache_bytecode(os, sys)


    def _pyframe_api(folder, bootstrap, external, os, sys):
        # `import pyframe` works in the program: the API package beside this
        # file is in sys.modules as is, but its code runs on first use of one
        # of its attributes (few programs use it, and every process pyframe
        # follows would pay for importing it).
        init = os.path.join(folder, "__init__.py")
        if not os.path.exists(init):
            return None
        loader = external.SourceFileLoader("pyframe", init)
        spec = bootstrap.ModuleSpec("pyframe", loader, origin=init, is_package=True)
        spec.submodule_search_locations = [folder]
        spec.has_location = True
        module = type(sys)("pyframe")
        module.__spec__, module.__loader__, module.__file__ = spec, loader, init
        module.__path__, module.__package__ = [folder], "pyframe"

        import _thread

        lock, loaded = _thread.RLock(), []

        def __getattr__(name):
            with lock:  # another thread asking meanwhile waits for the whole package
                if not loaded:
                    loaded.append(True)
                    loader.exec_module(module)
                    module._hooks_installed = True  # by this bootstrap
                    module._under_record = True
                    module.__dict__.pop("__getattr__", None)
            value = module.__dict__.get(name, loader)  # (loader: never an attribute's value)
            if value is loader:
                raise AttributeError("module 'pyframe' has no attribute '%s'" % name)
            return value

        module.__getattr__ = __getattr__
        sys.modules["pyframe"] = module
        return module


    def _pyframe_cache_bytecode(os, sys):
        # Every process pyframe records imports this file. Where the
        # environment forbids writing bytecode (PYTHONDONTWRITEBYTECODE), each
        # would compile it again (about 2 ms); the first process of each Python
        # version writes it into pyframe's own cached folder instead (imports
        # still read bytecode caches). Nothing of the program's is written.
        if not sys.dont_write_bytecode or getattr(sys, "pycache_prefix", None):
            return
        try:
            import _frozen_importlib_external as external  # loaded before site runs

            source = __file__
            cached = external.cache_from_source(source)
            if os.path.exists(cached):
                return
            st = os.stat(source)
            with open(source, "rb") as f:
                code = compile(f.read(), source, "exec", dont_inherit=True)
            try:
                os.mkdir(os.path.dirname(cached), 0o700)
            except FileExistsError:
                pass
            external._write_atomic(cached, external._code_to_timestamp_pyc(code, st.st_mtime, st.st_size), 0o600)
        except Exception:
            pass  # compiled again next time


    def _pyframe_user_sitecustomize():
        import sys

        me = sys.modules.pop("sitecustomize")
        try:
            import sitecustomize  # noqa: F401  (the user's, found further along sys.path)
        except ImportError as exc:
            sys.modules["sitecustomize"] = me
            if exc.name != "sitecustomize":
                raise


    def _pyframe_start_quietly():
        # Nothing of pyframe's may raise into the program: a failure is one
        # line, and the program runs on untraced.
        try:
            _pyframe_start()
        except Exception as exc:
            import sys

            sys.stderr.write("pyframe: this process is not recorded: %s\n" % exc)
            sys.stderr.flush()


    _pyframe_start_quietly()
    _pyframe_user_sitecustomize()
    """#
}
