import Foundation
import GRDB

/// What `chm init` needs from a workspace: whether it was just made, when it
/// was made, and its settings without the secret.
extension Workspace {
    /// A workspace opened by ``initialise(path:)``.
    public struct Initialisation: Sendable {
        /// The workspace.
        public var workspace: Workspace
        /// Whether the file was created now (with a new secret) rather than found.
        public var created: Bool
    }

    /// Opens the workspace at `path`, creating it (catalog and a random
    /// 32-byte secret for visitor hashing) when the file is missing or empty.
    /// - Throws: `StoreError` as ``open(path:create:)`` does.
    public static func initialise(path: String) throws -> Initialisation {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
        let created = size == nil || size == 0
        return Initialisation(workspace: try open(path: path, create: true), created: created)
    }

    /// When the workspace was created, in seconds since 1970 UTC.
    /// - Throws: `StoreError` when the workspace cannot be read.
    public func createdAt() throws -> Int64? {
        try setting("created_at").flatMap { Int64($0) }
    }

    /// Every setting except the secret, which never leaves the workspace.
    /// - Throws: `StoreError` when the workspace cannot be read.
    public func visibleSettings() throws -> [String: String] {
        try read("read settings") { db in
            var out: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM chm_settings WHERE key <> 'secret'") {
                out[row["key"]] = row["value"] as String
            }
            return out
        }
    }
}
