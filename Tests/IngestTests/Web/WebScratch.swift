import Columnar
import Foundation
@testable import Ingest
import Store
import Testing

/// A temporary folder with a workspace, for web ingest tests.
struct WebScratch {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chm-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var workspacePath: String { directory.appendingPathComponent("w.db").path }

    func workspace() throws -> Workspace { try Workspace.open(path: workspacePath, create: true) }

    func file(_ name: String, _ text: String) throws -> String {
        try bytes(name, Array(text.utf8))
    }

    func bytes(_ name: String, _ data: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(data).write(to: url)
        return url.path
    }

    func query(_ ws: Workspace, _ sql: String) throws -> [[Value]] {
        try QueryEngine(catalog: ws).execute(sql).rows
    }

    /// Ingests `text` as a log with `options` and returns the workspace.
    func ingest(_ text: String, name: String = "access.log", options: WebLogImport.Options = quiet()) throws -> (Workspace, WebLogImport.Outcome) {
        let ws = try workspace()
        let outcome = try WebLogImport.run(file: try file(name, text), workspace: ws, options: options)
        return (ws, outcome)
    }

    /// The SHA-256 of a file by `sha256sum`, an independent oracle.
    static func sha256sum(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum", path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "sha256sum must be installed")
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }

    static func quiet() -> WebLogImport.Options {
        var o = WebLogImport.Options()
        o.ingest.showProgress = false
        return o
    }
}

/// Parses one line with a layout (for parser tests).
func parseLine(_ line: String, format: LogFormat) throws(LineFault) -> (LogRecord, [UInt8]) {
    var layout = LineLayout(format: format)
    var r = LogRecord()
    let bytes = Array(line.utf8)
    var fault: LineFault?
    bytes.withUnsafeBufferPointer { b in
        do throws(LineFault) { try layout.parse(b, into: &r) } catch { fault = error }
    }
    if let fault { throw fault }
    return (r, bytes)
}

extension LogRecord.Span {
    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes[start..<end], as: UTF8.self) }
}

/// Seconds since 1970 for a UTC civil time, computed with Foundation (independent of the parser's arithmetic).
func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Int64 {
    var c = DateComponents()
    (c.year, c.month, c.day, c.hour, c.minute, c.second) = (y, mo, d, h, mi, s)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return Int64(calendar.date(from: c)!.timeIntervalSince1970)
}
