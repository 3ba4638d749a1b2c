extension Paginator {
    static let cellStyle = TextStyle(size: 7.5, leading: 0.6)
    static let cellPadding = 2.5
    static let sparklineHeight = 10.0

    /// One laid-out table row: its cells and height.
    struct Row {
        var cells: [TextLayout?]
        var sparklines: [[Double?]?]
        var height: Double
    }

    /// Column positions: the template's relative widths, widened where a
    /// number would wrap or a word would break ("3,237,671" over two lines),
    /// the room taken from columns that have some to spare.
    func columnGeometry(_ t: TableBlock) -> [(x: Double, width: Double)] {
        let total = t.widths.reduce(0, +)
        var widths = t.widths.map { total > 0 ? $0 / total * self.width : self.width / Double(t.widths.count) }
        // Columns without text (sparklines) keep their width.
        let needed = t.widths.indices.map { minimumWidth(ofColumn: $0, in: t) ?? widths[$0] }
        var deficit = zip(widths, needed).reduce(0) { $0 + max(0, $1.1 - $1.0) }
        if deficit > 0 {
            for k in widths.indices where widths[k] < needed[k] { widths[k] = needed[k] }
            // Room comes first from number columns wider than their numbers (nothing
            // wraps there), then from text columns, each in proportion to its spare room.
            for numbersFirst in [true, false] where deficit > 0 {
                let donors = widths.indices.filter { (t.numeric.indices.contains($0) && t.numeric[$0]) == numbersFirst && widths[$0] > needed[$0] }
                let spare = donors.reduce(0) { $0 + widths[$1] - needed[$1] }
                guard spare > 0 else { continue }
                let taken = min(deficit, spare)
                for k in donors { widths[k] -= (widths[k] - needed[k]) * taken / spare }
                deficit -= taken
            }
            // Still too wide: everything narrows alike, so the table never runs off the page.
            let sum = widths.reduce(0, +)
            if sum > self.width { widths = widths.map { $0 * self.width / sum } }
        }
        var x = left
        return widths.map { width in
            defer { x += width }
            return (x, width)
        }
    }

    /// The narrowest a column can be: its longest number whole, its longest
    /// word unbroken (header words shrink to fit instead).
    private func minimumWidth(ofColumn k: Int, in t: TableBlock) -> Double? {
        let numeric = t.numeric.indices.contains(k) && t.numeric[k]
        var widest = 0.0
        var text = false
        for row in t.rows where k < row.count {
            guard case .text(let s) = row[k] else { continue }
            text = true
            let pieces = numeric ? [Substring(s)] : s.split(whereSeparator: { $0 == " " || $0 == "\n" })
            for piece in pieces {
                widest = max(widest, typesetter.layout(String(piece), style: Self.cellStyle, width: nil).inkWidth)
            }
        }
        guard text else { return nil }
        return widest > 0 ? widest + 2 * Self.cellPadding + 0.5 : 0
    }

    func layoutRow(_ cells: [TableBlock.Cell], table t: TableBlock, columns: [(x: Double, width: Double)], header: Bool) -> Row {
        var layouts: [TextLayout?] = []
        var sparklines: [[Double?]?] = []
        var height = Self.sparklineHeight
        for (k, cell) in cells.enumerated() where k < columns.count {
            switch cell {
            case .text(let s):
                var style = Self.cellStyle.with {
                    $0.bold = header
                    $0.alignment = t.numeric.indices.contains(k) && t.numeric[k] ? .end : .start
                }
                if header { style.size = fittingSize(s, style: style, width: columns[k].width - 2 * Self.cellPadding) }
                let layout = typesetter.layout(s, style: style, width: columns[k].width - 2 * Self.cellPadding)
                layouts.append(layout)
                sparklines.append(nil)
                height = max(height, layout.height)
            case .sparkline(let values):
                layouts.append(nil)
                sparklines.append(values)
            }
        }
        return Row(cells: layouts, sparklines: sparklines, height: height + 2 * Self.cellPadding)
    }

    /// The largest size, down to 5.5 pt, at which no word of `text` is broken inside `width`.
    func fittingSize(_ text: String, style: TextStyle, width: Double) -> Double {
        let widest = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { word in
            typesetter.layout(String(word), style: style, width: nil).inkWidth
        }.max() ?? 0
        guard widest > width, widest > 0 else { return style.size }
        return max(5.5, style.size * width / widest * 0.96)
    }

    func drawRow(_ row: Row, columns: [(x: Double, width: Double)], header: Bool) {
        if header {
            add(.shade(x: left, y: y, width: width, height: row.height, grey: 0.92))
        }
        for (k, cell) in row.cells.enumerated() {
            let c = columns[k]
            if let cell {
                add(.text(cell, lines: 0..<cell.lines.count, x: c.x + Self.cellPadding, y: y + Self.cellPadding,
                          width: c.width - 2 * Self.cellPadding))
            } else if let values = row.sparklines[k] ?? nil {
                add(.sparkline(values, x: c.x + Self.cellPadding, y: y + (row.height - Self.sparklineHeight) / 2,
                               width: c.width - 2 * Self.cellPadding, height: Self.sparklineHeight))
            }
        }
        y += row.height
        add(.rule(x: left, y: y, width: width, weight: header ? 0.8 : 0.3))
    }

    /// Places a table; rows that do not fit go to the next page under a repeated header.
    func place(_ t: TableBlock) {
        let columns = columnGeometry(t)
        let header = layoutRow(t.header.map { .text($0) }, table: t, columns: columns, header: true)
        let rows = t.rows.map { layoutRow($0, table: t, columns: columns, header: false) }
        let caption = t.caption.isEmpty ? nil : typesetter.layout(t.caption, style: TextStyle(size: 9, bold: true, leading: 1), width: width)
        let captionHeight = caption.map { $0.height + 4 } ?? 0
        // Caption, header and the first row (or two) stay together.
        let lead = rows.prefix(2).reduce(0) { $0 + $1.height }
        reserve(captionHeight + header.height + lead + 2)
        if let caption {
            add(.text(caption, lines: 0..<caption.lines.count, x: left, y: y, width: width))
            y += captionHeight
        }
        add(.rule(x: left, y: y, width: width, weight: 0.8))
        drawRow(header, columns: columns, header: true)
        for (i, row) in rows.enumerated() {
            // Never leave a single row alone at the foot of a page or the head of the next.
            let remaining = rows.count - i
            let needed = remaining == 2 ? row.height + rows[i + 1].height : row.height
            if y + needed > bottom, i > 0 {
                newPage()
                add(.rule(x: left, y: y, width: width, weight: 0.8))
                drawRow(header, columns: columns, header: true)
            }
            drawRow(row, columns: columns, header: false)
        }
        y += 3
        if let note = t.note {
            let layout = typesetter.layout(note, style: Self.note, width: width)
            reserve(layout.height)
            add(.text(layout, lines: 0..<layout.lines.count, x: left, y: y, width: width))
            y += layout.height
        }
        y += Self.paragraphGap + 4
    }

    // MARK: contents

    /// The table of contents: one line per listed heading, its page number filled in when drawing.
    func placeContents(title: String, blocks: [Block]) {
        let heading = typesetter.layout(title, style: Self.headingStyle(1), width: width)
        reserve(heading.height + 40)
        add(.text(heading, lines: 0..<heading.lines.count, x: left, y: y, width: width))
        y += heading.height + 8
        var index = 0
        for block in blocks {
            guard case .heading(let h) = block else { continue }
            defer { index += 1 }
            guard h.listed, h.level <= 2 else { continue }
            let indent = h.level == 2 ? 20.0 : 0
            let text = (h.label.isEmpty ? "" : h.label + "\u{2002}") + h.text
            let layout = typesetter.layout(text, style: TextStyle(size: 9.5, bold: h.level <= 1, leading: 1), width: width - indent - 40)
            reserve(layout.height + 4)
            add(.text(layout, lines: 0..<layout.lines.count, x: left + indent, y: y, width: width - indent - 40))
            let lastLine = layout.lines.last.map { $0.baseline - layout.lines[0].top } ?? 0
            add(.contentsEntry(heading: index, x: left + indent, y: y, width: width - indent, height: layout.height, numberY: y + lastLine))
            y += layout.height + 4
        }
        y += 10
    }
}
