import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TraceFormat

/// The folder `pyframe record` puts first on the traced program's
/// PYTHONPATH: the bootstrap `sitecustomize.py` and the `pyframe` API package.
///
/// It is kept between runs in the user's cache folder
/// (`$XDG_CACHE_HOME/pyframe`, else `~/.cache/pyframe`), named after a hash
/// of the files' text, so that Python compiles the bootstrap once per pyframe
/// build and Python version (its `__pycache__` beside it) instead of on every
/// run: a fresh folder per run cost every recorded process about 2 ms of CPU
/// for compiling 10 KB of source. Its files are compared with this build's
/// text on every run (microseconds), so a folder of another build with the
/// same name, or one edited since, is replaced, never used. Where the cache
/// cannot be used (no home, not ours, read-only), the run gets a fresh
/// folder as before.
enum BootstrapFolder {
    /// The files, by path inside the folder.
    static let files: [(path: String, text: String)] = [
        (BootstrapSource.fileName, BootstrapSource.text),
        (PythonPackageSource.name + "/__init__.py", PythonPackageSource.initText),
    ]

    /// The cached folder's name: `pyframe-` and six characters of a hash
    /// of the files (the shape PathShortener calls the bootstrap's folder).
    static let name: String = {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a 64
        for (path, text) in files {
            for part in [path, text] {
                var part = part
                part.withUTF8 { bytes in
                    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
                }
                hash = hash &* 0x0000_0100_0000_01b3  // a 0 between parts
            }
        }
        let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
        var suffix: [UInt8] = []
        for _ in 0..<6 {
            suffix.append(digits[Int(hash % 36)])
            hash /= 36
        }
        return "pyframe-" + String(decoding: suffix, as: UTF8.self)
    }()

    /// The cache folder that holds bootstrap folders, from the environment's variables.
    static func cacheRoot(_ variable: (String) -> String?) -> String? {
        if let xdg = variable("XDG_CACHE_HOME"), xdg.hasPrefix("/") { return xdg + "/pyframe" }
        if let home = variable("HOME"), home.hasPrefix("/") { return home + "/.cache/pyframe" }
        return nil
    }

    /// The cached folder in `root` (``cacheRoot(_:)``) holding this build's
    /// files, made if need be; nil when the cache cannot be used.
    static func cached(root: String?) -> String? {
        guard let root, makeDirectories(root), isPrivate(root) else { return nil }
        let folder = root + "/" + name
        if holdsFiles(folder) { return folder }
        guard let fresh = try? write(in: root, template: ".new-XXXXXX") else { return nil }
        // A folder of that name with other text: moved aside, then removed
        // (unless another pyframe has just put this build's in its place).
        if holdsFiles(folder) {
            try? FileManager.default.removeItem(atPath: fresh)
            return folder
        }
        if access(folder, F_OK) == 0, let old = try? makeTemporary(in: root, template: ".old-XXXXXX") {
            if rename(folder, old) == 0 {
                try? FileManager.default.removeItem(atPath: old)
            } else {
                rmdir(old)
            }
        }
        if rename(fresh, folder) == 0 { return folder }
        // Another pyframe put its own there meanwhile.
        try? FileManager.default.removeItem(atPath: fresh)
        return holdsFiles(folder) ? folder : nil
    }

    /// A new folder holding the files, in `parent` (`template` ends in XXXXXX).
    static func write(in parent: String, template: String) throws(LaunchError) -> String {
        let dir = try makeTemporary(in: parent, template: template)
        mkdir(dir + "/" + PythonPackageSource.name, 0o700)
        for (path, text) in files {
            let file = dir + "/" + path
            guard writeNewFile(file, text) else { throw .io("cannot write \(file): \(Errno.current)") }
        }
        return dir
    }

    /// Whether `folder` is a directory of ours whose files hold exactly this build's text.
    static func holdsFiles(_ folder: String) -> Bool {
        isPrivate(folder) && files.allSatisfy { path, text in
            let bytes = readFile(folder + "/" + path, upTo: text.utf8.count + 1)
            var text = text
            return text.withUTF8 { $0.count == bytes.count && memcmp($0.baseAddress!, bytes, bytes.count) == 0 }
        }
    }

    /// Whether `path` is a directory (not a link) owned by this user that
    /// no one else can write to.
    private static func isPrivate(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            && info.st_uid == geteuid() && info.st_mode & 0o022 == 0
    }

    /// `path` and its missing parents, made private to this user.
    private static func makeDirectories(_ path: String) -> Bool {
        if mkdir(path, 0o700) == 0 || errno == EEXIST { return true }
        guard errno == ENOENT, let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), slash != path.utf8.startIndex
        else { return false }
        return makeDirectories(String(path[..<slash])) && (mkdir(path, 0o700) == 0 || errno == EEXIST)
    }

    /// A new private folder in `parent` (`template` ends in XXXXXX).
    static func makeTemporary(in parent: String, template: String) throws(LaunchError) -> String {
        var chars = Array((parent + "/" + template).utf8CString)
        guard let made = mkdtemp(&chars) else {
            throw .io("cannot create a temporary directory in \(parent): \(Errno.current)")
        }
        return String(cString: made)
    }

    /// At most `limit` bytes of the file, or none if it cannot be read.
    private static func readFile(_ path: String, upTo limit: Int) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: limit)
        var count = 0
        while count < limit {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, limit - count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            count += n
        }
        return Array(bytes[..<count])
    }

    /// Writes a file that must not exist yet (in a fresh private folder),
    /// plainly: FileManager's atomic write would fsync each file, which costs
    /// milliseconds of wall time.
    private static func writeNewFile(_ path: String, _ text: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var text = text
        return text.withUTF8 { FileIO.writeAll(fd, UnsafeRawBufferPointer($0)) == 0 }
    }
}
