import Columnar
import Foundation
@testable import Ingest
import Store
import Testing

/// Input that is not a usable log gives a clear error and leaves the workspace as it was.
@Suite struct BadInputTests {
    let scratch: WebScratch
    let ws: Workspace
    let goodRows: Int

    init() throws {
        scratch = try WebScratch()
        ws = try scratch.workspace()
        let good = (0..<50).map { "192.0.2.\($0) - - [01/Mar/2024:10:00:\($0 < 10 ? "0" : "")\($0) +0000] \"GET /p\($0) HTTP/1.1\" 200 1 \"-\" \"x\"" }.joined(separator: "\n") + "\n"
        goodRows = try WebLogImport.run(file: try scratch.file("good.log", good), workspace: ws, options: WebScratch.quiet()).ingest.batch.rows
    }

    func expectUnchanged() throws {
        #expect(try scratch.query(ws, "SELECT count(*) FROM hits") == [[.int(Int64(goodRows))]])
        #expect(try ws.batches().filter { $0.status == .committed }.count == 1)
    }

    func expectFailure(_ name: String, _ bytes: [UInt8], options: WebLogImport.Options = WebScratch.quiet(), code: IngestError.Code, mentions: String) throws {
        let path = try scratch.bytes(name, bytes)
        do {
            _ = try WebLogImport.run(file: path, workspace: ws, options: options)
            Issue.record("\(name) was accepted")
        } catch let error as IngestError {
            #expect(error.code == code, "\(name): \(error)")
            #expect(error.description.contains(mentions), "\(name): \(error)")
            if code != .invalidOption { #expect(error.file == path) }
        }
        try expectUnchanged()
    }

    @Test func emptyFile() throws {
        try expectFailure("empty.log", [], code: .wrongFormat, mentions: "empty")
        try expectFailure("blank.log", Array("\n\n  \n".utf8), code: .wrongFormat, mentions: "empty")
    }

    @Test func binaryFile() throws {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        bytes += (0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        try expectFailure("image.png", bytes, code: .wrongFormat, mentions: "binary")
    }

    @Test func csvIsNotALog() throws {
        let csv = "date,visits,pageviews\n2024-01-01,10,20\n2024-01-02,11,25\n"
        try expectFailure("export.csv", Array(csv.utf8), code: .wrongFormat, mentions: "Combined or Common")
        var given = WebScratch.quiet()
        given.logFormat = "COMBINED"
        try expectFailure("export2.csv", Array(csv.utf8), options: given, code: .wrongFormat, mentions: "none of the first")
        given.logFormat = "W3C"
        try expectFailure("export3.csv", Array(csv.utf8), options: given, code: .wrongFormat, mentions: "#Fields")
    }

    @Test func truncatedFile() throws {
        let full = #"192.0.2.1 - - [01/Mar/2024:10:00:00 +0000] "GET /a HTTP/1.1" 200 1 "-" "x""#
        let text = full + "\n" + full.prefix(40)
        try expectFailure("cut.log", Array(text.utf8), code: .tooManyRejects, mentions: "truncated")
        // With a higher tolerance the whole lines go in and the cut one is kept as a reject.
        var tolerant = WebScratch.quiet()
        tolerant.ingest.maxRejectRate = 0.6
        let outcome = try WebLogImport.run(file: try scratch.file("cut2.log", text), workspace: ws, options: tolerant)
        #expect(outcome.ingest.batch.rows == 1 && outcome.ingest.firstRejects.map(\.line) == [2])
    }

    @Test func truncatedGzip() throws {
        let text = (0..<2000).map { "192.0.2.\($0 % 250) - - [01/Mar/2024:10:00:00 +0000] \"GET /p\($0) HTTP/1.1\" 200 1 \"-\" \"x\"" }.joined(separator: "\n") + "\n"
        let plain = try scratch.file("z.log", text)
        _ = try runPeer("/usr/bin/env", ["gzip", "-k", plain])
        let whole = try Data(contentsOf: URL(fileURLWithPath: plain + ".gz"))
        try expectFailure("z-cut.log.gz", Array(whole.prefix(whole.count / 2)), code: .malformed, mentions: "truncated")
    }

    @Test func oversizedLine() throws {
        let good = #"192.0.2.1 - - [01/Mar/2024:10:00:00 +0000] "GET /a HTTP/1.1" 200 1 "-" "x""#
        let huge = #"192.0.2.1 - - [01/Mar/2024:10:00:00 +0000] "GET /"# + String(repeating: "a", count: 200_000) + #" HTTP/1.1" 200 1 "-" "x""#
        let text = [good, huge, good].joined(separator: "\n") + "\n"
        try expectFailure("huge.log", Array(text.utf8), code: .tooManyRejects, mentions: "longer than")
        var tolerant = WebScratch.quiet()
        tolerant.ingest.maxRejectRate = 0.5
        let outcome = try WebLogImport.run(file: try scratch.file("huge2.log", text), workspace: ws, options: tolerant)
        #expect(outcome.ingest.batch.rows == 2 && outcome.ingest.firstRejects.map(\.line) == [2])
        #expect(outcome.ingest.firstRejects[0].reason.contains("longer than 65536 bytes"))
    }

    @Test func badOptions() throws {
        var o = WebScratch.quiet()
        o.logFormat = "%h %Q"
        try expectFailure("o1.log", Array("x\n".utf8), options: o, code: .invalidOption, mentions: "%Q")
        o = WebScratch.quiet()
        o.excludedNetworks = ["not-a-network"]
        try expectFailure("o2.log", Array("x\n".utf8), options: o, code: .invalidOption, mentions: "--exclude-ip")
    }

    @Test func sameFileTwiceIsSkipped() throws {
        let again = (0..<50).map { "192.0.2.\($0) - - [01/Mar/2024:10:00:\($0 < 10 ? "0" : "")\($0) +0000] \"GET /p\($0) HTTP/1.1\" 200 1 \"-\" \"x\"" }.joined(separator: "\n") + "\n"
        let outcome = try WebLogImport.run(file: try scratch.file("copy.log", again), workspace: ws, options: WebScratch.quiet())
        #expect(outcome.ingest.skipped)
        try expectUnchanged()
        // The hash is taken while the file is read: the batch records the file's bytes as sha256sum sees them.
        let recorded = try #require(try ws.batches().first { $0.status == .committed }).sha256
        #expect(recorded == (try WebScratch.sha256sum(scratch.file("again.log", again))))
    }

    @Test func sameFileIsSkippedEvenWhereItWouldNowFail() throws {
        var strict = WebScratch.quiet()
        strict.ingest.maxRejectRate = 0
        strict.logFormat = "%h %^[%d:%t %^] \"%r\" %s %b \"%R\" \"%u\" %D"
        let again = (0..<50).map { "192.0.2.\($0) - - [01/Mar/2024:10:00:\($0 < 10 ? "0" : "")\($0) +0000] \"GET /p\($0) HTTP/1.1\" 200 1 \"-\" \"x\"" }.joined(separator: "\n") + "\n"
        let outcome = try WebLogImport.run(file: try scratch.file("strict.log", again), workspace: ws, options: strict)
        #expect(outcome.ingest.skipped)
        try expectUnchanged()
        #expect(try ws.batches().count == 1, "no failed batch is recorded for a file skipped")
    }

    @Test func sameFileForcedIsIngestedAgain() throws {
        var forced = WebScratch.quiet()
        forced.ingest.force = true
        let again = (0..<50).map { "192.0.2.\($0) - - [01/Mar/2024:10:00:\($0 < 10 ? "0" : "")\($0) +0000] \"GET /p\($0) HTTP/1.1\" 200 1 \"-\" \"x\"" }.joined(separator: "\n") + "\n"
        let outcome = try WebLogImport.run(file: try scratch.file("forced.log", again), workspace: ws, options: forced)
        #expect(!outcome.ingest.skipped && outcome.ingest.batch.rows == 50)
        #expect(try scratch.query(ws, "SELECT count(*) FROM hits") == [[.int(100)]])
        let batches = try ws.batches()
        #expect(batches.count == 2 && batches[0].sha256 == batches[1].sha256)
    }
}
