import Foundation
import Testing

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let reportsDirectory = repositoryRoot.appendingPathComponent("Reports").path
let indicatorsDirectory = repositoryRoot.appendingPathComponent("Indicators").path

/// A peer program's exit status and standard output.
struct ToolRun {
    var status: Int32
    var output: String
}

/// Runs a peer program (pdftotext, pdfinfo, rsvg-convert). A missing
/// program is a failure with a message saying what to install.
func runTool(_ name: String, _ arguments: [String]) throws -> ToolRun {
    let candidates = ["/usr/bin/\(name)", "/usr/local/bin/\(name)"]
    guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        Issue.record("\(name) is missing: install poppler-utils and librsvg2-bin (apt-get install -y poppler-utils librsvg2-bin)")
        throw ToolMissing(name: name)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolRun(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
}

struct ToolMissing: Error {
    var name: String
}

/// The text of a PDF, whitespace collapsed to single spaces.
func pdfText(_ path: String, layout: Bool = false) throws -> String {
    let run = try runTool("pdftotext", (layout ? ["-layout"] : []) + ["-enc", "UTF-8", path, "-"])
    #expect(run.status == 0, "pdftotext failed on \(path)")
    return layout ? run.output : run.output.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

/// A PDF's text for "does it say this?" questions in any of the six languages.
/// Arabic comes back from pdftotext with bidi marks, in presentation forms and
/// with the mandatory lam-alef ligature split apart: it is compared as
/// normalised words, in either direction, leaving out words with that ligature.
struct PDFWords {
    let text: String
    let squeezed: String

    init(_ text: String) {
        self.text = text
        let bidiMarks = Set("\u{200E}\u{200F}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}")
        squeezed = String(text.precomposedStringWithCompatibilityMapping.filter { !bidiMarks.contains($0) && $0 != " " })
    }

    func contain(_ s: String) -> Bool {
        if text.contains(s) { return true }
        let words = s.precomposedStringWithCompatibilityMapping.split(separator: " ").map(String.init)
            .filter { w in !["لا", "لأ", "لإ", "لآ"].contains { w.contains($0) } }
        return !words.isEmpty && words.allSatisfy { squeezed.contains($0) || squeezed.contains(String($0.reversed())) }
    }
}

/// Page count from pdfinfo.
func pdfPages(_ path: String) throws -> Int {
    let run = try runTool("pdfinfo", [path])
    let line = run.output.split(separator: "\n").first { $0.hasPrefix("Pages:") }
    return line.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) } ?? -1
}

/// The strings of a locale file, read line by line (`"key" = "value"`), independently of the module.
func localeStrings(_ id: String) throws -> [String: String] {
    let text = try String(contentsOfFile: "\(reportsDirectory)/locales/\(id).toml", encoding: .utf8)
    var out: [String: String] = [:]
    for line in text.split(separator: "\n") where line.hasPrefix("\"") {
        let parts = line.components(separatedBy: "\" = \"")
        guard parts.count == 2, parts[1].hasSuffix("\"") else { continue }
        out[String(parts[0].dropFirst())] = String(parts[1].dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
    }
    return out
}

/// A locale's `[language]` field, read independently of the module.
func localeField(_ id: String, _ key: String) throws -> String? {
    let text = try String(contentsOfFile: "\(reportsDirectory)/locales/\(id).toml", encoding: .utf8)
    for line in text.split(separator: "\n") where line.hasPrefix("\(key) = \"") {
        return String(line.dropFirst(key.count + 4).dropLast())
    }
    return nil
}

/// A fresh folder for outputs, removed by the caller.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("chm-report-out-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A 95 % Wilson score interval in per cent, from the textbook formula.
func wilson(_ k: Int, _ n: Int) -> (Double, Double) {
    let z = 1.96, p = Double(k) / Double(n), nn = Double(n)
    let centre = p + z * z / (2 * nn)
    let spread = z * ((p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot())
    let d = 1 + z * z / nn
    return ((centre - spread) / d * 100, (centre + spread) / d * 100)
}

/// `value` with one decimal and the English separators, written here rather than by the module.
func englishOneDecimal(_ v: Double) -> String {
    String(format: "%.1f", (v * 10).rounded(.toNearestOrAwayFromZero) / 10)
}
