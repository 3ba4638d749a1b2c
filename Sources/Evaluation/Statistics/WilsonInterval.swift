/// The Wilson score interval of a proportion, the interval survey
/// percentages carry (it behaves at 0 % and 100 % and for small n, where
/// the normal approximation does not).
public struct WilsonInterval: Sendable, Hashable {
    /// Lower bound, 0…1.
    public var lower: Double
    /// Upper bound, 0…1.
    public var upper: Double

    /// The interval for `successes` out of `n` at confidence `z` (1.96 for 95 %).
    ///
    /// (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n); `nil` when n = 0.
    public init?(successes: Int, n: Int, z: Double = 1.959963984540054) {
        guard n > 0, successes >= 0, successes <= n else { return nil }
        let nn = Double(n)
        let p = Double(successes) / nn
        let z2 = z * z
        let centre = p + z2 / (2 * nn)
        let margin = z * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot()
        let scale = 1 + z2 / nn
        // At 0 and n the bound is exactly 0 or 1; the formula leaves rounding residue there.
        lower = successes == 0 ? 0 : max(0, (centre - margin) / scale)
        upper = successes == n ? 1 : min(1, (centre + margin) / scale)
    }
}
