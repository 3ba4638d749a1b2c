import Crypto
import Foundation

/// A file read front to back in large chunks, hashed with SHA-256 on the
/// way so that a batch records exactly the bytes it ingested.
///
/// A final class because it owns an open file handle.
final class InputFile {
    let path: String
    private let handle: FileHandle
    private var hasher = SHA256()
    private(set) var bytesRead = 0
    /// Total size when known (regular files), for progress and ETA.
    let size: Int?
    static let chunkSize = 1 << 20

    init(path: String) throws {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw IngestError(.unreadable, exists ? "cannot open the file for reading" : "no such file", file: path)
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw IngestError(.unreadable, "is a directory, not a file", file: path)
        }
        self.handle = handle
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        size = (attributes?[.size] as? NSNumber)?.intValue
    }

    deinit { try? handle.close() }

    /// The next chunk of bytes, empty at the end of the file.
    func read() throws -> [UInt8] {
        let data: Data
        do {
            data = try handle.read(upToCount: InputFile.chunkSize) ?? Data()
        } catch {
            throw IngestError(.unreadable, "read failed: \(error.localizedDescription)", file: path)
        }
        hasher.update(data: data)
        bytesRead += data.count
        return [UInt8](data)
    }

    /// Starts again from the beginning (a second pass over a regular file).
    func rewind() throws {
        try handle.seek(toOffset: 0)
        hasher = SHA256()
        bytesRead = 0
    }

    /// Lower-case hex SHA-256 of everything read so far.
    var sha256: String {
        hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// SHA-256 of a whole file, read in chunks.
    static func sha256(of path: String) throws -> String {
        let file = try InputFile(path: path)
        while try !file.read().isEmpty {}
        return file.sha256
    }
}
