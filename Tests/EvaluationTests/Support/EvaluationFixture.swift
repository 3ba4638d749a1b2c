import Columnar
import Evaluation
import Foundation

/// A small workspace whose indicator values are worked out by hand in the
/// tests: contributions 2006–2011, survey answers in 2008–2011, web hits in
/// 2010 and analytics exports for the pilot years.
enum EvaluationFixture {
    static func ts(_ s: String) -> Int64 { CivilTime.parse(s)! }

    /// Builds a one-row-group table from rows of values (column order as `columns`).
    static func table(_ name: String, _ columns: [(String, DataType)], _ rows: [[Value]]) -> Table {
        var builders = columns.map { ColumnBuilder(type: $0.1) }
        for row in rows {
            precondition(row.count == columns.count, "row of \(name) has \(row.count) values")
            for (c, v) in row.enumerated() { builders[c].append(v) }
        }
        return Table(name: name, columns: zip(columns, builders).map { ($0.0, $1.build()) })
    }

    static func t(_ s: String) -> Value { .timestamp(ts(s)) }
    static func s(_ s: String?) -> Value { s.map { .string($0) } ?? .null }

    static let contributions: Table = {
        let columns: [(String, DataType)] = [("ts", .timestamp), ("kind", .string), ("actor", .string), ("actor_category", .string),
                                             ("country", .string), ("region", .string), ("closed_ts", .timestamp)]
        let africa = "African States", weog = "Western European and other States", grulac = "Latin American and Caribbean States"
        let rows: [[Value]] = [
            [t("2006-05-01"), "information", "Kenya MoE", "Party", "KE", s(africa), .null],
            [t("2007-03-01"), "information", "Kenya MoE", "Party", "KE", s(africa), .null],
            [t("2007-09-01"), "product_released", "Secretariat", "secretariat", .null, .null, .null],
            [t("2008-02-01"), "information", "Kenya MoE", "Party", "KE", s(africa), .null],
            [t("2008-06-01"), "information", "WWF", "NGO", "CH", s(weog), .null],
            [t("2009-01-15"), "information", "Brazil MMA", "Party", "BR", s(grulac), .null],
            [t("2009-04-01"), "product_released", "Secretariat", "secretariat", .null, .null, .null],
            [t("2010-03-01"), "information", "WWF", "NGO", "CH", s(weog), .null],
            [t("2010-03-01"), "request", "WWF", "NGO", "CH", s(weog), t("2010-03-11")],
            [t("2011-06-01"), "request", "Brazil MMA", "Party", "BR", s(grulac), t("2011-06-05")],
            [t("2011-07-01"), "request", "Kenya MoE", "Party", "KE", s(africa), t("2011-07-21")],
            [t("2011-11-01"), "product_released", "Secretariat", "secretariat", .null, .null, .null],
        ]
        return table("contributions", columns, rows)
    }()

    /// Mid-term survey of phase I (2009): 65 respondents answer the value
    /// question — Africa 40 valid (32 improved), WEOG 20 valid (13
    /// improved) and 5 "don't know". Major survey (2011): 12 valid, none improved.
    static let responses: Table = {
        let columns: [(String, DataType)] = [("survey", .string), ("response", .string), ("submitted", .timestamp), ("user_group", .string),
                                             ("region", .string), ("question", .string), ("objective", .string), ("answer", .string),
                                             ("improved", .bool), ("exclusion", .string), ("batch", .int64)]
        var rows: [[Value]] = []
        func add(_ survey: String, _ n: Int, _ date: String, _ region: String, _ group: String, _ answer: String) {
            for _ in 0..<n {
                let improved: Value = answer == "dont_know" ? .null : .bool(answer == "improved")
                let exclusion: Value = answer == "dont_know" ? "dont_know" : .null
                // Each survey's export is its own batch.
                let batch: Value = .int(survey == "mid-2009" ? 1 : 2)
                rows.append([s(survey), s("\(survey)-\(rows.count)"), t(date), s(group), s(region), "Q1", "value_added", s(answer), improved, exclusion, batch])
            }
        }
        add("mid-2009", 32, "2009-05-10", "African States", "Party focal point", "improved")
        add("mid-2009", 8, "2009-05-11", "African States", "NGO", "same")
        add("mid-2009", 13, "2009-05-12", "Western European and other States", "NGO", "improved")
        add("mid-2009", 7, "2009-05-13", "Western European and other States", "Party focal point", "worse")
        add("mid-2009", 5, "2009-05-14", "Western European and other States", "NGO", "dont_know")
        add("major-2011", 12, "2011-04-01", "African States", "Party focal point", "same")
        return table("responses", columns, rows)
    }()

