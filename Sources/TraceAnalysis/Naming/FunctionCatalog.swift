import TraceFormat

/// Names every code object of a set of traces and numbers the versions of
/// each function, so that several traces (processes or runs) can be merged
/// by function rather than by code id, which is private to one trace.
package struct FunctionCatalog: Sendable {
    /// The distinct function versions, indexed by the ids this catalog hands out.
    package private(set) var functions: [FunctionInfo] = []
    /// Per trace: code id → function index.
    private var byCode: [[Int32]] = []

    /// Catalogues the code records of `profiles`, in order. Versions are
    /// numbered in order of first appearance (trace order, then code id).
    package init(profiles: [TraceProfile]) {
        var index: [VersionKey: Int32] = [:]
        index.reserveCapacity(profiles.reduce(0) { $0 + $1.codes.count })
        for profile in profiles {
            let shortener = PathShortener(cwd: profile.process.cwd)
            // Many code objects share a file: each path is shortened once
            // (shortening every code record was a third of `report` on a
            // pyperformance trace with its thousands of imported functions).
            var short: [String: String] = [:]
            let maxId = max(profile.codes.keys.max().map(Int.init) ?? 0,
                            (profile.threads.map(\.functions.count).max() ?? 1) - 1)
            var map = [Int32](repeating: -1, count: maxId + 1)
            for id in 0...maxId {
                let key: VersionKey
                let record = profile.codes[UInt32(id)]
                if let record {
                    key = VersionKey(
                        // A C function (--c-calls) has no file: its name is all it shows.
                        identity: FunctionIdentity(file: record.filename == CFunctionRecord.fileName
                                                       ? "" : short.memo(record.filename, shortener.shorten),
                                                   qualname: record.qualname, line: record.firstLine),
                        hash: record.hash)
                } else {
                    let name = id == 0 ? "<unknown code>" : "<code \(id)>"
                    key = VersionKey(identity: FunctionIdentity(file: "", qualname: name, line: 0), hash: 0)
                }
                if let existing = index[key] {
                    map[id] = existing
                } else {
                    let new = Int32(functions.count)
                    index[key] = new
                    functions.append(FunctionInfo(identity: key.identity, hash: key.hash, version: 0,
                                                  rawPath: record?.filename ?? "", record: record))
                    map[id] = new
                }
            }
            byCode.append(map)
        }
        var versions: [FunctionIdentity: Int] = [:]
        versions.reserveCapacity(functions.count)
        for f in functions { versions[f.identity, default: 0] += 1 }
        var next: [FunctionIdentity: Int] = [:]
        for i in functions.indices where versions[functions[i].identity]! > 1 {
            let n = next[functions[i].identity, default: 0] + 1
            next[functions[i].identity] = n
            functions[i].version = n
        }
    }

    /// The function index of `code` in the `trace`-th profile.
    package func function(trace: Int, code: UInt32) -> Int {
        let map = byCode[trace]
        // Id 0 (unknown code) is always catalogued.
        return Int(map[Int(code) < map.count ? Int(code) : 0])
    }

    private struct VersionKey: Hashable {
        var identity: FunctionIdentity
        var hash: UInt64
    }
}

extension Dictionary {
    /// The value for `key`, made by `make` and kept on first use.
    mutating func memo(_ key: Key, _ make: (Key) -> Value) -> Value {
        if let known = self[key] { return known }
        let made = make(key)
        self[key] = made
        return made
    }
}
