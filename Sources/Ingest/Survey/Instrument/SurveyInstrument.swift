import Foundation

/// A survey instrument (`Surveys/NAME.toml`): how one questionnaire's
/// exports map onto the `responses` table — the layouts it is exported in,
/// the respondent columns, which rows count, the answer scales and the
/// questions with the objective each informs.
///
/// Loading checks everything that can be checked without an export (types,
/// unknown keys, unknown scales or objectives, duplicate questions, scale
/// spellings that name two options) and reports `file:line: message`.
public struct SurveyInstrument: Sendable {
    /// Reading settings, given for every layout or per layout (`[layouts.kobo]`).
    struct Settings: Sendable {
        /// Field separator; detected from the file when `nil`.
        var delimiter: UInt8?
        /// Offset (seconds east of UTC) of timestamps written without one.
        var utcOffset: Int?
        /// Extra cell values read as blank answers.
        var blankValues: [String] = []
        /// Separator of the codes of a select-multiple question in one column.
        var separator: String?

        /// `self` with the values `other` sets.
        func overridden(by other: Settings) -> Settings {
            Settings(delimiter: other.delimiter ?? delimiter, utcOffset: other.utcOffset ?? utcOffset,
                     blankValues: blankValues + other.blankValues, separator: other.separator ?? separator)
        }
    }

    /// Stored in `responses.survey`.
    public var id: String
    /// The questionnaire's title.
    public var title: String
    /// The export layouts the instrument maps (the first is the default).
    public var layouts: [SurveyLayout]
    /// Answer scales by id.
    public var scales: [String: AnswerScale]
    /// The questions, in the order their rows are written.
    public var questions: [SurveyQuestion]
    /// The instrument file, named in errors.
    public var path: String
    var respondent = RespondentFields()
    var completion = CompletionRules()
    var settings = Settings()
    var layoutSettings: [SurveyLayout: Settings] = [:]

    /// The settings that apply to an export of `layout`.
    func settings(for layout: SurveyLayout) -> Settings {
        var s = settings
        s.blankValues = layout.defaultBlankValues + s.blankValues
        if let specific = layoutSettings[layout] { s = s.overridden(by: specific) }
        return s
    }

    /// Reads an instrument file.
    /// - Throws: ``IngestError`` (`.unreadable` or `.invalidOption`) as `file:line: message`.
    public static func load(path: String) throws -> SurveyInstrument {
        guard FileManager.default.fileExists(atPath: path) else {
            throw IngestError(.unreadable, "no such instrument file", file: path)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IngestError(.unreadable, "cannot read the instrument file", file: path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw IngestError(.invalidOption, "the instrument is not UTF-8 text", file: path)
        }
        return try parse(text, path: path)
    }

    /// Parses instrument TOML text; `path` is named in errors.
    public static func parse(_ text: String, path: String) throws -> SurveyInstrument {
        let root = try InstrumentDocument.parse(text, file: path)
        return try InstrumentLoader(file: path).instrument(from: TOMLFields(table: root, context: "", file: path))
    }
}