    /// Eight requests in March 2010 in three visits; two failed, one robot.
    static let hits: Table = {
        let columns: [(String, DataType)] = [("ts", .timestamp), ("status", .int64), ("is_bot", .bool), ("visit", .int64)]
        let rows: [[Value]] = [
            [t("2010-03-01 10:00:00"), 200, false, 1], [t("2010-03-01 10:05:00"), 200, false, 1],
            [t("2010-03-01 10:06:00"), 404, false, 1], [t("2010-03-02 09:00:00"), 200, false, 2],
            [t("2010-03-02 09:01:00"), 304, false, 2], [t("2010-03-03 12:00:00"), 500, false, 3],
            [t("2010-03-03 12:01:00"), 200, false, 3], [t("2010-03-04 00:00:00"), 200, true, 4],
        ]
        return table("hits", columns, rows)
    }()

    /// Analytics exports of the pilot years, before raw logs.
    static let traffic: Table = table("traffic", [("date", .timestamp), ("visits", .int64)], [
        [t("2006-06-01"), 100], [t("2007-06-01"), 50],
    ])

    static var catalog: MemoryCatalog { MemoryCatalog([contributions, responses, hits, traffic]) }

    /// A catalogue of one objective whose values the tests work out by hand.
    static let catalogueText = """
        [objective]
        id = "use"
        goal = 1
        title = "Use"

        [[indicator]]
        id = "t.providers"
        title = "Providers"
        kind = "count"
        table = "contributions"
        measure = "count(DISTINCT actor)"
        filter = "kind = 'information'"
        breakdowns = ["region"]

        [[indicator]]
        id = "t.products"
        title = "Products available"
        kind = "count"
        table = "contributions"
        measure = "count(*)"
        filter = "kind = 'product_released'"
        cumulative = true

        [[indicator]]
        id = "t.requests"
        title = "Requests"
        kind = "count"
        table = "contributions"
        measure = "count(*)"
        filter = "kind = 'request'"
        target = { phase-1 = 4.0 }

        [[indicator]]
        id = "t.median_days"
        title = "Median days to answer"
        kind = "median-duration"
        direction = "lower"
        table = "contributions"
        measure = "median((epoch(closed_ts) - epoch(ts)) / 86400.0)"
        filter = "kind = 'request' AND closed_ts IS NOT NULL"

        [[indicator]]
        id = "t.success"
        title = "Successful requests"
        kind = "percentage"
        table = "hits"
        measure = "count(*)"
        filter = "status < 400 AND NOT is_bot"
        denominator = "count(*)"
        denominator_filter = "NOT is_bot"

        [[indicator]]
        id = "t.visits"
        title = "Visits"
        kind = "count"
        table = "hits"
        measure = "count(DISTINCT visit)"
        filter = "NOT is_bot"
        [indicator.fallback]
        table = "traffic"
        time = "date"
        measure = "sum(visits)"

        [[indicator]]
        id = "t.value"
        title = "Users perceiving improved value"
        kind = "survey-improvement"
        survey_objective = "value_added"
        breakdowns = ["region"]

        [[indicator]]
        id = "t.answered"
        title = "Requests answered (free SQL)"
        kind = "count"
        numerator_sql = "SELECT count(*) FROM contributions WHERE kind = 'request' AND closed_ts >= :from AND closed_ts < :to"
        """

    static let breakdownsText = """
        [region]
        title = "UN regional group"
        contributions = "region"
        responses = "region"
        """

    /// Writes the test catalogue into a fresh directory and loads it.
    static func catalogue(extra: [String: String] = [:]) throws -> (Catalogue, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chm-catalogue-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try catalogueText.write(toFile: dir + "/use.toml", atomically: true, encoding: .utf8)
        try breakdownsText.write(toFile: dir + "/breakdowns.toml", atomically: true, encoding: .utf8)
        for (name, text) in extra { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return (try Catalogue.load(directory: dir), dir)
    }

    /// All values of the test catalogue (with `extra` files) for `periods`, as of 2030.
    static func compute(_ periods: [String], breakdowns: IndicatorComputation.Breakdowns = .defaults,
                        asOf: String = "2030-01-01", extra: [String: String] = [:]) throws -> [IndicatorValue] {
        let (catalogue, dir) = try catalogue(extra: extra)
        try? FileManager.default.removeItem(atPath: dir)
        let schedule = Schedule()
        let computation = try IndicatorComputation(catalogue: catalogue, schedule: schedule, catalog: catalog, asOf: ts(asOf))
        return try computation.compute(periods: periods.map { schedule.period(id: $0)! }, breakdowns: breakdowns)
    }
}

extension Array where Element == IndicatorValue {
    /// The total (no breakdown) of an indicator in a period.
    func total(_ indicator: String, _ period: String) -> IndicatorValue? {
        first { $0.indicator == indicator && $0.period == period && $0.breakdown == nil }
    }

    /// One breakdown cell.
    func cell(_ indicator: String, _ period: String, _ breakdown: String, _ cell: String) -> IndicatorValue? {
        first { $0.indicator == indicator && $0.period == period && $0.breakdown == breakdown && $0.cell == cell }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
