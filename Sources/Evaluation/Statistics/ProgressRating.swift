import Foundation

/// The Open SDG progress rating (the Statistics Canada method): compound
/// annual growth since the baseline, compared with the growth needed to
/// reach the target, or with fixed thresholds when there is no target.
public enum ProgressRating: String, Sendable, Hashable, CaseIterable {
    case onTrack = "on track"
    case accelerationNeeded = "acceleration needed"
    case limitedProgress = "limited progress"
    case deterioration = "deterioration"

    /// Which way is better for an indicator.
    public enum Direction: String, Sendable, Hashable {
        case higher
        case lower
    }

    /// The rating of `current` against `baseline`, toward `target` if any.
    /// - Parameters:
    ///   - baseline: value and year (fractional years allowed) of the baseline.
    ///   - current: value and year now.
    ///   - target: value and year to reach, or `nil`.
    ///   - direction: whether higher values are better.
    ///   - limit: a natural limit such as 100 %; growth is then measured on
    ///     the distance to the limit, which must shrink.
    /// - Returns: `nil` when no rating can be computed (no time elapsed,
    ///   values that are zero or negative where growth is undefined).
    public static func rate(baseline: (value: Double, year: Double), current: (value: Double, year: Double),
                            target: (value: Double, year: Double)?, direction: Direction, limit: Double? = nil) -> ProgressRating? {
        var b = baseline.value, c = current.value
        var t = target?.value
        var better = direction
        if let limit, direction == .higher {
            // Close to a ceiling, what matters is how much of the gap is closed.
            b = limit - b
            c = limit - c
            t = t.map { limit - $0 }
            better = .lower
        }
        let years = current.year - baseline.year
        guard years > 0, b > 0, c > 0 else {
            if years > 0, b > 0, c == 0, better == .lower { return .onTrack }
            return nil
        }
        let observed = pow(c / b, 1 / years) - 1
        if let t, let targetYear = target?.year, targetYear > baseline.year, t > 0 {
            let required = pow(t / b, 1 / (targetYear - baseline.year)) - 1
            guard required != 0 else { return signed(observed, better) >= 0 ? .onTrack : .deterioration }
            // Growth in the wrong direction is deterioration whatever the target.
            if signed(observed, better) < 0 { return .deterioration }
            let ratio = observed / required
            if ratio >= 0.95 { return .onTrack }
            if ratio >= 0.60 { return .accelerationNeeded }
            return .limitedProgress
        }
        let g = signed(observed, better)
        if g >= 0.015 { return .onTrack }
        if g >= 0.005 { return .accelerationNeeded }
        if g >= 0 { return .limitedProgress }
        return .deterioration
    }

    /// Growth counted positive when it goes the better way.
    private static func signed(_ growth: Double, _ direction: Direction) -> Double {
        direction == .higher ? growth : -growth
    }
}
