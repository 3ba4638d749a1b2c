import Evaluation
import Foundation

/// A text of an indicator that a report shows, as named in the catalogue
/// and in a locale's `[indicator."<id>"]` table.
public enum IndicatorText: String, Sendable, CaseIterable {
    case title, unit, definition, method, limitations, sources

    /// The catalogue's own (English) text.
    func english(_ i: IndicatorDefinition) -> String {
        switch self {
        case .title: i.title
        case .unit: i.unit
        case .definition: i.definition
        case .method: i.method
        case .limitations: i.limitations
        case .sources: i.sources
        }
    }
}

// The catalogue is the English source of indicator and objective texts, so
// English need not repeat them; a locale translates them in its own tables.
extension ReportLocale {
    /// An indicator's text in this language; the catalogue's English when the locale lacks it.
    public func text(_ field: IndicatorText, of indicator: IndicatorDefinition) -> String {
        indicatorTexts[indicator.id]?[field.rawValue] ?? field.english(indicator)
    }

    /// An objective's statement in this language; the catalogue's English when the locale lacks it.
    public func statement(of objective: Objective) -> String {
        objectiveTexts[objective.id]?["statement"] ?? objective.statement
    }

    /// The label of a breakdown cell: `<dimension>.<code>` from the locale
    /// (`region.African States`, `kind.request`), months in the language's
    /// short form, else the code as the data have it.
    public func cellLabel(_ code: String, dimension: String) -> String {
        // The Evaluation module's name for rows without a value in the dimension.
        if code == "(unknown)" { return text("cell.unknown") }
        if has("\(dimension).\(code)") { return text("\(dimension).\(code)") }
        // Logs and survey exports vary in case ("regional centre", "Regional centre").
        let key = "\(dimension).\(code)".lowercased()
        if let match = strings.keys.first(where: { $0.lowercased() == key }) ?? fallback?.keys.first(where: { $0.lowercased() == key }) {
            return text(match)
        }
        if dimension == "month" {
            let parts = code.split(separator: "-").compactMap { Int($0) }
            if parts.count == 2, (1...12).contains(parts[1]) { return monthLabel(parts[1], year: parts[0]) }
        }
        return code
    }

    /// Whether a catalogue text needs a translation: symbols such as "%" do not.
    static func needsTranslation(_ english: String) -> Bool { english.contains { $0.isLetter } }

    /// The catalogue texts a locale should translate, as keys: `indicator."use.visitors".title`,
    /// `objective.use.statement`.
    static func catalogueKeys(_ catalogue: Catalogue) -> [(key: String, table: String, id: String, field: String)] {
        var out: [(String, String, String, String)] = []
        for o in catalogue.objectives {
            if needsTranslation(o.statement) { out.append(("objective.\(o.id).statement", "objective", o.id, "statement")) }
            for i in o.indicators {
                for f in IndicatorText.allCases where needsTranslation(f.english(i)) {
                    out.append(("indicator.\"\(i.id)\".\(f.rawValue)", "indicator", i.id, f.rawValue))
                }
            }
        }
        return out
    }

    /// Keys English has and each other locale in `directory` lacks, by locale
    /// id; with a catalogue, also the indicator and objective texts a locale
    /// does not translate (`indicator."use.visitors".title`), after the strings.
    /// - Throws: ``ReportError`` when a locale file does not parse.
    public static func missingKeys(directory: String, catalogue: Catalogue? = nil) throws -> [String: [String]] {
        let english = try parse(path: (directory as NSString).appendingPathComponent("en.toml"), id: "en")
        let catalogueKeys = catalogue.map(catalogueKeys) ?? []
        var out: [String: [String]] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let ids = Set(official + names.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) })
        for id in ids.sorted() where id != "en" {
            let path = (directory as NSString).appendingPathComponent("\(id).toml")
            guard FileManager.default.fileExists(atPath: path) else {
                out[id] = english.strings.keys.sorted() + catalogueKeys.map(\.key)
                continue
            }
            let locale = try parse(path: path, id: id)
            var missing = english.strings.keys.filter { locale.strings[$0] == nil }.sorted()
            for k in catalogueKeys {
                let tables = k.table == "indicator" ? locale.indicatorTexts : locale.objectiveTexts
                if tables[k.id]?[k.field] == nil { missing.append(k.key) }
            }
            if !missing.isEmpty { out[id] = missing }
        }
        return out
    }

    /// Missing keys as `chm check` words them: a string key quoted, an
    /// indicator's or objective's missing fields together on one line
    /// (`indicator "use.visitors": title, definition`).
    public static func describeMissing(_ keys: [String]) -> [String] {
        var out: [String] = []
        var group: (head: String, fields: [String])?
        func flush() {
            if let g = group { out.append("\(g.head): \(g.fields.joined(separator: ", "))") }
            group = nil
        }
        for key in keys {
            let head: String, field: String
            if key.hasPrefix("indicator.\""), let close = key.dropFirst(11).firstIndex(of: "\"") {
                head = "indicator \"" + key[key.index(key.startIndex, offsetBy: 11)..<close] + "\""
                field = String(key[key.index(after: close)...].dropFirst())
            } else if key.hasPrefix("objective."), let dot = key.lastIndex(of: "."), key.dropFirst(10).contains(".") {
                head = "objective \"" + key[key.index(key.startIndex, offsetBy: 10)..<dot] + "\""
                field = String(key[key.index(after: dot)...])
            } else {
                flush()
                out.append("\"\(key)\"")
                continue
            }
            if group?.head != head { flush(); group = (head, []) }
            group?.fields.append(field)
        }
        flush()
        return out
    }
}
