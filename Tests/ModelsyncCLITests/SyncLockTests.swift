import CatalogTestSupport
import Foundation
import Testing

/// The lock on the models directory (SPEC §8), held by the test process as another `sync` would hold it.
struct SyncLockTests {
    static let new = Fixtures.modelsDev("api-2026-01-05.json").path
    static let heldMessage =
        "error: config/models/.modelsync.lock: another modelsync sync holds the lock on this models directory"

    @Test func syncExits75AtOnceWhileAnotherRunHoldsTheLock() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let lock = try HeldLock(modelsDirectory: runner.modelsDirectory)
        let before = try runner.modelsState()

        let result = try await runner.run(["sync", "--source", Self.new])
        let elapsed = result.elapsed

        #expect(result.status == 75)
        #expect(result.stderr == Self.heldMessage + "; try again later, or pass --wait SECONDS\n")
        #expect(result.stdout.isEmpty)
        #expect(elapsed < 2, "no waiting without --wait (took \(elapsed) s)")
        #expect(try runner.modelsState() == before)
        lock.release()
    }

    @Test func syncWithWaitWaitsThatLongThenExits75() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let lock = try HeldLock(modelsDirectory: runner.modelsDirectory)
        let before = try runner.modelsState()

        let result = try await runner.run(["sync", "--source", Self.new, "--wait", "1"])
        let elapsed = result.elapsed

        #expect(result.status == 75)
        #expect(result.stderr == Self.heldMessage + " after waiting 1 s; try again later, or pass --wait SECONDS\n")
        #expect(elapsed >= 1 && elapsed < 4, "waited \(elapsed) s")
        #expect(try runner.modelsState() == before)
        lock.release()
    }

    @Test func aFractionalWaitIsReportedAsTheTimeWaited() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let lock = try HeldLock(modelsDirectory: runner.modelsDirectory)

        let result = try await runner.run(["sync", "--source", Self.new, "--wait", "0.5"])
        let elapsed = result.elapsed

        #expect(result.status == 75)
        #expect(result.stderr == Self.heldMessage + " after waiting 0.5 s; try again later, or pass --wait SECONDS\n")
        #expect(elapsed >= 0.5 && elapsed < 3.5, "waited \(elapsed) s")
        lock.release()
    }

    @Test func syncWithWaitProceedsOnceTheLockIsReleased() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let lock = try HeldLock(modelsDirectory: runner.modelsDirectory)

        let result = try await runner.run(["sync", "--quiet", "--source", Self.new, "--wait", "30"]) {
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.8) { lock.release() }
        }

        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.elapsed >= 0.8 && result.elapsed < 15, "took \(result.elapsed) s")
        #expect(result.stdout.split(separator: "\n").count == 3, "all three files updated: \(result.stdout)")
    }

    @Test func checkAndDryRunTakeNoLock() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let lock = try HeldLock(modelsDirectory: runner.modelsDirectory)
        let before = try runner.modelsState()

        let outdated = try await runner.run(["check", "--quiet", "--source", Self.new])
        #expect(outdated.status == 1, "\(outdated.stderr)")
        #expect(outdated.stdout.split(separator: "\n").count == 3)
        let current = try await runner.run(["check", "--source", SyncBadInputTests.old])
        #expect(current.status == 0, "\(current.stderr)")
        #expect(current.stdout.hasSuffix("3 files: 3 current\n"), "\(current.stdout)")
        let dryRun = try await runner.run(["sync", "--dry-run", "--source", Self.new])
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(try runner.modelsState() == before)
        lock.release()
    }
}
