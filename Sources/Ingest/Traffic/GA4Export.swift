import Foundation

/// Reads a Google Analytics 4 CSV download into a ``TrafficLedger``.
///
/// GA4 writes `#` comment blocks (property, report name, date range) and
/// one or more tables separated by blank lines. A table is read when it has
/// a date column — `Date` or `Day` (YYYYMMDD), `Year month` (YYYYMM) or
/// `Year` — and at least one measure:
///
/// - visits ← Sessions; visitors ← Total users, else Active users, else Users;
///   page views ← Views (or Screen page views, Page views);
/// - downloads ← a column naming `file_download` (e.g. "Event count
///   (file_download)"), or, in a table split by `Event name`, the Event count
///   of the `file_download` rows; searches likewise from `view_search_results`.
///
/// Other columns are dimensions (page, country, channel…): rows of one period
/// are added up, except visitors, which a split table cannot give (dropped
/// with a warning). Tables without a date column (e.g. "Nth day" charts,
/// country lists) are skipped with a note.
struct GA4Export {
    /// What the interpretation found.
    struct Reading {
        var ledger = TrafficLedger()
        var rejects: [(line: Int, reason: String, text: String)] = []
        var lines = 0
    }

    static let dateColumns: [(String, TrafficDate.GA4DateColumn)] = [("date", .day), ("day", .day), ("year month", .month), ("year", .year)]
    static let measureColumns: [(TrafficMeasure, [String])] = [
        (.visits, ["sessions"]), (.visitors, ["total users", "active users", "users"]),
        (.pageviews, ["views", "screen page views", "page views", "pageviews"]),
    ]
    /// GA4's event names for a file download and a site search (enhanced measurement).
    static let eventMeasures: [(String, TrafficMeasure)] = [("file download", .downloads), ("view search results", .searches)]

    /// Interprets every table of the file.
    static func read(_ text: ExportText, file: String) throws -> Reading {
        var reading = Reading()
        var used = 0
        for (t, block) in text.blocks.enumerated() {
            let keys = block.header.map { NameKey.make($0) }
            let title = "the table \"\(block.header.joined(separator: ",").prefix(60))\" at line \(block.headerLine)"
            guard let (dateIndex, dateKind) = dateColumns.lazy.compactMap({ name, kind in keys.firstIndex(of: name).map { ($0, kind) } }).first else {
                reading.ledger.warn("skipped \(title): it has no Date, Year month or Year column")
                continue
            }
            var columns: [(TrafficMeasure, Int)] = []
            for (measure, names) in measureColumns {
                if let i = names.lazy.compactMap({ keys.firstIndex(of: $0) }).first { columns.append((measure, i)) }
            }
            for (event, measure) in eventMeasures {
                if let i = keys.firstIndex(where: { $0.contains(event) }) { columns.append((measure, i)) }
            }
            let eventName = keys.firstIndex(of: "event name")
            let eventCount = keys.firstIndex(of: "event count")
            if eventName != nil, eventCount == nil {
                reading.ledger.warn("skipped \(title): an Event name table needs an Event count column")
                continue
            }
            guard !columns.isEmpty || eventName != nil else {
                reading.ledger.warn("skipped \(title): none of Sessions, Total users, Active users, Views, file_download or view_search_results counts")
                continue
            }
            if eventName != nil, !columns.isEmpty {
                // Sessions, users and views repeat on every event row; only event counts add up.
                reading.ledger.warn("\(title) is split by Event name: only its file_download and view_search_results Event counts are read")
                columns = []
            }
            used += 1
            var seen: [Int64: Int] = [:]
            for row in block.rows {
                guard row.fields.count == block.header.count else {
                    reading.lines += 1
                    reading.rejects.append((row.line, "expected \(block.header.count) fields, found \(row.fields.count)", row.text))
                    continue
                }
                let cell = row.fields[dateIndex]
                // Totals rows ("Grand total", or a blank date) would double the day rows.
                if cell.isEmpty { continue }
                let dated = TrafficDate.ga4(cell, as: dateKind)
                if dated == nil, cell.lowercased().contains("total") { continue }
                reading.lines += 1
                guard let (date, period) = dated else {
                    reading.rejects.append((row.line, "\(block.header[dateIndex]) \"\(cell.prefix(40))\" is not a \(dateKind == .day ? "YYYYMMDD date" : dateKind == .month ? "YYYYMM month" : "year")", row.text))
                    continue
                }
                var rowColumns = columns
                if let eventName, let eventCount {
                    let name = NameKey.make(row.fields[eventName])
                    guard let measure = eventMeasures.first(where: { $0.0 == name })?.1 else { continue }
                    rowColumns = [(measure, eventCount)]
                }
                switch TrafficNumber.read(row.fields, rowColumns, header: block.header) {
                case .success(let values):
                    reading.ledger.add(date: date, period: period, values: values, table: t)
                    seen[date, default: 0] += 1
                case .failure(let why):
                    reading.rejects.append((row.line, why.description, row.text))
                }
            }
            // A text column (page, country, channel) splits each day: users cannot be added up over it.
            let measured = Set(columns.map(\.1) + [dateIndex])
            let dimensions = block.header.indices.filter { i in
                !measured.contains(i) && block.rows.contains { $0.fields.count > i && !$0.fields[i].isEmpty && TrafficNumber.count($0.fields[i]) == nil && Double($0.fields[i]) == nil }
            }
            if columns.contains(where: { $0.0 == .visitors }), !dimensions.isEmpty || seen.values.contains(where: { $0 > 1 }) {
                reading.ledger.dropVisitors(table: t, periods: Set(seen.keys))
                let by = dimensions.map { block.header[$0] }.joined(separator: ", ")
                reading.ledger.warn("\(title) is split by \(by.isEmpty ? "another dimension" : by): its counts are added up over the rows listed, but users cannot be, so visitors are left empty")
            }
        }
        guard used > 0 else {
            throw IngestError(.wrongFormat, "no table has a Date (YYYYMMDD), Year month or Year column with Sessions, users, Views or event counts; this is not a GA4 export chm can read",
                              file: file)
        }
        return reading
    }
}
