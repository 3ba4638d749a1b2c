/// A report before layout: what it says, in reading order. The layout
/// engine turns it into pages; nothing here knows about points or fonts.
struct Document {
    /// PDF metadata and the running header.
    var title: String
    var author: String
    var subject: String
    var keywords: [String]
    /// Document symbols, e.g. `UNEP/POPS/COP.12/INF/20`; the first heads each page.
    var symbols: [String]
    /// ISO date-time for the PDF's creation and modification dates.
    var creationDate: String
    /// The page-number label ("Page" or its translation is not used: UN pages show the number alone).
    var blocks: [Block] = []

    mutating func append(_ block: Block) { blocks.append(block) }
}

/// One element of a document.
enum Block {
    case masthead(Masthead)
    /// The table of contents, filled from the headings during layout.
    case contents(title: String)
    case heading(Heading)
    case paragraph(Paragraph)
    case table(TableBlock)
    case figure(Figure)
    /// Starts a new page (before an annex).
    case pageBreak
}

/// The first-page block of a UN document.
struct Masthead {
    /// "United Nations", the organ ("UNEP") …
    var organisation: String
    var organ: String
    var symbols: [String]
    /// "Distr.: General", the date, "English only" / "Original: English".
    var distribution: [String]
    /// Per convention: conference, meeting, place and dates, agenda item (with its footnote).
    var meetings: [Meeting]
    /// The agenda item title, printed bold under the meetings.
    var agendaTitle: String
    var title: String
    /// "Note by the Secretariat".
    var subtitle: String

    struct Meeting {
        var conference: String
        var session: String
        var placeAndDates: String
        var agendaItem: String
        /// Footnote to the agenda item: the agenda's symbol.
        var footnote: String?
    }
}

/// A heading with the UN numbering.
struct Heading {
    /// 0: annex title ("Annex"), 1: I., 2: A., 3: 1., 4: (a), 5: (i).
    var level: Int
    /// The label ("I.", "A.", "(a)"), assigned by ``Numbering``.
    var label: String = ""
    var text: String
    /// Listed in the table of contents and the PDF outline.
    var listed = true
}

/// A paragraph, numbered or not, with footnotes.
struct Paragraph {
    enum Style {
        case body
        /// Centred bold (document titles).
        case title
        /// Smaller, grey (chart sources, notes under tables).
        case note
        /// Indented item of a list: "(a) …".
        case item
    }

    var text: String
    var style: Style = .body
    /// Whether it gets the next paragraph number (UN: not in summaries).
    var numbered = false
    /// Assigned by ``Numbering``.
    var number: Int?
    var footnotes: [String] = []
}

/// A table that may run over several pages, repeating its header row.
struct TableBlock {
    enum Cell {
        case text(String)
        /// A small line of the indicator's values over cycles.
        case sparkline([Double?])
    }

    var caption: String
    var header: [String]
    /// Relative column widths (any scale).
    var widths: [Double]
    /// Columns aligned to the end (numbers).
    var numeric: [Bool]
    var rows: [[Cell]]
    var note: String?
}

/// A chart with its caption.
struct Figure {
    var chart: Chart
    /// Height on the page, in points (width is the text width).
    var height: Double
    /// Stable id, used for the chart's own SVG file name.
    var id: String
}
