/// A shell command starting with `.`, as parsed from one input line.
enum DotCommand: Equatable, Sendable {
    /// `.tables`: list the tables.
    case tables
    /// `.schema [TABLE]`: the columns and types of one table or all.
    case schema(table: String?)
    /// `.mode [FORMAT]`: set the result format, or show it.
    case mode(ResultFormat?)
    /// `.timer on|off`.
    case timer(Bool)
    /// `.read FILE`: run a script.
    case read(path: String)
    /// `.output [FILE]`: send results to a file, or back to standard output.
    case output(path: String?)
    /// `.once FILE`: send the next result to a file.
    case once(path: String)
    /// `.maxrows N`: rows shown in a table; 0 for all.
    case maxRows(Int?)
    /// `.nullvalue TEXT`.
    case nullValue(String)
    /// `.param set NAME VALUE`.
    case setParameter(name: String, value: ParameterText)
    /// `.param unset NAME`.
    case unsetParameter(name: String)
    /// `.param list`.
    case listParameters
    /// `.param clear`.
    case clearParameters
    /// `.help`.
    case help
    /// `.quit` or `.exit`.
    case quit

    /// The command names, for `.help` and completion.
    static let names = [".exit", ".help", ".maxrows", ".mode", ".nullvalue", ".once", ".output",
                        ".param", ".quit", ".read", ".schema", ".tables", ".timer"]

    /// Parses a line that starts with `.`.
    /// - Parameter line: the line, leading whitespace removed.
    /// - Throws: ``ShellError`` naming an unknown command or a wrong argument.
    init(parsing line: String) throws(ShellError) {
        let words = CommandWords.split(line)
        guard let first = words.first else { throw ShellError("empty command; type .help for the list") }
        let name = first.text.lowercased()
        let arguments = Array(words.dropFirst())
        func argument(_ i: Int, _ what: String) throws(ShellError) -> String {
            guard i < arguments.count else { throw ShellError("\(name) needs \(what); type .help for usage") }
            return arguments[i].text
        }
        func noMoreThan(_ n: Int) throws(ShellError) {
            if arguments.count > n { throw ShellError("too many arguments to \(name); type .help for usage") }
        }
        switch name {
        case ".tables":
            try noMoreThan(0)
            self = .tables
        case ".schema":
            try noMoreThan(1)
            self = .schema(table: arguments.first?.text)
        case ".mode":
            try noMoreThan(1)
            guard let given = arguments.first?.text else { self = .mode(nil); return }
            guard let format = ResultFormat(name: given) else {
                let known = ResultFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw ShellError("unknown mode \"\(given)\"; choose one of \(known)")
            }
            self = .mode(format)
        case ".timer":
            try noMoreThan(1)
            switch try argument(0, "on or off").lowercased() {
            case "on", "true", "yes", "1": self = .timer(true)
            case "off", "false", "no", "0": self = .timer(false)
            case let other: throw ShellError(".timer takes on or off, not \"\(other)\"")
            }
        case ".read":
            try noMoreThan(1)
            self = .read(path: try argument(0, "a file name"))
        case ".output":
            try noMoreThan(1)
            self = .output(path: arguments.first?.text)
        case ".once":
            try noMoreThan(1)
            self = .once(path: try argument(0, "a file name"))
        case ".maxrows":
            try noMoreThan(1)
            let text = try argument(0, "a number of rows")
            guard let n = Int(text), n >= 0 else { throw ShellError(".maxrows takes a number of rows (0 for all), not \"\(text)\"") }
            self = .maxRows(n == 0 ? nil : n)
        case ".nullvalue":
            try noMoreThan(1)
            self = .nullValue(try argument(0, "the text to show for NULL"))
        case ".param", ".parameter", ".parameters":
            self = try Self.parameterCommand(arguments)
        case ".help":
            self = .help
        case ".quit", ".exit":
            try noMoreThan(1)
            self = .quit
        default:
            throw ShellError("unknown command \"\(first.text)\"; type .help for the list")
        }
    }

    /// The `.param` sub-commands.
    private static func parameterCommand(_ arguments: [CommandWords.Word]) throws(ShellError) -> DotCommand {
        let usage = ".param takes set NAME VALUE, unset NAME, list or clear"
        guard let sub = arguments.first?.text.lowercased() else { return .listParameters }
        switch sub {
        case "set":
            guard arguments.count >= 3 else { throw ShellError(".param set needs a name and a value") }
            let name = parameterName(arguments[1].text)
            let rest = arguments.dropFirst(2)
            if rest.count == 1, let only = rest.first {
                return .setParameter(name: name, value: ParameterText(text: only.text, quoted: only.quoted))
            }
            // An unquoted value with spaces, such as `2024-01-31 12:00:00`.
            return .setParameter(name: name, value: ParameterText(text: rest.map(\.text).joined(separator: " "), quoted: false))
        case "unset":
            guard arguments.count == 2 else { throw ShellError(".param unset needs one name") }
            return .unsetParameter(name: parameterName(arguments[1].text))
        case "list":
            return .listParameters
        case "clear":
            return .clearParameters
        default:
            throw ShellError(usage)
        }
    }

    /// A parameter name without the `:` (or `$`) users may type before it.
    private static func parameterName(_ text: String) -> String {
        if let first = text.first, first == ":" || first == "$" { return String(text.dropFirst()) }
        return text
    }
}

/// Splits a command line into words: whitespace separates them, and a word
/// in single or double quotes may hold spaces (a doubled quote inside is one
/// quote character).
enum CommandWords {
    /// One word of a command line.
    struct Word: Equatable, Sendable {
        /// The text, quotes removed.
        var text: String
        /// Whether the word was quoted.
        var quoted: Bool
    }

    /// The words of `line`.
    static func split(_ line: String) -> [Word] {
        var words: [Word] = []
        var current = ""
        var quote: Character?
        var quoted = false
        var inWord = false
        var iterator = Array(line).makeIterator()
        var pending: Character? = iterator.next()
        while let c = pending {
            pending = iterator.next()
            if let q = quote {
                if c == q {
                    if pending == q {
                        current.append(q)
                        pending = iterator.next()
                    } else {
                        quote = nil
                    }
                } else {
                    current.append(c)
                }
                continue
            }
            if c == " " || c == "\t" {
                if inWord { words.append(Word(text: current, quoted: quoted)) }
                current = ""
                quoted = false
                inWord = false
            } else if (c == "'" || c == "\"") && !inWord {
                quote = c
                quoted = true
                inWord = true
            } else {
                current.append(c)
                inWord = true
            }
        }
        if inWord { words.append(Word(text: current, quoted: quoted)) }
        return words
    }
}
