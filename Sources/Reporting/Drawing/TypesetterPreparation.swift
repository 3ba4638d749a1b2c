import Foundation

/// A report's typesetter, made on another thread while the report's data
/// are read, with the fonts of the report's styles loaded and the text that
/// does not depend on the data laid out.
///
/// Which fonts a report needs depends on its language and styles, not on
/// its data; loaded after the data, on the path from data to file, they
/// took as long as laying out every other text of the report.
///
/// `@unchecked Sendable`: the result is written once, by the preparing
/// thread, and read by `take()` only after the group says that thread is
/// done; the typesetter then belongs to the thread that took it.
final class TypesetterPreparation: @unchecked Sendable {
    private let done = DispatchGroup()
    private var result: Result<Typesetter, any Error>?
    private let make: @Sendable () throws -> Typesetter

    /// Starts making the typesetter for `locale`.
    /// - Parameters:
    ///   - styles: the styles whose fonts to load (``Paginator/fontStyles(masthead:)``).
    ///   - blocks: blocks known before the data (the annex's definitions),
    ///     laid out on a paginator of their own, its pages thrown away: the
    ///     typesetter keeps their layouts for the document's paginator,
    ///     which asks for the same texts in the same styles and widths.
    ///   - ahead: false to make it only when taken, on the taking thread, with nothing loaded or laid out ahead.
    ///   - stages: where the preparation's time is recorded, as stage "fonts".
    init(locale: ReportLocale, styles: [TextStyle], blocks: [Block] = [], ahead: Bool = true, stages: ReportStages?) {
        let tag = locale.languageTag, families = locale.fonts, rightToLeft = locale.rightToLeft
        make = { try Typesetter(languageTag: tag, families: families, rightToLeft: rightToLeft) }
        guard ahead else { return }
        let sample = Self.sample(locale)
        DispatchQueue.global(qos: .userInitiated).async(group: done) { [self] in
            result = Result {
                try stages.measure("fonts") {
                    let typesetter = try make()
                    typesetter.warmUp(styles, sample: sample)
                    Paginator(typesetter: typesetter, locale: locale).layout(blocks)
                    return typesetter
                }
            }
        }
    }

    /// Waits for the typesetter and hands it to the calling thread.
    /// - Throws: ``ReportError`` when Pango could not make it.
    func take() throws -> Typesetter {
        done.wait()
        return try result?.get() ?? make()
    }

    /// Text that asks each style for the fonts a report in `locale` uses:
    /// Latin letters, digits and dashes (numbers, symbols, codes), and words
    /// of the locale's own script.
    static func sample(_ locale: ReportLocale) -> String {
        let words = ["heading.summary", "heading.contents", "table.indicator"].filter(locale.has).map { locale.text($0) }
        return (["Aa 0123456789 \u{2013}"] + words).joined(separator: " ")
    }
}
