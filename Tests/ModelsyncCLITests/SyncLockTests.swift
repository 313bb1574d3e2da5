import Foundation
import SafeFiles
import TestSupport
import Testing

/// The lock on the models directory (docs/merge-rules.md, "The lock"), held by the test as another `sync` would hold
/// it; the wait for it runs on a clock the test controls, so no test sleeps or measures time.
struct SyncLockTests {
    static let new = Fixtures.modelsDev("api-2026-01-05.json").path
    static let heldMessage =
        "error: config/models/.modelsync.lock: another modelsync sync holds the lock on this models directory"

    @Test func syncExits75AtOnceWhileAnotherRunHoldsTheLock() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let lock = try HeldLock(modelsDirectory: runner.modelsDirectory)
        let before = try runner.modelsState()
        let clock = FakeLockClock()

        let result = try await runner.run(["sync", "--source", Self.new], lockWaiting: clock.waiting)

        #expect(result.status == 75)
        #expect(result.stderr == Self.heldMessage + "; try again later, or pass --wait SECONDS\n")
        #expect(result.stdout.isEmpty)
        #expect(clock.pauses.isEmpty, "no waiting without --wait: \(clock.pauses)")
        #expect(try runner.modelsState() == before)
        lock.release()
    }

    @Test(arguments: [("1", 1.0), ("0.5", 0.5)])
    func syncWithWaitWaitsThatLongThenExits75(wait: String, seconds: Double) async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let lock = try HeldLock(modelsDirectory: runner.modelsDirectory)
        let before = try runner.modelsState()
        let clock = FakeLockClock()

        let result = try await runner.run(["sync", "--source", Self.new, "--wait", wait], lockWaiting: clock.waiting)

        #expect(result.status == 75)
        #expect(
            result.stderr == Self.heldMessage + "; it was still held after waiting \(wait) s; try again later\n")
        #expect(abs(clock.pauses.reduce(0, +) - seconds) < 1e-9, "paused \(clock.pauses)")
        #expect(clock.pauses.allSatisfy { $0 > 0 && $0 <= DirectoryLock.retryInterval })
        #expect(try runner.modelsState() == before)
        lock.release()
    }

    @Test func syncWithWaitProceedsOnceTheLockIsReleased() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let lock = try HeldLock(modelsDirectory: runner.modelsDirectory)
        let clock = FakeLockClock { pause in if pause == 3 { lock.release() } }

        let result = try await runner.run(
            ["sync", "--quiet", "--accept-held", "--source", Self.new, "--wait", "30"], lockWaiting: clock.waiting)

        #expect(result.status == 0, "\(result.stderr)")
        #expect(clock.pauses.count == 3, "took the lock after the third pause: \(clock.pauses)")
        #expect(result.stdout.split(separator: "\n").count == 3, "all three files updated: \(result.stdout)")
    }

    @Test func checkAndDryRunTakeNoLock() async throws {
        let runner = try await SyncBadInputTests.bootstrapped()
        let lock = try HeldLock(modelsDirectory: runner.modelsDirectory)
        let before = try runner.modelsState()

        let outdated = try await runner.run(["check", "--quiet", "--accept-held", "--source", Self.new])
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

/// A clock for the lock's wait that the test controls: it starts at 0, each pause advances it by the pause and
/// records it, and `onPause` (given the pause's number, from 1) may act, such as releasing the lock.
final class FakeLockClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time = 0.0
    private var recorded: [Double] = []
    private let onPause: @Sendable (Int) -> Void

    init(onPause: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.onPause = onPause
    }

    /// The pauses asked for, in seconds, in order.
    var pauses: [Double] { lock.withLock { recorded } }

    var waiting: DirectoryLock.Waiting {
        DirectoryLock.Waiting(
            now: { self.lock.withLock { self.time } },
            pause: { seconds in
                let count = self.lock.withLock {
                    self.time += seconds
                    self.recorded.append(seconds)
                    return self.recorded.count
                }
                self.onPause(count)
            })
    }
}
