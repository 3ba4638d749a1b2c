import Columnar
import Foundation
import GRDB
import Synchronization

/// A chm workspace: one SQLite file holding a catalog and the tables' data
/// as compressed column segments.
///
/// Sendable: every stored property is immutable and itself Sendable. The
/// GRDB `DatabasePool` serialises writes on its writer connection and runs
/// reads on a pool of WAL reader connections, each a consistent snapshot;
/// the segment and dictionary caches guard their state with a mutex. So one
/// workspace may be shared by any number of threads (a shell, an HTTP
/// service), and the compiler checks that this stays true.
public final class Workspace: Catalog {
    /// Rows per segment: every column of a table splits its rows at the same
    /// boundaries, and segment `k` holds rows `k * rowsPerSegment ..< (k + 1) * rowsPerSegment`.
    public static let rowsPerSegment = 65_536

    /// Bytes of decoded segments kept in memory unless `CHM_CACHE_BYTES` says otherwise.
    public static let defaultCacheBytes = 4 << 30

    /// How long a connection waits for another process's lock before giving up.
    static let busyTimeoutMilliseconds = 30_000

    /// The size the write-ahead log is brought back to after a large batch.
    static let logSizeLimit = 4 << 20

    /// The workspace file.
    public let path: String
    let pool: DatabasePool
    let chunks: _ChunkCache
    let dictionaries = _DictionaryCache()
    /// The catalog records of each table's latest snapshot, reused while the
    /// table's version is unchanged. Records, not `StoredTable`s: a snapshot
    /// holds its workspace, so caching snapshots here would be a retain cycle.
    let snapshots = Mutex<[Int64: _SnapshotRecords]>([:])
    private let secretBytes: [UInt8]

    /// How much of the workspace file SQLite maps into memory for reading.
    static let mappedBytes = 1 << 34

    private init(path: String, pool: DatabasePool, secret: [UInt8], cacheBytes: Int) {
        self.path = path
        self.pool = pool
        self.secretBytes = secret
        self.chunks = _ChunkCache(budget: cacheBytes)
    }

    /// Opens the workspace at `path`, creating it when asked.
    ///
    /// A new workspace gets its catalog and a random 32-byte secret.
    /// - Parameters:
    ///   - path: the workspace file.
    ///   - create: whether to create the file when it does not exist.
    /// - Throws: `StoreError` `.notFound` when the file is missing and `create`
    ///   is false; `.notAWorkspace` for a file that is not a chm workspace;
    ///   `.unsupportedVersion` for one written by a newer chm; `.io` when the
    ///   file cannot be opened or created.
    public static func open(path: String, create: Bool) throws -> Workspace {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists, isDirectory.boolValue {
            throw StoreError(.notAWorkspace, "\(path) is a folder, not a chm workspace.", context: ["path": path])
        }
        if !exists, !create {
            throw StoreError(.notFound, "There is no workspace at \(path).", context: ["path": path])
        }
        if exists { try checkHeader(path: path, create: create) }

        var configuration = Configuration()
        configuration.label = "chm"
        configuration.busyMode = .timeout(TimeInterval(busyTimeoutMilliseconds) / 1000)
        configuration.prepareDatabase { db in
            try _CatalogSchema.checkIsWorkspace(db, path: path, allowEmpty: create)
            try db.execute(sql: "PRAGMA journal_size_limit = \(logSizeLimit)")
            // Segments are read straight from the mapped file rather than a page
            // at a time through read(2) (a 64k-row segment spans many pages).
            // chm never shrinks the file (no VACUUM), which mapping would not survive.
            try db.execute(sql: "PRAGMA mmap_size = \(mappedBytes)")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            // Check the version before migrating, and migrate only when needed:
            // opening an up-to-date workspace writes nothing, so it never waits
            // for another process's long batch.
            let pending = try pool.read { db -> Bool in
                if try db.tableExists("chm_settings") { try _CatalogSchema.checkVersion(db, path: path) }
                return try !_CatalogSchema.migrator.hasCompletedMigrations(db)
            }
            if pending { try _CatalogSchema.migrator.migrate(pool) }
            let secret = try pool.read { db -> [UInt8] in
                let hex = try String.fetchOne(db, sql: "SELECT value FROM chm_settings WHERE key = 'secret'")
                guard let hex, let bytes = _Hex.decode(hex), bytes.count == 32 else {
                    throw StoreError(.corrupt, "The workspace \(path) has lost its secret key.", context: ["path": path])
                }
                return bytes
            }
            return Workspace(path: path, pool: pool, secret: secret, cacheBytes: cacheBudget())
        } catch {
            throw StoreError.translating(error, "open the workspace", path: path)
        }
    }

