import CCairo

/// Draws charts as vector paths: the frame (title, legend, source line)
/// here, each kind's plot in `ChartPainter+Kinds.swift`.
struct ChartPainter {
    let typesetter: Typesetter
    let locale: ReportLocale
    let cr: OpaquePointer

    static let titleStyle = TextStyle(size: 8.5, bold: true, leading: 0.5)
    static let labelStyle = TextStyle(size: 6.5, leading: 0.3, grey: 0.2)
    static let sourceStyle = TextStyle(size: 6.5, italic: true, leading: 0.3, grey: 0.3)

    /// The plot rectangle.
    struct Box {
        var x: Double
        var y: Double
        var width: Double
        var height: Double
        var right: Double { x + width }
        var bottom: Double { y + height }
    }

    /// Draws `chart` in the rectangle at (x, y).
    func draw(_ chart: Chart, x: Double, y: Double, width: Double, height: Double) {
        cairo_save(cr)
        defer { cairo_restore(cr) }
        let title = typesetter.layout(chart.title + (chart.unit.isEmpty ? "" : " (\(chart.unit))"), style: Self.titleStyle, width: width)
        title.draw(cr, x: x, y: y)
        let source = typesetter.layout(chart.source, style: Self.sourceStyle, width: width)
        source.draw(cr, x: x, y: y + height - source.height)
        let legend = legendEntries(chart)
        let legendHeight = legend.isEmpty ? 0.0 : 11
        let top = y + title.height + 4
        let bottom = y + height - source.height - 3 - legendHeight
        if !legend.isEmpty { drawLegend(legend, x: x, y: bottom + 2, width: width) }
        let area = Box(x: x, y: top, width: width, height: max(bottom - top, 10))
        guard !chart.isEmpty else {
            let empty = typesetter.layout(locale.text("chart.no_data"), style: Self.labelStyle.with { $0.alignment = .center }, width: width)
            empty.draw(cr, x: x, y: area.y + area.height / 2 - empty.height / 2)
            return
        }
        switch chart.kind {
        case .trend(let labels, let series, let baseline, let target):
            drawTrend(chart, labels: labels, series: series, baseline: baseline, target: target, in: area)
        case .groupedBars(let groups, let series):
            drawGroupedBars(chart, groups: groups, series: series, in: area)
        case .traffic(let months, let values, let meetings):
            drawTraffic(chart, months: months, values: values, meetings: meetings, in: area)
        case .stacked(let bars, let segments, let values):
            drawStacked(chart, bars: bars, segments: segments, values: values, in: area)
        case .matrix(let rows, let columns, let marks, let shades):
            drawMatrix(rows: rows, columns: columns, marks: marks, shades: shades, in: area)
        case .intervals(let labels, let values, let lower, let upper):
            drawIntervals(chart, labels: labels, values: values, lower: lower, upper: upper, in: area)
        }
    }

    /// A legend entry: a swatch (filled box, line, dashed line or band) and its label.
    enum Swatch {
        case box(Int)
        case line(Int)
        case dashed(Double)
        case band
        case marker
    }

    func legendEntries(_ chart: Chart) -> [(Swatch, String)] {
        switch chart.kind {
        case .trend(_, let series, let baseline, let target):
            var out: [(Swatch, String)] = series.enumerated().map { (.line($0.offset), $0.element.name) }
            if baseline != nil { out.append((.dashed(0.45), chart.baselineLabel)) }
            if target != nil { out.append((.dashed(0), chart.targetLabel)) }
            return out.count > 1 || baseline != nil || target != nil ? out : []
        case .groupedBars(_, let series): return series.count > 1 ? series.enumerated().map { (.box($0.offset), $0.element.name) } : []
        case .stacked(_, let segments, _): return segments.enumerated().map { (.box($0.offset == segments.count - 1 && segments.count > 1 ? -1 : $0.offset), $0.element) }
        case .traffic: return [(.band, chart.seasonLabel), (.marker, chart.meetingLabel)]
        case .matrix, .intervals: return []
        }
    }

