import Diagnostics
import Foundation
import LosslessYAML
import SafeFiles
import TestSupport
import Testing

@testable import ModelsyncApp

/// `Workspace` and `content(of:)`: files parsed ahead of the merge are handed over once (a prefetch error is the
/// file's error unless the file is gone since); a run that does not write creates, locks and removes nothing; a run
/// that writes creates the directory, holds its lock against a second run, removes a killed run's temporary files
/// with a warning, and reports a failed write as a diagnostic naming the file as shown.
@Suite struct WorkspaceTests {
    private static let anthropic = "provider: anthropic\nmodels: {}\n"

    private func modelsDirectory(in root: TemporaryDirectory) -> ResolvedPath {
        ResolvedPath("config/models", workingDirectory: root.path)
    }

    /// What parsing `text` as `config/models/<fileID>.yml` fails with.
    private func parseError(_ text: String, fileID: String) throws -> Diagnostic {
        let error = try #require(throws: (any Error).self) {
            try YAMLDocument(bytes: Array(text.utf8), path: "config/models/\(fileID).yml")
        }
        return try #require((error as? DiagnosticConvertible)?.diagnostic)
    }

    // MARK: Prefetched files

    @Test func aFileParsedAheadOfTheMergeIsHandedOverFromThePrefetchOnce() throws {
        let root = try TemporaryDirectory()
        try root.write("config/models/anthropic.yml", Self.anthropic)
        let workspace = try Workspace.open(modelsDirectory(in: root), writes: false)
        workspace.waitUntilPrefetched()
        // Gone since: only the parse made ahead can make this a parsed file.
        try FileManager.default.removeItem(atPath: root.file("config/models/anthropic.yml"))
        let content = workspace.content(of: "anthropic")
        #expect(content.parsedBytes == Array(Self.anthropic.utf8))
        if case .parsed(_, let document) = content {
            #expect(document.path == "config/models/anthropic.yml")
            #expect(document.bytes == Array(Self.anthropic.utf8))
        }
        // Handed over once: asked again, the file is looked at as it is now.
        #expect(workspace.content(of: "anthropic").isMissing)
    }

    @Test func aFileNotParsedAheadIsReadAsItIsNow() throws {
        let root = try TemporaryDirectory()
        try root.write("config/models/anthropic.yml", Self.anthropic)
        let workspace = try Workspace.open(modelsDirectory(in: root), writes: false)
        workspace.waitUntilPrefetched()
        // Created after opening: not listed, not prefetched, read when asked for.
        try root.write("config/models/openai.yml", "provider: openai\n")
        #expect(try workspace.providerFileIDs() == ["anthropic"])
        #expect(workspace.content(of: "openai").parsedBytes == Array("provider: openai\n".utf8))
        #expect(workspace.content(of: "mistral").isMissing)
    }

    @Test func aPrefetchFailureIsTheFilesError() throws {
        let root = try TemporaryDirectory()
        let broken = "models: [\n"
        try root.write("config/models/openai.yml", broken)
        let workspace = try Workspace.open(modelsDirectory(in: root), writes: false)
        workspace.waitUntilPrefetched()
        // Broken differently since: the error is the one met ahead, positioned in the file as shown.
        let duplicate = "models:\n  a: 1\n  a: 2\n"
        try root.write("config/models/openai.yml", duplicate)
        let diagnostic = try #require(workspace.content(of: "openai").unreadableDiagnostic)
        #expect(diagnostic == (try parseError(broken, fileID: "openai")))
        #expect(diagnostic.path == "config/models/openai.yml")
        #expect(diagnostic.position != nil)
        // Asked again, the file is read as it is now.
        #expect(workspace.content(of: "openai").unreadableDiagnostic == (try parseError(duplicate, fileID: "openai")))
    }

    @Test func aPrefetchFailureOfAFileGoneSinceIsAMissingFile() throws {
        let root = try TemporaryDirectory()
        try root.write("config/models/openai.yml", "models: [\n")
        let workspace = try Workspace.open(modelsDirectory(in: root), writes: false)
        workspace.waitUntilPrefetched()
        try FileManager.default.removeItem(atPath: root.file("config/models/openai.yml"))
        // Removed between the prefetch and the merge: new, as a run without the prefetch would find it.
        #expect(workspace.content(of: "openai").isMissing)
    }

    @Test func aFileThatCannotBeReadIsUnreadableNamingItAsShown() throws {
        let root = try TemporaryDirectory()
        // A directory named like a provider file is listed, and cannot be read.
        try FileManager.default.createDirectory(
            atPath: root.file("config/models/openai.yml"), withIntermediateDirectories: true)
        let workspace = try Workspace.open(modelsDirectory(in: root), writes: false)
        #expect(try workspace.providerFileIDs() == ["openai"])
        let diagnostic = try #require(workspace.content(of: "openai").unreadableDiagnostic)
        #expect(diagnostic.path == "config/models/openai.yml")
        #expect(diagnostic.message.description.hasPrefix("cannot read: "))
    }

    // MARK: Runs that do not write

    @Test func aRunThatDoesNotWriteCreatesNoDirectoryAndTakesNoLock() async throws {
        let root = try TemporaryDirectory()
        let workspace = try Workspace.open(modelsDirectory(in: root), writes: false)
        #expect(!FileManager.default.fileExists(atPath: root.file("config/models")))
        #expect(try workspace.providerFileIDs().isEmpty)
        #expect(workspace.content(of: "openai").isMissing)
        workspace.write(Array("x\n".utf8), to: "openai", index: 0)
        #expect(await workspace.finishWrites().isEmpty)
        workspace.commit(changedFiles: true)
        #expect(!FileManager.default.fileExists(atPath: root.file("config/models")))
        #expect(root.files().isEmpty)
    }

    @Test func aRunThatDoesNotWriteLeavesLockAndTemporaryFilesAlone() throws {
        let root = try TemporaryDirectory()
        try root.write("config/models/.openai.yml.tmp-123-abc", "half")
        let reader = try Workspace.open(modelsDirectory(in: root), writes: false)
        defer { reader.close() }
        #expect(reader.warnings.isEmpty)
        #expect(root.files(in: "config/models") == [".openai.yml.tmp-123-abc"])
        // Nothing holds the lock: a run that writes takes it without waiting.
        let writer = try Workspace.open(modelsDirectory(in: root), writes: true, lockWaitSeconds: 0)
        writer.close()
    }

    // MARK: Runs that write

    @Test func aRunThatWritesCreatesTheDirectoryAndHoldsItsLock() throws {
        let root = try TemporaryDirectory()
        let first = try Workspace.open(modelsDirectory(in: root), writes: true)
        #expect(root.files(in: "config/models") == [".modelsync.lock"])
        #expect(first.warnings.isEmpty)

        let failure = try #require(throws: RunFailure.self) {
            try Workspace.open(modelsDirectory(in: root), writes: true, lockWaitSeconds: 0)
        }
        #expect(failure.status == .locked)
        #expect(!failure.showsUsage)
        #expect(failure.diagnostics.count == 1)
        #expect(
            failure.diagnostics.map(commandLineRenderer.render) == [
                "error: config/models/.modelsync.lock: another modelsync sync holds the lock on this models directory; "
                    + "try again later, or pass --wait SECONDS"
            ])

        first.close()
        let second = try Workspace.open(modelsDirectory(in: root), writes: true, lockWaitSeconds: 0)
        second.close()
    }

    @Test func aLockWaitUsesTheGivenClockAndNamesTheWaitWhenItRunsOut() throws {
        let root = try TemporaryDirectory()
        let first = try Workspace.open(modelsDirectory(in: root), writes: true)
        defer { first.close() }
        let clock = FakeLockClock()
        let failure = try #require(throws: RunFailure.self) {
            try Workspace.open(modelsDirectory(in: root), writes: true, lockWaitSeconds: 1.5, waiting: clock.waiting)
        }
        #expect(failure.status == .locked)
        #expect(failure.diagnostics.first?.message.description.contains("after waiting 1.5 s;") == true)
        #expect(abs(clock.pauses.reduce(0, +) - 1.5) < 1e-9)
        #expect(clock.pauses.allSatisfy { $0 <= DirectoryLock.retryInterval })
    }

    @Test func staleTemporaryFilesAreRemovedWithAWarning() throws {
        let root = try TemporaryDirectory()
        try root.write("config/models/.openai.yml.tmp-123-abc", "half")
        try root.write("config/models/.notes.txt.tmp-1", "other")
        try root.write("config/models/openai.yml", "provider: openai\n")
        let workspace = try Workspace.open(modelsDirectory(in: root), writes: true)
        defer { workspace.close() }
        #expect(workspace.warnings.map(\.severity) == [.warning])
        #expect(
            workspace.warnings.map(commandLineRenderer.render) == [
                "warning: removed .openai.yml.tmp-123-abc, left by an interrupted run"
            ])
        #expect(root.files(in: "config/models") == [".modelsync.lock", ".notes.txt.tmp-1", "openai.yml"])
        #expect(try workspace.providerFileIDs() == ["openai"])
    }

    @Test func writesAreMadeByFinishWritesAndAFailureNamesTheFileAsShown() async throws {
        let root = try TemporaryDirectory()
        let workspace = try Workspace.open(modelsDirectory(in: root), writes: true)
        defer { workspace.close() }
        // The target is a directory now, which no rename can replace, whoever runs the test (root included).
        try FileManager.default.createDirectory(
            atPath: root.file("config/models/openai.yml"), withIntermediateDirectories: false)
        workspace.write(Array(Self.anthropic.utf8), to: "anthropic", index: 0)
        workspace.write(Array("provider: openai\n".utf8), to: "openai", index: 1)
        let failures = await workspace.finishWrites()
        #expect(Array(failures.keys) == [1])
        #expect(
            failures[1].map(commandLineRenderer.render)
                == "config/models/openai.yml: error: cannot write: is a directory")
        #expect(failures[1]?.path == "config/models/openai.yml")
        workspace.commit(changedFiles: true)
        #expect(try root.read("config/models/anthropic.yml") == Self.anthropic)
        #expect(root.files(in: "config/models") == [".modelsync.lock", "anthropic.yml", "openai.yml"])
    }

    @Test func aModelsDirectoryThatCannotBeCreatedIsARunFailureNamingItAsShown() throws {
        let root = try TemporaryDirectory()
        try root.write("config", "a file where the directory should be\n")
        let failure = try #require(throws: RunFailure.self) {
            try Workspace.open(modelsDirectory(in: root), writes: true)
        }
        #expect(failure.status == .failure)
        #expect(failure.diagnostics.first?.path == "config/models")
    }

    @Test func closingWritesWhatWasHandedOverAndThenWritesNothingMore() throws {
        let root = try TemporaryDirectory()
        let workspace = try Workspace.open(modelsDirectory(in: root), writes: true)
        workspace.write(Array(Self.anthropic.utf8), to: "anthropic", index: 0)
        workspace.close()
        #expect(try root.read("config/models/anthropic.yml") == Self.anthropic, "close waits for the writers")
        workspace.write(Array("provider: openai\n".utf8), to: "openai", index: 1)
        #expect(root.files(in: "config/models") == [".modelsync.lock", "anthropic.yml"], "no write after close")
        let second = try Workspace.open(modelsDirectory(in: root), writes: true)
        second.close()
    }
}
