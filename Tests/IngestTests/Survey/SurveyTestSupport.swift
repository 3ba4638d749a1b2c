import Columnar
import Foundation
import Ingest
import Store
import Testing

/// Shared set-up for the survey tests: a scratch directory and workspace,
/// the shipped and test instruments, the real fixture exports, and a peer
/// count made by python3's csv module from the raw export.
struct SurveyTestBed {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chm-survey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// The repository root (Surveys/ lives there).
    static let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.deletingLastPathComponent().appendingPathComponent("shared/fixtures/surveys")

    static func shipped(_ name: String) -> String { root.appendingPathComponent("Surveys/\(name)").path }
    static func sample(_ name: String) -> String { root.appendingPathComponent("Surveys/samples/\(name)").path }
    static func instrument(_ name: String) -> String { here.appendingPathComponent("Instruments/\(name)").path }
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func file(_ name: String, bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func workspace() throws -> Workspace {
        try Workspace.open(path: directory.appendingPathComponent("w-\(UUID().uuidString).db").path, create: true)
    }

    func query(_ ws: Workspace, _ sql: String) throws -> [[Value]] {
        try QueryEngine(catalog: ws).execute(sql).rows
    }

    func count(_ ws: Workspace, _ condition: String) throws -> Int {
        guard case .int(let n) = try query(ws, "SELECT count(*) FROM responses WHERE \(condition)")[0][0] else { return -1 }
        return Int(n)
    }

    /// Answer counts from the workspace: valid, improved and each exclusion.
    func storedCounts(_ ws: Workspace) throws -> [String: Int] {
        var out: [String: Int] = [
            "valid": try count(ws, "exclusion IS NULL"),
            "improved": try count(ws, "improved = true"),
            "not_improved": try count(ws, "improved = false"),
        ]
        for kind in ["dont_know", "not_applicable", "refused", "blank"] { out[kind] = try count(ws, "exclusion = '\(kind)'") }
        return out
    }

    /// Counts from python3's csv module. `spec` (JSON) lists the answer
    /// columns (by header, or by index for SurveyMonkey) with the raw cell
    /// texts that mean improved, each exclusion and blank, and the rows to
    /// set aside (`skip`: column and values, `empty`: column whose empty cell
    /// sets the row aside).
    static func peerCounts(_ path: String, delimiter: String, headerRows: Int = 1, spec: String) throws -> [String: Int] {
        let script = #"""
        import csv, json, sys
        path, delim, hdr, spec = sys.argv[1], sys.argv[2], int(sys.argv[3]), json.loads(sys.argv[4])
        with open(path, newline='', encoding='utf-8-sig') as f:
            rows = [r for r in csv.reader(f, delimiter=delim) if r and any(c.strip() for c in r)]
        header = [h.strip() for h in rows[0]]
        idx = lambda c: c if isinstance(c, int) else header.index(c)
        out = {k: 0 for k in ['valid', 'improved', 'not_improved', 'dont_know', 'not_applicable', 'refused', 'blank', 'stored', 'aside']}
        for r in rows[hdr:]:
            if any(r[idx(c)].strip() in vals for c, vals in spec.get('skip', [])) or any(r[idx(c)].strip() == '' for c in spec.get('empty', [])):
                out['aside'] += 1
                continue
            out['stored'] += 1
            for q in spec['questions']:
                v = r[idx(q['col'])].strip()
                if v in q.get('blank', ['']):
                    out['blank'] += 1
                elif v in q.get('exclude', {}):
                    out[q['exclude'][v]] += 1
                else:
                    out['valid'] += 1
                    out['improved' if v in q['improved'] else 'not_improved'] += 1
        print(json.dumps(out))
        """#
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path, delimiter, String(headerRows), spec]
        let pipe = Pipe()
        let errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        do { try process.run() } catch {
            Issue.record("python3 is needed as the peer counter of survey answers and could not be started: \(error)")
            throw error
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let counts = try JSONSerialization.jsonObject(with: data) as? [String: Int] else {
            Issue.record("python3 peer failed (is python3 installed?): \(message)")
            throw IngestError(.unreadable, "python3 peer failed", file: path)
        }
        return counts
    }

    /// The peer's answer counts in the form ``storedCounts(_:)`` gives.
    static func answerCounts(_ peer: [String: Int]) -> [String: Int] {
        peer.filter { !["stored", "aside"].contains($0.key) }
    }
}
