import Foundation

/// What kind of client sent a request.
public enum AgentKind: String, Sendable, CaseIterable {
    /// A person's browser.
    case browser
    /// A crawler, AI agent, monitor, feed reader or other robot.
    case bot
    /// An HTTP library or command-line client (curl, python-requests…).
    case tool
    /// No agent, or one no rule recognises.
    case unknown
}

/// Names the family of a User-Agent string (`Chrome`, `Googlebot`, `curl`)
/// and its kind, from the rules shipped in `bots.txt` and `browsers.txt`.
///
/// A rule is a case-insensitive substring; the first rule in file order that
/// matches wins. Rules are indexed by their first three bytes, so an agent
/// is checked against the few rules that can start at each of its positions
/// rather than against all of them.
public struct AgentClassifier: Sendable {
    /// One rule of a pattern file.
    struct Rule: Sendable {
        enum Kind: Sendable { case bot, tool, browser, except }
        var kind: Kind
        /// The family, or nil to take the product token around the match.
        var family: String?
        var pattern: [UInt8]
        var line: Int
    }

    /// The classification of one agent string.
    public struct Result: Sendable, Equatable {
        /// The family stored in `hits.agent`.
        public var family: String
        /// The kind stored in `hits.agent_kind`.
        public var kind: AgentKind
        /// Whether the client is automated (a bot or a tool): `hits.is_bot`.
        public var isAutomated: Bool { kind == .bot || kind == .tool }
    }

    private let rules: [Rule]
    /// Rules by their first three bytes (lower case).
    private let index: [UInt32: [Int32]]
    /// Rules shorter than three bytes, checked one by one.
    private let short: [Int32]

    /// The classifier built from the shipped `bots.txt` and `browsers.txt`.
    /// - Throws: ``IngestError`` when a shipped file is missing or has a bad line.
    public static func shipped() throws -> AgentClassifier { try loaded.get() }

    private static let loaded: Swift.Result<AgentClassifier, IngestError> = {
        do {
            var texts: [(String, String)] = []
            for name in ["bots", "browsers"] {
                guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Resources"),
                      let data = FileManager.default.contents(atPath: url.path) else {
                    throw IngestError(.unreadable, "the pattern file \(name).txt is missing from chm's resources; reinstall chm", file: "\(name).txt")
                }
                texts.append((String(decoding: data, as: UTF8.self), "\(name).txt"))
            }
            return .success(try AgentClassifier(files: texts))
        } catch let error as IngestError {
            return .failure(error)
        } catch {
            return .failure(IngestError(.unreadable, "\(error)", file: "bots.txt"))
        }
    }()

