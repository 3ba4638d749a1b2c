import Foundation
import TOMLKit

/// The fixed strings and conventions of one report language, read from
/// `Reports/locales/<id>.toml`. A key the file lacks falls back to English.
public struct ReportLocale: Sendable {
    /// `en`, `fr`, `es`, `ru`, `ar`, `zh`.
    public var id: String
    /// Pango language tag (`zh-cn` so CJK glyphs take Simplified Chinese forms).
    public var languageTag: String
    /// Whether pages are laid out right to left (Arabic).
    public var rightToLeft: Bool
    /// Font families, most preferred first.
    public var fonts: String
    /// "." or ",".
    public var decimalSeparator: String
    /// Between groups of three digits in numbers of five digits or more.
    public var groupSeparator: String
    /// "{day} {month} {year}".
    public var dateFormat: String
    /// Month names as dates use them, January first.
    public var months: [String]
    /// Short month names for chart labels.
    public var monthsShort: [String]
    /// "First", "Second" … for meeting numbers.
    public var ordinals: [String]
    /// "({})" or "{})".
    public var subLevelFormat: String
    /// The language's own strings.
    public var strings: [String: String]
    /// Translations of the indicator catalogue's texts, by indicator id and
    /// field (`[indicator."use.visitors"]` tables: `title`, `unit`, `definition` …).
    public var indicatorTexts: [String: [String: String]]
    /// Translations of objectives' texts, by objective id and field
    /// (`[objective.use]` tables: `statement`).
    public var objectiveTexts: [String: [String: String]]
    /// English, for keys this locale lacks (nil for English itself).
    var fallback: [String: String]?

    /// The six official languages of the United Nations.
    public static let official = ["en", "fr", "es", "ru", "ar", "zh"]

    /// Loads a locale and, unless it is English, English as its fallback.
    /// - Throws: ``ReportError`` (`.locale`) naming the file and line.
    public static func load(directory: String, id: String) throws -> ReportLocale {
        var locale = try parse(path: (directory as NSString).appendingPathComponent("\(id).toml"), id: id)
        if id != "en" {
            let english = try parse(path: (directory as NSString).appendingPathComponent("en.toml"), id: "en")
            locale.fallback = english.strings
            if locale.months.count != 12 { locale.months = english.months }
            if locale.monthsShort.count != 12 { locale.monthsShort = english.monthsShort }
            if locale.ordinals.isEmpty { locale.ordinals = english.ordinals }
            // English overrides of catalogue texts, if any, come before the catalogue itself.
            locale.indicatorTexts.merge(english.indicatorTexts) { own, en in own.merging(en) { mine, _ in mine } }
            locale.objectiveTexts.merge(english.objectiveTexts) { own, en in own.merging(en) { mine, _ in mine } }
        }
        return locale
    }

    static func parse(path: String, id: String) throws -> ReportLocale {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ReportError(.locale, "cannot read the locale file (languages: \(official.joined(separator: ", ")))", file: path)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw ReportError(.locale, e.description, file: path, line: e.source.begin.line)
        }
        let language = table["language"]?.table ?? TOMLTable()
        func string(_ key: String, _ fallback: String) -> String { language[key]?.string ?? fallback }
        func list(_ key: String) -> [String] { language[key]?.array?.compactMap { $0.string } ?? [] }
        var strings: [String: String] = [:]
        if let s = table["strings"]?.table {
            for (key, value) in s {
                guard let v = value.string else {
                    throw ReportError(.locale, "strings.\(key) must be a string", file: path)
                }
                strings[key] = v
            }
        }
        return ReportLocale(id: id, languageTag: string("tag", id), rightToLeft: string("direction", "ltr") == "rtl",
                            fonts: string("fonts", "Noto Sans"), decimalSeparator: string("decimal", "."),
                            groupSeparator: string("group", ","), dateFormat: string("date", "{day} {month} {year}"),
                            months: list("months"), monthsShort: list("months_short"), ordinals: list("ordinals"),
                            subLevelFormat: string("sub_level", "({})"), strings: strings,
                            indicatorTexts: try textTables(table, "indicator", path: path),
                            objectiveTexts: try textTables(table, "objective", path: path), fallback: nil)
    }

    /// `[<name>.<id>]` tables of strings, e.g. `[indicator."use.visitors"]`, by id.
    static func textTables(_ table: TOMLTable, _ name: String, path: String) throws -> [String: [String: String]] {
        guard let outer = table[name] else { return [:] }
        guard let tables = outer.table else {
            throw ReportError(.locale, "\(name) must be a table of tables, e.g. [\(name).\"<id>\"]", file: path)
        }
        var out: [String: [String: String]] = [:]
        for (id, value) in tables {
            guard let fields = value.table else {
                throw ReportError(.locale, "\(name).\(id) must be a table of strings, e.g. [\(name).\"\(id)\"] with title = \"…\"", file: path)
            }
            for (field, text) in fields {
                guard let t = text.string else {
                    throw ReportError(.locale, "\(name).\(id).\(field) must be a string", file: path)
                }
                out[id, default: [:]][field] = t
            }
        }
        return out
    }

    /// The string for `key` with `{name}` placeholders filled; English when
    /// this language lacks it, the key itself when English lacks it too.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        Placeholders.fill(strings[key] ?? fallback?[key] ?? key, values)
    }

    /// Whether the language (or English) has `key`.
    func has(_ key: String) -> Bool { strings[key] != nil || fallback?[key] != nil }
}
