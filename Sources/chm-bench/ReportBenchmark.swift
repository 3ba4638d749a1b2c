import ArgumentParser
import Columnar
import Foundation
import Reporting
import Store

/// `chm-bench report`: times the major evaluation rendered to PDF on a
/// generated workspace shaped like the demo: twenty years of contributions,
/// surveys every two years, analytics exports then raw logs.
struct ReportBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Time `chm report major` to PDF on a generated 20-year workspace (target: under 2 s)."
    )

    @Option(help: "Timed runs (the median is reported).")
    var runs = 5

    @Option(help: "Web log rows in the generated workspace.")
    var hits = 300_000

    @Option(help: "The evaluation rendered.")
    var evaluation = "major-4"

    @Option(help: "Where the generated workspace and the PDF are kept between runs.")
    var data = FileManager.default.temporaryDirectory.appendingPathComponent("chm-bench-report").path

    @Option(help: "Time on this workspace (e.g. the demo's chm.db) instead of a generated one; every run opens it anew, as `chm report` does.")
    var db: String?

    @Option(help: "The templates folder.")
    var reports = "Reports"

    @Option(help: "The indicator catalogue folder.")
    var indicators = "Indicators"

    func run() throws {
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        var path = (data as NSString).appendingPathComponent("report-\(hits).chm")
        if let db {
            path = db
        } else if !FileManager.default.fileExists(atPath: path) {
            let start = Date()
            try ReportWorkspaceGenerator(hits: hits).write(to: path)
            print(String(format: "generated %@ in %.1f s", path, Date().timeIntervalSince(start)))
        }
        let workspace = try Workspace.open(path: path, create: false)
        let output = (data as NSString).appendingPathComponent("\(evaluation).pdf")
        let settings = ReportSettings(reportsDirectory: reports, indicatorsDirectory: indicators, sourceDateEpoch: 1_767_225_600)
        var outcome: ReportOutcome?
        let seconds = try Timing.median(runs) {
            // A given workspace is opened anew each run: its segments are read and decoded as by `chm report`.
            let catalog = db == nil ? workspace : try Workspace.open(path: path, create: false)
            outcome = try ReportRenderer.render(kind: "major", evaluation: evaluation, language: "en", format: .pdf, output: output,
                                                catalog: catalog, settings: settings)
        }
        let o = outcome!
        print(String(format: "report major %@ of %@ to PDF: %d pages, %d charts, median %.3f s over %d runs (%@)",
                     evaluation, path, o.pages, o.charts, seconds, runs, output))
    }
}

/// Writes a workspace of the four canonical tables, 2006–2025.
struct ReportWorkspaceGenerator {
    var hits: Int
    var firstYear = 2006
    var lastYear = 2025
    /// Raw logs start here; analytics exports cover the years before.
    var logsFrom = 2014

    static let regions = ["African States", "Asia-Pacific States", "Eastern European States",
                          "Latin American and Caribbean States", "Western European and other States"]
    static let countries = ["NG", "IN", "CZ", "MX", "DE"]
    static let groups = ["Party focal point", "regional centre", "IGO", "NGO", "industry", "academia and research", "other"]
    static let kinds = ["information", "need", "priority", "experience", "expertise", "feedback", "request", "collective_request",
                        "quality_feedback", "gap_identified", "gap_addressed", "source_integrated", "product_released", "feature_released",
                        "document_published", "focal_point_designated", "member_joined", "member_left", "partnership_signed",
                        "joint_project_started", "event_held", "material_published", "mailing"]
    static let objectives = ["value_added", "use", "quality", "speed_facility", "responsiveness", "integration", "volume",
                             "membership", "member_responsiveness", "awareness_use", "collaboration"]

    /// A linear congruential sequence: reproducible and fast.
    struct Sequence {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        mutating func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
    }

