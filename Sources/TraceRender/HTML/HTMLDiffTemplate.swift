/// The markup, styles and script of the HTML diff page: the function table
/// with before/after columns and flags, and the differential flame graph
/// coloured by the change of each frame's self time.
enum HTMLDiffTemplate {
    /// The page body; `heading` and `summary` are escaped markup.
    static func body(heading: String, summary: String) -> String {
        """
        \(HTMLDocument.header(heading: heading, summary: summary))
        \(HTMLDocument.functionsSection(note: """
            Means per run (within one trace: each window's or version's own values); functions matched by file and qualified name, wherever their lines went.
            <span class="flag patched">patched</span> marks a function whose code changed, <span class="flag moved">moved</span>
            one with the same code in another place, <span class="flag guess">guess</span> a pairing chosen among namesakes.
            <span id="method"></span> Click a column to sort.
            """))
        <section id="flame-section">
        <h2>Differential flame graph</h2>
        <p class="muted">Widths: after the change. <span class="swatch grew"></span> red: self time grew,
        <span class="swatch shrank"></span> blue: shrank; deeper colour, larger change.</p>
        \(FlameChartScript.markup(prefix: "flame-"))
        </section>
        <section id="patches-section">
        <h2>Patched functions</h2>
        <p class="muted">Each patched function's bytecode before (left) and after (right), aligned instruction by instruction.</p>
        <div id="patches"></div>
        </section>
        """
    }

    /// Styles of the summary and the flags.
    static let style = """
        .flag { display: inline-block; white-space: nowrap; word-break: normal; padding: 0 5px; border-radius: 3px; font-size: 11px; margin-left: 4px; }
        .flag.patched { background: #7b3fbf; color: #fff; }
        .flag.appeared { background: #d9534f; color: #fff; }
        .flag.vanished { background: #4a7bd0; color: #fff; }
        .flag.moved { background: #8a8a8a; color: #fff; }
        .flag.guess { background: #e0a800; color: #000; }
        .patch pre { font-size: 12px; overflow-x: auto; background: #f7f7f9; padding: 6px; margin: 4px 0 12px; }
        .patch summary { cursor: pointer; font-family: monospace; }
        tr.patched-row { background: #f3ecfb; }
        td.grew { color: #b0261a; }
        td.shrank { color: #1f4fa8; }
        .swatch { display: inline-block; width: 12px; height: 10px; vertical-align: middle; }
        .swatch.grew { background: rgb(255,80,80); }
        .swatch.shrank { background: rgb(80,80,255); }
        """

    /// The page's script: fills the table (with flag cells), draws the
    /// differential graph with red/blue colours and before→after tooltips.
    static let script = """
        const R = JSON.parse(document.getElementById("data").textContent);
        const signed = v => (v > 0 ? "+" : v < 0 ? "−" : "±") + pfNs(Math.abs(v));
        for (const r of R.functions) {
          r.flags = ((r.patched ? "patched " : "") + (r.moved ? "moved " : "") + (r.presence === "both" ? "" : r.presence + " ") + (r.guess ? "guess" : "")).trim();
          r.magnitude = Math.abs(r.total_change_ns);
          r.p = r.significance ? r.significance.p : null;
        }
        const flagCells = (r, td) => {
          td.textContent = "";
          for (const w of r.flags.split(" ").filter(Boolean)) td.appendChild(pfEl("span", "flag " + w, w));
        };
        const changeCell = (r, td) => { td.className = r.total_change_ns > 0 ? "grew" : r.total_change_ns < 0 ? "shrank" : ""; };
        pyframeTable({
          table: document.getElementById("functions"), filter: document.getElementById("function-filter"),
          count: document.getElementById("function-count"), rows: R.functions, sort: "magnitude", limit: 1000,
          text: r => r.name + " " + r.file + " " + r.flags,
          rowClass: r => "fn-row" + (r.patched ? " patched-row" : ""),
          columns: [
            {key: "name", label: "function", fmt: r => r.name},
            {key: "flags", label: "flags", fmt: r => r.flags, decorate: flagCells},
            {key: "total_change_ns", label: "total change", num: true, fmt: r => signed(r.total_change_ns), decorate: changeCell},
            {key: "relative_change", label: "rel", num: true, fmt: r => r.relative_change === null ? "new" : (r.relative_change > 0 ? "+" : "") + pfPct(r.relative_change)},
            {key: "total_ns_before", label: "total before", num: true, fmt: r => pfNs(r.total_ns_before)},
            {key: "total_ns_after", label: "total after", num: true, fmt: r => pfNs(r.total_ns_after)},
            {key: "self_ns_before", label: "self before", num: true, fmt: r => pfNs(r.self_ns_before)},
            {key: "self_ns_after", label: "self after", num: true, fmt: r => pfNs(r.self_ns_after)},
            {key: "calls_before", label: "calls before", num: true, fmt: r => pfCount(r.calls_before)},
            {key: "calls_after", label: "calls after", num: true, fmt: r => pfCount(r.calls_after)},
            {key: "p", label: "p", num: true, fmt: r => r.p === null ? "n/a" : (r.p < 0.001 ? "<0.001" : r.p.toFixed(3)), title: "Welch's t-test"},
            {key: "p_adjusted", label: "q", num: true, fmt: r => r.p_adjusted === null ? "n/a" : (r.p_adjusted < 0.001 ? "<0.001" : r.p_adjusted.toFixed(3)) + (r.changed ? " *" : ""), title: "p corrected for the number of functions tested (Benjamini-Hochberg); * changed"},
          ]});
        document.getElementById("method").textContent = R.method ? "Tests: " + R.method + "." : "";
        const patches = document.getElementById("patches");
        const patched = R.functions.filter(r => r.patched);
        if (!patched.length) patches.appendChild(pfEl("p", "muted", "No function's code changed."));
        for (const p of patched) {
          const d = pfEl("details", "patch", "");
          d.open = patched.length <= 5;
          d.appendChild(pfEl("summary", "", p.name + (p.code_hash_before && p.code_hash_after ? "  " + p.code_hash_before + " → " + p.code_hash_after : "")));
          const lines = p.bytecode_diff === null ? ["(the code records are missing from the traces)"]
            : p.bytecode_diff.length ? p.bytecode_diff : ["(no disassembly available in this build of pyframe)"];
          d.appendChild(pfEl("pre", "", lines.join("\\n")));
          patches.appendChild(d);
        }
        if (R.flame.nodes.length <= 1) {
          document.getElementById("flame-section").hidden = true;
        }
        const nodes = R.flame.nodes;
        let largest = 0;
        for (let i = 1; i < nodes.length; i++) largest = Math.max(largest, Math.abs(nodes[i][3] - nodes[i][5]));
        pyframeFlame("flame-", R.flame, {
          colour: i => {
            if (!i) return "rgb(220,220,225)";
            const d = nodes[i][3] - nodes[i][5], k = 235 - Math.round(190 * (largest ? Math.abs(d) / largest : 0));
            return d > 0 ? `rgb(255,${k},${k})` : d < 0 ? `rgb(${k},${k},255)` : "rgb(226,226,226)";
          },
          describe: i => {
            const n = nodes[i], label = i ? R.flame.names[n[1]] : "all";
            return label + " — total " + pfNs(n[4]) + " → " + pfNs(n[2]) + " (" + signed(n[2] - n[4]) + "), self " +
              pfNs(n[5]) + " → " + pfNs(n[3]) + " (" + signed(n[3] - n[5]) + ")";
          }});
        """
}
