import Foundation
import TestSupport
import Testing

/// What a sync leaves on disk besides the files' content (docs/merge-rules.md#writing-files-safely): a killed run's
/// temporary files are ignored by `check` and removed by the next `sync`; permission bits are kept.
@Suite struct WriteSafetyTests {
    @Test func aStaleTemporaryFileIsIgnoredByCheckAndRemovedByTheNextSync() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let stale = ".xai.yml.tmp-4242-abc"
        try Data("provider: xai\nmodels:\n  grok-2:\n    name: [half writ".utf8).write(
            to: runner.modelsDirectory.appendingPathComponent(stale))

        let check = try await runner.run(["check", "--source", SyncBadInputTests.old], expecting: 0)
        #expect(check.stdout.hasSuffix("3 files: 3 current\n"), "\(check.stdout)")
        #expect(
            runner.directory.files(in: "config/models").contains(stale), "check takes no lock and removes nothing")

        let sync = try await runner.run(["sync", "--source", SyncBadInputTests.new], expecting: 0)
        #expect(sync.stderr.contains("warning: removed \(stale), left by an interrupted run\n"), "\(sync.stderr)")
        #expect(sync.stdout.contains("\n3 files: 3 updated\n"), "\(sync.stdout)")
        #expect(
            runner.directory.files(in: "config/models") == [
                ".modelsync.lock", "anthropic.yml", "deepseek.yml", "xai.yml",
            ])
    }

    @Test func aSyncKeepsEachFilesPermissionBits() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let modes: [String: Int16] = ["anthropic": 0o600, "deepseek": 0o640, "xai": 0o755]
        for (id, mode) in modes {
            try FileManager.default.setAttributes(
                [.posixPermissions: mode], ofItemAtPath: runner.providerFile(id).path)
        }
        let before = try runner.modelsState()
        try await runner.run(["sync", "--quiet", "--source", SyncBadInputTests.new], expecting: 0)
        let after = try runner.modelsState()
        for (id, mode) in modes {
            #expect(after.files["\(id).yml"]?.bytes != before.files["\(id).yml"]?.bytes, "\(id) was rewritten")
            #expect((after.files["\(id).yml"]?.mode ?? 0) & 0o7777 == UInt32(mode), "\(id)")
        }
    }
}
