import Foundation

/// Splits a chunked input into JSON Lines records and decodes each into
/// field values, keeping the line number for rejects.
struct JSONLineReader {
    /// One non-blank line.
    struct Line {
        /// 1-based line number.
        var number: Int
        /// The line's bytes, without its line end.
        var bytes: [UInt8]
        /// The line as text, for rejects.
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// Why a line is not a usable JSON object.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    private let file: String
    private let maxLineBytes: Int
    private let nextChunk: () throws -> [UInt8]
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var number = 0
    private var started = false

    /// - Parameter chunks: returns the next chunk of the input, empty at the end.
    init(file: String, maxLineBytes: Int, chunks: @escaping () throws -> [UInt8]) {
        self.file = file
        self.maxLineBytes = maxLineBytes
        nextChunk = chunks
    }

    /// The next non-blank line, or nil at the end.
    /// - Throws: ``IngestError`` for a line longer than the limit.
    mutating func next() throws -> Line? {
        while true {
            var line: [UInt8] = []
            var ended = false
            while !ended {
                if position >= buffer.count {
                    if atEnd { break }
                    buffer = try nextChunk()
                    position = 0
                    if buffer.isEmpty { atEnd = true; break }
                    if !started {
                        started = true
                        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
                    }
                    continue
                }
                if let nl = buffer[position...].firstIndex(of: 0x0A) {
                    line += buffer[position..<nl]
                    position = nl + 1
                    ended = true
                } else {
                    line += buffer[position...]
                    position = buffer.count
                }
                if line.count > maxLineBytes {
                    throw IngestError(.wrongFormat, "line \(number + 1) is longer than \(maxLineBytes >> 20) MiB; this is not a JSON Lines log", file: file, line: number + 1)
                }
            }
            if !ended && line.isEmpty { return nil }
            number += 1
            if line.last == 0x0D { line.removeLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            return Line(number: number, bytes: line)
        }
    }

    /// Decodes one line into its keys and values.
    static func decode(_ bytes: [UInt8]) -> Result<[String: FieldValue], Problem> {
        guard String(validating: bytes, as: UTF8.self) != nil else { return .failure(Problem(description: "the line is not UTF-8 text")) }
        do {
            let object = try JSONDecoder().decode([String: JSONScalar].self, from: Data(bytes))
            return .success(object.mapValues(\.value))
        } catch DecodingError.typeMismatch {
            return .failure(Problem(description: "the line is not a JSON object"))
        } catch {
            return .failure(Problem(description: "the line is not valid JSON (truncated, or a stray character)"))
        }
    }
}

/// One JSON value as a contribution field sees it.
private struct JSONScalar: Decodable {
    var value: FieldValue

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            value = .null
        } else if let b = try? c.decode(Bool.self) {
            value = .bool(b)
        } else if let s = try? c.decode(String.self) {
            value = .text(s)
        } else if let d = try? c.decode(Double.self) {
            value = .number(d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d))
        } else {
            value = .nested
        }
    }
}
