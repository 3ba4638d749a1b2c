import CCairo

/// Draws laid-out pages on a Cairo context: running header, items,
/// footnotes, table-of-contents numbers and links; mirrored for a
/// right-to-left language.
struct PageRenderer {
    let typesetter: Typesetter
    let locale: ReportLocale
    let geometry: PageGeometry
    let headings: [HeadingMark]
    /// The symbol in the running header.
    let runningSymbol: String

    /// x of a box of `width` at logical `x`, mirrored for right-to-left pages.
    func place(_ x: Double, _ width: Double) -> Double {
        typesetter.rightToLeft ? geometry.width - x - width : x
    }

    /// Draws page `number` (1-based) on `canvas`.
    func draw(_ page: Page, number: Int, on canvas: Canvas) {
        let cr = canvas.cr
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        if page.header { drawHeader(number: number, cr: cr) }
        let painter = ChartPainter(typesetter: typesetter, locale: locale, cr: cr)
        for item in page.items {
            switch item {
            case .text(let layout, let lines, let x, let y, let width):
                layout.draw(cr, x: place(x, width), y: y, lines: lines)
            case .rule(let x, let y, let width, let weight):
                cairo_set_source_rgb(cr, 0, 0, 0)
                cairo_set_line_width(cr, weight)
                cairo_move_to(cr, place(x, width), y)
                cairo_rel_line_to(cr, width, 0)
                cairo_stroke(cr)
            case .shade(let x, let y, let width, let height, let grey):
                cairo_set_source_rgb(cr, grey, grey, grey)
                cairo_rectangle(cr, place(x, width), y, width, height)
                cairo_fill(cr)
            case .chart(let chart, let x, let y, let width, let height):
                painter.draw(chart, x: place(x, width), y: y, width: width, height: height)
            case .sparkline(let values, let x, let y, let width, let height):
                painter.drawSparkline(values, x: place(x, width), y: y, width: width, height: height)
            case .contentsEntry(let heading, let x, let y, let width, let height, let numberY):
                guard headings.indices.contains(heading) else { continue }
                let target = headings[heading]
                let number = typesetter.layout(locale.number(Double(target.page), decimals: 0),
                                               style: TextStyle(size: 9.5, alignment: .end, leading: 1), width: 36)
                number.draw(cr, x: place(x + width - 36, 36), y: numberY - number.lines[0].baseline)
                canvas.link(x: place(x, width), y: y, width: width, height: height, page: target.page, targetY: max(target.y - 12, 0))
            }
        }
        drawFootnotes(page.footnotes, cr: cr)
    }

    func drawHeader(number: Int, cr: OpaquePointer) {
        let style = TextStyle(size: 9, bold: true, leading: 0)
        let symbol = typesetter.layout(runningSymbol, style: style, width: geometry.textWidth)
        let page = typesetter.layout(locale.number(Double(number), decimals: 0), style: style.with { $0.alignment = .end }, width: geometry.textWidth)
        symbol.draw(cr, x: geometry.left, y: geometry.headerY - symbol.height)
        page.draw(cr, x: geometry.left, y: geometry.headerY - page.height)
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_set_line_width(cr, 0.5)
        cairo_move_to(cr, geometry.left, geometry.headerY + 3)
        cairo_rel_line_to(cr, geometry.textWidth, 0)
        cairo_stroke(cr)
    }

    func drawFootnotes(_ notes: [TextLayout], cr: OpaquePointer) {
        guard !notes.isEmpty else { return }
        let total = notes.reduce(0) { $0 + $1.height + 2 }
        var y = geometry.bodyBottom - total
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_set_line_width(cr, 0.5)
        cairo_move_to(cr, place(geometry.left, 120), y - 5)
        cairo_rel_line_to(cr, 120, 0)
        cairo_stroke(cr)
        for note in notes {
            note.draw(cr, x: geometry.left, y: y)
            y += note.height + 2
        }
    }

    /// Adds the PDF outline: one bookmark per listed heading, nested by level.
    func addOutline(to canvas: Canvas) {
        var parents: [Int: Int32] = [:]
        for h in headings where h.listed {
            let parent = (0..<h.level).reversed().compactMap { parents[$0] }.first ?? 0
            let id = canvas.addOutline(parent: h.level == 0 ? 0 : parent, title: h.title, page: h.page, y: max(h.y - 12, 0))
            parents[h.level] = id
            for deeper in stride(from: h.level + 1, through: 6, by: 1) { parents[deeper] = nil }
        }
    }
}
