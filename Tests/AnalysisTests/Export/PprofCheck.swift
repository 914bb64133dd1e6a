import Foundation
import PyFrameTestSupport
import Testing

/// The pprof reader for the tests: Google's `protobuf` package, installed
/// into a virtual environment under the ignored build folder, parsing the
/// gzip'd output with a message class built from profile.proto's public
/// definition (github.com/google/pprof/proto/profile.proto), field by field,
/// with `descriptor_pb2`, so no protoc is needed.
enum PprofCheck {
    /// The package's root, from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The venv's python with `protobuf` importable, or nil when it cannot be
    /// set up (no network to PyPI, no venv module); tests that need it are skipped.
    static let python: String? = {
        let venv = packageRoot + "/.build-export/venv"
        let python = venv + "/bin/python"
        let probe = [python, "-c", "import google.protobuf"]
        if PyFrameTool.run("/usr/bin/env", probe).status == 0 { return python }
        guard PyFrameTool.run("/usr/bin/python3", ["-m", "venv", venv]).status == 0 else { return nil }
        let pip = PyFrameTool.run(venv + "/bin/pip", ["install", "-q", "--disable-pip-version-check", "protobuf"])
        guard pip.status == 0, PyFrameTool.run("/usr/bin/env", probe).status == 0 else { return nil }
        return python
    }()

    /// Parses a gzip'd pprof file and prints its sample types, value sums,
    /// samples, functions by name and self time per leaf, and header fields;
    /// checks that every id it refers to exists and the string table starts with "".
    static func read(_ path: String) -> [String: Any]? {
        guard let python else { return nil }
        return ExportCheck.run(python, script: script, arguments: [path])
    }

    static let script = #"""
    import gzip, json, sys
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
    F = descriptor_pb2.FieldDescriptorProto
    fd = descriptor_pb2.FileDescriptorProto(name="profile.proto", package="perftools.profiles", syntax="proto3")
    def msg(name, *fields):
        m = fd.message_type.add(name=name)
        for fname, num, typ, rep, tname in fields:
            f = m.field.add(name=fname, number=num, type=typ,
                            label=F.LABEL_REPEATED if rep else F.LABEL_OPTIONAL)
            if tname: f.type_name = ".perftools.profiles." + tname
    I64, U64, STR, MSG, BOOL = F.TYPE_INT64, F.TYPE_UINT64, F.TYPE_STRING, F.TYPE_MESSAGE, F.TYPE_BOOL
    msg("Profile", ("sample_type", 1, MSG, 1, "ValueType"), ("sample", 2, MSG, 1, "Sample"),
        ("mapping", 3, MSG, 1, "Mapping"), ("location", 4, MSG, 1, "Location"),
        ("function", 5, MSG, 1, "Function"), ("string_table", 6, STR, 1, None),
        ("drop_frames", 7, I64, 0, None), ("keep_frames", 8, I64, 0, None),
        ("time_nanos", 9, I64, 0, None), ("duration_nanos", 10, I64, 0, None),
        ("period_type", 11, MSG, 0, "ValueType"), ("period", 12, I64, 0, None),
        ("comment", 13, I64, 1, None), ("default_sample_type", 14, I64, 0, None))
    msg("ValueType", ("type", 1, I64, 0, None), ("unit", 2, I64, 0, None))
    msg("Sample", ("location_id", 1, U64, 1, None), ("value", 2, I64, 1, None), ("label", 3, MSG, 1, "Label"))
    msg("Label", ("key", 1, I64, 0, None), ("str", 2, I64, 0, None), ("num", 3, I64, 0, None), ("num_unit", 4, I64, 0, None))
    msg("Mapping", ("id", 1, U64, 0, None), ("memory_start", 2, U64, 0, None), ("memory_limit", 3, U64, 0, None),
        ("file_offset", 4, U64, 0, None), ("filename", 5, I64, 0, None), ("build_id", 6, I64, 0, None),
        ("has_functions", 7, BOOL, 0, None), ("has_filenames", 8, BOOL, 0, None),
        ("has_line_numbers", 9, BOOL, 0, None), ("has_inline_frames", 10, BOOL, 0, None))
    msg("Location", ("id", 1, U64, 0, None), ("mapping_id", 2, U64, 0, None), ("address", 3, U64, 0, None),
        ("line", 4, MSG, 1, "Line"), ("is_folded", 5, BOOL, 0, None))
    msg("Line", ("function_id", 1, U64, 0, None), ("line", 2, I64, 0, None), ("column", 3, I64, 0, None))
    msg("Function", ("id", 1, U64, 0, None), ("name", 2, I64, 0, None), ("system_name", 3, I64, 0, None),
        ("filename", 4, I64, 0, None), ("start_line", 5, I64, 0, None))
    pool = descriptor_pool.DescriptorPool()
    pool.Add(fd)
    Profile = message_factory.GetMessageClass(pool.FindMessageTypeByName("perftools.profiles.Profile"))
    raw = open(sys.argv[1], "rb").read()
    assert raw[:2] == b"\x1f\x8b", "not gzip"
    p = Profile()
    p.ParseFromString(gzip.decompress(raw))
    s = p.string_table
    assert s[0] == "", "string table must start with an empty string"
    funcs = {f.id: f for f in p.function}
    locs = {l.id: l for l in p.location}
    assert len(funcs) == len(p.function) and len(locs) == len(p.location) and 0 not in funcs and 0 not in locs
    for l in p.location:
        assert l.line and all(line.function_id in funcs for line in l.line), l
    types = [[s[t.type], s[t.unit]] for t in p.sample_type]
    sums = [0] * len(types)
    stacks, leaf_self = set(), {}
    for sm in p.sample:
        assert len(sm.value) == len(types)
        assert all(i in locs for i in sm.location_id), sm
        key = tuple(sm.location_id)
        assert key not in stacks, f"stack {key} appears twice"
        stacks.add(key)
        for i, v in enumerate(sm.value): sums[i] += v
        leaf = s[funcs[locs[key[0]].line[0].function_id].name]
        leaf_self[leaf] = leaf_self.get(leaf, 0) + sm.value[0]
    paths = sorted(";".join(s[funcs[locs[i].line[0].function_id].name] for i in reversed(sm.location_id))
                   + " " + str(sm.value[0]) for sm in p.sample)
    print(json.dumps({"types": types, "sums": sums, "samples": len(p.sample), "self": leaf_self,
                      "paths": paths, "default": s[p.default_sample_type],
                      "functions": sorted([s[f.name], s[f.system_name], s[f.filename], f.start_line] for f in p.function),
                      "time_nanos": p.time_nanos, "duration_nanos": p.duration_nanos}))
    """#
}
