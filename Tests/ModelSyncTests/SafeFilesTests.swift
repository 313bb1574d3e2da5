import Diagnostics
import Foundation
import SafeFiles
import TestSupport
import Testing

/// `AtomicFileWriter`, `AtomicWritePool` and `DirectoryLock`: atomic replacement keeping permissions, failures naming
/// the path, removal of a killed run's temporary files, and a lock that is exclusive, waits on an injected clock until
/// its deadline in pauses of at most `retryInterval`, and is taken as soon as its holder lets go.
@Suite struct SafeFilesTests {
    @Test func atomicWritesReplaceContentKeepPermissionsAndLeaveNoTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("openai.yml")
        try directory.write("openai.yml", "old\n")
        chmod(path, 0o640)
        try AtomicFileWriter.write(Array("new\n".utf8), to: path)
        #expect(try directory.read("openai.yml") == "new\n")
        var status = stat()
        stat(path, &status)
        #expect(status.st_mode & 0o7777 == 0o640)
        #expect(directory.files() == ["openai.yml"])
    }

    @Test func writingIntoAMissingDirectoryFailsNamingTheTargetAndTheReason() {
        #expect(throws: AtomicWriteError.self) {
            try AtomicFileWriter.write([1], to: "/nonexistent-dir-for-modelsync/x.yml")
        }
        do {
            try AtomicFileWriter.write([1], to: "/nonexistent-dir-for-modelsync/x.yml")
        } catch {
            #expect(
                error.description == "/nonexistent-dir-for-modelsync/x.yml: cannot write: cannot create a temporary "
                    + "file beside it: no such file or directory")
        }
    }

    @Test func staleTemporaryFilesOfKilledRunsAreRemovedOnlyForTheirSuffix() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".openai.yml.tmp-123-abc", "half")
        try directory.write(".notes.txt.tmp-1", "other")
        try directory.write("openai.yml", "x")
        #expect(
            AtomicFileWriter.removeStaleTemporaryFiles(in: directory.path, forFilesEnding: ".yml") == [
                ".openai.yml.tmp-123-abc"
            ])
        #expect(directory.files() == [".notes.txt.tmp-1", "openai.yml"])
    }

    @Test func theWritePoolWritesEveryFileAndReportsFailuresByIndex() throws {
        let directory = try TemporaryDirectory()
        let pool = AtomicWritePool(threads: 3)
        for index in 0..<20 {
            pool.submit(Array("file \(index)\n".utf8), to: directory.file("f\(index).yml"), index: index)
        }
        pool.submit([1], to: "/nonexistent-dir-for-modelsync/x.yml", index: 20)
        let failures = pool.finish()
        #expect(Array(failures.keys) == [20])
        #expect(failures[20]?.reason == "cannot create a temporary file beside it: no such file or directory")
        #expect(directory.files() == (0..<20).map { "f\($0).yml" }.sorted())
        #expect(try directory.read("f7.yml") == "file 7\n")
    }
}

