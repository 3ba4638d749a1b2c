/// One indicator for one period (and one breakdown cell): the value, what
/// it is made of, how it compares, and whether it can be relied on.
public struct IndicatorValue: Sendable, Hashable {
    /// Whether the value stands, may still change, is hidden, or is missing.
    public enum Status: String, Sendable, Hashable {
        /// A final value.
        case normal
        /// The period is not over (relative to the as-of date).
        case provisional
        /// Too few survey answers: the value is not shown.
        case suppressed
        /// The source has no rows for the period: no value, never a silent 0.
        case noData = "no data"
    }

    public var indicator: String
    public var period: String
    /// The breakdown dimension, `nil` for the total.
    public var breakdown: String?
    /// The breakdown cell (`African States`, `2024-03`…), `nil` for the total.
    public var cell: String?
    /// The value in the indicator's unit; `nil` when suppressed or without data.
    public var value: Double?
    /// For a breakdown cell of a count or sum: its share of the total, in %.
    public var share: Double?
    public var numerator: Double?
    public var denominator: Double?
    /// Answers or rows behind a share (valid answers for surveys).
    public var n: Int?
    /// Survey answers excluded as don't know, not applicable, refused or blank.
    public var excluded: Int?
    /// Survey respondents who answered the indicator's questions.
    public var respondents: Int?
    /// 95 % interval, in the indicator's unit (surveys).
    public var lower: Double?
    public var upper: Double?
    /// The comparable period before.
    public var previousPeriod: String?
    public var previous: Double?
    public var change: Double?
    /// change / previous.
    public var relativeChange: Double?
    public var baseline: Double?
    public var target: Double?
    public var rating: ProgressRating?
    public var status: Status
}
