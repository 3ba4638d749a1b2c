import Columnar
import Foundation
@testable import Ingest
import Store
import Testing

/// Input that is not a contribution log, or is damaged: a clear error, and
/// the store exactly as it was.
@Suite struct ContributionInputErrorTests {
    /// A scratch workspace already holding the CSV sample (12 rows).
    func seeded() throws -> ContributionScratch {
        let s = try ContributionScratch()
        _ = try ContributionImport.run(file: ContributionScratch.sample("contributions-2024.csv"), workspace: s.workspace)
        #expect(try s.count() == 12)
        return s
    }

    /// Runs the import expecting an ``IngestError``; returns it.
    func failure(_ s: ContributionScratch, _ path: String, options: IngestOptions = IngestOptions()) throws -> IngestError {
        do {
            _ = try ContributionImport.run(file: path, workspace: s.workspace, options: options)
        } catch let error as IngestError {
            return error
        }
        Issue.record("\(path) was ingested; an error was expected")
        return IngestError(.unreadable, "", file: "")
    }

    @Test func emptyAndBlankFiles() throws {
        let s = try seeded()
        let empty = try failure(s, try s.file("empty.csv", ""))
        #expect(empty.code == .wrongFormat)
        #expect(empty.message.hasPrefix("the file is empty"))
        let blank = try failure(s, try s.file("blank.csv", "\n  \n\n"))
        #expect(blank.message.hasPrefix("the file is blank"))
        #expect(try s.count() == 12)
    }

    @Test func binaryFile() throws {
        let s = try seeded()
        // The first bytes of a PNG image.
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        png += (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let error = try failure(s, try s.file("image.csv", bytes: png))
        #expect(error.code == .wrongFormat)
        #expect(error.message == "this is a binary file, not a contribution log (CSV or JSON Lines text)")
        var utf16: [UInt8] = [0xFF, 0xFE]
        for u in "ts,kind,actor\n2024-01-01,need,a\n".utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let wide = try failure(s, try s.file("excel.csv", bytes: utf16))
        #expect(wide.message.hasPrefix("the file is UTF-16 text; save the log as UTF-8"))
        #expect(try s.count() == 12)
    }

    @Test func headersThatAreNotALog() throws {
        let s = try seeded()
        let noActor = try failure(s, try s.file("a.csv", "ts,kind,who\n2024-01-01,information,x\n"))
        #expect(noActor.code == .wrongFormat)
        #expect(noActor.line == 1)
        #expect(noActor.message.hasPrefix("this is not a contribution log: the header has no actor column"))
        let other = try failure(s, try s.file("b.csv", "name,email\nAnn,ann@example.org\n"))
        #expect(other.message.hasPrefix("this is not a contribution log: the header has no ts, kind, actor column"))
        let unknown = try failure(s, try s.file("c.csv", "ts,kind,actor,notes,Owner\n2024-01-01,information,x,,\n"))
        #expect(unknown.message == "unknown columns \"notes\", \"Owner\"; the columns are ts,kind,actor,actor_category,country,region,sector,collective,topic,category,amount,ref,closed_ts")
        let twice = try failure(s, try s.file("d.csv", "ts,kind,actor,TS\n2024-01-01,information,x,2024-01-01\n"))
        #expect(twice.message == "the column ts appears twice")
        let json = try failure(s, try s.file("e.jsonl", "{\"name\": \"Ann\"}\n{\"ts\": \"2024-01-01\", \"kind\": \"need\", \"actor\": \"x\"}\n"))
        #expect(json.message.hasPrefix("this is not a contribution log: the first line is not a JSON object"))
        #expect(json.line == 1)
        let array = try failure(s, try s.file("f.json", "[{\"ts\": \"2024-01-01\", \"kind\": \"need\", \"actor\": \"x\"}]"))
        #expect(array.message.hasPrefix("this is a JSON array, not JSON Lines"))
        #expect(try s.count() == 12)
    }

    @Test func truncatedFiles() throws {
        let s = try seeded()
        // Cut inside a quoted field: the reader cannot end the record.
        let quoted = try failure(s, try s.file("cut.csv", "ts,kind,actor\n2024-01-01,information,\"Ministry of"))
        #expect(quoted.code == .malformed)
        #expect(quoted.line == 2)
        // Cut inside a row: the short last line is rejected, too many rejects for the default 1 %.
        let short = try failure(s, try s.file("short.csv", "ts,kind,actor\n2024-01-01,information,a\n2024-01-02,informa"))
        #expect(short.code == .tooManyRejects)
        #expect(short.message.contains("line 3: expected 3 fields, found 2"))
        // JSON Lines cut inside the last object.
        let json = try failure(s, try s.file("cut.jsonl", "{\"ts\": \"2024-01-01\", \"kind\": \"need\", \"actor\": \"x\"}\n{\"ts\": \"2024-01-02\", \"ki"))
        #expect(json.code == .tooManyRejects)
        #expect(json.message.contains("line 2: the line is not valid JSON"))
        // A gzip file cut short.
        let gzip = try s.file("cut.csv.gz", bytes: [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x2B, 0x29])
        _ = try failure(s, gzip)
        #expect(try s.count() == 12)
    }

    @Test func oversizedLines() throws {
        let s = try seeded()
        let huge = String(repeating: "x", count: ContributionImport.maxLineBytes + 10)
        let csv = try failure(s, try s.file("huge.csv", "ts,kind,actor\n2024-01-01,information,\(huge)\n"))
        #expect(csv.code == .wrongFormat)
        #expect(csv.line == 2)
        #expect(csv.message.contains("longer than 1 MiB"))
        let json = try failure(s, try s.file("huge.jsonl", "{\"ts\": \"2024-01-01\", \"kind\": \"need\", \"actor\": \"x\"}\n{\"actor\": \"\(huge)\"}\n"))
        #expect(json.code == .wrongFormat)
        #expect(json.line == 2)
        // A long but bounded value is a reject, not a failure.
        let long = String(repeating: "y", count: 1500)
        let outcome = try ContributionImport.run(file: try s.file("long.csv", "ts,kind,actor\n2024-01-01,information,\(long)\n2024-01-02,need,b\n"),
                                                 workspace: s.workspace, options: ContributionScratch.lenient)
        #expect(outcome.batch.rows == 1)
        #expect(try s.workspace.rejects(batch: outcome.batch.id).map(\.reason) == ["actor is 1500 characters long; at most 1000 are kept"])
        #expect(try s.count() == 13)
    }
}
