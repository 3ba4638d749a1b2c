import Foundation

/// Reads a Matomo CSV export into a ``TrafficLedger``.
///
/// Matomo writes one table with a header of metric names (`nb_visits`, or
/// with translated column names "Visits") and, when the export spans several
/// periods, a `date` column whose value names the period (`2024-03-05`,
/// `2024-03`, `2024`, `2024-03-04,2024-03-10` for a week).
///
/// - Visits Summary / API.get: visits ← nb_visits, visitors ← nb_uniq_visitors,
///   and, where present (API.get), page views ← nb_pageviews, downloads ←
///   nb_downloads, searches ← nb_searches. `nb_actions` is not page views
///   (it also counts downloads, outlinks and searches) and is not stored.
/// - Pages: page views ← Σ nb_hits ("Pageviews") over the pages of each period.
/// - Downloads: downloads ← Σ nb_hits ("Downloads") over the files of each period.
///   In both, nb_visits is unique page views / downloads, not visits, and is ignored.
struct MatomoExport {
    /// What the interpretation found.
    struct Reading {
        var ledger = TrafficLedger()
        var rejects: [(line: Int, reason: String, text: String)] = []
        var lines = 0
        var report: MatomoReport
    }

    static let summaryColumns: [TrafficMeasure: [String]] = [
        .visits: ["nb visits", "visits"], .visitors: ["nb uniq visitors", "unique visitors"],
        .pageviews: ["nb pageviews", "pageviews"], .downloads: ["nb downloads", "downloads"], .searches: ["nb searches", "searches"],
    ]
    /// Columns only the Pages report has.
    static let pageOnly: Set<String> = ["entry nb visits", "exit nb visits", "avg time on page", "exit rate", "unique pageviews",
                                        "entrances", "exits", "page url", "page title", "page name", "sum time spent", "avg page load time"]
    /// Columns only the Downloads report has.
    static let downloadOnly: Set<String> = ["unique downloads", "download url", "nb uniq downloads"]
    /// Columns that show the rows are pages or files, not periods (besides
    /// `metadata_…` and `idsubdatatable`, which only such reports carry).
    static let rowLabels: Set<String> = ["label", "nb hits", "hits", "url", "page url", "download url", "page title", "page name"]

    /// Interprets the export's single table.
    /// - Parameter report: the report named by the user; detected when nil.
    static func read(_ text: ExportText, report given: MatomoReport?, file: String) throws -> Reading {
        guard let block = text.blocks.first else {
            throw IngestError(.wrongFormat, "the file has no header row; this is not a Matomo export", file: file)
        }
        if text.blocks.count > 1 {
            throw IngestError(.wrongFormat, "the file holds \(text.blocks.count) tables (blank lines or # comments between them); a Matomo export has one — is it a GA4 export (--layout ga4)?",
                              file: file, line: text.blocks[1].headerLine)
        }
        let keys = block.header.map { NameKey.make($0) }
        let report = try given ?? detect(keys, file: file, line: block.headerLine)
        guard let dateColumn = keys.firstIndex(of: "date") ?? keys.firstIndex(of: "period") else {
            throw IngestError(.wrongFormat, "the \(report.rawValue) export has no date column; export several periods (e.g. date=2024-01-01,2024-12-31&period=day) so that each row names its period",
                              file: file, line: block.headerLine)
        }
        var columns: [(TrafficMeasure, Int)] = []
        switch report {
        case .summary:
            for measure in TrafficMeasure.allCases {
                if let i = keys.firstIndex(where: { summaryColumns[measure]!.contains($0) }) { columns.append((measure, i)) }
            }
        case .pages:
            if let i = keys.firstIndex(of: "nb hits") ?? keys.firstIndex(of: "pageviews") ?? keys.firstIndex(of: "hits") { columns.append((.pageviews, i)) }
        case .downloads:
            if let i = keys.firstIndex(of: "nb hits") ?? keys.firstIndex(of: "downloads") ?? keys.firstIndex(of: "hits") { columns.append((.downloads, i)) }
        }
        guard !columns.isEmpty else {
            throw IngestError(.wrongFormat, "the \(report.rawValue) export has none of the columns chm reads (\(expected(report))); columns: \(block.header.joined(separator: ", "))",
                              file: file, line: block.headerLine)
        }
        var reading = Reading(report: report)
        for row in block.rows {
            reading.lines += 1
            guard row.fields.count == block.header.count else {
                reading.rejects.append((row.line, "expected \(block.header.count) fields, found \(row.fields.count)", row.text))
                continue
            }
            guard let (date, period) = TrafficDate.matomo(row.fields[dateColumn]) else {
                reading.rejects.append((row.line, "\(block.header[dateColumn]) \"\(row.fields[dateColumn].prefix(40))\" is not a Matomo period (2024-03-05, 2024-03, 2024, or a Monday-to-Sunday week 2024-03-04,2024-03-10)", row.text))
                continue
            }
            switch TrafficNumber.read(row.fields, columns, header: block.header) {
            case .success(let values): reading.ledger.add(date: date, period: period, values: values, table: 0)
            case .failure(let why): reading.rejects.append((row.line, why.description, row.text))
            }
        }
        return reading
    }

    /// The report a header (and, failing that, the file's name) shows.
    static func detect(_ keys: [String], file: String, line: Int) throws -> MatomoReport {
        let set = Set(keys)
        // API.get has "Unique Pageviews" and "Unique Downloads" too; only a report by page or file has a label.
        if set.isDisjoint(with: rowLabels), !keys.contains(where: { $0.hasPrefix("metadata") || $0 == "idsubdatatable" }) { return .summary }
        if !set.isDisjoint(with: downloadOnly) { return .downloads }
        if !set.isDisjoint(with: pageOnly) { return .pages }
        // A bare label,nb_visits,nb_hits table is either; the file name usually says which.
        let name = URL(fileURLWithPath: file).lastPathComponent.lowercased()
        if name.contains("download") { return .downloads }
        if name.contains("page") { return .pages }
        throw IngestError(.wrongFormat, "cannot tell whether this Matomo export is the Pages or the Downloads report; pass --report pages or --report downloads", file: file, line: line)
    }

    static func expected(_ report: MatomoReport) -> String {
        switch report {
        case .summary: "nb_visits, nb_uniq_visitors, nb_pageviews, nb_downloads, nb_searches or their labels"
        case .pages: "nb_hits or Pageviews"
        case .downloads: "nb_hits or Downloads"
        }
    }
}