extension SafeFilesTests {
    /// `DirectoryLock` against another holder in the same process (an `flock` on another open file description of
    /// the lock file, which conflicts on Linux and macOS alike), waiting on a fake clock: time moves only when the
    /// lock pauses, so every run makes the same attempts and nothing sleeps.
    @Suite struct DirectoryLockTests {
        @Test func theLockIsExclusiveAndFreedOnRelease() throws {
            let directory = try TemporaryDirectory()
            let lockFile = directory.file(".modelsync.lock")
            let first = try DirectoryLock.acquire(directory: directory.path)
            #expect(first.path == lockFile)
            let clock = FakeClock()
            #expect(throws: DirectoryLockError.held(path: lockFile, waited: 0)) {
                try DirectoryLock.acquire(directory: directory.path, waiting: clock.waiting)
            }
            // A negative wait is no wait.
            #expect(throws: DirectoryLockError.held(path: lockFile, waited: 0)) {
                try DirectoryLock.acquire(directory: directory.path, wait: -1, waiting: clock.waiting)
            }
            #expect(clock.pauses.isEmpty)
            first.release()
            let second = try DirectoryLock.acquire(directory: directory.path, waiting: clock.waiting)
            #expect(clock.pauses.isEmpty)
            second.release()
            // Released twice: nothing happens, and the lock stays free.
            second.release()
            try DirectoryLock.acquire(directory: directory.path).release()
        }

        @Test(arguments: [0.05, 0.1, 0.35, 2.0])
        func aHeldLockIsTriedUntilTheDeadlineInPausesOfAtMostTheRetryInterval(wait: Double) throws {
            let directory = try TemporaryDirectory()
            let holder = try DirectoryLock.acquire(directory: directory.path)
            defer { holder.release() }
            let clock = FakeClock(start: 1_000)
            #expect(throws: DirectoryLockError.held(path: directory.file(".modelsync.lock"), waited: wait)) {
                try DirectoryLock.acquire(directory: directory.path, wait: wait, waiting: clock.waiting)
            }
            let pauses = clock.pauses
            #expect(!pauses.isEmpty)
            #expect(pauses.allSatisfy { $0 > 0 && $0 <= DirectoryLock.retryInterval })
            #expect(pauses.dropLast().allSatisfy { $0 == DirectoryLock.retryInterval })
            #expect(abs(pauses.reduce(0, +) - wait) < 1e-9)
            // It gave up only once the deadline had come.
            #expect(clock.now >= 1_000 + wait)
        }

        @Test func whenTheHolderLetsGoDuringTheThirdPauseTheLockIsTakenAfterExactlyThreePauses() throws {
            let directory = try TemporaryDirectory()
            let holder = LockHolder(try DirectoryLock.acquire(directory: directory.path))
            let clock = FakeClock { pauseNumber in
                if pauseNumber == 3 { holder.release() }
            }
            let lock = try DirectoryLock.acquire(directory: directory.path, wait: 10, waiting: clock.waiting)
            defer { lock.release() }
            #expect(clock.pauses == Array(repeating: DirectoryLock.retryInterval, count: 3))
            #expect(lock.path == directory.file(".modelsync.lock"))
            // The new holder holds it now.
            #expect(throws: DirectoryLockError.held(path: directory.file(".modelsync.lock"), waited: 0)) {
                try DirectoryLock.acquire(directory: directory.path)
            }
        }

        @Test func aLockFileThatCannotBeOpenedIsUnavailableNotHeld() {
            #expect(
                throws: DirectoryLockError.unavailable(
                    path: "/nonexistent-dir-for-modelsync/.modelsync.lock",
                    reason: "no such file or directory")
            ) {
                try DirectoryLock.acquire(directory: "/nonexistent-dir-for-modelsync")
            }
        }

        @Test func theHeldMessageSaysHowLongItWaitedOrNamesTheWaitOption() {
            let renderer = DiagnosticRenderer { option, value in
                "--\(option.rawValue)" + (value.map { " " + $0 } ?? "")
            }
            #expect(
                renderer.render(DirectoryLockError.held(path: "/m/.modelsync.lock", waited: 5).diagnostic)
                    == "error: /m/.modelsync.lock: another modelsync sync holds the lock on this models directory; it "
                    + "was still held after waiting 5 s; try again later")
            #expect(
                DirectoryLockError.held(path: "/m/.modelsync.lock", waited: 0.5).description
                    == "/m/.modelsync.lock: another modelsync sync holds the lock on this models directory; it was "
                    + "still held after waiting 0.5 s; try again later")
            #expect(
                DirectoryLockError.held(path: "/m/.modelsync.lock", waited: 0).description
                    == "/m/.modelsync.lock: another modelsync sync holds the lock on this models directory; try again "
                    + "later, or pass option 'wait' SECONDS")
        }
    }
}

/// A monotonic clock that moves only when a lock wait pauses: each pause advances it by the pause and is recorded;
/// `onPause` runs with the pause's 1-based number before the clock moves.
private final class FakeClock: @unchecked Sendable {
    private let mutex = NSLock()
    private var time: Double
    private var recorded: [Double] = []
    private let onPause: @Sendable (Int) -> Void

    init(start: Double = 0, onPause: @escaping @Sendable (Int) -> Void = { _ in }) {
        time = start
        self.onPause = onPause
    }

    var now: Double { mutex.withLock { time } }

    var pauses: [Double] { mutex.withLock { recorded } }

    var waiting: DirectoryLock.Waiting {
        DirectoryLock.Waiting(now: { self.now }, pause: { self.pause($0) })
    }

    private func pause(_ seconds: Double) {
        let number = mutex.withLock {
            recorded.append(seconds)
            return recorded.count
        }
        onPause(number)
        mutex.withLock { time += seconds }
    }
}

/// Another holder of a lock, released from a pause of the fake clock.
private final class LockHolder: @unchecked Sendable {
    private let lock: DirectoryLock

    init(_ lock: DirectoryLock) {
        self.lock = lock
    }

    func release() {
        lock.release()
    }
}
