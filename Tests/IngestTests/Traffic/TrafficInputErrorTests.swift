import Columnar
import Foundation
@testable import Ingest
import Store
import Testing

/// Input that is no analytics export, or is damaged: a clear error, and the
/// store exactly as it was.
@Suite struct TrafficInputErrorTests {
    typealias S = TrafficScratch

    /// A workspace already holding the GA4 sample (3 rows).
    func seeded() throws -> S {
        let s = try S()
        try s.ingest(S.sample("ga4-reports-snapshot.csv"))
        #expect(try s.count() == 3)
        return s
    }

    func failure(_ s: S, _ path: String, layout: TrafficLayout? = nil) throws -> IngestError {
        do {
            try s.ingest(path, layout: layout)
        } catch let error as IngestError {
            return error
        }
        Issue.record("\(path) was ingested; an error was expected")
        return IngestError(.unreadable, "", file: "")
    }

    @Test func emptyBinaryAndForeignFiles() throws {
        let s = try seeded()
        #expect(try failure(s, try s.file("empty.csv", "")).message.hasPrefix("the file is empty"))
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00] + Array(repeating: 0, count: 100)
        let binary = try failure(s, try s.file("export.csv", bytes: zip))
        #expect(binary.message == "this is a binary file, not an analytics export (CSV text)")
        let latin1 = try failure(s, try s.file("latin1.csv", bytes: Array("date,nb_visits\n2024-01-01,3\n".utf8) + [0xE9, 0x0A]))
        #expect(latin1.message.hasPrefix("the file is not UTF-8 or UTF-16 text"))
        let foreign = try failure(s, try s.file("people.csv", "name,email\nAnn,ann@example.org\n"))
        #expect(foreign.message.hasPrefix("this is neither a Matomo nor a GA4 export"))
        let noDate = try failure(s, try s.file("ga4-nodate.csv", "# Users by country\nCountry,Active users\nKenya,4\n"))
        #expect(noDate.message.hasPrefix("no table has a Date"))
        let matomoNoDate = try failure(s, try s.file("one-day.csv", "nb_uniq_visitors,nb_visits\n3,4\n"))
        #expect(matomoNoDate.message.hasPrefix("the summary export has no date column"))
        #expect(try s.count() == 3)
    }

    @Test func truncatedFiles() throws {
        let s = try seeded()
        // Cut inside a quoted week label.
        let quoted = try failure(s, try s.file("cut.csv", "date,nb_visits\n\"2024-03-04,2024-03-10\",5\n\"2024-03-11,2024"))
        #expect(quoted.code == .malformed)
        #expect(quoted.line == 3)
        // Cut inside the last row: one of two rows rejected, more than 1 %.
        let short = try failure(s, try s.file("short.csv", "# GA4\nDate,Sessions,Views\n20240401,12,40\n2024040"))
        #expect(short.code == .tooManyRejects)
        // UTF-16 cut in the middle of a character.
        let text = "date,nb_visits\n2024-03-01,5\n2024-03-02,6\n"
        var utf16: [UInt8] = [0xFF, 0xFE]
        for u in text.utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let cut = try failure(s, try s.file("cut16.csv", bytes: Array(utf16.dropLast(3))))
        #expect(cut.code == .wrongFormat)
        #expect(try s.count() == 3)
    }

    @Test func oversizedFile() throws {
        let s = try seeded()
        let row = "20240401,12,40\n"
        let rows = String(repeating: row, count: ExportText.maxBytes / row.utf8.count + 10)
        let error = try failure(s, try s.file("huge.csv", "Date,Sessions,Views\n" + rows), layout: .ga4)
        #expect(error.code == .wrongFormat)
        #expect(error.message.hasPrefix("the file is over 64 MiB"))
        #expect(try s.count() == 3)
    }
}
