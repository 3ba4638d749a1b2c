import ArgumentParser
import Columnar
import Foundation
import Store

/// `chm init`: creates a workspace with its secret key.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace, with the secret key that keys visitor hashes.",
        discussion: """
        A workspace is also created by its first ingest; init makes one explicitly.
        The secret (32 random bytes) stays in the workspace file: visitor hashes made
        with it cannot be linked to IP addresses without it. An existing workspace is
        left as it is.
        Example:
          chm init --db cop-2025.db
        """
    )

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        try reportingErrors {
            let path = workspace.resolvedPath
            let opened = try Workspace.initialise(path: path)
            if opened.created {
                note("Created workspace \(path) with a new 32-byte secret key for visitor hashing.")
            } else {
                let when = try opened.workspace.createdAt().map { " (created \(CivilTime.format($0)) UTC)" } ?? ""
                note("\(path) is already a workspace\(when); nothing changed.")
            }
        }
    }
}
