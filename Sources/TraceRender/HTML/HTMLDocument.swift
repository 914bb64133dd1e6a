import FoundationEssentials

/// The frame shared by every HTML page pyframe writes: doctype, inline
/// styles, the embedded JSON data and the inline scripts. Pages are single
/// files that work offline, so nothing here refers to the network.
enum HTMLDocument {
    /// A complete page. `title` and `body` must already be escaped markup;
    /// `data` is JSON text placed in `<script id="data" type="application/json">`,
    /// and `scripts` are plain JavaScript run in order after it.
    static func page(title: String, style: String, body: String, data: String, scripts: [String]) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        <style>
        \(baseStyle)
        \(style)
        </style>
        </head>
        <body>
        \(body)
        <script id="data" type="application/json">\(data)</script>
        <script>
        "use strict";
        \(baseScript)
        \(scripts.joined(separator: "\n"))
        </script>
        </body>
        </html>

        """
    }

    /// The page's header: its heading and summary (escaped markup).
    static func header(heading: String, summary: String) -> String {
        """
        <header>
        <h1 id="title">\(heading)</h1>
        \(summary)
        </header>
        """
    }

    /// The functions section both pages have: a note on the columns (markup),
    /// the filter box and the sortable table that ``SortableTableScript`` fills.
    static func functionsSection(note: String) -> String {
        """
        <section id="functions-section">
        <h2>Functions</h2>
        <p class="muted">\(note)</p>
        <div class="table-bar">
        <input id="function-filter" type="search" placeholder="Filter functions (regular expression)" autocomplete="off">
        <span id="function-count" class="muted"></span>
        </div>
        <div class="table-wrap"><table id="functions" class="data"><thead></thead><tbody id="functions-body"></tbody></table></div>
        </section>
        """
    }

    /// `value` as JSON safe to embed in a `<script>` element: "</" could end
    /// the element early, so it is written as "<\/", which JSON reads back the same.
    static func json<T: Encodable>(_ value: T) -> String {
        JSONText.encode(value, compact: true).replacing("</", with: "<\\/")
    }

    /// A header's facts as an escaped `<dl id="summary">` (one `div.item` per
    /// fact, so they wrap in pairs), then the loss box: green when nothing
    /// was lost, red with one item per loss otherwise.
    static func summary(_ items: [(String, String)], losses: [String], noLoss: String, lossHeadline: String) -> String {
        var out = "<dl id=\"summary\" class=\"summary\">\n"
        for (key, value) in items {
            out += "<div class=\"item\"><dt>\(Markup.xml(key))</dt><dd>\(Markup.xml(value))</dd></div>\n"
        }
        out += "</dl>\n"
        if losses.isEmpty {
            out += "<p id=\"loss\" class=\"loss none\">\(Markup.xml(noLoss))</p>"
        } else {
            out += "<div id=\"loss\" class=\"loss some\"><strong>\(Markup.xml(lossHeadline))</strong><ul>"
            out += losses.map { "<li>\(Markup.xml($0))</li>" }.joined()
            out += "</ul></div>"
        }
        return out
    }

    /// Styles common to all pages.
    static let baseStyle = """
        body { font: 13px Verdana, "DejaVu Sans", sans-serif; margin: 0; background: #fdfaf3; color: #222; }
        header, section { padding: 8px 14px; }
        h1 { font-size: 17px; margin: 0 0 6px; }
        h2 { font-size: 15px; margin: 10px 0 6px; }
        input[type=search] { width: 22em; padding: 3px 6px; font: inherit; }
        button { font: inherit; padding: 2px 10px; }
        .muted { color: #666; }
        .summary { display: flex; flex-wrap: wrap; gap: 3px 22px; margin: 0 0 6px; }
        .summary .item { display: flex; gap: 6px; max-width: 100%; }
        .summary dt { color: #666; }
        .summary dd { margin: 0; word-break: break-all; }
        .loss { padding: 5px 10px; border-radius: 3px; margin: 4px 0; }
        .loss.none { background: #e6f2e1; color: #24501a; }
        .loss.some { background: #fbe3df; color: #7a1a0c; border: 1px solid #e2a093; }
        .loss ul { margin: 4px 0 0; padding-left: 20px; }
        """

    /// Formatting helpers the page scripts share: durations from ns, counts, shares.
    static let baseScript = """
        function pfNs(v) {
          if (v >= 1e9) return (v / 1e9).toFixed(3) + " s";
          if (v >= 1e6) return (v / 1e6).toFixed(3) + " ms";
          if (v >= 1e3) return (v / 1e3).toFixed(1) + " µs";
          return Math.round(v) + " ns";
        }
        function pfCount(v) { return Math.round(v).toLocaleString("en-US"); }
        function pfPct(f) { return (100 * f).toFixed(1) + "%"; }
        function pfEl(tag, cls, text) {
          const e = document.createElement(tag);
          if (cls) e.className = cls;
          if (text !== undefined) e.textContent = text;
          return e;
        }
        """
}
