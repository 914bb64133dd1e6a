/// The frame of every SVG flame graph pyframe writes: document, styles,
/// title lines, and one element per frame with a hover title.
struct SVGCanvas {
    let width: Int
    let frameHeight = 16
    let top = 66
    let bottom = 12
    private(set) var body: [String] = []

    init(width: Int) {
        self.width = width
    }

    /// The height for `depths` rows of frames.
    func height(depths: Int) -> Int { top + depths * frameHeight + bottom }

    /// Adds the title and subtitle lines.
    mutating func titles(_ title: String, _ subtitle: String, legend: String? = nil) {
        body.append("<text class=\"title\" x=\"\(width / 2)\" y=\"26\">\(Markup.xml(title))</text>")
        body.append("<text class=\"subtitle\" x=\"\(width / 2)\" y=\"46\">\(Markup.xml(subtitle))</text>")
        if let legend {
            body.append("<text class=\"legend\" x=\"10\" y=\"60\">\(Markup.xml(legend))</text>")
        }
    }

    /// Adds one frame: a rectangle with `fill`, `tooltip` on hover, and as
    /// much of `label` as fits inside.
    mutating func frame(x: Double, y: Int, width w: Double, fill: String, label: String, tooltip: String) {
        let px = 10 + x * Double(width - 20)
        let pw = w * Double(width - 20)
        var element = "<g><title>\(Markup.xml(tooltip))</title>"
        element += "<rect x=\"\(DisplayFormat.fixed(px, 2))\" y=\"\(y)\" width=\"\(DisplayFormat.fixed(max(pw - 0.5, 0.1), 2))\" height=\"\(frameHeight - 1)\" fill=\"\(fill)\" rx=\"2\"/>"
        let fits = Int((pw - 6) / 7)
        if fits >= 3 {
            let text = label.count <= fits ? label : String(label.prefix(fits - 2)) + ".."
            element += "<text x=\"\(DisplayFormat.fixed(px + 3, 2))\" y=\"\(y + frameHeight - 4)\">\(Markup.xml(text))</text>"
        }
        body.append(element + "</g>")
    }

    /// The complete document for `depths` rows.
    func document(depths: Int) -> String {
        let h = height(depths: depths)
        var out = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <svg version="1.1" xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(h)" viewBox="0 0 \(width) \(h)">
            <style>
            text { font-family: Verdana, "DejaVu Sans", sans-serif; font-size: 12px; fill: #000; pointer-events: none; }
            text.title { font-size: 17px; text-anchor: middle; }
            text.subtitle { font-size: 12px; fill: #555; text-anchor: middle; }
            text.legend { font-size: 11px; fill: #555; }
            g:hover rect { stroke: #000; stroke-width: 0.8; }
            </style>
            <rect x="0" y="0" width="\(width)" height="\(h)" fill="#fdfaf3"/>

            """
        out += body.joined(separator: "\n")
        out += "\n</svg>\n"
        return out
    }
}
