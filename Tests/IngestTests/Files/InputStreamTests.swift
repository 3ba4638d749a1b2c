import Foundation
@testable import Ingest
import Testing

/// Inputs as users give them: plain files, gzip (also concatenated members,
/// as logrotate writes), truncated gzip, standard input.
@Suite struct InputStreamTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("chm-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Compresses with the system's gzip, an independent implementation.
    func gzip(_ text: String, name: String) throws -> URL {
        let plain = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: plain)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["gzip", "-kf", plain.path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "gzip must be installed")
        return URL(fileURLWithPath: plain.path + ".gz")
    }

    func readAll(_ path: String) throws -> String {
        let input = try InputStream(path: path)
        var bytes: [UInt8] = []
        while true {
            let chunk = try input.read()
            if chunk.isEmpty { break }
            bytes += chunk
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func plainAndGzipReadTheSame() throws {
        let text = (0..<50_000).map { "line \($0) é\n" }.joined()
        let gz = try gzip(text, name: "a.log")
        #expect(try readAll(directory.appendingPathComponent("a.log").path) == text)
        #expect(try readAll(gz.path) == text)
    }

    @Test func concatenatedGzipMembersAreOneStream() throws {
        let a = try gzip("first\n", name: "p1")
        let b = try gzip("second\n", name: "p2")
        let both = directory.appendingPathComponent("both.gz")
        try (Data(contentsOf: a) + Data(contentsOf: b)).write(to: both)
        #expect(try readAll(both.path) == "first\nsecond\n")
    }

    @Test func truncatedGzipIsAnError() throws {
        let gz = try gzip(String(repeating: "some text to compress\n", count: 5000), name: "t.log")
        let data = try Data(contentsOf: gz)
        let cut = directory.appendingPathComponent("cut.gz")
        try data.prefix(data.count / 2).write(to: cut)
        #expect(throws: IngestError.self) { try readAll(cut.path) }
    }

    @Test func hashIsOfTheFileAsStored() throws {
        let gz = try gzip(String(repeating: "abc\n", count: 50_000), name: "h.log")
        let expected = try sha256sum(gz.path)
        let whole = try InputStream(path: gz.path)
        var text = ""
        while case let chunk = try whole.read(), !chunk.isEmpty { text += String(decoding: chunk, as: UTF8.self) }
        #expect(text.count == 4 * 50_000)
        #expect(try whole.finishHashing() == expected, "hashed while read")
        // Larger than one read, so that reading stops with most of the file unread.
        let plain = directory.appendingPathComponent("large.log")
        try Data((0..<3 * InputStream.chunkSize).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: plain)
        let unread = try InputStream(path: plain.path)
        #expect(try unread.read().count == InputStream.chunkSize)
        #expect(try unread.finishHashing() == sha256sum(plain.path), "the rest is hashed when reading stopped early")
        #expect(try unread.read().isEmpty, "nothing is left to read")
    }

    /// The SHA-256 of a file by `sha256sum`, an independent oracle.
    private func sha256sum(_ path: String) throws -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum", path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ").first.map(String.init)
    }

    @Test func missingAndDirectoryInputsFail() {
        #expect(throws: IngestError.self) { try InputStream(path: directory.appendingPathComponent("none").path) }
        #expect(throws: IngestError.self) { try InputStream(path: directory.path) }
    }
}