    /// Rejects files that are not SQLite databases before SQLite touches them.
    private static func checkHeader(path: String, create: Bool) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(.io, "The workspace \(path) cannot be read (check its permissions).", context: ["path": path])
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty {
            guard create else {
                throw StoreError(.notAWorkspace, "\(path) is an empty file, not a chm workspace.", context: ["path": path])
            }
            return
        }
        guard header == Data("SQLite format 3\u{0}".utf8) else {
            throw StoreError(.notAWorkspace, "\(path) is not a chm workspace (it is not an SQLite database).", context: ["path": path])
        }
    }

    /// The cache budget from the `CHM_CACHE_BYTES` environment variable.
    static func cacheBudget() -> Int {
        cacheBudget(ProcessInfo.processInfo.environment["CHM_CACHE_BYTES"])
    }

    /// Parses a cache budget: bytes, or a number with a K, M or G suffix;
    /// the default when absent or unreadable.
    static func cacheBudget(_ setting: String?) -> Int {
        guard let text = setting?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return defaultCacheBytes }
        let multipliers: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(text)
        var multiplier = 1
        if let last = digits.last?.uppercased().first, let m = multipliers[last] {
            multiplier = m
            digits = digits.dropLast()
        }
        guard let n = Int(digits), n >= 0 else { return defaultCacheBytes }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: multiplier)
        return overflow ? Int.max : bytes
    }

    /// Runs `body` in a read transaction, translating database errors.
    func read<T>(_ action: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError.translating(error, action, path: path)
        }
    }

    /// Runs `body` in a write transaction, translating database errors.
    func write<T>(_ action: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch {
            throw StoreError.translating(error, action, path: path)
        }
    }

    /// The workspace's 32-byte secret, created with it, for keyed visitor hashing.
    ///
    /// Safe to call from inside an append's body: it is read once when the workspace opens.
    public func secret() throws -> [UInt8] { secretBytes }

    /// The value of a setting, or `nil`.
    /// - Parameter key: the setting's name.
    /// - Throws: `StoreError` when the workspace cannot be read.
    public func setting(_ key: String) throws -> String? {
        try read("read setting \(key)") { db in
            try String.fetchOne(db, sql: "SELECT value FROM chm_settings WHERE key = ?", arguments: [key])
        }
    }

    /// Sets or (with `nil`) removes a setting.
    /// - Parameters:
    ///   - key: the setting's name; `format_version`, `created_at` and `secret` belong to the workspace.
    ///   - value: the new value, or `nil` to remove it.
    /// - Throws: `StoreError(.invalidArgument)` for the workspace's own keys; `StoreError` on write failure.
    public func setSetting(_ key: String, _ value: String?) throws {
        guard !_CatalogSchema.reservedSettings.contains(key) else {
            throw StoreError(.invalidArgument, "The setting \(key) belongs to the workspace and cannot be changed.", context: ["setting": key])
        }
        try write("change setting \(key)") { db in
            if let value {
                try db.execute(sql: "INSERT OR REPLACE INTO chm_settings (key, value) VALUES (?, ?)", arguments: [key, value])
            } else {
                try db.execute(sql: "DELETE FROM chm_settings WHERE key = ?", arguments: [key])
            }
        }
    }

    /// Removes a table, its data and the records of the batches that filled it
    /// (so the same files can be ingested again).
    /// - Parameter name: the table's name, in any case.
    /// - Throws: `StoreError(.notFound)` when there is no such table.
    public func dropTable(_ name: String) throws {
        let id = try write("drop table \(name)") { db -> Int64 in
            guard let table = try _CatalogQueries.table(db, named: name) else {
                throw StoreError(.notFound, "There is no table \(name) in \(path).", context: ["path": path, "table": name])
            }
            try db.execute(sql: "DELETE FROM chm_tables WHERE id = ?", arguments: [table.id])
            try db.execute(sql: "DELETE FROM chm_batches WHERE table_name = ?", arguments: [table.name])
            return table.id
        }
        chunks.removeTable(id)
        snapshots.withLock { $0[id] = nil }
        dictionaries.removeTable(id)
    }

    /// Gives back the disk space a large batch left in the write-ahead log.
    ///
    /// Best effort: with a short wait, so a reader holding an old snapshot
    /// delays nothing; the log is then reused and trimmed by a later batch.
    func shrinkLog() {
        let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? 0
        guard log > Self.logSizeLimit else { return }
        try? pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 200")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Self.busyTimeoutMilliseconds)") }
            _ = try db.checkpoint(.truncate)
        }
    }

    /// Bytes the workspace takes on disk, its write-ahead log included.
    public var fileSize: Int {
        [path, path + "-wal"].reduce(0) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue
            return total + (size ?? 0)
        }
    }

    /// How much of the segment cache is in use.
    public var cacheUsage: CacheUsage {
        let (entries, bytes) = chunks.usage
        return CacheUsage(segments: entries, bytes: bytes, budget: chunks.budget)
    }
}
