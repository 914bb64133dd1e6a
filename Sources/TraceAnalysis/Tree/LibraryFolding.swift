#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which frames `pyframe tree` folds into one line per library: by default
/// the standard library and site-packages (as pyinstrument hides them), or
/// the files matching the user's `--hide` globs.
package struct LibraryFolding: Sendable {
    /// One folded group: its name and the globs (`*` also matches `/`) of its files.
    package struct Group: Sendable, Equatable {
        package var name: String
        package var globs: [String]
        package init(name: String, globs: [String]) {
            self.name = name
            self.globs = globs
        }
    }

    /// The groups, first match wins.
    package var groups: [Group]

    /// Folds the given groups.
    package init(groups: [Group]) {
        self.groups = groups
    }

    /// Nothing folded (`--show-all`).
    package static let none = LibraryFolding(groups: [])

    /// Installed packages first (they live inside the standard library's
    /// folder), then the standard library: CPython's `lib/pythonX.Y`, and
    /// its frozen modules (`<frozen importlib._bootstrap>`).
    package static let standard = LibraryFolding(groups: [
        Group(name: "site-packages", globs: ["*/site-packages/*", "*/dist-packages/*"]),
        Group(name: "standard library", globs: ["*/lib/python3*/*", "*/lib64/python3*/*", "<frozen *>"]),
    ])

    /// One group per `--hide` glob, named after it.
    package static func globs(_ globs: [String]) -> LibraryFolding {
        LibraryFolding(groups: globs.map { Group(name: $0, globs: [$0]) })
    }

    /// The group of a file, nil when it is shown.
    package func group(of path: String) -> Int? {
        groups.firstIndex { $0.globs.contains { fnmatch($0, path, 0) == 0 } }
    }
}
