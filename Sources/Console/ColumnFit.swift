/// Decides how wide each table column is drawn, and which columns are left
/// out, so that a table line fits a terminal.
///
/// First every column gets its natural width. When that is too wide, the
/// widest columns are narrowed (their values cut with `…`) down to a
/// minimum; when even the minimums do not fit, middle columns are dropped
/// and a one-cell `…` column stands in for them, keeping the first and the
/// last columns, which are usually the key and the measure.
struct ColumnFit: Equatable {
    /// Indices of the columns drawn, ascending.
    var shown: [Int]
    /// Width in cells of each drawn column, parallel to `shown`.
    var widths: [Int]
    /// Position in `shown` before which the `…` column goes; `nil` when nothing was dropped.
    var gapBefore: Int?

    /// Cells a column never shrinks below (unless its natural width is smaller).
    static let minimumWidth = 8
    /// Cells taken by the frame around one column: the rule and two spaces.
    static let framePerColumn = 3
    /// Cells taken by the `…` column, frame included.
    static let gapColumnWidth = 1 + framePerColumn

    /// Fits columns of the given natural widths into `available` cells.
    /// - Parameters:
    ///   - natural: the widest cell (header and type line included) of each column.
    ///   - available: cells per line, or `nil` for unlimited.
    init(natural: [Int], available: Int?) {
        let all = Array(natural.indices)
        guard let available, Self.lineWidth(natural) > available else {
            self.init(shown: all, widths: natural, gapBefore: nil)
            return
        }
        let minimum = natural.map { min($0, Self.minimumWidth) }
        if natural.count == 1 {
            self.init(shown: [0], widths: [max(1, available - 1 - Self.framePerColumn)], gapBefore: nil)
            return
        }
        if Self.lineWidth(minimum) <= available {
            self.init(shown: all, widths: Self.fill(natural: natural, minimum: minimum, into: available), gapBefore: nil)
            return
        }
        // Take columns from both ends, alternately, while their minimums fit
        // beside the `…` column.
        let budget = available - Self.gapColumnWidth
        var left: [Int] = []
        var right: [Int] = []
        var used = 1
        var lo = 0
        var hi = natural.count - 1
        var fromLeft = true
        while lo <= hi {
            let candidate = fromLeft ? lo : hi
            let cost = minimum[candidate] + Self.framePerColumn
            if used + cost > budget { break }
            used += cost
            if fromLeft {
                left.append(candidate)
                lo += 1
            } else {
                right.insert(candidate, at: 0)
                hi -= 1
            }
            fromLeft.toggle()
        }
        if left.isEmpty {
            // Not even one column fits at its minimum: show the first, cut to what is left.
            let width = max(1, budget - 1 - Self.framePerColumn)
            self.init(shown: [0], widths: [width], gapBefore: 1)
            return
        }
        let shown = left + right
        let widths = Self.fill(natural: shown.map { natural[$0] }, minimum: shown.map { minimum[$0] }, into: budget)
        self.init(shown: shown, widths: widths, gapBefore: left.count)
    }

    /// Creates a fit from its parts.
    init(shown: [Int], widths: [Int], gapBefore: Int?) {
        self.shown = shown
        self.widths = widths
        self.gapBefore = gapBefore
    }

    /// Cells one table line takes with columns of `widths` (no `…` column).
    static func lineWidth(_ widths: [Int]) -> Int {
        widths.reduce(1) { $0 + $1 + framePerColumn }
    }

    /// Widths as close to `natural` as `available` allows: every column is
    /// capped at one common limit, the largest that fits, never below its
    /// minimum; cells left over go to capped columns from the left.
    static func fill(natural: [Int], minimum: [Int], into available: Int) -> [Int] {
        func capped(_ cap: Int) -> [Int] {
            zip(natural, minimum).map { min($0, max(cap, $1)) }
        }
        var lo = 0
        var hi = natural.max() ?? 0
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineWidth(capped(mid)) <= available { lo = mid } else { hi = mid - 1 }
        }
        var widths = capped(lo)
        var spare = available - lineWidth(widths)
        for i in widths.indices where spare > 0 && widths[i] < natural[i] {
            let extra = min(spare, natural[i] - widths[i])
            widths[i] += extra
            spare -= extra
        }
        return widths
    }
}
