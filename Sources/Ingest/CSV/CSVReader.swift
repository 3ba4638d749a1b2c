/// One record of a CSV file: its fields (unquoted, unescaped) and where it
/// started.
struct CSVRecord {
    /// Field bytes, back to back; `fields[i]` is a range into it.
    var bytes: [UInt8] = []
    var fields: [Range<Int>] = []
    /// 1-based line on which the record starts.
    var line = 0
    /// The record's raw text, for rejects.
    var raw: [UInt8] = []

    var count: Int { fields.count }

    /// Calls `body` with the bytes of field `i`.
    @inline(__always)
    func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[fields[i]])) }
    }

    /// Field `i` as a string (UTF-8 validated by the reader beforehand).
    func string(_ i: Int) -> String { withField(i) { String(decoding: $0, as: UTF8.self) } }

    /// The raw line as text, for error messages and rejects.
    var rawText: String {
        var end = raw.count
        while end > 0, raw[end - 1] == 0x0A || raw[end - 1] == 0x0D { end -= 1 }
        return String(decoding: raw[..<end], as: UTF8.self)
    }
}

/// Reads RFC 4180 CSV byte by byte from a chunked source: quoted fields
/// with `""` escapes and embedded line breaks, LF or CRLF line ends, an
/// optional UTF-8 byte-order mark, a configurable delimiter.
struct CSVReader {
    let delimiter: UInt8
    let quote: UInt8 = 0x22
    private let next: () throws -> [UInt8]
    private let fileName: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var started = false

    /// - Parameters:
    ///   - delimiter: the field separator byte.
    ///   - fileName: named in errors.
    ///   - chunks: returns the next chunk of the file, empty at the end.
    init(delimiter: UInt8, fileName: String, chunks: @escaping () throws -> [UInt8]) {
        self.delimiter = delimiter
        self.fileName = fileName
        next = chunks
    }

    private mutating func fill() throws -> Bool {
        while position >= buffer.count {
            if atEnd { return false }
            buffer = try next()
            position = 0
            if buffer.isEmpty { atEnd = true; return false }
            if !started {
                // Gather at least three bytes so a byte-order mark split across chunks is still seen.
                while buffer.count < 3 {
                    let more = try next()
                    if more.isEmpty { atEnd = true; break }
                    buffer += more
                }
                started = true
                if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
            }
        }
        return true
    }

    /// Reads the next record into `record`; false at the end of the file.
    /// - Throws: ``IngestError`` for an unterminated quote, text after a
    ///   closing quote, or bytes that are not UTF-8.
    mutating func read(into record: inout CSVRecord) throws -> Bool {
        record.bytes.removeAll(keepingCapacity: true)
        record.fields.removeAll(keepingCapacity: true)
        record.raw.removeAll(keepingCapacity: true)
        guard try fill() else { return false }
        record.line = line
        var fieldStart = 0
        var quoted = false
        var afterQuote = false
        var ascii: UInt8 = 0
        while true {
            guard try fill() else {
                if quoted {
                    throw IngestError(.malformed, "a quoted field opened on this line is never closed", file: fileName, line: record.line)
                }
                record.fields.append(fieldStart..<record.bytes.count)
                break
            }
            let start = position
            var ended = false
            buffer.withUnsafeBufferPointer { b in
                var i = position
                let n = b.count
                while i < n {
                    let c = b[i]
                    ascii |= c
                    if quoted {
                        if c == quote {
                            quoted = false
                            afterQuote = true
                        } else {
                            if c == 0x0A { line += 1 }
                            record.bytes.append(c)
                        }
                        i += 1
                        continue
                    }
                    if c == delimiter {
                        record.fields.append(fieldStart..<record.bytes.count)
                        fieldStart = record.bytes.count
                        afterQuote = false
                    } else if c == 0x0A {
                        line += 1
                        i += 1
                        ended = true
                        break
                    } else if c == 0x0D {
                        // Dropped: CRLF line ends (a lone CR inside a field is kept only when quoted).
                    } else if c == quote {
                        if afterQuote {
                            // A doubled quote inside a quoted field: "" → ".
                            record.bytes.append(quote)
                            quoted = true
                            afterQuote = false
                        } else if record.bytes.count == fieldStart {
                            quoted = true
                        } else {
                            record.bytes.append(c)
                        }
                    } else {
                        if afterQuote { break }
                        record.bytes.append(c)
                    }
                    i += 1
                }
                position = i
            }
            record.raw.append(contentsOf: buffer[start..<position])
            if afterQuote, position < buffer.count, !ended, buffer[position] != delimiter, buffer[position] != 0x0A, buffer[position] != 0x0D {
                throw IngestError(.malformed, "unexpected text after a closing quote", file: fileName, line: line)
            }
            if ended {
                record.fields.append(fieldStart..<record.bytes.count)
                break
            }
        }
        if ascii >= 0x80, String(validating: record.bytes, as: UTF8.self) == nil {
            throw IngestError(.malformed, "the line is not valid UTF-8 text", file: fileName, line: record.line)
        }
        return true
    }
}
