import Foundation

/// Cuts an input into lines without copying them, except a line that spans
/// two chunks. `\r\n` endings lose their `\r`. A line longer than
/// ``maxLineBytes`` is handed over once, cut, marked oversized; the rest of
/// it is skipped, so one runaway line cannot exhaust memory.
struct LineSplitter {
    /// How a line ended.
    enum Ending { case newline, endOfFile, oversized }

    static let maxLineBytes = 65_536

    private var carry: [UInt8] = []
    private var skipping = false
    /// The number of the last line handed over (1-based).
    private(set) var lineNumber = 0

    /// Calls `body` with every line of `input`, in order.
    mutating func run(_ input: InputStream, _ body: (UnsafeBufferPointer<UInt8>, Int, Ending) throws -> Void) throws {
        while true {
            let chunk = try input.read()
            if chunk.isEmpty { break }
            try chunk.withUnsafeBufferPointer { try feed($0, body) }
        }
        try finish(body)
    }

    /// Hands over the last line when the input does not end with a newline.
    mutating func finish(_ body: (UnsafeBufferPointer<UInt8>, Int, Ending) throws -> Void) rethrows {
        if !carry.isEmpty, !skipping {
            lineNumber += 1
            let line = carry
            carry.removeAll()
            try line.withUnsafeBufferPointer { try body(Self.trimCR($0), lineNumber, .endOfFile) }
        }
    }

    /// Splits one chunk; the unfinished tail waits in `carry` for the next.
    mutating func feed(_ buf: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int, Ending) throws -> Void) throws {
        guard let base = buf.baseAddress else { return }
        var start = 0
        while start < buf.count {
            guard let hit = memchr(base + start, 0x0A, buf.count - start) else {
                if !skipping {
                    carry.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start...]))
                    if carry.count > Self.maxLineBytes {
                        lineNumber += 1
                        let line = carry
                        carry.removeAll(keepingCapacity: true)
                        skipping = true
                        try line.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<Self.maxLineBytes]), lineNumber, .oversized) }
                    }
                }
                return
            }
            let newline = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
            if skipping {
                skipping = false
                start = newline + 1
                continue
            }
            lineNumber += 1
            if carry.isEmpty {
                let line = UnsafeBufferPointer(rebasing: buf[start..<newline])
                if line.count > Self.maxLineBytes {
                    try body(UnsafeBufferPointer(rebasing: line[..<(line.startIndex + Self.maxLineBytes)]), lineNumber, .oversized)
                } else {
                    try body(Self.trimCR(line), lineNumber, .newline)
                }
            } else {
                carry.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<newline]))
                let line = carry
                carry.removeAll(keepingCapacity: true)
                try line.withUnsafeBufferPointer { all in
                    if all.count > Self.maxLineBytes {
                        try body(UnsafeBufferPointer(rebasing: all[..<Self.maxLineBytes]), lineNumber, .oversized)
                    } else {
                        try body(Self.trimCR(all), lineNumber, .newline)
                    }
                }
            }
            start = newline + 1
        }
    }

    @inline(__always) static func trimCR(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        if let last = line.last, last == 0x0D { return UnsafeBufferPointer(rebasing: line[..<(line.endIndex - 1)]) }
        return line
    }
}
