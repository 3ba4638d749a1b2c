/// Places a document's blocks on A4 pages: headings kept with what
/// follows, paragraphs split without widows or orphans, tables split by
/// rows with their header repeated, figures kept whole, footnotes at the
/// foot of the page that cites them.
final class Paginator {
    let typesetter: Typesetter
    let locale: ReportLocale
    let geometry: PageGeometry
    var pages: [Page] = []
    private(set) var headings: [HeadingMark] = []
    /// Current position on the last page.
    var y: Double
    /// Height taken by the footnotes of the last page (with their separator).
    var footnoteHeight = 0.0
    var footnoteCount = 0

    static let body = TextStyle(size: 10, leading: 2.2)
    static let note = TextStyle(size: 8, leading: 1.2, grey: 0.25)
    static let footnote = TextStyle(size: 8, leading: 1)
    static let paragraphGap = 6.0
    /// Width of the paragraph-number column.
    static let numberColumn = 34.0

    /// The styles whose fonts laying out and drawing a document use, for
    /// loading them ahead (`Typesetter.warmUp`): the masthead's only when
    /// there is one. Table headers shrunk to fit a column come in sizes
    /// known only once the table is.
    static func fontStyles(masthead: Bool) -> [TextStyle] {
        let bold = { (size: Double) in TextStyle(size: size, bold: true) }
        return [body, note, footnote, cellStyle, cellStyle.with { $0.bold = true }, bold(9), bold(9.5), TextStyle(size: 9.5)]
            + (0...5).map(Paginator.headingStyle) + [bold(13)]
            + [ChartPainter.titleStyle, ChartPainter.labelStyle, ChartPainter.sourceStyle]
            + (masthead ? [TextStyle(size: 9), bold(11), bold(15), bold(20), bold(14)] : [])
    }

    init(typesetter: Typesetter, locale: ReportLocale, geometry: PageGeometry = PageGeometry()) {
        self.typesetter = typesetter
        self.locale = locale
        self.geometry = geometry
        y = geometry.top
        pages = [Page()]
    }

    var bottom: Double { geometry.bodyBottom - footnoteHeight }
    var left: Double { geometry.left }
    var width: Double { geometry.textWidth }
    var atTop: Bool { y <= geometry.top + 0.5 }

    func add(_ item: Page.Item) { pages[pages.count - 1].items.append(item) }

    func newPage() {
        pages.append(Page())
        y = geometry.top
        footnoteHeight = 0
    }

    /// Starts a new page unless already at the top of an empty one.
    func breakPage() { if !atTop || !(pages.last?.items.isEmpty ?? true) { newPage() } }

    /// Ensures `height` fits below the cursor, starting a page if not.
    func reserve(_ height: Double) { if y + height > bottom, !atTop { newPage() } }

    /// Adds a footnote to the current page; its number is returned.
    func footnote(_ text: String, mark: String? = nil) -> String {
        footnoteCount += 1
        let label = mark ?? "\(footnoteCount)"
        let layout = typesetter.layout(label + "\u{2003}" + text, style: Self.footnote, width: width)
        if pages[pages.count - 1].footnotes.isEmpty { footnoteHeight += 10 }
        footnoteHeight += layout.height + 2
        pages[pages.count - 1].footnotes.append(layout)
        return label
    }

    /// Height the footnotes of a paragraph would add to the page.
    func footnotesHeight(_ notes: [String]) -> Double {
        guard !notes.isEmpty else { return 0 }
        let separator = pages[pages.count - 1].footnotes.isEmpty ? 10.0 : 0
        return separator + notes.reduce(0) { $0 + typesetter.layout("00\u{2003}" + $1, style: Self.footnote, width: width).height + 2 }
    }

    /// Lays out every block.
    func layout(_ blocks: [Block]) {
        for (k, block) in blocks.enumerated() {
            let next = blocks.indices.contains(k + 1) ? blocks[k + 1] : nil
            switch block {
            case .masthead(let m): place(m)
            case .contents(let title): placeContents(title: title, blocks: blocks)
            case .heading(let h): place(h, next: next)
            case .paragraph(let p): place(p)
            case .table(let t): place(t)
            case .figure(let f): place(f)
            case .pageBreak: breakPage()
            }
        }
    }

    // MARK: headings

    static func headingStyle(_ level: Int) -> TextStyle {
        switch level {
        case 0: TextStyle(size: 14, bold: true, alignment: .center)
        case 1: TextStyle(size: 13, bold: true, leading: 1)
        case 2: TextStyle(size: 11.5, bold: true, leading: 1)
        case 3, 4: TextStyle(size: 10, bold: true, leading: 1)
        default: TextStyle(size: 10, italic: true, leading: 1)
        }
    }

