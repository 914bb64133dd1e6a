// swift-tools-version: 6.0
//
// pyframe: a frame-tracing profiler and recorder for CPython 3.11 to 3.15.
// Each arrow between targets goes one way:
//   PyFrameShim → PyFrameRecorder → (trace file) → TraceFormat → analyzers → PyFrameCLI
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PackageDescription

/// The CPython headers the recorder is built against. By default Debian's
/// python3 (3.11) through pkg-config; `PYFRAME_PYTHON_INCLUDE` (header
/// folders separated by `:`, as Tools/pythons.sh lists them) selects another
/// version. Tools/build-recorders.sh builds one recorder per version this way,
/// each in its own scratch path.
let pythonInclude = (ProcessInfo.processInfo.environment["PYFRAME_PYTHON_INCLUDE"] ?? "")
    .split(separator: ":").map { ["-I", String($0)] }.flatMap { $0 }

/// Hot-path targets are built without runtime checks that cost per frame.
let hotPathFlags: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

/// The recorder links the C++ library the Swift runtime uses statically too:
/// loading the shared libstdc++ (which Python itself never loads) cost every
/// recorded process about 1 ms of CPU at start-up, of about 2 ms for loading
/// the whole recorder. `-lstdc++` (from the Swift runtime's link arguments)
/// finds the archive first in a folder that holds only it; without GCC's
/// archive the shared library is used as before.
let staticCxxFlags: [String] = {
    let fm = FileManager.default
    let gcc = "/usr/lib/gcc/x86_64-linux-gnu"
    let versions = ((try? fm.contentsOfDirectory(atPath: gcc)) ?? []).compactMap { Int($0) }.sorted(by: >)
    guard let archive = versions.map({ "\(gcc)/\($0)/libstdc++.a" }).first(where: { fm.fileExists(atPath: $0) })
    else { return [] }
    let folder = Context.packageDirectory + "/.build/static-libstdc++"
    let link = folder + "/libstdc++.a"
    try? fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
    if (try? fm.destinationOfSymbolicLink(atPath: link)) != archive {
        try? fm.removeItem(atPath: link)
        try? fm.createSymbolicLink(atPath: link, withDestinationPath: archive)
    }
    // libgcc's unwinder goes in too: one shared library fewer to load.
    return fm.fileExists(atPath: link) ? ["-Xclang-linker", "-L" + folder, "-Xclang-linker", "-static-libgcc"] : []
}()

/// Relative relocations packed (DT_RELR) by the toolchain's lld, where it
/// has one and glibc reads them (2.36, which the binaries need already):
/// the dynamic loader applies 19,000 of them to the recorder in every
/// recorded process and 42,000 to the static command, one 24-byte entry
/// each; packed, a bitmap word covers up to 63 of them, and the loader runs
/// 0.1 M (recorder) and 0.19 M (command) fewer instructions. Elsewhere,
/// gold and plain relocations as before.
let packedRelocationFlags: [String] = {
    #if canImport(Glibc)
    var text = [CChar](repeating: 0, count: 64)  // "glibc 2.36"
    confstr(Int32(_CS_GNU_LIBC_VERSION), &text, text.count)
    let version = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let glibc = version.split(separator: " ").last?.split(separator: ".").compactMap { Int($0) } ?? []
    guard glibc.count >= 2, (glibc[0], glibc[1]) >= (2, 36) else { return [] }
    #endif
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    guard path.split(separator: ":").contains(where: { FileManager.default.isExecutableFile(atPath: $0 + "/ld.lld") })
    else { return [] }
    return ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"]
}()

/// The released `pyframe` command links the C++ library in as the recorder
/// does: loading the shared libstdc++ was part of the time `pyframe record`
/// spends before the program starts (Tools/bench.py --startup). It stays a
/// position-independent executable: making it position-dependent saved a
/// further 0.5 ms of relocations, but the command decodes untrusted trace
/// files, and address randomisation of its own code is worth more than that.
let commandLinkFlags: [String] = staticCxxFlags + packedRelocationFlags

