/// Where each frame of a flame graph goes: its horizontal extent as a
/// fraction of the whole, and its depth. Shared by the SVG renderers.
struct FlameLayout {
    /// One placed frame.
    struct Box {
        var node: Int32
        /// Left edge and width, as fractions of the root's width.
        var x: Double
        var width: Double
        /// 0 for the root.
        var depth: Int
    }

    /// The frames to draw, parents before children.
    private(set) var boxes: [Box] = []
    /// Deepest depth placed.
    private(set) var maxDepth = 0

    /// Lays out a tree given by `children` (in drawing order) and `value` (a
    /// node's width value), leaving out frames narrower than `minFraction` of the root.
    init(rootValue: UInt64, children: (Int32) -> [Int32], value: (Int32) -> UInt64, minFraction: Double) {
        guard rootValue > 0 else { return }
        let total = Double(rootValue)
        var work: [(Int32, Double, Int)] = [(0, 0, 0)]
        while let (node, x, depth) = work.popLast() {
            let width = Double(value(node)) / total
            guard width >= minFraction, width > 0 else { continue }
            boxes.append(Box(node: node, x: x, width: width, depth: depth))
            maxDepth = max(maxDepth, depth)
            var childX = x
            var placed: [(Int32, Double, Int)] = []
            for child in children(node) {
                placed.append((child, childX, depth + 1))
                childX += Double(value(child)) / total
            }
            work += placed.reversed()
        }
    }
}
