import Columnar
import Foundation
import Ingest
import Store

/// A temporary directory with a workspace, for analytics-export tests.
struct TrafficScratch {
    let directory: URL
    let workspace: Workspace

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chm-traffic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        workspace = try Workspace.open(path: directory.appendingPathComponent("w.db").path, create: true)
    }

    /// Writes `bytes` to a file in the directory and returns its path.
    func file(_ name: String, bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Writes `text` as UTF-8.
    func file(_ name: String, _ text: String) throws -> String { try file(name, bytes: Array(text.utf8)) }

    /// A sample shipped beside this file.
    static func sample(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples/\(name)").path
    }

    /// Ingests a file for site `chm`, quietly.
    @discardableResult
    func ingest(_ path: String, layout: TrafficLayout? = nil, report: MatomoReport? = nil, rejectRate: Double = 0.01,
                force: Bool = false) throws -> TrafficImport.Outcome {
        var options = TrafficImport.Options(site: "chm")
        options.layout = layout
        options.report = report
        options.ingest.maxRejectRate = rejectRate
        options.ingest.showProgress = false
        options.ingest.force = force
        return try TrafficImport.run(file: path, workspace: workspace, options: options)
    }

    /// Runs SQL over the workspace.
    func query(_ sql: String) throws -> [[Value]] {
        try QueryEngine(catalog: workspace).execute(sql).rows
    }

    /// Rows in `traffic`, 0 when the table does not exist.
    func count() throws -> Int64 {
        guard try workspace.schema(of: "traffic") != nil else { return 0 }
        guard case .int(let n) = try query("SELECT count(*) FROM traffic")[0][0] else { return -1 }
        return n
    }

    /// UTC midnight of a day.
    static func day(_ y: Int, _ m: Int, _ d: Int) -> Value { .timestamp(CivilTime.timestamp(year: y, month: m, day: d)) }
}
