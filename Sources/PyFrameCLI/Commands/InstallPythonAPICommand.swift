import ArgumentParser
import FoundationEssentials
import Glibc
import PyFrameLauncher
import TraceAnalysis

/// `pyframe install-python-api`: makes `import pyframe` work in a Python
/// environment, for recording part of a program without `pyframe record`.
struct InstallPythonAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install-python-api",
        abstract: "Install the `pyframe` Python module (start/stop/record/mark) into a Python environment.",
        discussion: """
            Writes the `pyframe` package, with a copy of the recorder built for that
            Python's version (CPython 3.11 to 3.15), into the site-packages of the given
            Python (a venv's, by default `python3`'s), or into --target (then put that
            folder on PYTHONPATH). Under `pyframe record` the module is importable
            without this.
            Examples:
              pyframe install-python-api --python .venv/bin/python
              pyframe install-python-api --target ~/.local/pyframe && export PYTHONPATH=~/.local/pyframe
            """)

    @Option(help: ArgumentHelp("The Python (CPython 3.11 to 3.15) whose site-packages receive the module.", valueName: "python"))
    var python = "python3"

    @Option(help: ArgumentHelp("Install into this folder instead.", valueName: "dir"))
    var target: String?

    func run() throws {
        let target = try describeTarget()
        let recorders = Launcher.defaultRecorderDirectory()
        let recorder = "_pyframe" + target.extensionSuffix
        let library = recorders + "/" + recorder
        guard FileManager.default.isReadableFile(atPath: library) else {
            throw CLIError("no recorder for \(python) (Python \(target.version)) in \(recorders) (build it with Tools/build-recorders.sh)")
        }
        let folder = self.target ?? target.sitePackages
        let package = URL(fileURLWithPath: folder).appendingPathComponent(PythonPackageSource.name).path
        do {
            try FileManager.default.createDirectory(atPath: package, withIntermediateDirectories: true)
            let initFile = package + "/__init__.py"
            try? FileManager.default.removeItem(atPath: initFile)
            try PythonPackageSource.initText.write(toFile: initFile, atomically: false, encoding: .utf8)
            let copy = package + "/" + recorder
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: library, toPath: copy)
        } catch {
            throw CLIError("cannot install into \(package): \(ErrorText.describe(error))")
        }
        print("installed the pyframe module into \(package)")
    }

    /// What the target Python is: its version, extension suffix and site-packages.
    private struct TargetPython {
        var version: String
        var extensionSuffix: String
        var sitePackages: String
    }

    /// Asks `python`, which must be a CPython that pyframe records.
    private func describeTarget() throws -> TargetPython {
        let run: CapturedRun
        switch CapturedRun.run([python, "-c", """
            import sys, sysconfig, importlib.machinery as m
            print('%d.%d' % sys.version_info[:2]); print(m.EXTENSION_SUFFIXES[0]); print(sysconfig.get_paths()['platlib'])
            """]) {
        case let .success(done): run = done
        case let .failure(failure): throw CLIError("cannot run \(python): \(failure)")
        }
        let lines = run.output.split(separator: "\n").map(String.init)
        guard run.status == 0, lines.count == 3 else {
            throw CLIError("cannot run \(python) as CPython 3.11 to 3.15")
        }
        let minor = lines[0].hasPrefix("3.") ? Int(lines[0].dropFirst(2)) : nil
        guard let minor, (11...15).contains(minor) else {
            throw CLIError("\(python) is Python \(lines[0]); the pyframe module needs CPython 3.11 to 3.15")
        }
        return TargetPython(version: lines[0], extensionSuffix: lines[1], sitePackages: lines[2])
    }
}
