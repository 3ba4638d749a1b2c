import Foundation
import TOMLKit

/// A report template, `Reports/<kind>.toml`: the document's sections in
/// order, their text (locale keys or literal text with `{placeholders}`)
/// and charts. Editing the file changes the report.
public struct ReportTemplate: Sendable {
    /// The section kinds a template may use.
    public static let sectionTypes = [
        "contents", "heading", "text", "summary", "introduction", "methodology", "results", "traffic", "contributions",
        "survey", "matrix", "judgement", "conclusions", "recommendations", "annex", "definitions", "breakdowns", "evaluation",
    ]

    /// Document-wide settings.
    public struct Header: Sendable, Decodable {
        /// The template's name (`major`).
        public var kind: String
        /// Locale key or text of the title.
        public var title: String
        /// Evaluation kinds it applies to (`baseline`, `mid-term`, `major`); empty: any.
        public var evaluations: [String]?
        /// The running-header symbol, with `{evaluation}` for the evaluation's id.
        public var symbol: String?
        /// PDF author.
        public var author: String?
        /// PDF subject (default: the evaluation's name).
        public var subject: String?
        /// PDF keywords (the symbols are added).
        public var keywords: [String]?
    }

    /// One section, in document order.
    public struct Section: Sendable, Decodable {
        /// One of ``ReportTemplate/sectionTypes``.
        public var type: String
        /// Locale key or text of the heading; the section's default heading when absent.
        public var heading: String?
        /// Heading level: 1 (I.), 2 (A.) …
        public var level: Int?
        /// Paragraphs: locale keys or text.
        public var text: [String]?
        /// Whether its paragraphs are numbered (default true, false in summaries).
        public var numbered: Bool?
        /// Charts per objective (`trend`, `region`, `user_group`, `survey`) or per section.
        public var charts: [String]?
        /// Whether results show the indicator table.
        public var table: Bool?
        /// Breakdown dimensions for `breakdowns` and chart dimensions.
        public var dimensions: [String]?
        /// Months (`2025-04`) with a meeting of the Conference of the Parties, for `traffic`.
        public var meetings: [String]?
        /// For `evaluation`: the template included as the annex.
        public var template: String?
        /// For `matrix`: the plan's strategies and the objectives each serves.
        public var strategies: [Strategy]?
        /// Objectives to show (all when absent).
        public var objectives: [String]?
    }

    /// A row of the plan's strategy × objective table.
    public struct Strategy: Sendable, Decodable {
        /// Locale key or text.
        public var name: String
        /// Objective ids.
        public var objectives: [String]
    }

    /// The masthead of a COP information document.
    public struct MastheadSpec: Sendable, Decodable {
        /// Document symbols, stacked for a joint document.
        public var symbols: [String]
        /// `english-only` or the original language's locale id.
        public var original: String?
        /// ISO date; the data's date when absent.
        public var date: String?
        /// One per convention.
        public var meetings: [MeetingSpec]
        /// Locale key or text of the agenda item's title.
        public var agenda_title: String?
        /// Locale key or text of the document's title.
        public var title: String

        /// Creates a masthead.
        public init(symbols: [String], original: String? = nil, date: String? = nil, meetings: [MeetingSpec], agenda_title: String? = nil, title: String) {
            self.symbols = symbols
            self.original = original
            self.date = date
            self.meetings = meetings
            self.agenda_title = agenda_title
            self.title = title
        }