    func write(to path: String) throws {
        let workspace = try Workspace.open(path: path, create: true)
        var seq = Sequence()
        var columns = Columns()
        for year in firstYear...lastYear {
            for k in 0..<(400 + (year - firstYear) * 60) {
                let r = seq.next(5), month = 1 + seq.next(12), day = 1 + seq.next(28)
                let kind = Self.kinds[seq.next(Self.kinds.count)]
                let t = CivilTime.timestamp(year: year, month: month, day: day, hour: 9)
                let request = kind == "request" || kind == "collective_request"
                columns.add([.timestamp(t), .string(kind), .string("actor-\(seq.next(900))"), .string(["Party", "NGO", "IGO", "industry", "research"][r]),
                             .string(Self.countries[r]), .string(Self.regions[r]), .string(["government", "civil society", "business"][r % 3]),
                             .bool(kind == "collective_request"), .string("POPs"), .string(["guidance", "comparison", "synthesis", "report"][k % 4]),
                             kind == "mailing" || kind == "product_released" ? .float(Double(50 + seq.next(500))) : .null,
                             .string("ref-\(year)-\(k)"), request ? .timestamp(t + Int64(1 + seq.next(60)) * 86_400) : .null])
            }
        }
        try columns.append(to: workspace, table: "contributions", names: [
            ("ts", .timestamp), ("kind", .string), ("actor", .string), ("actor_category", .string), ("country", .string), ("region", .string),
            ("sector", .string), ("collective", .bool), ("topic", .string), ("category", .string), ("amount", .float64), ("ref", .string),
            ("closed_ts", .timestamp),
        ])
        columns = Columns()
        for year in stride(from: firstYear + 1, through: lastYear, by: 2) {
            for r in 0..<(150 + (year - firstYear) * 10) {
                let region = seq.next(5)
                for objective in Self.objectives {
                    let roll = seq.next(100)
                    let exclusion: String? = roll < 8 ? "dont_know" : roll < 11 ? "not_applicable" : nil
                    let improved: Bool? = exclusion == nil ? roll < 35 + (year - firstYear) * 2 : nil
                    columns.add([.string("survey-\(year)"), .string("\(year)-\(r)"), .timestamp(CivilTime.timestamp(year: year, month: 5, day: 1 + r % 28)),
                                 .string(Self.groups[r % Self.groups.count]), .string(Self.regions[region]), .string(Self.countries[region]),
                                 .string("government"), .string("en"), .string("q-\(objective)"), .string(objective),
                                 .string(improved == true ? "improved" : exclusion ?? "no change"), improved.map { .float($0 ? 4 : 3) } ?? .null,
                                 improved.map { .bool($0) } ?? .null, exclusion.map { .string($0) } ?? .null])
                }
            }
        }
        try columns.append(to: workspace, table: "responses", names: [
            ("survey", .string), ("response", .string), ("submitted", .timestamp), ("user_group", .string), ("region", .string),
            ("country", .string), ("sector", .string), ("language", .string), ("question", .string), ("objective", .string),
            ("answer", .string), ("score", .float64), ("improved", .bool), ("exclusion", .string),
        ])
        columns = Columns()
        let start = CivilTime.days(year: firstYear, month: 1, day: 1), end = CivilTime.days(year: logsFrom, month: 1, day: 1)
        for d in start..<end {
            let date = CivilTime.date(days: d)
            let visits = 40 + (date.year - firstYear) * 8 + seq.next(30) - (date.month == 12 || date.month <= 2 ? 15 : 0)
            columns.add([.timestamp(d * CivilTime.secondsPerDay), .string("chm"), .string("matomo"), .int(Int64(visits)), .int(Int64(visits * 3 / 4)),
                         .int(Int64(visits * 4)), .int(Int64(visits / 6)), .int(Int64(visits / 9))])
        }
        try columns.append(to: workspace, table: "traffic", names: [
            ("date", .timestamp), ("site", .string), ("source", .string), ("visits", .int64), ("visitors", .int64),
            ("pageviews", .int64), ("downloads", .int64), ("searches", .int64),
        ])
        columns = Columns()
        let from = CivilTime.timestamp(year: logsFrom, month: 1, day: 1), to = CivilTime.timestamp(year: lastYear + 1, month: 1, day: 1)
        let step = (to - from) / Int64(max(hits, 1))
        for k in 0..<hits {
            let r = seq.next(5), bot = seq.next(10) == 0, download = seq.next(6) == 0
            columns.add([.timestamp(from + Int64(k) * step), .string("chm"), .string("v\(seq.next(40_000))"), .string("GET"),
                         .string(download ? "/documents/\(seq.next(300)).pdf" : "/pages/\(seq.next(500))"), .null, .int(seq.next(20) == 0 ? 404 : 200),
                         .int(Int64(2000 + seq.next(90_000))), .null, .string(bot ? "Googlebot" : "Chrome"), .string(bot ? "bot" : "browser"),
                         .bool(bot), .bool(false), .bool(download), download ? .string("report") : .null, .bool(seq.next(15) == 0),
                         .string(Self.countries[r]), .string(Self.regions[r]), .bool(!download), .int(Int64(k / 6))])
        }
        try columns.append(to: workspace, table: "hits", names: [
            ("ts", .timestamp), ("site", .string), ("visitor", .string), ("method", .string), ("path", .string), ("query", .string),
            ("status", .int64), ("bytes", .int64), ("referrer_host", .string), ("agent", .string), ("agent_kind", .string), ("is_bot", .bool),
            ("is_static", .bool), ("is_download", .bool), ("doc_category", .string), ("is_search", .bool), ("country", .string),
            ("region", .string), ("is_pageview", .bool), ("visit", .int64),
        ])
    }

    /// Rows gathered column by column, then written as one batch.
    struct Columns {
        var values: [[Value]] = []

        mutating func add(_ row: [Value]) {
            if values.isEmpty { values = row.map { [$0] } } else { for (i, v) in row.enumerated() { values[i].append(v) } }
        }

        func append(to workspace: Workspace, table: String, names: [(String, DataType)]) throws {
            let sha = table.utf8.map { String(format: "%02x", $0) }.joined().padding(toLength: 64, withPad: "0", startingAt: 0)
            try workspace.append(to: table, batch: BatchDescription(source: "chm-bench", fileName: "\(table).generated", sha256: sha)) { writer in
                let batch = writer.batchID
                var chunks = zip(names, values).map { name, column -> (name: String, chunk: ColumnChunk) in
                    var builder = ColumnBuilder(type: name.1)
                    for v in column { builder.append(v) }
                    return (name.0, builder.build())
                }
                var b = ColumnBuilder(type: .int64)
                for _ in 0..<(values.first?.count ?? 0) { b.append(integer: batch) }
                chunks.append((name: "batch", chunk: b.build()))
                try writer.write(Columnar.Table(name: table, columns: chunks))
            }
        }
    }
}
