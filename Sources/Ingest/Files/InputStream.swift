import CZlib
import Foundation

/// A file read front to back in large chunks — plain, gzip-compressed
/// (detected by its magic bytes, concatenated members included, as rotated
/// logs are) or standard input — hashed with SHA-256 on the way, so that a
/// batch records exactly the bytes it was given.
///
/// A final class because it owns an open file and, for gzip, zlib's state.
final class InputStream {
    /// The path as given (`-` for standard input).
    let path: String
    /// The name recorded in the batch.
    let displayName: String
    private let handle: FileHandle
    private let hasher = ChunkHasher()
    /// Bytes read from the file (compressed bytes for gzip).
    private(set) var bytesRead = 0
    /// The file's size when known, for progress and ETA.
    let size: Int?
    private var zlib: UnsafeMutablePointer<z_stream>?
    private var compressed: [UInt8] = []
    private var compressedOffset = 0
    private var finished = false
    private var temporary: URL?
    static let chunkSize = 1 << 20

    /// Opens `path`; `-` spools standard input to a temporary file first, so
    /// that it can be read again when an ingester needs a second pass.
    init(path: String) throws {
        self.path = path
        var readPath = path
        if path == "-" {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("chm-stdin-\(UUID().uuidString)")
            FileManager.default.createFile(atPath: url.path, contents: nil)
            let out = try FileHandle(forWritingTo: url)
            while let data = try FileHandle.standardInput.read(upToCount: InputStream.chunkSize), !data.isEmpty { out.write(data) }
            try out.close()
            temporary = url
            readPath = url.path
            displayName = "stdin"
        } else {
            displayName = (path as NSString).lastPathComponent
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: readPath, isDirectory: &isDirectory) else {
            throw IngestError(.unreadable, "no such file", file: path)
        }
        guard !isDirectory.boolValue else { throw IngestError(.unreadable, "is a directory, not a file", file: path) }
        guard let handle = FileHandle(forReadingAtPath: readPath) else {
            throw IngestError(.unreadable, "cannot open the file for reading", file: path)
        }
        self.handle = handle
        size = ((try? FileManager.default.attributesOfItem(atPath: readPath))?[.size] as? NSNumber)?.intValue
    }

    deinit {
        if let zlib {
            inflateEnd(zlib)
            zlib.deallocate()
        }
        try? handle.close()
        if let temporary { try? FileManager.default.removeItem(at: temporary) }
    }

    /// The next chunk of the file as it is stored, read straight into the
    /// array handed on (no `Data` in between, so no second copy); the hasher
    /// shares the same array.
    private func readRaw() throws -> [UInt8] {
        let fd = handle.fileDescriptor
        var failure: Int32 = 0
        let chunk = [UInt8](unsafeUninitializedCapacity: InputStream.chunkSize) { buffer, count in
            var got = 0
            while got < buffer.count {
                let r = readFile(fd, buffer.baseAddress! + got, buffer.count - got)
                if r > 0 {
                    got += r
                } else if r == 0 {
                    break
                } else if errno != EINTR {
                    failure = errno
                    break
                }
            }
            count = got
        }
        if failure != 0 {
            throw IngestError(.unreadable, "read failed: \(String(cString: strerror(failure)))", file: path)
        }
        hasher.update(chunk)
        bytesRead += chunk.count
        return chunk
    }

    /// The next chunk of (decompressed) bytes; empty at the end.
    func read() throws -> [UInt8] {
        if finished { return [] }
        if zlib == nil, bytesRead == 0 {
            let first = try readRaw()
            if first.count >= 2, first[0] == 0x1F, first[1] == 0x8B {
                try startInflating(first)
                return try inflateChunk()
            }
            if first.isEmpty { finished = true }
            return first
        }
        if zlib != nil { return try inflateChunk() }
        let chunk = try readRaw()
        if chunk.isEmpty { finished = true }
        return chunk
    }

    private func startInflating(_ first: [UInt8]) throws {
        let z = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        z.initialize(to: z_stream())
        guard chm_inflate_init_gzip(z) == Z_OK else {
            z.deallocate()
            throw IngestError(.wrongFormat, "cannot start reading the gzip data", file: path)
        }
        zlib = z
        compressed = first
        compressedOffset = 0
    }

    private func inflateChunk() throws -> [UInt8] {
        guard let z = zlib else { return [] }
        var output = [UInt8](repeating: 0, count: InputStream.chunkSize * 4)
        var produced = 0
        reading: while produced < output.count {
            if compressedOffset >= compressed.count {
                compressed = try readRaw()
                compressedOffset = 0
                if compressed.isEmpty {
                    guard memberComplete else {
                        throw IngestError(.malformed, "the gzip data is truncated", file: path)
                    }
                    finished = true
                    break
                }
            }
            let status: Int32 = compressed.withUnsafeMutableBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    z.pointee.next_in = input.baseAddress! + compressedOffset
                    z.pointee.avail_in = UInt32(input.count - compressedOffset)
                    z.pointee.next_out = out.baseAddress! + produced
                    z.pointee.avail_out = UInt32(out.count - produced)
                    let s = inflate(z, Z_NO_FLUSH)
                    produced = out.count - Int(z.pointee.avail_out)
                    compressedOffset = input.count - Int(z.pointee.avail_in)
                    return s
                }
            }
            switch status {
            case Z_OK:
                memberComplete = false
            case Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                // Another member may follow (rotated logs are often concatenated gzip files).
                memberComplete = true
                inflateReset(z)
            default:
                // Padding after a complete member is ignored, as gzip does.
                if memberComplete {
                    finished = true
                    break reading
                }
                throw IngestError(.malformed, "the gzip data is corrupt", file: path)
            }
        }
        output.removeLast(output.count - produced)
        return output
    }

    private var memberComplete = false

    /// Hashes each chunk on the thread that reads it from now on, instead of
    /// on a thread of the hash's own (see ``ChunkHasher/hashesWhileReading``).
    func hashWhileReading() {
        hasher.hashesWhileReading = true
    }

    /// Lower-case hex SHA-256 of everything read so far.
    var sha256: String { hasher.hex }

    /// Starts again from the beginning (for a second pass).
    func rewind() throws {
        try handle.seek(toOffset: 0)
        hasher.reset()
        bytesRead = 0
        finished = false
        if let zlib {
            inflateEnd(zlib)
            zlib.deallocate()
            self.zlib = nil
        }
        compressed = []
        compressedOffset = 0
        memberComplete = false
    }

    /// Reads whatever the consumer left unread, without decompressing it, and
    /// returns the SHA-256 of the whole file; nothing is left to read after it.
    ///
    /// The hash is taken over the raw bytes as they are read, so a batch costs
    /// one pass over its file; this tops it up when a reader stopped early.
    func finishHashing() throws -> String {
        while try !readRaw().isEmpty {}
        finished = true
        return sha256
    }
}

/// read(2), under a name the type's own `read()` does not hide.
private func readFile(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(fd, buffer, count)
}