    /// Indent of a heading's label column (UN: labels hang in the margin column).
    func headingLayouts(_ h: Heading) -> (label: TextLayout?, text: TextLayout, indent: Double) {
        let style = Self.headingStyle(h.level)
        if h.label.isEmpty { return (nil, typesetter.layout(h.text, style: style, width: width), 0) }
        let indent = h.level >= 4 ? Self.numberColumn + 8 : Self.numberColumn
        let label = typesetter.layout(h.label, style: style, width: indent - 4)
        return (label, typesetter.layout(h.text, style: style, width: width - indent), indent)
    }

    func place(_ h: Heading, next: Block?) {
        let (label, text, indent) = headingLayouts(h)
        let before = h.level <= 1 ? 14.0 : 9
        let height = text.height + 7
        // Keep the heading with the first lines of what follows.
        reserve(before + height + firstChunkHeight(next))
        if !atTop { y += before }
        if let label { add(.text(label, lines: 0..<label.lines.count, x: left, y: y, width: indent - 4)) }
        add(.text(text, lines: 0..<text.lines.count, x: left + indent, y: y, width: width - indent))
        headings.append(HeadingMark(level: h.level, title: (h.label.isEmpty ? "" : h.label + " ") + h.text,
                                    page: pages.count, y: y, listed: h.listed))
        y += height
    }

    /// The least of a block that must follow a heading on its page.
    func firstChunkHeight(_ block: Block?) -> Double {
        switch block {
        case .paragraph(let p)?:
            let layout = paragraphLayout(p)
            return layout.height(of: 0..<min(2, layout.lines.count))
        case .table(let t)?: return 60 + (t.caption.isEmpty ? 0 : 14)
        case .figure(let f)?: return min(f.height, geometry.bodyHeight)
        case .heading(let h)?: return headingLayouts(h).text.height + 30
        default: return 0
        }
    }

    // MARK: paragraphs

    func paragraphStyle(_ p: Paragraph) -> TextStyle {
        switch p.style {
        case .body, .item: Self.body.with { $0.alignment = .start }
        case .title: TextStyle(size: 13, bold: true, alignment: .start, leading: 1.5)
        case .note: Self.note
        }
    }

    func paragraphIndent(_ p: Paragraph) -> Double {
        p.number != nil || p.style == .item ? Self.numberColumn + (p.style == .item ? 12 : 0) : 0
    }

    func paragraphLayout(_ p: Paragraph, marks: [String] = []) -> TextLayout {
        let suffix = marks.isEmpty ? "" : marks.map(Self.superscript).joined(separator: "\u{2009}")
        return typesetter.layout(p.text + suffix, style: paragraphStyle(p), width: width - paragraphIndent(p))
    }

    func place(_ p: Paragraph) {
        let indent = paragraphIndent(p)
        // Footnote numbers are known before the text is shaped: the next ones in sequence.
        let marks = p.footnotes.indices.map { "\(footnoteCount + $0 + 1)" }
        let layout = paragraphLayout(p, marks: marks)
        let notesHeight = footnotesHeight(p.footnotes)
        var start = 0
        let n = layout.lines.count
        var first = true
        while start < n {
            let room = bottom - y - (first ? notesHeight : 0)
            var fit = 0
            while start + fit < n, layout.height(of: start..<(start + fit + 1)) <= room { fit += 1 }
            if start + fit < n {
                // Split only leaving two lines on each side; otherwise move the paragraph to the next page.
                let rest = n - start - fit
                if rest < 2 { fit = max(0, fit - (2 - rest)) }
                if (fit < 2 || (start == 0 && n < 4)) && !atTop {
                    newPage()
                    continue
                }
            }
            let range = start..<(start + max(fit, 1))
            if start == 0, let number = p.number {
                let label = typesetter.layout("\(number).", style: paragraphStyle(p), width: Self.numberColumn - 4)
                add(.text(label, lines: 0..<1, x: left, y: y, width: Self.numberColumn - 4))
            }
            add(.text(layout, lines: range, x: left + indent, y: y, width: width - indent))
            y += layout.height(of: range)
            if first {
                for (k, note) in p.footnotes.enumerated() { _ = footnote(note, mark: marks[k]) }
                first = false
            }
            start = range.upperBound
            if start < n { newPage() }
        }
        y += p.style == .note ? 4 : Self.paragraphGap
    }

    /// "12" → "¹²".
    static func superscript(_ s: String) -> String {
        let map: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "*": "*"]
        return String(s.map { map[$0] ?? $0 })
    }

    // MARK: figures

    func place(_ f: Figure) {
        let height = min(f.height, geometry.bodyHeight - 8)
        reserve(height + 8)
        add(.chart(f.chart, x: left, y: y, width: width, height: height))
        y += height + 10
    }
}
