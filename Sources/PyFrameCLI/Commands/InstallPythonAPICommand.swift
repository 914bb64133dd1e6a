import ArgumentParser
import Foundation
import PyFrameLauncher

/// `pyframe install-python-api`: makes `import pyframe` work in a Python
/// environment, for recording part of a program without `pyframe record`.
struct InstallPythonAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install-python-api",
        abstract: "Install the `pyframe` Python module (start/stop/record/mark) into a Python environment.",
        discussion: """
            Writes the `pyframe` package, with a copy of the recorder library, into the
            site-packages of the given Python (a venv's, by default `python3`'s), or into
            --target (then put that folder on PYTHONPATH). Under `pyframe record` the
            module is importable without this.
            Examples:
              pyframe install-python-api --python .venv/bin/python
              pyframe install-python-api --target ~/.local/pyframe && export PYTHONPATH=~/.local/pyframe
            """)

    @Option(help: ArgumentHelp("The Python (3.11) whose site-packages receive the module.", valueName: "python"))
    var python = "python3"

    @Option(help: ArgumentHelp("Install into this folder instead.", valueName: "dir"))
    var target: String?

    func run() throws {
        let library = Launcher.defaultRecorderLibrary()
        guard FileManager.default.isReadableFile(atPath: library) else {
            throw fail("recorder library not found at \(library) (build pyframe with `swift build`)")
        }
        let folder = try target ?? sitePackages()
        let package = URL(fileURLWithPath: folder).appendingPathComponent(PythonPackageSource.name).path
        do {
            try FileManager.default.createDirectory(atPath: package, withIntermediateDirectories: true)
            let initFile = package + "/__init__.py"
            try? FileManager.default.removeItem(atPath: initFile)
            try PythonPackageSource.initText.write(toFile: initFile, atomically: false, encoding: .utf8)
            let copy = package + "/_pyframe.so"
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: library, toPath: copy)
        } catch {
            throw fail("cannot install into \(package): \(error.localizedDescription)")
        }
        print("installed the pyframe module into \(package)")
    }

    /// The site-packages folder of `python`, which must be CPython 3.11.
    private func sitePackages() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c",
            "import sys, sysconfig; print('%d.%d' % sys.version_info[:2]); print(sysconfig.get_paths()['platlib'])"]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { throw fail("cannot run \(python): \(error.localizedDescription)") }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = output.split(separator: "\n").map(String.init)
        guard process.terminationStatus == 0, lines.count == 2 else { throw fail("cannot run \(python)") }
        guard lines[0] == "3.11" else {
            throw fail("\(python) is Python \(lines[0]); the pyframe module needs CPython 3.11")
        }
        return lines[1]
    }
}
