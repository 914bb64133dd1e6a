// swift-tools-version: 6.0
//
// libFuzzer target for pyframe's trace decoder. Built apart from the main
// package because it needs sanitizer flags and libFuzzer's own main():
//
//   Tools/fuzz/run.sh 60        # build, then fuzz for 60 seconds
//
// `pyframe` is a symbolic link to the repository root, so that the package
// is found under a stable name whatever the checkout's folder is called.
import PackageDescription

let package = Package(
    name: "pyframe-fuzz",
    dependencies: [.package(path: "pyframe")],
    targets: [
        .target(name: "FuzzerDriver"),
        .executableTarget(
            name: "TraceFuzz",
            dependencies: ["FuzzerDriver", .product(name: "TraceFormat", package: "pyframe")],
            // run.sh adds -sanitize=fuzzer,address for every target it builds,
            // so that the decoder itself is instrumented, not only this file.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ]
)
