/// The page around an HTML flame graph's data: styles and the script that
/// lays frames out, zooms on click and highlights search matches. Nothing is
/// loaded from the network.
enum FlameHTMLTemplate {
    static func page(title: String, data: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(title)</title>
        <style>
        body { font: 13px Verdana, "DejaVu Sans", sans-serif; margin: 0; background: #fdfaf3; color: #222; }
        header { padding: 10px 14px 6px; }
        h1 { font-size: 17px; margin: 0 0 6px; }
        #bar { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
        #search { width: 22em; padding: 3px 6px; font: inherit; }
        button { font: inherit; padding: 2px 10px; }
        #info { color: #555; min-height: 1.3em; padding: 4px 14px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        #chart { position: relative; margin: 0 14px 14px; }
        .f { position: absolute; height: 17px; box-sizing: border-box; border: 1px solid #fdfaf3; border-radius: 2px;
             overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font-size: 12px; line-height: 15px;
             padding: 0 3px; cursor: pointer; }
        .f:hover { border-color: #000; }
        .f.m { background: rgb(230,0,230) !important; color: #fff; }
        .f.a { opacity: 0.55; }
        </style>
        </head>
        <body>
        <header>
        <h1 id="title"></h1>
        <div id="bar">
        <input id="search" type="search" placeholder="Search frames (regular expression)" autocomplete="off">
        <button id="reset" type="button">Reset zoom</button>
        <span id="matched"></span>
        </div>
        </header>
        <div id="info">Click a frame to zoom in; click the top frame or press Esc to zoom out.</div>
        <div id="chart"></div>
        <script id="data" type="application/json">\(data)</script>
        <script>
        "use strict";
        const D = JSON.parse(document.getElementById("data").textContent);
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
        function fmt(v) {
          if (D.unit !== "ns") return Math.round(v).toLocaleString() + " calls";
          if (v >= 1e9) return (v / 1e9).toFixed(3) + " s";
          if (v >= 1e6) return (v / 1e6).toFixed(3) + " ms";
          if (v >= 1e3) return (v / 1e3).toFixed(1) + " µs";
          return Math.round(v) + " ns";
        }
        function colour(s, i) {
          if (!i) return "rgb(220,220,225)";
          let h = 2166136261;
          for (let c = 0; c < s.length; c++) { h ^= s.charCodeAt(c); h = Math.imul(h, 16777619) >>> 0; }
          if (s.indexOf("(<frozen ") >= 0 || s[0] === "[") { const g = 190 + (h % 30); return `rgb(${g},${g},${g + 10})`; }
          return `rgb(${205 + (h >>> 8) % 50},${(h >>> 12) % 230},${(h >>> 20) % 55})`;
        }
        const chart = document.getElementById("chart"), info = document.getElementById("info");
        let zoom = 0, pattern = null;
        function draw() {
          chart.textContent = "";
          const width = chart.clientWidth, rowH = 18, frag = document.createDocumentFragment();
          const ancestors = new Set();
          for (let a = zoom; a >= 0; a = parent[a]) ancestors.add(a);
          let maxDepth = 0;
          const place = (i, x, w) => {
            if (w * width < 0.5) return;
            const d = document.createElement("div");
            d.className = "f" + (ancestors.has(i) && i !== zoom ? " a" : "") + (pattern && i && pattern.test(label(i)) ? " m" : "");
            d.style.left = (x * 100) + "%"; d.style.width = (w * 100) + "%"; d.style.top = (depth[i] * rowH) + "px";
            d.style.background = colour(label(i), i);
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
        function describe(i) {
          const share = total[0] ? (100 * total[i] / total[0]).toFixed(2) : "0";
          return label(i) + " — " + fmt(total[i]) + " (" + share + "% of all)" + (self[i] ? ", " + fmt(self[i]) + " in the frame itself" : "");
        }
        chart.addEventListener("click", e => {
          const t = e.target.closest(".f"); if (!t) return;
          const i = +t.dataset.i; zoom = (i === zoom && i) ? parent[i] : i; draw();
        });
        chart.addEventListener("mouseover", e => { const t = e.target.closest(".f"); if (t) info.textContent = describe(+t.dataset.i); });
        document.getElementById("reset").addEventListener("click", () => { zoom = 0; draw(); });
        document.addEventListener("keydown", e => { if (e.key === "Escape") { zoom = 0; draw(); } });
        const search = document.getElementById("search"), matched = document.getElementById("matched");
        search.addEventListener("input", () => {
          const q = search.value.trim();
          try { pattern = q ? new RegExp(q, "i") : null; } catch (err) { pattern = null; matched.textContent = "invalid pattern"; return; }
          let sum = 0;
          if (pattern) {
            const walk = i => { if (i && pattern.test(label(i))) { sum += total[i]; return; } for (const k of kids[i]) walk(k); };
            walk(0);
            matched.textContent = "matched " + fmt(sum) + " (" + (total[0] ? (100 * sum / total[0]).toFixed(2) : "0") + "%)";
          } else matched.textContent = "";
          draw();
        });
        document.getElementById("title").textContent = D.title + " — " + fmt(total[0]);
        window.addEventListener("resize", draw);
        draw();
        </script>
        </body>
        </html>

        """
    }
}
