/// A chart as data: what it shows, its title, units and source. The
/// painter turns it into vector paths in a rectangle of a page or of its
/// own SVG file.
struct Chart {
    /// One named line or bar series.
    struct Series {
        var name: String
        var values: [Double?]
    }

    enum Kind {
        /// An indicator over cycles with its baseline and target lines.
        case trend(labels: [String], series: [Series], baseline: Double?, target: Double?)
        /// Bars per group (region, user group, category), one per series (periods).
        case groupedBars(groups: [String], series: [Series])
        /// Monthly website traffic; `seasons` shades the meteorological quarters,
        /// `meetings` marks months with a meeting of the Conference of the Parties.
        case traffic(months: [(year: Int, month: Int)], values: [Double?], meetings: [Int])
        /// Bars of shares: `values[bar][segment]`, drawn as percentages of each bar's total.
        case stacked(bars: [String], segments: [String], values: [[Double]])
        /// The plan's objective × strategy table: `marks[row][column]`; columns coloured by `shades` (0–1, nil: grey).
        case matrix(rows: [String], columns: [String], marks: [[Bool]], shades: [Double?])
        /// Survey percentages with their 95 % intervals as error bars.
        case intervals(labels: [String], values: [Double?], lower: [Double?], upper: [Double?])
    }

    var title: String
    /// "visitors", "%", …
    var unit: String
    /// "Source: web server logs."
    var source: String
    var decimals: Int
    var kind: Kind
    /// Legend words for the reference lines and markers.
    var baselineLabel = "Baseline"
    var targetLabel = "Target"
    var meetingLabel = "COP meeting"
    var seasonLabel = "Dec–Feb"

    /// The Okabe–Ito palette, distinguishable with the common colour-vision deficiencies.
    static let palette: [(Double, Double, Double)] = [
        (0.000, 0.447, 0.698), // blue
        (0.902, 0.624, 0.000), // orange
        (0.000, 0.620, 0.451), // bluish green
        (0.835, 0.369, 0.000), // vermillion
        (0.800, 0.475, 0.655), // reddish purple
        (0.337, 0.706, 0.914), // sky blue
        (0.941, 0.894, 0.259), // yellow
        (0.0, 0.0, 0.0), // black
    ]

    /// Whether there is anything to plot.
    var isEmpty: Bool {
        switch kind {
        case .trend(_, let s, _, _), .groupedBars(_, let s): s.allSatisfy { $0.values.allSatisfy { $0 == nil } }
        case .traffic(_, let v, _): v.allSatisfy { $0 == nil }
        case .stacked(let b, _, _): b.isEmpty
        case .matrix(let r, _, _, _): r.isEmpty
        case .intervals(_, let v, _, _): v.allSatisfy { $0 == nil }
        }
    }
}

/// "Nice" axis ticks: steps of 1, 2 or 5 × 10ⁿ covering the data.
struct AxisScale {
    var lower: Double
    var upper: Double
    var step: Double

    /// A scale from 0 (or the data's minimum when negative) to at least `maximum`, about `ticks` steps.
    init(minimum: Double, maximum: Double, ticks: Int = 5) {
        let low = min(0, minimum)
        var high = max(maximum, low)
        if high == low { high = low + 1 }
        let raw = (high - low) / Double(max(ticks, 1))
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let residual = raw / magnitude
        let nice: Double = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10
        step = nice * magnitude
        lower = (low / step).rounded(.down) * step
        upper = (high / step).rounded(.up) * step
    }

    var ticks: [Double] {
        var out: [Double] = []
        var v = lower
        while v <= upper + step / 1000 {
            out.append(abs(v) < step / 1000 ? 0 : v)
            v += step
        }
        return out
    }

    /// Decimals needed to print the ticks.
    var decimals: Int {
        var d = 0
        var s = step
        while s < 1, d < 6 {
            s *= 10
            d += 1
        }
        return d
    }

    /// Where `v` falls between 0 (lower) and 1 (upper).
    func fraction(_ v: Double) -> Double { (v - lower) / (upper - lower) }
}
