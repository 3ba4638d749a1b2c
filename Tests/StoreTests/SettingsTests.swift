import Foundation
import Store
import Testing

@Suite struct SettingsTests {
    @Test func initialiseCreatesOnceWithASecret() throws {
        let temp = TemporaryWorkspace()
        let first = try Workspace.initialise(path: temp.path)
        #expect(first.created)
        let secret = try first.workspace.secret()
        #expect(secret.count == 32)
        #expect(Set(secret).count > 8, "a random key has many distinct bytes")
        let again = try Workspace.initialise(path: temp.path)
        #expect(!again.created)
        #expect(try again.workspace.secret() == secret, "reopening keeps the key")
    }

    @Test func twoWorkspacesHaveDifferentSecrets() throws {
        let a = TemporaryWorkspace(), b = TemporaryWorkspace()
        #expect(try a.open().secret() != b.open().secret())
    }

    @Test func visibleSettingsLeaveTheSecretOut() throws {
        let temp = TemporaryWorkspace()
        let ws = try temp.open()
        try ws.setSetting("web.search_param", "q")
        let settings = try ws.visibleSettings()
        #expect(settings["secret"] == nil)
        #expect(settings["web.search_param"] == "q")
        #expect(settings["format_version"] == "1")
        let now = Int64(Date().timeIntervalSince1970)
        let created = try #require(try ws.createdAt())
        #expect(abs(created - now) < 600)
        #expect(throws: StoreError.self) { try ws.setSetting("secret", "00") }
    }
}
