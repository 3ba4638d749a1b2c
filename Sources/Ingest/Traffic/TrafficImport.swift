import Columnar
import Foundation
import Store

/// `chm ingest traffic FILE.csv`: an analytics export (Matomo or GA4) into
/// the `traffic` table, one row per site and period, as one batch.
public enum TrafficImport {
    /// The table written.
    public static let table = "traffic"

    /// Choices the user can make.
    public struct Options: Sendable {
        /// The site the export is about, stored in `traffic.site`.
        public var site: String
        /// The tool that wrote the export; detected when nil.
        public var layout: TrafficLayout?
        /// The Matomo report; detected when nil.
        public var report: MatomoReport?
        /// What every ingest takes: force, reject rate, progress.
        public var ingest = IngestOptions()

        /// Options for `site`.
        public init(site: String) { self.site = site }
    }

    /// What an ingest did.
    public struct Outcome: Sendable {
        /// The batch and its counts.
        public var ingest: IngestOutcome
        /// The layout read.
        public var layout: TrafficLayout?
        /// The Matomo report read, for Matomo exports.
        public var report: MatomoReport?
        /// Notes for the user: tables skipped, measures dropped, days already stored.
        public var warnings: [String]
    }

    /// Ingests `file`.
    /// - Throws: ``IngestError`` when the file cannot be read, is not an
    ///   export chm reads, or has too many bad lines; `StoreError` when the
    ///   workspace cannot be written. Nothing is written when it throws.
    public static func run(file: String, workspace: Workspace, options: Options) throws -> Outcome {
        let site = options.site.trimmingCharacters(in: .whitespaces)
        guard !site.isEmpty else { throw IngestError(.invalidOption, "--site is empty; name the site the export is about", file: file) }
        // A file (not standard input) is read once before the batch, so that the
        // batch records the tool detected; exports are small.
        var reading = try file == "-" || options.layout != nil ? nil : interpret(try InputStream(path: file), options: options, file: file)
        let source = reading?.layout.rawValue ?? options.layout?.rawValue ?? "analytics"
        var warnings: [String] = []
        let outcome = try BatchIngest.run(path: file, table: table, source: source, workspace: workspace,
                                          options: options.ingest) { input in
            if reading == nil { reading = try interpret(input, options: options, file: file) }
            warnings = reading!.ledger.warnings
            try checkSchema(workspace: workspace, file: file)
            warnings += try repeatedPeriods(reading!.ledger.sortedRows, site: site, workspace: workspace)
            return TrafficRow.schema
        } body: { _, sink, _ in
            let r = reading!
            for reject in r.rejects { sink.reject(line: reject.line, reason: reject.reason, text: String(reject.text.prefix(2000))) }
            for row in r.ledger.sortedRows {
                row.append(to: &sink.builders, site: site, source: r.layout.rawValue, batch: sink.batchID)
                try sink.endRow()
            }
            return r.lines
        }
        return Outcome(ingest: outcome, layout: reading?.layout ?? options.layout, report: reading?.report, warnings: outcome.skipped ? [] : warnings)
    }

    /// What one export says, before anything is written.
    struct Reading {
        var layout: TrafficLayout
        var report: MatomoReport?
        var ledger: TrafficLedger
        var rejects: [(line: Int, reason: String, text: String)]
        var lines: Int
    }

    /// Reads the whole export (up to ``ExportText/maxBytes``) and interprets it.
    static func interpret(_ input: InputStream, options: Options, file: String) throws -> Reading {
        var bytes: [UInt8] = []
        while bytes.count <= ExportText.maxBytes {
            let chunk = try input.read()
            if chunk.isEmpty { break }
            bytes += chunk
        }
        let text = try ExportText(bytes: bytes, file: file)
        switch try options.layout ?? detect(text, file: file) {
        case .matomo:
            let m = try MatomoExport.read(text, report: options.report, file: file)
            return Reading(layout: .matomo, report: m.report, ledger: m.ledger, rejects: m.rejects, lines: m.lines)
        case .ga4:
            let g = try GA4Export.read(text, file: file)
            return Reading(layout: .ga4, report: nil, ledger: g.ledger, rejects: g.rejects, lines: g.lines)
        }
    }

    /// Matomo or GA4, from the header words and GA4's comment lines.
    static func detect(_ text: ExportText, file: String) throws -> TrafficLayout {
        let keys = Set(text.blocks.flatMap { $0.header.map { NameKey.make($0) } })
        let matomo = keys.filter { $0.hasPrefix("nb ") || ["unique visitors", "actions", "bounces", "label", "pageviews", "unique pageviews"].contains($0) }.count
        let ga4 = keys.filter { ["sessions", "total users", "active users", "new users", "views", "event count", "event name", "engaged sessions"].contains($0) }.count
        if ga4 > matomo || (ga4 == matomo && text.hasComments && ga4 > 0) { return .ga4 }
        if matomo > 0 { return .matomo }
        let header = text.blocks.first?.header.prefix(8).joined(separator: ",") ?? ""
        if header == "No data available" {
            throw IngestError(.wrongFormat, "the export says \"No data available\": Matomo had nothing for the periods asked; nothing to ingest", file: file, line: 1)
        }
        throw IngestError(.wrongFormat, "this is neither a Matomo nor a GA4 export: no column like nb_visits, Visits, Unique visitors, Sessions, Total users or Views (header: \(header.prefix(200)))",
                          file: file, line: text.blocks.first?.headerLine ?? 0)
    }

    /// Fails when a `traffic` table exists with other column types, before anything is written.
    static func checkSchema(workspace: Workspace, file: String) throws {
        guard let stored = try workspace.schema(of: table) else { return }
        for column in TrafficRow.schema {
            if let i = stored.index(of: column.name), stored.columns[i].type != column.type {
                throw IngestError(.invalidOption, "the workspace's \(table) table has \(column.name) as \(stored.columns[i].type), not \(column.type); it was not made by chm ingest traffic",
                                  file: file)
            }
        }
    }

    /// Warnings for periods of this site already stored with a measure this
    /// file gives too: sums over both batches would count them twice.
    static func repeatedPeriods(_ rows: [TrafficRow], site: String, workspace: Workspace) throws -> [String] {
        guard !rows.isEmpty, let stored = try workspace.schema(of: table), stored.index(of: "period") != nil else { return [] }
        let measures = TrafficMeasure.allCases.map(\.name).joined(separator: ", ")
        let result = try QueryEngine(catalog: workspace).execute("SELECT date, period, \(measures) FROM traffic WHERE site = :site",
                                                                 parameters: ["site": .string(site)])
        var given: [String: [Bool]] = [:]
        for row in result.rows {
            guard case .timestamp(let date) = row[0], case .string(let period) = row[1] else { continue }
            let key = "\(date) \(period)"
            let present = row[2...].map { !$0.isNull }
            given[key] = zip(given[key] ?? present, present).map { $0 || $1 }
        }
        var repeated: [String] = []
        for row in rows {
            guard let old = given["\(row.date) \(row.period.rawValue)"] else { continue }
            if zip(old, row.values).contains(where: { $0 && $1 != nil }) {
                repeated.append("\(CivilTime.format(row.date).prefix(10)) (\(row.period.rawValue))")
            }
        }
        guard !repeated.isEmpty else { return [] }
        let shown = repeated.prefix(5).joined(separator: ", ") + (repeated.count > 5 ? "…" : "")
        return ["\(repeated.count) period\(repeated.count == 1 ? " is" : "s are") already in traffic for site \(site) with the same measures: \(shown); sums over both batches count them twice"]
    }
}
