import Foundation
@testable import Ingest
import Testing

@Suite struct CSVReaderTests {
    /// Reads all records of `text`, fed in chunks of `chunk` bytes to cross boundaries.
    func records(_ text: String, delimiter: UInt8 = 0x2C, chunk: Int = 3) throws -> [[String]] {
        let bytes = Array(text.utf8)
        var offset = 0
        var reader = CSVReader(delimiter: delimiter, fileName: "t.csv") {
            let end = min(bytes.count, offset + chunk)
            defer { offset = end }
            return Array(bytes[offset..<end])
        }
        var out: [[String]] = []
        var record = CSVRecord()
        while try reader.read(into: &record) {
            out.append((0..<record.count).map { record.string($0) })
        }
        return out
    }

    @Test func plainFields() throws {
        #expect(try records("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try records("a,b\n1,2") == [["a", "b"], ["1", "2"]])
    }

    @Test func rfc4180Quoting() throws {
        #expect(try records("\"a,b\",\"say \"\"hi\"\"\",c\n") == [["a,b", "say \"hi\"", "c"]])
        #expect(try records("\"line1\nline2\",x\r\ny,z\r\n") == [["line1\nline2", "x"], ["y", "z"]])
        #expect(try records("\"\",,\"\"\"\"\n") == [["", "", "\""]])
        #expect(try records("a\"b,c\n") == [["a\"b", "c"]])
    }

    @Test func byteOrderMarkAndUnicode() throws {
        #expect(try records("\u{FEFF}nom,ville\nZoé,Genève\n李,北京\n") == [["nom", "ville"], ["Zoé", "Genève"], ["李", "北京"]])
    }

    @Test func lineNumbersCountQuotedBreaks() throws {
        let bytes = Array("h\n\"a\nb\"\nc\n".utf8)
        var done = false
        var reader = CSVReader(delimiter: 0x2C, fileName: "t.csv") {
            if done { return [] }
            done = true
            return bytes
        }
        var r = CSVRecord()
        var lines: [Int] = []
        while try reader.read(into: &r) { lines.append(r.line) }
        #expect(lines == [1, 2, 4])
    }

    @Test func unterminatedQuoteIsAnErrorWithItsLine() {
        #expect(throws: IngestError.self) { try records("a,b\n1,\"open\n2,3\n") }
        do {
            _ = try records("a,b\n1,\"open\n2,3\n")
        } catch let e as IngestError {
            #expect(e.code == .malformed)
            #expect(e.line == 2)
        } catch { Issue.record("\(error)") }
    }

    @Test func textAfterClosingQuoteIsAnError() {
        #expect(throws: IngestError.self) { try records("\"a\"b,c\n") }
    }

    @Test func invalidUTF8IsAnError() {
        var bytes = Array("a,b\n".utf8) + [0x66, 0xFF, 0xFE] + Array(",x\n".utf8)
        bytes += []
        var done = false
        var reader = CSVReader(delimiter: 0x2C, fileName: "t.csv") {
            if done { return [] }
            done = true
            return bytes
        }
        var r = CSVRecord()
        #expect(throws: Never.self) { _ = try reader.read(into: &r) }
        #expect(throws: IngestError.self) { _ = try reader.read(into: &r) }
    }

    @Test func delimiterDetection() {
        #expect(CSVDialect.detect(Array("a;b;c\n1;2,5;3\n".utf8)).delimiter == 0x3B)
        #expect(CSVDialect.detect(Array("a\tb\n1\t2\n".utf8)).delimiter == 0x09)
        #expect(CSVDialect.detect(Array("a,b\n\"x;y\",2\n".utf8)).delimiter == 0x2C)
    }
}
