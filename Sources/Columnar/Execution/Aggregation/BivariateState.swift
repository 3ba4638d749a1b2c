/// `covar_pop`, `covar_samp`, `corr`, `regr_slope` and `regr_intercept` of
/// (y, x) pairs per group, from running means and co-moments (Welford's
/// update; partitions merge with Chan's formula), as DuckDB computes them.
///
/// Pairs with a NULL on either side do not count. No pair gives NULL;
/// `covar_samp` needs two. As in DuckDB, `corr` is NaN when either side
/// does not vary (one pair included), `regr_slope` is NaN when x does not
/// vary, and `regr_intercept` is NULL then.
final class BivariateState: PairedAggregateState {
    let statistic: BivariateStatistic
    private var counts: [Int64] = []
    private var meanX: [Double] = []
    private var meanY: [Double] = []
    /// Sums of squared distances from the mean.
    private var squaresX: [Double] = []
    private var squaresY: [Double] = []
    /// Sum of (x - mean x)(y - mean y).
    private var coMoments: [Double] = []

    init(statistic: BivariateStatistic) {
        self.statistic = statistic
    }

    func reserve(groups: Int) {
        let n = max(1, groups)
        extend(&counts, to: n, with: 0)
        extend(&meanX, to: n, with: 0)
        extend(&meanY, to: n, with: 0)
        extend(&squaresX, to: n, with: 0)
        extend(&squaresY, to: n, with: 0)
        extend(&coMoments, to: n, with: 0)
    }

    func update(_ y: Vector, _ x: Vector, mask: UnsafePointer<UInt8>?, gids: UnsafePointer<UInt32>?, count n: Int) throws {
        for i in 0..<n {
            if let mask, mask[i] == 0 { continue }
            let g = gids.map { Int($0[i]) } ?? 0
            let xv = x.floats[i], yv = y.floats[i]
            counts[g] += 1
            let k = Double(counts[g])
            let dx = xv - meanX[g], dy = yv - meanY[g]
            meanX[g] += dx / k
            meanY[g] += dy / k
            squaresX[g] += dx * (xv - meanX[g])
            squaresY[g] += dy * (yv - meanY[g])
            coMoments[g] += dx * (yv - meanY[g])
        }
    }

    func emit(groups: UnsafePointer<Int32>, count n: Int, into out: Vector) throws {
        out.count = n
        out.materializeValidity()
        for j in 0..<n {
            let g = Int(groups[j])
            let value = result(g)
            out.validity[j] = value == nil ? 0 : 1
            out.floats[j] = value ?? 0
        }
        out.compactValidity()
    }

    /// The statistic of group `g`, or nil for NULL.
    private func result(_ g: Int) -> Double? {
        let count = counts[g]
        guard count > 0 else { return nil }
        let n = Double(count)
        let covariance = coMoments[g] / n
        let varianceX = count > 1 ? squaresX[g] / n : 0
        switch statistic {
        case .covariancePopulation:
            return covariance
        case .covarianceSample:
            return count > 1 ? coMoments[g] / (n - 1) : nil
        case .correlation:
            let varianceY = count > 1 ? squaresY[g] / n : 0
            let spread = varianceX.squareRoot() * varianceY.squareRoot()
            return spread == 0 ? .nan : covariance / spread
        case .regressionSlope:
            return covariance / varianceX
        case .regressionIntercept:
            let slope = covariance / varianceX
            return slope.isNaN ? nil : meanY[g] - slope * meanX[g]
        }
    }

    func merge(_ other: any AggregateState, groups: GroupMapping?) throws {
        let o = other as! BivariateState
        if groups == nil { reserve(groups: max(counts.count, o.counts.count)) }
        for (g, into) in MergePairs(groups, count: o.counts.count) where o.counts[g] > 0 {
            let a = Double(counts[into]), b = Double(o.counts[g]), total = a + b
            let dx = o.meanX[g] - meanX[into], dy = o.meanY[g] - meanY[into]
            let weight = a * b / total
            meanX[into] += dx * b / total
            meanY[into] += dy * b / total
            squaresX[into] += o.squaresX[g] + dx * dx * weight
            squaresY[into] += o.squaresY[g] + dy * dy * weight
            coMoments[into] += o.coMoments[g] + dx * dy * weight
            counts[into] += o.counts[g]
        }
    }

    func emptyCopy() -> any AggregateState { BivariateState(statistic: statistic) }
}
