import Columnar
import Foundation
import Store
import TestSupport

/// A small workspace of the canonical tables covering 2006–2015 (the pilot
/// phase, phases I and II), written through `Workspace.append`, with the
/// facts the tests check kept beside it.
///
/// `@unchecked Sendable`: every property is written in `init` only and read afterwards.
final class FixtureWorkspace: @unchecked Sendable {
    let folder: URL
    let path: String
    /// product_released rows per year (for the cumulative products indicator).
    private(set) var productsByYear: [Int: Int] = [:]
    /// Per survey year and objective: answers counted improved and valid answers.
    private(set) var survey: [Int: [String: (improved: Int, valid: Int)]] = [:]

    static let regions = ["African States", "Asia-Pacific States", "Eastern European States",
                          "Latin American and Caribbean States", "Western European and other States"]
    static let countries = ["KE", "CN", "PL", "BR", "FR"]
    static let groups = ["Party focal point", "regional centre", "IGO", "NGO", "industry", "academia and research"]
    static let objectives = ["value_added", "use", "quality", "speed_facility", "responsiveness", "integration", "volume",
                             "membership", "member_responsiveness", "awareness_use", "collaboration"]

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("chm-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("fixture.chm").path
        let workspace = try Workspace.open(path: path, create: true)
        var rng = SplitMix64(seed: 20_261_202)
        try writeContributions(workspace, &rng)
        try writeResponses(workspace, &rng)
        try writeTraffic(workspace, &rng)
        try writeHits(workspace, &rng)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func open() throws -> Workspace { try Workspace.open(path: path, create: false) }

    /// Appends columns as one batch.
    static func append(_ workspace: Workspace, table: String, columns: [(String, DataType, [Value])]) throws {
        try workspace.append(to: table, batch: BatchDescription(source: "test", fileName: "\(table).csv",
                                                                sha256: table.utf8.map { String(format: "%02x", $0) }.joined().padding(toLength: 64, withPad: "0", startingAt: 0))) { writer in
            let id = writer.batchID
            var all = columns
            all.append(("batch", .int64, Array(repeating: .int(id), count: columns.first?.2.count ?? 0)))
            let table = Columnar.Table(name: table, columns: all.map { name, type, values in
                var builder = ColumnBuilder(type: type)
                for v in values { builder.append(v) }
                return (name: name, chunk: builder.build())
            })
            try writer.write(table)
        }
    }

    static func time(_ year: Int, _ month: Int, _ day: Int) -> Value {
        .timestamp(CivilTime.timestamp(year: year, month: month, day: day, hour: 12))
    }

    private func writeContributions(_ w: Workspace, _ rng: inout SplitMix64) throws {
        let kinds = ["information", "need", "priority", "experience", "expertise", "feedback", "request", "collective_request",
                     "quality_feedback", "gap_identified", "gap_addressed", "source_integrated", "product_released", "feature_released",
                     "document_published", "focal_point_designated", "member_joined", "member_left", "partnership_signed",
                     "joint_project_started", "event_held", "material_published", "mailing"]
        var rows: [[Value]] = []
        for year in 2006...2015 {
            // Activity grows over the years, so ratings have something to rate.
            let count = 30 + (year - 2006) * 8
            for k in 0..<count {
                let kind = kinds[(k * 7 + year) % kinds.count]
                let month = Int.random(in: 1...12, using: &rng)
                let day = Int.random(in: 1...28, using: &rng)
                let r = Int.random(in: 0..<5, using: &rng)
                if kind == "product_released" { productsByYear[year, default: 0] += 1 }
                let isRequest = kind == "request" || kind == "collective_request"
                let closed: Value = isRequest ? .timestamp(CivilTime.timestamp(year: year, month: month, day: day, hour: 12) + Int64(Int.random(in: 1...40, using: &rng)) * 86_400) : .null
                rows.append([Self.time(year, month, day), .string(kind), .string("actor-\(Int.random(in: 1...60, using: &rng))"),
                             .string(["Party", "NGO", "IGO", "industry", "research"][r]), .string(Self.countries[r]), .string(Self.regions[r]),
                             .string(["government", "civil society", "business"][r % 3]), .bool(kind == "collective_request"),
                             .string("POPs"), .string(["guidance", "comparison", "synthesis", "report"][k % 4]),
                             kind == "mailing" || kind == "product_released" ? .float(Double(Int.random(in: 50...500, using: &rng))) : .null,
                             .string("ref-\(year)-\(k)"), closed])
            }
        }
        let names: [(String, DataType)] = [("ts", .timestamp), ("kind", .string), ("actor", .string), ("actor_category", .string),
                                           ("country", .string), ("region", .string), ("sector", .string), ("collective", .bool),
                                           ("topic", .string), ("category", .string), ("amount", .float64), ("ref", .string), ("closed_ts", .timestamp)]
        try Self.append(w, table: "contributions", columns: names.enumerated().map { c, n in (n.0, n.1, rows.map { $0[c] }) })
    }

    private func writeResponses(_ w: Workspace, _ rng: inout SplitMix64) throws {
        var rows: [[Value]] = []
        // Surveys in the pilot phase, at mid-term of phase I and II, and at the end of phase II.
        for (year, respondents) in [(2007, 40), (2009, 45), (2013, 60), (2015, 70)] {
            for r in 0..<respondents {
                let g = r % Self.groups.count
                let region = r % Self.regions.count
                for objective in Self.objectives {
                    let roll = Int.random(in: 0..<100, using: &rng)
                    // About one answer in ten is "don't know"; improvement grows with the years.
                    let exclusion: String? = roll < 10 ? "dont_know" : nil
                    let improved = exclusion == nil ? roll < 40 + (year - 2007) * 4 : nil
                    if let improved {
                        var s = survey[year, default: [:]][objective, default: (0, 0)]
                        s.valid += 1
                        if improved { s.improved += 1 }
                        survey[year, default: [:]][objective] = s
                    }
                    rows.append([.string("survey-\(year)"), .string("\(year)-\(r)"), Self.time(year, 6, 1 + r % 28), .string(Self.groups[g]),
                                 .string(Self.regions[region]), .string(Self.countries[region]), .string("government"), .string("en"),
                                 .string("q-\(objective)"), .string(objective), .string(improved == true ? "improved" : (exclusion ?? "no change")),
                                 improved == nil ? .null : .float(improved! ? 4 : 3), improved.map { .bool($0) } ?? .null,
                                 exclusion.map { .string($0) } ?? .null])
                }
            }
        }
        let names: [(String, DataType)] = [("survey", .string), ("response", .string), ("submitted", .timestamp), ("user_group", .string),
                                           ("region", .string), ("country", .string), ("sector", .string), ("language", .string),
                                           ("question", .string), ("objective", .string), ("answer", .string), ("score", .float64),
                                           ("improved", .bool), ("exclusion", .string)]
        try Self.append(w, table: "responses", columns: names.enumerated().map { c, n in (n.0, n.1, rows.map { $0[c] }) })
    }

    private func writeTraffic(_ w: Workspace, _ rng: inout SplitMix64) throws {
        var rows: [[Value]] = []
        for year in 2006...2011 {
            for month in 1...12 {
                let visits = 800 + (year - 2006) * 150 + Int.random(in: 0...200, using: &rng) - (month == 12 || month <= 2 ? 250 : 0)
                rows.append([Self.time(year, month, 15), .string("chm"), .string("matomo"), .int(Int64(visits)), .int(Int64(visits * 7 / 10)),
                             .int(Int64(visits * 3)), .int(Int64(visits / 5)), .int(Int64(visits / 10))])
            }
        }
        let names: [(String, DataType)] = [("date", .timestamp), ("site", .string), ("source", .string), ("visits", .int64),
                                           ("visitors", .int64), ("pageviews", .int64), ("downloads", .int64), ("searches", .int64)]
        try Self.append(w, table: "traffic", columns: names.enumerated().map { c, n in (n.0, n.1, rows.map { $0[c] }) })
    }

    private func writeHits(_ w: Workspace, _ rng: inout SplitMix64) throws {
        var rows: [[Value]] = []
        for year in 2012...2015 {
            for month in 1...12 {
                for k in 0..<12 {
                    let r = Int.random(in: 0..<5, using: &rng)
                    let bot = k == 11
                    let download = k % 4 == 0
                    rows.append([Self.time(year, month, 1 + k * 2), .string("chm"), .string("v\(Int.random(in: 1...400, using: &rng))"),
                                 .string("GET"), .string(download ? "/docs/report.pdf" : "/page/\(k)"), .null, .int(k == 7 ? 404 : 200),
                                 .int(1000), .null, .string(bot ? "Googlebot" : "Firefox"), .string(bot ? "bot" : "browser"), .bool(bot),
                                 .bool(false), .bool(download), download ? .string("report") : .null, .bool(k == 5),
                                 .string(Self.countries[r]), .string(Self.regions[r]), .bool(!download), .int(Int64(year * 10_000 + month * 100 + k))])
                }
            }
        }
        let names: [(String, DataType)] = [("ts", .timestamp), ("site", .string), ("visitor", .string), ("method", .string), ("path", .string),
                                           ("query", .string), ("status", .int64), ("bytes", .int64), ("referrer_host", .string), ("agent", .string),
                                           ("agent_kind", .string), ("is_bot", .bool), ("is_static", .bool), ("is_download", .bool),
                                           ("doc_category", .string), ("is_search", .bool), ("country", .string), ("region", .string),
                                           ("is_pageview", .bool), ("visit", .int64)]
        try Self.append(w, table: "hits", columns: names.enumerated().map { c, n in (n.0, n.1, rows.map { $0[c] }) })
    }
}
