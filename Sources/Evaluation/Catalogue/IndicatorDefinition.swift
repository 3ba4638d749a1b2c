/// One performance indicator of the strategic plan, as defined in
/// `Indicators/<objective>.toml`: what it measures, how it is computed
/// from the workspace's tables, and how it is read.
public struct IndicatorDefinition: Sendable, Hashable {
    /// How the value is formed.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A number of things (rows, distinct actors…).
        case count
        /// A total of an amount.
        case sum
        /// numerator / denominator × factor (100 by default).
        case percentage
        /// numerator / denominator × factor (1 by default).
        case ratio
        /// Share of valid survey answers counted as improved, with a Wilson interval.
        case surveyImprovement = "survey-improvement"
        /// A median duration in days.
        case medianDuration = "median-duration"
    }

    /// Where the numbers come from.
    public enum Source: Sendable, Hashable {
        /// Aggregates over one table, computed for all periods in one query
        /// per table with the other indicators of that table.
        case aggregate(AggregateSource)
        /// Survey answers to the questions of one objective.
        case survey(SurveySource)
        /// Free SQL returning one value, bound to `:from` and `:to`.
        case sql(numerator: String, denominator: String?)
    }

    /// An aggregate over one table.
    public struct AggregateSource: Sendable, Hashable {
        /// The table, e.g. `hits`.
        public var table: String
        /// The time column rows are placed in periods by.
        public var time: String
        /// One aggregate call, e.g. `count(DISTINCT visitor)`.
        public var measure: String
        /// One aggregate call for ratios and percentages.
        public var denominator: String?
        /// Rows the measure counts.
        public var filter: String?
        /// Rows the denominator counts (default: `filter`).
        public var denominatorFilter: String?
        /// A stock at the period's end (all rows up to it) rather than a flow within it.
        public var cumulative: Bool
    }

    /// Survey answers counted as improved over valid answers.
    public struct SurveySource: Sendable, Hashable {
        /// The `objective` the questions are tagged with in `responses`.
        public var objective: String
        /// Only these questions, when given.
        public var questions: [String]
        /// Valid answers below which a value is suppressed.
        public var minimumValid: Int
    }

    public var id: String
    public var title: String
    public var objective: String
    public var goal: Int
    public var kind: Kind
    public var source: Source
    public var unit: String
    public var direction: ProgressRating.Direction
    public var decimals: Int
    /// Multiplier of numerator / denominator (100 for percentages).
    public var factor: Double
    /// A natural limit such as 100 %.
    public var limit: Double?
    /// Where the value comes from for periods in which the source table has
    /// no rows, e.g. analytics exports (`traffic`) for years before raw logs.
    public var fallback: AggregateSource?
    /// Breakdown dimensions computed by default (`region`, `user_group`, …).
    public var breakdowns: [String]
    /// Baseline value per phase id (`phase-2`); when absent, the value of the baseline evaluation.
    public var baseline: [String: Double]
    /// Target value per phase id.
    public var target: [String: Double]
    /// What the indicator is.
    public var definition: String
    /// How it is computed, in words.
    public var method: String
    /// What it does not tell.
    public var limitations: String
    /// Where the data come from.
    public var sources: String
    /// The file and line that define it, for messages.
    public var file: String
    public var line: Int

    /// The table the indicator reads (for status and provenance).
    /// The table its values are grouped from: an aggregate's table, `responses`
    /// for surveys, the first table free SQL names.
    var sourceTable: String {
        switch source {
        case .aggregate(let a): a.table
        case .survey: "responses"
        case .sql: tables.first ?? ""
        }
    }

    public var tables: [String] {
        switch source {
        case .aggregate(let a): [a.table] + (fallback.map { [$0.table] } ?? [])
        case .survey: ["responses"]
        case .sql(let n, let d): SQLTables.referenced(in: n + " " + (d ?? ""))
        }
    }
}

/// Finds table names after FROM and JOIN in a SQL text (for provenance).
enum SQLTables {
    static func referenced(in sql: String) -> [String] {
        let words = sql.split(whereSeparator: { $0.isWhitespace || $0 == "(" || $0 == ")" || $0 == "," }).map(String.init)
        var out: [String] = []
        for (i, w) in words.enumerated() where (w.lowercased() == "from" || w.lowercased() == "join") && i + 1 < words.count {
            let name = words[i + 1].lowercased()
            if name != "select", name.first?.isLetter == true, !out.contains(name) { out.append(name) }
        }
        return out
    }
}
