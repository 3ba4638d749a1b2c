/// Collects input lines into SQL statements, each ended by a `;` that is not
/// inside a string literal (`'…'`), a quoted identifier (`"…"`), a line
/// comment (`-- …`) or a block comment (`/* … */`).
///
/// A statement may span lines and a line may hold several statements. The
/// scanner keeps its state between lines, so a string or comment that is
/// still open at the end of a line stays open on the next.
struct StatementBuffer: Sendable {
    /// Where the scanner is at the end of the text received so far.
    enum State: Sendable, Equatable {
        case code
        case string
        case quotedIdentifier
        case lineComment
        case blockComment
    }

    /// The text of the statement being collected.
    private(set) var text = ""
    /// The scanner's state after `text`.
    private(set) var state = State.code
    /// Whether `text` holds anything outside comments and whitespace.
    private(set) var hasContent = false

    /// Whether nothing but whitespace and closed comments has been collected:
    /// a fresh statement starts here, so a dot-command is allowed.
    var isBlank: Bool { !hasContent && (state == .code || state == .lineComment) }

    /// Adds one line of input.
    /// - Parameter line: the line, without its line terminator.
    /// - Returns: the statements the line completed, trimmed, without their `;`.
    mutating func append(line: String) -> [String] {
        var completed: [String] = []
        // Scan by Unicode scalar: every delimiter is ASCII, so a multi-byte
        // character can never be mistaken for one.
        let scalars = Array(line.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            switch state {
            case .code:
                switch c {
                case "'":
                    state = .string
                    hasContent = true
                case "\"":
                    state = .quotedIdentifier
                    hasContent = true
                case "-" where next == "-":
                    state = .lineComment
                    text.unicodeScalars.append(c)
                    i += 1
                    text.unicodeScalars.append(scalars[i])
                    i += 1
                    continue
                case "/" where next == "*":
                    state = .blockComment
                    text.unicodeScalars.append(c)
                    i += 1
                    text.unicodeScalars.append(scalars[i])
                    i += 1
                    continue
                case ";":
                    if hasContent { completed.append(Self.trimmed(text)) }
                    text = ""
                    hasContent = false
                    i += 1
                    continue
                case " ", "\t", "\r", "\n":
                    break
                default:
                    hasContent = true
                }
            case .string:
                // A doubled quote inside a literal is an escaped quote: the
                // second one reopens the literal on the next scalar.
                if c == "'" { state = .code }
            case .quotedIdentifier:
                if c == "\"" { state = .code }
            case .lineComment:
                break
            case .blockComment:
                if c == "*", next == "/" {
                    state = .code
                    text.unicodeScalars.append(c)
                    i += 1
                    text.unicodeScalars.append(scalars[i])
                    i += 1
                    continue
                }
            }
            text.unicodeScalars.append(c)
            i += 1
        }
        if state == .lineComment { state = .code }
        if hasContent || state != .code {
            text += "\n"
        } else {
            // Only whitespace and comments since the last statement: forget them.
            text = ""
        }
        return completed
    }

    /// Ends the input: the unfinished statement, if it has any content.
    /// - Returns: the statement's text, trimmed, or `nil` when there is none.
    mutating func finish() -> String? {
        defer { self = StatementBuffer() }
        return hasContent ? Self.trimmed(text) : nil
    }

    /// `text` without leading and trailing whitespace.
    private static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let start = text.firstIndex(where: { !isSpace($0) }),
              let end = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[start...end])
    }
}