let package = Package(
    name: "pyframe",
    // Linux only (Glibc, /proc, Linux's signals and clocks): no Apple
    // platform is declared because none is supported.
    products: [
        .executable(name: "pyframe", targets: ["PyFrameCLI"]),
        // Loaded by the traced Python as the extension module `_pyframe`.
        .library(name: "PyFrameRecorder", type: .dynamic, targets: ["PyFrameRecorder"]),
        // The trace format, for tools outside this package (the fuzz target).
        .library(name: "TraceFormat", targets: ["TraceFormat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries, found with pkg-config; Debian package names as providers.
        .systemLibrary(
            name: "CLZ4", pkgConfig: "liblz4",
            providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(
            name: "CPython", pkgConfig: "python3",
            providers: [.apt(["libpython3-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),

        // The only C: CPython internals Swift cannot reach (frame layout, co_extra, macros).
        .target(
            name: "PyFrameShim",
            dependencies: pythonInclude.isEmpty ? ["CPython"] : [],
            cSettings: [.define("NDEBUG"), .unsafeFlags(pythonInclude)]),

        // The trace format: record types, varints, chunk framing, encoder and decoder.
        .target(
            name: "TraceFormat",
            dependencies: ["CLZ4"],
            swiftSettings: hotPathFlags),

        // The in-process recorder, built as the Python extension module `_pyframe`.
        .target(
            name: "PyFrameRecorder",
            dependencies: ["PyFrameShim", "TraceFormat"],
            // C-interop heavy (CPython's mutable globals such as PyExc_*):
            // Swift 5 mode; thread safety is by design (GIL, SPSC rings).
            // Exclusivity is unchecked in debug builds too: the SIGUSR2
            // handler stores the active session while an interrupted hook may
            // be reading it, which is the design (a word-sized flag), not a
            // conflict, and the dynamic check would abort the program.
            swiftSettings: hotPathFlags + [.swiftLanguageMode(.v5),
                                           .unsafeFlags(["-enforce-exclusivity=unchecked"]),
                                           .unsafeFlags(pythonInclude.flatMap { ["-Xcc", $0] })],
            // The Swift runtime is linked in: the traced Python loads one
            // library instead of a dozen, and needs no Swift install to run it.
            linkerSettings: [.unsafeFlags(["-static-stdlib"] + staticCxxFlags + packedRelocationFlags)]),

        // The parent-process side of recording: injects the recorder into a
        // Python command (bootstrap on PYTHONPATH) and runs it as the user would.
        .target(name: "PyFrameLauncher", dependencies: ["TraceFormat"]),

        // Analyzers: decode chunks in parallel and fold events into per-function
        // tables and stack trees; they never see how chunks are framed on disk.
        // They read bytecode (PyBytecode) only to tell a patch from a change
        // of CPython version in `pyframe diff`.
        .target(name: "TraceAnalysis", dependencies: ["TraceFormat", "PyBytecode"]),

        // Renderers: tables, JSON, CSV, folded stacks, SVG and HTML flame graphs.
        // They draw the models the analyzers build; the timeline exporters
        // (Chrome, speedscope) also read events in order through TraceFormat,
        // which no aggregate model keeps.
        .target(name: "TraceRender", dependencies: ["TraceAnalysis", "TraceFormat", "PyBytecode", "CZlib"]),

        // CPython 3.11-3.15 bytecode: per-version opcode tables, location table, disassembler.
        .target(name: "PyBytecode", dependencies: ["TraceFormat"]),

        // The `pyframe` command.
        .executableTarget(
            name: "PyFrameCLI",
            dependencies: [
                "TraceFormat",
                "TraceAnalysis",
                "TraceRender",
                "PyBytecode",
                "PyFrameLauncher",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [.unsafeFlags(commandLinkFlags, .when(configuration: .release))]),

        // What the test targets share: the interpreters Tools/pythons.sh
        // provides, the one process runner, the one synthetic-trace builder.
        .target(name: "PyFrameTestSupport", dependencies: ["TraceFormat"], path: "Tests/PyFrameTestSupport"),

        .testTarget(
            name: "TraceFormatTests",
            dependencies: ["TraceFormat", "PyFrameTestSupport"]),
        .testTarget(
            name: "AnalysisTests",
            dependencies: ["TraceFormat", "TraceAnalysis", "TraceRender", "PyFrameTestSupport"]),
        .testTarget(
            name: "BytecodeTests",
            dependencies: ["TraceFormat", "PyBytecode", "PyFrameTestSupport"]),
        // record's quick parser against swift-argument-parser, its oracle.
        .testTarget(
            name: "CLITests",
            dependencies: ["PyFrameCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(
            name: "RecorderTests",
            dependencies: ["TraceFormat", "PyFrameTestSupport"],
            resources: [.copy("Fixtures")]),
    ]
)