    /// Builds a classifier from pattern files, in order of precedence.
    /// - Parameter files: (text, file name) pairs in the `bots.txt` layout.
    /// - Throws: ``IngestError`` naming the file and line of a malformed rule.
    public init(files: [(text: String, name: String)]) throws {
        var rules: [Rule] = []
        for (text, name) in files {
            for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
                if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard fields.count == 3, !fields[2].isEmpty else {
                    throw IngestError(.wrongFormat, "expected kind<TAB>family<TAB>pattern", file: name, line: n + 1)
                }
                let kind: Rule.Kind
                switch fields[0] {
                case "bot": kind = .bot
                case "tool": kind = .tool
                case "browser": kind = .browser
                case "except": kind = .except
                default: throw IngestError(.wrongFormat, "unknown kind \"\(fields[0])\" (bot, tool, browser or except)", file: name, line: n + 1)
                }
                rules.append(Rule(kind: kind, family: fields[1] == "*" ? nil : fields[1], pattern: Array(fields[2].lowercased().utf8), line: n + 1))
            }
        }
        var index: [UInt32: [Int32]] = [:]
        var short: [Int32] = []
        for (i, r) in rules.enumerated() {
            if r.pattern.count < 3 { short.append(Int32(i)); continue }
            index[Self.key(r.pattern[0], r.pattern[1], r.pattern[2]), default: []].append(Int32(i))
        }
        self.rules = rules
        self.index = index
        self.short = short
    }

    @inline(__always) private static func key(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 {
        UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)
    }

    /// Classifies an agent string.
    public func classify(_ agent: String) -> Result {
        var a = agent
        return a.withUTF8 { classify($0) }
    }

    /// Classifies an agent given as bytes.
    public func classify(_ agent: UnsafeBufferPointer<UInt8>) -> Result {
        var trimmed = agent[...]
        while let f = trimmed.first, f == 0x20 { trimmed = trimmed.dropFirst() }
        while let l = trimmed.last, l == 0x20 { trimmed = trimmed.dropLast() }
        if trimmed.isEmpty || (trimmed.count == 1 && trimmed.first == UInt8(ascii: "-")) {
            return Result(family: "Unknown", kind: .unknown)
        }
        let lower = trimmed.map { $0 &- UInt8(ascii: "A") < 26 ? $0 | 0x20 : $0 }
        // The earliest rule (in file order) among those that match, for bots and for browsers apart:
        // an `except` rule before every matching bot rule sends the agent to the browser rules.
        var best = Int32.max, bestBrowser = Int32.max
        func consider(_ r: Int32, at position: Int) {
            let p = rules[Int(r)].pattern
            guard position + p.count <= lower.count else { return }
            for k in 0..<p.count where lower[position + k] != p[k] { return }
            if rules[Int(r)].kind == .browser { bestBrowser = min(bestBrowser, r) } else { best = min(best, r) }
        }
        if lower.count >= 3 {
            for i in 0...(lower.count - 3) {
                guard let candidates = index[Self.key(lower[i], lower[i + 1], lower[i + 2])] else { continue }
                for r in candidates where r < best || rules[Int(r)].kind == .browser { consider(r, at: i) }
            }
        }
        for r in short where r < best {
            for i in 0..<lower.count where lower[i] == rules[Int(r)].pattern[0] {
                consider(r, at: i)
                if best == r { break }
            }
        }
        let original = Array(trimmed)
        if best != .max, rules[Int(best)].kind != .except {
            let rule = rules[Int(best)]
            let family = rule.family ?? Self.productToken(original, lower, pattern: rule.pattern)
            return Result(family: family, kind: rule.kind == .tool ? .tool : .bot)
        }
        if bestBrowser != .max, let family = rules[Int(bestBrowser)].family {
            return Result(family: family, kind: .browser)
        }
        return Result(family: Self.productToken(original, lower, pattern: nil), kind: .unknown)
    }

    /// The product token (`SomeBot` of `SomeBot/1.0`) around the first match of
    /// `pattern`, or the agent's first token when there is no pattern.
    static func productToken(_ original: [UInt8], _ lower: [UInt8], pattern: [UInt8]?) -> String {
        func isBreak(_ c: UInt8) -> Bool {
            c == 0x20 || c == UInt8(ascii: "(") || c == UInt8(ascii: ")") || c == UInt8(ascii: ";") || c == UInt8(ascii: ",") || c == UInt8(ascii: "/") || c == UInt8(ascii: "+") || c == UInt8(ascii: "\"")
        }
        var at = 0
        if let pattern, !pattern.isEmpty, lower.count >= pattern.count {
            for i in 0...(lower.count - pattern.count) where lower[i..<(i + pattern.count)].elementsEqual(pattern) { at = i; break }
        }
        var s = at
        while s > 0, !isBreak(original[s - 1]) { s -= 1 }
        var e = at
        while e < original.count, !isBreak(original[e]) { e += 1 }
        if e == s {
            // The match is a separator (a URL in the agent): fall back to the first token.
            s = 0
            e = 0
            while e < original.count, !isBreak(original[e]) { e += 1 }
        }
        let token = String(decoding: original[s..<min(e, s + 64)], as: UTF8.self)
        return token.isEmpty ? "Other" : token
    }
}
