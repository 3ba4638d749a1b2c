import Columnar
import Foundation
import Store

/// `chm ingest survey --instrument Surveys/NAME.toml FILE.csv`: reads a
/// survey tool's export through an instrument into the `responses` table,
/// one row per answered question, as one batch.
///
/// The layout (LimeSurvey, KoBoToolbox, ODK Central or Briefcase,
/// SurveyMonkey, plain CSV) is detected from the header unless given. Rows
/// the tool marks as not to be counted (an empty LimeSurvey `submitdate`,
/// an ODK Central submission rejected in review) are counted and reported,
/// not stored; a row that cannot be read is rejected with its reason.
public struct SurveyImport {
    /// Choices the user can make.
    public struct Options: Sendable {
        /// The export's layout; detected when `nil`.
        public var layout: SurveyLayout?
        /// Field separator; the instrument's, else detected.
        public var delimiter: UInt8?
        /// The largest export read, in bytes (a survey export is far smaller).
        public var maxBytes = 256 << 20
        /// What every ingest takes: force, reject rate, progress.
        public var ingest = IngestOptions()

        /// Default options.
        public init() {}
    }

    /// What an ingest did.
    public struct Outcome: Sendable {
        /// The batch and its counts.
        public var ingest: IngestOutcome
        /// The layout the export was read as.
        public var layout: SurveyLayout
        /// Whether the layout was detected (not given with `--layout`).
        public var detected: Bool
        /// Respondent rows in the export.
        public var respondents: Int
        /// Respondents whose answers were stored.
        public var stored: Int
        /// Respondents set aside, by reason (`incomplete`, `rejected`…).
        public var setAside: [String: Int]
        /// Stored answers by exclusion (`dont_know`, `blank`…); valid answers under `valid`.
        public var answers: [String: Int]
        /// Stored answers counted as improved.
        public var improved: Int

        /// Whether the file had been ingested before and was skipped.
        public var skipped: Bool { ingest.skipped }
        /// The committed batch, or the earlier batch when skipped.
        public var batch: BatchRecord { ingest.batch }
    }

    /// The `responses` table's columns (a contract with the indicators).
    public static let columns = CanonicalSchema.responses.columns

    /// Ingests `file` through `instrument` into the `responses` table.
    /// - Throws: ``IngestError`` when the file is empty, binary, malformed,
    ///   too large, does not match the instrument or has too many unreadable
    ///   rows; `StoreError` when the workspace cannot be written. Nothing is
    ///   written when it throws.
    public static func run(file: String, instrument: SurveyInstrument, workspace: Workspace,
                           options: Options = Options()) throws -> Outcome {
        var export: SurveyExport?
        var plan: SurveyPlan?
        var counts = (respondents: 0, stored: 0, setAside: [String: Int](), answers: [String: Int](), improved: 0)
        let countries = try CountryReference.shipped()
        let source = "survey:\(instrument.id)"
        let result = try BatchIngest.run(path: file, table: "responses", source: source, workspace: workspace, options: options.ingest) { input in
            var bytes: [UInt8] = []
            while true {
                let chunk = try input.read()
                if chunk.isEmpty { break }
                bytes += chunk
                if bytes.count > options.maxBytes {
                    throw IngestError(.wrongFormat, "the file is larger than \(options.maxBytes >> 20) MiB, far more than a survey export; is it the right file?", file: file)
                }
            }
            let fallback = instrument.layouts.count < SurveyLayout.allCases.count ? instrument.layouts.first : nil
            let layoutDelimiter = instrument.settings(for: options.layout ?? fallback ?? .csv).delimiter
            let read = try SurveyExport.read(bytes, file: file, layout: options.layout, fallback: fallback,
                                             delimiter: options.delimiter ?? layoutDelimiter)
            guard read.layout == options.layout || instrument.layouts.contains(read.layout) || read.layout == .csv else {
                throw IngestError(.wrongFormat, "this is a \(read.layout.toolName) export, and instrument \(instrument.id) maps only \(instrument.layouts.map(\.toolName).joined(separator: ", ")) exports (use --layout to read it as one of them)", file: file, line: 1)
            }
            plan = try SurveyPlan(instrument: instrument, export: read, file: file)
            export = read
            return columns
        } body: { _, sink, meter in
            guard let read = export, let plan else { return 0 }
            let mapper = SurveyResponseMapper(plan: plan, instrument: instrument, countries: countries, columnCount: read.headers.count)
            for row in read.rows {
                counts.respondents += 1
                switch mapper.map(row) {
                case .setAside(let reason):
                    counts.setAside[reason, default: 0] += 1
                case .rejected(let reason):
                    sink.reject(line: row.line, reason: reason, text: read.rejectText(row))
                case .stored(let respondent, let answers):
                    counts.stored += 1
                    for a in answers {
                        write(respondent, a, survey: instrument.id, into: &sink.builders, batch: sink.batchID)
                        try sink.endRow()
                        counts.answers[a.exclusion ?? "valid", default: 0] += 1
                        if a.improved == true { counts.improved += 1 }
                    }
                }
                if counts.respondents & 0xFF == 0 { meter.update(bytes: 0, lines: counts.respondents) }
            }
            return read.rows.count
        }
        return Outcome(ingest: result, layout: export?.layout ?? options.layout ?? instrument.layouts.first ?? .csv,
                       detected: export?.detected ?? (options.layout == nil), respondents: counts.respondents, stored: counts.stored,
                       setAside: counts.setAside, answers: counts.answers, improved: counts.improved)
    }

    private static func write(_ r: SurveyResponseMapper.Respondent, _ a: SurveyResponseMapper.Answer, survey: String,
                              into b: inout [ColumnBuilder], batch: Int64) {
        func text(_ i: Int, _ s: String?) { if let s { b[i].append(string: s) } else { b[i].appendNull() } }
        text(0, survey)
        text(1, r.response)
        if let t = r.submitted { b[2].append(integer: t) } else { b[2].appendNull() }
        text(3, r.userGroup)
        text(4, r.region)
        text(5, r.country)
        text(6, r.sector)
        text(7, r.language)
        text(8, a.question)
        text(9, a.objective)
        text(10, a.answer)
        if let s = a.score { b[11].append(float: s) } else { b[11].appendNull() }
        if let i = a.improved { b[12].append(bool: i) } else { b[12].appendNull() }
        text(13, a.exclusion)
        b[14].append(integer: batch)
    }
}
