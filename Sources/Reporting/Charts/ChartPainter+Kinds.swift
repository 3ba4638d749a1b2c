import CCairo

extension ChartPainter {
    func drawTrend(_ chart: Chart, labels: [String], series: [Chart.Series], baseline: Double?, target: Double?, in area: Box) {
        let all = series.flatMap { $0.values.compactMap { $0 } } + [baseline, target].compactMap { $0 }
        let scale = AxisScale(minimum: all.min() ?? 0, maximum: all.max() ?? 1)
        let slotGuess = (area.width - 30) / Double(max(labels.count, 1))
        let plot = valueAxis(scale, in: area, bottomLabels: categoryLabelHeight(labels, slot: slotGuess))
        let slot = plot.width / Double(max(labels.count, 1))
        categoryLabels(labels, in: plot, slot: slot)
        func point(_ i: Int, _ v: Double) -> (Double, Double) {
            (plot.x + slot * (Double(i) + 0.5), plot.bottom - scale.fraction(v) * plot.height)
        }
        if let baseline {
            let y = point(0, baseline).1
            dashedLine(from: (plot.x, y), to: (plot.right, y), grey: 0.45)
        }
        if let target {
            let y = point(0, target).1
            dashedLine(from: (plot.x, y), to: (plot.right, y), grey: 0)
        }
        for (k, s) in series.enumerated() {
            colour(k)
            cairo_set_line_width(cr, 1.6)
            var drawing = false
            for (i, v) in s.values.enumerated() {
                guard let v else {
                    drawing = false
                    continue
                }
                let p = point(i, v)
                if drawing { cairo_line_to(cr, p.0, p.1) } else { cairo_move_to(cr, p.0, p.1) }
                drawing = true
            }
            cairo_stroke(cr)
            for (i, v) in s.values.enumerated() {
                guard let v else { continue }
                let p = point(i, v)
                cairo_arc(cr, p.0, p.1, 2, 0, 2 * .pi)
                cairo_fill(cr)
            }
        }
    }

    func drawGroupedBars(_ chart: Chart, groups: [String], series: [Chart.Series], in area: Box) {
        let all = series.flatMap { $0.values.compactMap { $0 } }
        let scale = AxisScale(minimum: all.min() ?? 0, maximum: all.max() ?? 1)
        let slotGuess = (area.width - 30) / Double(max(groups.count, 1))
        let plot = valueAxis(scale, in: area, bottomLabels: categoryLabelHeight(groups, slot: slotGuess))
        let slot = plot.width / Double(max(groups.count, 1))
        categoryLabels(groups, in: plot, slot: slot)
        let barWidth = slot * 0.75 / Double(max(series.count, 1))
        let zero = plot.bottom - scale.fraction(0) * plot.height
        for (k, s) in series.enumerated() {
            colour(k)
            for (i, v) in s.values.enumerated() {
                guard let v else { continue }
                let x = plot.x + slot * Double(i) + slot * 0.125 + barWidth * Double(k)
                let y = plot.bottom - scale.fraction(v) * plot.height
                cairo_rectangle(cr, x, min(y, zero), barWidth - 0.5, abs(zero - y))
                cairo_fill(cr)
            }
        }
    }

    func drawTraffic(_ chart: Chart, months: [(year: Int, month: Int)], values: [Double?], meetings: [Int], in area: Box) {
        let scale = AxisScale(minimum: 0, maximum: values.compactMap { $0 }.max() ?? 1)
        let plot = valueAxis(scale, in: area, bottomLabels: 12)
        let slot = plot.width / Double(max(months.count, 1))
        // Shade the northern winter months (December–February) where traffic usually dips.
        cairo_set_source_rgb(cr, 0.90, 0.93, 0.97)
        for (i, m) in months.enumerated() where m.month == 12 || m.month <= 2 {
            cairo_rectangle(cr, plot.x + slot * Double(i), plot.y, slot, plot.height)
        }
        cairo_fill(cr)
        // Year labels under each January; thin out when years crowd.
        let years = months.enumerated().filter { $0.element.month == 1 || $0.offset == 0 }
        let every = max(1, Int(30 / max(slot * 12, 1)) + 1)
        for (n, (i, m)) in years.enumerated() where n % every == 0 {
            let label = typesetter.layout("\(m.year)", style: Self.labelStyle, width: nil)
            label.draw(cr, x: plot.x + slot * Double(i), y: plot.bottom + 2)
        }
        cairo_set_source_rgb(cr, 0.835, 0.369, 0)
        cairo_set_line_width(cr, 0.8)
        for i in meetings where months.indices.contains(i) {
            let x = plot.x + slot * (Double(i) + 0.5)
            cairo_move_to(cr, x, plot.y)
            cairo_line_to(cr, x, plot.bottom)
        }
        cairo_stroke(cr)
        colour(0)
        cairo_set_line_width(cr, 1.2)
        var drawing = false
        for (i, v) in values.enumerated() {
            guard let v else {
                drawing = false
                continue
            }
            let x = plot.x + slot * (Double(i) + 0.5)
            let y = plot.bottom - scale.fraction(v) * plot.height
            if drawing { cairo_line_to(cr, x, y) } else { cairo_move_to(cr, x, y) }
            drawing = true
        }
        cairo_stroke(cr)
    }

