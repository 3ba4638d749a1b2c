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
        let gz = try gzip("abc\n", name: "h.log")
        let input = try InputStream(path: gz.path)
        let digest = try input.hashWhole()
        // sha256sum is an independent oracle.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum", gz.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        let expected = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ").first.map(String.init)
        #expect(digest == expected)
        #expect(String(decoding: try input.read(), as: UTF8.self) == "abc\n", "rewound after hashing")
    }

    @Test func missingAndDirectoryInputsFail() {
        #expect(throws: IngestError.self) { try InputStream(path: directory.appendingPathComponent("none").path) }
        #expect(throws: IngestError.self) { try InputStream(path: directory.path) }
    }
}
