import Foundation

/// A path rule for documents: requests under `prefix` are downloads in `category`
/// (`*` takes the path segment after the prefix: `/documents/*` on
/// `/documents/reports/a.pdf` gives `reports`).
public struct DocumentRule: Sendable, Equatable {
    /// The path prefix, e.g. `/documents/`.
    public var prefix: String
    /// The category, or `*` for the next path segment.
    public var category: String

    /// Creates a rule.
    public init(prefix: String, category: String) {
        self.prefix = prefix
        self.category = category
    }

    /// Reads `PREFIX=CATEGORY` (as given to `--doc-rule`).
    /// - Throws: ``IngestError`` `.invalidOption` when the text has no `=` or an empty side.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0].hasPrefix("/"), !parts[1].isEmpty else {
            throw IngestError(.invalidOption, "--doc-rule takes PREFIX=CATEGORY with PREFIX starting with / (CATEGORY * takes the next path segment), got \(text)", file: "--doc-rule")
        }
        self.init(prefix: parts[0], category: parts[1])
    }
}

/// Sorts a requested path into static asset, document (download, with its
/// category) or content, and tells a site search from its query string.
struct RequestClassifier: Sendable {
    /// What a path is.
    struct PathClass: Equatable {
        var isStatic = false
        var isDownload = false
        var category: String?
    }

    private let staticExtensions: Set<[UInt8]>
    private let documentExtensions: [[UInt8]: String]
    /// Longest prefix first.
    private let rules: [DocumentRule]
    private let searchParameters: [[UInt8]]

    init(extensionsText: String, rules: [DocumentRule], searchParameters: [String]) throws {
        var statics: Set<[UInt8]> = []
        var documents: [[UInt8]: String] = [:]
        for (n, raw) in extensionsText.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
            switch (f.count, f.count > 1 ? f[1] : "") {
            case (2, "static"): statics.insert(Array(f[0].lowercased().utf8))
            case (3, "document"): documents[Array(f[0].lowercased().utf8)] = f[2]
            default: throw IngestError(.wrongFormat, "expected extension<TAB>static or extension<TAB>document<TAB>category", file: "extensions.txt", line: n + 1)
            }
        }
        staticExtensions = statics
        documentExtensions = documents
        self.rules = rules.sorted { $0.prefix.utf8.count > $1.prefix.utf8.count }
        self.searchParameters = searchParameters.map { Array($0.utf8) }
    }

    /// The classifier with the shipped extension list.
    static func shipped(rules: [DocumentRule], searchParameters: [String]) throws -> RequestClassifier {
        guard let url = Bundle.module.url(forResource: "extensions", withExtension: "txt", subdirectory: "Resources"),
              let data = FileManager.default.contents(atPath: url.path) else {
            throw IngestError(.unreadable, "the list extensions.txt is missing from chm's resources; reinstall chm", file: "extensions.txt")
        }
        return try RequestClassifier(extensionsText: String(decoding: data, as: UTF8.self), rules: rules, searchParameters: searchParameters)
    }

    /// Classifies a path (without its query string).
    func classify(path: UnsafeBufferPointer<UInt8>) -> PathClass {
        var result = PathClass()
        // The extension of the last segment.
        var dot = -1
        var i = path.count - 1
        while i >= 0, path[i] != UInt8(ascii: "/") {
            if path[i] == UInt8(ascii: "."), dot < 0 { dot = i }
            i -= 1
        }
        let segmentStart = i + 1
        if dot >= segmentStart, path.count - dot - 1 <= 12 {
            let ext = path[(dot + 1)...].map { $0 &- UInt8(ascii: "A") < 26 ? $0 | 0x20 : $0 }
            if staticExtensions.contains(ext) {
                result.isStatic = true
                return result
            }
            if let category = documentExtensions[ext] {
                result.isDownload = true
                result.category = category
            }
        }
        // robots.txt and the favicon are fetched by browsers and robots, not read.
        let last = Array(path[segmentStart...])
        if last == Array("robots.txt".utf8) || last == Array("favicon.ico".utf8) {
            return PathClass(isStatic: true)
        }
        for rule in rules {
            let prefix = Array(rule.prefix.utf8)
            guard path.count >= prefix.count, path.prefix(prefix.count).elementsEqual(prefix) else { continue }
            if rule.category == "*" {
                var s = prefix.count
                while s < path.count, path[s] == UInt8(ascii: "/") { s += 1 }
                var e = s
                while e < path.count, path[e] != UInt8(ascii: "/") { e += 1 }
                // The segment must be a folder, not the file itself.
                guard e > s, e < path.count else { continue }
                result.category = String(decoding: path[s..<e], as: UTF8.self).removingPercentEncoding ?? String(decoding: path[s..<e], as: UTF8.self)
            } else {
                result.category = rule.category
            }
            result.isDownload = true
            return result
        }
        return result
    }

    /// Whether a query string holds a search parameter with a value (`q=water`).
    func isSearch(query: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = 0
        while s < query.count {
            var e = s
            while e < query.count, query[e] != UInt8(ascii: "&"), query[e] != UInt8(ascii: ";") { e += 1 }
            var eq = s
            while eq < e, query[eq] != UInt8(ascii: "=") { eq += 1 }
            if eq < e - 1 {
                let name = UnsafeBufferPointer(rebasing: query[s..<eq])
                for p in searchParameters where name.elementsEqual(p) { return true }
            }
            s = e + 1
        }
        return false
    }
}
