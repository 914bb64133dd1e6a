import Foundation
import PyFrameTestSupport

/// Opens pages in headless Chromium and returns the DOM after the page's
/// scripts ran, with every console error, so that tests check what a
/// browser really shows rather than the HTML text pyframe wrote.
enum HeadlessChromium {
    /// The Chromium binary (`chromium` or `chromium-browser` on PATH), or nil.
    static let binary: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser"] {
            for dir in path.split(separator: ":") {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    /// What the browser made of a page.
    struct Page {
        /// The serialised DOM after load (`--dump-dom`).
        var dom: String
        /// Console errors and uncaught exceptions from the browser's log.
        var errors: [String]
        /// The browser's exit status.
        var status: Int32
    }

    /// Loads `html` (written to a temporary file) and dumps its DOM.
    static func load(_ html: String) -> Page? {
        guard let binary else { return nil }
        let file = temporaryPath("page.html")
        try? html.write(toFile: file, atomically: true, encoding: .utf8)
        let profile = temporaryPath("chromium-profile")
        let result = PyFrameTool.run("/usr/bin/timeout", [
            "120", binary, "--headless=new", "--disable-gpu", "--no-sandbox", "--no-first-run",
            "--user-data-dir=\(profile)", "--enable-logging=stderr", "--v=0", "--window-size=1200,900",
            "--dump-dom", "file://" + file,
        ])
        let errors = result.stderr.split(separator: "\n").map(String.init)
                        // pyframe's pages log nothing, so any console line is a problem;
            // uncaught exceptions show as `INFO:CONSOLE:1] "Uncaught …"`.
            .filter { $0.contains("Uncaught") || $0.contains(":CONSOLE") }
        return Page(dom: result.stdout, errors: errors, status: result.status)
    }

    /// Flame graph frames in a dumped DOM (`div.f`, maybe also zoom ancestor or search match).
    static func frames(in dom: String) -> Int {
        count("<div class=\"f\"", in: dom) + count("<div class=\"f ", in: dom)
    }

    /// How many times `needle` occurs in `text`.
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
