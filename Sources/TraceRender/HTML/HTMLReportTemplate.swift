/// The markup, styles and script of the HTML report page: the sections
/// around the shared table and flame chart, and the timeline of marks,
/// which only this page has.
enum HTMLReportTemplate {
    /// The page body; `heading` and `summary` are escaped markup.
    static func body(heading: String, summary: String) -> String {
        """
        \(HTMLDocument.header(heading: heading, summary: summary))
        <section id="timeline-section">
        <h2>Marks</h2>
        <div id="timeline"></div>
        <table id="marks" class="data marks"><thead><tr><th>time</th><th class="name">thread</th><th class="name">label</th></tr></thead>
        <tbody id="marks-body"></tbody></table>
        <div id="window-picker" hidden>
        <h3>Between two marks</h3>
        <div class="table-bar">
        <label>from <select id="window-from"></select></label> <label>to <select id="window-to"></select></label>
        <input id="window-filter" type="search" placeholder="Filter functions (regular expression)" autocomplete="off">
        <span id="window-count" class="muted"></span>
        </div>
        <p class="muted" id="window-summary"></p>
        <div class="table-wrap"><table id="window-functions" class="data"><thead></thead><tbody></tbody></table></div>
        </div>
        </section>
        \(HTMLDocument.functionsSection(note: """
            calls are all/primitive where they differ (a primitive call is not induced by recursion); total is
            inclusive time (a recursive function's outermost frames only), self excludes callees; self/call is self ÷ all calls and
            total/pcall is total ÷ primitive calls (cProfile's percall columns); max is the longest single call or resume; share is
            self time over all Python time. Click a column to sort.
            """))
        <section id="flame-section">
        <h2>Flame graph</h2>
        <p class="muted" id="flame-summary">Widths are self time summed over each stack.</p>
        \(FlameChartScript.markup(prefix: "flame-"))
        </section>
        """
    }

    /// Styles of the header and the timeline.
    static let style = """
        #timeline { margin: 4px 0 10px; }
        .lane { display: flex; align-items: center; min-height: 26px; }
        .lane-label { width: 170px; box-sizing: border-box; flex: none; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; padding-right: 8px; text-align: right; }
        .lane-track { position: relative; flex: 1; height: 22px; background: #f1ece0; border-radius: 2px; }
        .lane-span { position: absolute; top: 7px; height: 8px; background: #c9b98f; border-radius: 2px; }
        .mark-line { position: absolute; top: -2px; bottom: -2px; width: 2px; margin-left: -1px; background: #c0392b; cursor: default; }
        .mark-label { position: absolute; top: 3px; left: 4px; font-size: 11px; line-height: 13px; white-space: nowrap; color: #7a1a0c; }
        .mark-label.thinned { display: none; }
        .axis { position: relative; height: 16px; margin-left: 170px; font-size: 11px; color: #666; }
        .tick { position: absolute; top: 0; border-left: 1px solid #bbb; padding-left: 3px; height: 14px; }
        table.marks { width: auto; min-width: 40%; }
        table.marks th { cursor: default; }
        #window-picker h3 { font-size: 14px; margin: 12px 0 4px; }
        """

    /// The page's script: fills the table, draws the flame graph, lays out the timeline.
    static let script = """
        const R = JSON.parse(document.getElementById("data").textContent);
        pyframeTable({
          table: document.getElementById("functions"), filter: document.getElementById("function-filter"),
          count: document.getElementById("function-count"), rows: R.functions, sort: "self_ns", limit: 1000,
          text: r => r.name + " " + r.path, rowClass: () => "fn-row",
          columns: [
            {key: "name", label: "function", fmt: r => r.name},
            {key: "calls", label: "calls", num: true, title: "all/primitive where they differ (a primitive call is not induced by recursion)",
             fmt: r => r.calls === r.primitive_calls ? pfCount(r.calls) : pfCount(r.calls) + "/" + pfCount(r.primitive_calls)},
            {key: "resumes", label: "resumes", num: true, fmt: r => pfCount(r.resumes), title: "generator and coroutine resumes"},
            {key: "total_ns", label: "total", num: true, fmt: r => pfNs(r.total_ns)},
            {key: "self_ns", label: "self", num: true, fmt: r => pfNs(r.self_ns)},
            {key: "self_per_call_ns", label: "self/call", num: true, fmt: r => r.self_per_call_ns === null ? "-" : pfNs(r.self_per_call_ns), title: "self ÷ all calls"},
            {key: "total_per_primitive_call_ns", label: "total/pcall", num: true, fmt: r => r.total_per_primitive_call_ns === null ? "-" : pfNs(r.total_per_primitive_call_ns), title: "total ÷ primitive calls"},
            {key: "max_ns", label: "max", num: true, fmt: r => pfNs(r.max_ns)},
            {key: "self_share", label: "share", num: true, fmt: r => pfPct(r.self_share), title: "self time over all Python time"},
          ]});
        const flame = pyframeFlame("flame-", R.flame);
        document.getElementById("flame-summary").textContent =
          "Widths are self time summed over each stack: " + flame.fmt(flame.total) + " of Python time in all.";
        // Mark labels that would overlap go on up to three rows; the rest are
        // hidden (their line keeps the label as its tooltip) rather than drawn
        // over each other. Each label's row is in data-row.
        function stackLabels(labels, lane, track) {
          const rowEnds = [], rows = 3, rowHeight = 13;
          labels.sort((a, b) => a.getBoundingClientRect().left - b.getBoundingClientRect().left);
          for (const label of labels) {
            const box = label.getBoundingClientRect();
            let row = rowEnds.findIndex(end => end + 6 <= box.left);
            if (row < 0 && rowEnds.length < rows) row = rowEnds.length;
            if (row < 0) { label.classList.add("thinned"); continue; }
            rowEnds[row] = box.right;
            label.dataset.row = row;
            label.style.top = (3 + row * rowHeight) + "px";
          }
          if (rowEnds.length > 1) {
            const height = 22 + (rowEnds.length - 1) * rowHeight;
            track.style.height = height + "px";
            lane.style.height = (height + 4) + "px";
          }
        }
        (function timeline() {
          const box = document.getElementById("timeline"), list = document.getElementById("marks-body");
          const span = Math.max(R.duration_ns, 1), several = new Set(R.threads.map(t => t.pid)).size > 1;
          const key = (pid, index) => pid + ":" + index;
          const names = new Map(R.threads.flatMap(t => t.streams.map(s => [key(t.pid, s), t.name + (several ? " (pid " + t.pid + ")" : "")])));
          const at = ns => (100 * Math.min(ns, span) / span) + "%";
          const axis = pfEl("div", "axis");
          for (let k = 0; k <= 4; k++) {
            const t = pfEl("div", "tick", pfNs(span * k / 4));
            t.style.left = (k * 25) + "%";
            if (k === 4) { t.style.left = "auto"; t.style.right = "0"; t.style.borderLeft = "none"; t.style.borderRight = "1px solid #bbb"; t.style.paddingRight = "3px"; }
            axis.appendChild(t);
          }
          box.appendChild(axis);
          for (const t of R.threads) {
            const lane = pfEl("div", "lane"), track = pfEl("div", "lane-track");
            lane.dataset.thread = key(t.pid, t.index);
            lane.appendChild(pfEl("div", "lane-label", names.get(key(t.pid, t.index))));
            for (const [start, end] of t.spans) {
              const s = pfEl("div", "lane-span");
              s.style.left = at(start); s.style.width = (100 * Math.max(end - start, 0) / span) + "%";
              s.title = t.name + ": " + pfNs(start) + " – " + pfNs(end);
              track.appendChild(s);
            }
            const labels = [];
            for (const m of R.marks) {
              if (m.pid !== t.pid || !t.streams.includes(m.thread)) continue;
              const line = pfEl("div", "mark-line");
              line.style.left = at(m.time_ns);
              line.title = m.label + " at " + pfNs(m.time_ns);
              const label = pfEl("span", "mark-label", m.label);
              line.appendChild(label);
              track.appendChild(line);
              labels.push(label);
            }
            lane.appendChild(track);
            box.appendChild(lane);
            stackLabels(labels, lane, track);
          }
          if (!R.marks.length) {
            const row = pfEl("tr", "");
            const cell = pfEl("td", "name muted", "The program marked no instants (call pyframe.mark(\\"label\\") while recording).");
            cell.colSpan = 3; row.appendChild(cell); list.appendChild(row);
          }
          for (const m of R.marks) {
            const row = pfEl("tr", "mark-row");
            row.appendChild(pfEl("td", "", pfNs(m.time_ns)));
            row.appendChild(pfEl("td", "name", names.get(key(m.pid, m.thread)) || ("thread " + m.thread)));
            row.appendChild(pfEl("td", "name", m.label));
            list.appendChild(row);
          }
        })();
        // The window picker: what ran between two marks, summed from the
        // stretches between consecutive marks (frames cut at the edges count
        // for the part inside, as with --window).
        (function windowPicker() {
          const W = R.windows;
          if (!W) return;
          document.getElementById("window-picker").hidden = false;
          const from = document.getElementById("window-from"), to = document.getElementById("window-to");
          W.points.forEach((p, i) => {
            const text = p.label + " (" + pfNs(p.time_ns) + ")";
            if (i < W.points.length - 1) from.appendChild(new Option(text, i));
            if (i > 0) to.appendChild(new Option(text, i));
          });
          from.value = "0"; to.value = String(W.points.length - 1);
          function show() {
            const a = +from.value, b = +to.value, sums = new Map();
            let totalSelf = 0;
            for (let s = a; s < b; s++) {
              for (const [f, calls, pcalls, resumes, total, self] of W.segments[s]) {
                const r = sums.get(f) || {name: R.functions[f].name, path: R.functions[f].path, calls: 0, primitive_calls: 0, resumes: 0, total_ns: 0, self_ns: 0};
                r.calls += calls; r.primitive_calls += pcalls; r.resumes += resumes; r.total_ns += total; r.self_ns += self;
                totalSelf += self;
                sums.set(f, r);
              }
            }
            const rows = [...sums.values()];
            for (const r of rows) r.self_share = totalSelf ? r.self_ns / totalSelf : 0;
            document.getElementById("window-summary").textContent = b > a
              ? W.points[a].label + " to " + W.points[b].label + ": " + pfNs(W.points[b].time_ns - W.points[a].time_ns) + ", " + pfNs(totalSelf) + " of Python time"
              : "The window ends before it starts: pick a later mark.";
            const table = document.getElementById("window-functions");
            table.tHead.textContent = ""; table.tBodies[0].textContent = "";
            const old = document.getElementById("window-filter"), filter = old.cloneNode(true);
            old.replaceWith(filter);
            pyframeTable({
              table, filter, count: document.getElementById("window-count"), rows, sort: "self_ns", limit: 1000,
              text: r => r.name + " " + r.path, rowClass: () => "window-row",
              columns: [
                {key: "name", label: "function", fmt: r => r.name},
                {key: "calls", label: "calls", num: true, fmt: r => r.calls === r.primitive_calls ? pfCount(r.calls) : pfCount(r.calls) + "/" + pfCount(r.primitive_calls)},
                {key: "resumes", label: "resumes", num: true, fmt: r => pfCount(r.resumes)},
                {key: "total_ns", label: "total", num: true, fmt: r => pfNs(r.total_ns)},
                {key: "self_ns", label: "self", num: true, fmt: r => pfNs(r.self_ns)},
                {key: "self_share", label: "share", num: true, fmt: r => pfPct(r.self_share)},
              ]});
            if (filter.value) filter.dispatchEvent(new Event("input"));
          }
          from.addEventListener("change", show); to.addEventListener("change", show);
          show();
        })();
        """
}
