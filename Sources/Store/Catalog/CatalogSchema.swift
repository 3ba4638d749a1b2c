import Foundation
import GRDB

/// The workspace catalog: ordinary SQLite tables beside the column segments.
///
/// Versioned by a GRDB migrator; `chm_settings.format_version` tells which
/// layout of segments and dictionaries the file holds.
enum _CatalogSchema {
    /// The catalog and segment format this version of chm writes and reads.
    static let formatVersion = 1

    /// Keys of settings the workspace owns; `setSetting` refuses them.
    static let reservedSettings: Set<String> = ["format_version", "created_at", "secret"]

    /// The migrations, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("chm-v1") { db in
            try db.execute(sql: """
                CREATE TABLE chm_settings (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );
                CREATE TABLE chm_tables (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    row_count INTEGER NOT NULL DEFAULT 0,
                    version INTEGER NOT NULL DEFAULT 0,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE chm_columns (
                    table_id INTEGER NOT NULL REFERENCES chm_tables(id) ON DELETE CASCADE,
                    ordinal INTEGER NOT NULL,
                    name TEXT NOT NULL COLLATE NOCASE,
                    type TEXT NOT NULL,
                    first_row INTEGER NOT NULL,
                    PRIMARY KEY (table_id, ordinal),
                    UNIQUE (table_id, name)
                );
                CREATE TABLE chm_segments (
                    table_id INTEGER NOT NULL,
                    column_ordinal INTEGER NOT NULL,
                    segment_no INTEGER NOT NULL,
                    row_count INTEGER NOT NULL,
                    null_count INTEGER NOT NULL,
                    encoding TEXT NOT NULL,
                    min_int INTEGER,
                    max_int INTEGER,
                    min_float REAL,
                    max_float REAL,
                    byte_size INTEGER NOT NULL,
                    checksum INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    FOREIGN KEY (table_id, column_ordinal) REFERENCES chm_columns(table_id, ordinal) ON DELETE CASCADE
                );
                CREATE UNIQUE INDEX chm_segments_key ON chm_segments(table_id, column_ordinal, segment_no);
                CREATE TABLE chm_dictionaries (
                    table_id INTEGER NOT NULL,
                    column_ordinal INTEGER NOT NULL,
                    chunk_no INTEGER NOT NULL,
                    first_code INTEGER NOT NULL,
                    count INTEGER NOT NULL,
                    byte_size INTEGER NOT NULL,
                    checksum INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    FOREIGN KEY (table_id, column_ordinal) REFERENCES chm_columns(table_id, ordinal) ON DELETE CASCADE
                );
                CREATE UNIQUE INDEX chm_dictionaries_key ON chm_dictionaries(table_id, column_ordinal, chunk_no);
                CREATE TABLE chm_batches (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    table_name TEXT NOT NULL COLLATE NOCASE,
                    source TEXT NOT NULL,
                    file_name TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    rows INTEGER NOT NULL DEFAULT 0,
                    rejects INTEGER NOT NULL DEFAULT 0,
                    started_at INTEGER NOT NULL,
                    ended_at INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('committed', 'failed')),
                    message TEXT
                );
                CREATE INDEX chm_batches_sha256 ON chm_batches(sha256, table_name);
                CREATE TABLE chm_rejects (
                    batch_id INTEGER NOT NULL REFERENCES chm_batches(id) ON DELETE CASCADE,
                    line INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    text TEXT NOT NULL
                );
                CREATE INDEX chm_rejects_batch ON chm_rejects(batch_id, line);
                """)
            var generator = SystemRandomNumberGenerator()
            let secret = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let settings: [(String, String)] = [
                ("format_version", String(formatVersion)),
                ("created_at", String(_Clock.now())),
                ("secret", _Hex.encode(secret)),
            ]
            for (key, value) in settings {
                try db.execute(sql: "INSERT INTO chm_settings (key, value) VALUES (?, ?)", arguments: [key, value])
            }
        }
        return migrator
    }

    /// Page size of new workspaces: segments are blobs of tens to hundreds of
    /// kilobytes, and large pages make their overflow chains short to read.
    static let pageSize = 16_384

    /// Checks, on every new connection, that the file is empty (a workspace to
    /// create) or a chm workspace, before anything is written to it.
    static func checkIsWorkspace(_ db: Database, path: String, allowEmpty: Bool) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        if tables.isEmpty {
            guard allowEmpty else {
                throw StoreError(.notAWorkspace, "\(path) is an empty database, not a chm workspace.", context: ["path": path])
            }
            // Only possible before the first table exists and before WAL mode is set.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA page_size = \(pageSize)") }
            return
        }
        guard tables.contains("chm_settings") else {
            throw StoreError(.notAWorkspace, "\(path) is an SQLite database but not a chm workspace.", context: ["path": path])
        }
    }

    /// Checks that this version of chm reads the workspace's format.
    static func checkVersion(_ db: Database, path: String) throws {
        let stored = try String.fetchOne(db, sql: "SELECT value FROM chm_settings WHERE key = 'format_version'")
        guard let stored, let version = Int(stored) else {
            throw StoreError(.corrupt, "The workspace \(path) does not record its format version.", context: ["path": path])
        }
        guard version <= formatVersion, try !migrator.hasBeenSuperseded(db) else {
            throw StoreError(.unsupportedVersion,
                             "The workspace \(path) was written by a newer version of chm (format \(version)); this version reads format \(formatVersion) and older.",
                             context: ["path": path, "format": stored])
        }
    }
}