        /// The same masthead for a later session of the same Conferences:
        /// session numbers moved on by `sessions`, dates by `years`, and
        /// every symbol naming a session (`COP.12`) renamed to match.
        public func movedOn(sessions: Int, years: Int) -> MastheadSpec {
            var m = self
            func renamed(_ symbol: String) -> String {
                var out = symbol
                for mt in meetings { out = out.replacingOccurrences(of: "COP.\(mt.session)/", with: "COP.\(mt.session + sessions)/") }
                return out
            }
            func shifted(_ iso: String) -> String {
                guard let year = Int(iso.prefix(4)) else { return iso }
                return String(format: "%04d", year + years) + iso.dropFirst(4)
            }
            m.symbols = symbols.map(renamed)
            m.date = date.map(shifted)
            m.meetings = meetings.map { mt in
                var moved = mt
                moved.session = mt.session + sessions
                moved.start = shifted(mt.start)
                moved.end = shifted(mt.end)
                moved.agenda_symbol = mt.agenda_symbol.map(renamed)
                return moved
            }
            return m
        }
    }

    /// One convention's meeting in the masthead.
    public struct MeetingSpec: Sendable, Decodable {
        /// Locale key or text: "Conference of the Parties to the Stockholm Convention …".
        public var conference: String
        /// Ordinal number of the meeting.
        public var session: Int
        /// Locale key or text of the place.
        public var place: String
        /// ISO dates of the first and last day.
        public var start: String
        /// ISO date of the last day.
        public var end: String
        /// Agenda item, e.g. "5 (b)".
        public var agenda_item: String
        /// Symbol of the provisional agenda, footnoted.
        public var agenda_symbol: String?

        /// Creates a meeting.
        public init(conference: String, session: Int, place: String, start: String, end: String, agenda_item: String, agenda_symbol: String? = nil) {
            self.conference = conference
            self.session = session
            self.place = place
            self.start = start
            self.end = end
            self.agenda_item = agenda_item
            self.agenda_symbol = agenda_symbol
        }
    }

    /// Document-wide settings (`[report]`).
    public var header: Header
    /// The UN masthead, for COP documents.
    public var masthead: MastheadSpec?
    /// Sections in document order.
    public var sections: [Section]
    /// The file it was read from.
    public var file: String

    private struct File: Decodable {
        var report: Header
        var masthead: MastheadSpec?
        var section: [Section]
    }

    /// Reads `<directory>/<kind>.toml`.
    /// - Throws: ``ReportError`` (`.template`) naming the file and line.
    public static func load(directory: String, kind: String) throws -> ReportTemplate {
        let path = (directory as NSString).appendingPathComponent("\(kind).toml")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            let known = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
                .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
            throw ReportError(.template, "no template \"\(kind)\"; templates: \(known.joined(separator: ", "))", file: path)
        }
        return try parse(text, path: path)
    }

    /// Parses template TOML.
    public static func parse(_ text: String, path: String) throws -> ReportTemplate {
        let file: File
        do {
            file = try TOMLDecoder().decode(File.self, from: text)
        } catch let e as TOMLParseError {
            throw ReportError(.template, e.description, file: path, line: e.source.begin.line)
        } catch let e as DecodingError {
            throw ReportError(.template, describe(e), file: path)
        } catch {
            throw ReportError(.template, "\(error)", file: path)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for s in file.section where !sectionTypes.contains(s.type) {
            let line = lines.firstIndex { $0.contains("\"\(s.type)\"") }.map { $0 + 1 }
            throw ReportError(.template, "unknown section type \"\(s.type)\"; types: \(sectionTypes.joined(separator: ", "))", file: path, line: line)
        }
        return ReportTemplate(header: file.report, masthead: file.masthead, sections: file.section, file: path)
    }

    static func describe(_ e: DecodingError) -> String {
        func path(_ c: [any CodingKey]) -> String { c.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") }
        switch e {
        case .keyNotFound(let key, let c): return "missing \(path(c.codingPath + [key]))"
        case .typeMismatch(let t, let c): return "\(path(c.codingPath)) should be \(t)"
        case .valueNotFound(let t, let c): return "\(path(c.codingPath)) needs a \(t)"
        case .dataCorrupted(let c): return "\(path(c.codingPath)): \(c.debugDescription)"
        @unknown default: return "\(e)"
        }
    }
}
