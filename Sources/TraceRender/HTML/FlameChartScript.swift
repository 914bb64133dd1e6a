/// The interactive flame graph every HTML page of pyframe embeds: one piece
/// of markup, styles and script, so the standalone flame graph, the report
/// and the diff zoom and search the same way.
///
/// The script defines `pyframeFlame(prefix, data, hooks)`. `data` is a
/// ``FlameChartData`` (`names`, and `nodes` of `[parent, name, width, self, …]`
/// with parents before children); `hooks` may replace `colour(i)` and
/// `describe(i)`. Frames are `div.f` inside `#<prefix>chart`.
enum FlameChartScript {
    /// The controls and the chart area, with element ids starting with `prefix`.
    static func markup(prefix: String) -> String {
        """
        <div class="flame-bar">
        <input id="\(prefix)search" type="search" placeholder="Search frames (regular expression)" autocomplete="off">
        <button id="\(prefix)reset" type="button">Reset zoom</button>
        <span id="\(prefix)matched"></span>
        </div>
        <div id="\(prefix)info" class="flame-info">Click a frame to zoom in; click the top frame or press Esc to zoom out.</div>
        <div id="\(prefix)chart" class="flame-chart"></div>
        """
    }

    /// The chart's styles.
    static let style = """
        .flame-bar { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
        .flame-info { color: #555; min-height: 1.3em; padding: 4px 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .flame-chart { position: relative; margin: 0 0 14px; }
        .f { position: absolute; height: 17px; box-sizing: border-box; border: 1px solid #fdfaf3; border-radius: 2px;
             overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font-size: 12px; line-height: 15px;
             padding: 0 3px; cursor: pointer; }
        .f:hover { border-color: #000; }
        .f.m { background: rgb(230,0,230) !important; color: #fff; }
        .f.a { opacity: 0.55; }
        """

    /// The chart's script (needs ``HTMLDocument/baseScript``).
    static let script = """
        function pyframeFlame(prefix, D, hooks) {
          hooks = hooks || {};
          const N = D.nodes.length;
          const parent = new Int32Array(N), name = new Int32Array(N), depth = new Int32Array(N);
          const total = new Float64Array(N), self = new Float64Array(N);
          const kids = Array.from({length: N}, () => []);
          for (let i = 0; i < N; i++) {
            const n = D.nodes[i];
            parent[i] = i ? n[0] : -1; name[i] = n[1]; total[i] = n[2]; self[i] = n[3];
            if (i) { kids[n[0]].push(i); depth[i] = depth[n[0]] + 1; }
          }
          for (const k of kids) k.sort((a, b) => D.names[name[a]] < D.names[name[b]] ? -1 : 1);
          const label = i => i ? D.names[name[i]] : "all";
          const fmt = v => D.unit === "ns" ? pfNs(v) : pfCount(v) + " calls";
          function hot(i) {
            const s = label(i);
            if (!i) return "rgb(220,220,225)";
            let h = 2166136261;
            for (let c = 0; c < s.length; c++) { h ^= s.charCodeAt(c); h = Math.imul(h, 16777619) >>> 0; }
            if (s.indexOf("(<frozen ") >= 0 || s[0] === "[") { const g = 190 + (h % 30); return `rgb(${g},${g},${g + 10})`; }
            return `rgb(${205 + (h >>> 8) % 50},${(h >>> 12) % 230},${(h >>> 20) % 55})`;
          }
          function plain(i) {
            const share = total[0] ? pfPct(total[i] / total[0]) : "0%";
            return label(i) + " — " + fmt(total[i]) + " (" + share + " of all)" + (self[i] ? ", " + fmt(self[i]) + " in the frame itself" : "");
          }
          const colour = hooks.colour || hot, describe = hooks.describe || plain;
          const chart = document.getElementById(prefix + "chart"), info = document.getElementById(prefix + "info");
          let zoom = 0, pattern = null;
          function draw() {
            chart.textContent = "";
            const width = chart.clientWidth || 800, rowH = 18, frag = document.createDocumentFragment();
            const ancestors = new Set();
            for (let a = zoom; a >= 0; a = parent[a]) ancestors.add(a);
            let maxDepth = 0;
            const place = (i, x, w) => {
              if (w * width < 0.5) return;
              const d = document.createElement("div");
              d.className = "f" + (ancestors.has(i) && i !== zoom ? " a" : "") + (pattern && i && pattern.test(label(i)) ? " m" : "");
              d.style.left = (x * 100) + "%"; d.style.width = (w * 100) + "%"; d.style.top = (depth[i] * rowH) + "px";
              d.style.background = colour(i);
              d.textContent = label(i);
              d.dataset.i = i;
              frag.appendChild(d);
              maxDepth = Math.max(maxDepth, depth[i]);
              if (ancestors.has(i) && i !== zoom) return;
              let cx = x;
              for (const k of kids[i]) { const kw = w * total[k] / (total[i] || 1); place(k, cx, kw); cx += kw; }
            };
            for (let a = zoom; a >= 0; a = parent[a]) if (a !== zoom) place(a, 0, 1);
            place(zoom, 0, 1);
            chart.style.height = ((maxDepth + 1) * rowH + 4) + "px";
            chart.appendChild(frag);
          }
          chart.addEventListener("click", e => {
            const t = e.target.closest(".f"); if (!t) return;
            const i = +t.dataset.i; zoom = (i === zoom && i) ? parent[i] : i; draw();
          });
          chart.addEventListener("mouseover", e => { const t = e.target.closest(".f"); if (t) info.textContent = describe(+t.dataset.i); });
          document.getElementById(prefix + "reset").addEventListener("click", () => { zoom = 0; draw(); });
          document.addEventListener("keydown", e => { if (e.key === "Escape") { zoom = 0; draw(); } });
          const search = document.getElementById(prefix + "search"), matched = document.getElementById(prefix + "matched");
          search.addEventListener("input", () => {
            const q = search.value.trim();
            try { pattern = q ? new RegExp(q, "i") : null; } catch (err) { pattern = null; matched.textContent = "invalid pattern"; return; }
            let sum = 0;
            if (pattern) {
              const walk = i => { if (i && pattern.test(label(i))) { sum += total[i]; return; } for (const k of kids[i]) walk(k); };
              walk(0);
              matched.textContent = "matched " + fmt(sum) + " (" + (total[0] ? pfPct(sum / total[0]) : "0%") + ")";
            } else matched.textContent = "";
            draw();
          });
          window.addEventListener("resize", draw);
          draw();
          return { total: total[0], fmt: fmt, label: label };
        }
        """
}
