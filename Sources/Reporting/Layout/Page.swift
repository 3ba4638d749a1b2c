/// A laid-out page: everything on it at its final position, in logical
/// coordinates (x measured from the left edge; mirrored when drawn for a
/// right-to-left language).
struct Page {
    /// Something drawn on a page.
    enum Item {
        /// Lines of a shaped paragraph; `width` is the box the layout was wrapped to.
        case text(TextLayout, lines: Range<Int>, x: Double, y: Double, width: Double)
        case rule(x: Double, y: Double, width: Double, weight: Double)
        case shade(x: Double, y: Double, width: Double, height: Double, grey: Double)
        case chart(Chart, x: Double, y: Double, width: Double, height: Double)
        case sparkline([Double?], x: Double, y: Double, width: Double, height: Double)
        /// A table-of-contents line: the heading's page number is written and linked when drawing.
        case contentsEntry(heading: Int, x: Double, y: Double, width: Double, height: Double, numberY: Double)
    }

    var items: [Item] = []
    /// Footnotes at the foot of the page, in order.
    var footnotes: [TextLayout] = []
    /// Whether the running header is printed (not on the masthead page).
    var header = true
}

/// A heading's place, for the outline and the table of contents.
struct HeadingMark {
    var level: Int
    var title: String
    var page: Int
    var y: Double
    var listed: Bool
}

/// A4 page geometry in points.
struct PageGeometry {
    var width = 595.276
    var height = 841.89
    var left = 72.0
    var right = 72.0
    var top = 76.0
    var bottom = 64.0
    /// Baseline area of the running header.
    var headerY = 38.0

    var textWidth: Double { width - left - right }
    var bodyBottom: Double { height - bottom }
    var bodyHeight: Double { bodyBottom - top }
}
