/// The page around an HTML flame graph's data: a heading and the shared
/// interactive chart (``FlameChartScript``), which lays frames out, zooms on
/// click and highlights search matches. Nothing is loaded from the network.
enum FlameHTMLTemplate {
    /// The page, given the escaped title and the embedded JSON data.
    static func page(title: String, data: String) -> String {
        let body = """
            <header>
            <h1 id="title"></h1>
            \(FlameChartScript.markup(prefix: ""))
            </header>
            """
        let script = """
            const D = JSON.parse(document.getElementById("data").textContent);
            const flame = pyframeFlame("", D);
            document.getElementById("title").textContent = D.title + " — " + flame.fmt(flame.total);
            """
        return HTMLDocument.page(title: title, style: FlameChartScript.style, body: body, data: data,
                                 scripts: [FlameChartScript.script, script])
    }
}