    func drawLegend(_ entries: [(Swatch, String)], x: Double, y: Double, width: Double) {
        var cursor = x
        for (swatch, text) in entries {
            let label = typesetter.layout(text, style: Self.labelStyle, width: nil)
            if cursor + 16 + label.inkWidth > x + width { break }
            switch swatch {
            case .box(let i):
                if i < 0 { cairo_set_source_rgb(cr, 0.75, 0.75, 0.75) } else { colour(i) }
                cairo_rectangle(cr, cursor, y + 2, 8, 6)
                cairo_fill(cr)
            case .line(let i):
                colour(i)
                cairo_set_line_width(cr, 1.5)
                cairo_move_to(cr, cursor, y + 5)
                cairo_line_to(cr, cursor + 10, y + 5)
                cairo_stroke(cr)
            case .dashed(let grey):
                dashedLine(from: (cursor, y + 5), to: (cursor + 10, y + 5), grey: grey)
            case .band:
                cairo_set_source_rgb(cr, 0.90, 0.93, 0.97)
                cairo_rectangle(cr, cursor, y + 1, 10, 8)
                cairo_fill(cr)
            case .marker:
                cairo_set_source_rgb(cr, 0.835, 0.369, 0)
                cairo_set_line_width(cr, 1)
                cairo_move_to(cr, cursor + 5, y)
                cairo_line_to(cr, cursor + 5, y + 9)
                cairo_stroke(cr)
            }
            label.draw(cr, x: cursor + 13, y: y)
            cursor += 13 + label.inkWidth + 10
        }
    }

    // MARK: drawing primitives

    func colour(_ i: Int) {
        let c = Chart.palette[i % Chart.palette.count]
        cairo_set_source_rgb(cr, c.0, c.1, c.2)
    }

    func dashedLine(from a: (Double, Double), to b: (Double, Double), grey: Double) {
        var dashes: [Double] = [4, 2]
        cairo_set_dash(cr, &dashes, 2, 0)
        cairo_set_source_rgb(cr, grey, grey, grey)
        cairo_set_line_width(cr, 1)
        cairo_move_to(cr, a.0, a.1)
        cairo_line_to(cr, b.0, b.1)
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    /// Draws the value axis (gridlines and labels) and returns the plot box right of the labels.
    func valueAxis(_ scale: AxisScale, in area: Box, bottomLabels: Double) -> Box {
        let labels = scale.ticks.map { typesetter.layout(locale.number($0, decimals: scale.decimals), style: Self.labelStyle, width: nil) }
        let labelWidth = (labels.map(\.inkWidth).max() ?? 0) + 4
        let plot = Box(x: area.x + labelWidth, y: area.y + 3, width: area.width - labelWidth, height: area.height - bottomLabels - 3)
        for (tick, label) in zip(scale.ticks, labels) {
            let y = plot.bottom - scale.fraction(tick) * plot.height
            cairo_set_source_rgb(cr, 0.85, 0.85, 0.85)
            cairo_set_line_width(cr, 0.4)
            cairo_move_to(cr, plot.x, y)
            cairo_line_to(cr, plot.right, y)
            cairo_stroke(cr)
            label.draw(cr, x: plot.x - 3 - label.inkWidth, y: y - label.height / 2)
        }
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3)
        cairo_set_line_width(cr, 0.6)
        cairo_move_to(cr, plot.x, plot.bottom)
        cairo_line_to(cr, plot.right, plot.bottom)
        cairo_stroke(cr)
        return plot
    }

    /// Category labels centred under slots, wrapped to the slot; every k-th when slots are too narrow to read.
    func categoryLabels(_ texts: [String], in plot: Box, slot: Double) {
        let layouts = texts.map { typesetter.layout($0, style: Self.labelStyle.with { $0.alignment = .center }, width: max(slot - 2, 24)) }
        let every = slot >= 22 ? 1 : Int((24 / max(slot, 1)).rounded(.up))
        for (i, label) in layouts.enumerated() where i % every == 0 {
            let centre = plot.x + slot * (Double(i) + 0.5)
            label.draw(cr, x: centre - label.width / 2, y: plot.bottom + 2)
        }
    }

    /// Height the category labels need (two lines when long).
    func categoryLabelHeight(_ texts: [String], slot: Double) -> Double {
        let layouts = texts.map { typesetter.layout($0, style: Self.labelStyle.with { $0.alignment = .center }, width: max(slot - 2, 24)) }
        return (layouts.map(\.height).max() ?? 8) + 4
    }
}
