import Columnar

/// The columns of the four canonical tables, in the order the importers
/// write them (DESIGN.md's data model): the one contract the importers,
/// the indicator checks and the reports share.
public enum CanonicalSchema {
    /// Web server log rows, one per request.
    public static let hits = TableSchema([
        .init(name: "ts", type: .timestamp), .init(name: "site", type: .string), .init(name: "visitor", type: .string),
        .init(name: "method", type: .string), .init(name: "path", type: .string), .init(name: "query", type: .string),
        .init(name: "status", type: .int64), .init(name: "bytes", type: .int64), .init(name: "referrer_host", type: .string),
        .init(name: "agent", type: .string), .init(name: "agent_kind", type: .string), .init(name: "is_bot", type: .bool),
        .init(name: "is_static", type: .bool), .init(name: "is_download", type: .bool), .init(name: "doc_category", type: .string),
        .init(name: "is_search", type: .bool), .init(name: "country", type: .string), .init(name: "region", type: .string),
        .init(name: "is_pageview", type: .bool), .init(name: "visit", type: .int64), .init(name: "batch", type: .int64),
    ])

    /// Analytics exports, one row per site and period.
    public static let traffic = TableSchema([
        .init(name: "date", type: .timestamp), .init(name: "site", type: .string), .init(name: "source", type: .string),
        .init(name: "visits", type: .int64), .init(name: "visitors", type: .int64), .init(name: "pageviews", type: .int64),
        .init(name: "downloads", type: .int64), .init(name: "searches", type: .int64), .init(name: "period", type: .string),
        .init(name: "batch", type: .int64),
    ])

    /// Survey answers, one row per respondent and question.
    public static let responses = TableSchema([
        .init(name: "survey", type: .string), .init(name: "response", type: .string), .init(name: "submitted", type: .timestamp),
        .init(name: "user_group", type: .string), .init(name: "region", type: .string), .init(name: "country", type: .string),
        .init(name: "sector", type: .string), .init(name: "language", type: .string), .init(name: "question", type: .string),
        .init(name: "objective", type: .string), .init(name: "answer", type: .string), .init(name: "score", type: .float64),
        .init(name: "improved", type: .bool), .init(name: "exclusion", type: .string), .init(name: "batch", type: .int64),
    ])

    /// Contribution log entries, one per event.
    public static let contributions = TableSchema([
        .init(name: "ts", type: .timestamp), .init(name: "kind", type: .string), .init(name: "actor", type: .string),
        .init(name: "actor_category", type: .string), .init(name: "country", type: .string), .init(name: "region", type: .string),
        .init(name: "sector", type: .string), .init(name: "collective", type: .bool), .init(name: "topic", type: .string),
        .init(name: "category", type: .string), .init(name: "amount", type: .float64), .init(name: "ref", type: .string),
        .init(name: "closed_ts", type: .timestamp), .init(name: "batch", type: .int64),
    ])

    /// Table name → columns.
    public static let all: [String: TableSchema] = ["hits": hits, "traffic": traffic, "responses": responses, "contributions": contributions]
}
