import Columnar
import Foundation
import Ingest
import Store

/// A temporary directory with a workspace, for contribution-log tests.
struct ContributionScratch {
    let directory: URL
    let workspace: Workspace

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chm-contrib-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        workspace = try Workspace.open(path: directory.appendingPathComponent("w.db").path, create: true)
    }

    /// Writes `text` to a file in the directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        try file(name, bytes: Array(text.utf8))
    }

    /// Writes `bytes` to a file in the directory and returns its path.
    func file(_ name: String, bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// A sample shipped beside this file.
    static func sample(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples/\(name)").path
    }

    /// Runs SQL over the workspace.
    func query(_ sql: String) throws -> [[Value]] {
        try QueryEngine(catalog: workspace).execute(sql).rows
    }

    /// Rows in `contributions`, 0 when the table does not exist.
    func count() throws -> Int64 {
        guard try workspace.schema(of: "contributions") != nil else { return 0 }
        guard case .int(let n) = try query("SELECT count(*) FROM contributions")[0][0] else { return -1 }
        return n
    }

    /// Options that keep every good line however many are bad.
    static var lenient: IngestOptions {
        var o = IngestOptions()
        o.maxRejectRate = 1
        o.showProgress = false
        return o
    }

    /// UTC seconds of a civil time.
    static func utc(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0) -> Value {
        .timestamp(CivilTime.timestamp(year: y, month: m, day: d, hour: h, minute: mi))
    }
}
