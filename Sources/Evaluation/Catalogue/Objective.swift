/// One objective of the strategic plan and its indicators.
public struct Objective: Sendable, Hashable {
    /// `value_added`, `use`, `quality` …
    public var id: String
    /// 1 (information, tools) or 2 (network).
    public var goal: Int
    /// "Value added".
    public var title: String
    /// The plan's statement of the objective.
    public var statement: String
    /// The paragraph of the plan listing its possible indicators.
    public var paragraph: Int?
    /// Its indicators, in file order.
    public var indicators: [IndicatorDefinition]
    /// The file it was read from.
    public var file: String
}

/// A breakdown dimension: how to read it from each table that has it.
public struct Breakdown: Sendable, Hashable {
    /// `region`, `user_group`, `month` …
    public var id: String
    /// "UN regional group".
    public var title: String
    /// A dimension whose pass computes this one too (a season is computed
    /// with months): grouped by both, each dimension's cells are the joint
    /// cells merged, so the two cost one pass. Only a matter of speed: the
    /// values are exact either way.
    public var computedWith: String?
    /// SQL expression per table; `{time}` stands for the indicator's time column.
    public var expressions: [String: String]

    /// The expression for a table, with the time column filled in.
    public func expression(for table: String, time: String) -> String? {
        expressions[table.lowercased()].map { $0.replacingOccurrences(of: "{time}", with: time) }
    }
}
