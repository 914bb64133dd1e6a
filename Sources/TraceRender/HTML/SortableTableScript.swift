/// A table of rows that sorts when a column header is clicked and narrows
/// to the rows a filter box matches, shared by the report and the diff
/// pages so both behave the same.
///
/// The script defines `pyframeTable(opts)`: `opts.table` (a `<table>` with
/// an empty `<thead>` and `<tbody>`), `opts.filter` (an input), `opts.count`
/// (where "showing n of m" goes), `opts.rows` (objects), `opts.columns`
/// (`{key, label, num, fmt(row), title, decorate(row, td)}`), `opts.text(row)` (what the filter
/// searches), `opts.rowClass(row)`, `opts.sort` and `opts.limit`.
enum SortableTableScript {
    /// The table's styles.
    static let style = """
        table.data { border-collapse: collapse; width: 100%; font-size: 12px; }
        table.data th, table.data td { padding: 3px 7px; border-bottom: 1px solid #e4dfd2; text-align: right; white-space: nowrap; }
        table.data th { background: #efe9da; cursor: pointer; user-select: none; position: sticky; top: 0; }
        table.data th.sorted::after { content: " ▼"; font-size: 10px; }
        table.data th.sorted.asc::after { content: " ▲"; }
        table.data td.name, table.data th.name { text-align: left; white-space: normal; word-break: break-all; }
        table.data tbody tr:hover { background: #f3eedf; }
        .table-bar { display: flex; gap: 12px; align-items: center; margin: 4px 0 8px; }
        .table-wrap { max-height: 330px; overflow: auto; border: 1px solid #e4dfd2; }
        """

    /// The table's script (needs ``HTMLDocument/baseScript``).
    static let script = """
        function pyframeTable(o) {
          const head = o.table.tHead, body = o.table.tBodies[0], limit = o.limit || 1000;
          let key = o.sort, asc = false, pattern = null;
          const tr = document.createElement("tr");
          for (const c of o.columns) {
            const th = pfEl("th", c.num ? "" : "name", c.label);
            th.dataset.key = c.key;
            if (c.title) th.title = c.title;
            th.addEventListener("click", () => {
              if (key === c.key) asc = !asc; else { key = c.key; asc = !c.num; }
              draw();
            });
            tr.appendChild(th);
          }
          head.appendChild(tr);
          function value(r) { const v = r[key]; return v === null || v === undefined ? -Infinity : v; }
          function draw() {
            const shown = o.rows.filter(r => !pattern || pattern.test(o.text(r)));
            shown.sort((a, b) => {
              const x = value(a), y = value(b);
              const c = x < y ? -1 : x > y ? 1 : 0;
              return asc ? c : -c;
            });
            body.textContent = "";
            const frag = document.createDocumentFragment();
            for (const r of shown.slice(0, limit)) {
              const row = pfEl("tr", o.rowClass ? o.rowClass(r) : "");
              for (const c of o.columns) {
                const td = pfEl("td", c.num ? "" : "name", c.fmt ? c.fmt(r) : String(r[c.key]));
                if (c.decorate) c.decorate(r, td);
                row.appendChild(td);
              }
              frag.appendChild(row);
            }
            body.appendChild(frag);
            for (const th of head.querySelectorAll("th")) {
              th.classList.toggle("sorted", th.dataset.key === key);
              th.classList.toggle("asc", th.dataset.key === key && asc);
            }
            o.count.textContent = shown.length > limit ? `showing ${limit} of ${shown.length} matching rows` :
              `${shown.length} of ${o.rows.length} rows`;
          }
          o.filter.addEventListener("input", () => {
            const q = o.filter.value.trim();
            try { pattern = q ? new RegExp(q, "i") : null; }
            catch (err) { const s = q.toLowerCase(); pattern = { test: t => t.toLowerCase().indexOf(s) >= 0 }; }
            draw();
          });
          draw();
        }
        """
}