    func drawStacked(_ chart: Chart, bars: [String], segments: [String], values: [[Double]], in area: Box) {
        let scale = AxisScale(minimum: 0, maximum: 100, ticks: 4)
        let slotGuess = (area.width - 30) / Double(max(bars.count, 1))
        let plot = valueAxis(scale, in: area, bottomLabels: categoryLabelHeight(bars, slot: slotGuess))
        let slot = plot.width / Double(max(bars.count, 1))
        categoryLabels(bars, in: plot, slot: slot)
        for (i, row) in values.enumerated() {
            let total = row.reduce(0, +)
            guard total > 0 else { continue }
            var y = plot.bottom
            for (k, v) in row.enumerated() where v > 0 {
                let h = v / total * plot.height
                // The last segment ("other") is grey so the named kinds stand out.
                if k == row.count - 1, row.count > 1 { cairo_set_source_rgb(cr, 0.75, 0.75, 0.75) } else { colour(k) }
                cairo_rectangle(cr, plot.x + slot * Double(i) + slot * 0.2, y - h, slot * 0.6, h)
                cairo_fill(cr)
                y -= h
            }
        }
    }

    func drawMatrix(rows: [String], columns: [String], marks: [[Bool]], shades: [Double?], in area: Box) {
        let rowLabels = rows.map { typesetter.layout($0, style: Self.labelStyle, width: area.width * 0.38) }
        let labelWidth = area.width * 0.4
        let columnWidth = (area.width - labelWidth) / Double(max(columns.count, 1))
        let headers = columns.map { typesetter.layout($0, style: Self.labelStyle.with { $0.alignment = .center }, width: columnWidth - 2) }
        let headerHeight = (headers.map(\.height).max() ?? 8) + 4
        let rowHeight = (area.height - headerHeight) / Double(max(rows.count, 1))
        let start = typesetter.rightToLeft ? area.x + area.width - labelWidth : area.x
        let grid = typesetter.rightToLeft ? area.x : area.x + labelWidth
        for (j, h) in headers.enumerated() {
            let column = typesetter.rightToLeft ? columns.count - 1 - j : j
            h.draw(cr, x: grid + columnWidth * Double(column) + 1, y: area.y)
        }
        for (i, label) in rowLabels.enumerated() {
            let y = area.y + headerHeight + rowHeight * Double(i)
            label.draw(cr, x: start + 1, y: y + max(0, (rowHeight - label.height) / 2))
            for j in columns.indices {
                let column = typesetter.rightToLeft ? columns.count - 1 - j : j
                let x = grid + columnWidth * Double(column)
                cairo_set_source_rgb(cr, 0.8, 0.8, 0.8)
                cairo_set_line_width(cr, 0.4)
                cairo_rectangle(cr, x, y, columnWidth, rowHeight)
                cairo_stroke(cr)
                guard marks.indices.contains(i), marks[i].indices.contains(j), marks[i][j] else { continue }
                // Darker blue where the objective's indicators progress better.
                let shade = shades.indices.contains(j) ? shades[j] : nil
                if let shade {
                    cairo_set_source_rgb(cr, 0.85 - 0.85 * shade, 0.92 - 0.47 * shade, 1 - 0.3 * shade)
                } else {
                    cairo_set_source_rgb(cr, 0.7, 0.7, 0.7)
                }
                cairo_rectangle(cr, x + 2, y + 2, columnWidth - 4, rowHeight - 4)
                cairo_fill(cr)
            }
        }
    }

    func drawIntervals(_ chart: Chart, labels: [String], values: [Double?], lower: [Double?], upper: [Double?], in area: Box) {
        let scale = AxisScale(minimum: 0, maximum: max(100, (upper.compactMap { $0 } + values.compactMap { $0 }).max() ?? 100), ticks: 4)
        let slotGuess = (area.width - 30) / Double(max(labels.count, 1))
        let plot = valueAxis(scale, in: area, bottomLabels: categoryLabelHeight(labels, slot: slotGuess))
        let slot = plot.width / Double(max(labels.count, 1))
        categoryLabels(labels, in: plot, slot: slot)
        for (i, v) in values.enumerated() {
            guard let v else { continue }
            let centre = plot.x + slot * (Double(i) + 0.5)
            let y = plot.bottom - scale.fraction(v) * plot.height
            colour(5)
            cairo_rectangle(cr, centre - slot * 0.3, y, slot * 0.6, plot.bottom - y)
            cairo_fill(cr)
            guard let lo = lower.indices.contains(i) ? lower[i] : nil, let hi = upper.indices.contains(i) ? upper[i] : nil else { continue }
            let y0 = plot.bottom - scale.fraction(lo) * plot.height
            let y1 = plot.bottom - scale.fraction(hi) * plot.height
            cairo_set_source_rgb(cr, 0, 0, 0)
            cairo_set_line_width(cr, 0.8)
            cairo_move_to(cr, centre, y0)
            cairo_line_to(cr, centre, y1)
            for yy in [y0, y1] {
                cairo_move_to(cr, centre - 3, yy)
                cairo_line_to(cr, centre + 3, yy)
            }
            cairo_stroke(cr)
        }
    }

    /// A small line of values for a table cell, its last point marked.
    func drawSparkline(_ values: [Double?], x: Double, y: Double, width: Double, height: Double) {
        let present = values.compactMap { $0 }
        guard present.count >= 1, let low = present.min(), let high = present.max() else { return }
        let span = high - low == 0 ? 1 : high - low
        let step = width / Double(max(values.count - 1, 1))
        colour(0)
        cairo_set_line_width(cr, 0.8)
        var drawing = false
        var last: (Double, Double)?
        for (i, v) in values.enumerated() {
            guard let v else {
                drawing = false
                continue
            }
            let p = (x + step * Double(i), y + height - (v - low) / span * height)
            if drawing { cairo_line_to(cr, p.0, p.1) } else { cairo_move_to(cr, p.0, p.1) }
            drawing = true
            last = p
        }
        cairo_stroke(cr)
        if let last {
            colour(3)
            cairo_arc(cr, last.0, last.1, 1.3, 0, 2 * .pi)
            cairo_fill(cr)
        }
    }
}
